"""The demo's pictures: abstract scenes drawn with Pillow, released under CC0 (see LICENSE)."""

import functools
import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image

from masthead.demo.drawings import (
    draw_chart,
    draw_dunes,
    draw_fields,
    draw_harbour,
    draw_hills,
    draw_night,
    draw_pitch,
    draw_sea,
    draw_shelves,
    draw_skyline,
    draw_solar,
    draw_stage,
)
from masthead.photos.models import Photo
from masthead.stories.blocks import PHOTO_FILTERS, SHARE_IMAGE_FILTER

COPYRIGHT = "CC0 1.0: drawn by the Masthead project for its demo"
CRESCENT_CREDIT = "Crescent Photo Agency photo"
STAFF_CREDIT = "Staff photo"
FULL_SIZE = (1600, 1000)


@dataclass(frozen=True)
class PictureSpec:
    key: str
    theme: str
    draw: Callable
    title: str
    description: str
    caption: str
    credit: str = CRESCENT_CREDIT


PICTURES = (
    PictureSpec("skyline", "skyline", draw_skyline, "Hillside city at dusk",
                "Illustration: a city of flat roofs, domes and a minaret against an orange "
                "evening sky.", "The sun sets behind the hills of the capital."),
    PictureSpec("night", "night", draw_night, "City lights at night",
                "Illustration: dark buildings with lit windows under a moon and stars.",
                "Lights come on across the city after dark.", STAFF_CREDIT),
    PictureSpec("dunes", "dunes", draw_dunes, "Dunes at midday",
                "Illustration: layers of sand dunes in ochre and rust under a pale sky.",
                "Dunes stretch towards the horizon in the eastern desert."),
    PictureSpec("hills", "hills", draw_hills, "Terraced hills in the north",
                "Illustration: green hills in layers with dark olive trees in the foreground.",
                "Olive trees cover the hillsides of the northern governorates.", STAFF_CREDIT),
    PictureSpec("sea", "sea", draw_sea, "Sunset over the sea",
                "Illustration: a low sun over a dark blue sea, its reflection in bright bands.",
                "The sun sets over the sea off the coast."),
    PictureSpec("harbour", "sea", draw_harbour, "Cranes at the harbour",
                "Illustration: silhouettes of container cranes on a quay at sunset.",
                "Cranes stand idle at the container terminal at the end of a shift."),
    PictureSpec("fields", "fields", draw_fields, "Olive groves in rows",
                "Illustration: rows of round olive trees running towards the horizon.",
                "Olive groves in the countryside ahead of the harvest.", STAFF_CREDIT),
    PictureSpec("chart", "chart", draw_chart, "Trading screen",
                "Illustration: a green line chart and blue bars over a dark grid.",
                "A trading screen shows the day's movements on the bourse."),
    PictureSpec("solar", "solar", draw_solar, "Solar panels in the desert",
                "Illustration: rows of blue solar panels in front of sand dunes.",
                "Solar panels at a power plant in the south."),
    PictureSpec("pitch", "pitch", draw_pitch, "Floodlit football pitch",
                "Illustration: a striped green football pitch with white markings seen "
                "from above.", "The pitch before kick-off at the main stadium.", STAFF_CREDIT),
    PictureSpec("shelves", "shelves", draw_shelves, "Bookshop shelves",
                "Illustration: wooden shelves full of book spines in red, yellow, blue and "
                "green.", "New titles on the shelves of an independent bookshop."),
    PictureSpec("stage", "stage", draw_stage, "Stage lights",
                "Illustration: coloured spotlights over the silhouettes of an audience.",
                "The audience waits for the first concert of the festival.", STAFF_CREDIT),
)  # fmt: skip


@functools.cache
def _picture_bytes(key: str, size: tuple[int, int]) -> bytes:
    spec = next(spec for spec in PICTURES if spec.key == key)
    # The drawings are laid out in pixels of the full size; other sizes are scaled.
    image = spec.draw(FULL_SIZE, random.Random(spec.key)).convert("RGB")
    if size != FULL_SIZE:
        image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def picture_file(spec: PictureSpec, size=FULL_SIZE) -> ImageFile:
    """Draw `spec` as a JPEG; the same spec and size always give the same picture."""
    data = _picture_bytes(spec.key, tuple(size))
    return ImageFile(io.BytesIO(data), name=f"demo-{spec.key}.jpg")


def photos_ensure(*, size=FULL_SIZE) -> dict[str, Photo]:
    """Create the demo photos that are missing, with their renditions; return all by key."""
    photos = {}
    existing = {photo.title: photo for photo in Photo.objects.filter(copyright=COPYRIGHT)}
    for spec in PICTURES:
        photo = existing.get(spec.title)
        if photo is None:
            photo = Photo(
                title=spec.title,
                file=picture_file(spec, size),
                description=spec.description,
                caption=spec.caption,
                credit=spec.credit,
                copyright=COPYRIGHT,
            )
            photo.save()
            # Drawn now rather than by the first reader, who would wait seconds for them.
            photo.get_renditions(*PHOTO_FILTERS, SHARE_IMAGE_FILTER)
        photos[spec.key] = photo
    return photos


def photos_by_theme(photos: dict[str, Photo]) -> dict[str, list[Photo]]:
    themes: dict[str, list[Photo]] = {}
    for spec in PICTURES:
        themes.setdefault(spec.theme, []).append(photos[spec.key])
    return themes
