"""kg.views.export: every format round-trips; TriG splits by source document; CSV is spreadsheet-safe."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.cli import main
from kg.views.network import co_attendance, entity_graph
from kg.errors import InputError, UsageError
from kg.graph.datasets import split_by_source
from kg.store.formats import read_graph
from kg.views.export import (CO_ATTENDANCE_COLUMNS, EDGE_COLUMNS, NODE_COLUMNS, PEOPLE_COLUMNS,
                             csv_paths, export_graph, uncell)
from kg.graph.ns import KG, PROV, RDF, RDFS
from test_draw import DOC1, DOC2, ENTITY_COUNT, PAYLOAD, ZHANG, iri, meetings_graph, qinzhou_graph

# rdflib's own TriG code calls its deprecated Dataset API; nothing for us to change
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return qinzhou_graph()


def union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_export_rdf_round_trip(graph: rdflib.Graph, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"g{suffix}"
    export_graph(graph, out)
    back = read_graph(out)
    assert isinstance(back, rdflib.Graph) and not isinstance(back, rdflib.Dataset)
    assert isomorphic(back, graph)


def test_export_trig_round_trip_is_the_input(graph: rdflib.Graph, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    export_graph(graph, out)
    back = read_graph(out)
    assert isinstance(back, rdflib.Dataset)
    assert isomorphic(union(back), graph)
    names = {c.identifier for c in back.graphs() if isinstance(c.identifier, rdflib.URIRef)}
    assert {DOC1, DOC2} <= names


def test_export_trig_dataset_keeps_its_graphs(graph: rdflib.Graph, tmp_path: Path) -> None:
    ds = split_by_source(graph)
    export_graph(ds, tmp_path / "g.trig")
    back = read_graph(tmp_path / "g.trig")
    for doc in (DOC1, DOC2):
        assert isomorphic(back.graph(doc), ds.graph(doc))


def test_split_by_source_places_triples_by_document(graph: rdflib.Graph) -> None:
    ds = split_by_source(graph)
    qinzhou, tianshui = ds.graph(DOC1), ds.graph(DOC2)
    holding = iri("holding/zhang-jian-shu-ji")
    # a holding comes from one sentence of one document: all of it, blank nodes too, lives there
    assert (holding, KG.asOf, None) in qinzhou
    assert len(list(qinzhou.triples((holding, None, None)))) == 8
    assert not list(tianshui.triples((holding, None, None)))
    # 张健 is named in both documents: his type and labels are shared, his evidence is not
    assert (ZHANG, RDF.type, KG.Person) in ds.default_graph
    assert (ZHANG, RDFS.label, None) not in qinzhou
    assert len(list(qinzhou.objects(ZHANG, PROV.wasDerivedFrom))) == 2
    assert len(list(tianshui.objects(ZHANG, PROV.wasDerivedFrom))) == 1
    # organisation types are vocabulary, shared by every document
    assert (KG.PartyCommittee, None, None) in ds.default_graph
    assert (KG.PartyCommittee, None, None) not in qinzhou
    # his post in 天水市委 is attested in both documents
    standing = iri("post/tian-shui-shi-wei-chang-wei")
    assert (ZHANG, None, standing) in qinzhou
    assert isomorphic(union(ds), graph)


def test_export_graphml_same_nodes_and_edges(graph: rdflib.Graph, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    export_graph(graph, out)
    back = nx.read_graphml(out, force_multigraph=True)
    expected = entity_graph(graph)
    assert set(back.nodes) == set(expected.nodes) and len(back) == ENTITY_COUNT
    edges = {(u, v, d["relation"], d["date"]) for u, v, d in back.edges(data=True)}
    assert edges == {(u, v, d["relation"], d["date"]) for u, v, d in expected.edges(data=True)}
    zhang = back.nodes[str(ZHANG)]
    assert (zhang["class"], zhang["label"], zhang["pinyin"]) == ("Person", "张健", "Zhāng Jiàn")
    text = out.read_text(encoding="utf-8")
    assert 'attr.name="class"' in text and 'attr.type="string"' in text


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_export_csv_same_nodes_and_edges(graph: rdflib.Graph, tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    export_graph(graph, out)
    nodes_path, edges_path = csv_paths(out)
    assert (nodes_path.name, edges_path.name) == ("g-nodes.csv", "g-edges.csv")
    assert not out.exists()
    nodes, edges = read_csv(nodes_path), read_csv(edges_path)
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    expected = entity_graph(graph)
    assert {r["id"] for r in nodes} == set(expected.nodes)
    assert sorted((r["source"], r["target"], r["relation"], r["date"]) for r in edges) == sorted(
        (u, v, d["relation"], d["date"]) for u, v, d in expected.edges(data=True))
    zhang = next(r for r in nodes if r["id"] == str(ZHANG))
    assert zhang["evidence"] and zhang["sources"].count("#char=") == 3


def test_export_csv_escapes_formulas(tmp_path: Path) -> None:
    g = rdflib.Graph()
    for i, label in enumerate(["=cmd", "+SUM(A1)", "-2", "@x", "'@y", "普通", PAYLOAD]):
        g.add((iri(f"campaign/c{i}"), RDF.type, KG.Campaign))
        g.add((iri(f"campaign/c{i}"), RDFS.label, rdflib.Literal(label, lang="zh-Hans")))
    export_graph(g, tmp_path / "f.csv")
    labels = sorted(r["label"] for r in read_csv(csv_paths(tmp_path / "f.csv")[0]))
    # a label that starts with a quote before such a character keeps it ('@y)
    assert labels == sorted(["'=cmd", "'+SUM(A1)", "'-2", "'@x", "''@y", "普通", PAYLOAD])


def test_export_co_attendance_graphml_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "co.graphml"
    export_graph(meetings_graph(), out, co_attendance=True)
    back = nx.read_graphml(out)
    expected = co_attendance(meetings_graph())
    assert not back.is_directed() and set(back.nodes) == set(expected.nodes)
    assert {frozenset((u, v)): d["weight"] for u, v, d in back.edges(data=True)} == {
        frozenset((u, v)): d["weight"] for u, v, d in expected.edges(data=True)}
    jia, yi = str(iri("person/jia")), str(iri("person/yi"))
    assert back.edges[jia, yi]["weight"] == 2  # typed: an integer, not the text "2"
    assert back.edges[jia, yi]["meetings"].split() == [str(iri("meeting/m1")),
                                                       str(iri("meeting/m2"))]
    assert (back.nodes[jia]["label"], back.nodes[jia]["pinyin"]) == ("甲", "Jiǎ")


def test_export_co_attendance_csv(tmp_path: Path) -> None:
    export_graph(meetings_graph(), tmp_path / "co.csv", co_attendance=True)
    nodes_path, edges_path = csv_paths(tmp_path / "co.csv")
    nodes, edges = read_csv(nodes_path), read_csv(edges_path)
    assert tuple(nodes[0]) == PEOPLE_COLUMNS and tuple(edges[0]) == CO_ATTENDANCE_COLUMNS
    assert sorted(r["label"] for r in nodes) == ["丁", "丙", "乙", "甲"]
    label = {r["id"]: r["label"] for r in nodes}
    assert {frozenset((label[r["source"]], label[r["target"]])): r["weight"] for r in edges} == {
        frozenset("甲乙"): "2", frozenset("甲丙"): "1", frozenset("乙丙"): "1"}
    assert all(r["source"] < r["target"] for r in edges)  # one row per pair, in IRI order


def test_export_co_attendance_needs_a_table_format(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"co-attendance.*\.graphml or \.csv.*\.ttl"):
        export_graph(meetings_graph(), tmp_path / "co.ttl", co_attendance=True)
    assert list(tmp_path.iterdir()) == []


def test_cli_export_co_attendance(tmp_path: Path) -> None:
    export_graph(qinzhou_graph(), tmp_path / "g.ttl")
    assert main(["export", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "co.graphml"),
                 "--co-attendance"]) == 0
    back = nx.read_graphml(tmp_path / "co.graphml")
    assert sorted(d["label"] for _, d in back.nodes(data=True)) == ["宋建平", "张健"]
    assert [d["weight"] for _, _, d in back.edges(data=True)] == [1]
    assert main(["export", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "co.nt"),
                 "--co-attendance"]) == 2


def test_export_unknown_suffix_names_it_and_the_known_ones(graph: rdflib.Graph,
                                                           tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"'\.xlsx'.*\.ttl.*\.graphml.*\.csv"):
        export_graph(graph, tmp_path / "g.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_export_is_atomic(graph: rdflib.Graph, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "g.ttl"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        export_graph(graph, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_read_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        read_graph(bad)
    with pytest.raises(UsageError, match="graphml"):
        read_graph(tmp_path / "g.graphml")


labels = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(st.lists(labels, min_size=1, max_size=5, unique=True))
def test_export_round_trips_any_label(tmp_path_factory: pytest.TempPathFactory,
                                      names: list[str]) -> None:
    g = rdflib.Graph()
    for i, name in enumerate(names):
        g.add((iri(f"person/x{i}"), RDF.type, KG.Person))
        g.add((iri(f"person/x{i}"), RDFS.label, rdflib.Literal(name, lang="zh-Hans")))
    folder = tmp_path_factory.mktemp("prop")
    for suffix in (".ttl", ".nt", ".jsonld", ".trig", ".nq"):
        export_graph(g, folder / f"g{suffix}")
        back = read_graph(folder / f"g{suffix}")
        assert isomorphic(union(back) if suffix in (".trig", ".nq") else back, g), suffix
    export_graph(g, folder / "g.csv")
    rows = read_csv(csv_paths(folder / "g.csv")[0])
    assert sorted(uncell(r["label"]) for r in rows) == sorted(names)
