"""`scraper parse`: article records from saved web archives and pages, offline, in parallel.

Inputs are WARC and ARC files (.warc, .warc.gz, .arc, .arc.gz: ours, or others' such as Common
Crawl's), HTML files, and folders of them. The steps:
1. list the input files, folders walked in name order;
2. stream each archive with warcio's ArchiveIterator (a file is never loaded whole) and pick the
   pages: HTTP 2xx responses (and resource records) whose Content-Type, or first bytes, say HTML;
   request, metadata, warcinfo, non-HTML and revisit records are skipped (a revisit carries no
   payload; its payload is the one the original record already gave);
3. extract each page (`scraper.extract`) with the charset of its HTTP Content-Type and its WARC-Date
   as capture time, and point the record at its WARC record (file name, offset, length, id, digest);
   a payload the archive marks truncated (WARC-Truncated) is still read, with a warning in the record
   (the crawl itself fails such pages instead: it can fetch them again);
4. keep, from archives, the article pages only, once per canonical URL, exactly as the crawl does
   (`all_pages=True` keeps every page); every HTML file given is a page the user chose, so each
   becomes a record (its `archive` is null: no archive record holds it);
5. write one JSON record a line, in input order.

With `workers > 1`, step 3 runs in a process pool; the pages travel in batches, at most
`IN_FLIGHT_PER_WORKER` batches per worker at a time, so memory stays flat however large the input.
The only state that grows is the set of record keys already written (one short string per article).
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from warcio.archiveiterator import ArchiveIterator

from ..compression import GZIP_MAGIC, gunzip_head
from ..discover.classify import is_article_page
from ..discover.kinds import response_kind
from ..discover.links import read_evidence, tree_to_read
from ..exchange import HTML_MEDIA_TYPES, parse_content_type
from ..extract import extract_document, parse_document
from ..record import ArchivePointer, Article
from .capturefilter import KEEP_ALL, CaptureFilter
from .inputs import display_name, expand_inputs, is_remote, open_input
from .jsonl import key_of

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Declared types that say nothing about the content: the first bytes decide.
VAGUE_MEDIA_TYPES = frozenset({None, "application/octet-stream", "text/plain", "unk", "unknown/unknown"})
PAGE_RECORD_TYPES = frozenset({"response", "resource"})
MAX_PAGE_BYTES = 64 * 2**20  # a larger "page" is not one; it is skipped rather than held in memory
ARCHIVE_MAGIC = {"warc": b"WARC/", "arc": b"filedesc://"}
ARCHIVE_SNIFF_BYTES = 1024
ARCHIVE_MAGIC_BYTES = 64  # inflated from a gzipped file: enough for either magic
BATCH_PAGES = 8
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class ParseConfig:
    """What `scraper parse` reads and how; the command line builds one from its options."""

    inputs: tuple[str, ...]  # files, folders, globs or path lists, local or remote (`scraper.archive.inputs`)
    out: str  # the JSONL file (replaced); on a Dask cluster, the folder (or URL) of the parts
    workers: int | None = None  # processes extracting: 1 by default (on `dask="local"`: one per core)
    all_pages: bool = False  # from archives, every HTML page, not only the articles
    keep: CaptureFilter = field(default_factory=CaptureFilter)
    dask: str | None = None  # a Dask scheduler's address, or "local" (`scraper.archive.cluster`)


@dataclass(frozen=True)
class ParseSummary:
    out: Path
    records: int  # lines written
    pages: int  # HTML pages extracted
    skipped: int  # archive records that are not HTML pages (requests, metadata, revisits, images ...)
    duplicates: int  # pages whose canonical URL already gave a record
    not_articles: int  # listings and other non-article pages left out (archives, without all_pages)
    errors: int  # unreadable files or records, and pages whose extraction failed
    files: int


@dataclass(frozen=True)
class PageJob:
    """One page to extract: what a worker process needs, and nothing it has to open itself."""

    payload: bytes
    url: str | None
    charset: str | None
    fetched_at: str | None
    archive: ArchivePointer | None
    articles_only: bool  # keep the page only if it is an article
    truncated: str | None = None  # WARC-Truncated: the archive holds only the start of the page


@dataclass(frozen=True)
class PageResult:
    """One page's record, as an Article (`extract_page`)."""

    key: str | None = None  # its identity, for the deduplication (pages from archives only)
    article: Article | None = None  # None when the page is not kept (not an article) or failed
    error: str | None = None

    @property
    def kept(self) -> bool:
        return self.article is not None

    def as_line(self) -> PageLine:
        line = None if self.article is None else json.dumps(self.article.to_dict(), ensure_ascii=False)
        return PageLine(self.key, line, self.error)


@dataclass(frozen=True)
class PageLine:
    """One page's record as its JSON line: what worker processes send back (a string travels cheaply)."""

    key: str | None = None
    line: str | None = None  # None when the page is not kept
    error: str | None = None

    @property
    def kept(self) -> bool:
        return self.line is not None


Result = TypeVar("Result", PageResult, PageLine)


@dataclass
class Tally:
    records: int = 0
    pages: int = 0
    skipped: int = 0
    duplicates: int = 0
    not_articles: int = 0
    errors: int = 0


def run_parse(config: ParseConfig) -> ParseSummary:
    """Write the records of every page in the inputs to `config.out` (replaced), in input order."""
    files = input_files(config.inputs)
    tally = Tally()
    jobs = page_jobs(files, tally, articles_only=not config.all_pages, keep=config.keep)
    out = Path(config.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as output:
        for result in kept_once(extract_in_order(jobs, config.workers or 1), tally):
            output.write(f"{result.line}\n")
    return ParseSummary(out=out, files=len(files), **vars(tally))


def read_archive(location: str | os.PathLike[str], *, all_pages: bool = False,
                 keep: CaptureFilter = KEEP_ALL) -> Iterator[Article]:
    """The records `scraper parse` writes for `location` (a WARC, ARC or HTML file, a folder, a glob
    or a path list; local or remote), as Articles, in the same order; read as they are needed."""
    tally = Tally()
    jobs = page_jobs(input_files([os.fspath(location)]), tally, articles_only=not all_pages, keep=keep)
    for result in kept_once(map(extract_page, jobs), tally):
        assert result.article is not None
        yield result.article


def kept_once(results: Iterable[Result], tally: Tally) -> Iterator[Result]:
    """The results to write, counted in `tally`: every page read, minus failures (logged), pages
    that are not kept, and repeats of a record key already given."""
    given: set[str] = set()
    for result in results:
        tally.pages += 1
        if result.error is not None:
            tally.errors += 1
            log.warning("%s", result.error)
        elif not result.kept:
            tally.not_articles += 1
        elif result.key is not None and result.key in given:
            tally.duplicates += 1
        else:
            if result.key is not None:
                given.add(result.key)
            tally.records += 1
            yield result


# --- 1. Inputs -----------------------------------------------------------------------------------

def input_files(paths: Iterable[str | Path]) -> list[str]:
    """The files to read: each file given, and the archives and HTML files inside each folder or
    matching each glob, locally or at a remote location (`scraper.remote`)."""
    return expand_inputs(paths)


def is_html_file(location: str) -> bool:
    return display_name(location).lower().endswith(HTML_SUFFIXES)


def page_url(location: str) -> str:
    """The URL a saved HTML file is known by: its own URL, or its file:// URI."""
    return location if is_remote(location) else Path(location).resolve().as_uri()


# --- 2. Pages out of archives --------------------------------------------------------------------

def page_jobs(files: list[str], tally: Tally, articles_only: bool,
              keep: CaptureFilter = KEEP_ALL) -> Iterator[PageJob]:
    for location in map(os.fspath, files):
        if is_html_file(location):
            try:
                with open_input(location) as stream:
                    payload = stream.read()
            except OSError as error:
                tally.errors += 1
                log.warning("%s: %s", location, error)
                continue
            yield PageJob(payload, page_url(location), None, None, None, articles_only=False)
        else:
            yield from archive_jobs(location, tally, articles_only, keep)


def archive_jobs(location: str, tally: Tally, articles_only: bool,
                 keep: CaptureFilter = KEEP_ALL) -> Iterator[PageJob]:
    """The HTML pages of one WARC/ARC file, streamed from wherever it lies (`scraper.remote`). A
    file broken part-way gives the pages before the break, then an error: nothing read is lost."""
    path = display_name(location)
    try:
        with open_input(location) as stream:
            kind = archive_format(stream)
            if kind is None:
                tally.errors += 1
                log.warning("%s: not a WARC or ARC file", path)
                return
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                try:
                    job = page_job(record, path, articles_only, keep, has_record_ids=kind == "warc")
                except Exception as error:  # noqa: BLE001 - e.g. a broken gzip body: this record only
                    tally.errors += 1
                    log.warning("%s: record at offset %s unreadable: %s", path, records.get_record_offset(), error)
                    job = None
                records.read_to_end(record)  # the record's length is known once it has been read through
                if job is None:
                    tally.skipped += 1
                    continue
                assert job.archive is not None  # every page of an archive points at its record
                where = replace(job.archive, offset=records.get_record_offset(), length=records.get_record_length())
                yield replace(job, archive=where)
    except Exception as error:  # noqa: BLE001 - ArchiveLoadFailed, OSError, zlib.error ...: the run goes on
        tally.errors += 1
        log.warning("%s: unreadable archive: %s", path, error)


def archive_format(stream) -> str | None:
    """"warc" (it starts "WARC/"), "arc" ("filedesc://"), gzipped or not, or None: warcio itself
    would read any text as ARC records, so a stray file would give garbage instead of an error."""
    head = stream.read(ARCHIVE_SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(GZIP_MAGIC):
        head = gunzip_head(head, ARCHIVE_MAGIC_BYTES)
    return next((kind for kind, magic in ARCHIVE_MAGIC.items() if head.startswith(magic)), None)


def page_job(record, warc_file: str, articles_only: bool, keep: CaptureFilter = KEEP_ALL,
             has_record_ids: bool = True) -> PageJob | None:
    """The page a record holds, or None for a record that is not an HTML page or that `keep`
    leaves out (decided from the headers, before the payload is read). ARC records have no
    ids (warcio makes up a random one when it converts them): their pointer's record_id is null."""
    if record.rec_type not in PAGE_RECORD_TYPES:
        return None
    headers = record.rec_headers
    if record.rec_type == "response":
        if record.http_headers is None or not is_success(record.http_headers.get_statuscode()):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    media_type, charset = parse_content_type(content_type)
    if media_type not in HTML_MEDIA_TYPES and media_type not in VAGUE_MEDIA_TYPES:
        return None
    url = headers.get_header("WARC-Target-URI")
    date = headers.get_header("WARC-Date")
    if not keep.keeps(url, date):
        return None
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES or not payload:
        return None
    if media_type not in HTML_MEDIA_TYPES and response_kind(url or "", None, payload) != "html":
        return None
    record_id = headers.get_header("WARC-Record-ID") if has_record_ids else None
    pointer = ArchivePointer(source="warc", warc_file=warc_file, record_id=record_id,
                             payload_digest=headers.get_header("WARC-Payload-Digest"), capture_timestamp=date)
    return PageJob(payload, url, charset, date, pointer, articles_only, headers.get_header("WARC-Truncated"))


def is_success(status: str | None) -> bool:
    return status is not None and status.startswith("2")


# --- 3-4. Extraction, in order -------------------------------------------------------------------

def extract_page(job: PageJob) -> PageResult:
    """Extract one page and decide whether it is kept; never raises."""
    try:
        document = parse_document(job.payload, job.url, encoding=job.charset)
        # Read from the tree before extraction changes it: the page is parsed once.
        evidence = read_evidence(tree_to_read(document, job.payload, job.charset)) if job.articles_only else None
        article = extract_document(document, fetched_at=job.fetched_at)
        if evidence is not None and not is_article_page(evidence, article, job.url or ""):
            return PageResult()
        article = article.replace(archive=job.archive)
        if job.truncated:  # kept: the start of a page is often the whole article, but say so
            article = article.replace(warnings=article.warnings + (f"payload truncated in the archive ({job.truncated})",))
        key = key_of(article.canonical_url, article.url, article.id) if job.archive is not None else None
        return PageResult(key, article)
    except Exception as error:  # noqa: BLE001 - one bad page must not stop a run over millions
        return PageResult(error=f"{job.url}: extraction failed: {error!r}")


def extract_line(job: PageJob) -> PageLine:
    return extract_page(job).as_line()


def extract_batch(jobs: list[PageJob]) -> list[PageLine]:
    return [extract_line(job) for job in jobs]


def batches(jobs: Iterator[PageJob], size: int = BATCH_PAGES) -> Iterator[list[PageJob]]:
    batch: list[PageJob] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_in_order(jobs: Iterator[PageJob], workers: int) -> Iterator[PageLine]:
    """The results in input order. With several workers, a bounded window of batches is in flight:
    Pool.imap would read the whole input ahead (its feeder thread does not wait), this does not."""
    if workers <= 1:
        yield from map(extract_line, jobs)
        return
    window = workers * IN_FLIGHT_PER_WORKER
    with multiprocessing.get_context().Pool(workers) as pool:  # the platform's default start method
        pending: deque = deque()
        for batch in batches(jobs):
            pending.append(pool.apply_async(extract_batch, (batch,)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
