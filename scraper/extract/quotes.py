"""Direct quotations and their speakers, found in plain text. (Stub: being written.)"""
from __future__ import annotations

from ..record import Quote


def extract_quotes(text: str) -> list[Quote]:
    return []


def quotes_from_paragraphs(paragraphs: list[tuple[str, str]]) -> list[Quote]:
    """Quotes of an article body: (text, kind) paragraphs; kind "blockquote" gives block quotes."""
    return []
