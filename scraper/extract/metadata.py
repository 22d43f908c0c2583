"""Page metadata: title, description, site, language, canonical URL, section, tags, lead image,
authors and dates. (Stub: being written.)"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html

from ..record import Image


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    lead_image: Image | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None


def extract_metadata(root: lxml.html.HtmlElement, url: str | None, json_ld: list[dict[str, Any]]) -> PageMetadata:
    title = root.findtext(".//title")
    return PageMetadata(title=" ".join(title.split()) if title else None)
