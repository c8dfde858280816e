"""kg.graph.people.PersonParts: workers' person triples kept on disk until resolution."""

from __future__ import annotations

import datetime as dt

from kg.graph.people import PersonPart, PersonParts
from kg.graph.resolve import Candidate


def _part(name: str, doc: str, triples: str) -> PersonPart:
    return PersonPart(Candidate(name, doc, dt.date(2019, 1, 1), (), ()), triples.encode("utf-8"))


def test_parts_give_back_each_documents_triples_and_every_candidate():
    parts = PersonParts()
    parts.add("张健", "a", _part("张健", "a", "<x> <p> \"一\" .\n"))
    parts.add("李明", "a", _part("李明", "a", "<y> <p> \"二\" .\n"))
    parts.add("张健", "b", _part("张健", "b", "<x> <p> \"三\" .\n"))
    assert parts.ntriples("张健", "b") == "<x> <p> \"三\" .\n".encode("utf-8")
    assert parts.ntriples("张健", "a") == "<x> <p> \"一\" .\n".encode("utf-8")
    assert parts.ntriples("李明", "b") is None and parts.ntriples("王五", "a") is None
    assert sorted(c.doc for c in parts.candidates("张健")) == ["a", "b"]
    assert list(parts.candidates("王五")) == []


def test_a_document_given_again_replaces_what_it_said():
    parts = PersonParts()
    parts.add("张健", "a", _part("张健", "a", "old\n"))
    parts.add("张健", "a", _part("张健", "a", "new\n"))
    assert parts.ntriples("张健", "a") == b"new\n"
    assert len(list(parts.candidates("张健"))) == 1
