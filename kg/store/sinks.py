"""Where `kg build` puts its triples: one `Sink` protocol, three sinks.

`open_sink` picks one from the output path. A new store or a `.ttl`/`.nt`
file is written without ever holding the graph in Python (`StoreSink`,
`FileSink`), so documents can be turned into triples in the worker
processes; everything else (adding to an existing graph, `--validate`, the
formats rdflib writes) keeps the graph in rdflib (`GraphSink`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import heapq
import itertools
import shutil
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import rdflib

from kg.errors import UsageError
from kg.graph.datasets import as_graph
from kg.graph.ns import PREFIXES, shorten
from kg.graph.rdf import new_graph
from kg.graph.terms import nt_line
from kg.graph import validate as shapes
from kg.io import atomic_file, is_store, replace_folder, scratch_folder
from kg.store.formats import graph_format
from kg.store.oxigraph import load_graph, load_into_store


class Sink(Protocol):
    """What a `kg.graph.rdf.GraphBuilder` writes to.

    A sink whose `graph` is an rdflib graph lets the builder work on it
    (and read what it holds); one whose `graph` is None takes triples one
    way, as rdflib triples (`add`) or as N-Triples text a worker made
    (`add_ntriples`), and may see a triple more than once."""

    graph: rdflib.Graph | None

    def close(self) -> int:
        """Writes the output; returns its number of triples."""

    def abort(self) -> None:
        """Removes what an unfinished build left (after `close`, nothing)."""


def open_sink(out: Path, *, add: bool = False, validate: bool = False) -> Sink:
    """The sink for `kg build -o OUT`: a graph file (its suffix names the
    format) or a folder (no suffix) for an on-disk store.

    A store folder always grows; a graph file only with `add` (else it is
    replaced). Checked before any document is read.

    Raises:
        UsageError: an unknown suffix; `add` to a file that does not exist.
    """
    out = Path(out)
    file_format = graph_format(out, or_store=True) if out.suffix else None
    if add and file_format is not None and not out.is_file():
        raise UsageError(f"--add: {out} does not exist yet; build it first without --add")
    adding = is_store(out) or (add and file_format is not None)
    if not adding and not validate:
        if file_format is None:
            return StoreSink(out)
        if file_format.streamable:
            return FileSink(out)
    # a TriG file or a store with named graphs is built on as one graph of their union
    return GraphSink(out, as_graph(load_graph(out)) if adding else new_graph(),
                     validate=validate)


class GraphSink:
    """Keeps the graph in rdflib, for what needs it whole: adding to an
    existing graph (its people are resolved again together with the new
    documents'), checking it against the SHACL shapes, and the formats rdflib
    writes. Nothing is written before `close`."""

    def __init__(self, out: Path, graph: rdflib.Graph, *, validate: bool = False) -> None:
        self.out = Path(out)
        self.graph = graph
        self.validate = validate

    def close(self) -> int:
        if self.validate:
            shapes.validate(self.graph)
        if self.out.suffix:
            graph_format(self.out).write(self.graph, self.out)
        elif is_store(self.out):
            _rewrite_store(self.out, self.graph)
        else:
            load_into_store(self.out, self.graph)
        return len(self.graph)

    def abort(self) -> None:
        """Nothing to remove: the output is written in one step by `close`."""


def _rewrite_store(out: Path, graph: rdflib.Graph) -> None:
    """Swaps an existing store's content for `graph` (which was built on top
    of it): re-resolving people rewrites nodes, which adding quads cannot do.
    The new store is complete before it takes the old one's place, so a
    crash leaves either the old store or the new one under `out`."""
    fresh = scratch_folder(out, "new")
    try:
        load_into_store(fresh, graph)
        replace_folder(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


class StoreSink:
    """Takes triples (rdflib terms one at a time from a `kg.graph.rdf.GraphBuilder`,
    or N-Triples text a worker made) and writes them to a new on-disk store,
    never holding the graph in memory.

    The triples are spooled to an N-Triples file beside the store, which
    Oxigraph's bulk loader reads whenever it holds `chunk_bytes`: its parser
    makes the terms faster than Python can, and it writes index files
    directly (with transactions, RocksDB's write buffers grew the build's
    memory with the corpus, ≈ 100 MB per 1,000 documents). The loader's
    memory grows with what it is given at once (≈ 700 MB for 600,000
    triples), hence chunks. The bulk loader is not atomic, so the store is
    built in a hidden folder beside `store_dir` and renamed into place: a
    crash or kill leaves no half-built store behind.
    """

    graph = None

    def __init__(self, store_dir: Path, *, chunk_bytes: int = 32 << 20) -> None:
        self.store_dir = Path(store_dir)
        if self.store_dir.exists() and not (self.store_dir.is_dir()
                                            and not any(self.store_dir.iterdir())):
            raise UsageError(f"{store_dir}: exists and is not an empty folder; a new store "
                             "is written into a new or empty folder")
        self.chunk_bytes = chunk_bytes
        self._tmp: Path | None = scratch_folder(self.store_dir, "new")
        self._store = ox.Store(str(self._tmp / "store"))
        self._spool_path = self._tmp / "pending.nt"
        self._spool = open(self._spool_path, "wb")

    def add(self, triple) -> None:
        self.add_ntriples(nt_line(triple))

    def add_ntriples(self, text: str) -> None:
        self._spool.write(text.encode("utf-8"))
        if self._spool.tell() >= self.chunk_bytes:
            self._load_spool()

    def _load_spool(self) -> None:
        self._spool.close()
        self._store.bulk_load(path=str(self._spool_path), format=ox.RdfFormat.N_TRIPLES)
        _release_free_memory()
        self._spool = open(self._spool_path, "wb")

    def close(self) -> int:
        """Loads the last triples, moves the finished store into place;
        returns its number of triples."""
        self._load_spool()
        self._spool.close()
        self._spool_path.unlink()
        count = len(self._store)
        # merges the bulk loader's index files: at 1.5M triples this takes ≈ 4 s
        # and halves the time of the bundled join queries
        self._store.optimize()
        self._store = None  # releases RocksDB's lock before the folder moves
        replace_folder(self._tmp / "store", self.store_dir)
        self._tmp.rmdir()
        self._tmp = None
        return count

    def abort(self) -> None:
        """Removes what a build that did not finish left (after `close`, nothing)."""
        if self._tmp is not None:
            self._spool.close()
            self._store = None
            shutil.rmtree(self._tmp, ignore_errors=True)


def _release_free_memory() -> None:
    """Hands the memory the bulk loader's threads freed back to the system.

    glibc keeps what threads free in per-thread arenas, so without this the
    build's resident size grows with every load although nothing is live."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    # looked up once: find_library runs ldconfig
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        return None


class FileSink:
    """Takes triples (rdflib terms one at a time, or N-Triples text a worker
    made) and writes them sorted, as Turtle (`.ttl`, prefixed, grouped by
    subject and predicate) or N-Triples (`.nt`): ≈ 10× faster than rdflib's
    Turtle writer at a million triples, and the same bytes on every run.
    Terms are escaped by Oxigraph; language tags keep their case
    (`@zh-Hans`), which Oxigraph's own writer would lower.

    Memory is bounded: every `run_lines` distinct lines are sorted and spilled
    to a temporary file beside the output, and `close` merges the runs.
    """

    graph = None

    def __init__(self, path: Path, *, run_lines: int = 400_000) -> None:
        self.path = Path(path)
        if not graph_format(self.path).streamable:
            raise UsageError(f"{path}: FileSink writes the line-based formats "
                             "(.ttl, .nt); the others are written from an rdflib graph")
        self.run_lines = run_lines
        self._lines: set[str] = set()
        self._runs: list[Path] = []
        self._runs_dir: Path | None = None

    def add(self, triple) -> None:
        self._lines.add(nt_line(triple))
        if len(self._lines) >= self.run_lines:
            self._spill()

    def add_ntriples(self, text: str) -> None:
        # "\n" only: N-Triples escapes it in literals, while the other line
        # breaks splitlines knows (U+2028, \x1c...) may stand in them raw
        self._lines.update(line + "\n" for line in text.split("\n") if line)
        if len(self._lines) >= self.run_lines:
            self._spill()

    def _spill(self) -> None:
        if self._runs_dir is None:
            self._runs_dir = scratch_folder(self.path, "runs")
        run = self._runs_dir / f"{len(self._runs):05d}.nt"
        with open(run, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(sorted(self._lines))
        self._runs.append(run)
        self._lines = set()

    def _sorted_lines(self) -> Iterator[str]:
        # a line sorts as its (subject, predicate, object): terms hold no
        # space before their end, so the first space ends the term
        if not self._runs:
            yield from sorted(self._lines)
            return
        self._spill()
        files = [open(run, encoding="utf-8", newline="\n") for run in self._runs]
        try:
            previous = None
            for line in heapq.merge(*files):
                if line != previous:
                    yield line
                previous = line
        finally:
            for f in files:
                f.close()

    def close(self) -> int:
        """Writes the file (to a temporary file renamed into place); returns
        its number of triples."""
        turtle = self.path.suffix.lower() == ".ttl"
        written = 0

        def counted(lines: Iterator[str]) -> Iterator[str]:
            nonlocal written
            for line in lines:
                written += 1
                yield line

        try:
            with atomic_file(self.path, "w", encoding="utf-8", newline="\n") as f:
                lines = counted(self._sorted_lines())
                f.writelines(_turtle(line[:-3].split(" ", 2) for line in lines) if turtle
                             else lines)
        finally:
            self.abort()
        return written

    def abort(self) -> None:
        """Removes the spilled runs (after `close`, nothing is left)."""
        if self._runs_dir is not None:
            shutil.rmtree(self._runs_dir, ignore_errors=True)
            self._runs_dir, self._runs = None, []


_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

def _short(term: str) -> str:
    """An N-Triples term with its IRI (or a typed literal's datatype) written
    as a prefixed name where `kg.graph.ns.shorten` allows."""
    if term.startswith("<"):
        return shorten(term[1:-1]) or term
    if term.endswith(">"):  # a typed literal: its datatype IRI follows the last ^^
        value, _, datatype = term.rpartition("^^")
        return f"{value}^^{_short(datatype)}"
    return term


def _turtle(triples: Iterable[list[str]]) -> Iterator[str]:
    yield from (f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items()))
    yield "\n"
    # a graph has a few dozen predicates, written once for each of its subjects
    verbs = {_RDF_TYPE: "a"}
    for subject, same_subject in itertools.groupby(triples, key=lambda t: t[0]):
        predicates = []
        for predicate, group in itertools.groupby(same_subject, key=lambda t: t[1]):
            verb = verbs.get(predicate)
            if verb is None:
                verb = verbs[predicate] = _short(predicate)
            predicates.append(verb + " " + " , ".join(_short(o) for _, _, o in group))
        yield _short(subject) + " " + " ;\n\t".join(predicates) + " .\n"
