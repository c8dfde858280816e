"""The store and query layer: the only module that talks to Oxigraph.

A graph is either a file (loaded into memory) or a folder holding an on-disk
Oxigraph store. Queries see the union of all named graphs as their default
graph, so a TriG build (one named graph per source document) answers the
same queries as a Turtle one.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, QueryError, UsageError
from kg.graph.ns import PREFIXES
from kg.io import atomic_file, replace_folder, scratch_folder

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_ACCEPTED = ", ".join(FILE_FORMATS) + ", or a store folder"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


# ---------------------------------------------------------------- stores

def open_store(path: Path, *, read_only: bool = True) -> ox.Store:
    """Opens a graph for querying.

    Args:
        path: a graph file (its suffix names the syntax) or a store folder.
        read_only: open a store folder without taking its write lock, so
            several readers (`kg query`, `kg serve`) can share it. Files are
            always loaded into a fresh in-memory store.

    Raises:
        UsageError: the path does not exist or has an unknown suffix.
        InputError: the file does not parse (with line and column) or the
            folder is not an Oxigraph store.
    """
    path = Path(path)
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as e:
            raise InputError(path, f"not a readable Oxigraph store folder ({e})") from None
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder; expected a graph file ({_ACCEPTED})")
    syntax = _syntax_of(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=syntax, base_iri=path.resolve().as_uri())
    except SyntaxError as e:
        raise _input_error(path, e) from None
    except OSError as e:
        raise InputError(path, f"could not be read ({e})") from None
    return store


def load_into_store(store_dir: Path, files_or_quads, *, atomic: bool = True) -> None:
    """Adds graph files and/or quads to an on-disk store, creating it if needed.

    Args:
        store_dir: the store folder.
        files_or_quads: graph files (any suffix of FILE_FORMATS; TriG and
            N-Quads keep their named graphs) and pyoxigraph Quads, in any mix;
            or an rdflib Graph (default graph) or Dataset (graphs kept).
        atomic: one transaction for everything, so a crash or kill leaves the
            store exactly as it was; memory grows with the input. With False,
            Oxigraph's bulk loader writes in batches with little memory; a kill
            leaves the previous content intact plus part of the new, and
            re-running the same load completes it (adding a quad is idempotent).

    Raises:
        InputError: a file does not parse; nothing of it (atomic) or only
            earlier batches (bulk) were written.
        UsageError: a file has an unknown suffix or does not exist.
    """
    if type(files_or_quads).__module__.startswith("rdflib"):
        files_or_quads = _quads_from_rdflib(files_or_quads)
    store = ox.Store(str(store_dir))
    try:
        if atomic:
            store.extend(itertools.chain.from_iterable(
                _parse_file(Path(x)) if isinstance(x, (str, Path)) else (x,)
                for x in files_or_quads))
        else:
            for is_file, group in itertools.groupby(files_or_quads, key=lambda x: isinstance(x, (str, Path))):
                if is_file:
                    for path in map(Path, group):
                        _bulk_load_file(store, path)
                else:
                    store.bulk_extend(group)
        store.flush()
    finally:
        del store  # releases the folder's write lock before the caller reopens it


def replace_graph(store: ox.Store, graph_name: ox.NamedNode | str,
                  quads: Iterable[ox.Quad | ox.Triple]) -> None:
    """Replaces one named graph (one source document) in a single transaction.

    Readers see either the old graph or the new one, never a mix, which keeps
    rebuilding a document idempotent. Each quad's own graph is ignored: all go
    into `graph_name`. Blank nodes are renamed, as in any SPARQL INSERT DATA.
    """
    graph = graph_name if isinstance(graph_name, ox.NamedNode) else ox.NamedNode(graph_name)
    # Oxigraph runs one update request in one transaction, and str() of its
    # terms is their N-Triples form, so nothing user-written is spliced raw.
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")


def store_to_rdflib(store_dir: Path):
    """An on-disk store as an rdflib Dataset if it has named graphs, else a
    Graph: the same shapes `kg.views.export.import_graph` gives for .trig and .ttl."""
    import rdflib
    store = open_store(store_dir)
    named = any(True for _ in store.named_graphs())
    target = rdflib.Dataset() if named else rdflib.Graph()
    for quad in store.quads_for_pattern(None, None, None, None if named else ox.DefaultGraph()):
        triple = tuple(_to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object))
        if named:
            graph = (rdflib.graph.DATASET_DEFAULT_GRAPH_ID if isinstance(quad.graph_name, ox.DefaultGraph)
                     else _to_rdflib(quad.graph_name))
            target.add((*triple, graph))
        else:
            target.add(triple)
    return target


def ntriples_batches(path: Path, *, batch: int = 100_000) -> Iterator[bytes]:
    """The triples of a graph file or store folder, the union of all its
    graphs, as N-Triples documents of at most `batch` triples each."""
    store = open_store(Path(path))
    quads = store.quads_for_pattern(None, None, None, None)
    while chunk := [ox.Triple(q.subject, q.predicate, q.object)
                    for q in itertools.islice(quads, batch)]:
        yield ox.serialize(chunk, None, ox.RdfFormat.N_TRIPLES)


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
        import shutil
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
    import ctypes
    import ctypes.util
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

    SUFFIXES = (".ttl", ".nt")

    def __init__(self, path: Path, *, run_lines: int = 400_000) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() not in self.SUFFIXES:
            raise UsageError(f"{path}: FileSink writes {', '.join(self.SUFFIXES)}")
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
        import heapq
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
        import shutil
        if self._runs_dir is not None:
            shutil.rmtree(self._runs_dir, ignore_errors=True)
            self._runs_dir, self._runs = None, []


_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*", re.ASCII)
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def nt_line(triple) -> str:
    """An rdflib triple as one N-Triples line."""
    s, p, o = map(nt_term, triple)
    return f"{s} {p} {o} .\n"


@lru_cache(maxsize=262144)
def nt_term(term) -> str:
    """A term in N-Triples syntax, escaped by Oxigraph (which also rejects
    invalid IRIs with ValueError). Cached: a build names the same few
    predicates, classes and entities over and over."""
    if type(term).__name__ == "Literal":
        quoted = str(ox.Literal(str(term)))
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{quoted}^^{nt_term(term.datatype)}"
        return quoted
    return str(_from_rdflib(term))


def _short(term: str, namespaces: list[tuple[str, str]]) -> str:
    if term.startswith("<"):
        iri = term[1:-1]
        for prefix, ns in namespaces:
            if iri.startswith(ns) and _LOCAL_NAME.fullmatch(iri, len(ns)):
                return f"{prefix}:{iri[len(ns):]}"
        return term
    if term.endswith(">"):  # a typed literal: its datatype IRI follows the last ^^
        value, _, datatype = term.rpartition("^^")
        return f"{value}^^{_short(datatype, namespaces)}"
    return term


def _turtle(triples: Iterable[list[str]]) -> Iterator[str]:
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    yield from (f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items()))
    yield "\n"
    for subject, same_subject in itertools.groupby(triples, key=lambda t: t[0]):
        predicates = []
        for predicate, group in itertools.groupby(same_subject, key=lambda t: t[1]):
            verb = "a" if predicate == _RDF_TYPE else _short(predicate, namespaces)
            predicates.append(verb + " " + " , ".join(_short(o, namespaces) for _, _, o in group))
        yield _short(subject, namespaces) + " " + " ;\n\t".join(predicates) + " .\n"


def _quads_from_rdflib(graph) -> Iterable[ox.Quad]:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
    if not isinstance(graph, ConjunctiveGraph):
        for s, p, o in graph:
            yield ox.Quad(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o))
        return
    for s, p, o, g in graph.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        yield ox.Quad(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o),
                      ox.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID)
                      else _from_rdflib(name))


def _from_rdflib(term) -> Term:
    import rdflib
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def _to_rdflib(term: Term):
    import rdflib
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        # rdflib keeps "x" and "x"^^xsd:string apart; RDF 1.1 (and Oxigraph) does not
        plain = term.datatype.value == _XSD_STRING
        return rdflib.Literal(term.value, datatype=None if plain else rdflib.URIRef(term.datatype.value))
    raise InputError("store", f"cannot convert {term} to rdflib (RDF-star is not supported)")


def _syntax_of(path: Path) -> ox.RdfFormat:
    syntax = FILE_FORMATS.get(path.suffix.lower())
    if syntax is None:
        raise UsageError(f"{path}: unknown graph suffix {path.suffix!r}; expected {_ACCEPTED}")
    return syntax


def _parse_file(path: Path) -> Iterable[ox.Quad]:
    if not path.is_file():
        raise UsageError(f"{path}: no such graph file")
    try:
        yield from ox.parse(path=str(path), format=_syntax_of(path),
                            base_iri=path.resolve().as_uri())
    except SyntaxError as e:
        raise _input_error(path, e) from None


def _bulk_load_file(store: ox.Store, path: Path) -> None:
    if not path.is_file():
        raise UsageError(f"{path}: no such graph file")
    try:
        store.bulk_load(path=str(path), format=_syntax_of(path), base_iri=path.resolve().as_uri())
    except SyntaxError as e:
        raise _input_error(path, e) from None


def _input_error(path: Path, e: SyntaxError) -> InputError:
    reason = re.sub(r"^Parser error (at line \d+ )?(between .*?|at .*?)?: ", "", str(e.args[0]))
    return InputError(path, reason, line=e.lineno, column=e.offset)


# --------------------------------------------------------------- queries

class QueryTimeout(QueryError):
    """The query ran longer than its time limit."""


@dataclass(frozen=True)
class QueryResult:
    """A materialised result. `kind` is "select", "ask" or "graph"
    (CONSTRUCT/DESCRIBE); `truncated` says the row cap cut it short."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def format(self, fmt: str) -> str:
        """The result as `table`, `csv`, `tsv` or `json` (see the format_* functions)."""
        if fmt not in FORMATTERS:
            raise UsageError(f"unknown result format {fmt!r}; expected one of {', '.join(FORMATTERS)}")
        return FORMATTERS[fmt](self)


_running = 0
_running_lock = threading.Lock()


def running_queries() -> int:
    """Queries still executing, including ones whose caller already timed out."""
    return _running


def _count_running(delta: int) -> None:
    global _running
    with _running_lock:
        _running += delta


def run_query(store: ox.Store, query_text: str, *,
              bindings: Mapping[str, str | Term] | None = None,
              timeout_s: float | None = None, limit: int | None = None,
              slots: threading.Semaphore | None = None) -> QueryResult:
    """Runs a SPARQL 1.1 query with the zhkg prefixes predeclared.

    Args:
        store: from `open_store`.
        query_text: the query; `kg:`, `org:`, `rdfs:`... need no PREFIX lines.
        bindings: variable name (without ?) → value, substituted as an RDF
            term, never as query text. A str becomes a plain xsd:string
            literal, or, for a variable the query declares as a label
            parameter, the label `"张健"@zh-Hans` (`parameter_bindings`). A bound variable
            must appear in the SELECT projection (or use SELECT *).
        timeout_s: give up after this many seconds and raise QueryTimeout.
            Oxigraph cannot be interrupted: the query goes on in a background
            thread and stops at the next result row; a sort or aggregate
            still computing runs to its end first (see `running_queries`).
        limit: keep at most this many rows or triples; `truncated` is set if
            there were more.
        slots: bounds how many queries execute at once. One is taken before
            the query starts (waiting within `timeout_s`) and given back when
            it really ends, so abandoned queries still count.

    Raises:
        QueryError: malformed query (with line and column) or failed evaluation.
        QueryTimeout: the time limit passed, or no slot freed up within it.
    """
    substitutions = {ox.Variable(name): term for name, term
                     in parameter_bindings(query_text, bindings or {}).items()}
    cancelled = threading.Event()
    if timeout_s is None and slots is None:
        return _execute(store, query_text, substitutions, limit, cancelled)

    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    if slots is not None and not slots.acquire(timeout=timeout_s):
        raise QueryTimeout(f"no free query slot within {timeout_s:g} s: {running_queries()} "
                           "queries are running (timed-out ones finish first); retry shortly")
    future: Future[QueryResult] = Future()

    def work() -> None:
        try:
            future.set_result(_execute(store, query_text, substitutions, limit, cancelled))
        except BaseException as e:  # handed to the waiting caller
            future.set_exception(e)
        finally:
            _count_running(-1)
            if slots is not None:
                slots.release()

    _count_running(+1)
    # a daemon thread, so an abandoned query never keeps the program from exiting
    threading.Thread(target=work, name="kg-query", daemon=True).start()
    try:
        return future.result(timeout=None if deadline is None
                             else max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        cancelled.set()
        raise QueryTimeout(f"no answer within {timeout_s:g} s; narrow the query "
                           "(more specific patterns, a LIMIT) or raise the time limit") from None


_LABEL_PARAMETER = re.compile(r"^#\s*label parameter:\s*[?$](\w+)", re.M)


def label_parameters(query_text: str) -> set[str]:
    """The variables a query declares on `# label parameter: ?name` lines:
    the name or post it answers about, which it needs bound."""
    return set(_LABEL_PARAMETER.findall(query_text))


def parameter_bindings(query_text: str, values: Mapping[str, str | Term]) -> dict[str, Term]:
    """Values to bind in `query_text`, as RDF terms (what `run_query` binds).

    A string for a variable the query declares on a `# label parameter:
    ?name` line becomes the label `"VALUE"@zh-Hans`, a traditional value
    converted to simplified first (every node has its simplified label): the
    store then finds the node through its index. Other strings become plain
    literals; RDF terms are kept as given."""
    from kg.text.normalize import to_simplified
    labels = label_parameters(query_text)
    return {name: ox.Literal(to_simplified(value), language="zh-Hans")
            if name in labels and isinstance(value, str) else _as_term(name, value)
            for name, value in values.items()}


def _as_term(name: str, value: str | Term) -> Term:
    if isinstance(value, str):
        return ox.Literal(value)
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    raise UsageError(f"binding ?{name}: expected a string or an RDF term, got {type(value).__name__}")


# What hides a variable name from a plain text search: comments, strings, IRIs
_SPARQL_TOKEN = re.compile(r"""
    (?P<skip> \#[^\n]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*> )
    | (?P<brace>[{}])
    | (?P<var>[?$][^\W]\w*)
""", re.X)


def _inlined(text: str, substitutions: dict) -> str | None:
    """`text` with the bound variables written as constants inside its
    outermost group pattern, or None where that is not simple.

    Oxigraph plans a query around the constants it sees, but takes
    substitutions as a first row joined in afterwards: with the name written
    in, `career` on 1.5M triples takes 0.3 s instead of 1.6 s. The values are
    Oxigraph's own serialisation of RDF terms, never the user's text; the
    substitutions are passed as well, so the projection still shows them."""
    names = {f"{mark}{v.value}": str(term) for v, term in substitutions.items()
             for mark in "?$"}
    out, depth, last, changed = [], 0, 0, False
    for token in _SPARQL_TOKEN.finditer(text):
        if token["brace"]:
            depth += 1 if token["brace"] == "{" else -1
        elif token["var"] in names and depth >= 1:
            out += [text[last:token.start()], names[token["var"]]]
            last, changed = token.end(), True
    if not changed or len(re.findall(r"\bSELECT\b", text, re.I)) > 1:
        return None  # a sub-query's projection would get a constant
    return "".join(out) + text[last:]


def _execute(store: ox.Store, text: str, substitutions: dict, limit: int | None,
             cancelled: threading.Event) -> QueryResult:
    # the union of named graphs only where there are named graphs: over the
    # default graph alone, Oxigraph answers joins faster
    union = next(iter(store.named_graphs()), None) is not None
    try:
        raw = None
        inlined = _inlined(text, substitutions) if substitutions else None
        if inlined is not None:
            try:
                raw = store.query(inlined, prefixes=PREFIXES, use_default_graph_as_union=union,
                                  substitutions=substitutions)
            except SyntaxError:  # BIND(… AS ?x), VALUES ?x: the variable is needed as such
                raw = None
        if raw is None:
            raw = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union,
                              substitutions=substitutions or None)
        if isinstance(raw, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(raw))
        kept, truncated = [], False
        for item in raw:  # rows come lazily, so a cancelled query stops here
            if cancelled.is_set():
                break  # the caller has given up and will not read this result
            if limit is not None and len(kept) >= limit:
                truncated = True
                break
            kept.append(item if isinstance(raw, ox.QueryTriples) else tuple(item))
        return _result(raw, kept, truncated=truncated)
    except SyntaxError as e:
        raise _query_error(text, str(e)) from None
    except (RuntimeError, OSError, ValueError) as e:
        message = str(e)
        projection = re.search(r"does not contains? variable (\?\w+)", message)
        if projection:
            message = (f"{projection[1]} is bound but the query does not select it; add it "
                       "to the SELECT clause (or use SELECT *)")
        raise QueryError(message) from None


def _result(raw, kept: list, *, truncated: bool) -> QueryResult:
    if isinstance(raw, ox.QueryTriples):
        return QueryResult("graph", triples=tuple(kept), truncated=truncated)
    return QueryResult("select", variables=tuple(v.value for v in raw.variables),
                       rows=tuple(kept), truncated=truncated)


def _query_error(text: str, message: str) -> QueryError:
    where = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not where:
        return QueryError(message)
    line, column, detail = int(where[1]), int(where[2]), where[3]
    if "Prefix not found" in detail:
        reason = ("unknown prefix; declare it with PREFIX or use one of "
                  + ", ".join(f"{p}:" for p in PREFIXES))
    else:
        # drop the parser's character classes, keep the keywords and punctuation
        expected = [t.strip() for t in re.sub(r"\[[^\]]*\]", "", detail.split("expected", 1)[-1])
                    .replace("one of", "").split(",")]
        expected = [t for t in expected if t]
        reason = "expected " + ", ".join(expected) if expected else "syntax error"
    lines = text.splitlines() or [""]
    row = lines[line - 1] if line <= len(lines) else ""
    near = row[max(0, column - 21):column - 1].strip()
    if column > len(row) and line >= len(lines):
        reason += " (Oxigraph points past the end; the mistake is at or before it)"
    elif near:
        reason += f", after «{near}»"
    return QueryError(reason, line=line, column=column)


# ------------------------------------------------------------ formatting

def format_table(result: QueryResult, *, prefixes: Mapping[str, str] = PREFIXES,
                 max_cell: int = 60) -> str:
    """Aligned columns for a terminal: literals as their text, IRIs shortened
    with `prefixes`, CJK counted as two columns, control characters escaped,
    cells cut at `max_cell` columns. A graph result prints as Turtle."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return format_rdf(result).decode()
    header = [f"?{v}" for v in result.variables]
    body = [[_clip(_readable(t, prefixes), max_cell) for t in row] for row in result.rows]
    widths = [max([_width(c) for c in col], default=0) for col in zip(header, *body)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip()
             for cells in [header, ["-" * w for w in widths], *body]]
    count = f"{len(body)} row{'s' if len(body) != 1 else ''}"
    lines.append(count + (" (truncated: more rows matched)" if result.truncated else ""))
    return "\n".join(lines) + "\n"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: values only, CRLF line ends. Cells are not
    escaped for spreadsheets; open the file as data, not as formulas."""
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\r\n"
    variables, rows = _as_solutions(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_plain(t) for t in row] for row in rows)
    return out.getvalue()


def format_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in their N-Triples form."""
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\n"
    variables, rows = _as_solutions(result)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else _escape_tsv(str(t)) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    variables, rows = _as_solutions(result)
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def format_rdf(result: QueryResult, *, syntax: str = "turtle") -> bytes:
    """A CONSTRUCT/DESCRIBE result as Turtle ("turtle") or N-Triples ("ntriples")."""
    if result.kind != "graph":
        raise UsageError("only CONSTRUCT and DESCRIBE queries give RDF; use table, csv, tsv or json")
    if syntax == "ntriples":
        return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))


FORMATTERS = {"table": format_table, "csv": format_csv, "tsv": format_tsv, "json": format_json}


def _as_solutions(result: QueryResult):
    # csv/tsv/json of a CONSTRUCT: one row per triple, so scripts get one shape
    if result.kind == "graph":
        return ("subject", "predicate", "object"), [(t.subject, t.predicate, t.object)
                                                     for t in result.triples]
    return result.variables, result.rows


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term) if isinstance(term, ox.Triple) else term.value


def _escape_tsv(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
        out["datatype"] = term.datatype.value
    return out


def _readable(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(prefixes.items(), key=lambda p: -len(p[1])):
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w\-.]*", local):
                return f"{prefix}:{local}"
    return _plain(term)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clip(text: str, limit: int) -> str:
    # escapes keep a hostile literal from moving the cursor or reordering the row
    text = _UNSAFE.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m[0], f"\\u{ord(m[0]):04x}"), text)
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        if used + _char_width(ch) > limit - 1:
            break
        out.append(ch)
        used += _char_width(ch)
    return "".join(out) + "…"


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(map(_char_width, text))


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# ------------------------------------------------------- bundled queries

def _bundled_dir():
    return resources.files("kg").joinpath("queries")


def list_bundled() -> dict[str, str]:
    """Bundled query name → what it answers (the first `#` line of its file)."""
    found = {}
    for entry in sorted(_bundled_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            first = next((ln for ln in entry.read_text(encoding="utf-8").splitlines()
                          if ln.startswith("#")), "#")
            found[entry.name[:-3]] = first.lstrip("#").strip()
    return found


def load_query(spec: str | Path) -> str:
    """The text of a query given as a Path or `*.rq` file, a bundled query's
    name (`people-posts`), or the query text itself.

    Raises:
        UsageError: a named .rq file does not exist.
        QueryError: a bare word that names no bundled query.
    """
    if isinstance(spec, Path) or spec.endswith(".rq"):
        path = Path(spec)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"{path}: cannot read the query file ({e.strerror})") from None
    if re.fullmatch(r"[\w-]+", spec):
        entry = _bundled_dir().joinpath(f"{spec}.rq")
        if entry.is_file():
            return entry.read_text(encoding="utf-8")
        raise QueryError(f"no bundled query named {spec!r}; bundled queries: "
                         + (", ".join(list_bundled()) or "none"))
    return spec
