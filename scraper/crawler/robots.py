"""robots.txt: fetched once per origin and run, then obeyed unless the crawl is told not to (RFC 9309).

What an answer means:
- 200: the rules it states (a Crawl-delay among them); a file larger than ROBOTS_MAX_BYTES is read
  to that size, its last cut line dropped, and obeyed (2.5: at least the first 500 KiB);
- 4xx other than 429: no robots.txt, everything allowed (2.3.1.3);
- a redirect the gate does not let us follow, or another non-error answer: no rules to obey;
- 429, 5xx, or no answer: tried again as the retry policy says, by the scheduler (no worker waits),
  and when the tries are spent, unreachable: the site is taken as fully disallowed for this run
  (2.3.1.4), its URLs fail with a reason that passes, and the next run asks again.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from ..encoding import decode_page
from ..exchange import Exchange, decoded_body
from .fetcher import Fetcher, FetchResult
from .retry import RetryPolicy

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 2.5: a parsing limit of at least 500 kibibytes
THROTTLED = 429


@dataclass(frozen=True)
class RobotsAnswer:
    """What a robots.txt download tells the crawl beyond its rules."""

    text: str | None  # the file's text, to look for Sitemap lines ("" when there is none); None: not read
    crawl_delay: float | None  # seconds between requests the site asks for (when robots.txt is obeyed)
    retry_at: float | None = None  # not settled: ask again at this time (the host waits till then)


class RobotsRules:
    def __init__(self, fetcher: Fetcher, retry: RetryPolicy, obey: bool,
                 follow: Callable[[str, str], bool] | None = None) -> None:
        """`fetcher` reads at most ROBOTS_MAX_BYTES; `follow(current, target)` says which redirects
        to follow (RFC 9309 asks for five at least, across hosts: the crawl's gate decides)."""
        self.fetcher = fetcher
        self.retry = retry
        self.obey = obey
        self.follow = follow
        self._rules: dict[str, Protego | None] = {}  # origin -> rules (None: everything allowed)
        self._failures: dict[str, str] = {}  # origin -> why its robots.txt could not be read
        self._attempts: Counter[str] = Counter()  # origin -> requests made for its robots.txt

    def known(self, origin: str) -> bool:
        return origin in self._rules

    def fetch(self, origin: str) -> FetchResult:
        """One try at the origin's robots.txt (in a worker); a retry is the scheduler's to time."""
        return self.fetcher.fetch(origin + "/robots.txt", self.follow)

    def settle(self, origin: str, result: FetchResult, now: float | None = None) -> RobotsAnswer:
        """Take the rules from a download of the origin's robots.txt, or say when to try again."""
        self._attempts[origin] += 1
        final = result.final
        text: str | None = None
        if result.redirect_to is None and final is not None and final.status == 200:
            text = robots_text(final, origin)
            self._rules[origin] = Protego.parse(text)
        elif result.redirect_to is None and final is not None and 400 <= final.status < 500 and final.status != THROTTLED:
            self._rules[origin] = None
            text = ""
        elif result.error is None or not self.obey or (final is not None and 300 <= final.status < 400):
            # A redirect elsewhere, or redirects without end (2.3.1.2), or another answer: nothing to obey.
            self._rules[origin] = None
        elif result.retryable and self.retry.allows(self._attempts[origin], result.unreachable):
            wait = self.retry.wait(self._attempts[origin], result.retry_after,
                                   throttled=final is not None and final.status == THROTTLED,
                                   unreachable=result.unreachable)
            log.info("robots.txt of %s: %s; asking again in %.1f s", origin, result.error, wait)
            return RobotsAnswer(None, None, retry_at=(time.time() if now is None else now) + wait)
        else:
            self._rules[origin] = None
            self._failures[origin] = result.error
            log.warning("robots.txt of %s unreachable after %d attempts: %s; its URLs are not fetched in this run",
                        origin, self._attempts[origin], result.error)
        rules = self._rules[origin]
        delay = rules.crawl_delay(self.fetcher.user_agent) if rules is not None and self.obey else None
        return RobotsAnswer(text, float(delay) if delay else None)

    def failure(self, origin: str) -> str | None:
        """Why the origin's robots.txt could not be read (its URLs then fail), if it could not."""
        return self._failures.get(origin) if self.obey else None

    def attempts(self, origin: str) -> int:
        return self._attempts[origin]

    def unreachable(self) -> dict[str, str]:
        """The origins whose robots.txt could not be read in this run, with why and after how many attempts."""
        if not self.obey:
            return {}
        return {origin: f"{reason}; {self._attempts[origin]} attempts" for origin, reason in self._failures.items()}

    def allows(self, url: str) -> bool:
        if not self.obey:
            return True
        rules = self._rules.get(origin_of(url))
        return rules is None or rules.can_fetch(url, self.fetcher.user_agent)


def robots_text(final: Exchange, origin: str) -> str:
    """The file's text, at most ROBOTS_MAX_BYTES of it (once inflated too); a file cut there loses
    its last, partial line, so that no rule is read half."""
    body = decoded_body(final, ROBOTS_MAX_BYTES)
    text = decode_page(body.data, final.charset).text
    if final.truncated or not body.complete:
        text = text[: text.rfind("\n") + 1]
        log.warning("robots.txt of %s is larger than %d KiB: its first %d KiB are obeyed",
                    origin, ROBOTS_MAX_BYTES // 1024, ROBOTS_MAX_BYTES // 1024)
    return text


def origin_of(url: str) -> str:
    """scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
