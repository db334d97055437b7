"""Clean untrusted HTML (agency copy, feeds, readers) down to what news copy needs."""

import html as html_lib
import re

import nh3

# Tags a news story can use. No script, style, form, frame, embed, image or media
# element: pictures arrive as Photo objects, never as markup pointing elsewhere.
NEWS_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol",
        "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
# No event handler, no style, no class: only what carries meaning in the copy.
NEWS_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# Anything else (javascript:, vbscript:, data:, file:) is dropped with its attribute.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Their text is code or styling, never copy: removed with the tag.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

_news_cleaner = nh3.Cleaner(
    tags=set(NEWS_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in NEWS_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_text_cleaner = nh3.Cleaner(
    tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), strip_comments=True
)
_space = re.compile(r"\s+")


def clean_html(value: str) -> str:
    """Return `value` with only the news-copy tags, attributes and URL schemes left."""
    if not value:
        return ""
    return _news_cleaner.clean(value)


def html_to_text(value: str) -> str:
    """Return the text of an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    if not value:
        return ""
    return _space.sub(" ", html_lib.unescape(_text_cleaner.clean(value))).strip()
