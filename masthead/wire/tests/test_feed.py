import feedparser
import pytest

from masthead.core.html import clean_html
from masthead.news.models import ArticlePage
from masthead.wire.body import body_blocks
from masthead.wire.parsers import parse_document
from masthead.wire.parsers.base import ARTICLE, SKIP, ParseError
from masthead.wire.parsers.feed import FeedParser
from masthead.wire.services import CREATED, FAILED, wire_source_ingest
from masthead.wire.tests.conftest import jpeg_bytes
from masthead.wire.tests.corpora import FEEDS, files, ids, need_shared
from masthead.wire.tests.safety import executable_parts

WELLFORMED = [
    p for kind in ("rss", "atom", "atom10") for p in files(FEEDS, f"wellformed/{kind}/*.xml")
]  # noqa: E501
SANITIZE = files(FEEDS, "wellformed/sanitize/*.xml")
ILLFORMED = files(FEEDS, "illformed/**/*.xml")


def test_shared_feed_corpora_are_present():
    need_shared()
    assert len(WELLFORMED) > 500 and len(SANITIZE) == 745 and ILLFORMED


@pytest.mark.parametrize("path", WELLFORMED, ids=ids(WELLFORMED))
def test_wellformed_feeds_parse(path):
    entries = FeedParser().parse(path.read_bytes(), name=path.name, base=str(path.parent))
    for entry in entries:
        assert entry.kind in {ARTICLE, SKIP}
        assert entry.guid


def _html_fields(parsed):
    """Every text construct feedparser found, feed and entries, as the HTML it holds."""
    for holder in [parsed.feed, *parsed.entries]:
        for key, value in holder.items():
            if key.endswith("_detail") and isinstance(value, dict) and "value" in value:
                yield value
            if key == "content":
                yield from value


def test_the_sanitise_corpus_leaves_nothing_executable():
    need_shared()
    checked = hostile = 0
    for path in SANITIZE:
        data = path.read_bytes()
        parsed = feedparser.parse(data, sanitize_html=False)
        for detail in _html_fields(parsed):
            hostile += bool(executable_parts(detail["value"]))
            cleaned = clean_html(detail["value"])
            assert not executable_parts(cleaned), (path.name, cleaned)
            for _kind, value in body_blocks(detail["value"]):
                text = value if isinstance(value, str) else value["quote"]
                assert not executable_parts(text), (path.name, text)
            checked += 1
        for entry in FeedParser().parse(data, name=path.name, base=""):
            for fragment in (entry.body_html, entry.standfirst, entry.headline):
                assert not executable_parts(fragment), (path.name, fragment)
    assert checked > 745 and hostile > 500  # the check sees the attacks before cleaning


@pytest.mark.parametrize("path", ILLFORMED, ids=ids(ILLFORMED))
def test_illformed_feeds_are_reported_not_crashed_on(path):
    try:
        entries = parse_document(path.read_bytes(), name=path.name, base="")
    except ParseError as exc:
        assert str(exc)
    else:
        assert all(entry.guid for entry in entries)


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title></item></channel></rss>",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title></item></channel></rss>",
    ],
    ids=["xxe", "nested-entities"],
)
def test_entity_tricks_in_feeds_are_refused(document):
    with pytest.raises(ParseError, match="refused"):
        parse_document(document, name="attack.xml", base="")


def test_a_plain_entity_in_a_feed_doctype_is_read():
    need_shared()
    path = FEEDS / "wellformed/rss/entity_in_doctype.xml"
    [entry] = parse_document(path.read_bytes(), name=path.name, base="")
    assert entry.guid == "tag:example.com,2006-05-04:/blog/"


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<dc:publisher>Test Wire Service</dc:publisher>
<item><guid>urn:test:rss:1</guid><title>Dam opens after repairs</title>
<description>&lt;p&gt;The dam &lt;b&gt;reopened&lt;/b&gt;.&lt;/p&gt;
&lt;script&gt;x()&lt;/script&gt;</description>
<pubDate>Thu, 07 Feb 2019 10:00:00 GMT</pubDate><category>Water</category>
<author>desk@wire.example (Jane Roe)</author>
<media:content url="{picture}" type="image/jpeg" medium="image">
<media:credit>Anadolu Agency photo</media:credit></media:content>
</item></channel></rss>"""


@pytest.mark.django_db
def test_a_remote_feed_and_its_picture_come_through_the_guarded_client(web, section):
    (web.root / "picture.jpg").write_bytes(jpeg_bytes())
    (web.root / "feed.xml").write_text(RSS.format(picture=f"{web.url}/picture.jpg"))
    [result] = wire_source_ingest(source=f"{web.url}/feed.xml", section=section)
    assert result.action == CREATED and not result.warnings
    page = ArticlePage.objects.get(wire_items__guid="urn:test:rss:1")
    assert page.lead_image.credit == "Anadolu Agency photo"
    assert page.agency.name == "Test Wire Service"
    assert [a.name for a in page.authors] == ["Jane Roe"]
    assert "<b>reopened</b>" in page.body[0].value.source
    assert "script" not in page.body[0].value.source


@pytest.mark.django_db
def test_a_feed_on_a_host_not_allowed_is_refused(web, section, settings):
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = []
    (web.root / "feed.xml").write_text(RSS.format(picture="x.jpg"))
    [result] = wire_source_ingest(source=f"{web.url}/feed.xml", section=section)
    assert result.action == FAILED and "loopback" in result.detail
