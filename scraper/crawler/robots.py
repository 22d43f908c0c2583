"""robots.txt: fetched once per origin (retried like a page), then obeyed unless the crawl is told
not to (RFC 9309). What an answer means:
- 200: the rules it states (a Crawl-delay among them);
- 4xx: no robots.txt, everything allowed (2.3.1.3);
- a redirect elsewhere, or another non-error answer: no rules to obey;
- 5xx or no answer after the retries: the site is taken as fully disallowed (2.3.1.4), and its
  URLs fail with the reason.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from ..encoding import decode_page
from ..exchange import decoded_body
from .fetcher import Fetcher, FetchResult
from .retry import Retry, RetryPolicy, retrying

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RobotsAnswer:
    """What a settled robots.txt tells the crawl beyond its rules."""

    text: str | None  # the file's text, to look for Sitemap lines ("" when there is none); None: not read
    crawl_delay: float | None  # seconds between requests the site asks for (when robots.txt is obeyed)


class RobotsRules:
    def __init__(self, fetcher: Fetcher, retry: RetryPolicy, obey: bool, max_bytes: int) -> None:
        self.fetcher = fetcher
        self.retry = retry
        self.obey = obey
        self.max_bytes = max_bytes
        self._rules: dict[str, Protego | None] = {}  # origin -> rules (None: everything allowed)
        self._failures: dict[str, str] = {}  # origin -> why its robots.txt could not be read

    def known(self, origin: str) -> bool:
        return origin in self._rules

    def fetch(self, origin: str) -> FetchResult:
        """Download robots.txt, retrying server trouble like any page (in a worker: it is short)."""
        return retrying(lambda: self.fetcher.fetch(origin + "/robots.txt"),
                        lambda result: Retry(result.retry_after) if result.retryable else None, self.retry)

    def settle(self, origin: str, result: FetchResult) -> RobotsAnswer:
        """Take the rules from a download of the origin's robots.txt."""
        final = result.final
        text: str | None = None
        if final is not None and final.status == 200 and not final.truncated:
            text = decode_page(decoded_body(final, self.max_bytes).data, final.charset).text
            self._rules[origin] = Protego.parse(text)
        elif final is not None and 400 <= final.status < 500:
            self._rules[origin] = None
            text = ""
        elif result.redirect_to or (final is not None and final.status < 400):
            self._rules[origin] = None
        else:
            self._rules[origin] = None
            self._failures[origin] = result.error or f"HTTP {final.status if final else '?'}"
            log.warning("robots.txt of %s unreachable: %s", origin, self._failures[origin])
        rules = self._rules[origin]
        delay = rules.crawl_delay(self.fetcher.user_agent) if rules is not None and self.obey else None
        return RobotsAnswer(text, float(delay) if delay else None)

    def failure(self, origin: str) -> str | None:
        """Why the origin's robots.txt could not be read (its URLs then fail), if it could not."""
        return self._failures.get(origin) if self.obey else None

    def allows(self, url: str) -> bool:
        if not self.obey:
            return True
        rules = self._rules.get(origin_of(url))
        return rules is None or rules.can_fetch(url, self.fetcher.user_agent)

    def follows_inline(self, current: str, target: str) -> bool:
        """In a worker: follow a redirect at once only within the origin whose robots.txt is read,
        to a URL it allows; any other goes back to the frontier, to be checked like a new URL."""
        return origin_of(target) == origin_of(current) and self.allows(target)


def origin_of(url: str) -> str:
    """scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
