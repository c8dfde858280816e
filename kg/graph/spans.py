"""A holding's span as triples: kg:startDate / kg:endDate as precise as the text
gives them (xsd:gYear 1983, xsd:gYearMonth 1991-09, xsd:date 2012-08-31), mirrored
as `org:memberDuring [ a time:ProperInterval ; time:hasBeginning … ; time:hasEnd … ]`."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kg.graph.ns import KG, ORG, RDF, TIME, XSD

_DATATYPES = ((re.compile(r"\d{4}"), XSD.gYear, TIME.inXSDgYear),
              (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth, TIME.inXSDgYearMonth),
              (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date, TIME.inXSDDate))


def partial_date(value: str) -> tuple[Literal, URIRef]:
    """The literal of an ISO 8601 year, month or day, and the OWL-Time property
    that places an instant at it."""
    for pattern, datatype, position in _DATATYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype), position
    raise ValueError(f"not a year, a year and month or a date: {value!r}")


def span_triples(holding: URIRef, start: str | None, end: str | None) -> list[tuple]:
    """The span's triples; no end while the post is held."""
    interval = URIRef(f"{holding}-span")
    triples = [(holding, ORG.memberDuring, interval), (interval, RDF.type, TIME.ProperInterval)]
    for value, prop, link, suffix in ((start, KG.startDate, TIME.hasBeginning, "begin"),
                                      (end, KG.endDate, TIME.hasEnd, "end")):
        if value is None:
            continue
        literal, position = partial_date(value)
        instant = URIRef(f"{interval}-{suffix}")
        triples += [(holding, prop, literal), (interval, link, instant),
                    (instant, RDF.type, TIME.Instant), (instant, position, literal)]
    return triples
