"""Cards inside the article's container that show other things than its text.

- A teaser card of another story: a headline that is a link, an excerpt, perhaps a byline, in a
  small box.
- A shop card of a product (reviews and buying guides): a picture, the product's name, a price and
  buttons that link to shops on other sites, all in short lines. The text of a review says what
  it thinks of a product in sentences; the card only names and prices it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html

from .blocks import HEADING_TAGS, Measure

LINKED_HEADING_SHARE = 0.8      # a headline this much link text is a link to another story
MAX_TEASER_TEXT = 400
MAX_SHOP_CARD_TEXT = 300        # a name, a price or two and the buttons' labels
MAX_CARD_LINE = 80              # no line of a card is as long as a sentence of the article


def find_teasers(measure: Measure) -> set:
    """The boxes around headlines that are links, when small: teaser cards of other stories."""
    teasers = set()
    for block, length in measure.own_text.items():
        if block.tag not in HEADING_TAGS:
            continue
        parent = block.getparent()
        if parent is not None and parent.tag == "a":  # <a><h3>Headline</h3></a>
            parent = parent.getparent()
        elif measure.own_links.get(block, 0) < LINKED_HEADING_SHARE * length:
            continue
        if parent is not None and measure.text.get(parent, 0) <= MAX_TEASER_TEXT:
            teasers.add(parent)
    return teasers


def is_shop_card(box: lxml.html.HtmlElement, measure: Measure, page_host: str | None) -> bool:
    """A small box with a picture, short lines only and a link to another site."""
    if page_host is None or next(box.iter("img"), None) is None:
        return False
    if any(measure.own_text.get(block, 0) >= MAX_CARD_LINE for block in box.iter() if block in measure.own_text):
        return False
    return any(host not in (None, page_host) for host in map(host_of, box.xpath("descendant::a/@href")))


def host_of(url: str | None) -> str | None:
    """The host of an absolute http(s) address, without "www."; None for a relative or bad one."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return host.removeprefix("www.")
