"""`{% picture %}` from picture_tags renders what Wagtail's tag renders, and parses its
filters once per template instead of on every render."""

import pytest
from django.template import engines

from masthead.stories import factories as f

pytestmark = pytest.mark.django_db

TAG = '{% picture photo format-{webp,jpeg} width-{480,800} sizes="100vw" alt="" %}'


def render(library: str, photo) -> str:
    template = engines["django"].from_string(f"{{% load {library} %}}{TAG}")
    return template.render({"photo": photo})


def test_the_markup_is_wagtails_own():
    photo = f.PhotoFactory()
    ours = render("picture_tags", photo)
    assert ours == render("wagtailimages_tags", photo)
    assert ours.count("<source") == 1 and "width-800" in ours and 'sizes="100vw"' in ours


def test_a_template_builds_its_filters_once(monkeypatch):
    from wagtail.images import models

    built = []
    original = models.Filter.__init__

    def counting(self, spec=None):
        built.append(spec)
        original(self, spec=spec)

    monkeypatch.setattr(models.Filter, "__init__", counting)
    photos = [f.PhotoFactory(), f.PhotoFactory()]
    for library in ("picture_tags", "wagtailimages_tags"):
        template = engines["django"].from_string(f"{{% load {library} %}}{TAG}")
        for photo in photos:  # renditions are made
            template.render({"photo": photo})
        built.clear()
        for photo in photos * 3:
            assert "<picture>" in template.render({"photo": photo})
        if library == "picture_tags":
            assert built == []
        else:  # Wagtail's own tag builds four on every render: what this one saves
            assert len(built) == 4 * 6


def test_no_photo_renders_nothing():
    assert render("picture_tags", None) == ""
