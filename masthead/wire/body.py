"""Turn cleaned agency HTML into story body blocks: rich text paragraphs and quotes.

Wagtail rich text keeps its own subset of HTML (p, h2, h3, b, i, a, ul, ol, li, br), so
the copy is rebuilt in that subset rather than stored as it came: <strong> becomes <b>,
a <div> is unwrapped, a <blockquote> becomes a quote block.
"""

import html

import lxml.html

from masthead.core.html import clean_html

INLINE = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "cite": "i",
    "q": None,
    "u": None,
    "s": None,
    "span": None,
    "small": None,
    "sub": None,
    "sup": None,
    "abbr": None,
    "code": None,
    "a": "a",
}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
LISTS = {"ul", "ol"}
# Dropped whole: a figure's picture is gone after cleaning and its caption alone misleads.
SKIPPED = {"figure", "hr"}


def _squash(text: str | None) -> str:
    return html.escape(_keep_edges(text or ""), quote=False)


def _keep_edges(text: str) -> str:
    """Collapse runs of white space to one space, keeping one at either end if there was."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() else "")


def inline_html(element) -> str:
    """The inside of `element` in the rich text subset: b, i, a, br and text."""
    parts = [_squash(element.text)]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append("<br/>")
        elif tag in LISTS:
            parts.append(" " + inline_html(child) + " ")
        elif tag in INLINE and INLINE[tag] == "a" and child.get("href"):
            href = html.escape(child.get("href"), quote=True)
            parts.append(f'<a href="{href}">{inline_html(child)}</a>')
        elif tag in INLINE and INLINE[tag] in {"b", "i"}:
            inner = inline_html(child)
            parts.append(f"<{INLINE[tag]}>{inner}</{INLINE[tag]}>" if inner.strip() else inner)
        elif tag:
            parts.append(inline_html(child))
        parts.append(_squash(child.tail))
    return "".join(parts)


def _list_html(element) -> str:
    items = []
    for child in element:
        if isinstance(child.tag, str) and child.tag == "li":
            text = inline_html(child).strip()
            if text:
                items.append(f"<li>{text}</li>")
    return f"<{element.tag}>{''.join(items)}</{element.tag}>" if items else ""


class _Builder:
    """Collect blocks: runs of rich text, broken by quotes."""

    def __init__(self, headline: str):
        self.blocks: list[tuple[str, object]] = []
        self.rich: list[str] = []
        self.loose: list[str] = []
        self.headline = " ".join(headline.split()).lower()

    def add_loose(self, fragment: str):
        self.loose.append(fragment)

    def close_loose(self):
        text = "".join(self.loose).strip()
        self.loose = []
        if text and text != "<br/>":
            self.rich.append(f"<p>{text}</p>")

    def add_rich(self, fragment: str):
        self.close_loose()
        if fragment:
            self.rich.append(fragment)

    def add_quote(self, element):
        self.close_loose()
        self.close_rich()
        attribution = ""
        for child in list(element):
            if isinstance(child.tag, str) and child.tag in {"cite", "footer"}:
                attribution = " ".join(child.text_content().split())
                child.drop_tree()
        quote = "\n".join(
            " ".join(p.text_content().split()) for p in element.iterchildren("p")
        ) or " ".join(element.text_content().split())
        if quote:
            self.blocks.append(("quote", {"quote": quote, "attribution": attribution[:255]}))

    def close_rich(self):
        self.close_loose()
        if self.rich:
            self.blocks.append(("paragraph", "".join(self.rich)))
            self.rich = []

    def walk(self, element):
        """Place the children of a container (the fragment, a div, a table cell...)."""
        self.add_loose(_squash(element.text))
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in SKIPPED or not tag:
                pass
            elif tag == "p":
                text = inline_html(child).strip()
                self.add_rich(f"<p>{text}</p>" if text else "")
            elif tag in HEADINGS:
                text = inline_html(child).strip()
                if text and " ".join(child.text_content().split()).lower() != self.headline:
                    self.add_rich(f"<{HEADINGS[tag]}>{text}</{HEADINGS[tag]}>")
            elif tag in LISTS:
                self.add_rich(_list_html(child))
            elif tag == "blockquote":
                self.add_quote(child)
            elif tag == "br":
                self.add_loose("<br/>")
            elif tag in INLINE:
                wrapper = lxml.html.Element("span")
                wrapper.append(child.__copy__())
                wrapper[0].tail = ""
                self.add_loose(inline_html(wrapper))
            else:
                self.close_loose()
                self.walk(child)
                self.close_loose()
            self.add_loose(_squash(child.tail))


def body_blocks(raw_html: str, *, headline: str = "") -> list[tuple[str, object]]:
    """StreamField blocks for `raw_html`, cleaned first; a leading repeat of the headline goes."""
    cleaned = clean_html(raw_html)
    if not cleaned.strip():
        return []
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    builder = _Builder(headline)
    builder.walk(root)
    builder.close_rich()
    return builder.blocks
