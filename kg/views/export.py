"""Write a graph in the format its file name asks for.

RDF: every format of :mod:`kg.store.formats` (which also reads them back). For
tools outside RDF: ``.graphml`` (Gephi, Cytoscape) and ``.csv`` (pandas,
spreadsheets), both built from the same entity graph as the HTML viewer
(:func:`kg.views.network.entity_graph`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import rdflib

from kg.errors import UsageError
from kg.io import atomic_file
from kg.store.formats import FORMATS as RDF_FORMATS
from kg.store.formats import XML_ILLEGAL, graph_format
from kg.views.careers import CAREER_COLUMNS, CareerRow, career_rows, row_of, row_values
from kg.views.network import co_attendance, entity_graph

TABLE_FORMATS = (".graphml", ".csv")
FORMATS = (*RDF_FORMATS, *TABLE_FORMATS)
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


def _xml_safe(graph: nx.Graph) -> nx.Graph:
    """`graph` with the characters XML 1.0 cannot hold (NUL, form feed, ESC,
    which scraped text does hold) taken out of every attribute: GraphML is
    XML, and a reader refuses the whole file over one of them."""
    clean = type(graph)()
    clean.add_nodes_from((n, {k: _xml_text(v) for k, v in d.items()})
                         for n, d in graph.nodes(data=True))
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    clean.add_edges_from((*e[:-1], {k: _xml_text(v) for k, v in e[-1].items()}) for e in edges)
    return clean


def _xml_text(value):
    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def _cell(value: str) -> str:
    # a value that already starts with quotes before such a character gets one more, so
    # that reading takes exactly one off ('@ is written ''@ and read back '@)
    return "'" + value if value.lstrip("'").startswith(_FORMULA_PREFIXES) else value


def uncell(value: str) -> str:
    """A cell as it was before `_cell` kept a spreadsheet from running it."""
    escaped = value.startswith("'") and value.lstrip("'").startswith(_FORMULA_PREFIXES)
    return value[1:] if escaped else value


def read_careers_csv(path: Path) -> list[CareerRow]:
    """The rows a ``--careers`` export wrote, as `kg.views.careers.career_rows` gave them.

    Raises:
        UsageError: the file's header is not the careers table's.
    """
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = tuple(next(reader, ()))
        if header != CAREER_COLUMNS:
            raise UsageError(f"{path}: not a careers table (columns {', '.join(header)}; "
                             f"expected {', '.join(CAREER_COLUMNS)})")
        return [row_of(dict(zip(CAREER_COLUMNS, map(uncell, values)))) for values in reader]


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
            nx.write_graphml(_xml_safe(flat), f, encoding="utf-8")
        return
    nodes_path, edges_path = csv_paths(out_path)
    _write_csv(nodes_path, NODE_COLUMNS, (
        (n, d["class"], d["label"], d["pinyin"], "|".join(d["alt"]), " ".join(d["sources"]),
         evidence(d["sources"])) for n, d in sorted(g.nodes(data=True))))
    _write_csv(edges_path, EDGE_COLUMNS, (
        (u, v, d["relation"], d["predicate"], d["date"], " ".join(d["sources"]),
         evidence(d["sources"]))
        for u, v, _, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])))


def _co_attendance_tables(graph: rdflib.Graph, out_path: Path, suffix: str,
                          of: str = "meetings") -> None:
    people = co_attendance(graph, of=of)
    del people.graph["sentences"]  # GraphML keeps scalar attributes only
    if suffix == ".graphml":
        flat = nx.Graph()
        for n, d in people.nodes(data=True):
            flat.add_node(n, label=d["label"], pinyin=d["pinyin"], sources=" ".join(d["sources"]))
        for u, v, d in people.edges(data=True):
            flat.add_edge(u, v, weight=d["weight"], meetings=" ".join(d["meetings"]),
                          sources=" ".join(d["sources"]))
        with atomic_file(out_path) as f:
            nx.write_graphml(_xml_safe(flat), f, encoding="utf-8")
        return
    nodes_path, edges_path = csv_paths(out_path)
    _write_csv(nodes_path, PEOPLE_COLUMNS, (
        (n, d["label"], d["pinyin"], " ".join(d["sources"]))
        for n, d in sorted(people.nodes(data=True))))
    _write_csv(edges_path, CO_ATTENDANCE_COLUMNS, (
        (*sorted((u, v)), str(d["weight"]), " ".join(d["meetings"]), " ".join(d["sources"]))
        for u, v, d in sorted(people.edges(data=True), key=lambda e: sorted(e[:2]))))


def export_graph(graph_or_dataset: rdflib.Graph | rdflib.Dataset, out_path: Path, *,
                 co_attendance: bool = False, talks: bool = False, careers: bool = False) -> None:
    """Write a graph to ``out_path`` in the format its suffix names.

    ``.ttl``, ``.nt``, ``.rdf``: the union of all triples. ``.jsonld``: named
    graphs kept when given a Dataset. ``.trig``, ``.nq``: a Dataset as given;
    a Graph split per source document
    (:func:`kg.graph.datasets.split_by_source`). ``.graphml``: the entity graph
    with node ``class``, ``label``, ``pinyin`` and edge ``relation``, ``date``.
    ``.csv``: two files, see :func:`csv_paths`. With ``co_attendance``
    (``.graphml`` or ``.csv`` only), the people network of
    :func:`kg.views.network.co_attendance` instead: nodes ``label``, ``pinyin``,
    ``sources``; undirected edges ``weight`` (meetings shared, an integer),
    ``meetings`` and ``sources`` (space-separated IRIs). With ``talks``, the
    same shape of network for who met whom: people joined by the talks they
    held (``meetings`` the kg:Talks IRIs). With ``careers`` (``.csv`` only), the
    researcher's table: one row per post held, the columns of
    :class:`kg.views.careers.CareerRow` (:func:`read_careers_csv` reads it
    back). Every file is written
    to a temporary file in the same folder first and renamed into place.

    Raises:
        UsageError: unknown suffix (the message lists the known ones),
            ``co_attendance`` with an RDF suffix, or ``careers`` with another than .csv.
    """
    out_path = Path(out_path)
    suffix = _suffix(out_path)
    if careers:
        if suffix != ".csv":
            raise UsageError(f"{out_path}: the careers table is written as .csv, not {suffix}")
        _write_csv(out_path, CAREER_COLUMNS, map(row_values, career_rows(graph_or_dataset)))
        return
    if co_attendance or talks:
        if suffix not in TABLE_FORMATS:
            network = "talks" if talks else "co-attendance"
            raise UsageError(f"{out_path}: the {network} network is written as .graphml "
                             f"or .csv, not {suffix}")
        _co_attendance_tables(graph_or_dataset, out_path, suffix,
                              of="talks" if talks else "meetings")
        return
    if suffix in TABLE_FORMATS:
        _tables(graph_or_dataset, out_path, suffix)
        return
    graph_format(out_path).write(graph_or_dataset, out_path)
