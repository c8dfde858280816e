"""Runs of characters a foreign name is written in, for the name recogniser
(kg.extract.names): a transliteration (叶利钦, 若斯潘) or a Japanese or Korean name in Han
characters after a foreign title (伊藤宗一郎, 金大中)."""

from __future__ import annotations

import re

from kg.extract.name_words import (KNOWN_WORD_COUNT, TIME_WORD_TAGS, conjunction_character,
                                   transliteration_before_word, verb_and_particle, verb_starts,
                                   word_starts)
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import HAN, Patterns

_HAN_CHAR = re.compile(f"[{HAN}]")
# a transliterated name read without a dictionary runs to eight characters at most
LONGEST_TRANSLITERATION = 8
# Japanese and Korean names run from two characters to five: 金大中, 伊藤宗一郎
_FOREIGN_HAN_LENGTHS = range(2, 6)


def transliterated_run(text: str, pos: int, limit: int, lex: Lexicon, pats: Patterns) -> int:
    """A transliterated foreign name (叶利钦, 若斯潘): the longest run of
    characters typical of transliterations that a name may end with."""
    if pos >= limit or text[pos] not in lex.translit:
        return 0
    end = pos + 1
    while end < limit and end - pos < LONGEST_TRANSLITERATION and text[end] in lex.translit_any:
        end += 1
    while end - pos >= 2:
        if pats.followers.match(text, end, limit):
            return end - pos
        end -= 1
    return 0


def foreign_han_run(text: str, pos: int, limit: int, lex: Lexicon, pats: Patterns) -> int:
    """A Japanese or Korean name after a foreign title (伊藤宗一郎, 金大中): the
    shortest run of two to five Han characters that something a name may be
    followed by, a word no name is glued to or a common verb ends; it does not start
    with a function word (的信中, 及参议院)."""
    if pos >= limit or text[pos] in lex.function_chars or verb_and_particle(text, pos, lex):
        return 0
    for length in _FOREIGN_HAN_LENGTHS:
        end = pos + length
        if (end > limit or not _HAN_CHAR.match(text[end - 1]) or text[end - 1] in lex.function_chars
                or conjunction_character(text[end - 1])):
            return 0  # ... nor does it end with one, or with a conjunction: 桥下彻|所发表
        if (pats.followers.match(text, end, limit) or text.startswith(lex.words("name_glue_after"), end)
                or text.startswith(lex.words("leader_envoys"), end)  # …总书记本扬|特使
                or (text[end] not in lex.translit_any and verb_starts(text, end, limit))
                or transliteration_before_word(text, pos, end, limit, lex)):
            # ... or a word no name is glued to, or a common verb in characters no
            # transliteration goes on with: 祖马|致唁电, 阿博特|邀请 (not 卡贾维|维和, not
            # 特使内政|部长, 河野洋|平等: nouns)
            return through_held_conjunction(text, pos, end, limit, lex, pats) or length
    return 0


def through_held_conjunction(text: str, pos: int, end: int, limit: int, lex: Lexicon,
                              pats: Patterns) -> int:
    """The length of a Japanese name that goes on through the conjunction at `end`
    (竹田恒和, 志位和夫), or 0: a second name after the conjunction has two characters at
    least, so a conjunction that a function character or a verb follows, or one
    character and then something a name is followed by, is the name's own (竹田恒和|和涉嫌,
    志位和夫|说; not 安倍|和普京)."""
    if not text.startswith(tuple(lex.words("name_held_conjunctions")), end):
        return 0
    after = end + 1
    if after - pos < _FOREIGN_HAN_LENGTHS[-1] and after < limit and (
            text[after] in lex.function_chars or verb_starts(text, after, limit, KNOWN_WORD_COUNT)
            or verb_starts(text, after, limit, KNOWN_WORD_COUNT, TIME_WORD_TAGS)):
        # a verb, however rare, or a time word is no name's start: 竹田恒和|涉嫌 (269), 竹田恒和|今天
        return after - pos
    after += 1
    if (after - pos <= _FOREIGN_HAN_LENGTHS[-1] and after < limit and _HAN_CHAR.match(text[after - 1])
            and not word_starts(text, end + 1, limit)  # a word after it: 郑义和|共同
            and (pats.followers.match(text, after, limit)
                 or text.startswith(lex.words("name_glue_after"), after))):
        return after - pos
    return 0
