"""`scraper parse` scaling: records a second with 1 and 2 workers, and peak memory as input grows.

    .venv/bin/python bench/parse_scaling.py [--pages 2000] [--memory-pages 1000 4000]

1. write gzipped WARCs of N article pages (bench/sitegen.py: the demo site's article pages, numbered);
2. run `scraper parse WARC --out FILE --workers 1`, then `--workers 2`, on the 2,000-page WARC,
   alternately, `--repeat` times each, keeping each one's best time (the machine is shared: the best
   of several runs is the one least slowed by others): records a second (wall clock of the whole
   command) and the speed-up (issue 4 target: >= 1.7);
3. run `--workers 2` on the 1,000- and 4,000-page WARCs, sampling the resident memory of the
   process tree (the command and its worker processes, summed) every 20 ms: the peak should not
   grow with the input.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitegen import build_warc  # noqa: E402

SAMPLE_SECONDS = 0.02


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_parse(warc: Path, out: Path, workers: int) -> tuple[float, int, int]:
    """Seconds, records written, peak RSS (KiB) of one `scraper parse` run."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "scraper", "parse", str(warc), "--out", str(out),
                                "--workers", str(workers)], stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"scraper parse failed with status {process.returncode}")
    return seconds, sum(1 for _ in out.open()), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--memory-pages", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each worker count; the best one counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures: dict = {"pages": args.pages, "runs": {}, "memory": {}}
    with tempfile.TemporaryDirectory(prefix="parsebench-") as tmp:
        work = Path(tmp)
        warcs = {}
        for pages in sorted({args.pages, *args.memory_pages}):
            warcs[pages] = work / f"pages-{pages}.warc.gz"
            build_warc(warcs[pages], pages)
        best: dict[int, tuple[float, int, int]] = {}
        for _ in range(args.repeat):
            for workers in (1, 2):
                run = run_parse(warcs[args.pages], work / f"out-{workers}.jsonl", workers)
                if workers not in best or run[0] < best[workers][0]:
                    best[workers] = run
        for workers, (seconds, records, peak) in best.items():
            figures["runs"][workers] = {"seconds": round(seconds, 2), "records": records,
                                        "records_per_second": round(records / seconds, 1), "peak_rss_mib": round(peak / 1024, 1)}
            print(f"--workers {workers}: {records} records in {seconds:.1f} s = {records / seconds:.1f} records/s, "
                  f"peak RSS {peak / 1024:.0f} MiB (best of {args.repeat})")
        same = (work / "out-1.jsonl").read_bytes() == (work / "out-2.jsonl").read_bytes()
        figures["speedup"] = round(figures["runs"][1]["seconds"] / figures["runs"][2]["seconds"], 2)
        figures["identical_output"] = same
        print(f"speed-up with 2 workers: {figures['speedup']} (identical output: {same})")
        for pages in args.memory_pages:
            seconds, records, peak = run_parse(warcs[pages], work / f"mem-{pages}.jsonl", 2)
            figures["memory"][pages] = {"records": records, "peak_rss_mib": round(peak / 1024, 1), "seconds": round(seconds, 2)}
            print(f"{pages} pages, --workers 2: peak RSS {peak / 1024:.0f} MiB ({records} records in {seconds:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
