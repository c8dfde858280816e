"""The RDF stage: extractions in, one rdflib graph out.

The only module that writes rdflib terms. Entities get deterministic IRIs
(`kg.iri`), so the same entity from two documents is one node and adding a
document twice changes nothing. Every entity and relation node is derived
from at least one `kg:Sentence`, whose offsets point into the original file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef

from kg.iri import mint, pinyin_label, short_hash
from kg.lexicon import load_lexicon
from kg.model import Document, Extraction, Mention, OrgRef, Place, PostRef
from kg.normalize import to_traditional
from kg.ns import (DCTERMS, DEFAULT_BASE, FOAF, KG, NIF, ORG, PREFIXES, PROV, RDF, RDFS,
                   SCHEMA, SKOS, TIME, XSD)



@lru_cache(maxsize=1)
def org_type_concepts() -> dict[str, tuple[URIRef, list[tuple]]]:
    """Organisation types from ontology/kg.ttl: notation → (IRI, its triples).

    The triples (type, notation, labels) are copied into every graph that
    uses the type, so a graph file answers "which bodies are courts" alone.
    """
    onto = Graph().parse(data=resources.files("kg").joinpath("ontology", "kg.ttl")
                         .read_text(encoding="utf-8"), format="turtle")
    out = {}
    for concept in onto.subjects(RDF.type, KG.OrganizationType):
        notation = str(onto.value(concept, SKOS.notation))
        out[notation] = (concept, sorted(onto.triples((concept, None, None))))
    return out

ZH = "zh-Hans"
ZH_HANT = "zh-Hant"
PINYIN = "zh-Latn-pinyin"


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


class GraphBuilder:
    """Adds one document's extraction at a time to a graph."""

    def __init__(self, graph: Graph | None = None, *, base: str = DEFAULT_BASE) -> None:
        self.graph = graph if graph is not None else new_graph()
        self.base = base
        self._lex = load_lexicon()

    # -------------------------------------------------------------- helpers

    def _iri(self, kind: str, label: str, key: str) -> URIRef:
        return URIRef(mint(self.base, kind, label, key))

    def _add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def _labels(self, node: URIRef, label: str, doc: Document, *, hant: str | None = None,
                aliases: Iterable[str] = ()) -> None:
        self._add(node, RDFS.label, Literal(label, lang=ZH))
        if doc.is_traditional:
            traditional = hant or to_traditional(label)
            if traditional != label:
                self._add(node, RDFS.label, Literal(traditional, lang=ZH_HANT))
        for alias in aliases:
            if alias != label:
                self._add(node, SKOS.altLabel, Literal(alias, lang=ZH))

    def _source_sentence(self, x: Extraction, sentence_index: int) -> URIRef:
        doc = x.doc
        sent = x.sentences[sentence_index]
        start, end = doc.original_span(sent.start, sent.end)
        node = URIRef(f"{self._source_iri(doc)}#char={start},{end}")
        self._add(node, RDF.type, KG.Sentence)
        self._add(node, RDF.type, NIF.Sentence)
        self._add(node, NIF.referenceContext, self._source_iri(doc))
        self._add(node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger))
        self._add(node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger))
        self._add(node, NIF.anchorOf, Literal(doc.raw_text[start:end]))
        return node

    def _derived(self, node: URIRef, x: Extraction, mention: Mention) -> None:
        self._add(node, PROV.wasDerivedFrom, self._source_sentence(x, mention.sentence))

    def _source_iri(self, doc: Document) -> URIRef:
        return URIRef(f"{self.base}source/{doc.id}")

    def _date(self, value: dt.date) -> Literal:
        return Literal(value.isoformat(), datatype=XSD.date)

    # -------------------------------------------------------------- entities

    def place(self, place: Place, x: Extraction, mention: Mention) -> URIRef:
        node = self._iri("place", place.name, place.code)
        self._add(node, RDF.type, KG.Place)
        self._add(node, RDF.type, SCHEMA.AdministrativeArea)
        self._labels(node, place.name, x.doc)
        self._add(node, RDFS.label, Literal(pinyin_label(place.name), lang=PINYIN))
        self._add(node, KG.divisionCode, Literal(place.code))
        self._add(node, KG.divisionLevel, Literal(place.level))
        self._derived(node, x, mention)
        gaz = self._lex.gazetteer
        if place.parent and place.parent in gaz.by_code:
            parent = self.place(gaz.by_code[place.parent], x, mention)
            self._add(node, SCHEMA.containedInPlace, parent)
        return node

    def organization(self, org: OrgRef, x: Extraction, mention: Mention) -> URIRef:
        key = org.key if org.place is not None or org.org_type else f"{x.doc.id}|{org.label}"
        node = self._iri("org", org.label, key)
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
        if mention.text not in (org.label, *org.aliases) and len(mention.text) > 2:
            self._add(node, SKOS.altLabel, Literal(mention.text, lang=ZH))
        self._derived(node, x, mention)
        return node

    def role(self, role: str, x: Extraction, mention: Mention) -> URIRef:
        node = self._iri("role", role, role)
        self._add(node, RDF.type, KG.Role)
        self._add(node, RDF.type, ORG.Role)
        self._labels(node, role, x.doc)
        self._derived(node, x, mention)
        return node

    def post(self, post: PostRef, x: Extraction, mention: Mention) -> URIRef:
        node = self._iri("post", post.label, post.key)
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

    def person(self, mention: Mention, x: Extraction) -> URIRef:
        name = mention.text
        scope = x.doc_place.code if x.doc_place else x.doc.id
        node = self._iri("person", name, f"{name}|{scope}")
        self._add(node, RDF.type, KG.Person)
        self._add(node, RDF.type, FOAF.Person)
        self._add(node, RDF.type, SCHEMA.Person)
        self._labels(node, name, x.doc, hant=x.doc.hant(mention.start, mention.end))
        surname = 2 if name[:2] in self._lex.compound_surnames else 1
        self._add(node, RDFS.label, Literal(pinyin_label(name, surname_length=surname),
                                            lang=PINYIN))
        self._derived(node, x, mention)
        return node

    # -------------------------------------------------------------- documents

    def add(self, x: Extraction) -> None:
        """Add everything one document yields."""
        doc = x.doc
        src = self._source_iri(doc)
        self._add(src, RDF.type, KG.SourceDocument)
        self._add(src, RDF.type, PROV.Entity)
        self._add(src, RDF.type, NIF.Context)
        self._add(src, DCTERMS.source, Literal(doc.path))
        self._add(src, NIF.isString, Literal(doc.raw_text))
        self._add(src, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger))
        self._add(src, NIF.endIndex, Literal(len(doc.raw_text), datatype=XSD.nonNegativeInteger))
        if doc.date:
            self._add(src, SCHEMA.datePublished, self._date(doc.date))
        for place, mention in x.places:
            self.place(place, x, mention)
        for org, mention in x.organizations:
            self.organization(org, x, mention)
        for holding in x.holdings:
            self._holding(holding, x)
        people = {}
        for meeting in x.meetings:
            self._meeting(meeting, x, people)
        for document in x.documents:
            self._document(document, x)
        for campaign in x.campaigns:
            self._campaign(campaign, x)

    def _holding(self, holding, x: Extraction) -> None:
        person = self.person(holding.person, x)
        post = self.post(holding.post, x, holding.title)
        date = x.doc.date
        sentence = self._source_sentence(x, holding.person.sentence)
        node = URIRef(f"{self.base}holding/"
                      + short_hash(f"{person}|{post}|{date}|{sentence}", 16))
        self._add(node, RDF.type, KG.PostHolding)
        self._add(node, RDF.type, ORG.Membership)
        self._add(node, ORG.member, person)
        self._add(node, KG.post, post)
        self._add(person, ORG.holds, post)
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

    def _meeting_iri(self, label: str, date: dt.date | None) -> URIRef:
        return self._iri("meeting", label, f"{label}|{date}")

    def _meeting(self, meeting, x: Extraction, people) -> None:
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
        for mention in meeting.chair:
            self._add(node, KG.chair, self.person(mention, x))
            self._derived(node, x, mention)
        for mention in meeting.speakers:
            self._add(node, KG.speaker, self.person(mention, x))
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
        self._add(node, SCHEMA.name, Literal(document.title, lang=ZH))
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
    return builder.graph
