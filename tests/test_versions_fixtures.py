"""The version-pair fixtures (fixtures/versions/pairs, written by fixtures/versions/build.py): for each
pair of records of one article with known edits, `scraper changes` reports exactly those edits
(every one found, nothing else), and nothing at all for chrome-only and typography-only pairs."""
from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files

import jsonschema
import pytest
from conftest import FIXTURES
from conftest import VALIDATOR as ARTICLE_VALIDATOR

from scraper.versions import changes

PAIRS = sorted((FIXTURES / "versions" / "pairs").glob("*.json"))
CHANGE_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads(files("scraper").joinpath("schema/change.schema.json").read_text()))
# The edit kinds issue 11 asks the test set to cover.
REQUIRED_KINDS = {"headline rewritten", "paragraph added", "paragraph removed", "sentence edited",
                  "sentence moved", "quote added", "quote removed", "comment added", "byline changed",
                  "date changed", "correction appended", "update notice", "chrome-only change",
                  "whitespace/typography-only change"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_set_covers_every_edit_kind_with_at_least_30_pairs():
    pairs = [load(path) for path in PAIRS]
    assert len(pairs) >= 30
    covered = {kind for pair in pairs for kind in pair["kinds"]}
    assert REQUIRED_KINDS <= covered, REQUIRED_KINDS - covered
    assert sum(not pair["expect"]["change"] for pair in pairs) >= 5


@pytest.mark.parametrize("path", PAIRS, ids=[path.stem for path in PAIRS])
def test_pair(path, tmp_path):
    pair = load(path)
    for side in ("old", "new"):
        ARTICLE_VALIDATOR.validate(pair[side])
    source = tmp_path / "articles.jsonl"
    # the newer capture first: changes() orders by capture time, not by input order
    source.write_text("".join(json.dumps(pair[side]) + "\n" for side in ("new", "old")), encoding="utf-8")
    found = [change.to_dict() for change in changes([tmp_path])]
    expect = pair["expect"]
    if not expect["change"]:
        assert found == []
        return
    assert len(found) == 1
    change = found[0]
    CHANGE_VALIDATOR.validate(change)
    assert change["old"]["id"] == pair["old"]["id"] and change["new"]["id"] == pair["new"]["id"]
    assert list(change["fields"]) == expect["fields"]
    for name in expect["fields"]:
        assert change["fields"][name] == {"old": pair["old"][name], "new": pair["new"][name]}
    edits = Counter((edit["kind"], edit["old"], edit["new"]) for edit in change["body"])
    assert edits == Counter((edit["kind"], edit["old"], edit["new"]) for edit in expect["body"])
    assert [[q["text"], q["speaker"]] for q in change["quotes_added"]] == expect["quotes_added"]
    assert [[q["text"], q["speaker"]] for q in change["quotes_removed"]] == expect["quotes_removed"]
    assert [c["text"] for c in change["comments_added"]] == expect["comments_added"]
    assert [[n["kind"], n["text"]] for n in change["notices"]] == expect["notices"]


def test_edits_carry_positions_and_similarity():
    pair = load(next(path for path in PAIRS if path.stem.endswith("sentence-edited-number")))
    from scraper.versions.comparison import compare
    change = compare("u", pair["old"], pair["new"]).to_dict()
    [edit] = change["body"]
    assert (edit["old_sentence"], edit["new_sentence"], edit["old_paragraph"], edit["new_paragraph"]) == (0, 0, 0, 0)
    assert 0.8 < edit["similarity"] < 1
