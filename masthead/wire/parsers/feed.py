"""RSS 0.9x to 2.0 and Atom 0.3/1.0 through feedparser; every HTML field through nh3."""

import hashlib
import re
from datetime import UTC, datetime

import feedparser

from masthead.core.html import clean_html, html_to_text
from masthead.wire.parsers.base import ARTICLE, ParseError, WireEntry, WireParser, WirePicture
from masthead.wire.parsers.ninjs import plain_to_html
from masthead.wire.parsers.safexml import screen_entities

FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")


def _time(parsed) -> datetime | None:
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _html(detail: dict | None) -> str:
    """Clean HTML from a feedparser text construct; escape it first if it is plain text."""
    if not detail or not detail.get("value"):
        return ""
    if detail.get("type", "text/html") == "text/plain":
        return plain_to_html(detail["value"])
    return clean_html(detail["value"])


def _person(author: dict) -> str:
    name = author.get("name", "")
    return "" if "@" in name else html_to_text(name)


def _is_image(kind: str, url: str, medium: str = "") -> bool:
    if medium:
        return medium == "image"
    if kind:
        return kind.startswith("image/")
    return url.lower().split("?")[0].endswith(IMAGE_EXTENSIONS)


def pictures_of(entry) -> list[WirePicture]:
    """media:content, then enclosures, then media:thumbnail: the first picture found."""
    plain = [c.get("value", "") for c in entry.get("content", []) if c.get("type") == "text/plain"]
    credit = ", ".join(c.get("content", "") for c in entry.get("media_credit", []) if c)
    common = {
        "caption": html_to_text(plain[0]) if plain else "",
        "credit": html_to_text(credit)[:255],
        "copyright": html_to_text(str(entry.get("media_copyright") or entry.get("rights") or ""))[
            :255
        ],
        "title": html_to_text(entry.get("title", ""))[:255],
    }
    candidates = [
        (m.get("url", ""), m.get("type", ""), m.get("medium", ""))
        for m in entry.get("media_content", [])
    ]
    candidates += [
        (link.get("href", ""), link.get("type", ""), "")
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure"
    ]
    candidates += [(m.get("url", ""), "", "image") for m in entry.get("media_thumbnail", [])]
    for url, kind, medium in candidates:
        if url and _is_image(kind, url, medium):
            return [WirePicture(href=url, media_type=kind, **common)]
    return []


class FeedParser(WireParser):
    format = "feed"
    label = "RSS or Atom feed"

    def sniff(self, data: bytes) -> bool:
        head = data[:4096].lower()
        return any(root in head for root in FEED_ROOTS)

    def parse(self, data: bytes, *, name: str, base: str) -> list[WireEntry]:
        screen_entities(data)
        # feedparser's own sanitiser is off: nh3 is the one sanitiser of the project.
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=True)
        if parsed.bozo and not parsed.entries and not parsed.feed:
            raise ParseError(f"not a readable feed: {parsed.get('bozo_exception')}")
        publisher = html_to_text(parsed.feed.get("publisher", ""))
        return [
            self.entry(item, publisher=publisher, name=name, base=base) for item in parsed.entries
        ]

    def entry(self, item, *, publisher: str, name: str, base: str) -> WireEntry:
        content = [c for c in item.get("content", []) if c.get("type") != "text/plain"]
        body = _html(content[0]) if content else ""
        summary = _html(item.get("summary_detail"))
        headline = html_to_text(item.get("title", ""))
        guid = item.get("id") or item.get("link") or self.fingerprint(item, name)
        if not headline:
            return WireEntry.skipped(
                guid, "not an article: the entry has no title", format=self.format
            )
        # feedparser splits "desk@wire.example (Jane Roe)" badly; read that form ourselves.
        raw = _EMAIL_NAME.match(item.get("author", ""))
        authors = (
            [html_to_text(raw.group("name"))]
            if raw
            else [_person(a) for a in item.get("authors", [])]
        )
        # dict.get: feedparser's own get() maps a missing updated to published, with a warning.
        updated = _time(dict.get(item, "updated_parsed"))
        return WireEntry(
            guid=str(guid)[:500],
            kind=ARTICLE,
            headline=headline[:255],
            standfirst=html_to_text(summary)[:600] if body else "",
            body_html=body or summary,
            authors=[a[:200] for a in authors if a],
            agency=publisher[:200],
            first_created=_time(item.get("published_parsed")) or updated,
            version_created=updated,
            subjects=[
                html_to_text(t.get("label") or t.get("term") or "")[:100]
                for t in item.get("tags", [])
                if t.get("label") or t.get("term")
            ],
            pictures=pictures_of(item),
            base=base,
            format=self.format,
        )

    @staticmethod
    def fingerprint(item, name: str) -> str:
        """A stable identifier for an entry that has neither id nor link."""
        seed = f"{name}\n{item.get('title', '')}\n{item.get('published', '')}"
        return "urn:sha1:" + hashlib.sha1(seed.encode()).hexdigest()
