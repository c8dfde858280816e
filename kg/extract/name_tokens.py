"""Where a proposed name stands among jieba's tokens: inside a word of its dictionary
(总统府|前庭, 可能|成为) a name neither starts nor ends."""

from __future__ import annotations

from kg.extract.foreign_runs import LONGEST_TRANSLITERATION
from kg.extract.name_words import KNOWN_WORD_COUNT
from kg.lang.lexicon import Lexicon
from kg.model import Tokens
from kg.text.segment import common_words


def inside_word(text: str, at: int, tokens: Tokens) -> tuple[int, int] | None:
    """The token of jieba's that `at` falls strictly inside, if it is a word of its
    dictionary (反对, 共同, 总统府): jieba's own guesses (卡梅伦上, 蒙均) say nothing."""
    token = token_around(text, at, tokens)
    if token is not None and text[token[0]:token[1]] in common_words(KNOWN_WORD_COUNT):
        return token
    return None


def token_around(text: str, at: int, tokens: Tokens) -> tuple[int, int] | None:
    """The token of jieba's that `at` falls strictly inside, if any."""
    for start in range(at - 1, max(-1, at - LONGEST_TRANSLITERATION), -1):
        end = tokens.end_of(start)
        if end is not None:
            return (start, end) if end > at else None
    return None


def inside_place(text: str, at: int, tokens: Tokens, lex: Lexicon) -> bool:
    """Whether `at` falls inside a token of jieba's that is a division's full name the gazetteer
    knows: a title read from its first character is none, and no name starts there
    (湖北省|长阳县, 湖南省|长沙市); not a short name, which may be a word (财政部|长安|瓦尔)."""
    token = token_around(text, at, tokens)
    return token is not None and text[token[0]:token[1]] in lex.gazetteer.by_name
