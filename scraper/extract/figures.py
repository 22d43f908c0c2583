"""In-article pictures: their address (absolute when the page's is known), alt text and caption."""
from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

from ..record import Image
from .chrome import words_of

CAPTION_WORDS = frozenset("caption figcaption credit credits wpcaption".split())
TRACKING_PIXEL_SIZE = 2
# Lazy loading puts the real address in a data- attribute and a placeholder in src.
SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-url", "src")
SRCSET_ATTRIBUTES = ("srcset", "data-srcset")


def is_caption(element: lxml.html.HtmlElement) -> bool:
    """A caption or a photo credit, by its class or id: the picture's text, not the article's."""
    return not CAPTION_WORDS.isdisjoint(words_of(element))


def has_image(element: lxml.html.HtmlElement) -> bool:
    return next(element.iter("img"), None) is not None


def caption_of(figure: lxml.html.HtmlElement) -> str | None:
    """The text of the figure's <figcaption>, or of the element its class calls a caption."""
    caption = next(figure.iter("figcaption"), None)
    if caption is None:
        caption = next((e for e in figure.iter() if e is not figure and isinstance(e.tag, str)
                        and is_caption(e)), None)
    if caption is None:
        return None
    return " ".join(caption.text_content().split()) or None


def image_of(image: lxml.html.HtmlElement, page_url: str | None, caption: str | None) -> Image | None:
    """The picture an <img> shows; None for a tracking pixel or a placeholder without address."""
    source = image_source(image)
    if not source:
        return None
    if page_url:
        try:
            source = urljoin(page_url, source)
        except ValueError:  # a malformed page URL: the address stays as the page wrote it
            pass
    alt = " ".join((image.get("alt") or "").split()) or None
    return Image(url=source, alt=alt, caption=caption)


def image_source(image: lxml.html.HtmlElement) -> str | None:
    for size in (image.get("width"), image.get("height")):
        if size and size.strip().isdigit() and int(size) <= TRACKING_PIXEL_SIZE:
            return None
    for attribute in SOURCE_ATTRIBUTES:
        value = (image.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    for attribute in SRCSET_ATTRIBUTES:
        srcset = (image.get(attribute) or "").strip()
        if srcset:
            return srcset.split()[0]
    return None


def with_lead_image(lead: Image | None, figures: tuple[Image, ...]) -> tuple[Image, ...]:
    """The lead image first, then the article's other figures. A lead image that is also a figure
    in the article is one image, with the alt text and caption the page shows beside it (the
    metadata's where the page shows none)."""
    if lead is None:
        return figures
    shown = next((figure for figure in figures if figure.url == lead.url), None)
    if shown is not None:
        lead = Image(url=lead.url, alt=shown.alt or lead.alt, caption=shown.caption or lead.caption)
    return (lead, *(figure for figure in figures if figure.url != lead.url))
