"""Benchmark inputs: a news site of any size, and a WARC of its article pages.

Both reuse the demo site's generator (fixtures/site-src/generate.py), with as many stories as asked:
each story is one of the demo's 24 with a numbered slug, title and date, so every page (and every
payload) is distinct and extraction costs what it costs on a real article page.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GENERATOR = Path(__file__).resolve().parents[1] / "fixtures" / "site-src" / "generate.py"
LISTING_PAGE_SIZE = 20  # teasers per listing page: longer listings than the demo's, as on real sites


def load_generator():
    spec = importlib.util.spec_from_file_location("demo_site_generator", GENERATOR)
    assert spec is not None and spec.loader is not None, GENERATOR
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


class IndexedStories(tuple):
    """The generator looks stories up with STORIES.index(); a dict keeps that O(1) for big sites."""

    _positions: dict[object, int]

    def __new__(cls, items):
        self = super().__new__(cls, items)
        self._positions = {item: position for position, item in enumerate(self)}
        return self

    def index(self, item, *args):  # noqa: D401 - tuple's own signature
        return self._positions[item]


def generator_with_stories(count: int):
    generator = load_generator()
    templates = generator.STORIES
    first_day = date(2019, 1, 1)
    stories = [replace(templates[n % len(templates)], slug=f"{templates[n % len(templates)].slug}-{n}",
                       title=f"{templates[n % len(templates)].title} ({n})", day=first_day + timedelta(days=n))
               for n in range(count)]
    generator.STORIES = IndexedStories(stories)
    generator.PER_PAGE = LISTING_PAGE_SIZE
    return generator


def build_site(root: Path, stories: int) -> int:
    """Write the site under `root`; the number of HTML pages a crawler can reach."""
    generator = generator_with_stories(stories)
    files = generator.build(generator.BASE_PLACEHOLDER)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return sum(1 for path in files if path.endswith(".html") and not path.startswith("private/"))


def build_warc(path: Path, pages: int, origin: str = "http://bench.example") -> None:
    """A gzipped WARC of `pages` article pages, each a response record followed by its request."""
    generator = generator_with_stories(pages)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench/sitegen.py"}))
        for story in generator.STORIES:
            url = origin + generator.story_path(story)
            body = generator.article_page(story, "").encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                          http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "request", http_headers=StatusAndHeaders(
                f"GET {generator.story_path(story)} HTTP/1.1", [("Host", "bench.example")], is_http_request=True)))
