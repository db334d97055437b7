"""Parse XML from outside with entity expansion, external entities, DTDs and network off."""

from lxml import etree

from masthead.wire.parsers.base import ParseError

# A feed may declare a few plain entities (some real ones do); nothing that nests,
# points outside the document or grows large.
MAX_ENTITIES = 32
MAX_ENTITY_LENGTH = 1024

BILLION_LAUGHS = (
    "refused: the XML's entities expand without limit (an entity-expansion "
    "'billion laughs' document)"
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, *, allow_doctype: bool = False) -> etree._Element:
    """Return the root element of `data`, or raise ParseError naming what is wrong."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc)
        if "amplification" in message or "entity reference loop" in message.lower():
            raise ParseError(BILLION_LAUGHS) from None
        raise ParseError(f"not well-formed XML: {message}") from None
    if root is None:
        raise ParseError("not well-formed XML: the document is empty")
    check_doctype(root.getroottree().docinfo, allow_doctype=allow_doctype)
    return root


def check_doctype(docinfo, *, allow_doctype: bool) -> None:
    """Refuse a DTD (or, where a DOCTYPE is tolerated, any entity that is not plain text)."""
    dtd = docinfo.internalDTD
    if dtd is None and not docinfo.doctype:
        return
    if not allow_doctype:
        raise ParseError(
            "refused: the document has a DOCTYPE; DTDs and entity declarations are not "
            "accepted (they are how XXE and entity-expansion attacks work)"
        )
    entities = list(dtd.iterentities()) if dtd is not None else []
    if len(entities) > MAX_ENTITIES:
        raise ParseError(f"refused: more than {MAX_ENTITIES} entity declarations")
    for entity in entities:
        if entity.system_url or entity.orig is None and entity.content is None:
            raise ParseError(
                f"refused: the entity &{entity.name}; refers to an outside resource "
                "(an XML external entity, XXE)"
            )
        content = entity.content or ""
        if "&" in content or "%" in content:
            raise ParseError(f"refused: the entity &{entity.name}; nests other entities")
        if len(content) > MAX_ENTITY_LENGTH:
            raise ParseError(f"refused: the entity &{entity.name}; is too long")


def screen_entities(data: bytes) -> None:
    """Refuse entity tricks in a document before a lenient parser (feedparser) reads it."""
    try:
        parse_xml(data, allow_doctype=True)
    except ParseError as exc:
        message = str(exc)
        if message.startswith("refused"):
            raise
        # Not well-formed: the lenient parser ignores a DTD, but refuse one that
        # declares entities rather than trust it.
        if b"<!ENTITY" in data.upper() or "<!ENTITY".encode("utf-16-le") in data:
            raise ParseError(
                "refused: entity declarations in a document that is not well-formed XML"
            ) from None
