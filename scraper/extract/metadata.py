"""Page metadata: title, description, site, language, canonical URL, section, tags, lead image,
authors and dates.

Steps (the tree is only read, never changed: later steps read it too):
1. read the `<meta>` and `<link>` tags once (`metatags`) and pick the JSON-LD object that
   describes the article;
2. the site name and language, which the title and date steps use;
3. the headline (`titles`), and its element, which anchors the byline search;
4. the authors (`authors`) and the dates (`dates`), from the most trusted source that has them;
5. the descriptive fields: description, canonical URL, section, tags, lead image.

Language is given as a BCP 47 tag: the primary language in lower case ("en" for "en-US", "de" for
"de_AT"), with the region kept only where the written language differs by region and the page
names one ("pt-BR" and "pt-PT", "zh-CN" and "zh-TW"); the date step uses the primary language alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from ..record import Image
from . import bylines
from .authors import find_authors, unique_ignoring_case
from .dates import find_dates
from .jsonld import string_of, types_of
from .metatags import MetaTags, read_meta_tags
from .schemaorg import main_article
from .titles import TITLE_SEPARATOR, choose_title, names_site, site_keys_of

LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?(?:[-_].*)?$")
MAX_TAGS = 30
# Class words of the dek under a headline, in the languages of the pages seen most.
STANDFIRST_ELEMENTS = etree.XPath(
    "$headline | .//*[self::p or self::div or self::h2][contains(@class, 'standfirst') or "
    "contains(@class, 'dek') or contains(@class, 'lede') or contains(@class, 'vorspann') or "
    "contains(@class, 'chapo') or contains(@class, 'intro') or contains(@class, 'summary') or "
    "contains(@class, 'excerpt') or contains(@class, 'teaser-text') or contains(@class, 'subtitle')]"
)
MIN_STANDFIRST_CHARS = 40
MAX_STANDFIRST_CHARS = 600
# Languages whose written form differs by region enough to keep the region in the tag.
REGIONAL_LANGUAGES = {"pt", "zh"}


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
    meta = read_meta_tags(root)
    article = main_article(json_ld)
    site_names = site_names_of(meta, article, json_ld)
    language = language_of(meta, article)
    site_keys = site_keys_of(site_names, _host(url))
    headline = choose_title(root, meta, article, site_keys)
    search = bylines.BylineSearch(root, headline.element)
    dates = find_dates(meta, article, url, primary_language(language), search)
    return PageMetadata(
        title=headline.title,
        description=_first_text(string_of(article.get("description")), meta.first("og:description"),
                                meta.first("description", "twitter:description", "dc.description"))
        or visible_standfirst(search),
        site_name=site_names[0] if site_names else None,
        language=language,
        canonical_url=canonical_url_of(meta, url),
        section=section_of(meta, article, json_ld),
        tags=tags_of(meta, article),
        lead_image=lead_image_of(meta, article, url),
        authors=find_authors(meta, article, json_ld, search, site_names=lambda name: names_site(name, site_keys)),
        published=dates.published,
        updated=dates.updated,
    )


def site_names_of(meta: MetaTags, article: dict[str, Any], json_ld: list[dict[str, Any]]) -> list[str]:
    publisher = article.get("publisher")
    names = [meta.first("og:site_name"),
             string_of(publisher.get("name")) if isinstance(publisher, dict) else None,
             next((string_of(obj.get("name")) for obj in json_ld if "WebSite" in types_of(obj)), None),
             meta.first("application-name", "apple-mobile-web-app-title")]
    # some sites put the page title where the site's name belongs: a name with a title
    # separator in it ("Headline | Site") is not taken
    return unique_ignoring_case(" ".join(n.split()) for n in names if n and n.strip() and not TITLE_SEPARATOR.search(n))


def language_of(meta: MetaTags, article: dict[str, Any]) -> str | None:
    for value in (meta.html_lang, meta.first("content-language", "language", "dc.language"),
                  meta.first("og:locale"), string_of(article.get("inLanguage"))):
        tag = normalise_language(value)
        if tag:
            return tag
    return None


def normalise_language(value: str | None) -> str | None:
    """"en_US" -> "en", "DE" -> "de", "pt-br" -> "pt-BR"; None for what is no language tag."""
    if not value:
        return None
    match = LANGUAGE_TAG.match(value.strip().split(",")[0].strip())
    if not match:
        return None
    language, region = match.group(1).lower(), match.group(2)
    return f"{language}-{region.upper()}" if region and language in REGIONAL_LANGUAGES else language


def primary_language(tag: str | None) -> str | None:
    return tag.split("-")[0] if tag else None


def visible_standfirst(search: bylines.BylineSearch) -> str | None:
    """The dek under the headline when the page declares no description: the first element after
    the headline, in its region, whose class names a standfirst ("dek", "vorspann", "chapo")."""
    if search.headline is None or search.region is None:
        return None
    candidates = STANDFIRST_ELEMENTS(search.region, headline=[search.headline])
    for element in bylines.reading_order(candidates, search.headline, after_headline_only=True):
        text = bylines.element_text(element)
        if MIN_STANDFIRST_CHARS <= len(text) <= MAX_STANDFIRST_CHARS:
            return text
    return None


def canonical_url_of(meta: MetaTags, url: str | None) -> str | None:
    for href in meta.links.get("canonical", []) + meta.all("og:url"):
        absolute = _absolute(href, url)
        if absolute:
            return absolute
    return None


def section_of(meta: MetaTags, article: dict[str, Any], json_ld: list[dict[str, Any]]) -> str | None:
    section = string_of(article.get("articleSection")) or meta.first("article:section", "section")
    if section:
        return " ".join(section.split())
    # a breadcrumb trail "Home > News > Politics > This article": the last level above the article
    for obj in json_ld:
        if "BreadcrumbList" in types_of(obj):
            items = [i for i in obj.get("itemListElement") or [] if isinstance(i, dict)]
            names = [string_of(i.get("name")) or string_of((i.get("item") or {}).get("name")
                                                       if isinstance(i.get("item"), dict) else None)
                     for i in items]
            names = [n for n in names if n]
            if len(names) >= 3:
                return names[-2]
    return None


def tags_of(meta: MetaTags, article: dict[str, Any]) -> tuple[str, ...]:
    keywords = article.get("keywords")
    raw = meta.all("article:tag") or meta.all("news_keywords", "keywords")
    if isinstance(keywords, list):
        raw = raw or [k for k in keywords if isinstance(k, str)]
    elif isinstance(keywords, str):
        raw = raw or [keywords]
    tags = [tag.strip() for value in raw for tag in value.split(",")]
    return tuple(unique_ignoring_case(t for t in tags if t))[:MAX_TAGS]


def lead_image_of(meta: MetaTags, article: dict[str, Any], url: str | None) -> Image | None:
    src, alt, caption = meta.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                                   "twitter:image:src"), meta.first("og:image:alt", "twitter:image:alt"), None
    image = article.get("image")
    if isinstance(image, list) and image:
        image = image[0]
    if isinstance(image, dict):
        src = src or string_of(image.get("url")) or string_of(image.get("contentUrl"))
        caption = string_of(image.get("caption")) or string_of(image.get("description"))
    elif isinstance(image, str):
        src = src or image
    src = src or next(iter(meta.links.get("image_src", [])), None)
    absolute = _absolute(src, url) if src else None
    return Image(url=absolute, alt=alt or None, caption=caption or None) if absolute else None


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    try:
        joined = urljoin(base, href) if base and urlsplit(base).scheme in ("http", "https") else href
        parts = urlsplit(joined)
    except ValueError:
        return None
    return joined if parts.scheme in ("http", "https") and parts.netloc else None


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _first_text(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None
