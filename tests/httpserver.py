"""A real threaded HTTP server on 127.0.0.1 with scriptable routes, for the crawl tests.

    with SiteServer() as site:
        site.route("/", html_page("Home", links=["/a"]))
        site.route("/flaky", [Reply(500), Reply(200, body=b"ok")])   # one reply per request, last repeats
        site.route("/slow", Reply(body=drip(b"x" * 50, every=0.2)))
        crawl(site.url("/"))
        assert site.paths() == ["/robots.txt", "/", "/a"]

A route is a Reply, a list of Replies (served in turn, the last one repeating), or a function of
the request returning a Reply. A Reply body is bytes, or an iterable of chunks (generated, so a
50 MB body is never held in memory; a chunk may be a number of seconds to sleep instead).
Every request is logged in `site.hits` (path, headers, time) so tests can check what was asked, when.
"""
from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

from scraper.demo.siteserver import LOOPBACK, LoopbackServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes | float] = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    length: int | None = None  # Content-Length for a generated body; None with a generator: chunked
    raw: Iterable[bytes | float] | None = None  # the whole response, status line included, sent as is


@dataclass(frozen=True)
class Hit:
    path: str
    headers: dict[str, str]
    time: float  # time.monotonic() when the request arrived


Route = Reply | list[Reply] | Callable[["Hit"], Reply]


@dataclass
class SiteServer(LoopbackServer):
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        super().__init__(_QuietServer(LOOPBACK, _handler_for(self)), poll_interval=0.05)

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def count(self, path: str) -> int:
        return self.paths().count(path)

    def reply_for(self, hit: Hit) -> Reply:
        with self._lock:
            self.hits.append(hit)
            route = self.routes.get(hit.path)
            served = self._served.get(hit.path, 0)
            self._served[hit.path] = served + 1
        if route is None:
            return Reply(404, b"<html><body>not found</body></html>")
        if isinstance(route, Reply):
            return route
        if isinstance(route, list):
            return route[min(served, len(route) - 1)]
        return route(hit)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a killed crawler, a size cap) is normal here, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(site: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes: with Nagle's algorithm on, the client's
        # delayed ACK adds 40 ms to every response.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            reply = site.reply_for(Hit(self.path, dict(self.headers.items()), time.monotonic()))
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client stopped reading (a size cap, a timeout)

        def _send(self, reply: Reply) -> None:
            if reply.raw is not None:
                self.close_connection = True
                self._write_all(reply.raw, chunked=False)
                return
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            chunked = reply.length is None
            self.send_header("Transfer-Encoding" if chunked else "Content-Length",
                             "chunked" if chunked else str(reply.length))
            self.end_headers()
            self._write_all(reply.body, chunked)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")

        def _write_all(self, chunks: Iterable[bytes | float], chunked: bool) -> None:
            for chunk in chunks:
                if isinstance(chunk, (int, float)):
                    time.sleep(chunk)
                    continue
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                self.wfile.flush()

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    return Handler


# --- bodies ---

def drip(data: bytes, every: float) -> Iterable[bytes | float]:
    """The body one byte at a time, `every` seconds apart: never idle long enough for a read timeout."""
    for index in range(len(data)):
        yield data[index:index + 1]
        yield every


def generated(size: int, chunk: bytes = b"<p>filler text</p>\n" * 3276) -> Iterable[bytes]:
    """`size` bytes of HTML-ish filler, made on the fly."""
    sent = 0
    while sent < size:
        part = chunk[:size - sent]
        sent += len(part)
        yield part


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def brotlied(data: bytes) -> bytes:
    return brotli.compress(data)


HTML = "text/html; charset=utf-8"
LOREM = ("The council met on Tuesday to debate the new budget, which residents have long asked for. "
         "Members spoke about roads, schools and the library, and several of them asked for more time. ")


def html_page(title: str, links: Iterable[str] = (), *, body_words: int = 0, article: bool = False,
              canonical: str | None = None, extra_head: str = "", extra_body: str = "",
              published: str = "2024-03-05") -> bytes:
    """A small HTML page; `article=True` gives it the marks of a news article (JSON-LD, og:type, a body)."""
    head = f"<title>{title}</title>{extra_head}"
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if article:
        head += ('<meta property="og:type" content="article">'
                 f'<meta property="article:published_time" content="{published}T08:00:00Z">'
                 '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                 f'"headline": "{title}", "datePublished": "{published}T08:00:00Z"}}</script>')
    words = LOREM.split()
    paragraphs = ""
    if body_words or article:
        count = body_words or 220
        text = " ".join(words[i % len(words)] for i in range(count))
        paragraphs = "".join(f"<p>{text[i:i + 400]}</p>" for i in range(0, len(text), 400))
    nav = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    main = f"<article><h1>{title}</h1>{paragraphs}</article>" if article else f"<main><h1>{title}</h1>{paragraphs}</main>"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
            f"<nav><ul>{nav}</ul></nav>{main}{extra_body}</body></html>").encode()


def page(title: str, links: Iterable[str] = (), **kwargs) -> Reply:
    return Reply(200, html_page(title, links, **kwargs), (("Content-Type", HTML),))
