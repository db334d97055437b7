"""What "nothing executable survives" means for HTML the site prints."""

import html
import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "meta",
    "link",
    "base",
    "svg",
    "math",
    "img",
    "video",
    "audio",
    "source",
    "template",
    "noscript",
    "xml",
    "xss",
    "blink",
    "marquee",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "cite",
    "background",
    "poster",
    "xlink:href",
    "data",
    "dynsrc",
    "lowsrc",
}
BAD_SCHEMES = re.compile(r"^(javascript|vbscript|data|livescript|mocha|jar|file):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                url = _CONTROL.sub("", html.unescape(value))
                if BAD_SCHEMES.match(url):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def executable_parts(fragment: str) -> list[str]:
    """Every tag, attribute or URL in `fragment` a browser could run or load as code."""
    inspector = _Inspector()
    inspector.feed(fragment)
    inspector.close()
    return inspector.problems
