"""Write a graph in the format its file name asks for, and read RDF files back.

RDF: ``.ttl``, ``.nt``, ``.jsonld``, ``.trig``. For tools outside RDF:
``.graphml`` (Gephi, Cytoscape) and ``.csv`` (pandas, spreadsheets), both built
from the same entity graph as the HTML viewer (:func:`kg.views.draw.entity_graph`).

TriG named-graph rule (:func:`split_by_source`): each triple goes in the graph
named by the IRI of the kg:SourceDocument it comes from, that is the document's
own triples, its sentences', and those of every node derived only from
sentences of that document. A node derived from sentences of several documents
is shared: its rdf:type and literal triples (labels, dates) go in the default
graph, each prov:wasDerivedFrom triple in its sentence's document's graph, and
each link to another node in every document graph both ends are derived from
(the default graph when none). A node with no evidence of its own that just
one node refers to (a blank node, a holding's time interval) goes wherever
that reference goes. Everything else (organisation-type concepts, nodes no
sentence backs) goes in the default graph. So the union of all graphs is
always the input graph.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.term import BNode, Literal, Node

from kg.views.draw import as_graph, co_attendance, entity_graph
from kg.errors import InputError, UsageError
from kg.io import atomic_file
from kg.graph.ns import KG, NIF, PREFIXES, PROV, RDF

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}
FORMATS = (*RDF_FORMATS, ".graphml", ".csv")
# OWASP's list: a spreadsheet runs a cell starting with one of these as a formula
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NODE_COLUMNS = ("id", "class", "label", "pinyin", "alt_labels", "sources", "evidence")
EDGE_COLUMNS = ("source", "target", "relation", "predicate", "date", "sources", "evidence")
PEOPLE_COLUMNS = ("id", "label", "pinyin", "sources")
CO_ATTENDANCE_COLUMNS = ("source", "target", "weight", "meetings", "sources")


def _suffix(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{path}: unknown output format {suffix or '(no suffix)'!r}; "
                         f"known: {', '.join(FORMATS)}")
    return suffix


def _bind(graph: rdflib.Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)


def split_by_source(graph: rdflib.Graph) -> rdflib.Dataset:
    """Spread a graph over one named graph per source document (rule in the module doc)."""
    doc_of = dict(graph.subject_objects(NIF.referenceContext))
    homes: dict[Node, set[Node]] = {s: {d} for s, d in doc_of.items()}
    for d in set(doc_of.values()) | set(graph.subjects(RDF.type, KG.SourceDocument)):
        homes[d] = {d}
    for s, sentence in graph.subject_objects(PROV.wasDerivedFrom):
        if sentence in doc_of and s not in doc_of:
            homes.setdefault(s, set()).add(doc_of[sentence])
    referrers: dict[Node, set[Node]] = {}
    for s, o in graph.subject_objects():
        if o not in homes and not isinstance(o, Literal):
            referrers.setdefault(o, set()).add(s)
    # a node with no evidence of its own that one node alone refers to (a blank node,
    # a holding's time interval) is part of that node's description; one that many
    # refer to (an organisation type) is vocabulary
    private = {o for o, subjects in referrers.items() if len(subjects) == 1}

    def targets(s: Node, p: Node, o: Node) -> set[Node]:
        docs = homes.get(s, set())
        if len(docs) <= 1:
            return docs
        if p == PROV.wasDerivedFrom and o in doc_of:
            return {doc_of[o]}
        if p == RDF.type or isinstance(o, Literal):
            return set()
        return docs & homes.get(o, set()) if o not in private else docs

    ds = rdflib.Dataset()
    _bind(ds)
    pending: list[tuple[Node, frozenset[Node]]] = []
    for s, p, o in graph:
        if s in private:
            continue
        docs = targets(s, p, o)
        _add(ds, (s, p, o), docs)
        if o in private:
            pending.append((o, frozenset(docs)))
    placed: set[tuple[Node, frozenset[Node]]] = set()
    while pending:
        node, docs = pending.pop()
        if (node, docs) in placed:
            continue
        placed.add((node, docs))
        for p, o in graph.predicate_objects(node):
            _add(ds, (node, p, o), docs)
            if o in private:
                pending.append((o, docs))
    # private nodes whose only referrer is itself or another unplaced private node (a cycle)
    reached = {n for n, _ in placed}
    for s, p, o in graph:
        if s in private and s not in reached:
            ds.add((s, p, o))
    return ds


def _add(ds: rdflib.Dataset, triple: tuple[Node, Node, Node], docs: set[Node]) -> None:
    if not docs:
        ds.add(triple)
    for doc in docs:
        ds.graph(doc).add(triple)


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[tuple[str, ...]]) -> None:
    with atomic_file(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)


def csv_paths(out_path: Path) -> tuple[Path, Path]:
    """The two files a ``.csv`` export writes: OUT-nodes.csv and OUT-edges.csv beside OUT."""
    out_path = Path(out_path)
    return (out_path.with_name(out_path.stem + "-nodes.csv"),
            out_path.with_name(out_path.stem + "-edges.csv"))


def _tables(graph: rdflib.Graph, out_path: Path, suffix: str) -> None:
    g = entity_graph(graph)
    sentences = g.graph.pop("sentences")

    def evidence(sources: tuple[str, ...]) -> str:
        return sentences[sources[0]][2] if sources else ""

    if suffix == ".graphml":
        flat = nx.MultiDiGraph()
        for n, d in g.nodes(data=True):
            flat.add_node(n, **{"class": d["class"], "label": d["label"], "pinyin": d["pinyin"],
                                "alt_labels": "|".join(d["alt"]),
                                "sources": " ".join(d["sources"]),
                                "evidence": evidence(d["sources"])})
        for u, v, k, d in g.edges(keys=True, data=True):
            flat.add_edge(u, v, key=k, relation=d["relation"], predicate=d["predicate"],
                          date=d["date"], sources=" ".join(d["sources"]),
                          evidence=evidence(d["sources"]))
        with atomic_file(out_path) as f:
            nx.write_graphml(flat, f, encoding="utf-8")
        return
    nodes_path, edges_path = csv_paths(out_path)
    _write_csv(nodes_path, NODE_COLUMNS, (
        (n, d["class"], d["label"], d["pinyin"], "|".join(d["alt"]), " ".join(d["sources"]),
         evidence(d["sources"])) for n, d in sorted(g.nodes(data=True))))
    _write_csv(edges_path, EDGE_COLUMNS, (
        (u, v, d["relation"], d["predicate"], d["date"], " ".join(d["sources"]),
         evidence(d["sources"]))
        for u, v, _, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])))


def _co_attendance_tables(graph: rdflib.Graph, out_path: Path, suffix: str) -> None:
    people = co_attendance(graph)
    del people.graph["sentences"]  # GraphML keeps scalar attributes only
    if suffix == ".graphml":
        flat = nx.Graph()
        for n, d in people.nodes(data=True):
            flat.add_node(n, label=d["label"], pinyin=d["pinyin"], sources=" ".join(d["sources"]))
        for u, v, d in people.edges(data=True):
            flat.add_edge(u, v, weight=d["weight"], meetings=" ".join(d["meetings"]),
                          sources=" ".join(d["sources"]))
        with atomic_file(out_path) as f:
            nx.write_graphml(flat, f, encoding="utf-8")
        return
    nodes_path, edges_path = csv_paths(out_path)
    _write_csv(nodes_path, PEOPLE_COLUMNS, (
        (n, d["label"], d["pinyin"], " ".join(d["sources"]))
        for n, d in sorted(people.nodes(data=True))))
    _write_csv(edges_path, CO_ATTENDANCE_COLUMNS, (
        (*sorted((u, v)), str(d["weight"]), " ".join(d["meetings"]), " ".join(d["sources"]))
        for u, v, d in sorted(people.edges(data=True), key=lambda e: sorted(e[:2]))))


def export_graph(graph_or_dataset: rdflib.Graph | rdflib.Dataset, out_path: Path, *,
                 co_attendance: bool = False) -> None:
    """Write a graph to ``out_path`` in the format its suffix names.

    ``.ttl``, ``.nt``: the union of all triples. ``.jsonld``: named graphs kept
    when given a Dataset. ``.trig``: a Dataset as given; a Graph split per
    source document (:func:`split_by_source`). ``.graphml``: the entity graph
    with node ``class``, ``label``, ``pinyin`` and edge ``relation``, ``date``.
    ``.csv``: two files, see :func:`csv_paths`. With ``co_attendance``
    (``.graphml`` or ``.csv`` only), the people network of
    :func:`kg.views.draw.co_attendance` instead: nodes ``label``, ``pinyin``,
    ``sources``; undirected edges ``weight`` (meetings shared, an integer),
    ``meetings`` and ``sources`` (space-separated IRIs). Every file is written
    to a temporary file in the same folder first and renamed into place.

    Raises:
        UsageError: unknown suffix (the message lists the known ones), or
            ``co_attendance`` with an RDF suffix.
    """
    out_path = Path(out_path)
    suffix = _suffix(out_path)
    if co_attendance:
        if suffix not in (".graphml", ".csv"):
            raise UsageError(f"{out_path}: the co-attendance network is written as .graphml "
                             f"or .csv, not {suffix}")
        _co_attendance_tables(graph_or_dataset, out_path, suffix)
        return
    if suffix in (".graphml", ".csv"):
        _tables(graph_or_dataset, out_path, suffix)
        return
    is_dataset = isinstance(graph_or_dataset, rdflib.Dataset)
    if suffix == ".trig":
        data = graph_or_dataset if is_dataset else split_by_source(graph_or_dataset)
    elif suffix == ".jsonld" and is_dataset:
        data = graph_or_dataset
    else:
        data = as_graph(graph_or_dataset)
    _bind(data)
    text = data.serialize(format=RDF_FORMATS[suffix], encoding="utf-8",
                          **({"auto_compact": True} if suffix == ".jsonld" else {}))
    with atomic_file(out_path) as f:
        f.write(text)


def import_graph(path: Path) -> rdflib.Graph | rdflib.Dataset:
    """Read an RDF file written by :func:`export_graph`: a Dataset for ``.trig``, else a Graph.

    Raises:
        UsageError: the suffix is not an RDF format.
        InputError: the file is missing or does not parse.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in RDF_FORMATS:
        raise UsageError(f"{path}: cannot read {suffix or '(no suffix)'!r} as RDF; "
                         f"known: {', '.join(RDF_FORMATS)}")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    graph = rdflib.Dataset() if suffix == ".trig" else rdflib.Graph()
    try:
        graph.parse(path, format=RDF_FORMATS[suffix])
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise InputError(str(path), f"not valid {RDF_FORMATS[suffix]}: {exc}") from exc
    return graph
