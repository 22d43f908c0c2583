"""Shared test helpers: every record a test produces is validated against the published schema."""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import scraper

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMA = json.loads(files("scraper").joinpath("schema/article.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def validated(article: scraper.Article) -> dict:
    """The record as JSON, after checking it against the schema (and that it survives JSON)."""
    record = json.loads(json.dumps(article.to_dict()))
    VALIDATOR.validate(record)
    return record


@pytest.fixture
def extract_record():
    """extract() a page and return its schema-validated JSON record."""
    def run(html, url=None, **kwargs):
        return validated(scraper.extract(html, url, **kwargs))
    return run


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
