"""What every wire format parser yields: entries in one shape, whatever the format."""

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

# What a wire item can be once parsed.
ARTICLE = "article"
PICTURE = "picture"
PACKAGE = "package"
SKIP = "skip"
FAIL = "fail"

USABLE = "usable"
WITHDRAWN = "withdrawn"
WITHHELD = "withheld"


class ParseError(Exception):
    """A document cannot be read at all; the message names the reason in one line."""


@dataclass
class WirePicture:
    """A picture of a story: where to get it and what to print with it."""

    href: str
    caption: str = ""
    credit: str = ""
    copyright: str = ""
    title: str = ""
    media_type: str = ""


@dataclass
class WireEntry:
    """One item of agency copy, as every parser reports it."""

    guid: str
    kind: str = ARTICLE
    reason: str = ""
    version: str = ""
    headline: str = ""
    standfirst: str = ""
    body_html: str = ""
    authors: list[str] = field(default_factory=list)
    agency: str = ""
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargo: datetime | None = None
    status: str = USABLE
    subjects: list[str] = field(default_factory=list)
    dateline: str = ""
    pictures: list[WirePicture] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    # Where relative picture references are resolved: the document's folder or URL.
    base: str = ""
    format: str = ""
    # The hash of the item as sent (see RawItem); set when the item is read for import.
    fingerprint: str = ""

    @classmethod
    def skipped(cls, guid: str, reason: str, **fields) -> "WireEntry":
        return cls(guid=guid, kind=SKIP, reason=reason, **fields)

    @classmethod
    def failed(cls, guid: str, reason: str, **fields) -> "WireEntry":
        return cls(guid=guid, kind=FAIL, reason=reason, **fields)


def fingerprint(value) -> str:
    """A hash of what the agency sent: the same item twice hashes the same."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def entry_fingerprint(entry: WireEntry) -> str:
    fields = dataclasses.asdict(entry)
    fields.pop("base", None)
    fields.pop("fingerprint", None)
    return fingerprint(fields)


@dataclass
class RawItem:
    """One item of a document before it is mapped: enough to tell whether it changed.

    `read()` maps it into a WireEntry; a format may put off that costly part until the
    item turns out to be new or changed.
    """

    guid: str
    fingerprint: str
    read: Callable[[], WireEntry]

    @classmethod
    def of(cls, entry: WireEntry) -> "RawItem":
        return cls(entry.guid, entry_fingerprint(entry), lambda: entry)


class WireParser:
    """One wire format: recognise a document, then turn it into entries.

    Subclasses set `format` and `label` and implement `sniff` and `parse`; `items` may be
    overridden to fingerprint items before mapping them.
    """

    format = ""
    label = ""

    def sniff(self, data: bytes) -> bool:
        """Say whether `data` looks like this format (cheap: the first bytes only)."""
        raise NotImplementedError

    def parse(self, data: bytes, *, name: str, base: str) -> list[WireEntry]:
        """Return the entries of one document; raise ParseError if it cannot be read."""
        raise NotImplementedError

    def items(self, data: bytes, *, name: str, base: str) -> list[RawItem]:
        """Return the items of one document, fingerprinted; raise ParseError as `parse`."""
        return [RawItem.of(entry) for entry in self.parse(data, name=name, base=base)]


def parse_time(value) -> datetime | None:
    """Read an ISO 8601 date or date-time; a date alone is midnight UTC; junk is None."""
    from datetime import UTC, time

    from django.utils.dateparse import parse_date, parse_datetime

    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = datetime.combine(day, time(0), tzinfo=UTC) if day else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def split_byline(byline: str, agency: str = "") -> list[str]:
    """Turn "By Jane Roe and John Doe/AP" into person names, leaving agency credits out."""
    import re

    text = re.sub(r"^\s*(by|von|par|por|av|door)\s+", "", byline or "", flags=re.I)
    names = []
    for part in re.split(r"\s*(?:/|,|;|&|\band\b|\bund\b|\bet\b|\boch\b)\s*", text):
        name = " ".join(part.split()).strip(" .-")
        words = name.split()
        if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name):
            continue  # "AP", "dpa", "sp/lrc", "Staff 2" are credits or codes, not people
        if agency and name.lower() == agency.lower():
            continue
        if name not in names:
            names.append(name[:200])
    return names
