"""What a document says of each name, kept until people are resolved.

Who a name is depends on the other reports that name it, so the builder
(`kg.graph.rdf.GraphBuilder`) collects each name's facts per document
(`PersonFacts`) and writes person nodes only after `kg.graph.resolve` has
clustered them. A worker process sends the same facts as a `PersonPart`
(inside its document's `DocumentTriples`); a graph written before gives them
back through `read_people`, so adding documents re-resolves only the names
they mention.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from rdflib import Graph, Literal, URIRef

from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, ZH_HANS, ZH_HANT, has_language
from kg.graph.resolve import Candidate, org_key


@dataclass
class PersonFacts:
    """What one name in one document says of its bearer: the resolver's
    `Candidate` and the triples the person node will carry."""

    name: str
    doc: str
    date: dt.date | None
    doc_place: str | None
    post_places: set[str] = field(default_factory=set)
    posts: set[tuple[str, str]] = field(default_factory=set)
    spans: set[tuple[str, str, str | None, str | None]] = field(default_factory=set)
    span_places: set[str] = field(default_factory=set)
    hant: set[str] = field(default_factory=set)
    sentences: set[URIRef] = field(default_factory=set)
    holdings: set[tuple[URIRef, URIRef]] = field(default_factory=set)  # (holding, post)
    roles: set[tuple[URIRef, URIRef]] = field(default_factory=set)  # (predicate, meeting)
    continuations: set[str] = field(default_factory=set)  # what follows each mention

    def candidate(self) -> Candidate:
        # a post's jurisdiction says more than the report's place: a 秦州区
        # report on 江苏省副省长张健 is about a 江苏省 official
        return Candidate(self.name, self.doc, self.date, tuple(sorted(self.post_places)),
                         tuple(sorted(self.posts)), self.doc_place,
                         tuple(sorted(self.spans, key=str)), tuple(sorted(self.span_places)),
                         tuple(sorted(self.continuations)))

    def add_post(self, org: str, role: str, place: str | None,
                 start: str | None = None, end: str | None = None) -> None:
        """A post held here: on the report's date, or over the span the text gives
        (a span with no end is held on the report's date too)."""
        if start is not None or end is not None:
            self.spans.add((org, role, start, end))
            if place is not None:
                self.span_places.add(place)
            if end is not None:
                return
        self.posts.add((org, role))
        if place is not None:
            self.post_places.add(place)


def member_triples(node: URIRef, facts: PersonFacts) -> Iterable[tuple]:
    """The triples tying person `node` to what one document says of them."""
    for traditional in facts.hant:
        yield node, RDFS.label, Literal(traditional, lang=ZH_HANT)
    # the person is derived from every sentence naming them: the mentions it
    # was resolved from, each with its document and offsets
    for sentence in facts.sentences:
        yield node, PROV.wasDerivedFrom, sentence
    for holding, post in facts.holdings:
        yield holding, ORG.member, node
        yield node, ORG.holds, post
    for predicate, meeting in facts.roles:
        yield meeting, predicate, node


# Stands for the person in a worker's `PersonPart`: who a name is is known
# only after resolution, in the process writing the graph
SOME_PERSON = URIRef("urn:x-zhkg:person-to-be-resolved")
SOME_PERSON_NT = f"<{SOME_PERSON}>"


@dataclass(frozen=True)
class PersonPart:
    """What one document says of one name, as a worker sends it: the
    resolver's `Candidate`, and the person's triples from this document as
    UTF-8 N-Triples with `SOME_PERSON` for the person. A few hundred bytes,
    where `PersonFacts` is a few kB: the builder keeps one per name and
    document until the end of the build."""

    candidate: Candidate
    ntriples: bytes


class PersonParts:
    """The `PersonPart`s of a build, by name and document, until its people
    are resolved: the candidates in memory, which resolution reads, and their
    triples in an unnamed temporary file, which only the writing of each
    person reads back: a build's size then grows with its corpus by the
    candidates alone (≈ 570 bytes of triples each, on 新闻联播 reports, stay on disk)."""

    def __init__(self) -> None:
        self._by_name: dict[str, dict[str, tuple[Candidate, int, int]]] = {}
        self._spool = None

    def add(self, name: str, doc: str, part: PersonPart) -> None:
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(prefix="zhkg-people-")
        self._spool.seek(0, 2)
        at = self._spool.tell()
        self._spool.write(part.ntriples)
        self._by_name.setdefault(name, {})[doc] = (part.candidate, at, len(part.ntriples))

    def names(self) -> list[str]:
        return list(self._by_name)

    def docs(self, name: str) -> list[str]:
        return sorted(self._by_name.get(name, {}))

    def candidate(self, name: str, doc: str) -> Candidate:
        return self._by_name[name][doc][0]

    def rename(self, name: str, doc: str, to: str,
               join: Callable[[Candidate | None, Candidate, str], Candidate]) -> None:
        """Move what document `doc` says of `name` to the name `to`, joined (`join`) to what
        it says of `to` already (kg.graph.cut_names)."""
        moved, at, size = self._by_name[name].pop(doc)
        if not self._by_name[name]:
            del self._by_name[name]
        triples = self._read(at, size)
        into = self._by_name.get(to, {}).get(doc)
        if into is not None:
            triples = self._read(*into[1:]) + triples
        self._spool.seek(0, 2)
        start = self._spool.tell()
        self._spool.write(triples)
        self._by_name.setdefault(to, {})[doc] = (
            join(into[0] if into is not None else None, replace(moved, name=to), name), start,
            len(triples))

    def _read(self, at: int, size: int) -> bytes:
        self._spool.seek(at)
        return self._spool.read(size)

    def candidates(self, name: str) -> Iterable[Candidate]:
        return (candidate for candidate, _, _ in self._by_name.get(name, {}).values())

    def ntriples(self, name: str, doc: str) -> bytes | None:
        """The triples document `doc` gave `name`'s person, None if it gave none."""
        found = self._by_name.get(name, {}).get(doc)
        if found is None:
            return None
        return self._read(*found[1:])


@dataclass
class DocumentTriples:
    """One document's triples as N-Triples lines, and what it says of each
    name. Made where the document was extracted (a worker process), so the
    process writing the graph only appends text; person nodes wait for
    resolution in the parent's `GraphBuilder.finish`."""

    doc_id: str
    ntriples: str
    people: dict[str, PersonPart]


def continuations(sentence: str, name: str) -> set[str]:
    """The two characters after each of the name's mentions in a sentence's text (what the
    builder keeps of a mention while extracting, read back from a graph)."""
    found, at = set(), sentence.find(name)
    while at >= 0:
        found.add(sentence[at + len(name):at + len(name) + 2])
        at = sentence.find(name, at + 1)
    return found


def read_people(graph: Graph, base: str) -> tuple[dict[str, dict[str, PersonFacts]],
                                                   dict[str, set[URIRef]]]:
    """Per-document person facts of a graph a builder with `base` wrote
    before: name → document id → facts, and name → its person nodes.

    Everything a person node carries is attributable to one document:
    its sentences and holdings through their source, a meeting role
    through the document both the meeting and the person are derived
    from. (A meeting two reports describe, naming one person in different
    roles, gives each report both roles: the graph does not keep which
    said which.)
    """
    g, prefix = graph, f"{base}source/"
    people: dict[str, dict[str, PersonFacts]] = {}
    nodes: dict[str, set[URIRef]] = {}

    def stored_facts(name: str, source: URIRef) -> PersonFacts:
        doc = str(source).removeprefix(prefix)
        facts_of = people.setdefault(name, {})
        if doc not in facts_of:
            date = g.value(source, SCHEMA.datePublished)
            place = g.value(source, SCHEMA.contentLocation)
            code = g.value(place, KG.divisionCode) if place is not None else None
            facts_of[doc] = PersonFacts(name, doc, date.toPython() if date is not None else None,
                                        str(code) if code is not None else None)
        return facts_of[doc]

    doc_of = dict(g.subject_objects(NIF.referenceContext))
    for node in sorted(g.subjects(RDF.type, KG.Person)):
        names = [str(o) for o in g.objects(node, RDFS.label) if has_language(o, ZH_HANS)]
        if len(names) != 1:
            continue
        name = names[0]
        nodes.setdefault(name, set()).add(node)
        hant = {str(o) for o in g.objects(node, RDFS.label) if has_language(o, ZH_HANT)}
        docs: dict[URIRef, PersonFacts] = {}
        for sentence in g.objects(node, PROV.wasDerivedFrom):
            source = doc_of.get(sentence)
            if source is None:
                continue
            f = docs[source] = stored_facts(name, source)
            f.sentences.add(sentence)
            f.continuations |= continuations(str(g.value(sentence, NIF.anchorOf) or ""), name)
            if (source, DCTERMS.language, Literal(ZH_HANT)) in g:
                f.hant |= hant
        for holding in g.subjects(ORG.member, node):
            source = doc_of.get(g.value(holding, PROV.wasDerivedFrom))
            if source not in docs:
                continue
            f = docs[source]
            post = g.value(holding, KG.post)
            f.holdings.add((holding, post))
            role = g.value(g.value(holding, ORG.role), RDFS.label)
            start, end = (g.value(holding, p) for p in (KG.startDate, KG.endDate))
            start, end = (str(v) if v is not None else None for v in (start, end))
            org = g.value(holding, ORG.organization)
            if org is None or g.value(org, KG.jurisdictionLevel) is not None:
                f.add_post("", str(role), None, start, end)
                continue
            code = g.value(g.value(org, KG.jurisdiction), KG.divisionCode)
            label = next(str(o) for o in g.objects(org, RDFS.label) if has_language(o, ZH_HANS))
            f.add_post(org_key(str(code) if code is not None else None, label), str(role),
                       str(code) if code is not None else None, start, end)
        for predicate in (KG.chair, KG.speaker, SCHEMA.attendee, KG.present, SCHEMA.sender,
                          SCHEMA.recipient):
            for meeting in g.subjects(predicate, node):
                for sentence in g.objects(meeting, PROV.wasDerivedFrom):
                    if doc_of.get(sentence) in docs and sentence in docs[doc_of[sentence]].sentences:
                        docs[doc_of[sentence]].roles.add((predicate, meeting))

# -------------------------------------------------------------- documents
    return people, nodes
