"""The retry policy: when a failed request is tried again, and how long to wait first.

One policy for every request that may fail for a reason that passes (connection errors, timeouts,
429 and 5xx): the crawl's pages (retried later, through the frontier, while other pages go on),
robots.txt files and the Wayback source's requests (retried on the spot, by `retrying`). The wait
doubles with each attempt, is at least what the server's Retry-After asks and, after a 429, at
least `throttle_wait` (a service that blocks clients who hurry); it never exceeds `max_wait`.
A host that cannot be reached at all (its name does not resolve, or it refuses the connection: no
network, no server) is tried `unreachable_retries` more times, `unreachable_wait` apart, not on the
whole schedule: the answer rarely changes in a minute, and the user should hear it at once.
A crawl's URL that still fails once its retries are spent is tried again by the next run of the
same crawl, in up to `runs` runs in all, when it failed for a reason that can pass.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 3  # further attempts after the first
    backoff: float = 1.0  # the first retry waits this long, then twice as long each time
    max_wait: float = 300.0  # the longest wait, whatever the backoff or a Retry-After says
    throttle_wait: float = 0.0  # the least wait after a 429
    runs: int = 3  # a crawl's runs (the first included) that try a URL failing for a reason that can pass
    unreachable_retries: int = 2  # further attempts when the host could not be reached at all
    unreachable_wait: float = 0.5

    def allows(self, attempt: int, unreachable: bool = False) -> bool:
        """Whether a request whose try number `attempt` (1 for the first) failed may be tried again."""
        return attempt <= (min(self.retries, self.unreachable_retries) if unreachable else self.retries)

    def wait(self, attempt: int, retry_after: float | None = None, throttled: bool = False,
             unreachable: bool = False) -> float:
        """Seconds to wait after try number `attempt` failed."""
        if unreachable:
            return self.unreachable_wait
        wait = self.backoff * 2 ** max(0, attempt - 1)
        if retry_after is not None:
            wait = max(wait, retry_after)
        if throttled:
            wait = max(wait, self.throttle_wait)
        return min(wait, self.max_wait)


@dataclass(frozen=True)
class Retry:
    """Why a try is worth repeating, as far as the wait goes."""

    retry_after: float | None = None  # seconds the server asked for
    throttled: bool = False  # the server answered 429
    unreachable: bool = False  # the host could not be reached at all


def retrying(attempt: Callable[[], T], judge: Callable[[T], Retry | None], policy: RetryPolicy,
             sleep: Callable[[float], object] = time.sleep) -> T:
    """Call `attempt` until `judge` finds nothing to retry in its result or the policy's retries are
    spent, waiting between tries as the policy says; the last result."""
    tries = 1
    while True:
        result = attempt()
        verdict = judge(result)
        if verdict is None or not policy.allows(tries, verdict.unreachable):
            return result
        sleep(policy.wait(tries, verdict.retry_after, verdict.throttled, verdict.unreachable))
        tries += 1
