"""Careers out of a graph: the researcher's table and the timeline page.

`career_rows` reads every post holding: who (the resolved person's IRI and
name), which post (its label, role, body and the body's place), when (a span's
kg:startDate / kg:endDate as precise as the text, else the report's kg:asOf),
and where it is said (the source document and the sentence). `kg export GRAPH
-o careers.csv --careers` writes them (kg.views.export), `kg timeline` draws
them (kg.views.timeline).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import rdflib

from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, ZH_HANS, has_language


@dataclass(frozen=True)
class CareerRow:
    """One post held, as the table's columns; "" where the graph says nothing.

    person: the person's IRI (homonyms resolved apart have different ones);
    name: the person's name; post: the post's label (正定县委副书记); role:
    the role (副书记); body: the organisation's label (正定县委); place: the
    body's jurisdiction (正定县); start, end: the span the text gives (1982,
    1993-05, 2014-06-27), end "" while still held; as_of: the report's date,
    for a post the text says is held then; document: the source file or corpus
    item; sentence: the sentence that says so.
    """

    person: str
    name: str
    post: str
    role: str
    body: str
    place: str
    start: str
    end: str
    as_of: str
    document: str
    sentence: str


# the table's columns, in the order of CareerRow (docs/careers.md says what each holds)
CAREER_COLUMNS = tuple(f.name for f in fields(CareerRow))


def row_values(row: CareerRow) -> tuple[str, ...]:
    return tuple(getattr(row, column) for column in CAREER_COLUMNS)


def row_of(values: dict[str, str]) -> CareerRow:
    return CareerRow(**{column: values[column] for column in CAREER_COLUMNS})


def _label(g: rdflib.Graph, node) -> str:
    if node is None:
        return ""
    return next((str(o) for o in sorted(g.objects(node, RDFS.label)) if has_language(o, ZH_HANS)),
                "")


def _text(value) -> str:
    return "" if value is None else str(value)


def career_rows(g: rdflib.Graph, name: str | None = None) -> list[CareerRow]:
    """Every post holding of the graph (of the people named `name`), in order
    of person, then date (a span's start, else the report's date)."""
    rows = []
    for holding in g.subjects(RDF.type, KG.PostHolding):
        person = g.value(holding, ORG.member)
        person_name = _label(g, person)
        if person is None or name is not None and person_name != name:
            continue
        org = g.value(holding, ORG.organization)
        sentence = g.value(holding, PROV.wasDerivedFrom)
        source = g.value(sentence, NIF.referenceContext) if sentence is not None else None
        rows.append(CareerRow(
            person=str(person), name=person_name,
            start=_text(g.value(holding, KG.startDate)), as_of=_text(g.value(holding, KG.asOf)),
            end=_text(g.value(holding, KG.endDate)),
            post=_label(g, g.value(holding, KG.post)), role=_label(g, g.value(holding, ORG.role)),
            body=_label(g, org),
            place=_label(g, g.value(org, KG.jurisdiction)) if org is not None else "",
            document=_text(g.value(source, DCTERMS.source)) if source is not None else "",
            sentence=_text(g.value(sentence, NIF.anchorOf)) if sentence is not None else ""))
    return sorted(rows, key=_order)


def _order(row: CareerRow) -> tuple:
    return (row.person, row.start or row.as_of, row.post, row.document, row.sentence, row.end)
