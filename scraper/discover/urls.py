"""URL normalisation: one spelling of every web URL, so that the frontier deduplicates.

`normalize_url` joins a link with its base, drops the fragment, tracking parameters and session
ids, lower-cases scheme and host (IDNA), drops default ports and resolves dot segments; the path's
case and the other parameters' order are kept, since servers may tell them apart.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

WEB_SCHEMES = {"http", "https"}
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_PORT = 65535
# Parameters that identify a campaign or a click, never the page: the same article reached from a
# newsletter and from the home page must be one URL.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id",
    "oly_enc_id", "rb_clickid", "s_cid", "ncid", "cmpid", "ocid", "sr_share", "at_medium", "at_campaign",
})
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")
# Session ids a server puts in its links when it cannot set a cookie: a new one on every visit, so
# that one page has endless URLs. In the path as parameters (";jsessionid=...", ";sid=...") or as
# an ASP.NET cookieless segment ("/(S(a1b2c3))/"), and in the query under names no page uses for
# anything else (not "sid" there: some sites number their stories with it).
PATH_SESSION_PARAMS = frozenset({"jsessionid", "sid", "sessionid", "session_id", "sessid", "phpsessid", "zenid", "oscsid"})
QUERY_SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "cfid",
                                  "cftoken", "zenid", "oscsid"})
QUERY_SESSION_PREFIXES = ("aspsessionid",)
COOKIELESS_SESSION_SEGMENT = re.compile(r"/\((?:[A-Za-z]\([^()/]{0,200}\)){1,8}\)(?=/|$)")
# Characters left as they are in a path or query; everything else (spaces, non-ASCII) is escaped.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"
PATH_NEEDS_ESCAPING = re.compile(r"[^A-Za-z0-9" + re.escape(PATH_SAFE) + "]")
QUERY_NEEDS_ESCAPING = re.compile(r"[^A-Za-z0-9" + re.escape(QUERY_SAFE) + "]")
ABSOLUTE_WEB_URL = re.compile(r"https?://", re.IGNORECASE)
# A URL already spelt as normalize_url writes it, bar a default port: a lower-case http(s) scheme and
# ASCII host, a path of characters that need no escaping, with no dot segment, session parameter
# (";") or cookieless segment ("("), no query, no fragment. Most links and sitemap entries are, and
# skip the general path (urlsplit, IDNA, escaping), which a sitemap of 700,000 URLs makes long.
PLAIN_URL = re.compile(r"(https?)://([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::([1-9][0-9]{0,4}))?"
                       r"((?:/[A-Za-z0-9\-._~!$&'*+,=:@%]*)*)")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """One spelling of a web URL, or None when it is not an http(s) URL worth visiting.

    Joined with `base`; the fragment dropped; tracking parameters removed (the others keep their
    order and spelling: sorting them could change what some servers answer); scheme and host
    lower-cased, the host in IDNA form; default ports dropped; dot segments resolved; the path's
    case kept (paths are case-sensitive on most servers).
    """
    if not url:
        return None
    url = url.strip()
    try:
        joined = joined_url(url, base)
        plain = plain_url(joined)
        if plain is not None:
            return plain
        parts = urlsplit(joined)
        scheme = parts.scheme.lower()
        if scheme not in WEB_SCHEMES or not parts.hostname:
            return None
        host = idna_host(parts.hostname.rstrip("."))
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if host is None:
        return None
    if ":" in host:  # an IPv6 literal: urlsplit gave it without its brackets
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:  # credentials in a link are rare but part of the address
        netloc = f"{parts.netloc.rsplit('@', 1)[0]}@{netloc}"
    path = escaped(remove_dot_segments(without_path_sessions(parts.path)) or "/", PATH_SAFE, PATH_NEEDS_ESCAPING)
    query = escaped(without_tracking_params(parts.query), QUERY_SAFE, QUERY_NEEDS_ESCAPING)
    return urlunsplit((scheme, netloc, path, query, ""))


def plain_url(url: str) -> str | None:
    """`url` as normalize_url writes it, when it is a PLAIN_URL (else None: the general path decides)."""
    match = PLAIN_URL.fullmatch(url)
    if match is None or "/." in match.group(4):
        return None
    scheme, host, port, path = match.groups()
    if port is not None:
        if int(port) > MAX_PORT:
            return None
        if int(port) == DEFAULT_PORTS[scheme]:
            port = None
    return f"{scheme}://{host}{'' if port is None else ':' + port}{path or '/'}"


def joined_url(url: str, base: str | None) -> str:
    """urljoin, with a shortcut for the two kinds of link most pages are made of: absolute URLs
    and root-relative paths ("/2024/02/01/story/"), which need no general resolution."""
    if base is None or ABSOLUTE_WEB_URL.match(url):
        return url
    if url.startswith("/") and not url.startswith("//"):
        origin = origin_of(base)
        if origin:
            return origin + url
    return urljoin(base, url)


@lru_cache(maxsize=1024)
def origin_of(url: str) -> str | None:
    """"https://example.com:8080" from "https://example.com:8080/a/b?c"; None for anything else."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in WEB_SCHEMES:
        return None
    return scheme + separator + rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def escaped(text: str, safe: str, needs_escaping: re.Pattern) -> str:
    # Most links need no escaping; checking first is much cheaper than quote() on every one.
    return quote(text, safe=safe) if needs_escaping.search(text) else text


@lru_cache(maxsize=4096)
def idna_host(host: str) -> str | None:
    """The host in ASCII (IDNA) form; None for a host that cannot be encoded."""
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: "/a/./b/../c" is "/a/c" (urljoin does this only when there is a base)."""
    if "." not in path:
        return path
    output: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(output) > 1:
                output.pop()
        elif segment != ".":
            output.append(segment)
    if path.endswith(("/.", "/..")):
        output.append("")
    return "/".join(output)


def without_tracking_params(query: str) -> str:
    if not query:
        return ""
    kept = [pair for pair in query.split("&") if pair and not is_tracking_param(pair.split("=", 1)[0])]
    return "&".join(kept)


def is_tracking_param(name: str) -> bool:
    """A campaign or click parameter, or a session id: never part of what the page is."""
    name = unquote(name).lower()
    return (name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES) or name in QUERY_SESSION_PARAMS
            or name.startswith(QUERY_SESSION_PREFIXES))


def without_path_sessions(path: str) -> str:
    """The path without session-id parameters ("/cal;jsessionid=A1B2" is "/cal") or cookieless
    session segments ("/(S(a1b2c3))/page.aspx" is "/page.aspx")."""
    if "(" in path:
        path = COOKIELESS_SESSION_SEGMENT.sub("", path)
    if ";" not in path:
        return path
    return "/".join(_without_session_params(segment) if ";" in segment else segment for segment in path.split("/"))


def _without_session_params(segment: str) -> str:
    name, *params = segment.split(";")
    kept = [param for param in params if unquote(param.split("=", 1)[0]).lower() not in PATH_SESSION_PARAMS]
    return ";".join([name, *kept])


def host_of(url: str) -> str:
    """The host of a URL, lower-cased; "" when there is none. Cheap for the URLs `normalize_url`
    writes (the frontier asks for every URL it queues: a sitemap has 50,000)."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme in WEB_SCHEMES:
        end = len(rest)
        for mark in "/?#":
            found = rest.find(mark, 0, end)
            if found >= 0:
                end = found
        netloc = rest[:end]
        if "@" not in netloc and "[" not in netloc:
            return netloc.partition(":")[0].lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def unique(urls) -> tuple[str, ...]:
    return tuple(dict.fromkeys(url for url in urls if url))
