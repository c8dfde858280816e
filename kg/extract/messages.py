"""Messages (贺电, 致电, 复信): who sent one to whom, from the sentence that reports it.

The sender is named before the word; the recipient after a marker before it
(向大会致贺信, 阮富仲致习近平的贺信) or after the word (致电托卡耶夫); a
recipient may be a body or the meeting it is read to (向大会发来贺信).
"""

from __future__ import annotations

import datetime as dt

from kg.extract.event_text import (_CLAUSE_END, _EVENT_WORDS, _clause_end, _clause_start,
                                   _find_words, _longest_first, _now, _read_past)
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, Document, Mention, MessageFact, Sentence

def read_messages(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
              date: dt.date | None, adoc: AnnotatedDocument):
    text = doc.text
    bodies = [(o, m) for o, m in adoc.organizations if m.sentence == sent.index]
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("message_words")):
        begin = _clause_start(text, sent.start, pos)
        if not _now(text, begin, pos, lex) or text.startswith(
                lex.words("message_not_before"), pos + len(word)):
            continue
        mention = Mention.of(doc, pos, pos + len(word), "meeting", sent.index)
        kind = word
        for purpose, purpose_kind in zip(lex.words("purpose_words"), lex.words("purpose_kinds")):
            if text.startswith(purpose, pos + len(word)):
                kind = purpose_kind
        # those named in what the message is about (就…前总统佩雷斯不幸逝世) send nothing
        topic = next((t for t, _ in reversed(_find_words(text, begin, pos,
                                                         lex.words("topic_markers")))), pos)
        before = [m for m in people if m.start >= sent.start
                  and (m.end <= topic or _topic_end(text, topic, pos, lex) < m.start)
                  and m.end <= pos]
        mutual = text[max(sent.start, pos - 2):pos] in lex.words("mutual_markers")
        if mutual:
            partner = next((p for p in _find_words(text, sent.start, pos,
                                                   lex.words("partner_markers"))), None)
            if partner is None:
                continue
            first = [m for m in before if m.end <= partner[0]]
            second = [m for m in before if m.start > partner[0]]
            for a in first[-1:]:
                for b in second[:1]:
                    yield MessageFact(kind, mention, a, b, None, date)
                    yield MessageFact(kind, mention, b, a, None, date)
            continue
        # the last marker of the clause with someone after it: 向大会致贺信 is sent 向, not 致
        markers = _find_words(text, begin, pos, lex.words("recipient_markers"))
        marker = next((p for p in reversed(markers)
                       if any(p[0] < m.start for m in before)
                       or any(p[0] < m.start and m.end <= pos for _, m in bodies)
                       or _meeting_recipient(doc, sent, p[0] + len(p[1]), pos, lex)),
                      markers[-1] if markers else None)
        meeting = None
        if marker is not None:
            senders = [m for m in before if m.end <= marker[0]]
            meeting = _meeting_recipient(doc, sent, marker[0] + len(marker[1]), pos, lex)
            # a meeting's name may hold what an earlier stage took for a name or a body
            # (中阿合作论坛第七届部长|级会议): the meeting is the recipient, not they
            recipients = [] if meeting else [_read_past(doc, m, pos, lex.words("sending_words"))
                                             for m in before if m.start > marker[0]]
            body = None if meeting else next(
                (o for o, m in bodies if marker[0] < m.start and m.end <= pos), None)
        else:
            senders = before
            # the recipient is named in the word's clause: 致电托卡耶夫，…
            clause_end = _clause_end(text, pos, sent.end)
            after = [m for m in people if pos + len(word) <= m.start < clause_end]
            recipients = after[:1]
            body = next((o for o, m in bodies if pos + len(word) <= m.start < clause_end), None)
            if recipients and body is not None:
                body = None  # the person is named first: 致电祝贺托卡耶夫
        if not senders:
            continue
        for sender in _listed(text, senders, lex):
            if recipients:
                for recipient in recipients:
                    yield MessageFact(kind, mention, sender, recipient, None, date)
            elif body is not None:
                yield MessageFact(kind, mention, sender, None, body, date)
            elif meeting is not None:
                yield MessageFact(kind, mention, sender, None, None, date, meeting)

def _topic_end(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where what a message is about, told from `start`, ends: at the first recipient
    marker (就…逝世|向), else at the message word (`end`)."""
    found = _find_words(text, start, end, lex.words("recipient_markers"))
    return found[0][0] if found else end

def _listed(text: str, people: list[Mention], lex: Lexicon) -> list[Mention]:
    """The last of `people` and those listed with it, each with its title:
    泰国国王普密蓬、斯里兰卡总统拉贾帕克萨等…向大会发来贺信 has two senders."""
    listed = people[-1:]
    for person in reversed(people[:-1]):
        between = text[person.end:listed[0].start]
        if (any(c in _CLAUSE_END for c in between)
                or not any(w in between for w in lex.words("name_separators")
                           + lex.words("partner_markers"))
                or any(w in between for w in _EVENT_WORDS(lex))):
            break
        listed.insert(0, person)
    return listed

def _meeting_recipient(doc: Document, sent: Sentence, start: int, pos: int,
                       lex: Lexicon) -> Mention | None:
    """The meeting a message is sent to, named from `start` to the message word
    at `pos` but for the verb of sending: 向|大会|发来|贺信, 向|第四届论坛|致|贺电."""
    text, end = doc.text, pos
    for verb in _longest_first(lex.words("sending_words")):
        if text.startswith(verb, end - len(verb)) and end - len(verb) > start:
            end -= len(verb)
            break
    named = text[start:end]
    if (not named or any(c in _CLAUSE_END for c in named)
            or not named.endswith(lex.words("meeting_recipients"))):
        return None
    return Mention.of(doc, start, end, "meeting", sent.index)
