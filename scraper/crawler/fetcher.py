"""Downloading: one URL in, the HTTP exchanges it took (each redirect hop) out, exactly as received.

The body is read from the socket undecoded (`raw.read1(decode_content=False)`), so the archive keeps
the payload with its content-encoding intact; `scraper.exchange.decoded_body()` then inflates it for the extractor,
under a cap so that a small compressed body cannot expand without bound.

Three limits keep a hostile server from holding a worker: the connect and read timeouts (per socket
operation), a total deadline per response (a server dripping one byte a second never trips the read
timeout), and a size cap on the body as received.

The deadline covers the whole exchange, headers included: a watchdog timer shuts the socket of a
request still running when its time is up (a server can drip its headers too, and a stalled read
would otherwise wait for the read timeout). `cancel` shuts them all at once, when the crawl stops.

Redirects are followed here only within one host (or as the caller's `follow` allows), where they
are cheap and need no new robots.txt or politeness slot; any other redirect is handed back to the
frontier as a new URL.
"""
from __future__ import annotations

import errno
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .._version import __version__
from ..errors import FetchError
from ..exchange import RETRYABLE_STATUSES, Exchange, parse_retry_after, warc_date

# The default names the tool and says what it is, and no more: the project has no public page to
# link to, and only the person running the crawl can give a contact (--user-agent).
USER_AGENT = f"scraper/{__version__} (research crawler; no operator contact given)"
# Socket reads return what has arrived, up to this many bytes, so the deadline is checked often.
READ_CHUNK_BYTES = 64 * 1024
# Hop-by-hop framing requests has already removed from the body: keeping the header with a
# de-chunked body would make WARC readers try to de-chunk it again.
FRAMING_HEADER = "transfer-encoding"
RENAMED_FRAMING_HEADER = "X-Crawler-Transfer-Encoding"
# urllib3 starts its messages with the connection object ("HTTPConnection(host=..., port=...): ").
CONNECTION_PREFIX = re.compile(r"^(?:<[^>]*>|\w+\([^)]*\)): ")
MAX_REASON_CHARS = 200
STOPPED = "stopped: the crawl is stopping"
UNREACHABLE_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one download; tests shrink them, the command line exposes the main ones."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0  # seconds for one whole response, headers to last byte
    max_bytes: int = 20 * 2**20  # cap on the body as received (and, again, once decoded)
    max_redirects: int = 10


@dataclass(frozen=True)
class FetchResult:
    """What fetching one URL gave: every hop, and either a final response or the reason it failed."""

    url: str
    exchanges: tuple[Exchange, ...] = ()
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None  # seconds the server asked us to wait
    redirect_to: str | None = None  # a redirect to another host, for the frontier to queue
    unreachable: bool = False  # the host name did not resolve, or the host refused the connection

    @property
    def final(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


class Fetcher:
    """A pooled HTTP client; safe to share between worker threads (one Session per thread)."""

    def __init__(self, policy: FetchPolicy, user_agent: str | None = None) -> None:
        self.policy = policy
        self.user_agent = user_agent or USER_AGENT
        self._sessions: dict[int, requests.Session] = {}
        self._running: set[Watchdog] = set()  # the requests in flight, to cut them when the crawl stops
        self._running_lock = threading.Lock()
        self._cancelled = False

    def session(self) -> requests.Session:
        # requests.Session is not documented thread-safe; a session per worker thread still pools
        # connections per host, which is what keep-alive needs.
        ident = threading.get_ident()
        if ident not in self._sessions:
            session = requests.Session()
            for scheme in ("http://", "https://"):
                session.mount(scheme, _WatchedAdapter())
            session.headers.update({
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Encoding": "gzip, deflate, br",
            })
            self._sessions[ident] = session
        return self._sessions[ident]

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()
        self._sessions.clear()

    def cancel(self) -> None:
        """Cut every request in flight and refuse new ones: the crawl is stopping (thread-safe)."""
        with self._running_lock:
            self._cancelled = True
            running = list(self._running)
        for watchdog in running:
            watchdog.cancel()

    def fetch(self, url: str, follow: Callable[[str, str], bool] | None = None) -> FetchResult:
        """GET a URL, following redirects while `follow(current, target)` allows (by default, within
        one host); never raises for network or HTTP trouble. A redirect not followed is handed back
        in `redirect_to`."""
        follow = follow or same_host
        exchanges: list[Exchange] = []
        seen = {url}
        current = url
        while True:
            try:
                exchange = self.exchange(current)
            except FetchError as error:
                return FetchResult(url, tuple(exchanges), str(error), error.retryable, unreachable=error.unreachable)
            exchanges.append(exchange)
            target = exchange.location
            if target is None:
                return _judge_final(url, tuple(exchanges))
            if target in seen:
                return FetchResult(url, tuple(exchanges), f"redirect loop at {target}")
            if len(exchanges) > self.policy.max_redirects:
                return FetchResult(url, tuple(exchanges), f"more than {self.policy.max_redirects} redirects")
            if not follow(current, target):
                return FetchResult(url, tuple(exchanges), redirect_to=target)
            seen.add(target)
            current = target

    def exchange(self, url: str) -> Exchange:
        """One request, its body streamed under the total deadline and the size cap."""
        policy = self.policy
        started = time.monotonic()
        date = warc_date(datetime.now(UTC))
        session = self.session()
        with self._running_lock:
            if self._cancelled:
                raise FetchError(STOPPED, retryable=True)
            watchdog = Watchdog(policy.total_timeout)
            self._running.add(watchdog)
        try:
            request = session.prepare_request(requests.Request("GET", url))
            # The transport adapter, not session.send: with redirects off, session.send still reads
            # (and decodes, without a cap) the body of a 3xx response to prepare the next hop.
            response = session.get_adapter(url).send(request, stream=True,
                                                     timeout=(policy.connect_timeout, policy.read_timeout))
            extract_cookies_to_jar(session.cookies, request, response.raw)
            try:
                payload, truncated = _read_payload(response, started, policy)
            finally:
                response.close()
        except (requests.exceptions.RequestException, FetchError) as error:
            # A socket the watchdog shut fails in many ways: its verdict names the real cause.
            failure = watchdog.verdict() or _fetch_error(error)
            if failure is error:
                raise
            raise failure from error
        finally:
            watchdog.stop()
            with self._running_lock:
                self._running.discard(watchdog)
        cut = watchdog.verdict()
        if cut is not None:  # cut at the deadline: what was read looks complete but is not
            raise cut
        raw = response.raw
        return Exchange(
            url=url,
            request_headers=_request_headers(response.request),
            protocol=_protocol(raw.version),
            status=response.status_code,
            reason=response.reason or "",
            headers=_response_headers(raw.headers),
            payload=payload,
            date=date,
            truncated=truncated,
        )


class Watchdog:
    """Shuts the socket of this thread's request when the total deadline passes."""

    _current = threading.local()  # the watchdog of the request each worker thread is making

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.connection: HTTPConnection | None = None
        self.fired = False
        self.cancelled = False
        Watchdog._current.watchdog = self
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    @classmethod
    def watch(cls, connection: HTTPConnection) -> None:
        watchdog = getattr(cls._current, "watchdog", None)
        if watchdog is not None:
            watchdog.connection = connection

    def _cut(self) -> None:
        self.fired = True
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

    def cancel(self) -> None:
        self.cancelled = True
        self._cut()

    def verdict(self) -> FetchError | None:
        if self.cancelled:
            return FetchError(STOPPED, retryable=True)
        if not self.fired:
            return None
        return FetchError(f"timeout: response took longer than {self.seconds:g} s", retryable=True)

    def stop(self) -> None:
        self._timer.cancel()
        Watchdog._current.watchdog = None


class _Watched(HTTPConnection):
    """A connection that puts itself under the current Watchdog before each request."""

    def request(self, *args, **kwargs):
        Watchdog.watch(self)
        return super().request(*args, **kwargs)


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter, with connections a Watchdog can cut."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _fetch_error(error: Exception) -> FetchError:
    if isinstance(error, FetchError):
        return error
    if isinstance(error, requests.exceptions.Timeout):
        return FetchError(f"timeout: {error.__class__.__name__}", retryable=True)
    if isinstance(error, requests.exceptions.ConnectionError):
        unreachable = _unreachable(error)
        if unreachable is not None:
            return FetchError(unreachable, retryable=True, unreachable=True)
        return FetchError(f"connection error: {_short(error)}", retryable=True)
    return FetchError(f"bad request: {_short(error)}", retryable=False)


def _unreachable(error: BaseException) -> str | None:
    """What the error says in plain words when the host could not be reached at all: its name did
    not resolve, or nothing listens there (or no route leads there); None otherwise."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        cause = pending.pop()
        if not isinstance(cause, BaseException) or id(cause) in seen:
            continue
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror) or type(cause).__name__ == "NameResolutionError":
            return "host name not resolved (no network connection, or no such host)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused (no server listening there)"
        if isinstance(cause, OSError) and cause.errno in UNREACHABLE_ERRNOS:
            return f"host unreachable ({os.strerror(cause.errno)})"
        pending += [getattr(cause, "reason", None), cause.__cause__, cause.__context__, *cause.args[:1]]
    return None


def _read_payload(response: requests.Response, started: float, policy: FetchPolicy) -> tuple[bytes, bool]:
    """Read the body as received, stopping at the size cap; a response past the deadline fails."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > policy.total_timeout:
            raise FetchError(f"timeout: response took longer than {policy.total_timeout:g} s", retryable=True)
        try:
            chunk = response.raw.read1(READ_CHUNK_BYTES, decode_content=False)
        except Exception as error:  # urllib3 raises several families (timeouts, protocol errors)
            # Both a stalled and a cut-off body are worth another try later.
            timed_out = "timed out" in str(error).lower() or "timeout" in type(error).__name__.lower()
            label = "timeout" if timed_out else "broken response"
            raise FetchError(f"{label}: {_short(error)}", retryable=True) from error
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size >= policy.max_bytes:
            return b"".join(chunks)[:policy.max_bytes], True


def _judge_final(url: str, exchanges: tuple[Exchange, ...]) -> FetchResult:
    """A final response that is an HTTP error becomes a failure, retryable for 429 and 5xx."""
    final = exchanges[-1]
    if final.status < 400:
        return FetchResult(url, exchanges)
    error = f"HTTP {final.status}" + (f" {final.reason}" if final.reason else "")
    return FetchResult(url, exchanges, error, final.status in RETRYABLE_STATUSES,
                       retry_after=parse_retry_after(final.header("retry-after")))


def same_host(url: str, other: str) -> bool:
    return urlsplit(url).hostname == urlsplit(other).hostname


def _request_headers(request: requests.PreparedRequest) -> tuple[tuple[str, str], ...]:
    # http.client adds Host itself; the archived request should show it.
    host = urlsplit(str(request.url)).netloc
    return (("Host", host),) + tuple((key, str(value)) for key, value in request.headers.items())


def _response_headers(headers) -> tuple[tuple[str, str], ...]:
    return tuple((RENAMED_FRAMING_HEADER if key.lower() == FRAMING_HEADER else key, value)
                 for key, value in headers.items())


def _protocol(version: int) -> str:
    return {10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(version, "HTTP/1.1")


def _short(error: BaseException) -> str:
    """The root cause of a requests/urllib3 error in a few words, for the failure log."""
    while True:  # requests wraps urllib3's MaxRetryError, which wraps the socket's error
        inner = getattr(error, "reason", None)
        if not isinstance(inner, BaseException) and error.args and isinstance(error.args[0], BaseException):
            inner = error.args[0]
        if not isinstance(inner, BaseException) or inner is error:
            break
        error = inner
    text = CONNECTION_PREFIX.sub("", str(error))
    return text if len(text) <= MAX_REASON_CHARS else text[:MAX_REASON_CHARS] + "..."
