"""The entity graph: an RDF graph in the zhkg vocabulary as a networkx graph
of its domain entities (people, bodies, posts, meetings...) and the
relations between them, each with the sentences that back it.

What the HTML viewer draws (`kg.views.draw`) and the GraphML and CSV
exports write (`kg.views.export`). Words and styles come from
kg/data/viewer_labels.tsv (`kg.views.labels`).
"""

from __future__ import annotations

import networkx as nx
import rdflib

from kg.graph.datasets import as_graph
from kg.graph.iri import phrase_pinyin, pinyin_label
from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, has_language
from kg.views.labels import viewer_labels

_LABEL_PREDICATES = {RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.name}
# the inverse of a relation already drawn: one arrow per fact
_INVERSES = {ORG.hasPost}


def _local(iri: rdflib.term.Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(g: rdflib.Graph, node: rdflib.term.Node, lang: str) -> str | None:
    for label in sorted(g.objects(node, RDFS.label)):
        if has_language(label, lang):
            return str(label)
    return None


def _facts(g: rdflib.Graph, node: rdflib.term.Node,
           entities: dict[rdflib.term.Node, str]) -> tuple[tuple[str, str], ...]:
    """Literal properties, and named concepts such as an organisation type, by their label."""
    facts = []
    for p, o in g.predicate_objects(node):
        if p in _LABEL_PREDICATES or p == RDF.type or o in entities:
            continue
        if isinstance(o, rdflib.Literal):
            facts.append((_local(p), str(o)))
        elif isinstance(o, rdflib.URIRef):
            name = next((str(x) for x in sorted(g.objects(o, SKOS.prefLabel))
                         if has_language(x, "zh-Hans")), None)
            if name:
                facts.append((_local(p), name))
    return tuple(sorted(facts))


class _Evidence:
    """Sentence texts and source-document paths, looked up once per sentence."""

    def __init__(self, g: rdflib.Graph) -> None:
        self._g = g
        self.sentences: dict[str, tuple[str, int, str]] = {}
        self._missing: set[rdflib.term.Node] = set()

    def _read(self, sid: rdflib.term.Node) -> bool:
        if str(sid) in self.sentences:
            return True
        if sid in self._missing:
            return False
        text = self._g.value(sid, NIF.anchorOf)
        if text is None:
            self._missing.add(sid)
            return False
        doc = self._g.value(sid, NIF.referenceContext)
        path = self._g.value(doc, DCTERMS.source) if doc is not None else None
        begin = self._g.value(sid, NIF.beginIndex)
        self.sentences[str(sid)] = (str(path if path is not None else doc or ""),
                                    int(begin) if begin is not None else 0, str(text))
        return True

    def of(self, subject: rdflib.term.Node) -> tuple[str, ...]:
        """Sentences a subject was derived from, in reading order."""
        found = [str(s) for s in self._g.objects(subject, PROV.wasDerivedFrom) if self._read(s)]
        return tuple(sorted(found, key=lambda sid: (self.sentences[sid][:2], sid)))


def _names(g: rdflib.Graph, node: rdflib.term.Node, *,
           person: bool) -> tuple[str, str, list[str]]:
    """The @zh-Hans label, the pinyin (given, else computed) and every other label."""
    label = _label(g, node, "zh-Hans")
    other = sorted(str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(node, p))
    label = label or (other[0] if other else _local(node))
    pinyin = _label(g, node, "zh-Latn-pinyin") or (
        pinyin_label(label, surname_length=1) if person else phrase_pinyin(label))
    return label, pinyin, other


def entity_graph(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Turn an RDF graph into a networkx graph of its domain entities.

    Nodes are entity IRIs with attributes ``class`` (local name, e.g. ``Person``),
    ``label`` (the @zh-Hans label), ``pinyin``, ``alt`` (other labels), ``facts``
    (literal properties as (name, value) pairs) and ``sources`` (sentence IRIs).
    A kg:PostHolding becomes a person→post edge with relation 任职 and its
    ``date`` (kg:asOf); any other triple between two entities becomes an edge whose
    ``relation`` is a Chinese label, ``predicate`` the property IRI. An edge's
    ``sources`` are its holding's sentences, else the sentences both ends share,
    else its subject's. ``graph["sentences"]`` maps each cited sentence IRI to
    (source document path, begin offset, text).
    """
    g = as_graph(graph)
    classes: dict[rdflib.term.Node, str] = {}
    labels = viewer_labels()
    for name in labels.classes:
        for s in g.subjects(RDF.type, KG[name]):
            classes.setdefault(s, name)
    evidence = _Evidence(g)
    out = nx.MultiDiGraph()
    for node in sorted(classes, key=str):
        label, pinyin, other = _names(g, node, person=classes[node] == "Person")
        out.add_node(str(node), **{"class": classes[node], "label": label, "pinyin": pinyin,
                                   "alt": tuple(a for a in other if a not in (label, pinyin)),
                                   "facts": _facts(g, node, classes),
                                   "sources": evidence.of(node)})
    held = set()
    for holding in sorted(g.subjects(RDF.type, KG.PostHolding), key=str):
        person, post = g.value(holding, ORG.member), g.value(holding, KG.post)
        if person in classes and post in classes:
            date = g.value(holding, KG.asOf)
            held.add((person, post))
            out.add_edge(str(person), str(post), key=str(holding), relation=labels.relations[ORG.holds],
                         predicate=str(ORG.holds), date=str(date or ""),
                         sources=evidence.of(holding))
    links = [(s, p, o) for s, p, o in g
             if p != RDF.type and p not in _INVERSES and s in classes and o in classes
             # a holding already drew this, with its date
             and not (p == ORG.holds and (s, o) in held)]
    for s, p, o in sorted(links):
        a, b = out.nodes[str(s)]["sources"], set(out.nodes[str(o)]["sources"])
        shared = tuple(x for x in a if x in b) or a
        out.add_edge(str(s), str(o), key=str(p), relation=labels.relations.get(p, _local(p)),
                     predicate=str(p), date="", sources=shared)
    out.graph["sentences"] = evidence.sentences
    return out


# what taking part in a meeting means: chairing or speaking; in a talk, being a participant
_TAKING_PART = {"meetings": (KG.Meeting, (KG.chair, KG.speaker)),
                "talks": (KG.Talks, (SCHEMA.attendee,))}


def co_attendance(graph: rdflib.Graph, *, of: str = "meetings") -> nx.Graph:
    """People linked by the meetings they took part in together.

    Taking part means chairing (kg:chair) or speaking at (kg:speaker) a
    kg:Meeting; with ``of="talks"``, being a participant (schema:attendee) of
    a kg:Talks (会见, 会谈, 通电话): who met whom. Nodes are the person IRIs of everyone who did, with ``label``
    (@zh-Hans), ``pinyin`` and ``sources`` (their sentences); an edge joins two
    people of one meeting, with ``weight`` the number of meetings they share,
    ``meetings`` those meetings' IRIs and ``sources`` the sentences of those
    meetings that name either of them (else the meetings' own). Its
    ``graph["sentences"]`` is as in :func:`entity_graph`.
    """
    g = as_graph(graph)
    evidence = _Evidence(g)
    out = nx.Graph()
    cls, roles = _TAKING_PART[of]
    for meeting in sorted(g.subjects(RDF.type, cls), key=str):
        people = sorted({str(p) for role in roles for p in g.objects(meeting, role)})
        for person in people:
            if person not in out:
                label, pinyin, _ = _names(g, rdflib.URIRef(person), person=True)
                out.add_node(person, label=label, pinyin=pinyin,
                             sources=evidence.of(rdflib.URIRef(person)))
        told = evidence.of(meeting)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                named = set(out.nodes[a]["sources"]) | set(out.nodes[b]["sources"])
                cited = tuple(x for x in told if x in named) or told
                if out.has_edge(a, b):
                    edge = out.edges[a, b]
                    edge["weight"] += 1
                    edge["meetings"] += (str(meeting),)
                    edge["sources"] += tuple(x for x in cited if x not in edge["sources"])
                else:
                    out.add_edge(a, b, weight=1, meetings=(str(meeting),), sources=cited)
    out.graph["sentences"] = evidence.sentences
    return out


def co_attendance_view(graph: rdflib.Graph, *, of: str = "meetings") -> nx.MultiDiGraph:
    """:func:`co_attendance` in the shape :func:`entity_graph` gives, for drawing."""
    g = as_graph(graph)
    people = co_attendance(g, of=of)
    shared = viewer_labels().derived["talks" if of == "talks" else "co-attendance"]
    view = nx.MultiDiGraph(sentences=people.graph["sentences"])
    for n, d in people.nodes(data=True):
        view.add_node(n, **{"class": "Person", "label": d["label"], "pinyin": d["pinyin"],
                            "alt": (), "facts": (), "sources": d["sources"]})
    for a, b, d in people.edges(data=True):
        u, v = sorted((a, b))
        view.add_edge(u, v, key="co-attendance",
                      relation=f"{shared}×{d['weight']}",
                      predicate="", date="", sources=d["sources"], weight=d["weight"],
                      meetings=tuple(_names(g, rdflib.URIRef(m), person=False)[0]
                                     for m in d["meetings"]))
    return view


