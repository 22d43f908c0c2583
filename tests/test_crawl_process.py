"""`scraper crawl` as a process: the folder lock, and stopping by Ctrl-C or SIGTERM in every state."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import Reply, SiteServer, page

ROOT = Path(__file__).resolve().parent.parent
TEXT = (("Content-Type", "text/plain"),)
STORIES = [f"/2024/03/05/story-number-{n}/" for n in range(12)]


@pytest.fixture
def site():
    with SiteServer() as server:
        server.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", TEXT))
        server.route("/", page("Home", STORIES))
        for path in STORIES:
            server.route(path, page("Story " + path, article=True))
        yield server


def crawl_command(site: SiteServer, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "scraper", "crawl", site.url("/"), "--out", str(out), "--quiet", *options]


def start(site: SiteServer, out: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(crawl_command(site, out, *options), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def records(out: Path) -> list[str]:
    path = out / "articles.jsonl"
    return [json.loads(line)["url"] for line in path.read_text().splitlines()] if path.exists() else []


def test_a_second_crawl_on_the_same_folder_is_refused_naming_the_first(site, tmp_path):
    first = start(site, tmp_path, "--delay", "0.3")
    wait_for(lambda: site.count("/") == 1)
    second = subprocess.run(crawl_command(site, tmp_path, "--delay", "0.3"), cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert second.returncode == 2
    assert f"in use by another run (pid {first.pid}, scraper crawl, started " in second.stderr
    assert first.wait(timeout=60) == 0
    times = sorted(hit.time for hit in site.hits)
    assert all(later - earlier >= 0.28 for earlier, later in zip(times, times[1:]))  # one crawler's pace
    assert sorted(records(tmp_path)) == sorted(site.url(path) for path in STORIES)
    assert not (tmp_path / "lock").exists()  # removed when the run ends
    # once the first has ended, the folder is free: the same command resumes it
    assert subprocess.run(crawl_command(site, tmp_path), cwd=ROOT, timeout=30).returncode == 0


def test_a_lock_left_by_a_killed_run_does_not_hold(site, tmp_path):
    first = start(site, tmp_path, "--delay", "0.3")
    wait_for(lambda: (tmp_path / "lock").exists() and site.count("/") == 1)
    first.kill()
    first.wait()
    assert (tmp_path / "lock").exists()  # left behind, but the kernel released the lock with the process
    done = subprocess.run(crawl_command(site, tmp_path, "--delay", "0"), cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(records(tmp_path)) == sorted(site.url(path) for path in STORIES)
