"""Foreign names read whole from a position, for the events stage: a run of
transliteration characters (卡塔尔埃米尔|塔米姆) or parts a hyphen joins (劳尔-卡斯特罗), each as
the tagger judges it (kg.extract.names.judged)."""

from __future__ import annotations

import re

from kg.extract.foreign_runs import transliterated_run
from kg.extract.names import judged
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import HAN, Patterns


def transliteration(text: str, pos: int, limit: int, lex: Lexicon,
                    pats: Patterns) -> tuple[int, int] | None:
    """The foreign name a run of transliteration characters from `pos` holds, as the
    tagger reads it, or None: the run may open with a country and its title
    (卡塔尔埃米尔|塔米姆), so the name may start later than the run."""
    length = transliterated_run(text, pos, limit, lex, pats)
    return judged(text, pos, pos + length, limit, lex, pats) if length else None


_HYPHENATED = re.compile(f"[{HAN}]{{1,8}}(?:[-－][{HAN}]{{1,10}})+")


def hyphenated(text: str, pos: int, limit: int, lex: Lexicon,
               pats: Patterns) -> tuple[int, int] | None:
    """A foreign name whose parts a hyphen joins (劳尔-卡斯特罗, 穆罕默德-穆尔西), read
    from `pos` up to `limit`, as the tagger judges it, or None."""
    match = _HYPHENATED.match(text, pos, limit)
    if match is None or not all(c in lex.translit_any or c in "-－" for c in match.group()):
        return None
    end = match.end()
    while end > pos and not pats.followers.match(text, end, limit):
        end -= 1
    if text[end - 1] in "-－" or "-" not in text[pos:end] and "－" not in text[pos:end]:
        return None
    return judged(text, pos, end, limit, lex, pats)
