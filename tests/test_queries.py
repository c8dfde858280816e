"""The bundled queries answer alike on Oxigraph (`kg query`, the store, the
endpoint) and on rdflib (the notebook, researchers' own scripts)."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph
from hypothesis import given, settings, strategies as st

from kg.graph.ns import PREFIXES
from kg.graph.terms import to_rdflib
from kg.store.bundled import list_bundled, load_query
from kg.store.oxigraph import quads_from_rdflib
from kg.store.query import parameter_bindings, run_query
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus" / "multi"
# career in the traditional script: kg binds the simplified label
PARAMS = {"holders": {"post": "秦州区委书记"}, "succession": {"post": "秦州区委书记"},
          "career": {"name": "張健"}, "talks": {"name": "习近平"},
          "messages": {"name": "习近平"}, "inspections": {"name": "习近平"},
          "resolution": {"name": "张健"}, "events": {"name": "习近平"}}
# the ten reports hold no talk, message or inspection: one report of each, for their queries
EVENTS = ("国家主席习近平同俄罗斯总统普京举行会谈。王毅参加会谈。"
          "国家主席习近平致电祝贺托卡耶夫当选哈萨克斯坦总统。"
          "中共中央总书记习近平在江苏南京、镇江考察调研。")


@pytest.fixture(scope="module")
def graphs():
    from kg.batch.build import BuildReport, extract_all
    from kg.graph.rdf import build_graph
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    events = extract(make_document(EVENTS, doc_id="events", path="events.txt"))
    graph = build_graph([*extract_all([str(CORPUS.relative_to(ROOT))], report=BuildReport()),
                         events])
    store = ox.Store()
    store.extend(quads_from_rdflib(graph))
    return graph, store


def _as_graph(triples) -> Graph:
    out = Graph()
    for triple in triples:
        out.add(triple)
    return out


def _cells(values) -> Counter:
    """A row's values as comparable text; GROUP_CONCAT lists as their items,
    whose order the engines choose freely."""
    out: Counter = Counter()
    for value in values:
        text = ("" if value is None else value.value
                if isinstance(value, (ox.Literal, ox.NamedNode)) else str(value))
        out.update(text.split("、"))
    return out


@pytest.mark.parametrize("name", sorted(list_bundled()))
def test_bundled_query_gives_the_same_rows_on_oxigraph_and_rdflib(graphs, name):
    graph, store = graphs
    text = load_query(name)
    params = parameter_bindings(text, PARAMS.get(name, {}))
    on_store = run_query(store, text, bindings=params)
    on_rdflib = list(graph.query(text, initNs=PREFIXES,
                                 initBindings={k: to_rdflib(v) for k, v in params.items()}))
    if on_store.kind == "graph":
        assert on_store.triples, f"{name} finds nothing in the ten reports"
        assert ({str(t) for t in on_store.triples}
                == {str(ox.Triple(q.subject, q.predicate, q.object))
                    for q in quads_from_rdflib(_as_graph(on_rdflib))})
        return
    assert on_store.rows, f"{name} finds nothing in the ten reports"
    assert (sorted(sorted(_cells(row).items()) for row in on_store.rows)
            == sorted(sorted(_cells(row).items()) for row in on_rdflib))


def test_a_meeting_with_no_speaker_and_a_campaign_nobody_launched_keep_their_rows():
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    from kg.graph.rdf import build_graph
    text = "2007年4月3日，秦州区召开安全生产工作会议，部署“平安秦州”建设。"
    graph = build_graph([extract(make_document(text, doc_id="t", path="t.txt"))])
    store = ox.Store()
    store.extend(quads_from_rdflib(graph))
    for name, column, expected in (("meetings", "speakers", "秦州区安全生产工作会议"),
                                   ("campaigns", "launched_by", "平安秦州")):
        query = load_query(name)
        on_store = run_query(store, query)
        assert [(row[0].value, row[on_store.variables.index(column)].value)
                for row in on_store.rows] == [(expected, "")]
        assert [(str(row[0]), str(row[column])) for row in graph.query(query, initNs=PREFIXES)
                ] == [(expected, "")]


LABELS = ox.Store()
for i, label in enumerate(["秦州区委书记", 'say "hi" } ; DROP ALL #', "?post", "a\\b", "x\ny"]):
    LABELS.add(ox.Quad(ox.NamedNode(f"http://example.org/post/{i}"),
                       ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal(label, language="zh-Hans")))
LOOKUP = """# label parameter: ?post   (?post in a comment stays)
SELECT ?post ?q ?note WHERE {
  ?q rdfs:label ?post .
  BIND("?post" AS ?note)
}"""


@given(st.sampled_from(["秦州区委书记", 'say "hi" } ; DROP ALL #', "?post", "a\\b", "x\ny"])
       | st.text(max_size=20))
@settings(max_examples=200, deadline=None)
def test_a_bound_value_written_into_the_query_finds_what_the_binding_finds(value):
    # run_query writes the value in as a constant (kg.store.query._inlined) for
    # Oxigraph's planner: the rows must be those of the plain binding
    term = parameter_bindings(LOOKUP, {"post": value})["post"]
    expected = {(row[0], row[1], row[2]) for row in LABELS.query(
        LOOKUP, prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
        substitutions={ox.Variable("post"): term})}
    rows = run_query(LABELS, LOOKUP, bindings={"post": value}).rows
    assert set(rows) == expected
    assert all(row[2].value == "?post" for row in rows)  # the string was left alone


def test_a_variable_bound_by_the_query_itself_falls_back_to_the_binding():
    query = 'SELECT ?post WHERE { BIND("秦州区委书记"@zh-Hans AS ?post) ?q rdfs:label ?post }'
    rows = run_query(LABELS, query, bindings={"post": ox.Literal("秦州区委书记", language="zh-Hans")}).rows
    assert [row[0].value for row in rows] == ["秦州区委书记"]


def test_one_lexer_reads_variables_and_keywords_for_the_runner_and_the_endpoint():
    import pyoxigraph as ox
    from kg.store import sparql
    from kg.store.query import _inlined
    text = ('SELECT ?name WHERE { # not a SELECT, not ?name\n'
            '  ?p rdfs:label ?name ; ex:note "?name SERVICE" . }')
    assert [t["var"] for t in sparql.tokens(text) if t["var"]] == ["?name", "?p", "?name"]
    assert list(sparql.keywords(text)) == ["SELECT", "WHERE"]
    # the bound variable is written in inside the group only; comment and string stay
    inlined = _inlined(text, {ox.Variable("name"): ox.Literal("张健", language="zh-Hans")})
    assert inlined == ('SELECT ?name WHERE { # not a SELECT, not ?name\n'
                       '  ?p rdfs:label "张健"@zh-hans ; ex:note "?name SERVICE" . }')
    # a sub-query's projection would get a constant: left to Oxigraph's substitutions
    assert _inlined("SELECT ?n { { SELECT ?n { ?s ?p ?n } } }",
                    {ox.Variable("n"): ox.Literal("x")}) is None
