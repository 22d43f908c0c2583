"""Host slots: the crawl's politeness. One request at a time per host, and a rest of `delay`
seconds (or the site's Crawl-delay, if longer) between the end of one and the start of the next."""
from __future__ import annotations

import time
from dataclasses import dataclass

# A Crawl-delay beyond this is taken as this: a site asking for an hour between pages would make
# the crawl useless, and waiting a minute is already very polite.
MAX_CRAWL_DELAY = 60.0


@dataclass
class HostState:
    busy: bool = False
    next_allowed: float = 0.0  # wall-clock time before which nothing is sent to this host
    delay: float = 0.0


class HostSlots:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._hosts: dict[str, HostState] = {}

    def _state(self, host: str) -> HostState:
        return self._hosts.setdefault(host, HostState(delay=self.delay))

    def occupy(self, host: str) -> None:
        self._state(host).busy = True

    def release(self, host: str) -> None:
        """The host's request is over: it rests `delay` seconds from now."""
        state = self._state(host)
        state.busy = False
        state.next_allowed = max(state.next_allowed, time.time() + state.delay)

    def hold_until(self, host: str, when: float) -> None:
        """The server asked the whole host to wait (Retry-After)."""
        state = self._state(host)
        state.next_allowed = max(state.next_allowed, when)

    def slow_down(self, host: str, crawl_delay: float) -> float:
        """Rest at least the site's Crawl-delay (up to MAX_CRAWL_DELAY) between requests; the delay kept."""
        state = self._state(host)
        state.delay = max(self.delay, min(crawl_delay, MAX_CRAWL_DELAY))
        return state.delay

    def blocked(self, now: float) -> set[str]:
        """Hosts that may not be sent a request now: busy or resting."""
        return {host for host, state in self._hosts.items() if state.busy or state.next_allowed > now}

    def busy(self) -> set[str]:
        return {host for host, state in self._hosts.items() if state.busy}

    def resting(self, now: float) -> dict[str, float]:
        """Free hosts still resting, with the time their rest ends."""
        return {host: state.next_allowed for host, state in self._hosts.items()
                if not state.busy and state.next_allowed > now}
