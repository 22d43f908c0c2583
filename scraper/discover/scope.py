"""Scope: which URLs belong to a crawl (the seeds' hosts, their registrable domains, or any),
narrowed by include and exclude patterns, and never an internal address unless a seed is one."""
from __future__ import annotations

import ipaddress
import re
import socket
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


# Host names that always mean this machine (RFC 6761).
LOCAL_NAMES = ("localhost", ".localhost")
# Why a URL is out of scope, as the crawl summary counts them.
INTERNAL = "internal address"
OTHER_SITE = {"host": "other host (--scope host)", "domain": "other domain (--scope domain)", "any": ""}
NOT_INCLUDED = "--include"
EXCLUDED = "--exclude"


@lru_cache(maxsize=4096)
def is_internal_host(host: str) -> bool:
    """A loopback, private, link-local or otherwise non-public address, or a name for this machine:
    where a page on a public site must not send the crawler (a router, a cloud metadata service).
    IPv4 in any spelling the resolver accepts counts ("127.1", "2130706433", "0x7f.0.0.1"). Only
    the URL is judged: a public name whose DNS points inward is not caught here."""
    host = host.strip("[]").lower()
    if host == LOCAL_NAMES[0] or host.endswith(LOCAL_NAMES[1]):
        return True
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(host)
    except ValueError:
        try:
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


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
    seed (any subdomain); "any": every URL. An internal address (`is_internal_host`) is in scope
    only when a seed is one too. `include` / `exclude` are regular expressions searched in the URL:
    a page must match `include` (when given); no URL may match `exclude`.
    An invalid mode or regex raises UsageError when the scope is made.
    """

    seeds: tuple[str, ...]
    mode: ScopeMode = "host"
    include: str | None = None
    exclude: str | None = None
    _hosts: frozenset[str] = field(init=False, repr=False, compare=False)
    _internal_allowed: bool = field(init=False, repr=False, compare=False)
    _include: re.Pattern | None = field(init=False, repr=False, compare=False)
    _exclude: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.mode not in SCOPE_MODES:
            raise UsageError(f"scope must be one of {', '.join(SCOPE_MODES)}, not {self.mode!r}")
        hosts = {self._site_of(host_of(seed)) for seed in self.seeds}
        object.__setattr__(self, "_hosts", frozenset(hosts - {""}))
        object.__setattr__(self, "_internal_allowed", any(is_internal_host(host_of(seed)) for seed in self.seeds))
        object.__setattr__(self, "_include", compile_pattern("include", self.include))
        object.__setattr__(self, "_exclude", compile_pattern("exclude", self.exclude))

    def _site_of(self, host: str) -> str:
        if not host:
            return ""
        return registrable_domain(host) if self.mode == "domain" else site_host(host)

    def allows(self, url: str) -> bool:
        return self.refusal(url) is None

    def refusal(self, url: str, page: bool = True, seed: bool = False) -> str | None:
        """Why the URL is out of scope (INTERNAL, OTHER_SITE, NOT_INCLUDED, EXCLUDED), or None. `include`
        narrows pages only (`page`): the sitemaps, feeds and requisites of a site in scope are read
        whatever their address. A seed (or where it redirects) is not narrowed by either pattern."""
        host = host_of(url)
        if not self._internal_allowed and is_internal_host(host):
            return INTERNAL
        if self.mode != "any" and self._site_of(host) not in self._hosts:
            return OTHER_SITE[self.mode]
        if seed:
            return None
        if page and self._include is not None and not self._include.search(url):
            return NOT_INCLUDED
        if self._exclude is not None and self._exclude.search(url):
            return EXCLUDED
        return None
