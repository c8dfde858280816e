"""The graph file formats: one table from a file's suffix to its syntax, how
it is read and written, and whether `kg build` can stream it.

Every command that reads or writes a graph file asks here (`kg build -o`,
`kg export`, `kg draw`, `kg query`, the sinks), so a suffix one of them
accepts the others accept too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, UsageError
from kg.graph.datasets import as_graph, split_by_source
from kg.graph.ns import bind_prefixes
from kg.graph.terms import nt_term
from kg.io import atomic_file

# what XML 1.0 cannot hold, even escaped (https://www.w3.org/TR/xml/#charsets)
XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# What a format does with named graphs (one per source document in zhkg)
PER_DOCUMENT = "per-document"  # a Dataset as given; a Graph split by source document
AS_GIVEN = "as-given"  # a Dataset's graphs kept, a Graph written as one
UNION = "union"  # every triple in one graph


@dataclass(frozen=True)
class GraphFormat:
    """One graph syntax.

    Attributes:
        suffix: the file suffix naming it (lower case, with the dot).
        rdflib: rdflib's parser and serializer name.
        oxigraph: Oxigraph's format, for loading files into stores.
        graphs: PER_DOCUMENT, AS_GIVEN or UNION (above).
        streamable: `kg build` writes it line by line, sorted, in bounded
            memory (`kg.store.sinks.FileSink`); the others need the whole
            graph in rdflib first.
    """

    suffix: str
    rdflib: str
    oxigraph: ox.RdfFormat
    graphs: str = UNION
    streamable: bool = False

    def read(self, path: Path) -> rdflib.Graph | rdflib.Dataset:
        """The graph in `path`: a Dataset where the format names graphs per document.

        Raises:
            InputError: the file is missing or does not parse.
        """
        path = Path(path)
        if not path.is_file():
            raise InputError(str(path), "no such file")
        graph = rdflib.Dataset() if self.graphs == PER_DOCUMENT else rdflib.Graph()
        try:
            graph.parse(path, format=self.rdflib)
        except Exception as exc:  # rdflib's parsers raise many unrelated types
            raise InputError(str(path), f"not valid {self.rdflib}: {exc}") from exc
        return graph

    def write(self, graph: rdflib.Graph | rdflib.Dataset, path: Path) -> None:
        """Writes `graph` to `path` (atomically, see `kg.io`)."""
        is_dataset = isinstance(graph, rdflib.Dataset)
        if self.graphs == PER_DOCUMENT:
            data = graph if is_dataset else split_by_source(graph)
        elif self.graphs == AS_GIVEN and is_dataset:
            data = graph
        else:
            data = as_graph(graph)
        if self.suffix == ".nq":
            text = "".join(sorted(_nquads(data))).encode("utf-8")
        elif self.suffix == ".jsonld":
            bind_prefixes(data)
            text = data.serialize(format=self.rdflib, encoding="utf-8",
                                  context=used_prefixes(data))
        else:
            bind_prefixes(data)
            text = data.serialize(format=self.rdflib, encoding="utf-8")
            if self.rdflib == "xml":
                _refuse_xml_illegal(text.decode("utf-8"), path)
        with atomic_file(path) as f:
            f.write(text)


def used_prefixes(graph: rdflib.Graph | rdflib.Dataset) -> dict[str, str]:
    """The prefixes bound in `graph` that one of its IRIs (or datatypes) is in:
    a JSON-LD context of what the graph uses, not of every vocabulary rdflib knows."""
    triples = ((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))) \
        if isinstance(graph, rdflib.Dataset) else iter(graph)
    iris = set()
    for triple in triples:
        for term in triple:
            if isinstance(term, rdflib.URIRef):
                iris.add(str(term))
            elif isinstance(term, rdflib.Literal) and term.datatype is not None:
                iris.add(str(term.datatype))
    unused = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    used = {}
    for iri in iris:
        for prefix, namespace in list(unused.items()):
            if iri.startswith(namespace):
                used[prefix] = unused.pop(prefix)
        if not unused:
            break
    return dict(sorted(used.items()))


def _refuse_xml_illegal(text: str, path: Path) -> None:
    """RDF/XML cannot hold a literal with a form feed or ESC at all: taking
    the character out would change the data, so the format is refused."""
    bad = XML_ILLEGAL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise UsageError(f"{path}: the graph holds U+{ord(bad.group()):04X}, which XML 1.0 "
                         f"cannot hold (line {line} of the RDF/XML); write .ttl, .nt, .trig, "
                         ".nq or .jsonld instead")


def _nquads(dataset: rdflib.Dataset):
    # rdflib's N-Quads writer follows its store's order; sorted lines give
    # the same bytes on every run, like the other formats
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = "" if name in (None, DATASET_DEFAULT_GRAPH_ID) else f" {nt_term(name)}"
        yield f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} .\n"


FORMATS: dict[str, GraphFormat] = {f.suffix: f for f in (
    GraphFormat(".ttl", "turtle", ox.RdfFormat.TURTLE, streamable=True),
    GraphFormat(".nt", "nt", ox.RdfFormat.N_TRIPLES, streamable=True),
    GraphFormat(".trig", "trig", ox.RdfFormat.TRIG, PER_DOCUMENT),
    GraphFormat(".nq", "nquads", ox.RdfFormat.N_QUADS, PER_DOCUMENT),
    GraphFormat(".jsonld", "json-ld", ox.RdfFormat.JSON_LD, AS_GIVEN),
    GraphFormat(".rdf", "xml", ox.RdfFormat.RDF_XML),
    GraphFormat(".xml", "xml", ox.RdfFormat.RDF_XML),
)}


def is_graph_file(path: Path) -> bool:
    """Whether `path`'s suffix names a graph format."""
    return Path(path).suffix.lower() in FORMATS


def graph_format(path: Path, *, or_store: bool = False) -> GraphFormat:
    """The format `path`'s suffix names.

    Raises:
        UsageError: an unknown suffix; the message lists the known ones (and
            a store folder, if `or_store`).
    """
    path = Path(path)
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(FORMATS) + (", or a folder (no suffix) for a store" if or_store else "")
        raise UsageError(f"{path}: unknown graph format {path.suffix or '(no suffix)'!r}; "
                         f"known: {known}")
    return found


def read_graph(path: Path) -> rdflib.Graph | rdflib.Dataset:
    """The graph in a graph file (see `GraphFormat.read`)."""
    return graph_format(path).read(path)


def write_graph(graph: rdflib.Graph | rdflib.Dataset, path: Path) -> None:
    """Writes `graph` in the format `path`'s suffix names (see `GraphFormat.write`)."""
    graph_format(path).write(graph, path)
