"""Check that a change leaves the records byte-identical: the demo's, and `scraper parse`'s.

Runs the same commands with two versions of the code, each in its own process, and compares what
they write:
- `scraper demo` (the crawl of the bundled demo site; served on one fixed port for both versions,
  since the port is part of every URL and record id);
- `scraper parse` of that crawl's WARC files (the archive reader, article test included);
- `scraper parse` of a folder of HTML pages (every page becomes a record);
- `scraper parse` of one WARC file holding the same pages under their own URLs (the article test
  and the deduplication run on them).
The pages come from a folder given on the command line (for instance the benchmark's data folder:
every `*/items.jsonl` beside an `html/` folder of gzipped pages); the project ships no such pages.

What a run cannot repeat is left out of the demo records before comparing: the capture time and
everything the WARC file's name and layout decide (file, offset, length, record id).

    .venv/bin/python tools/same_records.py --pages ../shared/bench/data [--before REVISION]
Exit status 0 when every output is identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
# Fields that differ from one run to the next whatever the code: when and where a capture was written.
RUN_FIELDS = ("fetched_at",)
RUN_ARCHIVE_FIELDS = ("warc_file", "offset", "length", "record_id", "capture_timestamp")
FIXED_DATE = "2024-01-01T00:00:00Z"
OUTPUTS = ("demo.jsonl", "demo-reparsed.jsonl", "pages-html.jsonl", "pages-warc.jsonl")

# Runs inside the version under test: PYTHONPATH puts its tree first. Every server the demo starts
# binds the one port given, so both versions crawl the same URLs.
DRIVER = r"""
import json, socketserver, sys
tree, out, port, html_dir, warc = sys.argv[1:]
bind = socketserver.TCPServer.server_bind
def fixed_port(server):
    if server.server_address[1] == 0:
        server.server_address = (server.server_address[0], int(port))
    bind(server)
socketserver.TCPServer.server_bind = fixed_port
import scraper
assert scraper.__file__.startswith(tree), (scraper.__file__, tree)
from scraper.cli import main
demo = out + "/demo"
statuses = [
    main(["demo", "--out", demo, "--quiet"]),
    main(["parse", demo + "/warc", "--out", out + "/demo-reparsed.jsonl"]),
    main(["parse", html_dir, "--out", out + "/pages-html.jsonl", "--workers", "2"]),
    main(["parse", warc, "--out", out + "/pages-warc.jsonl", "--workers", "2"]),
]
import shutil
shutil.copy(demo + "/articles.jsonl", out + "/demo.jsonl")
print(json.dumps(statuses))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True,
                        help="a folder of suites: */items.jsonl with 'file' and 'url', and the gzipped pages")
    parser.add_argument("--before", help="the git revision to compare with (default: where this branch left main)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="same-records-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    html_dir, warc = write_pages(args.pages, work / "pages")
    before = work / "before-tree"
    export_revision(args.before or merge_base(), before)
    port = free_port()
    outputs = {}
    for name, tree in (("before", before), ("after", ROOT)):
        out = work / name
        out.mkdir(exist_ok=True)
        run_version(tree, out, port, html_dir, warc)
        outputs[name] = out
    differing = 0
    for output in OUTPUTS:
        old = normalised(outputs["before"] / output)
        new = normalised(outputs["after"] / output)
        same = old == new
        differing += not same
        print(f"{output}: {len(old)} records before, {len(new)} after: {'identical' if same else 'DIFFERENT'}")
        if not same:
            show_first_difference(old, new)
    print(f"outputs in {work}")
    return 1 if differing else 0


def write_pages(pages: Path, target: Path) -> tuple[Path, Path]:
    """The pages as .html files (one folder per suite), and one WARC file holding them all."""
    html_dir = target / "html"
    warc = target / "pages.warc.gz"
    if warc.exists():
        return html_dir, warc
    target.mkdir(parents=True, exist_ok=True)
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for items in sorted(pages.glob("*/items.jsonl")):
            suite = items.parent
            for line in items.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                if "file" not in item:
                    continue
                page = gzip.decompress((suite / item["file"]).read_bytes())
                name = Path(item["file"]).name.removesuffix(".gz")
                (html_dir / suite.name).mkdir(parents=True, exist_ok=True)
                (html_dir / suite.name / name).write_bytes(page)
                url = item.get("url") or f"https://pages.example/{suite.name}/{name}"
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(page), length=len(page),
                    http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
                    warc_headers_dict={"WARC-Date": FIXED_DATE,
                                       "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url + name)}>"})
                writer.write_record(record)
    return html_dir, warc


def export_revision(revision: str, target: Path) -> None:
    """The files of `revision` (git archive), in a folder of their own."""
    if target.exists():
        return
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def merge_base() -> str:
    return subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True, capture_output=True,
                          text=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_version(tree: Path, out: Path, port: int, html_dir: Path, warc: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree))
    result = subprocess.run([sys.executable, "-c", DRIVER, str(tree), str(out), str(port), str(html_dir), str(warc)],
                            cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{tree}: the commands failed:\n{result.stderr[-3000:]}")
    print(f"{tree}: exit statuses {result.stdout.strip().splitlines()[-1]}")


def normalised(path: Path) -> list[str]:
    """The lines of an output; a demo record without what only its run decides."""
    lines = path.read_text(encoding="utf-8").split("\n")[:-1]  # not splitlines(): U+2028 ends no line here
    if not path.name.startswith("demo"):
        return lines
    records = [json.loads(line) for line in lines]
    for record in records:
        for name in RUN_FIELDS:
            record.pop(name, None)
        for name in RUN_ARCHIVE_FIELDS:
            (record.get("archive") or {}).pop(name, None)
    return [json.dumps(record, ensure_ascii=False) for record in records]


def show_first_difference(old: list[str], new: list[str]) -> None:
    for index, (a, b) in enumerate(zip(old, new)):
        if a != b:
            print(f"  first difference at record {index}:\n  before {a[:400]}\n  after  {b[:400]}")
            return
    print(f"  one output is a prefix of the other ({len(old)} vs {len(new)} records)")


if __name__ == "__main__":
    sys.exit(main())
