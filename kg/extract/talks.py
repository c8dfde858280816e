"""Talks (会见, 会谈, 通电话): who met or called whom, from the sentence that reports it.

The host is named before the first talk word; a 会见 names its guests after the word,
the other words their other side before it (同普京举行会谈); those named as present
(参加会见, 陪同) are kept apart; two sides named together (两国总理举行会谈) speak in
the report's next sentences.
"""

from __future__ import annotations

import datetime as dt

from kg.extract.event_text import (_CLAUSE_END, _clause_end, _clause_start, _find_words,
                                   _longest_first, _most_specific, _now, _once, _place_mentions,
                                   _read_past, _split_present)
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, Document, Mention, Sentence, TalkFact

# how far after a name what makes it a possessor (主席的特使, 先生的亲属) may reach
_LONGEST_POSSESSOR_GAP = 12

def joining(text: str, sent: Sentence, people: list[Mention], lex: Lexicon) -> list[Mention]:
    """Those a sentence names as taking part together in a talk told before, named before
    a together word and the talk word that ends the sentence (张春贤、杜青林、王正伟一同会见。)."""
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("talk_words")):
        if (text[pos + len(word):sent.end].strip(_CLAUSE_END) == ""
                and text[sent.start:pos].endswith(lex.words("together_words"))):
            return [m for m in people if m.end <= pos]
    return []

def told_apart(talks: tuple[TalkFact, ...]) -> tuple[TalkFact, ...]:
    """The talks without one of a host and several guests that the report also tells
    guest by guest (会见总统根哥布、开国总统努乔马 … 会见根哥布时 … 会见努乔马时): those
    were talks apart, not one."""
    pairs = {(t.kind, t.participants[0].text, t.participants[1].text)
             for t in talks if len(t.participants) == 2}
    return tuple(t for t in talks if len(t.participants) < 3 or not all(
        (t.kind, t.participants[0].text, guest.text) in pairs for guest in t.participants[1:]))

def read_talks(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
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
        if (not _now(text, sent.start, pos, lex, adoc.tokens) or _planned(text, sent.start, pos, lex)
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
    # honorifics twice: 先生, then the 的 after it (马万祺|先生|的|亲属)
    for words in (lex.words("title_after_name"), lex.words("possessor_honorifics"),
                  lex.words("possessor_honorifics")):
        rest = rest.removeprefix(next((w for w in _longest_first(words) if rest.startswith(w)), ""))
    return rest.startswith(lex.words("possessed_people"))

def both_sides(adoc: AnnotatedDocument, sent: Sentence, known: tuple[str, ...], lex: Lexicon,
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
    if talk is None or not _now(text, sent.start, talk[0], lex, adoc.tokens) or _planned(
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
