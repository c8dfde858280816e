"""The RDF stage: extractions in, one rdflib graph out.

The only module that writes rdflib terms. Entities get deterministic IRIs
(`kg.graph.iri`), so the same entity from two documents is one node and adding a
document twice changes nothing. Every entity and relation node is derived
from at least one `kg:Sentence`, whose offsets point into the original file.

People are the exception to "one key, one node": who a name is depends on the
other reports that name it, so the builder collects each name's facts per
document (`PersonFacts`) and writes person nodes only in `finish`, after
`kg.graph.resolve` has clustered them. A builder opened on an existing graph reads
those per-document facts back from it (holdings, sentences, meetings), so
adding documents re-resolves only the names they mention and rewrites those
people's nodes, and the result is the graph a build of everything at once
would give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from kg.graph.cut_names import complete_cut_names
from kg.graph.events import add_events
from kg.graph.iri import iri_path, mint, pinyin_label, place_pinyin, short_hash
from kg.graph.ns import (DCTERMS, DEFAULT_BASE, FOAF, KG, NIF, ORG, PINYIN, PREFIXES, PROV, RDF,
                         RDFS, SCHEMA, SKOS, TIME, XSD, ZH_HANS, ZH_HANT, org_type_concepts)
from kg.graph.people import (SOME_PERSON_NT, DocumentTriples, PersonFacts, PersonParts,
                             member_triples, read_people)
from kg.graph.resolve import Candidate, Identity, org_key, resolve
from kg.graph.spans import span_triples
from kg.graph.terms import offset
from kg.lang.lexicon import load_lexicon
from kg.model import Document, Extraction, Mention, OrgRef, Place, PostRef
from kg.text.normalize import to_traditional


ZH = ZH_HANS


# Namespace attribute lookups cost more than the triples on the hot paths
_DERIVED = PROV.wasDerivedFrom
_LABEL = RDFS.label
_ALT = SKOS.altLabel


@lru_cache(maxsize=65536)
def _text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, lang=lang)


@lru_cache(maxsize=4096)
def _day(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=65536)
def _minted(base: str, kind: str, label: str, key: str) -> URIRef:
    return URIRef(mint(base, kind, label, key))


def document_key(doc: Document) -> str:
    """How the graph names a document: its id as the end of its source IRI.

    The id holds the file's name, which may hold anything a file system
    allows. People are keyed by it too, as `kg.graph.people` reads it back
    from the IRI when a build adds to a graph: a person's IRI is then the
    same whether its documents were built together or one at a time."""
    return iri_path(doc.id)


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


class GraphBuilder:
    """Adds one document's extraction at a time to a graph.

    Person nodes are written by `finish`, which every caller must call before
    using `graph`. Given an existing `graph` (built with the same `base`), the
    builder adds to it: the people of the documents added are resolved
    together with those already in it.
    """

    def __init__(self, graph: Graph | None = None, *, base: str = DEFAULT_BASE) -> None:
        self._start(graph if graph is not None else new_graph(), base)
        if graph is not None:
            self._people, self._nodes = read_people(graph, base)

    def _start(self, graph, base: str) -> None:
        self.graph = graph
        self.base = base
        self._lex = load_lexicon()
        self._people: dict[str, dict[str, PersonFacts]] = {}  # name → doc id → facts
        self._parts = PersonParts()  # the same, made by a worker
        self._nodes: dict[str, set[URIRef]] = {}  # name → its person nodes in the graph
        self._dirty: set[str] = set()  # names whose people must be resolved again
        # within one document: sentences written, and nodes already described, so
        # a body named twenty times is described once (the sink would drop the
        # repeats anyway, after paying for them)
        self._doc_id: str | None = None
        self._sentence_nodes: dict[int, URIRef] = {}
        self._described: set[URIRef] = set()

    @classmethod
    def streaming(cls, sink, *, base: str = DEFAULT_BASE) -> GraphBuilder:
        """A builder for a fresh graph that hands each triple to `sink.add`
        (a `kg.store.sinks.StoreSink` or `FileSink`) instead of keeping an rdflib
        graph, whose indexes cost more than making the triples. Person
        triples arrive at `finish`; nothing is ever removed from the sink.
        The sink may see a triple more than once. Documents turned into
        triples elsewhere (`document_triples`) go in through `add_triples`,
        which needs a sink with `add_ntriples`."""
        # no rdflib graph is made at all: binding its prefixes cost a worker
        # more per document than the document's triples
        builder = cls.__new__(cls)
        builder._start(sink, base)
        return builder

    @classmethod
    def into(cls, sink, *, base: str = DEFAULT_BASE) -> GraphBuilder:
        """A builder writing to a `kg.store.sinks.Sink`: on the rdflib graph
        it holds, else `streaming` into it."""
        if sink.graph is not None:
            return cls(sink.graph, base=base)
        return cls.streaming(sink, base=base)

    @property
    def takes_triples(self) -> bool:
        """Whether documents may come as `document_triples` made elsewhere
        (a worker), not only as extractions: only a sink that never needs
        to read its triples back can take them as text."""
        return hasattr(self.graph, "add_ntriples")

    def take(self, result: Extraction | DocumentTriples) -> None:
        """Add a document as `extract_all` hands it over, in either form."""
        if isinstance(result, DocumentTriples):
            self.add_triples(result)
        else:
            self.add(result)

    def add_triples(self, part: DocumentTriples) -> None:
        """Add a document `document_triples` made, in this process or another:
        its triples go straight to the sink, its names join the people to
        resolve at `finish`."""
        self.graph.add_ntriples(part.ntriples)
        for name, person in part.people.items():
            self._parts.add(name, part.doc_id, person)
            self._dirty.add(name)

    # -------------------------------------------------------------- helpers

    def _iri(self, kind: str, label: str, key: str) -> URIRef:
        return _minted(self.base, kind, label, key)

    def _add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def _labels(self, node: URIRef, label: str, doc: Document, *, hant: str | None = None,
                aliases: Iterable[str] = ()) -> None:
        self._add(node, _LABEL, _text(label, ZH))
        if doc.is_traditional:
            traditional = hant or to_traditional(label)
            if traditional != label:
                self._add(node, _LABEL, _text(traditional, ZH_HANT))
        for alias in aliases:
            if alias != label:
                self._add(node, _ALT, _text(alias, ZH))

    def _in_document(self, doc: Document) -> None:
        if doc.id != self._doc_id:
            self._doc_id = doc.id
            self._sentence_nodes.clear()
            self._described.clear()

    def _first(self, node: URIRef) -> bool:
        """Whether `node` is met for the first time in the current document."""
        if node in self._described:
            return False
        self._described.add(node)
        return True

    def _source_sentence(self, x: Extraction, sentence_index: int) -> URIRef:
        self._in_document(x.doc)
        known = self._sentence_nodes.get(sentence_index)
        if known is not None:
            return known
        doc = x.doc
        sent = x.sentences[sentence_index]
        start, end = doc.original_span(sent.start, sent.end)
        node = URIRef(f"{self._source_iri(doc)}#char={start},{end}")
        self._add(node, RDF.type, KG.Sentence)
        self._add(node, RDF.type, NIF.Sentence)
        self._add(node, NIF.referenceContext, self._source_iri(doc))
        self._add(node, NIF.beginIndex, offset(start))
        self._add(node, NIF.endIndex, offset(end))
        self._add(node, NIF.anchorOf, Literal(doc.raw_text[start:end]))
        self._sentence_nodes[sentence_index] = node
        return node

    def _derived(self, node: URIRef, x: Extraction, mention: Mention) -> None:
        self._add(node, _DERIVED, self._source_sentence(x, mention.sentence))

    def _source_iri(self, doc: Document) -> URIRef:
        return URIRef(f"{self.base}source/{document_key(doc)}")

    def _date(self, value: dt.date) -> Literal:
        return _day(value)

    # -------------------------------------------------------------- entities

    def place(self, place: Place, x: Extraction, mention: Mention) -> URIRef:
        gaz = self._lex.gazetteer
        # a division by a former name (崇礼县) is today's (崇礼区), the former name its alt label
        today = gaz.by_code.get(place.code, place)
        node = self._iri("place", today.name, today.code)
        self._in_document(x.doc)
        if self._first(node):
            self._add(node, RDF.type, KG.Place)
            self._add(node, RDF.type, SCHEMA.AdministrativeArea)
            self._labels(node, today.name, x.doc)
            self._add(node, RDFS.label, _text(place_pinyin(today.name), PINYIN))
            if place.code.isdigit():  # towns the gazetteer lacks have no official code
                self._add(node, KG.divisionCode, _text(place.code))
            self._add(node, KG.divisionLevel, _text(place.level))
        if today.name != place.name:
            self._add(node, _ALT, _text(place.name, ZH))
        self._derived(node, x, mention)
        if place.parent and place.parent in gaz.by_code:
            parent = self.place(gaz.by_code[place.parent], x, mention)
            self._add(node, SCHEMA.containedInPlace, parent)
        return node

    def organization(self, org: OrgRef, x: Extraction, mention: Mention) -> URIRef:
        scoped = org.level or (org.place is None and not org.org_type)
        key = f"{x.doc.id}|{org.key if org.level else org.label}" if scoped else org.key
        node = self._iri("org", org.label, key)
        self._in_document(x.doc)
        if self._first(node):
            self._add(node, RDF.type, KG.Organization)
            self._add(node, RDF.type, ORG.Organization)
            self._labels(node, org.label, x.doc, aliases=org.aliases)
            concepts = org_type_concepts()
            concept, triples = concepts.get(org.org_type, concepts["other"])
            self._add(node, KG.orgType, concept)
            for triple in triples:
                self.graph.add(triple)
        if org.place is not None:
            self._add(node, KG.jurisdiction, self.place(org.place, x, mention))
        elif org.level:
            self._add(node, KG.jurisdictionLevel, Literal(org.level, lang=ZH_HANS))
        if org.parent is not None:  # 福州市国税局党组 is a unit of 福州市国税局
            self._add(node, ORG.subOrganizationOf, self.organization(org.parent, x, mention))
        # the span as written is another name only where it names the body itself
        # (not the document, campaign or title the body was found through), and
        # names its place: 区政府 alone is every district's
        if (mention.kind == "organization" and mention.text not in (org.label, *org.aliases)
                and (org.place is None
                     or self._lex.gazetteer.short_name(org.place.name) in mention.text)):
            self._add(node, SKOS.altLabel, _text(mention.text, ZH))
        self._derived(node, x, mention)
        return node

    def role(self, role: str, x: Extraction, mention: Mention) -> URIRef:
        node = self._iri("role", role, role)
        self._in_document(x.doc)
        if self._first(node):
            self._add(node, RDF.type, KG.Role)
            self._add(node, RDF.type, ORG.Role)
            self._labels(node, role, x.doc)
        self._derived(node, x, mention)
        return node

    def post(self, post: PostRef, x: Extraction, mention: Mention) -> URIRef:
        node = self._iri("post", post.label, f"{x.doc.id}|{post.key}"
                         if post.org is not None and post.org.level else post.key)
        self._in_document(x.doc)
        if self._first(node):
            self._add(node, RDF.type, KG.Post)
            self._add(node, RDF.type, ORG.Post)
            self._labels(node, post.label, x.doc, aliases=post.aliases)
        self._add(node, ORG.role, self.role(post.role, x, mention))
        if post.org is not None:
            org = self.organization(post.org, x, mention)
            self._add(node, ORG.postIn, org)
            self._add(org, ORG.hasPost, node)
        self._derived(node, x, mention)
        return node

    def _person(self, mention: Mention, x: Extraction) -> PersonFacts:
        """The facts of the name `mention` in `x`'s document, with its sentence."""
        name, doc, key = mention.text, x.doc, document_key(x.doc)
        facts = self._people.setdefault(name, {}).get(key)
        if facts is None:
            facts = PersonFacts(name, key, doc.date,
                                 x.doc_place.code if x.doc_place else None)
            self._people[name][key] = facts
        self._dirty.add(name)
        if doc.is_traditional:
            traditional = doc.hant(mention.start, mention.end) or to_traditional(name)
            if traditional != name:
                facts.hant.add(traditional)
        facts.sentences.add(self._source_sentence(x, mention.sentence))
        facts.continuations.add(doc.text[mention.end:mention.end + 2])
        return facts

    # -------------------------------------------------------------- people

    def finish(self) -> Graph:
        """Resolve the people of the names added since the last call, rewrite
        their nodes, and return the graph."""
        if not self._dirty:
            return self.graph
        self._dirty |= complete_cut_names(self._people, self._parts)
        names, self._dirty = sorted(self._dirty), set()
        for name in names:
            for node in self._nodes.pop(name, ()):
                self.graph.remove((node, None, None))
                self.graph.remove((None, None, node))
        # one name at a time (resolution never joins two names): the build holds one
        # name's candidates and people at once, not the corpus's
        for name in names:
            for identity in resolve(self._candidates(name), self._lex.gazetteer):
                self._write_person(identity)
        return self.graph

    def _write_person(self, identity: Identity) -> None:
        name = identity.name
        node = self._iri("person", name, identity.key)
        self._nodes.setdefault(name, set()).add(node)
        self._add(node, RDF.type, KG.Person)
        self._add(node, RDF.type, FOAF.Person)
        self._add(node, RDF.type, SCHEMA.Person)
        self._add(node, RDFS.label, Literal(name, lang=ZH))
        surname = 2 if name[:2] in self._lex.compound_surnames else 1
        self._add(node, RDFS.label, Literal(pinyin_label(name, surname_length=surname),
                                            lang=PINYIN))
        for member in identity.members:
            made = self._parts.ntriples(name, member.doc)
            if made is not None:
                self.graph.add_ntriples(made.decode("utf-8")
                                        .replace(SOME_PERSON_NT, f"<{node}>"))
            else:
                for triple in member_triples(node, self._people[name][member.doc]):
                    self._add(*triple)

    def facts_of(self, doc_id: str) -> dict[str, PersonFacts]:
        """Name → what document `doc_id` says of it, for the names it added."""
        return {name: by_doc[doc_id] for name, by_doc in self._people.items()
                if doc_id in by_doc}

    def _candidates(self, name: str) -> Iterable[Candidate]:
        yield from (facts.candidate() for facts in self._people.get(name, {}).values())
        yield from self._parts.candidates(name)

    def add(self, x: Extraction) -> None:
        """Add everything one document yields."""
        doc = x.doc
        src = self._source_iri(doc)
        self._add(src, RDF.type, KG.SourceDocument)
        self._add(src, RDF.type, PROV.Entity)
        self._add(src, RDF.type, NIF.Context)
        self._add(src, DCTERMS.source, Literal(doc.path))
        self._add(src, NIF.isString, Literal(doc.raw_text))
        self._add(src, NIF.beginIndex, offset(0))
        self._add(src, NIF.endIndex, offset(len(doc.raw_text)))
        if doc.date:
            self._add(src, SCHEMA.datePublished, self._date(doc.date))
        if doc.url:
            self._add(src, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI))
        if doc.title:
            self._add(src, DCTERMS.title, Literal(doc.title))
        # what resolving this document's people again needs, kept with it
        self._add(src, DCTERMS.language, _text(ZH_HANT if doc.is_traditional else ZH))
        if x.doc_place is not None:
            # the node `place` makes: today's division, where the report names it by a former name
            today = self._lex.gazetteer.by_code.get(x.doc_place.code, x.doc_place)
            self._add(src, SCHEMA.contentLocation, self._iri("place", today.name, today.code))
        for place, mention in x.places:
            self.place(place, x, mention)
        for org, mention in x.organizations:
            self.organization(org, x, mention)
        for holding in x.holdings:
            self._holding(holding, x)
        for post, mention in x.posts:
            self.post(post, x, mention)
        for meeting in x.meetings:
            self._meeting(meeting, x)
        for document in x.documents:
            self._document(document, x)
        for campaign in x.campaigns:
            self._campaign(campaign, x)
        add_events(self, x)

    def _holding(self, holding, x: Extraction) -> None:
        person = self._person(holding.person, x)
        post = self.post(holding.post, x, holding.title)
        date = x.doc.date
        spanned = holding.start is not None or holding.end is not None
        # a span is the line's that gives it (a biography's subject is named lines before)
        sentence = self._source_sentence(
            x, holding.title.sentence if spanned else holding.person.sentence)
        # keyed by the mention, not the person: resolving again leaves it be
        # a span keys it too: one post held twice in a biography is two holdings
        span_key = f"|{holding.start}|{holding.end}" if spanned else ""
        node = URIRef(f"{self.base}holding/"
                      + short_hash(f"{holding.person.text}|{post}|{date}|{sentence}{span_key}", 16))
        self._add(node, RDF.type, KG.PostHolding)
        self._add(node, RDF.type, ORG.Membership)
        self._add(node, KG.post, post)
        person.holdings.add((node, post))
        org = holding.post.org
        # an unresolved body (县委: OrgRef.level) is each report's own: no evidence of one person
        person.add_post(org_key(org.place.code if org.place else None, org.label)
                        if org and not org.level else "", holding.post.role,
                        org.place.code if org and org.place else None,
                        holding.start, holding.end)
        if holding.post.org is not None:
            self._add(node, ORG.organization,
                      self.organization(holding.post.org, x, holding.title))
        self._add(node, ORG.role, self.role(holding.post.role, x, holding.title))
        if date:
            self._add(node, KG.asOf, self._date(date))
            interval = URIRef(f"{node}-interval")
            instant = URIRef(f"{node}-instant")
            self._add(node, ORG.memberDuring, interval)
            self._add(interval, RDF.type, TIME.Interval)
            self._add(interval, TIME.inside, instant)
            self._add(instant, RDF.type, TIME.Instant)
            self._add(instant, TIME.inXSDDate, self._date(date))
        self._add(node, PROV.wasDerivedFrom, sentence)
        if spanned:
            for triple in span_triples(node, holding.start, holding.end):
                self._add(*triple)

    def _meeting_iri(self, label: str, date: dt.date | None) -> URIRef:
        return self._iri("meeting", label, f"{label}|{date}")

    def _meeting(self, meeting, x: Extraction) -> None:
        node = self._meeting_iri(meeting.label, meeting.date)
        self._add(node, RDF.type, KG.Meeting)
        self._add(node, RDF.type, SCHEMA.Event)
        self._labels(node, meeting.label, x.doc, aliases=meeting.aliases)
        self._derived(node, x, meeting.mention)
        if meeting.date:
            self._add(node, SCHEMA.startDate, self._date(meeting.date))
        if meeting.place is not None:
            self._add(node, SCHEMA.location, self.place(meeting.place, x, meeting.mention))
        for org in meeting.organizers:
            self._add(node, SCHEMA.organizer, self.organization(org, x, meeting.mention))
        for predicate, mentions in ((KG.chair, meeting.chair), (KG.speaker, meeting.speakers)):
            for mention in mentions:
                self._person(mention, x).roles.add((predicate, node))
                self._derived(node, x, mention)
        for key in meeting.campaigns:
            self._add(node, KG.mentions, self._campaign_iri(key))

    def _document(self, document, x: Extraction) -> None:
        publishers = sorted(p.key for p in document.publishers)
        node = self._iri("document", document.title, f"{document.title}|{'|'.join(publishers)}")
        self._add(node, RDF.type, KG.Document)
        self._add(node, RDF.type, SCHEMA.CreativeWork)
        self._labels(node, document.title, x.doc,
                     hant=x.doc.hant(document.mention.start, document.mention.end))
        self._add(node, SCHEMA.name, _text(document.title, ZH))
        self._derived(node, x, document.mention)
        for org in document.publishers:
            self._add(node, SCHEMA.publisher, self.organization(org, x, document.mention))
        if document.read_at:
            meeting = next(m for m in x.meetings if m.label == document.read_at)
            self._add(node, KG.readAt, self._meeting_iri(meeting.label, meeting.date))

    def _campaign_iri(self, key: str) -> URIRef:
        return self._iri("campaign", key, key)

    def _campaign(self, campaign, x: Extraction) -> None:
        node = self._campaign_iri(campaign.key)
        self._add(node, RDF.type, KG.Campaign)
        self._add(node, RDF.type, PROV.Entity)
        self._labels(node, campaign.label, x.doc,
                     aliases=(campaign.surface, campaign.mention.text))
        self._derived(node, x, campaign.mention)
        if campaign.place is not None:
            self._add(node, SCHEMA.location, self.place(campaign.place, x, campaign.mention))
        for org in campaign.launched_by:
            self._add(node, KG.launchedBy, self.organization(org, x, campaign.mention))


def build_graph(extractions: Iterable[Extraction], *, base: str = DEFAULT_BASE) -> Graph:
    builder = GraphBuilder(base=base)
    for x in extractions:
        builder.add(x)
    return builder.finish()
