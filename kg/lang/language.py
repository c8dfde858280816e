"""The language knowledge the extraction stages read: lexicons and the patterns
compiled from them, loaded once per process and handed to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.lang.lexicon import Lexicon, load_lexicon
from kg.lang.patterns import Patterns, patterns
from kg.lang.words import Words, load_words


@dataclass(frozen=True)
class Language:
    lexicon: Lexicon
    words: Words
    patterns: Patterns
    _dated: dict[int, Language] = field(default_factory=dict, compare=False, repr=False)

    def as_of(self, year: int) -> Language:
        """The language of a text of `year` (a biography's line): a division's
        name is the division it named then, where it named another than today
        (上饶市 in 1995 is the county-level city that is today's 信州区;
        Gazetteer.named)."""
        if year not in self._dated:
            gazetteer = self.lexicon.gazetteer.as_of(year)
            anchors = dict(self.patterns.anchor_places)
            for name in gazetteer.by_former:
                anchors[name] = gazetteer.named(name)
            self._dated[year] = Language(replace(self.lexicon, gazetteer=gazetteer), self.words,
                                         replace(self.patterns, anchor_places=anchors))
        return self._dated[year]


@lru_cache(maxsize=1)
def default_language() -> Language:
    return Language(load_lexicon(), load_words(), patterns())
