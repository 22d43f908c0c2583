"""`scraper changes` throughput: version pairs a second, and how time and memory grow with the input.

    .venv/bin/python bench/changes_throughput.py [--pairs 1000 2000 5000 10000] [--html] [--repeat 1]

1. synthesise N articles of 20 to 50 sentences in 8 to 16 paragraphs (made-up words, quotes,
   comments), each in two captures: a first crawl folder (`v1/articles.jsonl`) and a recrawl
   folder (`v2/articles.jsonl`), in different orders. A quarter of the pairs differ only in
   volatile fields and typography (no change); the others get one to four edits each, drawn from
   headline rewritten, byline or date changed, sentences edited, a paragraph added, removed or
   moved, a quote removed, a comment added, a correction or update notice appended;
2. run `run_changes([v1, v2], out)` (what `scraper changes v1 v2 --out FILE` does; `--html` adds the
   report) for each N in a fresh process, `--repeat` times, keeping the best wall time and the
   process's peak resident memory;
3. print pairs a second and the time per 1,000 pairs at each N: flat means linear growth (issue 11
   target: 10,000 pairs in under a minute on the project's 2-core machine; one process, one core),
   with the CPU time beside the wall time (on a shared machine the wall time includes waiting).
"edited" counts the pairs given edits (a few edits are no-ops: a paragraph moved to where it was);
"changes" the change records written.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = 11
SYLLABLES = ("ka", "lo", "mer", "vin", "sta", "rou", "pel", "dor", "ni", "tra", "bel", "con", "fu", "sha", "qui")
# The measured run, in a process of its own. Peak memory is VmHWM (ru_maxrss would carry over the
# parent's peak across fork and exec).
RUN = """
import json, os, sys, time
from scraper.versions import run_changes
started, cpu = time.perf_counter(), time.process_time()
status = run_changes(sys.argv[1:3], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None,
                     log=open(os.devnull, "w"))
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"status": status, "seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak / 1024}))
"""


class Writer:
    """Made-up prose from a seeded generator: the same N gives the same files on every run."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.vocabulary = [self.word() for _ in range(3000)]

    def word(self) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(1, 3)))

    def sentence(self) -> str:
        words = self.random.choices(self.vocabulary, k=self.random.randint(8, 24))
        return words[0].capitalize() + " " + " ".join(words[1:]) + self.random.choice(".....?!")

    def name(self) -> str:
        return f"{self.word().capitalize()} {self.word().capitalize()}"

    def article(self, number: int) -> dict:
        paragraphs = [[self.sentence() for _ in range(self.random.randint(1, 4))]
                      for _ in range(self.random.randint(8, 16))]
        quotes = []
        for paragraph in self.random.sample(paragraphs, 2):
            text, speaker = " ".join(self.random.choices(self.vocabulary, k=10)).capitalize(), self.name()
            paragraph.append(f"\u201c{text},\u201d said {speaker}.")
            quotes.append((text, speaker))
        return {"url": f"https://news.example.org/2024/{number % 12 + 1:02d}/story-{number}/",
                "title": self.sentence().rstrip(".?!"), "authors": [self.name()],
                "published": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}T08:00:00+01:00",
                "updated": None, "description": self.sentence(), "section": "News", "tags": ["local", "city"],
                "paragraphs": paragraphs, "quotes": quotes,
                "comments": [{"id": f"c{i}", "parent_id": None, "author": self.name(), "published": None,
                              "text": self.sentence(), "likes": None} for i in range(self.random.randint(0, 5))]}

    def edited(self, article: dict) -> dict:
        """The article with one to four edits drawn from the kinds `changes` reports."""
        new = json.loads(json.dumps(article))
        paragraphs = new["paragraphs"]
        for kind in self.random.sample(EDITS, self.random.randint(1, 4)):
            if kind == "headline":
                new["title"] = self.sentence().rstrip(".?!")
            elif kind == "byline":
                new["authors"] = new["authors"] + [self.name()]
            elif kind == "date":
                new["updated"] = "2024-12-01T10:00:00Z"
            elif kind == "sentence":
                for paragraph in self.random.sample(paragraphs, 2):
                    at = self.random.randrange(len(paragraph))
                    words = paragraph[at].split()
                    words[self.random.randrange(len(words))] = self.random.choice(self.vocabulary)
                    paragraph[at] = " ".join(words)
            elif kind == "add":
                paragraphs.insert(self.random.randrange(len(paragraphs) + 1), [self.sentence(), self.sentence()])
            elif kind == "remove" and len(paragraphs) > 2:
                paragraphs.pop(self.random.randrange(len(paragraphs)))
            elif kind == "move":
                paragraphs.insert(self.random.randrange(len(paragraphs)), paragraphs.pop(0))
            elif kind == "quote" and new["quotes"]:
                text, _ = new["quotes"].pop()
                new["paragraphs"] = [[s for s in p if text not in s] or [self.sentence()] for p in paragraphs]
                paragraphs = new["paragraphs"]
            elif kind == "comment":
                new["comments"].append({"id": "new", "parent_id": None, "author": self.name(), "published": None,
                                        "text": self.sentence(), "likes": None})
            elif kind == "notice":
                paragraphs.append([self.random.choice(("Correction: ", "Update: ")) + self.sentence()])
        return new


EDITS = ("headline", "byline", "date", "sentence", "sentence", "add", "remove", "move", "quote", "comment", "notice")


def typography_only(article: dict) -> dict:
    new = json.loads(json.dumps(article))
    new["paragraphs"] = [[s.replace(" ", "  ", 1) for s in p] for p in new["paragraphs"]]
    return new


def record(article: dict, fetched_at: str, number: int, version: int) -> dict:
    body = "\n\n".join(" ".join(p) for p in article["paragraphs"])
    return {"schema_version": 1, "id": f"{number:08d}-{version}", "url": article["url"],
            "canonical_url": article["url"], "domain": "news.example.org", "site_name": "Example", "language": "en",
            "title": article["title"], "description": article["description"], "authors": article["authors"],
            "published": article["published"], "updated": article["updated"], "section": article["section"],
            "tags": article["tags"], "images": [], "body": body, "word_count": len(body.split()),
            "quotes": [{"text": text, "speaker": speaker, "speaker_mention": speaker, "cue": "said",
                        "paragraph": 0, "start": 0, "end": 0, "kind": "direct"}
                       for text, speaker in article["quotes"]],
            "comments": article["comments"], "comment_count": len(article["comments"]), "fetched_at": fetched_at,
            "archive": {"source": "crawl", "warc_file": f"v{version}.warc.gz", "offset": number * 9000,
                        "length": 9000, "record_id": f"<urn:uuid:{number}-{version}>", "payload_digest": None,
                        "capture_timestamp": None},
            "warnings": [], "extractor": {"name": "scraper", "version": f"0.{version}.0"}}


def build(folder: Path, pairs: int) -> int:
    """Write the two captures of `pairs` articles; the number of pairs with a real change."""
    writer = Writer(SEED)
    first, second, changed = [], [], 0
    for number in range(pairs):
        article = writer.article(number)
        if number % 4 == 3:
            later = typography_only(article)
        else:
            later, changed = writer.edited(article), changed + 1
        first.append(record(article, "2024-12-01T08:00:00Z", number, 1))
        second.append(record(later, "2024-12-02T08:00:00Z", number, 2))
    writer.random.shuffle(second)
    for name, records in (("v1", first), ("v2", second)):
        (folder / name).mkdir(parents=True)
        with (folder / name / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for item in records:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return changed


def run(folder: Path, html: bool) -> dict:
    command = [sys.executable, "-c", RUN, str(folder / "v1"), str(folder / "v2"), str(folder / "changes.jsonl")]
    if html:
        command.append(str(folder / "report.html"))
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if result["status"] != 0:
        raise SystemExit(f"run_changes failed with status {result['status']}")
    result["changes"] = sum(1 for _ in (folder / "changes.jsonl").open())
    result["input_mib"] = sum(f.stat().st_size for f in folder.glob("v*/articles.jsonl")) / 2**20
    if html:
        result["report_mib"] = (folder / "report.html").stat().st_size / 2**20
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--html", action="store_true", help="also write the HTML report")
    parser.add_argument("--repeat", type=int, default=1, help="runs at each size; the best one counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures = []
    print(f"{'pairs':>7} {'edited':>7} {'changes':>7} {'input MiB':>9} {'seconds':>8} {'cpu s':>6} {'pairs/s':>8} "
          f"{'s/1000':>7} {'peak MiB':>9}" + (f" {'report MiB':>10}" if args.html else ""))
    for pairs in args.pairs:
        with tempfile.TemporaryDirectory(prefix="changesbench-") as tmp:
            folder = Path(tmp)
            changed = build(folder, pairs)
            best = min((run(folder, args.html) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        best.update(pairs=pairs, changed=changed)
        figures.append(best)
        print(f"{pairs:>7} {changed:>7} {best['changes']:>7} {best['input_mib']:>9.1f} {best['seconds']:>8.2f} "
              f"{best['cpu_seconds']:>6.1f} {pairs / best['seconds']:>8.0f} {1000 * best['seconds'] / pairs:>7.3f} "
              f"{best['peak_mib']:>9.0f}"
              + (f" {best['report_mib']:>10.1f}" if args.html else ""))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
