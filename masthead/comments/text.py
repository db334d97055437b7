"""Show a reader's plain text as HTML: escaped, paragraphs kept, links made clickable."""

import re
from html import escape  # what django.utils.html.escape does, without its lazy wrapper

from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# What a reader means as a link: a web address, "www." something, or a bare domain on one
# of the endings urlize knows. One pass of one expression: comment pages show 50 at a time.
LINK = re.compile(
    r"(?<![\w@.\-/:])"
    r"(?:https?://[^\s<>\"']+"
    r"|www\.[^\s<>\"']+"
    r"|[a-z0-9][a-z0-9.\-]*\.(?:com|edu|gov|int|mil|net|org)(?![\w\-])(?:/[^\s<>\"']*)?)",
    re.IGNORECASE,
)
# Punctuation that ends a sentence rather than an address.
TRAILING = ".,:;!?'\"*"
LINK_TEMPLATE = '<a href="{}" rel="nofollow ugc noopener">{}</a>{}'


def _split_trailing(url: str) -> tuple[str, str]:
    """Cut the punctuation after an address, and a closing bracket it did not open."""
    end = len(url)
    while end:
        last = url[end - 1]
        if last in TRAILING:
            end -= 1
        elif last in ")]" and _unbalanced(url[:end], last):
            end -= 1
        else:
            break
    return url[:end], url[end:]


def _unbalanced(url: str, closing: str) -> bool:
    opening = "(" if closing == ")" else "["
    return url.count(closing) > url.count(opening)


def _link(match: re.Match) -> str:
    address, after = _split_trailing(match.group(0))
    if "." not in address.split("://", 1)[-1]:
        return escape(match.group(0))
    href = address if re.match(r"https?://", address, re.IGNORECASE) else f"http://{address}"
    return LINK_TEMPLATE.format(escape(iri_to_uri(href)), escape(address), escape(after))


def linkify(text: str) -> str:
    """Escape `text` and turn the web addresses in it into links; the result is HTML."""
    parts, start = [], 0
    for match in LINK.finditer(text):
        parts.append(escape(text[start : match.start()]))
        parts.append(_link(match))
        start = match.end()
    parts.append(escape(text[start:]))
    return "".join(parts)


def comment_html(body: str) -> SafeString:
    """Render a comment body; every character the reader typed is shown as text."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = (linkify(paragraph) for paragraph in PARAGRAPH_BREAK.split(text))
    return mark_safe("\n".join(f"<p>{html.replace(chr(10), '<br>')}</p>" for html in paragraphs))
