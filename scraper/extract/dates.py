"""The article's publication and update dates, as ISO 8601 strings in the page's own time zone.

Evidence, in order of trust (the first source that gives a plausible date wins):
1. JSON-LD: the article object's `datePublished` / `dateModified`;
2. meta tags: Open Graph, article:*, Dublin Core, itemprop, parsely, sailthru...;
   a declared date is checked against the byline under the headline: when the reader is shown
   another day, the shown day wins (`check_against_byline`); a declared time of exactly 22:00 or
   23:00 UTC is a day stored as Central European midnight, and is read as the next day;
3. markup: `<time datetime>`, `itemprop="datePublished"` with a machine value, `abbr[title]`,
   nearest the headline and outside comments and related posts (see `bylines`);
4. the visible byline text ("February 1, 2024", "1. Februar 2024", "1er février 2024", "01.02.2024"),
   read by the fast patterns below first; dateparser, with the page's language, only for the few
   byline strings those patterns cannot read (it is slow and reads "3 Mins Read" as a date);
5. unmarked text right next to the headline, then a date after "Published:", "Erschienen am"
   anywhere outside chrome, then the page's script data ("datePublished": "...");
6. the URL: /2024/02/01/, /20240201/, -29-10-2021; the URL's day also settles a one-day
   disagreement with a time written in UTC (not one given with the publisher's own offset);
7. last resorts: the first full date in the page's text outside chrome, then a date in the
   declared description ("Notizia del 14 Gennaio 2020").

Machine values keep their time and UTC offset exactly as written (never converted to UTC: that can
change the day); a date read from visible text is given as the day alone, `YYYY-MM-DD`.
A text date needs a four-digit year: "Tuesday, June 24" in a site header is no publication date
(except "30.10.23" in an element marked as a date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Iterator

import lxml.html
from lxml import etree

from . import bylines
from .jsonld import string_of
from .metatags import MetaTags
from .months import TABLE_LANGUAGES, month_number

EARLIEST_YEAR = 1995  # the web's news archives start here; earlier years are copyright lines or typos
FUTURE_TOLERANCE = timedelta(days=2)  # time zones and scheduled posts
URL_TOLERANCE = timedelta(days=1)
# Midnight in Central European summer and winter time, written in UTC.
MIDNIGHTS_IN_UTC = {"T22:00:00+00:00", "T23:00:00+00:00"}

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "published_time", "article.published", "article:post_date", "publishdate",
    "publish_date", "publish-date", "published-date", "published_date", "publication_date",
    "pubdate", "date_published", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.created", "dc.date", "dcterms.date", "dc:date", "citation_publication_date",
    "citation_date", "article_date_original", "cxenseparse:recs:publishtime", "originalpublicationdate",
    "og:pubdate", "og:publish_date", "rnews:datepublished", "displaydate", "datecreated", "date", "created",
)
UPDATED_META = (
    "article:modified_time", "og:article:modified_time", "article:modified", "og:updated_time",
    "datemodified", "modified_time", "dcterms.modified", "dc.modified", "lastmod", "last-modified",
    "lastmodified", "article:post_modified",
)
DECLARED_SOURCES = (0, 1)  # JSON-LD and meta tags, in `_evidence` order
JSON_LD_ARTICLE_DATES = ("datePublished", "dateCreated", "uploadDate")

UPDATE_CUES = re.compile(
    r"(updated?|modified|last edit|aktualisiert|geändert|mis à jour|màj|actualizado|actualización|"
    r"aggiornato|atualizado|bijgewerkt|zaktualizowano|aktualizováno|обновлено)"
    r"(?:\W*\s(?:am|on|le|el|il|op|den|at|em))?\W*$",
    re.IGNORECASE,
)
DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|ª|\.)?"
MONTH_WORD = r"([^\W\d_]{3,12})\.?"
TEXT_PATTERNS = (
    # 2024-02-01, 2024/02/01, 2024.02.01
    ("ymd", re.compile(r"(?<![\d.])((?:19|20)\d\d)[-/.]\s?(\d{1,2})[-/.]\s?(\d{1,2})(?![\d])")),
    # 2024年2月1日 (Chinese, Japanese), 2024년 2월 1일 (Korean)
    ("ymd", re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")),
    # 01.02.2024, 1/2/2024, 01-02-2024
    ("dmy_numeric", re.compile(r"(?<![\d.])(\d{1,2})[./-]\s?(\d{1,2})[./-]\s?((?:19|20)\d\d)(?!\d)")),
    # February 1, 2024 / Feb. 1st 2024
    ("mdy_named", re.compile(MONTH_WORD + r"\s+(\d{1,2})" + DAY_SUFFIX + r",?\s+((?:19|20)\d\d)(?!\d)")),
    # 1 February 2024 / 1. Februar 2024 / 1er février 2024 / 1 de febrero de 2024 / 1 февраля 2024
    ("dmy_named", re.compile(r"(?<!\d)(\d{1,2})" + DAY_SUFFIX + r"\s*(?:de\s+)?" + MONTH_WORD
                             + r",?\s+(?:de\s+|del\s+)?((?:19|20)\d\d)(?!\d)")),
    # 2024 February 1 (Hungarian, Lithuanian style), "2024. február 1."
    ("ymd_named", re.compile(r"((?:19|20)\d\d)\.?\s+" + MONTH_WORD + r"\s+(\d{1,2})(?!\d)")),
)
# 30.10.23: a two-digit year, read only in elements marked as dates (elsewhere it is too often a
# version or a score).
SHORT_YEAR_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?![\d.])")
# The US write the month first; a numeric date on an English page is read month-first when both
# readings are possible.
MONTH_FIRST_LANGUAGES = {"en"}
URL_DATE = re.compile(r"/((?:19|20)\d\d)/?([01]\d)/?([0-3]\d)(?:/|[-_.]|$)|/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/")
URL_DATE_DASHED = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")
URL_DATE_DAY_FIRST = re.compile(r"(?<![\d.])([0-3]\d)[-.]([01]\d)[-.]((?:19|20)\d\d)(?![\d.])")
MACHINE_DATE = re.compile(
    r"^\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:[T\s]+(\d\d):?(\d\d)(?::?(\d\d)(?:[.,]\d+)?)?\s*"
    r"(Z|[+-]\d\d(?::?\d\d)?)?)?"
)
# Words announcing the publication date in running text, found in C by their stems.
PUBLICATION_CUE = re.compile(r"(?:published|publié|publicado|pubblicato|veröffentlicht|erschienen|erstellt am|"
                             r"datum|date|posted on|stand)\s*:?", re.IGNORECASE)
PUBLICATION_CUE_TEXTS = etree.XPath(
    "//text()[contains(., 'ublished') or contains(., 'ublié') or contains(., 'ublicado') or "
    "contains(., 'ubblicato') or contains(., 'eröffentlicht') or contains(., 'rschienen') or "
    "contains(., 'rstellt am') or contains(., 'Datum') or contains(., 'Date:') or contains(., 'osted on') or "
    "contains(., 'Stand:')]"
)
MAX_CUED_CHARS = 80
# Article pages have a few thousand elements (1,400 at the 90th percentile of news pages); past
# this many, the whole-page text scans are skipped.
MAX_SCANNED_PAGE_ELEMENTS = 20_000
COUNT_ELEMENTS = etree.XPath("count(//*)")
# Text nodes that may hold a date at all (with a run of four digits, the year); the first few only.
MAX_PAGE_TEXTS = 500
PAGE_TEXTS = etree.XPath(
    f"(//body//text()[contains(translate(., '0123456789', '##########'), '####')])[position() <= {MAX_PAGE_TEXTS}]"
)
# Keys under which script data carries the publication time, and a size past which a script is a
# library rather than data.
SCRIPT_DATE = re.compile(
    r'["\']?(?:datePublished|date_published|publishedAt|published_at|publishDate|publish_date|pubDate|'
    r'publishedDate|firstPublished|first_published_at|createdAt|created_at|dateCreated)["\']?\s*:\s*["\']'
    r'((?:19|20)\d\d-\d\d-\d\d[^"\']{0,30})["\']'
)
MAX_SCRIPT_CHARS = 2_000_000
# Class words of text a reader does not see.
HIDDEN_MARKS = re.compile(r"hidden|sr-only|screen-reader|visually-hidden|invisible")
# How many dated lines under the headline the byline check reads.
MAX_CHECKED_BYLINES = 3
# How far from the headline, in text nodes, an unmarked date may stand.
PIECES_AFTER_HEADLINE = 12
PIECES_BEFORE_HEADLINE = 4
# The text pieces right under the headline that the byline check reads: the dateline itself
# (further down, a date is as often a quoted event's).
LINES_RIGHT_UNDER_HEADLINE = 2
MAX_DATELINE_CHARS = 60
# Strings dateparser is asked about: short, with a four-digit year and a word.
MAX_DATEPARSER_CHARS = 60
DATEPARSER_CANDIDATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MAX_DATEPARSER_CALLS = 4
# The stretch of a string that looks like a day, a month word and a year, in either order.
DATE_SPAN = re.compile(r"\d{1,2}\D{1,25}?(?<!\d)(?:19|20)\d\d(?!\d)|[^\W\d_]+\.?\s+\d{1,2}\D{1,5}(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class PageDates:
    published: str | None = None
    updated: str | None = None


def find_dates(meta: MetaTags, article: dict[str, Any], url: str | None, language: str | None,
               search: bylines.BylineSearch) -> PageDates:
    published = updated = None
    for source, (published_found, updated_found) in enumerate(_evidence(meta, article, language, search)):
        published = published or day_of_midnight(published_found)
        updated = updated or updated_found
        if published:
            if source in DECLARED_SOURCES:
                published = check_against_byline(published, search, language)
            break
    # the whole-page text scans below read every text node: not on pages bigger than any article
    small_page = COUNT_ELEMENTS(search.root) <= MAX_SCANNED_PAGE_ELEMENTS
    published = published or (small_page and examine_publication_cues(search, language)) or examine_scripts(search.root)
    # a page that only says when it was last updated ("Aktualisiert: 30.12.2016") was published
    # no later than that: the best day there is
    published = (agree_with_url(published or updated, examine_url(url))
                 or (small_page and examine_page_text(search, language)) or examine_description(meta, language))
    if updated and published and updated[:10] < published[:10]:
        updated = None  # an "updated" day before the publication is another item's date
    return PageDates(published=published, updated=updated)


def check_against_byline(declared: str, search: bylines.BylineSearch, language: str | None) -> str:
    """The day the byline under the headline shows wins over a declared date that disagrees:
    re-dated and republished pages keep an old or a new datePublished in their metadata while the
    reader sees the day the article went out. Only the headline's region after the headline is
    read, by the fast patterns alone, so this costs little: the first dated lines there that do
    not belong to another item (the next article's header), else the short line right under the
    headline. A byline that shows only an update ("Updated Mar 12, 2020"), on a page that shows
    no publication day anywhere, dates the article by that update. A shown day that is the
    declared day with day and month swapped (01/11 read the American way) agrees with it. (A shown
    day equal to the declared update still wins: the reader is told the article is of that day.)"""
    shown, shown_update = examine_byline_text(search, language, whole_page=False)
    shown = shown or shown_under_headline(search, language)
    if not shown and shown_update and not examine_byline_text(search, language)[0]:
        shown = shown_update  # a page that shows only "Updated Mar 12, 2020" is dated by that day
    if not shown or shown == declared[:10]:
        return declared
    if shown[5:7] == declared[8:10] and shown[8:10] == declared[5:7] and shown[:4] == declared[:4]:
        return declared
    return shown


def shown_under_headline(search: bylines.BylineSearch, language: str | None) -> str | None:
    """The publication day in the unmarked line right after the headline ("Stand: 28.04.2020
    18:00 Uhr" under an <h1>), in the headline's nearest container that has text after it."""
    for pieces, at in search.headline_neighbourhood():
        after = pieces[at + 1:at + 1 + LINES_RIGHT_UNDER_HEADLINE]
        if after:
            # a dateline is a short line; a date in the lead sentence is an event's
            return next((day for piece in after if len(piece) <= MAX_DATELINE_CHARS
                         for day, is_update in dates_in_text(piece, language) if not is_update), None)
    return None


def day_of_midnight(value: str | None) -> str | None:
    """A day stored as local midnight and written in UTC reads as 22:00 or 23:00 of the day before
    ("2021-11-04T23:00:00+00:00" for 5 November in Central Europe): such a value is that next
    day. (No article goes out at exactly 23:00:00 often enough to weigh against this.)"""
    if not value or value[10:] not in MIDNIGHTS_IN_UTC:
        return value
    return (date.fromisoformat(value[:10]) + timedelta(days=1)).isoformat()


def agree_with_url(published: str | None, url_day: str | None) -> str | None:
    """The URL's day settles a one-day disagreement: the metadata's time was written in UTC
    (23:30 local on the 8th is 04:30 UTC on the 9th), while the URL carries the publisher's day."""
    if not published or not url_day:
        return published or url_day
    if _local_time(published):
        return published  # a time given with the publisher's own UTC offset names its own day
    if published[:10] != url_day and abs(date.fromisoformat(published[:10]) - date.fromisoformat(url_day)) <= URL_TOLERANCE:
        return url_day
    return published


def _evidence(meta: MetaTags, article: dict[str, Any], language: str | None,
              search: bylines.BylineSearch) -> Iterator[tuple[str | None, str | None]]:
    # generator, so that the costly text search runs only when the markup had nothing
    yield examine_json_ld(article)
    yield examine_meta_tags(meta)
    yield examine_time_elements(search)
    yield examine_byline_text(search, language)
    yield examine_headline_surroundings(search, language)


def examine_json_ld(article: dict[str, Any]) -> tuple[str | None, str | None]:
    published = _first_date([value for key in JSON_LD_ARTICLE_DATES if (value := string_of(article.get(key)))])
    return published, machine_date(string_of(article.get("dateModified")))


def examine_meta_tags(meta: MetaTags) -> tuple[str | None, str | None]:
    return _first_date(meta.all(*PUBLISHED_META)), _first_date(meta.all(*UPDATED_META))


def examine_time_elements(search: bylines.BylineSearch) -> tuple[str | None, str | None]:
    published = updated = None
    for element in search.machine_date_elements():
        value = element.get("datetime") or element.get("content") or element.get("title")
        found = machine_date(value) or text_date(value or "", None)
        if not found:
            continue
        if _marks_update(element):
            updated = updated or found
        else:
            published = published or found
        if published and updated:
            break
    return published, updated


def examine_byline_text(search: bylines.BylineSearch, language: str | None,
                        whole_page: bool = True) -> tuple[str | None, str | None]:
    """The first dates a reader sees in a byline-like element near the headline; with
    `whole_page`, anywhere on the page, and with dateparser for what the patterns cannot read."""
    published = updated = None
    leftovers: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for element in search.date_text_elements(bylines.WHOLE_PAGE if whole_page else bylines.REGION_AFTER_HEADLINE):
        if not bylines.short_text(element) or (
                not whole_page and search.in_other_item(element)):
            continue
        # a hidden machine copy of a time ("updated rich-snippet-hidden") is not what the
        # byline shows
        pieces = bylines.text_pieces(element, skip=_hidden)
        text = " | ".join(pieces)
        if not text or text in seen:
            continue
        seen.add(text)
        if not whole_page and len(seen) > MAX_CHECKED_BYLINES:
            break  # the byline is among the first few dated lines under the headline
        found_any = False
        for found, is_update in dates_in_text(text, language, short_years=True):
            found_any = True
            if is_update or _marks_update(element):
                updated = updated or found
            else:
                published = published or found
        if not found_any:
            leftovers.extend((piece, bool(UPDATE_CUES.search(text.split(piece)[0])))
                             for piece in pieces if _worth_dateparser(piece, language))
        if published:
            # the update line is often the published line's sibling: "1. Februar 2024",
            # "Aktualisiert am 2. Februar 2024" in one byline box
            updated = updated or _update_beside(element, language)
            break
    if not published and whole_page:
        for piece, is_update in leftovers[:MAX_DATEPARSER_CALLS]:
            found = dateparser_date(piece, language)
            if found and not is_update:
                published = found
                break
            if found:
                updated = updated or found
    return published, updated


def _update_beside(element: lxml.html.HtmlElement, language: str | None) -> str | None:
    box = element.getparent()
    if box is None or not bylines.short_text(box):
        return None
    text = " | ".join(bylines.text_pieces(box))
    return next((day for day, is_update in dates_in_text(text, language) if is_update), None)


def examine_headline_surroundings(search: bylines.BylineSearch, language: str | None) -> tuple[str | None, str | None]:
    """Dates in unmarked text next to the headline ("<em>01.11.2023 11:35</em>" above an <h4>):
    the text pieces of the headline's nearest containers, after the headline first, then before."""
    for pieces, at in search.headline_neighbourhood():
        published = updated = None
        nearby = pieces[at + 1:at + 1 + PIECES_AFTER_HEADLINE] + pieces[max(0, at - PIECES_BEFORE_HEADLINE):at][::-1]
        for piece in nearby:
            for day, is_update in dates_in_text(piece, language):
                if is_update:
                    updated = updated or day
                else:
                    published = published or day
        if published:
            return published, updated
    return None, None


def examine_publication_cues(search: bylines.BylineSearch, language: str | None) -> str | None:
    """A date anywhere on the page after words that announce the publication ("Erschienen am:",
    "Published:", "Datum:"), e.g. in a footer line under the article; not in chrome."""
    for node in PUBLICATION_CUE_TEXTS(search.root):
        element = node.getparent()
        if element is None or element.tag in ("script", "style") or search.in_chrome(element):
            continue
        if node.is_text:  # "<strong>Datum:</strong> 03.02.2022": the date follows the element
            following = element.tail
        else:  # "Erschienen am: <b>01.11.2023</b>": the date is in the next element
            sibling = element.getnext()
            following = sibling.text if sibling is not None else None
        text = f"{node} {following or ''}"
        cue = PUBLICATION_CUE.search(text)
        if cue is None:
            continue
        cued = text[cue.start():cue.start() + MAX_CUED_CHARS]
        found = next((day for day, is_update in dates_in_text(cued, language) if not is_update), None)
        if found:
            return found
    return None


def examine_scripts(root: lxml.html.HtmlElement) -> str | None:
    """A publication time in the page's own data for its scripts ("datePublished", "createdAt",
    "publishedAt"...), which apps that render in the browser carry and nothing else does."""
    for script in root.iter("script"):
        text = script.text or ""
        if len(text) > MAX_SCRIPT_CHARS or "ld+json" in (script.get("type") or ""):
            continue
        match = SCRIPT_DATE.search(text)
        if match:
            found = machine_date(match.group(1))
            if found:
                return found
    return None


def examine_page_text(search: bylines.BylineSearch, language: str | None) -> str | None:
    """The last resort: the first full date anywhere in the page's text outside chrome (a page
    that shows one date, in no marked place, mostly shows its own)."""
    for node in PAGE_TEXTS(search.root):
        element = node.getparent()
        if element is None or element.tag in ("script", "style", "noscript"):
            continue
        found = text_date(node, language)
        if found and not search.in_chrome(element):
            return found
    return None


def examine_description(meta: MetaTags, language: str | None) -> str | None:
    """A date in the declared description ("Notizia del 14 Gennaio 2020"), when the page shows
    none."""
    return next((found for value in meta.all("description", "og:description") if (found := text_date(value, language))),
                None)


def examine_url(url: str | None) -> str | None:
    if not url:
        return None
    match = URL_DATE.search(url)
    if match:
        year, month, day = (g for g in match.groups() if g is not None)
        return _valid_day(int(year), int(month), int(day))
    match = URL_DATE_DASHED.search(url)
    if match:
        return _valid_day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = URL_DATE_DAY_FIRST.search(url)
    if match:
        return _valid_day(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return None


def dates_in_text(text: str, language: str | None, short_years: bool = False) -> Iterator[tuple[str, bool]]:
    """Every date the fast patterns read in `text`, in text order, each with whether an update cue
    ("Updated:", "aktualisiert") precedes it; with `short_years`, "30.10.23" too."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    patterns = TEXT_PATTERNS + ((("dmy_short", SHORT_YEAR_DATE),) if short_years else ())
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            day = _read_match(kind, match.groups(), language)
            if day:
                found.append((match.start(), day))
                taken.append(match.span())
    for start, day in sorted(found):
        yield day, bool(UPDATE_CUES.search(text[max(0, start - 40):start]))


def text_date(text: str, language: str | None) -> str | None:
    return next((day for day, _ in dates_in_text(text, language)), None)


def machine_date(value: str | None) -> str | None:
    """An ISO 8601 or RFC 2822 value as written, normalised to `YYYY-MM-DD[THH:MM:SS[±HH:MM]]`."""
    if not value:
        return None
    match = MACHINE_DATE.match(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        day_text = _valid_day(int(year), int(month), int(day))
        if not day_text:
            return None
        if hour is None or not (int(hour) < 24 and int(minute) < 60 and int(second or 0) < 60):
            return day_text
        clock = f"T{hour}:{minute}:{second or '00'}"
        return day_text + clock + _offset(zone)
    if re.match(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", value):
        try:
            moment = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError):
            return None
        if _plausible(moment.date()):
            return moment.isoformat()
    # machine values written with slashes are the American month/day/year of server software
    return text_date(value, "en" if "/" in value else None)


def dateparser_date(text: str, language: str) -> str | None:
    """dateparser's reading of the date in `text`, told the page's language (without a language
    it tries every one it knows, tens of milliseconds a call)."""
    span = DATE_SPAN.search(text)
    if span is None or language not in _dateparser_languages():
        return None
    settings = {"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        # the span alone: strict parsing refuses the words around it ("Published", "by X")
        moment = _dateparser().parse(span.group(0), languages=[language], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; the text is simply no date
        return None
    return moment.date().isoformat() if moment and _plausible(moment.date()) else None


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    """dateparser costs a second or more to import and warm up: paid once, and only by pages that
    need it."""
    import dateparser
    return dateparser


@lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.data import language_order
    return frozenset(language_order)


def _worth_dateparser(piece: str, language: str | None) -> bool:
    # dateparser loads each language's data on its first use (about a second); without a language
    # it tries them all. The month table (`months`) already reads the languages listed in
    # TABLE_LANGUAGES, so dateparser is asked only for the others.
    return (language is not None and language not in TABLE_LANGUAGES and len(piece) <= MAX_DATEPARSER_CHARS and DATEPARSER_CANDIDATE.search(piece) is not None
            and re.search(r"[^\W\d_]{3,}", piece) is not None)


def _read_match(kind: str, groups: tuple[str, ...], language: str | None) -> str | None:
    if kind == "ymd":
        return _valid_day(int(groups[0]), int(groups[1]), int(groups[2]))
    if kind == "dmy_numeric":
        first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
        if language in MONTH_FIRST_LANGUAGES and first <= 12:
            return _valid_day(year, first, second) or _valid_day(year, second, first)
        return _valid_day(year, second, first) or _valid_day(year, first, second)
    if kind == "dmy_short":
        year = 2000 + int(groups[2])
        return _valid_day(year if year <= date.today().year else year - 100, int(groups[1]), int(groups[0]))
    if kind == "mdy_named":
        month = month_number(groups[0], language)
        return _valid_day(int(groups[2]), month, int(groups[1])) if month else None
    if kind == "dmy_named":
        month = month_number(groups[1], language)
        return _valid_day(int(groups[2]), month, int(groups[0])) if month else None
    month = month_number(groups[1], language)  # ymd_named
    return _valid_day(int(groups[0]), month, int(groups[2])) if month else None


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if _plausible(value) else None


def _plausible(value: date) -> bool:
    return value.year >= EARLIEST_YEAR and value <= date.today() + FUTURE_TOLERANCE


def _offset(zone: str | None) -> str:
    if not zone:
        return ""
    if zone == "Z":
        return "+00:00"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"


def _first_date(values: list[str]) -> str | None:
    return next((found for found in map(machine_date, values) if found), None)


def _local_time(value: str) -> bool:
    """Whether a machine date carries a time with a UTC offset other than zero."""
    return len(value) > 19 and value[19:] not in ("+00:00", "-00:00")


def _hidden(element: lxml.html.HtmlElement) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return HIDDEN_MARKS.search(marks) is not None or element.get("hidden") is not None


def _marks_update(element: lxml.html.HtmlElement) -> bool:
    marks = f"{element.get('class') or ''} {element.get('itemprop') or ''} {element.get('id') or ''}".lower()
    return "modified" in marks or "updated" in marks
