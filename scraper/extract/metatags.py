"""The page's declared metadata: `<meta>` tags, `<link rel>` targets and the `<html lang>`.

Read once into plain dictionaries, so that every later evidence function (title, authors, dates,
site, language...) looks its keys up instead of walking the tree again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

# Attributes that name a <meta> tag; Open Graph uses `property`, microdata `itemprop`.
META_KEY_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")


@dataclass(frozen=True)
class MetaTags:
    """Values in page order under their lower-cased key ("og:title", "author", "dc.date"...)."""

    values: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)  # rel word -> hrefs
    html_lang: str | None = None

    def first(self, *keys: str) -> str | None:
        """The first non-empty value under the first key that has one."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        return [value for key in keys for value in self.values.get(key, ()) if value]


def read_meta_tags(root: lxml.html.HtmlElement) -> MetaTags:
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None:
            content = meta.get("datetime") or meta.get("value")
        if content is None:
            continue
        content = " ".join(content.split())
        for attribute in META_KEY_ATTRIBUTES:
            # a tag may carry several keys at once: property="og:title" name="twitter:title"
            for key in (meta.get(attribute) or "").lower().split():
                values.setdefault(key, []).append(content)
    links: dict[str, list[str]] = {}
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        if href:
            for rel in (link.get("rel") or "").lower().split():
                links.setdefault(rel, []).append(href)
    return MetaTags(values=values, links=links, html_lang=(root.get("lang") or root.get("xml:lang") or None))
