from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from masthead.stories import factories as f


def build_newsroom() -> SimpleNamespace:
    """Two sections, a blog, two reporters, an agency and a handful of stories."""
    world = f.section("World")
    region = f.section("Middle East", parent=world)
    business = f.section("Business")
    desert = f.blog("Desert Notebook")
    rana = f.AuthorFactory(name="Rana Haddad", slug="rana-haddad")
    omar = f.AuthorFactory(name="Omar Saleh", slug="omar-saleh")
    wire = f.AgencyFactory(name="Levant Wire Service", short_name="LWS", slug="lws")
    water = f.article(
        region,
        title="Council approves new water plan",
        standfirst="The plan doubles reservoir storage before summer, the mayor said.",
        authors=[rana],
        tags=["Water", "Amman"],
        published=datetime(2018, 2, 7, 9, 30, tzinfo=ZoneInfo("UTC")),
    )
    drought = f.article(
        region,
        title="Farmers brace for a dry spring",
        standfirst="Rainfall is a third below the average, the weather office said.",
        agency=wire,
        tags=["Water"],
        published=datetime(2018, 2, 8, 11, 0, tzinfo=ZoneInfo("UTC")),
    )
    markets = f.article(
        business,
        title="Phosphate exports climb",
        standfirst="Shipments through Aqaba rose for a third month.",
        authors=[omar],
        agency=wire,
        tags=["Trade"],
        published=datetime(2019, 3, 1, 8, 0, tzinfo=ZoneInfo("UTC")),
    )
    notes = f.blog_post(desert, title="Notes from the reservoir", authors=[rana])
    return SimpleNamespace(
        world=world,
        region=region,
        business=business,
        desert=desert,
        rana=rana,
        omar=omar,
        wire=wire,
        water=water,
        drought=drought,
        markets=markets,
        notes=notes,
    )
