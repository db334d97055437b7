"""The wire formats Masthead reads, one parser class each, and how a document's is found."""

from masthead.wire.parsers.base import ParseError, RawItem, WireEntry, WireParser
from masthead.wire.parsers.feed import FeedParser
from masthead.wire.parsers.newsml_g2 import NewsMLG2Parser
from masthead.wire.parsers.ninjs import NinjsParser

PARSERS: dict[str, type[WireParser]] = {
    NinjsParser.format: NinjsParser,
    NewsMLG2Parser.format: NewsMLG2Parser,
    FeedParser.format: FeedParser,
}
AUTO = "auto"
FORMAT_CHOICES = [(AUTO, "Detect from the document")] + [
    (key, parser.label) for key, parser in PARSERS.items()
]


def parser_for(data: bytes, fmt: str = AUTO) -> WireParser:
    """The parser for `fmt`, or the first whose sniff recognises `data`."""
    if fmt != AUTO:
        try:
            return PARSERS[fmt]()
        except KeyError:
            raise ParseError(f"unknown format {fmt!r}") from None
    for parser_class in PARSERS.values():
        parser = parser_class()
        if parser.sniff(data):
            return parser
    raise ParseError("not a format Masthead reads (ninjs JSON, NewsML-G2, RSS or Atom)")


def parse_document(data: bytes, *, name: str, base: str, fmt: str = AUTO) -> list[WireEntry]:
    """Parse one document into entries; raise ParseError if it cannot be read at all."""
    if not data.strip():
        raise ParseError("the document is empty")
    return parser_for(data, fmt).parse(data, name=name, base=base)


def read_items(data: bytes, *, name: str, base: str, fmt: str = AUTO) -> list[RawItem]:
    """The fingerprinted items of one document; raise ParseError if it cannot be read."""
    if not data.strip():
        raise ParseError("the document is empty")
    return parser_for(data, fmt).items(data, name=name, base=base)


__all__ = [
    "FORMAT_CHOICES",
    "PARSERS",
    "ParseError",
    "RawItem",
    "WireEntry",
    "parse_document",
    "parser_for",
    "read_items",
]
