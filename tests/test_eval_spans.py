"""The `spans` section of kg eval: (person, post, start, end) of holdings with a span."""

from __future__ import annotations

import copy

from rdflib import Graph, Literal

from kg.eval.gold import load_gold, score, score_document
from kg.graph.ns import KG, ORG, RDFS, XSD, ZH_HANS, has_language
from tests.conftest import SEED_GOLD


def _label(g: Graph, node) -> str:
    return next(str(o) for o in g.objects(node, RDFS.label) if has_language(o, ZH_HANS))


def _with_span(seed_graph, **dates) -> tuple[Graph, str, str]:
    """The seed graph with one holding given a span; its person's name and post label."""
    g = Graph()
    for triple in seed_graph:
        g.add(triple)
    holding = sorted(g.subjects(KG.post, None))[0]
    for key, (value, datatype) in dates.items():
        g.add((holding, KG.startDate if key == "start" else KG.endDate,
               Literal(value, datatype=datatype)))
    return g, _label(g, g.value(holding, ORG.member)), _label(g, g.value(holding, KG.post))


def _gold_with(name: str, spans: list[dict]) -> dict:
    data = copy.deepcopy(load_gold(SEED_GOLD))
    person = next(p for p in data["persons"] if p["name"] == name)
    person["spans"] = spans
    return data


def test_spans_section_scores_person_post_start_and_end(seed_graph):
    g, name, post = _with_span(seed_graph, start=("2006", XSD.gYear))
    scores = score_document(g, _gold_with(name, [{"post": post, "start": 2006}]), "x")
    assert (scores["spans"].tp, scores["spans"].fp, scores["spans"].fn) == (1, 0, 0)
    wrong = score_document(g, _gold_with(name, [{"post": post, "start": 2006, "end": 2007}]), "x")
    assert (wrong["spans"].tp, wrong["spans"].fp, wrong["spans"].fn) == (0, 1, 1)


def test_spans_match_a_gold_alias_and_skip_optional_ones(seed_graph):
    g, name, post = _with_span(seed_graph, start=("2006-04", XSD.gYearMonth))
    by_alias = _gold_with(name, [{"post": "另一个名字", "aliases": [post], "start": "2006-04"}])
    assert score_document(g, by_alias, "x")["spans"].tp == 1
    optional = _gold_with(name, [{"post": post, "start": 1999, "optional": True}])
    assert (score_document(g, optional, "x")["spans"].fp,
            score_document(g, optional, "x")["spans"].fn) == (0, 0)


def test_a_holding_that_ended_is_not_held_as_of_the_report(seed_graph):
    g, name, post = _with_span(seed_graph, end=("2006", XSD.gYear))
    scores = score_document(g, _gold_with(name, [{"post": post, "end": 2006}]), "x")
    assert scores["spans"].tp == 1
    assert scores["persons"].fn >= 1  # the seed gold says held; the span says no longer


def test_spans_only_where_the_gold_gives_them(seed_graph):
    assert "spans" not in score(seed_graph, [SEED_GOLD])


def test_span_posts_score_the_post_with_its_dates_aside(seed_graph):
    from kg.eval.gold import format_scores
    g, name, post = _with_span(seed_graph, start=("2006", XSD.gYear))
    wrong = score_document(g, _gold_with(name, [{"post": post, "start": 2006, "end": 2007}]), "x")
    assert (wrong["spans"].tp, wrong["span posts"].tp) == (0, 1)
    assert (wrong["span posts"].fp, wrong["span posts"].fn) == (0, 0)
    table = format_scores(wrong)
    all_row = next(line for line in table.splitlines() if line.startswith("all"))
    counted = sum(sc.tp + sc.fp + sc.fn for s, sc in wrong.items() if s != "span posts")
    assert sum(map(int, all_row.split()[-3:])) == counted  # not counted twice in "all"
