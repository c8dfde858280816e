"""Compiled patterns built from the lexicons (once per process)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lang.lexicon import LEVEL_MARKERS, Lexicon, load_lexicon, trie_regex

HAN = r"\u3400-\u9fff"
PUNCTUATION = set("，。、；：！？（）“”‘’《》〈〉·…—\n ")


@dataclass(frozen=True)
class Patterns:
    org: re.Pattern          # one organisation name, with named groups
    national: re.Pattern     # national bodies' names and aliases
    body_suffix: re.Pattern  # the words bodies named after a place end with (委, 政府)
    place: re.Pattern        # full names of divisions
    place_short: re.Pattern  # short names of divisions (天水, 秦州)
    followers: re.Pattern    # what may follow a person's name
    meeting: re.Pattern
    quote: re.Pattern
    book_title: re.Pattern
    date: re.Pattern
    year: re.Pattern


def _org_pattern(lex: Lexicon) -> str:
    def group(name: str, body: str) -> str:
        return f"(?P<{name}>{body})"

    national_names = set(lex.national)
    for body in lex.national.values():
        national_names.update(body.aliases)
    places = trie_regex(lex.gazetteer.by_name)
    suffixes = trie_regex(lex.bodies)
    local = (group("place", places) + "?" + group("level", "|".join(LEVEL_MARKERS)) + "?"
             + group("suffix", suffixes))
    return (group("cpc", "中共") + "?"
            + "(?:" + group("national", trie_regex(national_names)) + "|" + local + ")")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lex = load_lexicon()
    meeting_heads = trie_regex(lex.words("meeting_heads"))
    meeting_verbs = trie_regex(lex.words("meeting_verbs"))
    followers = sorted(lex.words("name_followers"), key=len, reverse=True)
    national_names = set(lex.national)
    for body in lex.national.values():
        national_names.update(body.aliases)
    return Patterns(
        org=re.compile(_org_pattern(lex)),
        national=re.compile(trie_regex(national_names)),
        body_suffix=re.compile(trie_regex(lex.bodies)),
        place=re.compile(trie_regex(lex.gazetteer.by_name)),
        place_short=re.compile(trie_regex(lex.gazetteer.by_short)),
        followers=re.compile("|".join(map(re.escape, followers))
                             + "|[，。、；：！？（）“”《\\d]|$"),
        meeting=re.compile(
            f"(?P<verb>{meeting_verbs})了?(?P<name>[^，。；：！？“”《》\n]{{2,40}}?(?:{meeting_heads}))(?!议)"),
        quote=re.compile(r"“(?P<core>[^“”\n]{1,30})”"),
        book_title=re.compile(r"《(?P<title>[^《》\n]{1,120})》"),
        date=re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日"),
        year=re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)年"),
    )
