"""kg.store: opening graphs, loading stores, running and formatting queries."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st

from kg.errors import InputError, QueryError, UsageError
from kg.store.bundled import list_bundled, load_query
from kg.store.oxigraph import load_into_store, open_store, replace_graph
from kg.store.query import QueryTimeout, run_query, running_queries
from kg.store.results import (QueryResult, format_csv, format_json, format_rdf, format_table,
                              format_tsv)

ID = "https://w3id.org/zhkg/id/"
KG = "https://w3id.org/zhkg/ns#"

# One sentence of the Qinzhou report, in the CONTRACT vocabulary, written by hand.
SAMPLE_TTL = textwrap.dedent("""\
    @base <https://w3id.org/zhkg/id/> .
    @prefix kg: <https://w3id.org/zhkg/ns#> .
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix schema: <https://schema.org/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .

    <source/qinzhou-2007-04-03> a kg:SourceDocument, prov:Entity, nif:Context ;
        dcterms:source "seeds/qinzhou-2007-04-03.txt" ;
        schema:datePublished "2007-04-03"^^xsd:date .
    <sentence/qinzhou-2007-04-03-12> a kg:Sentence, nif:Sentence ;
        nif:referenceContext <source/qinzhou-2007-04-03> ;
        nif:beginIndex "120"^^xsd:nonNegativeInteger ; nif:endIndex "137"^^xsd:nonNegativeInteger ;
        nif:anchorOf "區委書記張健主持會議並講話。" .
    <person/zhang-jian-3f2a> a kg:Person, foaf:Person, schema:Person ;
        rdfs:label "张健"@zh-Hans, "張健"@zh-Hant, "Zhāng Jiàn"@zh-Latn-pinyin ;
        org:holds <post/qinzhou-qu-wei-shu-ji> ;
        prov:wasDerivedFrom <sentence/qinzhou-2007-04-03-12> .
    <post/qinzhou-qu-wei-shu-ji> a kg:Post, org:Post ;
        rdfs:label "秦州区委书记"@zh-Hans ;
        org:postIn <org/qinzhou-qu-wei> ; org:role <role/shu-ji> ;
        prov:wasDerivedFrom <sentence/qinzhou-2007-04-03-12> .
    <org/qinzhou-qu-wei> a kg:Organization, org:Organization ;
        rdfs:label "秦州区委"@zh-Hans ;
        prov:wasDerivedFrom <sentence/qinzhou-2007-04-03-12> .
    <role/shu-ji> a kg:Role, org:Role ; rdfs:label "书记"@zh-Hans .
    <holding/zhang-jian-3f2a-qinzhou-qu-wei-shu-ji-2007-04-03> a kg:PostHolding, org:Membership ;
        org:member <person/zhang-jian-3f2a> ;
        kg:post <post/qinzhou-qu-wei-shu-ji> ;
        org:organization <org/qinzhou-qu-wei> ;
        org:role <role/shu-ji> ;
        kg:asOf "2007-04-03"^^xsd:date ;
        prov:wasDerivedFrom <sentence/qinzhou-2007-04-03-12> .
    """)

PERSON_Q = "SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture
def sample_ttl(tmp_path: Path) -> Path:
    path = tmp_path / "sample.ttl"
    path.write_text(SAMPLE_TTL, encoding="utf-8")
    return path


@pytest.fixture
def store(sample_ttl: Path):
    return open_store(sample_ttl)


def test_open_store_loads_turtle_file(store):
    result = run_query(store, PERSON_Q)
    assert [row[1].value for row in result.rows] == ["Zhāng Jiàn", "张健", "張健"]


def test_open_store_rejects_missing_path_and_unknown_suffix(tmp_path: Path):
    with pytest.raises(UsageError, match=r"nothing\.ttl.*\.trig"):
        open_store(tmp_path / "nothing.ttl")
    odd = tmp_path / "graph.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=r"graph\.txt.*'\.txt'.*\.ttl, \.nt"):
        open_store(odd)


def test_open_store_reports_parse_error_position(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/zhkg/ns#> .\n\nkg:a kg:b kg:c ;\n   kg:d "open .\n',
                   encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_store(bad)
    assert caught.value.path == str(bad)
    assert (caught.value.line, caught.value.column) == (4, 9)
    assert str(caught.value).startswith(f"{bad}:4:9: ")


def test_open_store_rejects_folder_that_is_not_a_store(tmp_path: Path):
    with pytest.raises(InputError, match="not a readable Oxigraph store"):
        open_store(tmp_path)


def test_trig_named_graphs_are_queried_as_one_default_graph(tmp_path: Path):
    trig = tmp_path / "g.trig"
    body = SAMPLE_TTL.split("\n\n", 1)[1]
    head = SAMPLE_TTL.split("\n\n", 1)[0]
    trig.write_text(f"{head}\n<source/qinzhou-2007-04-03> {{\n{body}}}\n", encoding="utf-8")
    store = open_store(trig)
    assert [r[1].value for r in run_query(store, PERSON_Q).rows] == ["Zhāng Jiàn", "张健", "張健"]
    graphs = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [r[0].value for r in graphs.rows] == [ID + "source/qinzhou-2007-04-03"]


def test_people_posts_bundled_query_rows(store):
    assert "people-posts" in list_bundled()
    assert list_bundled()["people-posts"].startswith("Who held which post")
    result = run_query(store, load_query("people-posts"))
    assert result.variables == ("person", "post", "organization", "as_of", "sentence")
    assert [[t.value for t in row] for row in result.rows] == [
        ["张健", "秦州区委书记", "秦州区委", "2007-04-03", "區委書記張健主持會議並講話。"]]


def test_load_query_reads_files_names_and_text(tmp_path: Path):
    rq = tmp_path / "mine.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert load_query(rq) == "ASK { ?s ?p ?o }"
    assert load_query(str(rq)) == "ASK { ?s ?p ?o }"
    assert load_query("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"
    with pytest.raises(QueryError, match="no bundled query named 'poeple-posts'.*people-posts"):
        load_query("poeple-posts")
    with pytest.raises(UsageError, match="missing.rq"):
        load_query(tmp_path / "missing.rq")


def test_malformed_query_gives_line_and_column(store):
    query = "SELECT ?p\nWHERE {\n  ?p a kg:Person .\n  FILTER(?p = ) }"
    with pytest.raises(QueryError) as caught:
        run_query(store, query)
    assert caught.value.line == 4
    assert caught.value.column is not None and caught.value.column > 1
    assert "expected" in caught.value.reason and "[_]" not in caught.value.reason
    assert str(caught.value).startswith("SPARQL query: line 4, column ")


def test_unknown_prefix_names_the_known_ones(store):
    with pytest.raises(QueryError, match=r"unknown prefix.*kg:, org:") as caught:
        run_query(store, "SELECT * WHERE {\n ?s foo:bar ?o }")
    assert caught.value.line == 2


INJECTION = '" } ; DROP ALL #'


def test_string_binding_is_a_literal_not_query_text(store):
    before = run_query(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows
    result = run_query(store, PERSON_Q, bindings={"name": INJECTION})
    assert result.rows == ()
    assert run_query(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows == before


def test_string_binding_matches_exactly_that_literal(tmp_path: Path):
    path = tmp_path / "odd.ttl"
    path.write_text(f'<{ID}x> <{ID}says> "{INJECTION.replace(chr(34), chr(92) + chr(34))}" .\n'
                    f'<{ID}y> <{ID}says> "DROP ALL" .\n', encoding="utf-8")
    result = run_query(open_store(path), "SELECT ?who ?text { ?who <%ssays> ?text }" % ID,
                       bindings={"text": INJECTION})
    assert [(r[0].value, r[1].value) for r in result.rows] == [(ID + "x", INJECTION)]


def test_binding_terms_and_plain_strings_differ_on_language(store):
    hans = ox.Literal("张健", language="zh-Hans")
    assert len(run_query(store, PERSON_Q, bindings={"name": hans}).rows) == 1
    # documented: a str is an xsd:string literal, which a @zh-Hans label is not
    assert run_query(store, PERSON_Q, bindings={"name": "张健"}).rows == ()
    iri = ox.NamedNode(ID + "person/zhang-jian-3f2a")
    assert len(run_query(store, PERSON_Q, bindings={"p": iri}).rows) == 3


def test_binding_a_variable_the_query_does_not_select_explains(store):
    with pytest.raises(QueryError, match=r"\?name is bound but the query does not select it"):
        run_query(store, "SELECT ?p { ?p rdfs:label ?name }", bindings={"name": "x"})


def test_limit_truncates_and_says_so(store):
    capped = run_query(store, "SELECT * { ?s ?p ?o }", limit=5)
    assert len(capped.rows) == 5 and capped.truncated
    whole = run_query(store, PERSON_Q, limit=3)
    assert len(whole.rows) == 3 and not whole.truncated


def slow_store(n: int = 250):
    """n nodes on one predicate: a three-way cross product is n³ rows."""
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"{ID}n{i}"), ox.NamedNode(KG + "orgType"), ox.Literal(i))
                 for i in range(n))
    return store


SLOW_Q = "SELECT (COUNT(*) AS ?n) { ?a kg:orgType ?x . ?b kg:orgType ?y . ?c kg:orgType ?z }"


def test_timeout_stops_waiting_for_a_slow_query():
    store = slow_store()
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="no answer within 0.3 s"):
        run_query(store, SLOW_Q, timeout_s=0.3)
    assert time.monotonic() - started < 1.5
    deadline = time.monotonic() + 60
    while running_queries() and time.monotonic() < deadline:
        time.sleep(0.1)  # the abandoned aggregate runs to its end, then its thread exits
    assert running_queries() == 0


def test_timeout_cancels_a_streaming_query_at_the_next_row():
    store = slow_store(120)
    with pytest.raises(QueryTimeout):
        run_query(store, "SELECT * { ?a kg:orgType ?x . ?b kg:orgType ?y . ?c kg:orgType ?z }",
                  timeout_s=0.2)
    deadline = time.monotonic() + 5
    while running_queries() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running_queries() == 0


def test_fast_query_with_timeout_returns_normally(store):
    assert len(run_query(store, PERSON_Q, timeout_s=5).rows) == 3


def people_posts(store) -> QueryResult:
    return run_query(store, load_query("people-posts"))


def test_format_csv_is_sparql_csv(store):
    text = format_csv(people_posts(store))
    assert text == ("person,post,organization,as_of,sentence\r\n"
                    "张健,秦州区委书记,秦州区委,2007-04-03,區委書記張健主持會議並講話。\r\n")


def test_format_tsv_is_sparql_tsv(store):
    lines = format_tsv(people_posts(store)).split("\n")
    assert lines[0] == "?person\t?post\t?organization\t?as_of\t?sentence"
    assert lines[1].split("\t") == [
        '"张健"@zh-hans', '"秦州区委书记"@zh-hans', '"秦州区委"@zh-hans',
        '"2007-04-03"^^<http://www.w3.org/2001/XMLSchema#date>', '"區委書記張健主持會議並講話。"']
    assert lines[2:] == [""]


def test_format_json_is_sparql_json(store):
    data = json.loads(format_json(people_posts(store)))
    assert data["head"]["vars"] == ["person", "post", "organization", "as_of", "sentence"]
    [row] = data["results"]["bindings"]
    assert row["person"] == {"type": "literal", "value": "张健", "xml:lang": "zh-hans"}
    assert row["as_of"] == {"type": "literal", "value": "2007-04-03",
                            "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert row["sentence"] == {"type": "literal", "value": "區委書記張健主持會議並講話。"}
    ask = json.loads(format_json(run_query(store, "ASK { ?s a kg:Person }")))
    assert ask == {"head": {}, "boolean": True}


def test_format_table_aligns_cjk_and_shortens_iris(store):
    from kg.store.results import _width  # the display width the columns are padded to
    result = run_query(store, "SELECT ?p ?name ?t { ?p rdfs:label ?name ; a ?t . "
                              "FILTER(?t = kg:Person) } ORDER BY ?name")
    lines = format_table(result).splitlines()
    assert lines[0].split() == ["?p", "?name", "?t"]
    assert lines[-1] == "3 rows"
    body = lines[2:-1]
    assert body[1].split() == [f"{ID}person/zhang-jian-3f2a", "张健", "kg:Person"]
    # the third column starts at the same display column on every line
    starts = {_width(line[:line.index("kg:Person")]) for line in body}
    assert len(starts) == 1


def test_format_table_escapes_control_characters_and_clips():
    hostile = QueryResult("select", variables=("x",), rows=(
        (ox.Literal("red\x1b[31m\nline\u202e"),), (ox.Literal("长" * 100),)), truncated=True)
    lines = format_table(hostile, max_cell=30).splitlines()
    assert lines[2] == "red\\u001b[31m\\nline\\u202e"
    assert lines[3] == "长" * 14 + "…"
    assert lines[-1] == "2 rows (truncated: more rows matched)"


def test_construct_gives_turtle_and_triple_rows(store):
    result = run_query(store, "CONSTRUCT { ?p org:holds ?q } WHERE { ?p org:holds ?q }")
    assert result.kind == "graph" and len(result.triples) == 1
    turtle = format_rdf(result).decode()
    assert "org:holds" in turtle
    assert len(list(ox.parse(turtle.encode(), ox.RdfFormat.TURTLE))) == 1
    assert format_csv(result).splitlines()[0] == "subject,predicate,object"
    assert format_rdf(result, syntax="ntriples").decode().count(" .\n") == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_format_csv_round_trips_any_text(text):
    result = QueryResult("select", variables=("a", "b"), rows=((ox.Literal(text), None),))
    parsed = list(csv.reader(io.StringIO(format_csv(result), newline="")))
    assert parsed == [["a", "b"], [text, ""]]


def test_load_into_store_then_replace_graph_is_idempotent(tmp_path: Path, sample_ttl: Path):
    folder = tmp_path / "store"
    load_into_store(folder, [sample_ttl])
    graph = ox.NamedNode(ID + "source/doc-2")
    quad = ox.Quad(ox.NamedNode(ID + "person/li-si"), ox.NamedNode(
        "http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("李四", language="zh-Hans"), graph)
    load_into_store(folder, [quad], atomic=False)
    store = open_store(folder, read_only=False)
    new = ox.Triple(quad.subject, quad.predicate, ox.Literal("李斯", language="zh-Hans"))
    for _ in range(2):
        replace_graph(store, graph, [new])
    labels = run_query(store, "SELECT ?l ?g { GRAPH ?g { ?s rdfs:label ?l } }",
                       bindings={"g": graph})
    assert [r[0].value for r in labels.rows] == ["李斯"]
    assert len(run_query(store, PERSON_Q).rows) == 3
    del store
    assert len(run_query(open_store(folder), PERSON_Q).rows) == 3


KILLED_LOADER = textwrap.dedent("""\
    import sys
    import pyoxigraph as ox
    from kg.store.oxigraph import load_into_store

    def quads():
        for i in range(5_000_000):
            if i == 300_000:
                print("loading", flush=True)  # the parent kills us from here on
            yield ox.Quad(ox.NamedNode(f"https://example.org/big/{i}"),
                          ox.NamedNode("https://example.org/p"), ox.Literal(i))

    load_into_store(sys.argv[1], quads(), atomic=sys.argv[2] == "atomic")
    print("finished", flush=True)
    """)


@pytest.mark.parametrize("mode", ["atomic", "bulk"])
def test_store_survives_sigkill_during_a_large_load(tmp_path: Path, sample_ttl: Path, mode):
    folder = tmp_path / "store"
    load_into_store(folder, [sample_ttl])
    child = subprocess.Popen([sys.executable, "-c", KILLED_LOADER, str(folder), mode],
                             stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[1])
    try:
        assert child.stdout.readline().strip() == "loading"
        time.sleep(0.5)
        assert child.poll() is None, "the load ended before it could be interrupted"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    store = open_store(folder)
    assert [r[1].value for r in run_query(store, PERSON_Q).rows] == ["Zhāng Jiàn", "张健", "張健"]
    big = run_query(store, "SELECT (COUNT(*) AS ?n) { ?s <https://example.org/p> ?o }")
    if mode == "atomic":
        assert big.rows[0][0].value == "0"  # all or nothing
    del store
    load_into_store(folder, [sample_ttl])  # still writable: the dead writer's lock is gone


def test_query_result_format_dispatches_and_rejects_unknown(store):
    result = people_posts(store)
    assert result.format("csv") == format_csv(result)
    assert result.format("table") == format_table(result)
    with pytest.raises(UsageError, match="unknown result format 'xml'.*table, csv, tsv, json"):
        result.format("xml")


def test_rdflib_graphs_go_into_a_store_and_come_back(tmp_path: Path, sample_ttl: Path):
    import rdflib
    from kg.store.oxigraph import store_to_rdflib
    # no blank nodes here, so set equality is graph equality; it also treats the
    # language tags Oxigraph lowercases (zh-Hans → zh-hans) as the same, as RDF does
    graph = rdflib.Graph().parse(sample_ttl)
    load_into_store(tmp_path / "plain", graph)
    back = store_to_rdflib(tmp_path / "plain")
    assert type(back) is rdflib.Graph and set(back) == set(graph)

    dataset = rdflib.Dataset()
    doc = rdflib.URIRef(ID + "source/qinzhou-2007-04-03")
    for triple in graph:
        dataset.graph(doc).add(triple)
    dataset.default_graph.add((doc, rdflib.RDF.type, rdflib.URIRef(KG + "SourceDocument")))
    load_into_store(tmp_path / "named", dataset)
    back = store_to_rdflib(tmp_path / "named")
    assert isinstance(back, rdflib.Dataset)
    assert set(back.graph(doc)) == set(graph)
    assert (doc, rdflib.RDF.type, rdflib.URIRef(KG + "SourceDocument")) in back.default_graph


def test_a_store_gives_back_the_offsets_datatype_the_build_wrote(tmp_path: Path):
    import rdflib
    from kg.graph.ns import NIF, XSD
    from kg.store.oxigraph import store_to_rdflib
    graph = rdflib.Graph()
    sentence = rdflib.URIRef(ID + "source/a#char=3,9")
    graph.add((sentence, NIF.beginIndex, rdflib.Literal(3, datatype=XSD.nonNegativeInteger)))
    graph.add((sentence, NIF.endIndex, rdflib.Literal(9, datatype=XSD.nonNegativeInteger)))
    graph.add((sentence, rdflib.URIRef(KG + "mentionCount"), rdflib.Literal(2)))
    load_into_store(tmp_path / "s", graph)
    # Oxigraph itself keeps the value only
    assert {q.object.datatype.value for q in open_store(tmp_path / "s")} == {str(XSD.integer)}
    back = store_to_rdflib(tmp_path / "s")
    assert set(back) == set(graph)
