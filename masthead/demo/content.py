"""The demo paper's masthead: sections, agencies, staff and blogs, all invented.

Every name here is made up for the demo. The agencies are fictional and their
websites sit under the reserved .example domain.
"""

from dataclasses import dataclass, field

STRAPLINE = "A demonstration daily: every story, person and agency in it is invented."


@dataclass(frozen=True)
class SectionSpec:
    slug: str
    title: str
    intro: str
    children: tuple["SectionSpec", ...] = field(default=())


SECTIONS = (
    SectionSpec(
        "region",
        "Region",
        "News from across the Middle East and North Africa.",
        (
            SectionSpec(
                "middle-east", "Middle East", "Diplomacy, aid and daily life in the Levant."
            ),
            SectionSpec("gulf", "Gulf", "Politics, investment and society in the Gulf states."),
            SectionSpec("north-africa", "North Africa", "From the Nile to the Atlantic coast."),
        ),
    ),
    SectionSpec(
        "local",
        "Local",
        "The capital and the governorates: councils, schools, roads and water.",
        (
            SectionSpec("capital", "Capital", "City hall, transport and neighbourhood life."),
            SectionSpec("governorates", "Governorates", "Farms, towns and the countryside."),
        ),
    ),
    SectionSpec(
        "business",
        "Business",
        "Companies, markets and the regional economy.",
        (
            SectionSpec("markets", "Markets", "Shares, currencies and commodities."),
            SectionSpec("energy", "Energy", "Power, fuel and the move to renewables."),
        ),
    ),
    SectionSpec("world", "World", "International news that matters to the region."),
    SectionSpec(
        "sport",
        "Sport",
        "Results, transfers and the people behind the games.",
        (
            SectionSpec("football", "Football", "League, cup and national team football."),
            SectionSpec("basketball", "Basketball", "The league, the clubs and the courts."),
        ),
    ),
    SectionSpec(
        "culture",
        "Culture",
        "Books, film, music and the arts.",
        (
            SectionSpec("books", "Books", "New writing, reviews and the people behind them."),
            SectionSpec("arts", "Arts", "Galleries, stages, screens and festivals."),
        ),
    ),
    SectionSpec(
        "opinion",
        "Opinion",
        "Columns and the paper's editorials.",
        (SectionSpec("columns", "Columns", "Our columnists on the week's arguments."),),
    ),
)


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    short_name: str
    website: str


LWS = AgencySpec("lws", "Levant Wire Service", "LWS", "https://lws.example")
MPA = AgencySpec("mpa", "Meridian Press Agency", "MPA", "https://meridian-press.example")
CPA = AgencySpec("crescent", "Crescent Photo Agency", "CPA", "https://crescent-photo.example")
GULF_NEWSWIRE = AgencySpec("gnw", "Gulf Newswire", "GNW", "https://gulf-newswire.example")
AGENCIES = (LWS, MPA, CPA, GULF_NEWSWIRE)
# Agencies that file text; the photo agency only supplies pictures.
TEXT_AGENCIES = (LWS, MPA, GULF_NEWSWIRE)


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    role: str
    bio: str


AUTHORS = (
    AuthorSpec(
        "lina-haddad",
        "Lina Haddad",
        "Diplomatic correspondent",
        "Lina Haddad has covered regional diplomacy for the paper for eleven years, "
        "from summit halls to border crossings.",
    ),
    AuthorSpec(
        "omar-nasser",
        "Omar Nasser",
        "Business editor",
        "Omar Nasser edits the business pages and writes about banks, trade and the "
        "price of everything.",
    ),
    AuthorSpec(
        "hala-mansour",
        "Hala Mansour",
        "Local affairs reporter",
        "Hala Mansour reports on city hall, public transport and the neighbourhoods "
        "of the capital.",
    ),
    AuthorSpec(
        "yousef-darwish",
        "Yousef Darwish",
        "Energy and environment correspondent",
        "Yousef Darwish writes about water, power and climate, and spends too much time "
        "on solar farms.",
    ),
    AuthorSpec(
        "karim-saleh",
        "Karim Saleh",
        "Sports reporter",
        "Karim Saleh has followed league football from the press box and the terraces "
        "since his student days.",
    ),
    AuthorSpec(
        "dina-khoury",
        "Dina Khoury",
        "Culture writer",
        "Dina Khoury reviews books and films and writes the Olive & Thyme food blog.",
    ),
    AuthorSpec(
        "salma-barakat",
        "Salma Barakat",
        "Columnist",
        "Salma Barakat writes a weekly column on politics, education and public life.",
    ),
    AuthorSpec(
        "tareq-azar",
        "Tareq Azar",
        "Gulf correspondent",
        "Tareq Azar reports on the Gulf economies from the paper's regional bureau.",
    ),
)


@dataclass(frozen=True)
class BlogSpec:
    slug: str
    title: str
    intro: str
    beat: str


BLOGS = (
    BlogSpec(
        "olive-and-thyme",
        "Olive & Thyme",
        "Markets, kitchens and the people who feed the city, by Dina Khoury.",
        "food",
    ),
    BlogSpec(
        "the-long-commute",
        "The Long Commute",
        "Buses, bridges and the daily journey across the capital, by Hala Mansour.",
        "commute",
    ),
)
BLOG_POSTS_EACH = 6


def all_sections() -> list[tuple[str | None, SectionSpec]]:
    """Each section with its parent's slug, parents first."""
    pairs: list[tuple[str | None, SectionSpec]] = []
    for top in SECTIONS:
        pairs.append((None, top))
        pairs.extend((top.slug, child) for child in top.children)
    return pairs


# Who covers each beat, first name first; the second joins some stories as co-author.
BEAT_WRITERS = {
    "middle-east": ("lina-haddad", "tareq-azar"),
    "gulf": ("tareq-azar", "omar-nasser"),
    "north-africa": ("lina-haddad", "yousef-darwish"),
    "world": ("lina-haddad", "omar-nasser"),
    "capital": ("hala-mansour", "yousef-darwish"),
    "governorates": ("hala-mansour", "yousef-darwish"),
    "markets": ("omar-nasser", "tareq-azar"),
    "energy": ("yousef-darwish", "omar-nasser"),
    "football": ("karim-saleh",),
    "basketball": ("karim-saleh",),
    "books": ("dina-khoury",),
    "arts": ("dina-khoury",),
    "columns": ("salma-barakat",),
    "food": ("dina-khoury",),
    "commute": ("hala-mansour",),
}
