"""Messages a report tells by quoting them: in a report of the congratulations someone
received (一些国家和政党领导人…近日致电或致函，热烈祝贺习近平当选…), each leader quoted from his
message (俄罗斯总统普京在贺电中表示，…) sent one to the one the report's first sentence
congratulates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kg.extract.event_text import _clause_start, _find_words
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, MessageFact, Mention, Sentence


def quoted_messages(adoc: AnnotatedDocument, people: Callable[[Sentence], list[Mention]],
                    lex: Lexicon, date: dt.date | None) -> list[MessageFact]:
    """The messages the report quotes, each from the person its clause names before the venue
    marker (events.yaml venue_markers) to the one its first sentence congratulates; `people`
    gives a sentence's people."""
    if not adoc.sentences:
        return []
    recipient = _congratulated(adoc, adoc.sentences[0], people(adoc.sentences[0]), lex)
    if recipient is None:
        return []
    text, found = adoc.doc.text, []
    for sent in adoc.sentences[1:]:
        for pos, word in _find_words(text, sent.start, sent.end, lex.words("message_words")):
            end = pos + len(word)
            quoted = text.startswith(lex.words("quote_markers"), end) and any(
                text.startswith(turn, end + len(marker))
                for marker in lex.words("quote_markers") for turn in lex.words("turn_words"))
            venue = next((v for v in lex.words("venue_markers") if text.endswith(v, 0, pos)), None)
            if not quoted or venue is None:
                continue
            begin = _clause_start(text, sent.start, pos)
            senders = [m for m in people(sent) if begin <= m.start and m.end == pos - len(venue)]
            if senders and senders[-1].text != recipient.text:
                found.append(MessageFact(word, Mention.of(adoc.doc, pos, end, "meeting", sent.index),
                                         senders[-1], recipient, None, date))
    return found


def _congratulated(adoc: AnnotatedDocument, sent: Sentence, people: list[Mention],
                   lex: Lexicon) -> Mention | None:
    """The person a sentence congratulates: named right after a purpose word (祝贺习近平当选)."""
    text = adoc.doc.text
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("purpose_words")):
        named = next((m for m in people if m.start == pos + len(word)), None)
        if named is not None:
            return named
    return None
