"""Why a name is the people it is: the resolver's decisions, read back from a graph.

Resolution is a function of the candidates (`kg.graph.resolve`), and a graph
holds everything a candidate is made of: the person's sentences with their
reports' dates and places, and the posts held there. So the decisions are
recomputed from the graph, not stored in it, and they are the ones the build
took.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from kg.graph.ns import DCTERMS, KG, PROV, RDF
from kg.graph.people import read_people
from kg.graph.resolve import Candidate, Step, explain
from kg.graph.terms import triple_to_rdflib
from kg.lang.lexicon import load_lexicon
from kg.store.bundled import load_query
from kg.store.query import run_query


@dataclass(frozen=True)
class Person:
    """One person of the name: its node, and the decisions that made it."""

    node: str
    steps: tuple[Step, ...]
    sources: dict[str, str]  # document id → the file or corpus line it was read from

    def source(self, step: Step) -> str:
        return self.sources.get(step.candidate.doc, step.candidate.doc)

    @property
    def first(self) -> Candidate:
        return self.steps[0].candidate

    def dates(self) -> tuple[str, str]:
        known = sorted(str(s.candidate.date) for s in self.steps if s.candidate.date)
        return (known[0], known[-1]) if known else ("", "")

    def joins(self) -> Counter:
        """How many reports joined for each kind of reason (the first report aside)."""
        return Counter(s.reason for s in self.steps[1:])


def why(store: ox.Store, name: str, *, timeout_s: float | None = None) -> list[Person]:
    """The people named `name` (simplified or traditional) in `store`, each
    with the resolver's decisions in the order it took them."""
    result = run_query(store, load_query("resolution"), bindings={"name": name},
                       timeout_s=timeout_s)
    graph = Graph()
    for t in result.triples:
        graph.add(triple_to_rdflib(t.subject, t.predicate, t.object))
    base = _base(graph)
    people, nodes = read_people(graph, base)
    gazetteer = load_lexicon().gazetteer
    prefix = f"{base}source/"
    sources = {str(s).removeprefix(prefix): str(path)
               for s, path in graph.subject_objects(DCTERMS.source)}
    found: list[Person] = []
    for simplified, facts in sorted(people.items()):
        by_person: dict[int, list[Step]] = {}
        for step in explain((f.candidate() for f in facts.values()), gazetteer,
                            lambda doc: sources.get(doc, doc)):
            by_person.setdefault(step.person, []).append(step)
        node_of = _node_of_report(graph, nodes.get(simplified, set()), facts)
        found += [Person(node_of.get(steps[0].candidate.doc, ""), tuple(steps), sources)
                  for _, steps in sorted(by_person.items())]
    return found


def _base(graph: Graph) -> str:
    """The base the graph's instance IRIs were minted under (…/id/ of …/id/person/x)."""
    for node in graph.subjects(RDF.type, KG.Person):
        return str(node).rsplit("person/", 1)[0]
    return ""


def _node_of_report(graph: Graph, nodes, facts) -> dict[str, str]:
    """Document id → the person node of the name that report is part of."""
    doc_of_sentence = {s: doc for doc, f in facts.items() for s in f.sentences}
    found: dict[str, str] = {}
    for node in sorted(nodes):
        for sentence in graph.objects(node, PROV.wasDerivedFrom):
            doc = doc_of_sentence.get(sentence)
            if doc is not None:
                found.setdefault(doc, str(node))
    return found
