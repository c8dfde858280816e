"""One document's triples made where it was extracted (a worker process),
so the process writing the graph only appends text: `document_triples`."""

from __future__ import annotations

from collections.abc import Iterable

from kg.graph.ns import DEFAULT_BASE
from kg.graph.people import SOME_PERSON, DocumentTriples, PersonPart, member_triples
from kg.graph.rdf import GraphBuilder, document_key
from kg.graph.terms import nt_line
from kg.model import Extraction


class _NTriplesLines:
    """A sink keeping each distinct triple once, as an N-Triples line, in the
    order first added."""

    def __init__(self) -> None:
        self.lines: dict[str, None] = {}

    def add(self, triple) -> None:
        self.lines[nt_line(triple)] = None


class _HandedOn:
    """The lines this process has already returned in one build.

    Most of a report's triples that describe shared nodes (roles, places,
    bodies, their types) were in an earlier report; dropping them where they
    are made saves the pipe and the store's loader six lines in ten. Sound
    because every earlier result of the same build reaches its sink: a failed
    document adds nothing here, and a worker that dies takes the set with
    it. Kept for one build at a time (another build id empties it) and
    bounded (emptied when full)."""

    limit = 100_000

    def __init__(self) -> None:
        self.build: str | None = None
        self.lines: set[str] = set()

    def keep_new(self, build: str, lines: Iterable[str]) -> list[str]:
        if build != self.build:
            self.build, self.lines = build, set()
        new = [line for line in lines if line not in self.lines]
        if len(self.lines) + len(new) > self.limit:
            self.lines.clear()
        self.lines.update(new)
        return new


_HANDED_ON = _HandedOn()


def document_triples(x: Extraction, *, base: str = DEFAULT_BASE,
                     build: str | None = None) -> DocumentTriples:
    """Everything `GraphBuilder.add(x)` writes, except person nodes, as text.

    Given a `build` id, lines this process already returned for an earlier
    document of that build are left out (`_HandedOn`)."""
    collector = _NTriplesLines()
    builder = GraphBuilder.streaming(collector, base=base)
    builder.add(x)
    lines = collector.lines if build is None else _HANDED_ON.keep_new(build, collector.lines)
    people = {}
    for name, facts in builder.facts_of(document_key(x.doc)).items():
        person = _NTriplesLines()
        for triple in member_triples(SOME_PERSON, facts):
            person.add(triple)
        people[name] = PersonPart(facts.candidate(), "".join(person.lines).encode("utf-8"))
    return DocumentTriples(document_key(x.doc), "".join(lines), people)
