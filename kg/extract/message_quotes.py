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
                    lex: Lexicon, date: Callable[[Sentence], dt.date | None],
                    senders: set[str]) -> list[MessageFact]:
    """The messages the report quotes, each from the person its clause names before the venue
    marker (events.yaml venue_markers) to the one its first sentence congratulates; `people`
    and `date` give a sentence's people and date. Not from one of `senders`, who sent a
    message the report tells already: 习近平致电祝贺普京…。李克强致电梅德韦杰夫…。李克强在贺电
    中表示 quotes 李克强's to 梅德韦杰夫."""
    if not adoc.sentences:
        return []
    recipient = _congratulated(adoc, adoc.sentences[0], people(adoc.sentences[0]), lex)
    if recipient is None:
        return []
    text, found = adoc.doc.text, []
    for sent in adoc.sentences[1:]:
        for pos, word in _find_words(text, sent.start, sent.end, lex.words("message_words")):
            end = pos + len(word)
            quoted = any(text.startswith(marker, end)
                         and text.startswith(lex.words("turn_words"), end + len(marker))
                         for marker in lex.words("quote_markers"))
            venue = next((v for v in lex.words("venue_markers") if text.endswith(v, 0, pos)), None)
            if not quoted or venue is None:
                continue
            begin = _clause_start(text, sent.start, pos)
            named = [m for m in people(sent) if begin <= m.start and m.end == pos - len(venue)]
            if named and named[-1].text not in senders | {recipient.text}:
                found.append(MessageFact(word, Mention.of(adoc.doc, pos, end, "meeting", sent.index),
                                         named[-1], recipient, None, date(sent)))
    return found


def _congratulated(adoc: AnnotatedDocument, sent: Sentence, people: list[Mention],
                   lex: Lexicon) -> Mention | None:
    """The person a sentence congratulates: named right after a word of congratulation
    (events.yaml congratulation_words: 祝贺习近平当选; not 吊唁, after which the dead are)."""
    text = adoc.doc.text
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("congratulation_words")):
        named = next((m for m in people if m.start == pos + len(word)), None)
        if named is not None:
            return named
    return None
