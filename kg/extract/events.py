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
from dataclasses import replace

from kg.extract.event_text import (_CLAUSE_END, _EVENT_WORDS, _clause_end, _clause_start,
                                   _find_words, _longest_first, _once, counted)
from kg.extract.inspections import read_inspections
from kg.extract.message_quotes import quoted_messages
from kg.extract.messages import read_messages
from kg.extract.talks import both_sides, joining, read_talks, told_apart
from kg.extract.foreign_names import hyphenated, transliteration
from kg.extract.foreign_runs import transliterated_run
from kg.extract.name_words import FOREIGN_JOINER, long_glue, past_particle
from kg.extract.names import confirmed, judged, name_length, tagged_person
from kg.extract.title_names import name_before_title
from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import Patterns
from kg.model import (AnnotatedDocument, Document, InspectionFact, Mention, MessageFact, Sentence,
                      TalkFact)
from kg.text.document import written_date

# a name a title introduces that the clause ends has at most this many characters
_LONGEST_NAME_TO_CLAUSE_END = 6


def titled_names(adoc: AnnotatedDocument, sent: Sentence, people: list[Mention],
                 lang: Language, taken: list[Mention] = ()) -> list[Mention]:
    """Names a title follows (胡锦涛主席, 瓦塔拉总统), other than those earlier stages found.

    The name runs back from the title to the clause's start or a partner word
    (同, 与), as the name recogniser reads it; a stretch overlapping a body or place
    earlier stages found (`taken`: 欧洲理事会主席) is not a name.
    """
    doc, lex = adoc.doc, lang.lexicon
    text, found = doc.text, []
    stops = _longest_first(lex.words("partner_markers") + lex.words("recipient_markers")
                           + lex.words("talk_words") + lex.words("name_separators"))
    known_starts = {m.start for m in people}
    for pos, _title in _find_words(text, sent.start, sent.end, lex.words("title_after_name")):
        end = pos + len(_title)
        # the title may end a longer one: 前|众议长, not 前众|议长
        pos = min((end - len(r) for r in lex.roles
                   if len(r) > len(_title) and text.startswith(r, end - len(r))
                   and end - len(r) >= sent.start), default=pos)
        if end in known_starts or any(m.start <= pos < m.end for m in people):
            continue
        begin = _clause_start(text, sent.start, pos)
        for stop in stops:
            at = text.rfind(stop, begin, pos)
            if at >= 0:
                begin = max(begin, at + len(stop))
        begin = past_particle(text, begin, lex)
        if any(m.start < pos and begin < m.end for m in taken):
            continue
        start = name_before_title(text, begin, pos, sent.end, adoc.tokens, lex, lang.patterns)
        if start is not None:
            found.append(Mention.of(doc, start, pos, "person", sent.index))
    return found


def proposed_names(adoc: AnnotatedDocument, sent: Sentence, people: list[Mention],
                   lang: Language) -> list[Mention]:
    """The people of a sentence, with the names no stage found where an event's
    sentence puts them, each read by the name recogniser: after a title (which
    vouches for a foreign name: 世界审计组织主席特伦斯·农贝贝), after a word that
    names the other side (同, 会见, 向) or a country, at a clause's start (赵乐际一同调研); a
    name an earlier stage cut short (梅德韦 of 梅德韦杰夫, 萨尔 of 萨尔基相) is read whole."""
    doc, lex = adoc.doc, lang.lexicon
    text = doc.text
    # a foreign title may come before the name too (沙特国王萨勒曼, 卡塔尔埃米尔塔米姆)
    starts = {pos + len(role): True for pos, role in _find_words(
        text, sent.start, sent.end, tuple(lex.roles) + lex.words("title_after_name"))}
    markers = (lex.words("partner_markers") + lex.words("recipient_markers")
               + lex.words("guest_talk_words") + lex.words("purpose_words")
               + lex.words("present_words") + lex.words("name_separators")
               + lex.words("message_words"))
    # ... and after a country, before a title the lexicon may not know (卡塔尔|埃米尔塔米姆);
    # sorted, since a set's order follows the hash seed and decides between overlapping words
    for pos, word in _find_words(text, sent.start, sent.end, markers + tuple(sorted(lex.countries))):
        starts.setdefault(pos + len(word), False)
    for i in range(sent.start, sent.end):
        if i == sent.start or text[i - 1] in _CLAUSE_END:
            starts.setdefault(i, False)
    out = []
    for person in people:
        foreign = all(c in lex.translit_any for c in person.text)
        span = _name_at(adoc, sent, person.start, starts.get(person.start, foreign), lang)
        if (span is not None and span[0] == person.start and span[1] > person.end
                and (foreign or starts.get(person.start))):
            person = Mention.of(doc, *span, "person", sent.index)
        out.append(person)
    for start, after_title in sorted(starts.items()):
        if start >= sent.end or any(m.start <= start < m.end for m in out):
            continue
        span = _name_at(adoc, sent, start, after_title, lang)
        if span is not None and not any(m.start < span[1] and span[0] < m.end for m in out):
            out.append(Mention.of(doc, *span, "person", sent.index))
    return sorted(out, key=lambda m: m.start)


def _heads_after(text: str, end: int, lang: Language) -> bool:
    """Whether a level's head follows `end` (县长, 市长): the stretch before is the place
    it heads, which the gazetteer does not know (张志军与|花莲|县长傅崐萁), not a name."""
    return any(text.startswith(level + lang.words.head_char, end) and level + lang.words.head_char
               in lang.lexicon.role_rows for level in lang.lexicon.words("level_markers"))


def _name_at(adoc: AnnotatedDocument, sent: Sentence, start: int, after_title: bool,
             lang: Language) -> tuple[int, int] | None:
    """The name the recogniser reads at `start` in an event's sentence, as (start, end)."""
    text, lex, pats = adoc.doc.text, lang.lexicon, lang.patterns
    if (text.startswith(_EVENT_WORDS(lex), start) or text[start] in lex.function_chars
            or not adoc.tokens.starts_at(start)
            or text.startswith(lex.words("title_after_name"), start)
            or text.startswith(long_glue(lex), start)):
        return None  # nor inside a word: 兴致|勃勃地, 俄罗斯联邦|委员会; nor a title:
        # 科威特|埃米尔萨巴赫 is read after the title; nor glue: 主席|明天同…
    reach = _reach(text, start, sent.end, lex)
    if after_title or text[start] in lex.translit:
        joined = hyphenated(text, start, reach, lex, pats)
        if joined is not None and joined[0] == start:
            return joined
    length = name_length(text, start, reach, adoc.tokens, lex, pats, foreign=after_title)
    # a message's word before a name (致电|普京|，祝贺他) reads it as a title does, where what
    # follows the name ends the clause or tells the message's purpose
    addressed = False
    if not after_title and text.endswith(lex.words("object_message_words"), 0, start) and not (
            length and tagged_person(text, start, start + length, sent.end)):
        end = start + name_length(text, start, reach, adoc.tokens, lex, pats, foreign=True)
        addressed = end > start and (end >= sent.end or text[end] in _CLAUSE_END
                                     or text.startswith(lex.words("purpose_words"), end))
        length = end - start if addressed else length
    span = (start, start + length) if length else None
    clause_end = _clause_end(text, start, sent.end)
    if (after_title and reach >= clause_end and clause_end - start <= _LONGEST_NAME_TO_CLAUSE_END
            and (span is None or span[1] < clause_end)
            and _transliterated_share(text[start:clause_end], lex)):
        # a title introduces a transliterated name the clause ends (总理额尔登巴特。,
        # 财政部长雅各布-卢。), not words (校长|们忙着开会)
        span = judged(text, start, clause_end, sent.end, lex, pats) or span
    if span is None and text[start] in lex.translit:
        # with no title before it, a foreign name is read only as a transliteration; after
        # one, too, where the recogniser reads none (科威特埃米尔|萨巴赫|也向…发来贺信)
        span = transliteration(text, start, reach, lex, pats)
        if span is None and after_title:
            # the tagger may read title and name as one (埃米尔萨巴赫): the title vouches
            run = transliterated_run(text, start, reach, lex, pats)
            span = (start, start + run) if run >= 2 else None
        if not after_title or span is None:
            return None if span is not None and _heads_after(text, span[1], lang) else span
    if span is not None and _heads_after(text, span[1], lang):
        return None
    if span is None or tagged_person(text, *span, sent.end) or _dotted_transliteration(
            text[span[0]:span[1]], lex):
        return span  # the · and the characters vouch for 致电拉尼尔·维克拉马辛哈|祝贺他
    if not (after_title or addressed):
        return None  # with nothing to vouch for it, the tagger must read the person
    # a title or such a message's word vouches for a Chinese name or a transliteration, not any
    # run of words (校长|们忙着开会|调研, 外长|会期间|会见)
    name = text[span[0]:span[1]]
    if (name[0] in lex.surnames or name[:2] in lex.compound_surnames
            or _transliterated_share(name, lex)):
        return span
    return None


def _dotted_transliteration(name: str, lex: Lexicon) -> bool:
    """Whether a stretch is parts of two transliteration characters or more joined by ·."""
    parts = name.split(FOREIGN_JOINER)
    return len(parts) > 1 and all(len(p) >= 2 and all(c in lex.translit_any for c in p)
                                  for p in parts)


def _transliterated_share(name: str, lex: Lexicon) -> bool:
    """Whether half of a stretch's characters at least are typical of transliterations."""
    return sum(c in lex.translit_any for c in name) * 2 >= len(name)

def _reach(text: str, start: int, end: int, lex: Lexicon) -> int:
    """How far a name starting at `start` may run: not into an event word or a word
    naming the other side or those present (梅德韦杰夫|通电话, 普京|举行, 托卡耶夫|互致), nor
    into what a message is for (致电维克拉马辛哈|祝贺他就任)."""
    words = (_EVENT_WORDS(lex) + lex.words("name_stops") + lex.words("partner_markers")
             + lex.words("present_words") + lex.words("together_words") + lex.words("envoy_words")
             + lex.words("purpose_words"))
    return min((pos for pos, _ in _find_words(text, start + 1, end, words)), default=end)

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

def _date(doc: Document, sent: Sentence, pats) -> dt.date | None:
    m = pats.date.search(doc.text, sent.start, sent.end)
    written = written_date(m, doc.date.year if doc.date else None) if m else None
    return written or doc.date

def events(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: talks, messages and inspections reported as happening.

    Reads: doc, sentences, people, places, organizations. Adds: talks, messages, inspections.
    """
    doc, lex = adoc.doc, lang.lexicon
    reporting = [sent for sent in adoc.sentences if any(w in sent.text for w in _EVENT_WORDS(lex))]
    if not reporting:
        # the names the report gives serve only the sentences that report an event
        return replace(adoc, talks=(), messages=(), inspections=())
    # each sentence's people are read once: for the names the report gives and for its events
    people_of = people_by_sentence(adoc, lang)
    known = known_names(people_of)
    talks: dict[tuple, TalkFact] = {}
    messages: dict[tuple, MessageFact] = {}
    inspections: dict[tuple, InspectionFact] = {}
    people_in: dict[int, list[Mention]] = {}

    def people_at(sent: Sentence) -> list[Mention]:
        """The sentence's people with the names the report gives, read once for the readers
        below and the quoted messages after them."""
        if sent.index not in people_in:
            people_in[sent.index] = _with_known(doc, sent, people_of[sent.index], known)
        return people_in[sent.index]

    for sent in reporting:
        # a sentence naming no one may still report an inspection (他来到…，视察了…)
        people = people_at(sent)
        date = _date(doc, sent, lang.patterns)
        found = list(read_talks(doc, sent, people, lex, date, adoc)) or both_sides(
            adoc, sent, known, lex, date)
        presence = _find_words(doc.text, sent.start, sent.end, lex.words("present_words"))
        together = joining(doc.text, sent, people, lex) if talks else []
        if together:
            # 张春贤、杜青林、王正伟一同会见: they took part in the talk told before
            key, last = list(talks.items())[-1]
            talks[key] = replace(last, participants=_once([*last.participants, *together]))
            found = []
        if not found and presence and talks:
            # 王毅参加会见; 孙春兰，…陈希，以及…苗华参加会见: everyone named before is
            # present at the talk the sentence before told of
            before = [m for m in people if m.end <= presence[-1][0]]
            key, last = list(talks.items())[-1]
            talks[key] = replace(last, present=_once(list(last.present) + before))
        for talk in found:
            talks.setdefault((talk.kind, tuple(sorted(m.text for m in talk.participants))), talk)
        told = tuple(body for m in messages.values() for body in (m.sender_body, m.recipient_body)
                     if body is not None)
        for message in read_messages(doc, sent, people, lex, date, adoc, told, lang.words.china):
            messages.setdefault((message.sender_label, message.recipient_label), message)
        for visit in read_inspections(doc, sent, people, lex, date, adoc):
            if not (visit.places or visit.sites):
                if inspections:  # 赵乐际一同调研: the inspection told before, with him
                    key, last = list(inspections.items())[-1]
                    inspections[key] = replace(last, people=_once([*last.people, *visit.people]))
                continue
            key = (tuple(m.text for m in visit.people), tuple(p.code for p in visit.places),
                   tuple(s.label for s in visit.sites))
            if not visit.places and any(key[2] == other[2] and key[0] != other[0]
                                        for other in inspections):
                # 张高丽先后到…。…习近平总书记在黑龙江考察调研时强调: the report's stops are the
                # visit told first, and one told later with no place of its own is recalled
                continue
            inspections.setdefault(key, visit)
    senders = {message.sender_label for message in messages.values()}
    for message in quoted_messages(adoc, people_at, lex,
                                   lambda sent: _date(doc, sent, lang.patterns), senders):
        messages.setdefault((message.sender_label, message.recipient_label), message)
    return replace(adoc, talks=told_apart(tuple(talks.values())), messages=tuple(messages.values()),
                   inspections=tuple(inspections.values()))


def _people_of(adoc: AnnotatedDocument, sent: Sentence, lang: Language) -> list[Mention]:
    """The people of one sentence: earlier stages', trimmed, and the names after
    titles, each as the name recogniser reads it."""
    doc, lex, pats = adoc.doc, lang.lexicon, lang.patterns
    named = proposed_names(adoc, sent, [t for t in (_trimmed(doc, m, lex) for m in adoc.people
                                                    if m.sentence == sent.index)
                                        if t is not None], lang)
    taken = [m for _, m in adoc.organizations if m.sentence == sent.index] + [
        m for _, m in adoc.places if m is not None and m.sentence == sent.index]
    # the titled names are the recogniser's own reading already
    read = [confirmed(doc, m, sent.end, lex, pats) or _vouched(doc.text, m, lex)
            for m in named] + titled_names(
        adoc, sent, named, lang, taken)
    quoted = _quoted(doc.text, sent, lang.patterns)
    return [m for m in read if m is not None
            and not any(t.start < m.end and m.start < t.end for t in taken)
            and not doc.text.startswith(lex.words("not_names"), m.start)
            and not m.text.endswith(lex.words("not_name_ends")) and m.text not in lex.countries
            # a count of countries or sides (同…六国元首互致贺电, 三方会晤)
            and counted(m.text, lex.words("side_words"), lex) != len(m.text)
            # 习近平|新时代中国特色社会主义思想 names a doctrine; “立德树人、德法兼修” a motto
            and not doc.text.startswith(lex.words("not_participant_after"), m.end)
            and not any(s <= m.start < e for s, e in quoted)]


def _vouched(text: str, m: Mention, lex: Lexicon) -> Mention | None:
    """A transliteration right after a foreign title, which the tagger reads with the title
    as one (科威特埃米尔|萨巴赫): the title vouches for it."""
    if text.endswith(lex.words("title_after_name"), 0, m.start) and all(
            c in lex.translit_any for c in m.text):
        return m
    return None


def _quoted(text: str, sent: Sentence, pats: Patterns) -> list[tuple[int, int]]:
    """The spans of a sentence's quotations (“大学习、深调研、真落实”)."""
    return [m.span() for m in pats.quote.finditer(text, sent.start, sent.end)]


def people_by_sentence(adoc: AnnotatedDocument, lang: Language) -> dict[int, list[Mention]]:
    """The people of each sentence, by its index. Every name the document gives
    somewhere is known where no title introduces it (国务院总理李克强 … 李克强)."""
    return {sent.index: _people_of(adoc, sent, lang) for sent in adoc.sentences}

def known_names(people_of: dict[int, list[Mention]]) -> tuple[str, ...]:
    """The names a report gives, longest first and, among names of one length, in text
    order: a set's order follows the process's hash seed, and which of two overlapping
    names of one length is matched first must be the same in every run."""
    return _longest_first(sorted({m.text for people in people_of.values() for m in people}))


def _with_known(doc: Document, sent: Sentence, people: list[Mention],
                known: tuple[str, ...]) -> list[Mention]:
    out = list(people)
    for pos, name in _find_words(doc.text, sent.start, sent.end, known):
        whole = Mention.of(doc, pos, pos + len(name), "person", sent.index)
        # a name read short here (安德烈 of 安德烈琴科) is the one read whole elsewhere
        out = [m for m in out if not (m.start == pos and m.end < whole.end)]
        if not any(m.start < whole.end and pos < m.end for m in out):
            out.append(whole)
    return sorted(out, key=lambda m: m.start)

