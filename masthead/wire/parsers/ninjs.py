"""IPTC ninjs 1.x, 2.x and 3.x (JSON): validated against the official schema, then mapped."""

import functools
import html
import json

from masthead.core.html import clean_html, html_to_text
from masthead.wire.parsers import ninjs_schema
from masthead.wire.parsers.base import (
    ARTICLE,
    PICTURE,
    USABLE,
    WITHDRAWN,
    WITHHELD,
    ParseError,
    RawItem,
    WireEntry,
    WireParser,
    WirePicture,
    fingerprint,
    parse_time,
    split_byline,
)

ARTICLE_TYPES = {None, "text", "composite"}
PICTURE_TYPES = {"picture", "graphic"}
KILLED = {"canceled": WITHDRAWN, "cancelled": WITHDRAWN, "withheld": WITHHELD}
# The widest rendition we take; larger ones cost time and are cut down on serving anyway.
MAX_PICTURE_WIDTH = 2400


def _get(doc: dict, *names):
    """The first of `names` present (1.x/2.x spell them in lower case, 3.x in camelCase)."""
    for name in names:
        value = doc.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _text_of(value) -> str:
    """Plain text of a 1.x string or of a 2.x/3.x list of {role, value} objects."""
    if isinstance(value, str):
        return html_to_text(value)
    if isinstance(value, list):
        for preferred in ("main", None):
            for item in value:
                if isinstance(item, dict) and (preferred is None or item.get("role") == preferred):
                    if item.get("value"):
                        return html_to_text(str(item["value"]))
    return ""


def _first_with_prefix(doc: dict, prefix: str, order: tuple[str, ...]):
    """A 1.x field by its variants, e.g. body_html, then body_xhtml, then any body_*."""
    for name in order:
        if doc.get(name):
            return name, doc[name]
    for name, value in doc.items():
        if name.startswith(prefix) and isinstance(value, str) and value:
            return name, value
    return None, None


def plain_to_html(text: str) -> str:
    """Paragraphs from plain text: blank lines separate them, or else line breaks do."""
    text = text.replace("\r\n", "\n").strip()
    blocks = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return "".join(f"<p>{html.escape(' '.join(b.split()))}</p>" for b in blocks if b.strip())


def body_html(doc: dict) -> str:
    bodies = _get(doc, "bodies")
    if isinstance(bodies, list):
        items = [b for b in bodies if isinstance(b, dict) and b.get("value")]
        for item in items:
            kind = (item.get("contentType") or item.get("contenttype") or "").lower()
            if "html" in kind:
                return clean_html(item["value"])
        if items:
            return plain_to_html(str(items[0]["value"]))
        return ""
    name, value = _first_with_prefix(doc, "body_", ("body_html", "body_xhtml", "body_text"))
    if not value:
        return ""
    return plain_to_html(value) if name == "body_text" else clean_html(value)


def description(doc: dict) -> str:
    descriptions = _get(doc, "descriptions")
    if descriptions:
        return _text_of(descriptions)
    _name, value = _first_with_prefix(
        doc, "description_", ("description_text", "description_html", "description")
    )
    return html_to_text(value or "")


def headline(doc: dict) -> str:
    headlines = _get(doc, "headlines")
    if headlines:
        return _text_of(headlines)
    _name, value = _first_with_prefix(doc, "headline_", ("headline",))
    return html_to_text(value or "")


def _renditions(doc: dict) -> list[dict]:
    renditions = _get(doc, "renditions") or []
    if isinstance(renditions, dict):
        renditions = [dict(value, name=key) for key, value in renditions.items()]
    return [r for r in renditions if isinstance(r, dict) and r.get("href")]


def best_rendition(doc: dict) -> dict | None:
    """The largest picture rendition up to MAX_PICTURE_WIDTH, else the smallest above it."""
    pictures = []
    for rendition in _renditions(doc):
        kind = str(_get(rendition, "contentType", "contenttype", "mimetype") or "").lower()
        if kind and not kind.startswith("image/"):
            continue
        pictures.append(rendition)
    if not pictures:
        return None

    def width(rendition):
        value = rendition.get("width")
        return value if isinstance(value, int | float) else 0

    fitting = [r for r in pictures if 0 < width(r) <= MAX_PICTURE_WIDTH]
    if fitting:
        return max(fitting, key=width)
    sized = [r for r in pictures if width(r) > MAX_PICTURE_WIDTH]
    return min(sized, key=width) if sized else pictures[0]


def picture_of(doc: dict) -> WirePicture | None:
    rendition = best_rendition(doc)
    if rendition is None:
        return None
    return WirePicture(
        href=str(rendition["href"]),
        caption=description(doc) or headline(doc),
        credit=html_to_text(str(_get(doc, "by", "byline") or "")),
        copyright=html_to_text(
            str(
                _get(
                    doc, "copyrightnotice", "copyrightNotice", "copyrightholder", "copyrightHolder"
                )
                or ""
            )
        ),
        title=headline(doc),
        media_type=str(_get(rendition, "contentType", "contenttype", "mimetype") or ""),
    )


def _associations(doc: dict) -> list[dict]:
    associations = _get(doc, "associations") or []
    if isinstance(associations, dict):
        associations = list(associations.values())
    return [a for a in associations if isinstance(a, dict)]


def _subjects(doc: dict) -> list[str]:
    names = []
    for subject in _get(doc, "subjects", "subject") or []:
        if isinstance(subject, dict) and isinstance(subject.get("name"), str):
            name = html_to_text(subject["name"])[:100]
            if name and name not in names:
                names.append(name)
    return names


def _agency(doc: dict) -> str:
    sources = _get(doc, "infosources", "infosource") or []
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict) and source.get("name"):
            return html_to_text(str(source["name"]))
    return html_to_text(str(_get(doc, "copyrightholder", "copyrightHolder") or ""))


class NinjsParser(WireParser):
    format = "ninjs"
    label = "IPTC ninjs (JSON)"

    def __init__(self, *, version: str | None = None):
        self.version = version

    def sniff(self, data: bytes) -> bool:
        return data.lstrip()[:1] in (b"{", b"[")

    def parse(self, data: bytes, *, name: str, base: str) -> list[WireEntry]:
        return [item.read() for item in self.items(data, name=name, base=base)]

    def items(self, data: bytes, *, name: str, base: str) -> list[RawItem]:
        """Fingerprint each item as sent; validate and map it only when `read`."""
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"not valid JSON: {exc}") from None
        docs = document if isinstance(document, list) else [document]
        items = []
        for i, doc in enumerate(docs):
            item_name = f"{name}#{i}" if i else name
            guid = str(doc.get("uri") or item_name) if isinstance(doc, dict) else item_name
            read = functools.partial(self.entry, doc, name=item_name, base=base)
            items.append(RawItem(guid, fingerprint([self.format, self.version, doc]), read))
        return items

    def entry(self, doc, *, name: str, base: str) -> WireEntry:
        guid = str(doc.get("uri") or name) if isinstance(doc, dict) else name
        try:
            version = ninjs_schema.validate(doc, version=self.version)
        except ninjs_schema.SchemaError as exc:
            return WireEntry.failed(guid, f"refused: {exc}", format=self.format)
        kind = doc.get("type")
        fields = {"format": f"{self.format} {version}", "base": base}
        if kind not in ARTICLE_TYPES | PICTURE_TYPES:
            return WireEntry.skipped(guid, f"not an article: a ninjs {kind} item", **fields)
        title = headline(doc)
        if not title:
            return WireEntry.skipped(guid, "not an article: the item has no headline", **fields)
        entry = self.article(doc, guid=guid, headline=title, fields=fields)
        if kind in PICTURE_TYPES:
            entry.kind = PICTURE
            picture = picture_of(doc)
            entry.pictures = [picture] if picture else []
            entry.body_html = entry.body_html or plain_to_html(description(doc))
            entry.authors = []  # the "by" of a picture is its photographer: the credit
        return entry

    def article(self, doc: dict, *, guid: str, headline: str, fields: dict) -> WireEntry:
        agency = _agency(doc)
        status = str(_get(doc, "pubstatus", "pubStatus") or USABLE).lower()
        version_created = parse_time(_get(doc, "versioncreated", "versionCreated"))
        entry = WireEntry(
            guid=guid,
            kind=ARTICLE,
            version=str(doc.get("version") or ""),
            headline=headline[:255],
            standfirst=description(doc)[:600],
            body_html=body_html(doc),
            authors=split_byline(html_to_text(str(_get(doc, "by", "byline") or "")), agency),
            agency=agency,
            first_created=parse_time(_get(doc, "firstcreated", "firstCreated")) or version_created,
            version_created=version_created,
            embargo=parse_time(doc.get("embargoed")),
            status=KILLED.get(status, USABLE),
            subjects=_subjects(doc),
            dateline=html_to_text(str(doc.get("located") or ""))[:100],
            **fields,
        )
        for association in _associations(doc):
            if association.get("type") in PICTURE_TYPES:
                picture = picture_of(association)
                if picture:
                    entry.pictures.append(picture)
        return entry
