"""The article body: the site's chrome removed, the paragraphs in reading order.

The steps (after Mozilla Readability, with one measure of the page instead of repeated scans):
1. read what the scripts say (`signals`), what the head calls the page (a copy of the headline
   in the text is no text) and where the e-mail fields are (signup boxes), then drop what never
   shows text (`chrome.drop_invisible`) and the containers the comments step claimed;
2. prune the chrome by tag, role, signup field and class words (`chrome`);
3. measure every block of text once: its length, link text, commas (`blocks`);
4. pick the article's container and the siblings that continue it, by score (`candidates`), and
   check them against the page's own JSON-LD copy of the text where it shows one (`articlebody`);
5. read them in document order, one paragraph per block, leaving out what is inside the article
   but not its text (the author's box, a comment thread after it), and collecting the figures
   (`paragraphs`, `boilerplate`, `bios`, `threads`, `figures`);
6. when that finds next to nothing on a page full of text, the class names misled step 2: put
   the chrome back, prune by the markup alone, and read the page again;
7. tell what looks wrong: no body, a paywall, a page the browser renders by script (`signals`).
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from ..record import Image
from .articlebody import shown_copy
from .blocks import measure_blocks
from .candidates import pick_containers
from .chrome import (drop_excluded, drop_invisible, email_field_holders, prune_chrome, restore, signup_boxes,
                     visible_length)
from .paragraphs import Paragraph, ParagraphWriter
from .signals import page_warnings, read_script_signals

__all__ = ["Body", "BodyHints", "Paragraph", "extract_body"]

# Less body text than this from a page with this many times more text: read it again.
MIN_BODY_TEXT = 250
PAGE_TO_BODY_RATIO = 4


@dataclass(frozen=True)
class BodyHints:
    """What the page's metadata says about its article, for the body step to find it by."""

    authors: tuple[str, ...] = ()       # the names the page credits: their box is no text
    article_body: str | None = None     # the JSON-LD copy of the text (`articlebody`)


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[Paragraph, ...] = ()
    images: tuple[Image, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


def extract_body(root: lxml.html.HtmlElement, url: str | None,
                 exclude: tuple[lxml.html.HtmlElement, ...] = (), hints: BodyHints = BodyHints()) -> Body:
    """The body of the page under `root`, leaving out the `exclude` containers (the comments);
    `hints` from the metadata help find it.

    Changes the tree (chrome is removed from it): run it after every other reader of the page.
    """
    scripts = read_script_signals(root)
    headlines = read_headlines(root)
    email_fields = email_field_holders(root)
    drop_invisible(root)
    drop_excluded(exclude)
    body = root.find("body")
    if body is None:
        body = root
    page_text = body.text_content()
    page_length = visible_length(page_text)
    signups = signup_boxes(email_fields, page_length)
    removals = prune_chrome(body, page_length=page_length, signups=signups)
    chrome = [removal.element for removal in removals]
    found = read_article(body, url, headlines, hints)
    if text_length(found) < MIN_BODY_TEXT and page_length > PAGE_TO_BODY_RATIO * MIN_BODY_TEXT:
        restore(removals)  # the page as it was: `page_length` still measures it
        second_removals = prune_chrome(body, trust_names=False, page_length=page_length, signups=signups)
        chrome += [removal.element for removal in second_removals]
        second = read_article(body, url, headlines, hints)
        if text_length(second) > text_length(found):
            found = second
    paragraphs, images = found
    warnings = page_warnings(text_length(found), page_text, scripts, [root, *chrome])
    return Body(paragraphs, images, warnings)


def read_headlines(root: lxml.html.HtmlElement) -> tuple[str, ...]:
    """What the page's head calls it (its <title>, og:title): read before the head is dropped, so
    that a copy of the headline opening the text can be told from the text."""
    titles = root.xpath("/html/head/title/text() | /html/head/meta[@property='og:title']/@content")
    return tuple(" ".join(title.split()).casefold() for title in titles if title.strip())


def read_article(body: lxml.html.HtmlElement, url: str | None, headlines: tuple[str, ...] = (),
                 hints: BodyHints = BodyHints()) -> tuple[tuple[Paragraph, ...], tuple[Image, ...]]:
    """Steps 3 to 5 on a pruned page: its paragraphs and figures."""
    measure = measure_blocks(body)
    containers = pick_containers(body, measure)
    shown = shown_copy(hints.article_body, measure) if hints.article_body else None
    if shown is not None:
        containers = shown.check(containers, body)
    writer = ParagraphWriter(measure, url, headlines, hints.authors, shown.matched if shown else None)
    for container in containers:
        writer.write(container)
    return writer.paragraphs(), tuple(writer.images)


def text_length(found) -> int:
    return sum(len(p.text) for p in found[0])
