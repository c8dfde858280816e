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
from functools import lru_cache
from dataclasses import replace

from kg.extract.event_text import (_CLAUSE_END, _EVENT_WORDS, _clause_end, _clause_start,
                                   _find_words, _longest_first, _most_specific, _now, _once,
                                   _place_mentions, _read_past, _split_present)
from kg.extract.inspections import read_inspections
from kg.extract.messages import read_messages
from kg.extract.foreign_names import hyphenated, transliteration
from kg.extract.foreign_runs import transliterated_run
from kg.extract.name_words import FOREIGN_JOINER
from kg.extract.names import confirmed, judged, name_before_title, name_length, tagged_person
from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import Patterns
from kg.model import (AnnotatedDocument, Document, InspectionFact, Mention, MessageFact, Sentence,
                      TalkFact)
from kg.text.document import written_date

# how far after a name what makes it a possessor (主席的特使, 先生的亲属) may reach
_LONGEST_POSSESSOR_GAP = 12
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
        # 会见了|白俄罗斯总统办公厅主任: the verb's particle starts no name
        begin += next((len(p) for p in lex.words("aspect_particles") if text.startswith(p, begin)), 0)
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
            or text.startswith(lex.words("title_after_name"), start)):
        return None  # nor inside a word: 兴致|勃勃地, 俄罗斯联邦|委员会; nor a title:
        # 科威特|埃米尔萨巴赫 is read after the title
    reach = _reach(text, start, sent.end, lex)
    if after_title or text[start] in lex.translit:
        joined = hyphenated(text, start, reach, lex, pats)
        if joined is not None and joined[0] == start:
            return joined
    length = name_length(text, start, reach, adoc.tokens, lex, pats, foreign=after_title)
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
    if not after_title:
        return None  # with nothing to vouch for it, the tagger must read the person
    # a title vouches for a Chinese name or a transliteration, not any run of words
    # (校长|们忙着开会|调研, 外长|会期间|会见)
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
    for sent in reporting:
        # a sentence naming no one may still report an inspection (他来到…，视察了…)
        people = _with_known(doc, sent, people_of[sent.index], known)
        date = _date(doc, sent, lang.patterns)
        found = list(_talks(doc, sent, people, lex, date, adoc)) or _both_sides(
            adoc, sent, known, lex, date)
        presence = _find_words(doc.text, sent.start, sent.end, lex.words("present_words"))
        if not found and presence and talks:
            # 王毅参加会见; 孙春兰，…陈希，以及…苗华参加会见: everyone named before is
            # present at the talk the sentence before told of
            before = [m for m in people if m.end <= presence[-1][0]]
            key, last = list(talks.items())[-1]
            talks[key] = replace(last, present=_once(list(last.present) + before))
        for talk in found:
            talks.setdefault((talk.kind, tuple(sorted(m.text for m in talk.participants))), talk)
        for message in read_messages(doc, sent, people, lex, date, adoc):
            messages.setdefault((message.sender_label, message.recipient_label), message)
        for visit in read_inspections(doc, sent, people, lex, date, adoc):
            if not (visit.places or visit.sites):
                if inspections:  # 赵乐际一同调研: the inspection told before, with him
                    key, last = list(inspections.items())[-1]
                    inspections[key] = replace(last, people=_once([*last.people, *visit.people]))
                continue
            key = (tuple(m.text for m in visit.people), tuple(p.code for p in visit.places),
                   tuple(s.label for s in visit.sites))
            inspections.setdefault(key, visit)
    return replace(adoc, talks=_told_apart(tuple(talks.values())), messages=tuple(messages.values()),
                   inspections=tuple(inspections.values()))


def _told_apart(talks: tuple[TalkFact, ...]) -> tuple[TalkFact, ...]:
    """The talks without one of a host and several guests that the report also tells
    guest by guest (会见总统根哥布、开国总统努乔马 … 会见根哥布时 … 会见努乔马时): those
    were talks apart, not one."""
    pairs = {(t.kind, t.participants[0].text, t.participants[1].text)
             for t in talks if len(t.participants) == 2}
    return tuple(t for t in talks if len(t.participants) < 3 or not all(
        (t.kind, t.participants[0].text, guest.text) in pairs for guest in t.participants[1:]))


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
            and not _counted_sides(m.text, lex)
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


def _counted_sides(name: str, lex: Lexicon) -> bool:
    """Whether a stretch counts countries or sides (六国, 三方): a numeral and a side word."""
    return (len(name) > 1 and name[-1] in lex.words("side_words")
            and all(c in lex.words("years_ago_numerals") for c in name[:-1]))


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

def _talks(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
           date: dt.date | None, adoc: AnnotatedDocument):
    """The talks of one sentence. The host is named before the first talk word;
    a 会见 names its guests after the word, to the clause's end (会见总统根哥布、
    开国总统努乔马); the other words name their other side before them
    (同普京举行会谈). Everyone named is one talk (三方会晤, 集体会见) unless the
    talks were held 分别, one talk per guest."""
    text = doc.text
    taking_part, present = _split_present(text, sent, people, lex)
    taking_part = [m for m in taking_part
                   if not text.startswith(lex.words("envoy_words"), m.end)
                   and not _possessor(text, m.end, lex)]
    # 参加会见 names those present, not a talk
    presence = [(pos, pos + len(w)) for pos, w in _find_words(text, sent.start, sent.end,
                                                            lex.words("present_words"))]
    triggers = [(pos, word) for pos, word in _find_words(text, sent.start, sent.end,
                                                        lex.words("talk_words"))
                if not text.startswith(lex.words("talk_not_before"), pos + len(word))
                and not any(s <= pos < e for s, e in presence)]
    if not triggers:
        return
    # the host: named before the sentence's first talk word (栗战书在温得和克会见…), but
    # not among those whose invitation he came at (应默克尔和米歇尔邀请)
    invited_by = _invitations(text, sent, lex)
    hosts_of_sentence = [m for m in taking_part if m.start < triggers[0][0]
                         and not any(s <= m.start < e for s, e in invited_by)]
    places = _most_specific(_place_mentions(adoc, sent.index), lex)
    place = places[0] if len(places) == 1 else None
    for pos, word in triggers:
        clause = _clause_start(text, sent.start, pos)
        if (not _now(text, sent.start, pos, lex) or _planned(text, sent.start, pos, lex)
                or _attended(text, clause, pos, lex)):
            continue
        guests_after = word in lex.words("guest_talk_words")
        if guests_after:
            span = (pos + len(word), _clause_end(text, pos, sent.end))
        else:
            span = (clause, pos)
        in_span = [m for m in taking_part if span[0] <= m.start < span[1]]
        partner = next((p for p, _ in _find_words(text, span[0], span[1],
                                                  lex.words("partner_markers"))
                        if any(m.start > p for m in in_span)), None)
        if guests_after or partner is None:
            hosts = [m for m in hosts_of_sentence if m.start < span[0]]
            guests = in_span
            if guests_after and not hosts:
                guests = [_read_past(doc, m, span[1], lex.words("while_markers")) for m in guests]
                # a 会见 with no host is none
                hosts = _host_after_while(text, sent, span[1], taking_part, lex)
                if not hosts:
                    continue
        else:
            hosts = [m for m in in_span if m.end <= partner] or [
                m for m in hosts_of_sentence if m.start < span[0]] or _host_after_while(
                text, sent, _clause_end(text, pos, sent.end), taking_part, lex)
            guests = [m for m in in_span if m.start > partner]
        # 与卡贾维维和门萨分别举行会谈, 分别会见总统卢卡申科、总理科比亚科夫
        apart = any(w in text[span[0]:span[1] + 2] or text.endswith(w, 0, pos)
                    for w in lex.words("apart_markers"))
        if word in lex.words("joint_talk_words"):
            apart = False
        sides = [[g] for g in guests] if apart else [guests]
        for side in sides:
            together = _once(hosts + side)
            if len(together) < 2:
                continue
            yield TalkFact(kind=word, mention=Mention.of(doc, pos, pos + len(word), "meeting",
                                                           sent.index),
                           participants=together, present=_once(present), date=date,
                           place=place)


def _possessor(text: str, end: int, lex: Lexicon) -> bool:
    """Whether a name ending at `end` names whose spouse, kin or envoy the one taking part is:
    习近平|夫人, 马万祺|先生的亲属, 习近平|主席的特使."""
    rest = text[end:end + _LONGEST_POSSESSOR_GAP]
    for words in (lex.words("title_after_name"), lex.words("possessor_honorifics"),
                  lex.words("possessor_honorifics")):
        rest = rest.removeprefix(next((w for w in _longest_first(words) if rest.startswith(w)), ""))
    return rest.startswith(lex.words("possessed_people"))


def _both_sides(adoc: AnnotatedDocument, sent: Sentence, known: tuple[str, ...], lex: Lexicon,
                date: dt.date | None) -> list[TalkFact]:
    """A talk whose sides the sentence names together (两国总理举行会谈): between the
    first two people the report's next sentences start with, each speaking in turn
    (李克强表示…。阮春福表示…)."""
    text = adoc.doc.text
    talk = next(((pos, w) for pos, w in _find_words(text, sent.start, sent.end,
                                                   lex.words("talk_words"))
                 if w not in lex.words("guest_talk_words")  # 两国元首共同会见了企业家代表
                 and _names_both_sides(text[_clause_start(text, sent.start, pos):pos], lex)),
                None)
    if talk is None or not _now(text, sent.start, talk[0], lex) or _planned(
            text, sent.start, talk[0], lex):
        return []
    speakers: list[Mention] = []
    for later in adoc.sentences[sent.index + 1:]:
        name = next((n for n in known if text.startswith(n, later.start)
                     and text.startswith(lex.words("turn_words"), later.start + len(n))), None)
        if name and name not in {m.text for m in speakers}:
            speakers.append(Mention.of(adoc.doc, later.start, later.start + len(name),
                                       "person", later.index))
        if len(speakers) == 2:
            return [TalkFact(kind=talk[1], mention=Mention.of(
                adoc.doc, talk[0], talk[0] + len(talk[1]), "meeting", sent.index),
                participants=tuple(speakers), present=(), date=date)]
    return []


def _host_after_while(text: str, sent: Sentence, clause_end: int, taking_part: list[Mention],
                      lex: Lexicon) -> list[Mention]:
    """The host of a talk told in a clause ending in 时 (在会见科雷亚时，国务院总理李克强表示;
    在同卡贾维维、门萨会谈时，栗战书介绍): the one named first in the next clause."""
    if not text.startswith(lex.words("while_markers"), clause_end - 1):
        return []
    next_clause = (clause_end + 1, _clause_end(text, clause_end + 1, sent.end))
    return [m for m in taking_part if next_clause[0] <= m.start < next_clause[1]
            and _titled_start(text[next_clause[0]:m.start], lex)][:1]


def _attended(text: str, clause: int, pos: int, lex: Lexicon) -> bool:
    """Whether the talk word at `pos` names a summit its clause's subject attends
    (出席金砖国家领导人第九次会晤), not a talk held (与出席会议的…领导人举行双边会晤)."""
    if text.startswith(lex.words("guest_talk_words"), pos):
        return False  # 出席…外长会期间会见了希拉里·克林顿: a talk held while attending
    attended = [at + len(w) for at, w in _find_words(text, clause, pos, lex.words("attend_words"))]
    # 同…出席上海合作组织青岛峰会的|纳扎尔巴耶夫总统成功会晤: who attended is named, not what
    return bool(attended) and not _find_words(
        text, attended[-1], pos, lex.words("talk_verbs") + lex.words("partner_markers")
        + lex.words("site_joiners"))


def _planned(text: str, sent_start: int, pos: int, lex: Lexicon) -> bool:
    """Whether a talk word is told after a departure in its sentence, as what the visit is
    for (离开北京，…并同默克尔总理举行中德总理年度会晤)."""
    return any(word in text[sent_start:pos] for word in lex.words("departure_words"))


def _names_both_sides(before: str, lex: Lexicon) -> bool:
    """Whether the clause before a talk word is its two sides holding it: 两国总理|举行|,
    not 两国元首保持定期|会晤."""
    return any(before.startswith(sides) and before[len(sides):] in ("", *lex.words("talk_verbs"))
               for sides in lex.words("both_sides"))


def _titled_start(before: str, lex: Lexicon) -> bool:
    """Whether a name is the first thing a clause says, with only its title before it:
    国务院总理|李克强表示, not 栗战书转达了|习近平主席的问候."""
    return not before or before.endswith(tuple(lex.roles))


def _invitations(text: str, sent: Sentence, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans naming whose invitation a visit was at: 应|德国总理默克尔|邀请."""
    spans = []
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("invitation_starts")):
        ends = _find_words(text, pos + len(word), _clause_end(text, pos, sent.end),
                           lex.words("invitation_ends"))
        if ends:
            spans.append((pos + len(word), ends[0][0]))
    return spans
