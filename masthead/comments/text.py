"""Show a reader's plain text as HTML: escaped, paragraphs kept, links made clickable."""

import re

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def comment_html(body: str) -> SafeString:
    """Render a comment body; every character the reader typed is shown as text."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        # urlize escapes everything it does not turn into a link, and the link text too.
        linked = urlize(paragraph, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        paragraphs.append(f"<p>{linked.replace(chr(10), '<br>')}</p>")
    return mark_safe("\n".join(paragraphs))
