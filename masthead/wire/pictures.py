"""Get a story's picture (by URL, or as a file beside the document), check it, keep it."""

import hashlib
import io
import warnings
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

from masthead.core import fetch
from masthead.photos.models import Photo
from masthead.wire.parsers.base import WirePicture

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class PictureError(Exception):
    """A picture cannot be had or is not a picture; the message says which and why."""


def picture_location(href: str, base: str) -> str:
    """An absolute http(s) URL, or a local path, for `href` as seen from its document."""
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"}:
        return href
    base_is_url = urlsplit(base).scheme in {"http", "https"}
    if parts.scheme == "file":
        # file:///./photo.jpg in a delivery means "beside the document", nothing else.
        href = unquote(parts.path).lstrip("/").strip()
    elif parts.scheme:
        raise PictureError(f"{href}: only http(s) URLs and files beside the document are read")
    if base_is_url:
        return urljoin(base, href)
    return href


def picture_bytes(picture: WirePicture, *, base: str, fetcher=fetch.fetch_picture) -> bytes:
    """The picture's bytes, through the guarded client or from the document's own folder."""
    location = picture_location(picture.href, base)
    if urlsplit(location).scheme in {"http", "https"}:
        try:
            return fetcher(location).content
        except fetch.FetchError as exc:
            raise PictureError(str(exc)) from None
    if not base:
        raise PictureError(f"{picture.href}: a relative picture needs a document folder")
    folder = Path(base).resolve()
    path = (folder / location).resolve()
    if not path.is_relative_to(folder):
        raise PictureError(f"{picture.href}: outside the document's folder, not read")
    try:
        if path.stat().st_size > fetch.PICTURE_MAX_BYTES:
            raise PictureError(f"{picture.href}: larger than {fetch.PICTURE_MAX_BYTES} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise PictureError(f"{picture.href}: cannot be read ({exc.strerror})") from None


def picture_check(data: bytes) -> str:
    """Return the file extension for `data`, if Pillow finds a whole, sane picture in it."""
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and fails at twice that; fail at once.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError("refused: too many pixels (a decompression bomb?)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PictureError(f"not a picture Masthead can read ({exc})") from None
    if kind not in ACCEPTED_FORMATS:
        raise PictureError(f"a {kind} picture; accepted: {', '.join(ACCEPTED_FORMATS)}")
    return ACCEPTED_FORMATS[kind]


def photo_create(*, data: bytes, picture: WirePicture, fallback_title: str) -> Photo:
    """Save a checked picture as a Photo with its caption, credit and copyright."""
    extension = picture_check(data)
    digest = hashlib.sha1(data).hexdigest()[:12]
    photo = Photo(
        title=(picture.title or fallback_title or "Wire picture")[:255],
        caption=picture.caption,
        credit=picture.credit[:255],
        copyright=picture.copyright[:255],
        file=ImageFile(io.BytesIO(data), name=f"wire-{digest}.{extension}"),
    )
    photo._set_image_file_metadata()
    photo.save()
    return photo


def pictures_fetch(
    pictures: list[WirePicture],
    *,
    base: str,
    kept: dict[str, Photo] | None = None,
    fetcher=fetch.fetch_picture,
) -> tuple[list[tuple[str, object]], list[str]]:
    """Each picture as (href, the Photo kept for that href, or the checked bytes to save).

    A picture that cannot be had is left out and reported; the others stay in order.
    """
    kept = kept or {}
    found, warnings = [], []
    for picture in pictures:
        if any(href == picture.href for href, _ in found):
            continue  # the same picture named twice (a package and its story)
        if picture.href in kept:
            found.append((picture.href, kept[picture.href]))
            continue
        try:
            data = picture_bytes(picture, base=base, fetcher=fetcher)
            picture_check(data)
        except PictureError as exc:
            warnings.append(f"picture not imported: {exc}")
            continue
        found.append((picture.href, (data, picture)))
    return found, warnings


def photos_save(found: list[tuple[str, object]], *, fallback_title: str) -> dict[str, Photo]:
    """Save what `pictures_fetch` found; return the photos by href, in order."""
    photos = {}
    for href, item in found:
        if not isinstance(item, Photo):
            data, picture = item
            item = photo_create(data=data, picture=picture, fallback_title=fallback_title)
        photos[href] = item
    return photos
