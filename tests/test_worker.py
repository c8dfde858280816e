"""kg.graph.worker: a document's triples made as text, as a build's worker does."""

from __future__ import annotations

from rdflib import Graph

from kg.graph import rdf
from kg.graph.ns import KG, RDF
from kg.graph.rdf import build_graph
from kg.graph.terms import nt_line
from kg.graph.worker import document_triples


def test_a_workers_triples_make_no_rdflib_graph(seed_extraction, monkeypatch):
    def no_graph():
        raise AssertionError("a streaming builder made an rdflib Graph")

    monkeypatch.setattr(rdf, "new_graph", no_graph)
    part = document_triples(seed_extraction)
    assert part.ntriples and part.people


def test_a_workers_triples_are_the_builders_but_its_people(seed_extraction):
    part = document_triples(seed_extraction)
    graph = build_graph([seed_extraction])
    built = {nt_line(t) for t in graph}
    made = set(part.ntriples.splitlines(keepends=True))
    assert made <= built
    # what the worker leaves out is the person nodes' triples, which wait for resolution
    left = Graph().parse(data="".join(built - made), format="nt")
    persons = set(left.subjects(RDF.type, KG.Person))
    assert persons and all(s in persons or o in persons for s, _, o in left)


def test_a_texts_literal_is_written_but_not_kept():
    from rdflib import Literal

    from kg.graph import terms
    long_text = Literal("新闻" * terms.LONGEST_CACHED_LITERAL, lang="zh-Hans")
    kept = terms._cached_nt_term.cache_info().currsize
    assert terms.nt_term(long_text) == f'"{long_text}"@zh-Hans'
    assert terms._cached_nt_term.cache_info().currsize == kept
    terms.nt_term(Literal("仅此测试所用之名", lang="zh-Hans"))
    assert terms._cached_nt_term.cache_info().currsize == kept + 1


def test_the_term_cache_is_bounded_to_what_a_worker_fills_early():
    # each entry keeps an rdflib term alive (≈ 0.9 kB): 262,144 of them grew a worker by
    # ≈ 200 MB over the corpus; this bound is full after ≈ 2,500 reports, so it stays flat
    from kg.graph import terms
    assert terms._cached_nt_term.cache_info().maxsize <= 32768


def test_people_are_resolved_one_name_at_a_time(seed_extraction, monkeypatch):
    calls = []

    def resolve_recorded(candidates, gazetteer):
        candidates = list(candidates)
        calls.append({c.name for c in candidates})
        return resolve(candidates, gazetteer)

    from kg.graph.resolve import resolve
    monkeypatch.setattr(rdf, "resolve", resolve_recorded)
    graph = build_graph([seed_extraction])
    assert len(calls) > 1 and all(len(names) == 1 for names in calls)
    assert len(set(graph.subjects(RDF.type, KG.Person))) >= len(calls)
