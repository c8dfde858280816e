"""Batch builds: many files in, one graph out, bad files reported, not fatal.

Extraction runs per document (in worker processes when asked); the graph is
assembled in the parent in a fixed order, so the output never depends on
which worker finished first.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError
from kg.ingest import iter_sources
from kg.model import Extraction
from kg.pipeline import process_file


@dataclass
class BuildReport:
    """What a batch did: documents read, and failures with their reasons."""

    done: int = 0
    failures: list[InputError] = field(default_factory=list)
    seconds: float = 0.0


def _extract_one(args: tuple[str, dt.date | None]) -> Extraction | InputError:
    path, date = args
    try:
        return process_file(Path(path), date=date, shown_as=path)
    except InputError as exc:
        return exc
    except (KGError, ValueError, UnicodeError, RecursionError) as exc:
        return InputError(path, f"could not be processed: {exc}")


def _warm_up() -> None:
    # load lexicons and jieba once per worker, not once per document
    from kg.pipeline import extract, make_document
    extract(make_document("区委书记张健主持会议。", doc_id="warm-up", path="warm-up"))


def extract_all(sources: list[str], *, date: dt.date | None = None, workers: int = 1,
                strict: bool = False, report: BuildReport,
                progress: Callable[[int, int, str], None] | None = None) -> Iterator[Extraction]:
    """Extractions of every readable document under `sources`, in path order.

    Failures are recorded in `report` (and raised at once with `strict`).
    """
    paths = [str(p) for p in iter_sources(sources)]
    started = time.perf_counter()
    jobs = [(p, date) for p in paths]
    if workers > 1 and len(paths) > 1:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_up)
        results = pool.map(_extract_one, jobs, chunksize=max(1, min(64, len(jobs) // (workers * 8))))
    else:
        pool = None
        results = map(_extract_one, jobs)
    try:
        for i, (path, result) in enumerate(zip(paths, results), 1):
            if progress:
                progress(i, len(paths), path)
            if isinstance(result, InputError):
                report.failures.append(result)
                if strict:
                    raise result
                continue
            report.done += 1
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        report.seconds = time.perf_counter() - started


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class Progress:
    """One line on stderr, rewritten in place on a terminal: n/N, docs/s, file."""

    def __init__(self, stream=sys.stderr) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.tty = stream.isatty()
        self.last = 0.0

    def __call__(self, i: int, total: int, path: str) -> None:
        now = time.perf_counter()
        if not self.tty and i != total and now - self.last < 5:
            return
        self.last = now
        rate = i / max(now - self.started, 1e-9)
        line = f"[{i}/{total}] {rate:,.1f} docs/s  {path}"
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
            if i == total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
