"""IPTC NewsML-G2: text and picture news items, packages, and news messages carrying them."""

import html

from lxml import etree

from masthead.core.html import clean_html
from masthead.wire.parsers.base import (
    ARTICLE,
    PACKAGE,
    PICTURE,
    USABLE,
    WITHDRAWN,
    WITHHELD,
    WireEntry,
    WireParser,
    WirePicture,
    parse_time,
    split_byline,
)
from masthead.wire.parsers.ninjs import MAX_PICTURE_WIDTH, plain_to_html
from masthead.wire.parsers.safexml import parse_xml

NAR = "http://iptc.org/std/nar/2006-10-01/"
STATUSES = {"stat:usable": USABLE, "stat:withheld": WITHHELD, "stat:canceled": WITHDRAWN}
ITEM_KINDS = {"ninat:text": ARTICLE, "ninat:picture": PICTURE, "ninat:graphic": PICTURE}
NOT_NEWS = {
    "conceptItem": "a concept item (a person, an organisation, an event as a concept...)",
    "knowledgeItem": "a knowledge item (a set of concepts or events)",
    "planningItem": "a planning item (news coverage planned, not a story)",
    "catalogItem": "a catalog item (a vocabulary of codes)",
    "catalog": "a catalog (a vocabulary of codes)",
}
# NITF and XHTML elements as the HTML we keep; others are unwrapped, these are dropped.
NITF_TAGS = {
    "hl1": "h2",
    "hl2": "h3",
    "bq": "blockquote",
    "block": "div",
    "credit": "cite",
    "em": "i",
    "strong": "b",
    "pre": "pre",
}
DROPPED = {"body.head", "body.end", "media", "head", "script", "style", "object", "img"}


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _nar(path: str) -> str:
    return "/".join(f"{{{NAR}}}{part}" for part in path.split("/"))


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _name(element) -> str:
    """The text of a concept's <name>, else of the element itself."""
    if element is None:
        return ""
    name = element.find(_nar("name"))
    return _text(name) if name is not None else ""


def _qcode_code(element) -> str:
    qcode = element.get("qcode", "") if element is not None else ""
    return qcode.split(":", 1)[-1]


def xml_to_html(element) -> str:
    """Serialise NITF or XHTML as HTML: known elements kept, others unwrapped."""
    parts = []

    def walk(node):
        name = _local(node)
        if name in DROPPED:
            parts.append(html.escape(node.tail or ""))
            return
        tag = NITF_TAGS.get(name, name)
        attrs = ""
        if tag == "a" and node.get("href"):
            attrs = f' href="{html.escape(node.get("href"))}"'
        parts.append(f"<{tag}{attrs}>" if tag else "")
        parts.append(html.escape(node.text or ""))
        for child in node:
            walk(child)
        parts.append(f"</{tag}>" if tag and tag != "br" else "")
        parts.append(html.escape(node.tail or ""))

    for child in element:
        walk(child)
    return clean_html("".join(parts))


def body_of(content_set) -> tuple[str, str, str]:
    """The body HTML, and from an NITF head its abstract and byline."""
    if content_set is None:
        return "", "", ""
    for inline in content_set.iterfind(_nar("inlineXML")):
        kind = inline.get("contenttype", "")
        body = next((el for el in inline.iter() if _local(el) == "body"), None)
        if body is None:
            continue
        if "nitf" in kind:
            content = next((el for el in body if _local(el) == "body.content"), None)
            head = next((el for el in body if _local(el) == "body.head"), None)
            abstract = (
                next((el for el in head.iter() if _local(el) == "abstract"), None)
                if head is not None
                else None
            )
            byline = (
                next((el for el in head.iter() if _local(el) == "byline"), None)
                if head is not None
                else None
            )
            byline_text = (byline.text or "").strip(" ,") if byline is not None else ""
            html_body = xml_to_html(content) if content is not None else ""
            return html_body, _text(abstract), byline_text
        return xml_to_html(body), "", ""
    for inline in content_set.iterfind(_nar("inlineData")):
        kind = inline.get("contenttype", "text/plain")
        text = inline.text or ""
        return (clean_html(text) if "html" in kind else plain_to_html(text)), "", ""
    return "", "", ""


def best_picture(content_set) -> etree._Element | None:
    pictures = [
        el
        for el in (content_set.iterfind(_nar("remoteContent")) if content_set is not None else [])
        if el.get("href") and el.get("contenttype", "image/").startswith("image/")
    ]

    def width(el):
        value = el.get("width", "")
        return int(value) if value.isdigit() else 0

    fitting = [el for el in pictures if 0 < width(el) <= MAX_PICTURE_WIDTH]
    if fitting:
        return max(fitting, key=width)
    return pictures[0] if pictures else None


class NewsMLG2Parser(WireParser):
    format = "newsml_g2"
    label = "IPTC NewsML-G2 (XML)"

    def sniff(self, data: bytes) -> bool:
        return NAR.encode() in data[:4096]

    def parse(self, data: bytes, *, name: str, base: str) -> list[WireEntry]:
        root = parse_xml(data)
        return self.item_entries(root, name=name, base=base)

    def item_entries(self, root, *, name: str, base: str) -> list[WireEntry]:
        local = _local(root)
        guid = root.get("guid") or name
        if etree.QName(root).namespace != NAR:
            return [WireEntry.skipped(name, f"not a NewsML-G2 item: the root is <{local}>")]
        if local == "newsMessage":
            item_set = root.find(_nar("itemSet"))
            children = list(item_set) if item_set is not None else []
            entries = []
            for index, child in enumerate(c for c in children if isinstance(c.tag, str)):
                entries += self.item_entries(child, name=f"{name}#{index}", base=base)
            return entries
        if local == "newsItem":
            return [self.news_item(root, guid=guid, base=base)]
        if local == "packageItem":
            return [self.package(root, guid=guid, base=base)]
        reason = NOT_NEWS.get(local, f"a <{local}>")
        return [WireEntry.skipped(guid, f"not an article: {reason}", format=self.format)]

    def common(self, item, *, guid: str, base: str) -> WireEntry:
        meta = item.find(_nar("itemMeta"))
        content = item.find(_nar("contentMeta"))
        rights = item.find(_nar("rightsInfo"))

        def meta_text(path, where=meta):
            return _text(where.find(_nar(path))) if where is not None else ""

        status = meta.find(_nar("pubStatus")) if meta is not None else None
        version_created = parse_time(meta_text("versionCreated"))
        provider = meta.find(_nar("provider")) if meta is not None else None
        agency = (
            _name(provider)
            or (_name(rights.find(_nar("copyrightHolder"))) if rights is not None else "")
            or (_name(content.find(_nar("infoSource"))) if content is not None else "")
            or _qcode_code(provider)
        )
        return WireEntry(
            guid=guid,
            version=item.get("version", ""),
            agency=agency[:200],
            first_created=parse_time(meta_text("firstCreated"))
            or parse_time(meta_text("contentCreated", content))
            or version_created,
            version_created=version_created,
            embargo=parse_time(meta_text("embargoed")),
            status=STATUSES.get(status.get("qcode") if status is not None else "", USABLE),
            base=base,
            format=self.format,
        )

    def news_item(self, item, *, guid: str, base: str) -> WireEntry:
        meta = item.find(_nar("itemMeta"))
        item_class = meta.find(_nar("itemClass")) if meta is not None else None
        qcode = item_class.get("qcode", "") if item_class is not None else ""
        kind = ITEM_KINDS.get(qcode)
        if kind is None:
            what = f"a news item of class {qcode}" if qcode else "a news item without a class"
            return WireEntry.skipped(guid, f"not an article: {what}", format=self.format)
        content = item.find(_nar("contentMeta"))
        headlines = content.findall(_nar("headline")) if content is not None else []
        main = [h for h in headlines if "sub" not in h.get("role", "")]
        title = _text((main or headlines or [None])[0])
        if not title:
            return WireEntry.skipped(
                guid, "not an article: the item has no headline", format=self.format
            )
        entry = self.common(item, guid=guid, base=base)
        entry.kind = kind
        entry.headline = title[:255]
        descriptions = content.findall(_nar("description"))
        summary = [_text(d) for d in descriptions if "caption" not in d.get("role", "")]
        captions = [_text(d) for d in descriptions if "caption" in d.get("role", "")]
        subheads = [_text(h) for h in headlines if "sub" in h.get("role", "")]
        content_set = item.find(_nar("contentSet"))
        body, abstract, byline = body_of(content_set)
        entry.standfirst = (subheads + summary + [abstract, ""])[0][:600]
        entry.body_html = body
        creators = [(c.get("role", ""), _name(c)) for c in content.findall(_nar("creator"))]
        writers = [name for role, name in creators if "photo" not in role and name]
        names = [n for writer in writers for n in split_byline(writer, entry.agency)]
        entry.authors = names or split_byline(byline, entry.agency)
        entry.dateline = (
            _text(content.find(_nar("dateline"))) or _name(content.find(_nar("located")))
        )[:100]
        entry.subjects = self.subjects(content)
        if kind == PICTURE:
            entry.authors = []
            entry.body_html = body or plain_to_html((captions + summary + [""])[0])
            entry.pictures = self.pictures(item, content, captions, creators)
        return entry

    def subjects(self, content) -> list[str]:
        names = []
        for subject in content.findall(_nar("subject")):
            names.append(_name(subject))
        names += [_text(k) for k in content.findall(_nar("keyword"))]
        unique = []
        for name in names:
            if name and name[:100] not in unique:
                unique.append(name[:100])
        return unique

    def pictures(self, item, content, captions, creators) -> list[WirePicture]:
        remote = best_picture(item.find(_nar("contentSet")))
        if remote is None:
            return []
        rights = item.find(_nar("rightsInfo"))
        notice = _text(rights.find(_nar("copyrightNotice"))) if rights is not None else ""
        holder = _name(rights.find(_nar("copyrightHolder"))) if rights is not None else ""
        photographers = [name for _role, name in creators if name]
        credit = _text(content.find(_nar("creditline"))) or ", ".join(photographers)
        return [
            WirePicture(
                href=remote.get("href").strip(),
                caption=(captions + [""])[0],
                credit=credit[:255],
                copyright=(notice or holder)[:255],
                title=_text(content.find(_nar("headline")))[:255],
                media_type=remote.get("contenttype", ""),
            )
        ]

    def package(self, item, *, guid: str, base: str) -> WireEntry:
        entry = self.common(item, guid=guid, base=base)
        entry.kind = PACKAGE
        content = item.find(_nar("contentMeta"))
        meta = item.find(_nar("itemMeta"))
        entry.headline = (_text(content.find(_nar("headline"))) if content is not None else "") or (
            _text(meta.find(_nar("title"))) if meta is not None else ""
        )
        entry.refs = [
            ref.get("residref") for ref in item.iter(_nar("itemRef")) if ref.get("residref")
        ]
        return entry
