"""Article or not: whether a fetched page is an article, to be written as a record, or a listing
(home, category, tag, author, pagination, date archive) or one of the site's pages about itself
(privacy policy, terms, imprint, about, contact, cookies ...), only followed for its links.

The evidence, in the order it is weighed (`is_article_page`):
1. an address that names a listing: not an article;
2. the page is the target of its own rel="privacy-policy" / rel="terms-of-service" link: not an article;
3. a page that declares a non-article schema.org page type, or whose address ends in a word for
   the site's own pages (in several languages), is not an article unless it shows it was
   published: an article item, a publication time in its meta tags, a dated address, or a byline
   with a date;
4. article markup (og:type, schema.org): an article;
5. otherwise a title and a body long enough, and not a list of teasers.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from ..record import Article
from .links import PageEvidence, PageLinks
from .urls import normalize_url

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
# The last segment of a site's pages about itself, its words accent-folded and joined by "-":
# privacy, terms, legal notices, imprint, about, contact, cookies, accessibility, help, jobs,
# advertising and subscriptions, in English, German, French, Spanish, Italian, Dutch, Portuguese and Polish.
STATIC_PAGE_SLUGS = frozenset({
    # privacy
    "privacy", "privacy-policy", "privacy-notice", "privacy-statement", "privacy-center", "privacy-centre",
    "data-protection", "data-privacy", "datenschutz", "datenschutzerklarung", "datenschutzhinweise",
    "confidentialite", "politique-de-confidentialite", "vie-privee", "protection-des-donnees",
    "donnees-personnelles", "privacidad", "politica-de-privacidad", "aviso-de-privacidad", "proteccion-de-datos",
    "informativa-privacy", "informativa-sulla-privacy", "privacybeleid", "privacyverklaring",
    "politica-de-privacidade", "polityka-prywatnosci",
    # terms and legal notices
    "terms", "terms-of-use", "terms-of-service", "terms-and-conditions", "terms-conditions", "tos",
    "conditions", "conditions-of-use", "user-agreement", "agb", "nutzungsbedingungen",
    "allgemeine-geschaftsbedingungen", "cgu", "cgv", "conditions-generales", "conditions-generales-d-utilisation",
    "mentions-legales", "terminos", "terminos-y-condiciones", "condiciones", "condiciones-de-uso", "aviso-legal",
    "termini-e-condizioni", "condizioni-d-uso", "note-legali", "gebruiksvoorwaarden", "algemene-voorwaarden",
    "termos-de-uso", "regulamin", "legal", "legal-notice", "legal-information", "disclaimer", "haftungsausschluss",
    # imprint and the newsroom's own pages
    "imprint", "impressum", "colophon", "colofon", "masthead", "editorial-standards", "code-of-ethics",
    # about
    "about", "about-us", "who-we-are", "ueber-uns", "uber-uns", "wir-uber-uns", "a-propos", "qui-sommes-nous",
    "quienes-somos", "sobre-nosotros", "acerca-de", "chi-siamo", "over-ons", "o-nas", "sobre-nos", "quem-somos",
    # contact
    "contact", "contact-us", "contacts", "kontakt", "contactez-nous", "nous-contacter", "contacto", "contactanos",
    "contatti", "contattaci", "contato", "fale-conosco",
    # cookies
    "cookies", "cookie-policy", "cookie-notice", "cookie-settings", "cookie-richtlinie", "cookie-richtlinien",
    "politique-de-cookies", "politique-cookies", "politica-de-cookies", "cookie-beleid",
    # accessibility, help, jobs, advertising, subscriptions
    "accessibility", "accessibility-statement", "barrierefreiheit", "accessibilite", "faq", "faqs", "help",
    "hilfe", "aide", "ayuda", "careers", "jobs", "karriere", "emplois", "empleo", "lavora-con-noi", "advertise",
    "advertising", "werbung", "mediadaten", "publicite", "publicidad", "newsletter", "subscribe", "abonnement",
})
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp")
NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def is_article_page(page: PageLinks | PageEvidence, article: Article, url: str) -> bool:
    """An article page, to be written as a record; listings (home, category, tag, author, pagination,
    date archives) are only followed for their links."""
    if looks_like_listing_url(url):
        return False
    if names_itself_a_policy(page, url):
        return False
    if (declares_a_page_of_the_site(page) or has_static_page_slug(url)) and not shows_publication(page, article, url):
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


def names_itself_a_policy(page: PageLinks | PageEvidence, url: str) -> bool:
    """The page links to itself as the site's privacy policy or terms of service (the footer of a
    policy page holds the same links as every other page)."""
    here = {normalize_url(url)} | ({page.canonical} if isinstance(page, PageLinks) and page.canonical else set())
    return any(normalize_url(href, url) in here for href in page.markup.policy_links)


def declares_a_page_of_the_site(page: PageLinks | PageEvidence) -> bool:
    """schema.org says a page type (AboutPage, ContactPage, WebPage ...) and no article."""
    return bool(page.markup.page_types) and not page.markup.schema_article


def has_static_page_slug(url: str) -> bool:
    """The address ends in a word for the site's pages about itself: /privacy-policy/, /impressum,
    /a-propos.html, /contacto/."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    segments = [segment for segment in path.split("/") if segment]
    if not segments:
        return False
    slug = unquote(segments[-1]).lower()
    for suffix in PAGE_SUFFIXES:
        slug = slug.removesuffix(suffix)
    folded = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode("ascii")
    return NOT_A_WORD.sub("-", folded).strip("-") in STATIC_PAGE_SLUGS


def shows_publication(page: PageLinks | PageEvidence, article: Article, url: str) -> bool:
    """Signs that the page is a story published on a day, which a site's own pages do not give: an
    article item, a publication time in the meta tags, a dated address, or a byline with a date."""
    markup = page.markup
    return (markup.schema_article or markup.published_meta or has_dated_slug(url)
            or bool(article.authors and article.published))
