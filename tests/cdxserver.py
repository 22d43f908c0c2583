"""A small Wayback Machine of our own on 127.0.0.1: the CDX server API and `id_` replay.

It speaks the parts of the API the `wayback` command uses, the way the public service does:
- GET /cdx/search/cdx?url=&matchType=exact|prefix|host|domain&from=&to=&filter=[!]field:regex
  &collapse=field[:N]&limit=&showResumeKey=true&resumeKey=&output=json&fl=...
  (rows sorted by SURT key then timestamp; collapse drops adjacent rows; a cut answer ends with an
  empty row and then the resume key);
- GET /web/{timestamp}id_/{original}: the original payload, the original headers as
  X-Archive-Orig-*, or a 302 to a neighbouring timestamp when the capture asked for is one the
  archive serves from its neighbour;
- 429 on the CDX requests whose numbers are in `throttle` (1-based), as the public service does
  when a client queries too fast.
Every request is logged, so tests can count what the client asked for.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from scraper.demo.siteserver import LOOPBACK, LoopbackServer

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


def surt(url: str) -> str:
    """The SURT key the CDX server sorts by: "https://www.example.com/a?b" -> "com,example)/a?b"."""
    parts = urlsplit(url if "//" in url else "http://" + url)  # the API takes "example.com/a" too
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split("."))) + ")" + (parts.path or "/").lower()
    return key + ("?" + parts.query.lower() if parts.query else "")


@dataclass
class ArchivedCapture:
    original: str
    timestamp: str
    body: bytes
    mimetype: str = "text/html"
    statuscode: str = "200"
    digest: str = "-"
    listed: bool = True  # False: only reachable by the replay redirect of a listed neighbour
    redirect_to: str | None = None  # replay of this capture redirects to that timestamp

    @property
    def urlkey(self) -> str:
        return surt(self.original)

    def row(self) -> list[str]:
        return [self.urlkey, self.timestamp, self.original, self.mimetype, self.statuscode,
                self.digest, str(len(self.body))]


class CdxArchive(LoopbackServer):
    """The server: start it with `with CdxArchive(captures) as archive:`; `archive.cdx_endpoint`
    and `archive.replay_endpoint` are what the client is given."""

    def __init__(self, captures: list[ArchivedCapture], throttle: set[int] = frozenset(),
                 replay_delay: float = 0.0):
        self.captures = sorted(captures, key=lambda c: (c.urlkey, c.timestamp))
        self.by_key = {(c.original, c.timestamp): c for c in captures}
        self.throttle = set(throttle)
        self.replay_delay = replay_delay
        self.cdx_requests: list[list[tuple[str, str]]] = []
        self.replay_requests: list[tuple[str, str]] = []
        self.throttled = 0
        self.lock = threading.Lock()
        super().__init__(ThreadingHTTPServer(LOOPBACK, self._handler()))

    @property
    def cdx_endpoint(self) -> str:
        return self.base_url + "/cdx/search/cdx"

    @property
    def replay_endpoint(self) -> str:
        return self.base_url + "/web"

    # --- the CDX API ---------------------------------------------------------------------------
    def answer_cdx(self, params: list[tuple[str, str]]) -> list[list[str]]:
        single = dict(params)
        url, match = single["url"], single.get("matchType", "exact")
        if url.endswith("*"):
            url, match = url[:-1], "prefix"
        rows = [c for c in self.captures if c.listed and matches(c.urlkey, surt(url), match)]
        start = single.get("from", "").ljust(14, "0")
        end = single.get("to", "").ljust(14, "9")
        rows = [c for c in rows if start <= c.timestamp <= end]
        for rule in (value for name, value in params if name == "filter"):
            rows = [c for c in rows if passes(c, rule)]
        if "resumeKey" in single:
            after = tuple(unquote(single["resumeKey"]).split(" ", 1))
            rows = [c for c in rows if (c.urlkey, c.timestamp) > after]
        if "collapse" in single:
            rows = collapsed(rows, single["collapse"])
        table: list[list[str]] = [list(FIELDS)] + [c.row() for c in rows]
        limit = int(single.get("limit", 0)) or None
        if limit is not None and len(rows) > limit:
            table = table[: limit + 1]
            if single.get("showResumeKey") == "true":
                last = rows[limit - 1]
                table += [[], [quote(f"{last.urlkey} {last.timestamp}")]]
        return table

    def answer_replay(self, path: str) -> tuple[int, dict[str, str], bytes]:
        match = re.match(r"^/web/(\d{14})id_/(.+)$", path)
        if not match:
            return 404, {"Content-Type": "text/plain"}, b"not a replay URL"
        timestamp, original = match.group(1), unquote(match.group(2))
        capture = self.by_key.get((original, timestamp))
        if capture is None:
            return 404, {"Content-Type": "text/plain"}, b"not in the archive"
        if capture.redirect_to:
            return 302, {"Location": f"{self.replay_endpoint}/{capture.redirect_to}id_/{original}",
                         "Content-Length": "0"}, b""
        captured = datetime.strptime(capture.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        content_type = capture.mimetype + ("; charset=utf-8" if capture.mimetype == "text/html" else "")
        headers = {"Content-Type": content_type,
                   "Memento-Datetime": format_datetime(captured, usegmt=True),
                   "X-Archive-Orig-Content-Type": content_type,
                   "X-Archive-Orig-Date": format_datetime(captured, usegmt=True),
                   "X-Archive-Orig-Server": "nginx",
                   "X-Archive-Orig-Content-Encoding": "gzip",  # the original was gzipped; id_ is not
                   "X-Archive-Orig-Content-Length": "999"}
        return int(capture.statuscode), headers, capture.body

    def _handler(self):
        archive = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path, _, query = self.path.partition("?")
                if path == "/cdx/search/cdx":
                    params = parse_qsl(query, keep_blank_values=True)
                    with archive.lock:
                        archive.cdx_requests.append(params)
                        throttled = len(archive.cdx_requests) in archive.throttle
                        archive.throttled += throttled
                    if throttled:
                        self.reply(429, {"Retry-After": "0", "Content-Type": "text/plain"}, b"slow down")
                    else:
                        body = json.dumps(archive.answer_cdx(params)).encode()
                        self.reply(200, {"Content-Type": "application/json"}, body)
                    return
                status, headers, body = archive.answer_replay(path)
                with archive.lock:
                    archive.replay_requests.append(tuple(path.split("id_/", 1)))
                if archive.replay_delay:
                    threading.Event().wait(archive.replay_delay)
                self.reply(status, headers, body)

            def reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # a client killed mid-answer
                    pass

            def log_message(self, *args):  # keep test output quiet
                pass

        return Handler


def matches(urlkey: str, key: str, match: str) -> bool:
    host_key = key.split(")", 1)[0]
    if match == "exact":
        return urlkey == key
    if match == "prefix":
        return urlkey.startswith(key)
    if match == "host":
        return urlkey.startswith(host_key + ")")
    return urlkey.startswith(host_key + ")") or urlkey.startswith(host_key + ",")


def passes(capture: ArchivedCapture, rule: str) -> bool:
    negate = rule.startswith("!")
    name, _, pattern = rule.lstrip("!").partition(":")
    value = capture.row()[FIELDS.index(name)]
    return bool(re.fullmatch(pattern, value)) != negate


def collapsed(rows: list[ArchivedCapture], rule: str) -> list[ArchivedCapture]:
    name, _, width = rule.partition(":")
    kept, last = [], None
    for capture in rows:
        value = capture.row()[FIELDS.index(name)]
        value = value[: int(width)] if width else value
        if value != last:
            kept.append(capture)
        last = value
    return kept
