"""Inspections (考察, 调研, 视察): who inspected which places, from the sentence
that reports it and the places the report goes on to name."""

from __future__ import annotations

import datetime as dt

from kg.extract.event_text import (_clause_start, _find_words, _most_specific, _now, _once,
                                   _place_mentions, _split_present)
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, Document, InspectionFact, Mention, Sentence

def read_inspections(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
                 date: dt.date | None, adoc: AnnotatedDocument):
    text = doc.text
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("inspection_words")):
        after = text[pos + len(word):sent.end]
        if after.startswith(lex.words("inspection_not_before")):
            continue
        begin = _clause_start(text, sent.start, pos)
        if text[begin:pos].endswith(lex.words("inspection_not_after")):
            continue
        if not _now(text, begin, pos, lex):
            continue
        taking_part, present = _split_present(text, sent, people, lex)
        inspectors = _once([m for m in taking_part if m.end <= pos])
        places = _most_specific(_place_mentions(adoc, sent.index), lex)
        if not inspectors or not places:
            continue
        # 在黑龙江调研 and then, sentence by sentence, 在哈尔滨… 在大庆…: the places
        # inside the one named, where the report goes on to name them
        later = [(p, m) for p, m in adoc.places if m is not None and m.sentence > sent.index
                 and any(lex.gazetteer.contains(q, p) and q != p for q in places)]
        if later:
            inner = _most_specific(later, lex)
            places = tuple(dict.fromkeys(
                [q for q in places if not any(lex.gazetteer.contains(q, p) for p in inner)]
                + list(inner)))
        yield InspectionFact(kind=word, mention=Mention.of(doc, pos, pos + len(word), "meeting",
                                                             sent.index),
                             people=inspectors, present=_once(present), places=places,
                             date=date)
        return
