"""Build (once) the stock site: a home, 6 sections, 1,000 articles, their images and comments.

Run with DJANGO_SETTINGS_MODULE=bench.stock.settings after django.setup(); all text is
generated here from word lists (no copied news text).
"""

import io
import random
import shutil
import sys
import time
from datetime import timedelta

from django.conf import settings

ARTICLES = 1000
SECTIONS = ["Local", "Region", "Business", "World", "Sport", "Culture"]
# Bump when the models or the generated content change: a new marker rebuilds the site.
VERSION = 2

CITIES = [
    "Amman", "Irbid", "Zarqa", "Aqaba", "Madaba", "Jerash", "Salt", "Karak", "Tafileh",
    "Ajloun", "Mafraq", "Ma'an",
]  # fmt: skip
SUBJECTS = [
    "the city council", "the water authority", "a group of farmers", "the transport ministry",
    "local traders", "the university", "the port operator", "a new start-up",
    "the teachers' union", "the health directorate", "the chamber of commerce",
    "residents of the old quarter",
]  # fmt: skip
VERBS = [
    "plans", "approves", "delays", "questions", "welcomes", "announces", "reviews",
    "opens", "extends", "funds",
]  # fmt: skip
OBJECTS = [
    "a new bus line", "the river clean-up", "a solar farm", "the school timetable",
    "a bigger market hall", "the road repairs", "a water-saving scheme", "a night clinic",
    "the heritage trail", "cheaper broadband", "a cycling lane", "the library extension",
]  # fmt: skip
DETAILS = [
    "Work is expected to take about {n} months, officials said.",
    "The cost is put at {n} million dinars, to be shared over three years.",
    "About {n} households are expected to benefit in the first phase.",
    "A public meeting on the plan is set for next week.",
    "Critics said the timetable was ambitious and the costs unclear.",
    "Supporters said the change was long overdue.",
    "The proposal follows {n} months of consultation with residents.",
    "A final decision is due before the end of the year.",
    "Officials said more details would be published in the coming weeks.",
    "Some {n} people signed a petition on the matter last spring.",
    "The figures will be reviewed again after the summer.",
    "Opposition members said they would press for a vote.",
]  # fmt: skip
QUOTES = [
    "We have waited long enough for this, and people want to see it working.",
    "Numbers alone do not settle the question, but they help.",
    "This is a practical step, and practical steps are the ones that last.",
    "Nobody should have to choose between the rent and the bus fare.",
]
ROLES = ["Staff reporter", "Correspondent", "Business editor", "Sports writer", ""]
FIRST = ["Lina", "Omar", "Rana", "Sami", "Dana", "Karim", "Hala", "Yazan", "Nour", "Tariq"]
LAST = ["Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Qasem", "Aziz", "Farah"]
TAGS = [
    "Water", "Transport", "Energy", "Education", "Health", "Housing", "Trade", "Farming",
    "Heritage", "Budget", "Technology", "Tourism", "Environment", "Labour", "Courts",
    "Elections", "Football", "Music", "Film", "Weather",
]  # fmt: skip
COLOURS = [
    ((196, 120, 60), (240, 210, 160)),
    ((30, 80, 140), (170, 210, 240)),
    ((60, 120, 70), (200, 230, 180)),
    ((120, 50, 90), (240, 190, 210)),
    ((90, 90, 100), (220, 220, 225)),
    ((150, 40, 30), (250, 200, 120)),
]


def out_dir():
    return settings.DATABASES["default"]["NAME"].parent


def marker():
    return out_dir() / f".built-{ARTICLES}-v{VERSION}"


def jpeg(index: int) -> bytes:
    """A 1600x900 JPEG: a vertical gradient with a few bands and circles."""
    from PIL import Image, ImageDraw

    rng = random.Random(index)
    top, bottom = COLOURS[index % len(COLOURS)]
    image = Image.new("RGB", (1600, 900))
    draw = ImageDraw.Draw(image)
    for y in range(900):
        colour = tuple(round(a + (b - a) * y / 899) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (1600, y)], fill=colour)
    for _ in range(8):
        x, y, r = rng.randrange(1600), rng.randrange(900), rng.randrange(40, 220)
        shade = tuple(min(255, c + rng.randrange(-40, 60)) for c in bottom)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def sentence(rng: random.Random) -> str:
    return rng.choice(DETAILS).format(n=rng.randrange(3, 60))


def headline(rng: random.Random, city: str) -> str:
    text = f"{city}: {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text[0].upper() + text[1:]


def body(rng: random.Random, images, city: str) -> list[dict]:
    lead = (
        f"{rng.choice(SUBJECTS).capitalize()} in {city} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)}, in a move expected to affect thousands of residents."
    )
    paragraphs = [lead] + [" ".join(sentence(rng) for _ in range(2)) for _ in range(7)]
    blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    image = rng.choice(images)
    blocks.insert(
        3,
        {
            "type": "image",
            "value": {"image": image.pk, "decorative": False, "alt_text": image.title},
        },
    )
    quote = {"quote": rng.choice(QUOTES), "attribution": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}
    blocks.insert(6, {"type": "quote", "value": quote})
    return blocks


def build() -> float | None:
    """Build the site unless its marker is there; return the seconds it took, if it ran."""
    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    from bench.stock.news.models import (
        ArticlePage,
        ArticlePageAuthor,
        Author,
        Comment,
        HomePage,
        SectionPage,
        VoteTally,
    )

    if marker().exists():
        return None
    started = time.perf_counter()
    out = out_dir()
    # A half-made or older site is thrown away whole.
    for leftover in (out / "db.sqlite3", out / "media"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()
    for old in out.glob(".built-*") if out.exists() else ():
        old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)

    rng = random.Random(2024)
    Image = get_image_model()
    with transaction.atomic():
        images = []
        for index in range(6):
            name = f"stock-{index}.jpg"
            image = Image(title=f"Illustration {index + 1}: bands and circles of colour")
            image.file = ImageFile(io.BytesIO(jpeg(index)), name=name)
            image.save()
            images.append(image)

        authors = Author.objects.bulk_create(
            Author(name=f"{first} {last}", role=rng.choice(ROLES))
            for first, last in zip(FIRST, LAST * 2, strict=False)
        )

        root = Page.get_first_root_node()
        welcome = root.get_children().first()
        home = root.add_child(instance=HomePage(title="The Stock Gazette", slug="stock-home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "testserver", "port": 80, "root_page": home},
        )
        if welcome is not None:
            welcome.delete()
        sections = [
            home.add_child(
                instance=SectionPage(
                    title=name,
                    slug=name.lower(),
                    intro=f"News and analysis: {name.lower()}.",
                    show_in_menus=True,
                )
            )
            for name in SECTIONS
        ]

        now = timezone.now()
        for index in range(ARTICLES):
            city = rng.choice(CITIES)
            title = headline(rng, city)
            published = now - timedelta(minutes=47 * index + rng.randrange(40))
            page = ArticlePage(
                title=title,
                slug=f"{slugify(title)[:200]}-{index}",
                standfirst=f"{sentence(rng)} {sentence(rng)}",
                dateline=city.upper(),
                lead_image=rng.choice(images),
                lead_image_caption=f"{rng.choice(SUBJECTS).capitalize()} at work in "
                f"{rng.choice(CITIES)}.",
                lead_image_credit="Stock Gazette illustration",
                body=body(rng, images, city),
                first_published_at=published,
                last_published_at=published + timedelta(minutes=rng.choice([0, 0, 25, 90])),
                authors=[
                    ArticlePageAuthor(author=author, sort_order=order)
                    for order, author in enumerate(rng.sample(authors, 2))
                ],
            )
            page.tags.add(*rng.sample(TAGS, 3))
            sections[index % len(sections)].add_child(instance=page)

        articles = list(ArticlePage.objects.values_list("pk", flat=True))
        Comment.objects.bulk_create(
            Comment(
                page_id=pk,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)[0]}.",
                body=f"{sentence(rng)}\n\n{sentence(rng)}",
                approved=n < 5,
            )
            for pk in articles[::3]
            for n in range(6)
        )
        VoteTally.objects.bulk_create(
            VoteTally(page_id=pk, up=rng.randrange(50), down=rng.randrange(20)) for pk in articles
        )
    elapsed = time.perf_counter() - started
    marker().write_text(f"{elapsed:.1f}\n")
    return elapsed


if __name__ == "__main__":
    import django

    django.setup()
    took = build()
    print("already built" if took is None else f"built in {took:.1f} s", file=sys.stderr)
