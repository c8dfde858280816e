"""The events of a gold file and of a graph as comparable tuples.

- talks: each unordered pair of participants of one talk (a talk naming one
  participant only gives no pair: who met whom is what is scored);
- messages: sender → recipient;
- inspections: person → place.

A name stands for a gold person or body when it equals the gold label or any
alias. A gold inspection place is a chain as the text gives it (江苏省南京市,
青海省海东市互助土族自治县总寨村) or a named site; a predicted place matches it
when one of the place's names (label or alias) is the whole chain or the
chain's end: the most specific place (南京市 or 南京 for 江苏省南京市), never
one it lies in (西宁市 does not match 青海省西宁市南山西社区).
"""

from __future__ import annotations

import re
from itertools import combinations

from rdflib import Graph, URIRef

from kg.graph.ns import KG, PROV, RDF, RDFS, SCHEMA, SKOS, ZH_HANS, has_language

EVENT_SECTIONS = ("talks", "messages", "inspections")
_BRACKETS = re.compile(r"[（）()“”\"]")


def _norm(label) -> str:
    return _BRACKETS.sub("", str(label)).strip()


def _gold_names(data: dict) -> dict[str, str]:
    """Every gold name or alias of a person or body → its gold label."""
    out: dict[str, str] = {}
    for section, key in (("persons", "name"), ("organizations", "label")):
        for item in data.get(section) or []:
            if isinstance(item, dict) and key in item:
                label = _norm(item[key])
                for name in [label, *(_norm(a) for a in item.get("aliases") or [])]:
                    out.setdefault(name, label)
    return out


def _pairs(names) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for pair in combinations(sorted(set(names)), 2)}


def gold_event_tuples(data: dict) -> dict[str, tuple[set, set]]:
    """Section → (required tuples, optional tuples) of one gold file."""
    names = _gold_names(data)

    def _n(value) -> str:  # a name as its gold person or body's label: 中科院 is 中国科学院
        return names.get(_norm(value), _norm(value))

    out: dict[str, tuple[set, set]] = {}
    for section in EVENT_SECTIONS:
        if section not in data:
            continue
        required: set = set()
        optional: set = set()
        for event in data.get(section) or []:
            into = optional if event.get("optional") else required
            if section == "talks":
                into |= {("talks", *p) for p in _pairs(_n(n) for n in event["participants"])}
            elif section == "messages":
                into.add(("messages", _n(event["sender"]), _n(event["recipient"])))
            else:
                into |= {("inspections", _n(person), _norm(place))
                         for person in event["people"] for place in event["places"]}
        # a pair one event requires is required, whatever another optional one says
        out[section] = (required, optional - required)
    return out


def _labels(g: Graph, node) -> set[str]:
    return {_norm(o) for o in g.objects(node, RDFS.label) if has_language(o, ZH_HANS)} | {
        _norm(o) for o in g.objects(node, SKOS.altLabel)}


def _events(g: Graph, cls: URIRef, sentences: set | None):
    for node in sorted(g.subjects(RDF.type, cls)):
        if sentences is None or set(g.objects(node, PROV.wasDerivedFrom)) & sentences:
            yield node


def predicted_event_tuples(g: Graph, data: dict, sentences: set | None) -> dict[str, set]:
    """Section → the tuples the graph's events give, in the gold file's labels."""
    gold_names = _gold_names(data)
    gold_places = {_norm(place) for event in data.get("inspections") or []
                   for place in event.get("places") or []}

    def name(node) -> str:
        labels = _labels(g, node)
        return next((gold_names[n] for n in sorted(labels) if n in gold_names),
                    min(labels, default=str(node)))

    def places(node) -> set[str]:
        labels = _labels(g, node)
        found = {gold for gold in gold_places if any(gold.endswith(n) for n in labels if n)}
        return found or {"?" + min(labels, default=str(node))}

    out: dict[str, set] = {}
    if "talks" in data:
        out["talks"] = {("talks", *pair) for node in _events(g, KG.Talks, sentences)
                        for pair in _pairs(name(p) for p in g.objects(node, SCHEMA.attendee))}
    if "messages" in data:
        out["messages"] = {("messages", name(s), name(r))
                           for node in _events(g, KG.Message, sentences)
                           for s in g.objects(node, SCHEMA.sender)
                           for r in g.objects(node, SCHEMA.recipient)}
    if "inspections" in data:
        out["inspections"] = {("inspections", name(p), place)
                              for node in _events(g, KG.Inspection, sentences)
                              for p in g.objects(node, SCHEMA.attendee)
                              for loc in g.objects(node, SCHEMA.location)
                              for place in places(loc)}
    return out
