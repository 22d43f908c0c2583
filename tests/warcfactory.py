"""Generated WARC collections shaped like Common Crawl's CC-NEWS files.

Each file opens with a warcinfo record; each article is a request record, a response record with
the HTML (gzipped on the wire in some, as servers send it) and a metadata record, as Common Crawl
writes them; among them are non-HTML responses (an image, a PDF), a 404 page and a revisit record.
Articles span several domains and dates, so `--domain` and `--from/--to` have something to cut.
"""
from __future__ import annotations

import gzip
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DOMAINS = ("news.example.com", "www.dailyplanet.example", "blog.example.org")
WORDS = ("council budget river harbour school election rain market bridge library museum train "
         "festival hospital mayor plan vote report season farmers water energy housing").split()
START = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ArticleCapture:
    url: str
    date: datetime  # the WARC-Date
    title: str


def article_html(title: str, published: datetime, rng: random.Random, paragraphs: int = 6) -> bytes:
    body = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + ".</p>\n"
        for _ in range(paragraphs))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published.isoformat()}"></head>
<body><header><nav><a href="/">Home</a> <a href="/local/">Local</a> <a href="/sport/">Sport</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Ann Writer</p>
<time datetime="{published.isoformat()}">{published:%d %B %Y}</time>
{body}</article></main><footer><p>Copyright Example News</p></footer></body></html>""".encode()


def write_collection(folder: Path, files: int = 3, articles_per_file: int = 10, seed: int = 7,
                     paragraphs: int = 6) -> list[ArticleCapture]:
    """Write `files` CC-NEWS-like .warc.gz files into folder; return the HTML article captures in
    the order they were written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    articles: list[ArticleCapture] = []
    serial = 0
    for number in range(files):
        with (folder / f"CC-NEWS-{number:05d}.warc.gz").open("wb") as handle:
            writer = WARCWriter(handle, gzip=True, warc_version="1.1")
            writer.write_record(writer.create_warcinfo_record(handle.name, {"software": "warcfactory"}))
            for index in range(articles_per_file):
                serial += 1
                domain = DOMAINS[serial % len(DOMAINS)]
                when = START + timedelta(days=serial % 90, minutes=serial)
                url = f"https://{domain}/{when:%Y/%m/%d}/story-{serial}/"
                title = f"Story {serial}: " + " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
                html = article_html(title, when, rng, paragraphs)
                _write_exchange(writer, url, when, html, "text/html; charset=utf-8", gzipped=serial % 2 == 0)
                articles.append(ArticleCapture(url, when, title))
                if index % 5 == 1:
                    _write_exchange(writer, f"https://{domain}/img/{serial}.jpg", when, b"\xff\xd8\xff" + bytes(200),
                                    "image/jpeg")
                if index % 5 == 2:
                    _write_exchange(writer, f"https://{domain}/doc/{serial}.pdf", when, b"%PDF-1.4 ...",
                                    "application/pdf")
                if index % 5 == 3:
                    _write_exchange(writer, f"https://{domain}/gone-{serial}/", when,
                                    b"<html><body><h1>Not found</h1></body></html>", "text/html", status="404 Not Found")
                if index % 5 == 4:
                    writer.write_record(writer.create_revisit_record(
                        url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", url, _warc_date(when)))
    return articles


def _write_exchange(writer: WARCWriter, url: str, when: datetime, body: bytes, content_type: str,
                    gzipped: bool = False, status: str = "200 OK") -> None:
    date = _warc_date(when)
    headers = [("Content-Type", content_type)]
    if gzipped:
        body = gzip.compress(body)
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    request = writer.create_warc_record(url, "request", http_headers=StatusAndHeaders(
        f"GET {urlsplit(url).path}", [("Host", urlsplit(url).netloc)],
        protocol="HTTP/1.1", is_http_request=True), warc_headers_dict={"WARC-Date": date})
    response = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                         http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
                                         warc_headers_dict={"WARC-Date": date})
    metadata = writer.create_warc_record(url, "metadata", payload=BytesIO(b"fetchTimeMs: 120\r\n"),
                                         length=18, warc_content_type="application/warc-fields",
                                         warc_headers_dict={"WARC-Date": date})
    writer.write_record(request)
    writer.write_record(response)
    writer.write_record(metadata)


def _warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_arc(path: Path, captures: list[tuple[str, datetime, bytes]]) -> None:
    """An ARC (version 1) file, gzipped a record a member as the Internet Archive wrote them, of
    (url, date, html) HTTP 200 responses: the format of web archives made before WARC."""
    def member(header: str, block: bytes) -> bytes:
        return gzip.compress(header.encode() + b"\n" + block + b"\n")

    version = b"1 1 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    stamp = captures[0][1].strftime("%Y%m%d%H%M%S")
    members = [member(f"filedesc://{path.name} 0.0.0.0 {stamp} text/plain {len(version)}", version)]
    for url, when, html in captures:
        response = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
        members.append(member(f"{url} 192.0.2.1 {when:%Y%m%d%H%M%S} text/html {len(response)}", response))
    path.write_bytes(b"".join(members))
