"""Scope: which URLs belong to a crawl (the seeds' hosts, their registrable domains, or any),
narrowed by include and exclude patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..errors import UsageError
from .urls import host_of

ScopeMode = Literal["host", "domain", "any"]
SCOPE_MODES: tuple[ScopeMode, ...] = ("host", "domain", "any")


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The domain a site registered ("news.bbc.co.uk" -> "bbc.co.uk"), from the Public Suffix List
    snapshot bundled with tldextract: never fetched, so the answer is the same offline and online."""
    return public_suffix_list()(host).top_domain_under_public_suffix or host


@lru_cache(maxsize=1)
def public_suffix_list():
    import tldextract  # imported on first use: loading the list costs ~30 ms, paid only in domain mode

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_host(host: str) -> str:
    return host.removeprefix("www.")


def compile_pattern(option: str, pattern: str | None) -> re.Pattern | None:
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise UsageError(f"--{option} {pattern!r} is not a valid regular expression: {error}") from error


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to a crawl.

    mode "host": the host of a seed (with or without "www."); "domain": the registrable domain of a
    seed (any subdomain); "any": every URL. `include` / `exclude` are regular expressions searched
    in the URL: a URL must match `include` (when given) and must not match `exclude`.
    An invalid mode or regex raises UsageError when the scope is made.
    """

    seeds: tuple[str, ...]
    mode: ScopeMode = "host"
    include: str | None = None
    exclude: str | None = None
    _hosts: frozenset[str] = field(init=False, repr=False, compare=False)
    _include: re.Pattern | None = field(init=False, repr=False, compare=False)
    _exclude: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.mode not in SCOPE_MODES:
            raise UsageError(f"scope must be one of {', '.join(SCOPE_MODES)}, not {self.mode!r}")
        hosts = {self._site_of(host_of(seed)) for seed in self.seeds}
        object.__setattr__(self, "_hosts", frozenset(hosts - {""}))
        object.__setattr__(self, "_include", compile_pattern("include", self.include))
        object.__setattr__(self, "_exclude", compile_pattern("exclude", self.exclude))

    def _site_of(self, host: str) -> str:
        if not host:
            return ""
        return registrable_domain(host) if self.mode == "domain" else site_host(host)

    def allows(self, url: str) -> bool:
        if self._include is not None and not self._include.search(url):
            return False
        if self._exclude is not None and self._exclude.search(url):
            return False
        if self.mode == "any":
            return True
        return self._site_of(host_of(url)) in self._hosts
