"""Events (issue 14): the scorer's tuples, the extractor's rules, their triples."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.eval.gold import score_document
from kg.graph.ns import KG, RDF, RDFS, SCHEMA, ZH_HANS

ID = "https://w3id.org/zhkg/id/"


def _node(g: Graph, kind: str, label: str) -> URIRef:
    node = URIRef(f"{ID}{kind}/{len(g)}")
    g.add((node, RDFS.label, Literal(label, lang=ZH_HANS)))
    return node


def _event_graph() -> Graph:
    g = Graph()
    talk = _node(g, "talks", "会谈")
    g.add((talk, RDF.type, KG.Talks))
    for name in ("习近平", "普京", "王毅"):
        g.add((talk, SCHEMA.attendee, _node(g, "person", name)))
    message = _node(g, "message", "贺电")
    g.add((message, RDF.type, KG.Message))
    g.add((message, SCHEMA.sender, _node(g, "person", "习近平")))
    g.add((message, SCHEMA.recipient, _node(g, "organization", "中国科学院")))
    visit = _node(g, "inspection", "考察")
    g.add((visit, RDF.type, KG.Inspection))
    g.add((visit, SCHEMA.attendee, _node(g, "person", "习近平")))
    g.add((visit, SCHEMA.location, _node(g, "place", "南京市")))
    g.add((visit, SCHEMA.location, _node(g, "place", "江苏省")))
    return g


GOLD = {
    "persons": [{"name": "习近平"}, {"name": "普京"}],
    "organizations": [{"label": "中国科学院", "aliases": ["中科院"]}],
    "talks": [{"kind": "会谈", "participants": ["普京", "习近平"]}],
    "messages": [{"kind": "贺电", "sender": "习近平", "recipient": "中科院"}],
    "inspections": [{"people": ["习近平"], "places": ["江苏省南京市", "江苏省镇江市"]}],
}


def test_talks_score_unordered_participant_pairs():
    talks = score_document(_event_graph(), GOLD, "gold.yaml")["talks"]
    assert (talks.tp, talks.fp, talks.fn) == (1, 2, 0)  # 王毅 with each of the two is extra


def test_messages_score_sender_to_recipient_a_body_by_its_alias():
    gold = {**GOLD, "messages": [{"kind": "贺电", "sender": "习近平", "recipient": "中国科学院"}]}
    messages = score_document(_event_graph(), gold, "gold.yaml")["messages"]
    assert (messages.tp, messages.fp, messages.fn) == (1, 0, 0)


def test_inspection_place_matches_the_most_specific_end_of_the_gold_chain():
    inspections = score_document(_event_graph(), GOLD, "gold.yaml")["inspections"]
    # 南京市 ends 江苏省南京市; 江苏省 only contains it; 镇江市 is missed
    assert inspections.tp == 1
    assert inspections.extras == [("inspections", "习近平", "?江苏省")]
    assert inspections.misses == [("inspections", "习近平", "江苏省镇江市")]


def test_optional_events_are_neither_required_nor_penalised():
    gold = {**GOLD, "talks": [{"kind": "会谈", "participants": ["普京", "习近平", "王毅"],
                               "optional": True}]}
    talks = score_document(_event_graph(), gold, "gold.yaml")["talks"]
    assert (talks.tp, talks.fp, talks.fn) == (0, 0, 0)


def test_a_tuple_required_by_one_event_stays_required_when_an_optional_one_repeats_it():
    gold = {**GOLD, "messages": [GOLD["messages"][0],
                                 {"kind": "口信", "sender": "习近平", "recipient": "中科院",
                                  "optional": True}]}
    messages = score_document(_event_graph(), gold, "gold.yaml")["messages"]
    assert (messages.tp, messages.fp, messages.fn) == (1, 0, 0)
