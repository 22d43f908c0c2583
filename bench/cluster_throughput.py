"""Records a second of `scraper parse --dask` with one worker process and with two.

Generates a CC-NEWS-like collection (tests/warcfactory.py), starts a LocalCluster of N
single-threaded worker processes, and times the parse from the first task submitted to the
manifest written (cluster start-up excluded: on a real deployment the cluster is already up).
Also times a local `scraper parse --workers 1` of the same files, the baseline the parts must match.

    .venv/bin/python bench/cluster_throughput.py [--files 8] [--articles 300] [--rounds 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from dask.distributed import Client, LocalCluster  # noqa: E402
from warcfactory import write_collection  # noqa: E402

from scraper.archive.cluster import run_cluster_parse  # noqa: E402
from scraper.archive.parse import ParseConfig, run_parse  # noqa: E402


def timed_cluster(folder: Path, out: Path, workers: int) -> tuple[int, float, float, float]:
    """Records, wall-clock seconds, the seconds the tasks took added up (the workers' busy time),
    and the CPU seconds they used."""
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            client.wait_for_workers(workers)
            # Warm each worker up (imports of lxml, dateparser, ...), as a long-running cluster is.
            client.run(lambda: __import__("scraper.archive.parse"))
            started = time.perf_counter()
            summary = run_cluster_parse(ParseConfig((str(folder),), str(out), dask=cluster.scheduler_address))
            return (summary.records, time.perf_counter() - started, sum(part.seconds for part in summary.parts),
                    sum(part.cpu_seconds for part in summary.parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--articles", type=int, default=300, help="articles a file")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each size, alternated; the median is reported (a shared machine is noisy)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_collection(root / "collection", files=args.files, articles_per_file=args.articles)
        started = time.perf_counter()
        local = run_parse(ParseConfig((str(root / "collection"),), str(root / "local.jsonl")))
        local_seconds = time.perf_counter() - started
        print(f"local parse, 1 process: {local.records} records in {local_seconds:.1f} s = "
              f"{local.records / local_seconds:.0f} records/s")
        rates: dict[int, list[float]] = {1: [], 2: []}
        for workers in [1, 2] * args.rounds:
            out = root / f"parts-{workers}-{len(rates[workers])}"
            records, seconds, busy, cpu = timed_cluster(root / "collection", out, workers)
            rates[workers].append(records / seconds)
            same = sorted(out.glob("part-*.jsonl"))
            identical = b"".join(p.read_bytes() for p in same) == (root / "local.jsonl").read_bytes()
            print(f"dask, {workers} worker(s): {records} records in {seconds:.1f} s = {records / seconds:.0f} records/s"
                  f" (same records as local: {identical}); tasks busy {busy:.1f} s = {busy / seconds:.2f} "
                  f"workers busy on average, {records / busy:.0f} records/s per busy worker, "
                  f"{records / cpu:.0f} records per CPU second")
        one, two = statistics.median(rates[1]), statistics.median(rates[2])
        print(f"median: 1 worker {one:.0f} records/s, 2 workers {two:.0f} records/s, speed-up {two / one:.2f}x")
        # As timeit does: the best run is the one the other jobs on a shared machine disturbed least.
        one, two = max(rates[1]), max(rates[2])
        print(f"best:   1 worker {one:.0f} records/s, 2 workers {two:.0f} records/s, speed-up {two / one:.2f}x")


if __name__ == "__main__":
    main()
