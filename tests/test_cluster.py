"""`scraper parse --dask`: a WARC collection parsed on a LocalCluster of two worker processes.

The parts must hold the records a local `scraper parse` writes, in the same order; a re-run
skips finished parts and redoes only what is missing; a task whose input fails once is retried.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
from dask.distributed import Client, LocalCluster  # noqa: E402
from rangeserver import RangeServer  # noqa: E402
from warcfactory import write_collection  # noqa: E402

from scraper.archive.capturefilter import CaptureFilter  # noqa: E402
from scraper.archive.cluster import MANIFEST, PartTask, finished_part, parse_part, run_cluster_parse  # noqa: E402
from scraper.archive.parse import ParseConfig, run_parse  # noqa: E402
from scraper.cli import main  # noqa: E402

FILES = 4


@pytest.fixture(scope="module")
def scheduler():
    """Two single-threaded worker processes, started once for the module (start-up is the slow part)."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            client.wait_for_workers(2)
            yield cluster.scheduler_address


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    folder = tmp_path_factory.mktemp("collection")
    articles = write_collection(folder, files=FILES, articles_per_file=8)
    local = run_parse(ParseConfig((str(folder),), str(folder.parent / "local.jsonl")))
    assert local.records == len(articles)
    return folder, (folder.parent / "local.jsonl").read_text().splitlines()


def part_lines(out: Path) -> list[str]:
    return [line for part in sorted(out.glob("part-*.jsonl")) for line in part.read_text().splitlines()]


def test_parts_hold_the_local_records_and_a_rerun_redoes_only_what_is_missing(scheduler, collection, tmp_path):
    folder, local_lines = collection
    out = tmp_path / "parts"
    out.mkdir()
    (out / "part-00001.jsonl.partial-deadbeef").write_text("left by a worker that died\n")

    summary = run_cluster_parse(ParseConfig((str(folder),), str(out), dask=scheduler))
    assert not summary.failed and summary.skipped == 0
    assert part_lines(out) == local_lines
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["complete"] and manifest["records"] == len(local_lines)
    assert [(p["part"], p["records"]) for p in manifest["parts"]] == [
        (f"part-{n:05d}.jsonl", len((out / f"part-{n:05d}.jsonl").read_text().splitlines())) for n in range(FILES)]
    assert sorted(path.name for path in out.iterdir()) == sorted(
        [MANIFEST] + [f"part-{n:05d}.jsonl{suffix}" for n in range(FILES) for suffix in ("", ".done")])

    # A part without its done-marker is not finished, whatever its file says: only it is redone.
    (out / "part-00002.jsonl.done").unlink()
    (out / "part-00002.jsonl").write_text("half a part\n")
    before = {n: (out / f"part-{n:05d}.jsonl").stat().st_mtime_ns for n in (0, 1, 3)}
    again = run_cluster_parse(ParseConfig((str(folder),), str(out), dask=scheduler))
    assert again.skipped == FILES - 1 and not again.failed
    assert {n: (out / f"part-{n:05d}.jsonl").stat().st_mtime_ns for n in (0, 1, 3)} == before
    assert part_lines(out) == local_lines


def test_remote_inputs_with_a_failing_read_are_retried(scheduler, collection, tmp_path):
    folder, local_lines = collection
    with RangeServer(folder.parent, flaky={f"/{folder.name}/CC-NEWS-00001.warc.gz"}) as server:
        summary = run_cluster_parse(ParseConfig((f"{server.base_url}/{folder.name}/",), str(tmp_path / "out"),
                                                            dask=scheduler))
        assert not server.flaky  # the 503 was served, and the task was tried again
    assert not summary.failed and summary.records == len(local_lines)
    assert part_lines(tmp_path / "out") == local_lines


def test_the_command_line_starts_a_local_cluster_and_filters(collection, tmp_path, capsys):
    folder, local_lines = collection
    out = tmp_path / "parts"
    assert main(["parse", str(folder), "--dask", "local", "--workers", "2", "--out", str(out),
                 "--domain", "blog.example.org", "--from", "202401"]) == 0
    expected = [line for line in local_lines if json.loads(line)["domain"] == "blog.example.org"]
    assert 0 < len(expected) < len(local_lines)
    assert part_lines(out) == expected
    assert f"{len(expected)} records in {FILES} parts" in capsys.readouterr().out


def test_a_part_written_to_an_object_store_is_finished_only_by_its_marker(collection):
    """fsspec's in-memory store stands in for s3://: no rename, only copies and deletes."""
    import fsspec

    folder, local_lines = collection
    task = PartTask(0, str(folder / "CC-NEWS-00000.warc.gz"), "memory://run", CaptureFilter(), False)
    fs = fsspec.filesystem("memory")
    assert finished_part(fs, "/run", task) is None
    result = parse_part(task)
    assert sorted(fs.ls("/run", detail=False)) == ["/run/part-00000.jsonl", "/run/part-00000.jsonl.done"]
    lines = fs.cat("/run/part-00000.jsonl").decode().splitlines()
    assert lines == local_lines[:len(lines)] and result.records == len(lines) > 0
    assert finished_part(fs, "/run", task) == result
    other_options = PartTask(0, task.location, task.out, CaptureFilter(domain="example.org"), False)
    assert finished_part(fs, "/run", other_options) is None  # made with other options: redone
    fs.rm("/run", recursive=True)
