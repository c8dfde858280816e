"""The per-document pipeline: file → Document → AnnotatedDocument → Extraction.

Extraction is an ordered list of named stages (`STAGES`), each
`stage(doc, lang) -> doc` over one `AnnotatedDocument`: a stage reads the
layers earlier stages filled in and adds its own, and its docstring's
"Reads: …. Adds: …." line names them (tests/test_pipeline.py holds each stage
to it). `extract(doc, stages=...)` runs another list. Each document is
processed on its own, so this is the map step that runs in worker processes;
merging into one graph happens in `kg.graph.rdf`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kg.extract import careers, events, orgs, recognize, relate, titles
from kg.lang.language import Language, default_language
from kg.model import AnnotatedDocument, Document, Extraction, Sentence, Tokens
from kg.text.document import load_document
from kg.text.normalize import split_sentences
from kg.text.segment import segment

Stage = Callable[[AnnotatedDocument, Language], AnnotatedDocument]

# Order matters where a stage reads another's layer: bodies are read against
# the report's place, titles against the bodies named on their own, people
# after the titles that introduce them, participants after the meetings.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("places", recognize.places),
    ("organizations", orgs.organizations),
    ("titles", titles.titles),
    ("careers", careers.careers),
    ("people", recognize.people),
    ("meetings", relate.meetings),
    ("participants", relate.participants),
    ("documents", relate.documents),
    ("campaigns", relate.campaigns),
    ("meeting campaigns", relate.meeting_campaigns),
    ("events", events.events),
)


def annotate(doc: Document) -> AnnotatedDocument:
    """The document with its sentences and tokens, before any stage has run."""
    sentences = tuple(Sentence(doc.id, i, s, e, doc.text[s:e])
                      for i, (s, e) in enumerate(split_sentences(doc.text)))
    return AnnotatedDocument(doc, sentences, Tokens(segment(doc.text)))


def extract(doc: Document, *, lang: Language | None = None,
            stages: tuple[tuple[str, Stage], ...] = STAGES) -> Extraction:
    """Everything one document says, as facts with their mentions."""
    lang = lang or default_language()
    annotated = annotate(doc)
    for _name, stage in stages:
        annotated = stage(annotated, lang)
    return annotated.extraction()


def process_file(path: Path, *, date: dt.date | None = None, shown_as: str | None = None) -> Extraction:
    """Everything one file says (see `kg.text.document.load_document` for the arguments)."""
    return extract(load_document(path, date=date, shown_as=shown_as))
