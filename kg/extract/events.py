"""Events between named people: talks (会见, 会谈, 通电话), messages (贺电, 致电,
复信) and inspections (考察, 调研, 视察), each from the sentence that reports it.

The words are kg/data/events.yaml's. A sentence reports an event when it names
the event word and, in the clause before the word, no mark of another time
(去年…会晤, 将于…会见). Who took part is read from the people earlier stages
found, plus the names a title follows in the same sentence (胡锦涛主席同瓦塔拉总统):
people named in a clause ending in a presence word (杨洁篪参加会见, 王沪宁等陪同)
are present, not participants.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.model import (AnnotatedDocument, Document, InspectionFact, Mention, MessageFact, Place,
                      Sentence, TalkFact)
from kg.text.document import written_date

_CLAUSE_END = "，。；：！？"
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff·\-－]{2,12}")


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding `pos` begins (after the last , or 。 before it)."""
    cut = max(text.rfind(c, start, pos) for c in _CLAUSE_END)
    return start if cut < 0 else cut + 1


def _now(text: str, clause_start: int, pos: int, lex: Lexicon) -> bool:
    """Whether the clause before an event word tells it as the report's own, not
    past (去年…会晤) or future (将于…会见)."""
    return not any(marker in text[clause_start:pos] for marker in lex.words("not_now_markers"))


def _find_words(text: str, start: int, end: int, words: tuple[str, ...]):
    """(position, word) of each of `words` in text[start:end], longest first, none overlapping."""
    taken: list[tuple[int, int]] = []
    for word in _longest_first(words):
        pos = text.find(word, start, end)
        while pos >= 0:
            if not any(s < pos + len(word) and pos < e for s, e in taken):
                taken.append((pos, pos + len(word)))
            pos = text.find(word, pos + 1, end)
    return sorted((s, text[s:e]) for s, e in taken)


def titled_names(doc: Document, sent: Sentence, people: list[Mention],
                 lex: Lexicon, taken: list[Mention] = ()) -> list[Mention]:
    """Names a title follows (胡锦涛主席, 瓦塔拉总统), other than those earlier stages found.

    The name runs back from the title to the clause's start or a partner word
    (同, 与); a stretch that is a country or place (俄罗斯总统普京), overlaps a
    body or place earlier stages found (`taken`: 欧洲理事会主席), or is a title
    before a known name (国家主席习近平) is not a name.
    """
    text, found = doc.text, []
    stops = _longest_first(lex.words("partner_markers") + lex.words("recipient_markers")
                           + lex.words("talk_words") + ("、",))
    known_starts = {m.start for m in people}
    for pos, _title in _find_words(text, sent.start, sent.end, lex.words("title_after_name")):
        end = pos + len(_title)
        if end in known_starts or any(m.start <= pos < m.end for m in people):
            continue
        begin = _clause_start(text, sent.start, pos)
        for stop in stops:
            at = text.rfind(stop, begin, pos)
            if at >= 0:
                begin = max(begin, at + len(stop))
        name = text[begin:pos]
        if any(m.start < pos and begin < m.end for m in taken):
            continue
        if any(word in name for word in lex.words("title_after_name") + lex.words("name_breakers")):
            continue
        if (not _NAME_CHARS.fullmatch(name) or name in lex.countries
                or name in lex.gazetteer.by_name or name in lex.gazetteer.by_short
                or any(name.endswith(c) for c in lex.countries) or name in lex.roles):
            continue
        found.append(Mention.of(doc, begin, pos, "person", sent.index))
    return found


_JOINERS = "·-－"


def _transliterated_run(text: str, pos: int, end: int, lex: Lexicon) -> int:
    """Where a transliterated name starting at `pos` ends: 梅德韦杰夫, 特伦斯·农贝贝."""
    i = pos
    while i < end and (text[i] in lex.translit_any or text[i] in _JOINERS
                       or (i > pos and text[i - 1] in _JOINERS)):
        i += 1
    # a stop word may run past the name's characters: 梅德韦杰夫|通电话
    cut = min((k for k in (text.find(w, pos + 1, i + len(w)) for w in lex.words("name_stops"))
               if k > 0), default=i)
    return min(cut, i)


def foreign_names(doc: Document, sent: Sentence, people: list[Mention],
                  lex: Lexicon) -> list[Mention]:
    """The people of a sentence with transliterated names read whole: a name
    cut short (梅德韦 of 梅德韦杰夫) is lengthened, and one written after a
    title (世界审计组织主席特伦斯·农贝贝) that no stage found is added."""
    text, out = doc.text, []
    for person in people:
        if all(c in lex.translit_any or c in _JOINERS for c in person.text):
            end = _transliterated_run(text, person.start, sent.end, lex)
            if end > person.end:
                person = Mention.of(doc, person.start, end, "person", sent.index)
        out.append(person)
    for pos, role in _find_words(text, sent.start, sent.end, tuple(lex.roles)):
        start = pos + len(role)
        if start >= sent.end or text[start] not in lex.translit or any(
                m.start <= start < m.end for m in out):
            continue
        end = _transliterated_run(text, start, sent.end, lex)
        if end - start >= 2 and not text[end:end + 1] in lex.translit_any:
            out.append(Mention.of(doc, start, end, "person", sent.index))
    return sorted(out, key=lambda m: m.start)


def _trimmed(doc: Document, person: Mention, lex: Lexicon) -> Mention | None:
    """The name without the words an earlier stage read on into (普京举行会 → 普京)."""
    breakers = (lex.words("name_breakers") + lex.words("talk_words") + lex.words("message_words")
                + lex.words("inspection_words"))
    cut = min((i for i in (person.text.find(w) for w in breakers) if i >= 0), default=-1)
    if cut < 0:
        return person
    if cut < 2:
        return None
    return Mention.of(doc, person.start, person.start + cut, "person", person.sentence)


def _split_present(text: str, sent: Sentence, people: list[Mention],
                   lex: Lexicon) -> tuple[list[Mention], list[Mention]]:
    """(participants, present) of the people of a sentence."""
    present_at = [pos for pos, _ in _find_words(text, sent.start, sent.end,
                                                 lex.words("present_words"))]
    present, taking_part = [], []
    for person in people:
        if any(_clause_start(text, sent.start, pos) <= person.start < pos for pos in present_at):
            present.append(person)
        else:
            taking_part.append(person)
    return taking_part, present


def _date(doc: Document, sent: Sentence, pats) -> dt.date | None:
    m = pats.date.search(doc.text, sent.start, sent.end)
    written = written_date(m, doc.date.year if doc.date else None) if m else None
    return written or doc.date


def _place_mentions(adoc: AnnotatedDocument, sentence: int) -> list[tuple[Place, Mention]]:
    return [(p, m) for p, m in adoc.places if m is not None and m.sentence == sentence]


def _most_specific(places: list[tuple[Place, Mention]], lex: Lexicon) -> tuple[Place, ...]:
    """The places no other named place lies in: 南京 of 江苏南京, not 江苏."""
    kept = [p for p, _ in places
            if not any(q != p and lex.gazetteer.contains(p, q) for q, _ in places)]
    return tuple(dict.fromkeys(kept))


def events(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: talks, messages and inspections reported as happening.

    Reads: doc, sentences, people, places, organizations. Adds: talks, messages, inspections.
    """
    doc, lex, text = adoc.doc, lang.lexicon, adoc.doc.text
    talks: dict[tuple, TalkFact] = {}
    messages: dict[tuple, MessageFact] = {}
    inspections: dict[tuple, InspectionFact] = {}
    for sent in adoc.sentences:
        if not any(w in sent.text for w in _EVENT_WORDS(lex)):
            continue
        named = foreign_names(doc, sent, [t for t in (_trimmed(doc, m, lex) for m in adoc.people
                                                      if m.sentence == sent.index)
                                          if t is not None], lex)
        taken = [m for _, m in adoc.organizations if m.sentence == sent.index] + [
            m for _, m in adoc.places if m is not None and m.sentence == sent.index]
        people = [m for m in sorted(named + titled_names(doc, sent, named, lex, taken),
                                    key=lambda m: m.start)
                  if not any(t.start < m.end and m.start < t.end for t in taken)
                  and not text.startswith(lex.words("not_names"), m.start)]
        if not people:
            continue
        date = _date(doc, sent, lang.patterns)
        for talk in _talks(doc, sent, people, lex, date, adoc):
            talks.setdefault((talk.kind, tuple(sorted(m.text for m in talk.participants))), talk)
        for message in _messages(doc, sent, people, lex, date, adoc):
            messages.setdefault((message.sender.text, message.recipient_label), message)
        for visit in _inspections(doc, sent, people, lex, date, adoc):
            key = (tuple(m.text for m in visit.people), tuple(p.code for p in visit.places))
            inspections.setdefault(key, visit)
    return replace(adoc, talks=tuple(talks.values()), messages=tuple(messages.values()),
                   inspections=tuple(inspections.values()))


def _EVENT_WORDS(lex: Lexicon) -> tuple[str, ...]:
    return lex.words("talk_words") + lex.words("message_words") + lex.words("inspection_words")


def _once(people: list[Mention]) -> tuple[Mention, ...]:
    return tuple({m.text: m for m in reversed(people)}.values())[::-1]


def _talks(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
           date: dt.date | None, adoc: AnnotatedDocument):
    text = doc.text
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("talk_words")):
        after = text[pos + len(word):sent.end]
        if after.startswith(lex.words("talk_not_before")):
            continue
        if not _now(text, _clause_start(text, sent.start, pos), pos, lex):
            continue
        taking_part, present = _split_present(text, sent, people, lex)
        taking_part = _once(taking_part)
        if len(taking_part) < 2:
            continue
        places = _most_specific(_place_mentions(adoc, sent.index), lex)
        yield TalkFact(kind=word, mention=Mention.of(doc, pos, pos + len(word), "meeting",
                                                       sent.index),
                       participants=taking_part, present=_once(present), date=date,
                       place=places[0] if len(places) == 1 else None)
        return  # one talk a sentence: a later word in it speaks of the same


def _messages(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
              date: dt.date | None, adoc: AnnotatedDocument):
    text = doc.text
    bodies = [(o, m) for o, m in adoc.organizations if m.sentence == sent.index]
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("message_words")):
        begin = _clause_start(text, sent.start, pos)
        if not _now(text, begin, pos, lex):
            continue
        mention = Mention.of(doc, pos, pos + len(word), "meeting", sent.index)
        kind = word
        for purpose, purpose_kind in zip(lex.words("purpose_words"), lex.words("purpose_kinds")):
            if text.startswith(purpose, pos + len(word)):
                kind = purpose_kind
        before = [m for m in people if m.end <= pos and m.start >= sent.start]
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
        marker = next((p for p in reversed(_find_words(text, sent.start, pos,
                                                       lex.words("recipient_markers")))), None)
        if marker is not None:
            senders = [m for m in before if m.end <= marker[0]]
            recipients = [m for m in before if m.start > marker[0]]
            body = next((o for o, m in bodies if marker[0] < m.start and m.end <= pos), None)
        else:
            senders = before
            after = [m for m in people if m.start >= pos + len(word)]
            recipients = after[:1]
            body = next((o for o, m in bodies if m.start >= pos + len(word)), None)
            if recipients and body is not None:
                body = None  # the person is named first: 致电祝贺托卡耶夫
        if not senders:
            continue
        for sender in senders[-1:]:
            if recipients:
                for recipient in recipients:
                    yield MessageFact(kind, mention, sender, recipient, None, date)
            elif body is not None:
                yield MessageFact(kind, mention, sender, None, body, date)


def _inspections(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
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
        yield InspectionFact(kind=word, mention=Mention.of(doc, pos, pos + len(word), "meeting",
                                                             sent.index),
                             people=inspectors, present=_once(present), places=places,
                             date=date)
        return
