"""What the event readers of kg/extract/events.py, messages.py and inspections.py
share: clauses, the words of kg/data/events.yaml found in them, who is present."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lang.lexicon import Lexicon
from kg.lang.patterns import HAN
from kg.model import AnnotatedDocument, Document, Mention, Place, Sentence, Tokens

_CLAUSE_END = "，。；：！？"

def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))

def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding `pos` begins (after the last , or 。 before it)."""
    cut = max(text.rfind(c, start, pos) for c in _CLAUSE_END)
    return start if cut < 0 else cut + 1

def _clause_end(text: str, pos: int, end: int) -> int:
    cuts = [i for i in (text.find(c, pos, end) for c in _CLAUSE_END) if i >= 0]
    return min(cuts, default=end)

def _now(text: str, clause_start: int, pos: int, lex: Lexicon, tokens: Tokens) -> bool:
    """Whether the clause before an event word tells it as the report's own, not
    past (去年…会晤) or future (将于…会见); a mark of one character only where it is a word
    of its own (习近平将出席, not 将乐县, 曾庆红)."""
    for marker in lex.words("not_now_markers"):
        at = text.find(marker, clause_start, pos)
        while at >= 0:
            if len(marker) > 1 or (tokens.starts_at(at) and tokens.end_of(at) == at + 1):
                return False
            at = text.find(marker, at + 1, pos)
    return True

# a sentence's opening clause of this many characters at most is a time it is told at
_LONGEST_TIME_CLAUSE = 8

def _told_at_another_time(text: str, sent_start: int, pos: int, lex: Lexicon,
                          tokens: Tokens) -> bool:
    """Whether the sentence opens with a short clause of time that is not the report's
    (此前，…赴山东、河南进行了专题调研; 去年，…), before the event word at `pos`."""
    first = _clause_end(text, sent_start, pos)
    return first < pos and first - sent_start <= _LONGEST_TIME_CLAUSE and not _now(
        text, sent_start, first, lex, tokens)

@lru_cache(maxsize=256)
def _by_first_char(words: tuple[str, ...]) -> dict[str, tuple[tuple[int, str], ...]]:
    """The words by their first character, each with its rank longest first."""
    # the same lists (every role word, the partner words) are searched in every sentence
    ranked: dict[str, list[tuple[int, str]]] = {}
    for rank, word in enumerate(_longest_first(words)):
        ranked.setdefault(word[0], []).append((rank, word))
    return {first: tuple(words) for first, words in ranked.items()}

def _find_words(text: str, start: int, end: int, words: tuple[str, ...]):
    """(position, word) of each of `words` in text[start:end], longest first, none overlapping."""
    taken: list[tuple[int, int]] = []
    by_first = _by_first_char(tuple(words))
    # most of the hundreds of role words cannot occur here: only those whose first
    # character does are looked for, in their longest-first order
    for _, word in sorted(ranked for first in by_first.keys() & set(text[start:end])
                          for ranked in by_first[first]):
        pos = text.find(word, start, end)
        while pos >= 0:
            if not any(s < pos + len(word) and pos < e for s, e in taken):
                taken.append((pos, pos + len(word)))
            pos = text.find(word, pos + 1, end)
    return sorted((s, text[s:e]) for s, e in taken)

def _EVENT_WORDS(lex: Lexicon) -> tuple[str, ...]:
    return lex.words("talk_words") + lex.words("message_words") + lex.words("inspection_words")

def _once(people: list[Mention]) -> tuple[Mention, ...]:
    return tuple({m.text: m for m in reversed(people)}.values())[::-1]

def _split_present(text: str, sent: Sentence, people: list[Mention],
                   lex: Lexicon) -> tuple[list[Mention], list[Mention]]:
    """(participants, present) of the people of a sentence."""
    present_at = [pos for pos, _ in _find_words(text, sent.start, sent.end,
                                                 lex.words("present_words"))]
    present, taking_part = [], []
    # 张德江在米亚斯尼科维奇和安德烈琴科陪同下考察: those present follow the 在
    starts = {pos: max([_clause_start(text, sent.start, pos)] + [
        at + len(w) for at, w in _find_words(text, _clause_start(text, sent.start, pos), pos,
                                             lex.words("present_starts"))]) for pos in present_at}
    for person in people:
        if any(starts[pos] <= person.start < pos for pos in present_at):
            present.append(person)
        else:
            taking_part.append(person)
    return taking_part, present

def _place_mentions(adoc: AnnotatedDocument, sentence: int) -> list[tuple[Place, Mention]]:
    return [(p, m) for p, m in adoc.places if m is not None and m.sentence == sentence]

def _most_specific(places: list[tuple[Place, Mention]], lex: Lexicon) -> tuple[Place, ...]:
    """The places no other named place lies in: 南京 of 江苏南京, not 江苏."""
    kept = [p for p, _ in places
            if not any(q != p and lex.gazetteer.contains(p, q) for q, _ in places)]
    return tuple(dict.fromkeys(kept))


def _read_past(doc: Document, person: Mention, end: int, words: tuple[str, ...]) -> Mention:
    """A name ending at `end` without the one of `words` an earlier stage read into it
    (向总统佐科致|贺信, 会见德国总统高克|时), where two characters or more remain."""
    for word in words:
        if person.end == end and person.text.endswith(word) and len(
                person.text) - len(word) >= 2:
            return Mention.of(doc, person.start, person.end - len(word), "person",
                              person.sentence)
    return person


def _studied(text: str, begin: int, pos: int, people: list[Mention], lex: Lexicon) -> bool:
    """Whether the event word at `pos` is told as what is studied: a word of studying before
    the first person its clause (from `begin`) names (学习贯彻习近平总书记在…内蒙古考察…的重要
    讲话精神), not the topic of the event (李长春…就贯彻落实…进行调研)."""
    first = min((m.start for m in people if begin <= m.start < pos), default=None)
    return first is not None and any(w in text[begin:first] for w in lex.words("studied_markers"))


def counted(name: str, counters: tuple[str, ...], lex: Lexicon) -> int:
    """How long the count a stretch opens with is, numerals and then one of `counters`
    (两个|村, 六国|), or 0."""
    k = len(name) - len(name.lstrip("".join(lex.words("numerals"))))
    return k + 1 if 0 < k < len(name) and name[k] in counters else 0


def _after_last(text: str, words: tuple[str, ...], start: int, end: int,
                default: int | None = None) -> int | None:
    """Where the last of `words` in text[start:end] ends, or `default`: a name starts after
    what a 的 joins to it (赤峰市的|临潢家园社区, 在北京开幕的|第二十届…核能大会)."""
    return max((text.rfind(w, start, end) + len(w) for w in words
                if text.rfind(w, start, end) >= 0), default=default)


# the most characters between a mutual marker and the message's word: 互致|新年|贺信
_MUTUAL_GAP = 2
_HAN_RUN = re.compile(f"[{HAN}]*")


def _mutually(text: str, start: int, pos: int, lex: Lexicon) -> int | None:
    """Where a mutual marker (events.yaml mutual_markers) starts that comes right before the
    message's word at `pos`, or with its occasion between them (互致贺电, 互致新年贺信)."""
    return next((pos - gap - len(marker) for gap in range(min(_MUTUAL_GAP, pos - start) + 1)
                 for marker in lex.words("mutual_markers")
                 if text.endswith(marker, start, pos - gap)
                 and _HAN_RUN.fullmatch(text, pos - gap, pos)), None)
