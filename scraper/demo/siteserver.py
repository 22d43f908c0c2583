"""A small threaded static web server for a folder of pages, on a free loopback port.

`scraper demo` serves the bundled demo site (fixtures/site/) with it, and the benchmarks serve their
generated sites. A folder URL serves its index.html (or index.xml: a WordPress-like /feed/). Sitemaps,
feeds and robots.txt need absolute URLs, which depend on the port: in .xml and .txt files the
placeholder "{base}" is replaced with the server's own address. HTTP/1.1 with keep-alive, so a
crawler's connection pool is used as on a real site.

`LoopbackServer` runs any such server in a background thread for the length of a `with` block;
the test servers (tests/httpserver.py, cdxserver.py, rangeserver.py) are built on it too.
"""
from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

# Port 0: the system picks a free port.
LOOPBACK = ("127.0.0.1", 0)
BASE_PLACEHOLDER = b"{base}"
INDEX_FILES = ("index.html", "index.xml")
TEMPLATED_SUFFIXES = {".xml", ".txt"}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops the SYNs of a client opening many connections at
    # once, and each dropped SYN costs that client a 1 s retransmission timeout.
    request_queue_size = 128

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root.resolve()
        super().__init__((host, port), SiteRequestHandler)

    @property
    def base_url(self) -> str:
        return base_url_of(self)

    def file_for(self, url_path: str) -> Path | None:
        """The file a URL path names, never one outside the root (no "..", no symlink escapes)."""
        relative = unquote(url_path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None
        if candidate.is_dir():
            return next((candidate / name for name in INDEX_FILES if (candidate / name).is_file()), None)
        return candidate if candidate.is_file() else None


class SiteRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, the second waits for the
    # client's delayed ACK (40 ms on Linux) and a keep-alive client gets ~20 responses a second.
    disable_nagle_algorithm = True
    server: SiteServer

    def do_GET(self) -> None:
        self.respond(with_body=True)

    def do_HEAD(self) -> None:
        self.respond(with_body=False)

    def respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        target = self.server.file_for(path)
        if target is None:
            body, status, content_type = b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>\n", 404, CONTENT_TYPES[".html"]
        else:
            body, status = target.read_bytes(), 200
            suffix = target.suffix.lower()
            if suffix in TEMPLATED_SUFFIXES:
                body = body.replace(BASE_PLACEHOLDER, self.server.base_url.encode("ascii"))
            content_type = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """Quiet: the crawl reports what it fetched."""


class LoopbackServer:
    """Runs `server` in a background thread while a `with` block runs, then stops it and frees
    its port."""

    def __init__(self, server: ThreadingHTTPServer, poll_interval: float = 0.5) -> None:
        self.server = server
        server.daemon_threads = True  # a client that never hangs up does not keep the process alive
        self.thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": poll_interval},
                                       name=type(self).__name__, daemon=True)

    @property
    def base_url(self) -> str:
        return base_url_of(self.server)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def base_url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@contextmanager
def serve_site(root: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[SiteServer]:
    """Serve `root` in a background thread while the block runs (port 0: a free port)."""
    server = SiteServer(root, host, port)
    with LoopbackServer(server):
        yield server
