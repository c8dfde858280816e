"""The triples of the events of one extraction: kg:Talks, kg:Message, kg:Inspection.

Written through a `kg.graph.rdf.GraphBuilder` (passed in, so this module sits
beside rdf.py, not above it): people are linked as the builder links a
meeting's chair, by the predicate pointing from the event to whoever the name
resolves to. An event's IRI is keyed by its kind, its people and its date, so
two reports of one talk are one node.
"""

from __future__ import annotations

from kg.graph.ns import KG, PROV, RDF, SCHEMA
from kg.model import Extraction


def add_events(builder, x: Extraction) -> None:
    for talk in x.talks:
        names = sorted(m.text for m in talk.participants)
        node = builder._iri("talks", talk.kind, f"{talk.kind}|{'|'.join(names)}|{talk.date}")
        _event(builder, node, (KG.Talks, KG.Meeting, SCHEMA.Event), talk.kind, talk.mention, x)
        if talk.date:
            builder._add(node, SCHEMA.startDate, builder._date(talk.date))
        if talk.place is not None:
            builder._add(node, SCHEMA.location, builder.place(talk.place, x, talk.mention))
        _people(builder, node, x, SCHEMA.attendee, talk.participants)
        _people(builder, node, x, KG.present, talk.present)
    for message in x.messages:
        node = builder._iri("message", message.kind,
                            f"{message.kind}|{message.sender_label}|{message.recipient_label}"
                            f"|{message.date}")
        _event(builder, node, (KG.Message, SCHEMA.Message), message.kind, message.mention, x)
        if message.date:
            builder._add(node, SCHEMA.dateSent, builder._date(message.date))
        if message.sender is not None:
            _people(builder, node, x, SCHEMA.sender, (message.sender,))
        else:
            builder._add(node, SCHEMA.sender,
                         builder.organization(message.sender_body, x, message.mention))
        if message.recipient is not None:
            _people(builder, node, x, SCHEMA.recipient, (message.recipient,))
        elif message.recipient_body is not None:
            builder._add(node, SCHEMA.recipient,
                         builder.organization(message.recipient_body, x, message.mention))
        else:
            builder._add(node, SCHEMA.recipient, _meeting(builder, message.recipient_meeting, x))
    for visit in x.inspections:
        names = sorted(m.text for m in visit.people)
        codes = sorted([p.code for p in visit.places] + [s.label for s in visit.sites])
        node = builder._iri("inspection", visit.kind,
                            f"{'|'.join(names)}|{'|'.join(codes)}|{visit.date}")
        _event(builder, node, (KG.Inspection, SCHEMA.Event), visit.kind, visit.mention, x)
        if visit.date:
            builder._add(node, SCHEMA.startDate, builder._date(visit.date))
        for place in visit.places:
            builder._add(node, SCHEMA.location, builder.place(place, x, visit.mention))
        for site in visit.sites:
            builder._add(node, SCHEMA.location, _site(builder, site, x))
        _people(builder, node, x, SCHEMA.attendee, visit.people)
        _people(builder, node, x, KG.present, visit.present)


def _meeting(builder, mention, x: Extraction):
    """The meeting a message is sent to, as the report names it (大会): one node per
    report, since every congress is 大会 somewhere."""
    node = builder._iri("meeting", mention.text, f"{x.doc.id}|{mention.text}")
    _event(builder, node, (KG.Meeting, SCHEMA.Event), mention.text, mention, x)
    return node


def _site(builder, site, x: Extraction):
    """A site, one node per division it lies in (per report, when none is named)."""
    within = site.within.code if site.within is not None else x.doc.id
    node = builder._iri("site", site.label, f"{within}|{site.label}")
    _event(builder, node, (KG.Site, SCHEMA.Place), site.label, site.mention, x)
    if site.within is not None:
        builder._add(node, SCHEMA.containedInPlace, builder.place(site.within, x, site.mention))
    return node


def _event(builder, node, classes, label: str, mention, x: Extraction) -> None:
    for cls in classes:
        builder._add(node, RDF.type, cls)
    builder._labels(node, label, x.doc)
    builder._add(node, PROV.wasDerivedFrom, builder._source_sentence(x, mention.sentence))


def _people(builder, node, x: Extraction, predicate, mentions) -> None:
    for mention in mentions:
        builder._person(mention, x).roles.add((predicate, node))
