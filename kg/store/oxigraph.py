"""Oxigraph: opening graphs for queries, loading stores, and the bridge
between a store's quads and rdflib graphs.

A graph is either a file (loaded into memory) or a folder holding an on-disk
Oxigraph store. Queries see the union of all named graphs as their default
graph, so a TriG build (one named graph per source document) answers the
same queries as a Turtle one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

from kg.errors import InputError, UsageError
from kg.io import is_store
from kg.graph.terms import from_rdflib, to_rdflib, triple_to_rdflib
from kg.store.formats import FORMATS, graph_format, read_graph

_ACCEPTED = ", ".join(FORMATS) + ", or a store folder"


def load_graph(path: Path) -> rdflib.Graph | rdflib.Dataset:
    """An rdflib graph from a graph file or a store folder.

    Raises:
        UsageError: nothing at `path`, or an unknown suffix.
        InputError: the file does not parse.
    """
    path = Path(path)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if is_store(path):
        return store_to_rdflib(path)
    return read_graph(path)


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
        files_or_quads: graph files (any suffix of `kg.store.formats.FORMATS`; TriG and
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
        files_or_quads = quads_from_rdflib(files_or_quads)
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


def store_to_rdflib(store_dir: Path) -> rdflib.Graph | rdflib.Dataset:
    """An on-disk store as an rdflib Dataset if it has named graphs, else a
    Graph: the shapes `kg.store.formats.read_graph` gives for .trig and .ttl,
    with the datatypes the builder wrote (`kg.graph.terms.triple_to_rdflib`)."""
    store = open_store(store_dir)
    named = any(True for _ in store.named_graphs())
    target = rdflib.Dataset() if named else rdflib.Graph()
    for quad in store.quads_for_pattern(None, None, None, None if named else ox.DefaultGraph()):
        triple = triple_to_rdflib(quad.subject, quad.predicate, quad.object)
        if named:
            graph = (DATASET_DEFAULT_GRAPH_ID if isinstance(quad.graph_name, ox.DefaultGraph)
                     else to_rdflib(quad.graph_name))
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


def quads_from_rdflib(graph) -> Iterable[ox.Quad]:
    """The quads of an rdflib Graph (all in the default graph) or Dataset."""
    if not isinstance(graph, ConjunctiveGraph):
        for s, p, o in graph:
            yield ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o))
        return
    for s, p, o, g in graph.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        yield ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o),
                      ox.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID)
                      else from_rdflib(name))


def _syntax_of(path: Path) -> ox.RdfFormat:
    return graph_format(path, or_store=True).oxigraph


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

