"""Article or listing: whether a fetched page is an article, to be written as a record, or a
listing (home, category, tag, author, pagination, date archive), only followed for its links."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..record import Article
from .links import PageEvidence, PageLinks

# Path segments that open a listing: /category/politics/, /tag/eu/, /author/jane-doe/ ...
LISTING_SEGMENTS = frozenset({
    "category", "categories", "tag", "tags", "topic", "topics", "author", "authors", "section",
    "sections", "archive", "archives", "search", "feed",
})
# A listing segment followed by at most this many segments is the listing itself, not an article under it.
LISTING_DEPTH = 2
PAGINATION_QUERY = re.compile(r"(?:^|&)(?:page|paged|pg)=\d+(?:&|$)", re.IGNORECASE)
# A parameter other than the page number whose value holds an id (3 digits or more).
ITEM_ID_PARAM = re.compile(r"(?:^|&)(?!(?:page|paged|pg)=)[^=&]+=[^&]*\d{3}", re.IGNORECASE)
YEAR = r"(?:19|20)\d\d"
# /2024/02/01/slug, /2024/02/slug, /2024-02-01-slug: a date, then what follows it ...
DATE_THEN_REST = re.compile(
    rf"/{YEAR}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?[/-](?P<rest>.+)"
    rf"|/{YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[/_-](?P<compact>.+)"
)
# ... which must hold a slug of words ("eu-budget-talks"), not "index.html" or "page/2".
SLUG = re.compile(r"[a-z]+[-_][a-z0-9]|[a-z0-9][-_][a-z]+", re.IGNORECASE)
MIN_BODY_WORDS = 150  # a real article body; teasers, captions and error pages are shorter
MIN_DATED_BODY_WORDS = 40  # a dated slug needs less proof, but not an empty page
# A page with this many linked headlines whose body has fewer words per headline is a list of teasers.
LISTING_MIN_HEADLINE_LINKS = 6
LISTING_WORDS_PER_HEADLINE = 120


def is_article_page(page: PageLinks | PageEvidence, article: Article, url: str) -> bool:
    """An article page, to be written as a record; listings (home, category, tag, author, pagination,
    date archives) are only followed for their links."""
    if looks_like_listing_url(url):
        return False
    if page.article_markup:
        return True
    if not article.title:
        return False
    if has_dated_slug(url) and article.word_count >= MIN_DATED_BODY_WORDS:
        return True
    return article.word_count >= MIN_BODY_WORDS and not looks_like_teaser_list(page, article)


def looks_like_listing_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    names_an_item = ITEM_ID_PARAM.search(parts.query) is not None  # ?p=31228, ?idx=8576&page=1
    if not segments or segments in (["index.html"], ["index.htm"], ["index.php"]):
        return not names_an_item  # the home page, unless the query names a post
    if PAGINATION_QUERY.search(parts.query) and not names_an_item:
        return True
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        return True
    for position, segment in enumerate(segments):
        if segment in LISTING_SEGMENTS and len(segments) - position - 1 <= LISTING_DEPTH:
            return True
    return is_date_archive(segments)


def is_date_archive(segments: list[str]) -> bool:
    """/2024/ or /2024/02/ or /2024/02/01/ (but not /123456, an article id)."""
    return (len(segments) <= 3 and re.fullmatch(YEAR, segments[0]) is not None
            and all(segment.isdigit() and len(segment) <= 2 for segment in segments[1:]))


def has_dated_slug(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    match = DATE_THEN_REST.search(path)
    return match is not None and SLUG.search(match.group("rest") or match.group("compact")) is not None


def looks_like_teaser_list(page: PageLinks | PageEvidence, article: Article) -> bool:
    headlines = page.headline_links
    return headlines >= LISTING_MIN_HEADLINE_LINKS and article.word_count < headlines * LISTING_WORDS_PER_HEADLINE
