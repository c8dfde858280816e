"""Batch builds: many files in, one graph out, bad files reported, not fatal.

Extraction runs per document (in worker processes when asked, or on a cluster
through any `concurrent.futures` executor, see `kg.batch.distributed`); the graph is
assembled in the parent in a fixed order, so the output never depends on
which worker finished first. Folders are read lazily and only a few chunks
per worker are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from itertools import chain, islice
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.children import end_with_parent
from kg.errors import InputError, KGError
from kg.text.ingest import iter_sources
from kg.model import Extraction
from kg.extract.ner import read_model, tag
from kg.extract.ner_features import read_tables
from kg.extract.pipeline import extract, process_file
from kg.text.corpus import CorpusItem, is_corpus, iter_corpus
from kg.text.document import corpus_document, make_document
from kg.graph.people import DocumentTriples
from kg.graph.worker import document_triples


@dataclass
class BuildReport:
    """What a batch did: documents read, and failures with their reasons."""

    done: int = 0
    failures: list[InputError] = field(default_factory=list)
    seconds: float = 0.0


# what a worker is handed: a file's path as given, or a corpus line (with the
# error of a malformed line passed through in its place, so failures keep their order)
Source = str | CorpusItem | InputError


def _extract_one(args: tuple[Source, dt.date | None, tuple[str, str] | None]
                 ) -> Extraction | DocumentTriples | InputError:
    source, date, triples = args
    if isinstance(source, InputError):
        return source
    path = _name(source)
    try:
        if isinstance(source, CorpusItem):
            extraction = extract(corpus_document(source, date=date))
        else:
            extraction = process_file(Path(path), date=date, shown_as=path)
        if triples is None:
            return extraction
        base, build = triples
        return document_triples(extraction, base=base, build=build)
    except InputError as exc:
        return exc
    except (KGError, ValueError, UnicodeError, RecursionError) as exc:
        return InputError(path, f"could not be processed: {exc}")
    except Exception as exc:  # noqa: BLE001 - an overnight batch must outlive a bug on one file
        return InputError(path, f"zhkg failed on this file ({type(exc).__name__}: {exc}); "
                                "please report it with the file")


def _warm_up(parent: int) -> None:
    # a worker of a killed build would go on using a core for a build nobody reads
    if not end_with_parent(parent):
        os._exit(1)
    # Ctrl-C reaches the whole process group: the parent stops the batch and
    # says so once, instead of every worker printing a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _load_once()


def _load_once() -> None:
    """Load what every document needs once per process, not once per document:
    the lexicon and its patterns, jieba, the tagger's tables, pypinyin."""
    sentence = resources.files("kg").joinpath("data", "warm_up.txt").read_text(encoding="utf-8").strip()
    # no build id: nothing is remembered as handed on (kg.graph.worker._HandedOn)
    document_triples(extract(make_document(sentence, doc_id="warm-up", path="warm-up")))
    tag(sentence)  # the sentence may ask the tagger nothing
    read_tables()  # all of them: a text reads only the parts its characters start
    read_model()


# Fewer documents than this are extracted in the build process itself, however
# many workers were asked for: a worker's start (imports, lexicons, patterns,
# jieba, pypinyin: ≈ 1.7 s CPU) costs more than it would save on them, at
# ≈ 10 ms a report. A build does not know how many documents its folders
# hold, so it reads this many ahead to find out.
SMALL_BUILD = 100


def extract_all(sources: list[str | CorpusItem], *, date: dt.date | None = None, workers: int = 1,
                strict: bool = False, report: BuildReport,
                progress: Callable[[int, int | None, str], None] | None = None,
                executor: Executor | None = None,
                triples_base: str | None = None) -> Iterator[Extraction | DocumentTriples]:
    """Extractions of every readable document under `sources`, in path order.

    With `triples_base`, each document's triples instead (`kg.graph.worker.document_triples`
    with that base IRI), made where it was extracted: then the process
    writing the graph has almost nothing to do per document, and a build
    scales with its workers.
    Failures are recorded in `report` (and raised at once with `strict`).
    `progress(i, total, path)` gets total None until the last document.
    `executor` (e.g. a Dask cluster's) runs the documents instead of a local
    pool of `workers` processes; a build of fewer than `SMALL_BUILD`
    documents starts none.
    """
    started = time.perf_counter()
    # a build id of its own: lines a worker returned for another build are not in this one's sink
    triples = None if triples_base is None else (triples_base, uuid.uuid4().hex)
    jobs: Iterator = ((source, date, triples) for source in _sources(sources))
    pool = None
    if executor is None and workers > 1:
        ahead = list(islice(jobs, SMALL_BUILD))
        jobs = chain(ahead, jobs)
        if len(ahead) < SMALL_BUILD:
            workers = 1
    if executor is None and workers > 1:
        if multiprocessing.get_start_method() == "fork":
            # forked workers start with what the build process loaded: loaded once here,
            # not once in each (≈ 1 s of CPU a worker); frozen, the collector's passes
            # over it do not copy its pages into every worker
            _load_once()
            gc.freeze()
        executor = pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_up,
                                            initargs=(os.getpid(),))
    if executor is None:
        results: Iterable = ((job, _extract_one(job)) for job in jobs)
    else:
        results = ordered_map(executor, _extract_one, jobs, in_flight=4 * max(workers, 1))
    i, path = 0, ""
    try:
        for i, ((source, _, _), result) in enumerate(results, 1):
            path = _name(source)
            if progress:
                progress(i, None, path)
            if isinstance(result, InputError):
                report.failures.append(result)
                if strict:
                    raise result
                continue
            report.done += 1
            yield result
        if progress and i:
            progress(i, i, path)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        report.seconds = time.perf_counter() - started


def _sources(sources: list[str | CorpusItem]) -> Iterator[Source]:
    """The documents given as they are (standard input, read by the caller),
    then the files under the paths among `sources`, and each line of the corpora."""
    yield from (s for s in sources if isinstance(s, CorpusItem))
    for path in iter_sources([s for s in sources if isinstance(s, str)]):
        if isinstance(path, InputError):
            yield path
        elif is_corpus(path):
            yield from iter_corpus(path)
        else:
            yield str(path)


def _name(source: Source) -> str:
    if isinstance(source, CorpusItem):
        return source.name
    if isinstance(source, InputError):
        return source.path if source.line is None else f"{source.path}:{source.line}"
    return source


def ordered_map(executor: Executor, fn: Callable, items: Iterable, *, chunk: int = 8,
                in_flight: int = 8) -> Iterator[tuple]:
    """(item, fn(item)) for each item, in input order, run on `executor`.

    Items go out in chunks (one round trip per chunk, not per document) and
    at most `in_flight` chunks are pending, so a corpus of any size streams
    through in bounded memory while every worker stays busy.
    """
    items = iter(items)
    pending: deque = deque()

    def submit() -> None:
        batch = list(islice(items, chunk))
        if batch:
            pending.append((batch, executor.submit(_map_chunk, fn, batch)))

    for _ in range(in_flight):
        submit()
    while pending:
        batch, future = pending.popleft()
        results = future.result()
        submit()
        yield from zip(batch, results)


def _map_chunk(fn: Callable, batch: list) -> list:
    return [fn(item) for item in batch]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class Progress:
    """How far a build is, on stderr.

    On a terminal, one line rewritten in place (n/N, docs/s, the document),
    at most five times a second and only once the build has run a moment, so a
    quick build leaves no line behind its summary. Elsewhere (a log file, CI),
    a plain line for the first document (the log shows the build under way)
    and then every `every` documents, which a log can be read back from.
    """

    def __init__(self, stream=sys.stderr, *, every: int = 1000,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.stream = stream
        self.every = every
        self.clock = clock
        self.started = clock()
        self.tty = stream.isatty()
        self.shown = False
        self.last = self.started

    def __call__(self, i: int, total: int | None, path: str) -> None:
        now = self.clock()
        rate = i / max(now - self.started, 1e-9)
        # folders are read as the build goes, so the total is known only at the end
        line = f"[{i:,}{'' if total is None else f'/{total:,}'}] {rate:,.1f} docs/s  {path}"
        if not self.tty:
            if total is None and (i == 1 or i % self.every == 0):
                self.stream.write(line + "\n")
                self.stream.flush()
            return
        if total is not None:
            if self.shown:  # the last state stays, the summary goes below it
                self.stream.write("\r" + self._fit(line) + "\x1b[K\n")
                self.stream.flush()
            return
        if now - self.last < 0.2:
            return
        self.last, self.shown = now, True
        self.stream.write("\r" + self._fit(line) + "\x1b[K")
        self.stream.flush()

    def _fit(self, line: str) -> str:
        width = shutil.get_terminal_size((120, 24)).columns - 1
        return line if len(line) <= width else line[:width - 1] + "\u2026"
