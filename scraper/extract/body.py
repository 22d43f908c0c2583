"""The article body: chrome removed, paragraphs in reading order. (Stub: being written.)"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from ..record import Image


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "p"  # "p", "heading", "list", "blockquote", "pre"


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[Paragraph, ...] = ()
    images: tuple[Image, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


def extract_body(root: lxml.html.HtmlElement, url: str | None, exclude: tuple[lxml.html.HtmlElement, ...] = ()) -> Body:
    """May change the tree: run it after every other reader of the page."""
    paragraphs = tuple(Paragraph(" ".join(p.text_content().split())) for p in root.iter("p"))
    return Body(tuple(p for p in paragraphs if p.text))
