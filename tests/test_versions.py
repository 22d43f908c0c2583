"""`scraper changes` end to end, short of the command line: inputs, grouping and ordering of the
versions, what is and is not a change, hostile records, and `run_changes`' outputs and exit status."""
from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
from conftest import fixture_bytes
from lxml import html as lxml_html
from test_versions_fixtures import CHANGE_VALIDATOR

import scraper
from scraper.versions import changes, run_changes
from scraper.versions.grouping import capture_time

BENCH = Path(__file__).resolve().parent.parent / "bench"
URL = "https://news.example.org/2024/03/04/harbour-bridge-repairs/"
PARAGRAPHS = ["The harbour bridge will close for six weeks from Monday. Engineers found corroded cables.",
              "The council approved an emergency budget on Thursday. Work will run day and night.",
              "Shop owners near the bridge fear a drop in trade."]


def record(fetched_at, *, body=None, title="Harbour bridge to close", **fields):
    body = body if body is not None else "\n\n".join(PARAGRAPHS)
    return {"schema_version": 1, "id": f"id-{fetched_at}", "url": URL, "canonical_url": URL,
            "title": title, "authors": ["Maria Okafor"], "published": "2024-03-04", "updated": None,
            "description": None, "section": "Local", "tags": [], "body": body, "word_count": len(str(body).split()),
            "quotes": [], "comments": [], "fetched_at": fetched_at, "archive": None, "warnings": [],
            "extractor": {"name": "scraper", "version": "0.1.0"}, **fields}


def write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_versions_across_folders_and_files_in_capture_order(tmp_path):
    first = record("2024-03-04T09:00:00Z")
    same = record("2024-03-04T12:00:00+01:00", id="chrome-only", word_count=999,
                  extractor={"name": "scraper", "version": "9"},
                  warnings=["nesting deeper than 400 levels was flattened"])
    changed = record("2024-03-05T09:00:00Z", title="Harbour bridge shut for six weeks")
    write_jsonl(tmp_path / "crawl" / "articles.jsonl", [changed])
    write_jsonl(tmp_path / "history.jsonl", [same, first])
    found = list(changes([tmp_path / "crawl", tmp_path / "history.jsonl"]))
    assert len(found) == 1
    # the old side is the last capture of the old text: the edit happened between the two captures
    assert (found[0].old.id, found[0].new.id) == ("chrome-only", changed["id"])
    assert found[0].fields["title"].new == "Harbour bridge shut for six weeks"


def test_wayback_capture_timestamp_orders_records_without_fetched_at(tmp_path):
    older = record(None, title="Old", archive={"source": "wayback", "capture_timestamp": "20240304090000"})
    newer = record(None, title="New", archive={"source": "wayback", "capture_timestamp": "20240305"})
    write_jsonl(tmp_path / "a.jsonl", [newer, older])
    [change] = changes([tmp_path / "a.jsonl"])
    assert (change.fields["title"].old, change.fields["title"].new) == ("Old", "New")


@pytest.mark.parametrize("value, expected", [
    ({"fetched_at": "2024-03-04T10:00:00+01:00"}, "2024-03-04T09:00:00+00:00"),
    ({"fetched_at": "2024-03-04T09:00:00"}, "2024-03-04T09:00:00+00:00"),
    ({"fetched_at": "garbage", "archive": {"capture_timestamp": "2024"}}, "2024-01-01T00:00:00+00:00"),
    ({"archive": {"capture_timestamp": "20241301000000"}}, None),
    ({"fetched_at": 12, "archive": "x"}, None),
])
def test_capture_time(value, expected):
    moment = capture_time(value)
    assert (moment.isoformat() if moment else None) == expected


def test_a_recrawl_version_number_breaks_a_tie(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z", title="Two", version=2),
                                       record("2024-03-04T09:00:00Z", title="One", version=1)])
    [change] = changes([tmp_path])
    assert (change.old.version, change.new.version) == (1, 2)


def test_the_same_article_under_tracking_parameters_is_one_article(tmp_path):
    a = record("2024-03-04T09:00:00Z", canonical_url=None, url=URL + "?utm_source=feed")
    b = record("2024-03-05T09:00:00Z", canonical_url=None, url=URL, title="Changed")
    write_jsonl(tmp_path / "a.jsonl", [a, b])
    assert [c.url for c in changes([tmp_path])] == [URL]


def test_different_articles_are_never_compared(tmp_path):
    other = record("2024-03-05T09:00:00Z", title="Another story", url=URL + "other/", canonical_url=URL + "other/")
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z"), other])
    assert list(changes([tmp_path])) == []


def test_an_incomplete_capture_is_skipped_among_complete_ones(tmp_path):
    teaser = record("2024-03-04T10:00:00Z", body=PARAGRAPHS[0], warnings=["paywalled"])
    empty = record("2024-03-04T11:00:00Z", body="")
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z"), teaser, empty, record("2024-03-04T12:00:00Z")])
    assert list(changes([tmp_path])) == []


def test_incomplete_captures_are_compared_when_there_is_nothing_else(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z", body=PARAGRAPHS[0], warnings=["paywalled"]),
                                       record("2024-03-04T10:00:00Z", body=PARAGRAPHS[1], warnings=["paywalled"])])
    [change] = changes([tmp_path])
    assert {edit.kind for edit in change.body} == {"added", "removed"}


def test_a_chain_of_versions_gives_one_change_per_edit(tmp_path):
    v1 = record("2024-03-04T09:00:00Z")
    v2 = record("2024-03-04T10:00:00Z", body="\n\n".join(PARAGRAPHS + ["Update: The bridge reopened early."]))
    v3 = record("2024-03-04T11:00:00Z", body=v2["body"], title="Bridge reopens early")
    write_jsonl(tmp_path / "a.jsonl", [v3, v1, v2])
    found = list(changes([tmp_path]))
    assert [(c.old.id, c.new.id) for c in found] == [(v1["id"], v2["id"]), (v2["id"], v3["id"])]
    assert [n.kind for n in found[0].notices] == ["update"] and not found[1].notices
    assert list(found[1].fields) == ["title"] and not found[1].body


def test_hostile_records_never_crash(tmp_path):
    lines = ["not json", "[1, 2]", "", json.dumps({"url": URL}),
             json.dumps(record("2024-03-04T09:00:00Z", title=5, authors="x", tags=[1, None], quotes="q",
                               comments=[None, {"text": 3}], published={"a": 1}, version=True)),
             json.dumps({**record("2024-03-04T09:30:00Z", body=["a"], archive=[]), "fetched_at": ["x"]}),
             json.dumps(record("2024-03-04T09:40:00Z", canonical_url=["x"], url={"a": 1})),
             json.dumps(record("2024-03-04T10:00:00Z", quotes=[{"text": "Hi", "speaker": 7}],
                               comments=[{"text": "A comment", "author": None, "id": 5}])),
             '{"url": "' + URL + '", "body": "torn']
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(b"\xff\xfe\x00garbage\n")
    found = list(changes([tmp_path]))
    for change in found:
        CHANGE_VALIDATOR.validate(json.loads(json.dumps(change.to_dict())))
    assert any(change.comments_added for change in found)


def test_the_same_input_gives_the_same_output(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z"),
                                       record("2024-03-05T09:00:00Z", body="\n\n".join(PARAGRAPHS[::-1]))])
    first = [c.to_dict() for c in changes([tmp_path])]
    assert first and first == [c.to_dict() for c in changes([tmp_path])]


def test_chrome_only_captures_of_a_page_are_no_change(tmp_path):
    """Two captures of one page whose trending list, ad and share counts differ: the extracted
    records differ only in volatile fields, and `changes` reports nothing."""
    page = fixture_bytes("versions/html/chrome-a.html")
    other = fixture_bytes("versions/html/chrome-b.html")
    assert page != other
    url = "https://news.example.org/2024/04/02/library-reopens/"
    records = [scraper.extract(page, url, fetched_at="2024-04-02T09:00:00Z").to_dict(),
               scraper.extract(other, url, fetched_at="2024-04-03T09:00:00Z").to_dict()]
    assert records[0]["id"] != records[1]["id"] and "Library" in records[0]["title"]
    write_jsonl(tmp_path / "a.jsonl", records)
    assert list(changes([tmp_path])) == []
    # and the same page with a sentence edited is one change with that edit
    edited = page.replace(b"About 2,000 visitors", b"About 2,500 visitors")
    records.append(scraper.extract(edited, url, fetched_at="2024-04-04T09:00:00Z").to_dict())
    write_jsonl(tmp_path / "a.jsonl", records)
    [change] = changes([tmp_path])
    assert [(e.kind, "2,500" in e.new) for e in change.body] == [("edited", True)]


def test_run_changes_writes_records_and_report(tmp_path):
    write_jsonl(tmp_path / "crawl" / "articles.jsonl",
                [record("2024-03-04T09:00:00Z"), record("2024-03-05T09:00:00Z", title="New title")])
    out, page = tmp_path / "out" / "changes.jsonl", tmp_path / "out" / "report.html"
    log = io.StringIO()
    assert run_changes([tmp_path / "crawl"], out, page, log=log) == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    CHANGE_VALIDATOR.validate(json.loads(line))
    assert "1 change in 1 article" in log.getvalue()
    assert lxml_html.fromstring(page.read_bytes()).xpath("//table[@class='fields']//ins/text()") == ["New title"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["changes.jsonl", "report.html"]


def test_run_changes_without_changes_writes_an_empty_file(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z")])
    out = tmp_path / "changes.jsonl"
    assert run_changes([tmp_path / "a.jsonl"], out, log=io.StringIO()) == 0
    assert out.read_text() == ""


def test_run_changes_refuses_a_missing_path_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "changes.jsonl"
    out.write_text("previous\n")
    log = io.StringIO()
    assert run_changes([tmp_path / "missing"], out, tmp_path / "r.html", log=log) == 2
    assert "missing" in log.getvalue()
    assert out.read_text() == "previous\n" and not (tmp_path / "r.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.jsonl"]


def test_the_benchmark_inputs_give_a_change_for_edited_pairs_only(tmp_path):
    """bench/changes_throughput.py's synthesised pairs: typography-only pairs (every fourth) give no
    change, nearly every edited one gives one."""
    spec = importlib.util.spec_from_file_location("changes_throughput", BENCH / "changes_throughput.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    edited = bench.build(tmp_path, 40)
    found = list(changes([tmp_path / "v1", tmp_path / "v2"]))
    numbers = {int(change.new.id.split("-")[0]) for change in found}
    assert not any(number % 4 == 3 for number in numbers)
    assert edited == 30 and len(found) >= 28


def test_records_without_an_address_are_no_article(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [record("2024-03-04T09:00:00Z", url=None, canonical_url=None, id=None),
                                       record("2024-03-05T09:00:00Z", url="", canonical_url=None, id=None,
                                              title="Another page")])
    assert list(changes([tmp_path])) == []


def test_a_lone_surrogate_in_a_record_is_kept_in_the_output(tmp_path):
    lines = [json.dumps(record("2024-03-04T09:00:00Z")),
             json.dumps(record("2024-03-05T09:00:00Z", title="Bad \udc80 title \u00e9"))]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    out, page = tmp_path / "changes.jsonl", tmp_path / "report.html"
    assert run_changes([tmp_path / "a.jsonl"], out, page, log=io.StringIO()) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["fields"]["title"]["new"] == "Bad \udc80 title \u00e9"
    assert "Bad ? title \u00e9" in page.read_text(encoding="utf-8")
