"""`scraper parse --dask`: a collection parsed on a Dask distributed cluster, one JSONL part a file.

The steps:
1. list the input files (`scraper.remote.expand_inputs`); file N of the list becomes part N, so
   the parts read in order give the records in the order a local `scraper parse` writes them;
2. skip the parts a previous run finished: a part is finished when its done-marker exists and
   names the same input file;
3. submit one task per remaining file, with retries (a worker that dies takes its task with it);
   each task streams its file (never downloading it whole), extracts the pages exactly as
   `scraper.parse` does, and writes its records under a temporary name; then it moves the part
   into place and, last, writes the part's done-marker. Object stores have no atomic rename, so
   the marker, not the part file, is what says a part is complete;
4. write the manifest: every part with its input file and record count.

The output folder may be local or any fsspec URL the workers can write (s3://bucket/run/).
Records are deduplicated by canonical URL within a file; the same article in two files gives a
record in each part (a local run, which sees all files in one process, keeps the first only).
"""
from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass

from .capturefilter import CaptureFilter
from .inputs import expand_inputs, is_remote, open_input
from .parse import ParseConfig, Tally, extract_line, kept_once, page_jobs

MANIFEST = "manifest.json"
PART_NAME = "part-{:05d}.jsonl"
DONE_SUFFIX = ".done"
TEMPORARY_SUFFIX = ".partial-"  # + a unique attempt id: two attempts of a task never share a file
TASK_RETRIES = 3
LOCAL = "local"


@dataclass(frozen=True)
class PartTask:
    """What one task needs: everything travels by value, the worker opens its own file."""

    index: int
    location: str
    out: str
    keep: CaptureFilter
    all_pages: bool

    @property
    def name(self) -> str:
        return PART_NAME.format(self.index)

    @property
    def options(self) -> str:
        return json.dumps({"keep": asdict(self.keep), "all_pages": self.all_pages}, sort_keys=True, default=str)


@dataclass(frozen=True)
class PartResult:
    part: str
    input: str
    records: int
    pages: int
    duplicates: int
    errors: int
    seconds: float  # wall-clock time of the task
    cpu_seconds: float  # CPU time the task used: on a crowded machine, far less than `seconds`
    options: str  # the filter and page choice the part was made with; a re-run with others redoes it


@dataclass(frozen=True)
class ClusterSummary:
    out: str
    parts: tuple[PartResult, ...]  # every finished part, this run's and earlier runs'
    skipped: int  # parts an earlier run had finished
    failed: tuple[tuple[str, str], ...]  # (input, reason) for tasks that failed every retry
    seconds: float

    @property
    def records(self) -> int:
        return sum(part.records for part in self.parts)


# --- on a worker ----------------------------------------------------------------------------------



def parse_part(task: PartTask) -> PartResult:
    """Write one part: records under a temporary name, then the part, then its done-marker."""
    import fsspec

    started, started_cpu = time.monotonic(), time.process_time()
    # Fail (and be retried) if the input cannot be opened at all; a file broken part-way is
    # handled as a local run handles it: the records before the break, and an error counted.
    with open_input(task.location):
        pass
    fs, root = fsspec.core.url_to_fs(task.out)
    final = f"{root}/{task.name}"
    temporary = f"{final}{TEMPORARY_SUFFIX}{uuid.uuid4().hex}"
    tally = Tally()
    jobs = page_jobs([task.location], tally, articles_only=not task.all_pages, keep=task.keep)
    with fs.open(temporary, "wb") as output:
        for result in kept_once(map(extract_line, jobs), tally):
            output.write(f"{result.line}\n".encode())
    fs.mv(temporary, final)
    for stale in fs.glob(f"{final}{TEMPORARY_SUFFIX}*"):  # left by attempts that died
        fs.rm(stale)
    part = PartResult(task.name, task.location, tally.records, tally.pages, tally.duplicates, tally.errors,
                      round(time.monotonic() - started, 3), round(time.process_time() - started_cpu, 3),
                      task.options)
    fs.pipe(final + DONE_SUFFIX, json.dumps(asdict(part)).encode())
    return part


# --- on the client ----------------------------------------------------------------------------------

def finished_part(fs, root: str, task: PartTask) -> PartResult | None:
    """The result a previous run recorded for this part, if it finished the same input with the
    same options."""
    marker = f"{root}/{task.name}{DONE_SUFFIX}"
    if not fs.exists(marker):
        return None
    try:
        result = PartResult(**json.loads(fs.cat(marker)))
    except (ValueError, TypeError):
        return None
    return result if (result.input, result.options) == (task.location, task.options) else None


def connect(scheduler: str, workers: int | None):
    """A client of the cluster at `scheduler` ("tcp://host:8786"), or of a LocalCluster of
    `workers` single-threaded processes for "local" (extraction holds the GIL)."""
    from dask.distributed import Client, LocalCluster

    if scheduler != LOCAL:
        return Client(scheduler)
    # The dashboard on a free port: the usual 8787 may belong to another cluster on this machine.
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=":0")
    return Client(cluster)


def run_cluster_parse(config: ParseConfig, progress: bool = False) -> ClusterSummary:
    """Parse the inputs on the cluster `config.dask` names ("local" by default) into parts under
    `config.out`; `progress` prints the parts done on stderr."""
    import fsspec
    from dask.distributed import as_completed

    started = time.monotonic()
    scheduler = config.dask or LOCAL
    # Workers may run in another folder (or on another machine sharing this file system): local
    # paths travel absolute.
    files = [name if is_remote(name) else os.path.abspath(name) for name in expand_inputs(config.inputs)]
    out = config.out if is_remote(config.out) else os.path.abspath(config.out)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    tasks = [PartTask(index, location, out, config.keep, config.all_pages) for index, location in enumerate(files)]
    finished = {task.index: finished_part(fs, root, task) for task in tasks}
    done = {index: result for index, result in finished.items() if result is not None}
    pending = [task for task in tasks if task.index not in done]
    failed: list[tuple[str, str]] = []
    if pending:
        client = connect(scheduler, config.workers)
        try:
            futures = {client.submit(parse_part, task, retries=TASK_RETRIES, pure=False, key=f"parse-{task.name}-"
                                     f"{uuid.uuid4().hex[:8]}"): task for task in pending}
            for future in as_completed(futures):
                task = futures[future]
                if future.status == "finished":
                    done[task.index] = future.result()
                else:  # "error" after every retry, or "cancelled" when the scheduler went away
                    failed.append((task.location, repr(future.exception()) if future.status == "error"
                                   else future.status))
                if progress:
                    print(f"\r{len(done)}/{len(tasks)} parts", end="", file=sys.stderr, flush=True)
        finally:
            cluster = client.cluster
            client.close()
            if cluster is not None and scheduler == LOCAL:
                cluster.close()
        if progress:
            print(file=sys.stderr)
    parts = tuple(done[index] for index in sorted(done))
    write_manifest(fs, root, files, parts, failed)
    return ClusterSummary(out, parts, len(tasks) - len(pending), tuple(failed), time.monotonic() - started)


def write_manifest(fs, root: str, files: list[str], parts: tuple[PartResult, ...],
                   failed: list[tuple[str, str]]) -> None:
    manifest = {"inputs": files, "records": sum(part.records for part in parts),
                "complete": len(parts) == len(files) and not failed,
                "parts": [{"part": part.part, "input": part.input, "records": part.records,
                           "pages": part.pages, "duplicates": part.duplicates, "errors": part.errors}
                          for part in parts],
                "failed": [{"input": location, "reason": reason} for location, reason in failed]}
    fs.pipe(f"{root}/{MANIFEST}", (json.dumps(manifest, indent=1) + "\n").encode())
