"""The language knowledge the extraction stages read: lexicons and the patterns
compiled from them, loaded once per process and handed to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.lang.lexicon import Lexicon, load_lexicon
from kg.lang.patterns import Patterns, patterns
from kg.lang.words import Words, load_words


@dataclass(frozen=True)
class Language:
    lexicon: Lexicon
    words: Words
    patterns: Patterns


@lru_cache(maxsize=1)
def default_language() -> Language:
    return Language(load_lexicon(), load_words(), patterns())
