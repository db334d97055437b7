from PIL import Image

from masthead.demo.images import PICTURES, _picture_bytes, picture_file


def test_there_are_twelve_distinct_pictures_each_described_and_credited():
    assert len({spec.key for spec in PICTURES}) == 12
    for spec in PICTURES:
        assert spec.title and spec.description and spec.caption and spec.credit


def test_each_picture_is_a_jpeg_of_the_requested_size_and_the_same_every_time():
    for spec in PICTURES:
        first = picture_file(spec, size=(320, 200)).file.getvalue()
        _picture_bytes.cache_clear()
        image = Image.open(picture_file(spec, size=(320, 200)).file)
        assert (image.format, image.size) == ("JPEG", (320, 200))
        assert picture_file(spec, size=(320, 200)).file.getvalue() == first
