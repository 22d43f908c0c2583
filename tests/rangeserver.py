"""A static file server on 127.0.0.1 that answers Range requests, as S3 and Common Crawl's https
endpoint do (Python's http.server does not), with an HTML index for folders so fsspec can list them.

A path in `flaky` is answered 503 once, like a store having a bad moment. Every request is logged as (path, Range header or None), so a test can check that a file was read
in ranges rather than fetched whole.
"""
from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

from scraper.demo.siteserver import LOOPBACK, LoopbackServer

BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeServer(LoopbackServer):
    def __init__(self, root: Path, flaky: set[str] = frozenset()):
        self.root = root.resolve()
        self.flaky = set(flaky)  # paths answered 503 the first time they are asked for
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, range)
        self.lock = threading.Lock()
        super().__init__(ThreadingHTTPServer(LOOPBACK, self._handler()))

    def _handler(self):
        served = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self):
                self.answer(head=True)

            def do_GET(self):
                self.answer(head=False)

            def answer(self, head: bool) -> None:
                path = unquote(self.path.split("?", 1)[0])
                with served.lock:
                    served.requests.append((self.command, path, self.headers.get("Range")))
                    failing = path in served.flaky
                    served.flaky.discard(path)
                if failing:
                    return self.reply(503, b"try again", "text/plain", head)
                target = (served.root / path.lstrip("/")).resolve()
                if served.root not in (target, *target.parents) or not target.exists():
                    return self.reply(404, b"not found", "text/plain", head)
                if target.is_dir():
                    links = "".join(f'<a href="{quote(child.name)}{"/" if child.is_dir() else ""}">{child.name}</a>\n'
                                    for child in sorted(target.iterdir()))
                    return self.reply(200, f"<html><body>{links}</body></html>".encode(), "text/html", head)
                data = target.read_bytes()
                wanted = BYTE_RANGE.match(self.headers.get("Range", ""))
                if not wanted:
                    return self.reply(200, data, "application/octet-stream", head)
                first, last = wanted.groups()
                start = int(first) if first else max(0, len(data) - int(last))
                end = min(int(last), len(data) - 1) if first and last else len(data) - 1
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.reply(206, data[start:end + 1], "application/octet-stream", head,
                           {"Content-Range": f"bytes {start}-{end}/{len(data)}"})

            def reply(self, status: int, body: bytes, content_type: str, head: bool,
                      extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Accept-Ranges", "bytes")
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
