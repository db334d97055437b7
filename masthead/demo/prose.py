"""Assemble a story's words from a beat, the same words for the same story number.

Each story draws from a random generator seeded with its beat and number, so the demo
is identical on every machine and every run, and the loader can tell which stories
already exist from their slugs alone.
"""

import random
import uuid
from dataclasses import dataclass
from html import escape

from django.utils.text import slugify

from masthead.demo.beats import CLOSINGS, GENERIC, GENERIC_QUOTES, Beat

FIRST_NAMES = (
    "Rania", "Omar", "Lina", "Khaled", "Samir", "Hala", "Yousef", "Dina", "Tareq", "Nour",
    "Faris", "Maha", "Ziad", "Salma", "Karim", "Leila", "Bassam", "Reem", "Nabil", "Aya",
    "Hadi", "Jumana", "Majd", "Sawsan",
)  # fmt: skip
LAST_NAMES = (
    "Haddad", "Nasser", "Khoury", "Saleh", "Mansour", "Qasem", "Darwish", "Hamdan",
    "Barakat", "Azar", "Shami", "Tamimi", "Masri", "Obeidat", "Zoubi", "Hijazi", "Kanaan",
    "Sabbagh", "Rifai", "Jaber",
)  # fmt: skip
FOOTBALL_CLUBS = (
    "Citadel FC", "Harbour Stars", "Northern Falcons", "Riverside United", "Desert Lions",
    "Olive Grove Athletic", "Aqaba Mariners", "Capital Sporting",
)  # fmt: skip
BASKETBALL_CLUBS = (
    "Capital Hawks", "Eastern Cedars", "Valley Knights", "Port City Sharks", "Hilltop Eagles",
)  # fmt: skip
SCORES = ("2-1", "1-0", "3-1", "2-0", "3-2", "4-2")
BOOKS = (
    "The Salt Road", "Letters from the Upper Town", "A Season of Figs",
    "The Lamp Maker's Daughter", "Nine Bridges", "What the River Kept",
    "The House on the Seventh Hill",
)  # fmt: skip
FILMS = (
    "The Last Bus North", "Blue Hour in the Old Port", "The Orchard Keepers",
    "Sand and Static", "A Wedding in August",
)  # fmt: skip
FESTIVALS = (
    "the Citadel Nights Festival", "the Seven Hills Music Festival",
    "the Old Courtyard Festival",
)  # fmt: skip
NUMBERS = (140, 180, 240, 320, 450, 600, 850)
AMOUNTS = (12, 18, 25, 40, 65, 90, 140)
# Where quotes break up the body: after the lead and two facts, then every five paragraphs.
QUOTE_POSITIONS = (3, 8, 13)


@dataclass(frozen=True)
class StoryText:
    title: str
    slug: str
    standfirst: str
    dateline: str
    body: list[dict]
    tags: tuple[str, ...]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sentence(template: str, slots: dict) -> str:
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


def _slots(beat: Beat, rng: random.Random, nth: int) -> dict:
    places = rng.sample(beat.places, min(2, len(beat.places)))
    clubs = BASKETBALL_CLUBS if beat.key == "basketball" else FOOTBALL_CLUBS
    team, team2 = rng.sample(clubs, 2)
    return {
        "place": places[0],
        "place2": places[-1],
        "pct": rng.randint(3, 18),
        "pct2": rng.randint(2, 6),
        "num": rng.choice(NUMBERS),
        "amount": rng.choice(AMOUNTS),
        "months": rng.randint(3, 18),
        "team": team,
        "team2": team2,
        "score": rng.choice(SCORES),
        "player": person_name(rng),
        "writer": person_name(rng),
        # Rotated, not drawn, so that a beat's consecutive stories name different works.
        "book": BOOKS[nth % len(BOOKS)],
        "film": FILMS[nth % len(FILMS)],
        "festival": FESTIVALS[nth % len(FESTIVALS)],
    }


def _paragraph(text: str, rng: random.Random) -> dict:
    html = f"<p>{escape(text, quote=False)}</p>"
    return {"type": "paragraph", "value": html, "id": block_id(rng)}


def _quote(text: str, attribution: str, rng: random.Random) -> dict:
    value = {"quote": text, "attribution": attribution}
    return {"type": "quote", "value": value, "id": block_id(rng)}


def _body(beat: Beat, topic, slots: dict, rng: random.Random, length: int) -> list[dict]:
    """Lead, facts and context interleaved, a quote every few paragraphs, a closing line."""
    facts = [sentence(fact, slots) for fact in topic.facts]
    extras = [sentence(s, slots) for s in rng.sample(beat.background, len(beat.background))]
    extras += rng.sample(GENERIC, 8)
    texts = [sentence(topic.lead, slots), *facts[:2]]
    rest = facts[2:]
    while rest or extras:
        if rest:
            texts.append(rest.pop(0))
        if extras:
            texts.append(extras.pop(0))
    quote_texts = [sentence(q, slots) for q in topic.quotes] + [rng.choice(GENERIC_QUOTES)]
    quote_at = [i for i in QUOTE_POSITIONS if i < length - 1][: len(quote_texts)]
    texts = texts[: length - 1 - len(quote_at)] + [rng.choice(CLOSINGS)]
    blocks = [_paragraph(text, rng) for text in texts]
    roles = rng.sample(beat.roles, len(beat.roles))
    for n, index in enumerate(quote_at):
        attribution = f"{person_name(rng)}, {roles[n % len(roles)]}"
        blocks.insert(index, _quote(quote_texts[n], attribution, rng))
    return blocks


def story_text(
    *, beat: Beat, number: int, nth: int, agency_short: str = "", numbered_slug: bool = False
) -> StoryText:
    """Write story `number`, the `nth` of its beat; agency copy names the agency in its dateline.

    Topics and headlines rotate with `nth`, so a beat's consecutive stories differ.
    """
    rng = random.Random(f"{beat.key}:{number}")
    topic = beat.topics[nth % len(beat.topics)]
    headline = topic.headlines[(nth // len(beat.topics)) % len(topic.headlines)]
    slots = _slots(beat, rng, nth)
    title = sentence(headline, slots)
    slug = slugify(title)[:70].rstrip("-")
    if numbered_slug:
        slug = f"{slug[:60].rstrip('-')}-{number}"
    place = beat.dateline if beat.dateline is not None else slots["place"]
    dateline = place.upper()
    if dateline and agency_short:
        dateline = f"{dateline} ({agency_short})"
    tags = tuple(rng.sample(beat.tags, min(2, len(beat.tags))))
    return StoryText(
        title=title,
        slug=slug,
        standfirst=sentence(topic.standfirst, slots),
        dateline=dateline,
        body=_body(beat, topic, slots, rng, length=rng.randint(8, 20)),
        tags=tags,
    )
