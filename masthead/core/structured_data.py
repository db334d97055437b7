"""JSON-LD for search engines: NewsArticle and BreadcrumbList."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def ld_json_script(data: dict) -> SafeString:
    """Render `data` as a JSON-LD script element that no string in it can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def breadcrumb_list(items: list[tuple[str, str]]) -> dict:
    """Build a BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def news_article(
    *,
    headline: str,
    description: str,
    url: str,
    published,
    modified,
    authors: list[tuple[str, str]],
    agency: tuple[str, str] | None,
    section: str,
    keywords: list[str],
    image_urls: list[str],
    publisher_name: str,
    publisher_url: str,
    article_type: str = "NewsArticle",
) -> dict:
    """Build the NewsArticle (or BlogPosting) description of a story."""
    people = [{"@type": "Person", "name": name, "url": link} for name, link in authors]
    if agency:
        people.append({"@type": "Organization", "name": agency[0], "url": agency[1]})
    data = {
        "@context": "https://schema.org",
        "@type": article_type,
        "headline": headline[:110],
        "description": description,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": published.isoformat() if published else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": people,
        "publisher": {"@type": "Organization", "name": publisher_name, "url": publisher_url},
        "articleSection": section,
        "keywords": keywords,
    }
    if image_urls:
        data["image"] = image_urls
    return {key: value for key, value in data.items() if value not in (None, [], "")}
