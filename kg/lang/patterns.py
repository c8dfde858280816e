"""Compiled patterns built from the lexicons (once per process)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lang.lexicon import LEVEL_MARKERS, Lexicon, load_lexicon, trie_regex
from kg.lang.words import Words, load_words

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
    ordinal: re.Pattern      # a term of office before a body: 七届, 第九届
    term_gloss: re.Pattern   # ... in brackets before a role: （第九届）
    long_form: re.Pattern    # what follows a country's name in its long form: 共和国
    minister_long_form: re.Pattern  # ... before a minister's portfolio: 联邦 too


def _org_pattern(lex: Lexicon, words: Words) -> str:
    def group(name: str, body: str) -> str:
        return f"(?P<{name}>{body})"

    national_names = set(lex.national)
    for body in lex.national.values():
        national_names.update(body.aliases)
    places = trie_regex(lex.gazetteer.by_name)
    suffixes = trie_regex(lex.bodies)
    local = (group("place", places) + "?" + group("level", "|".join(LEVEL_MARKERS)) + "?"
             + group("suffix", suffixes))
    return (group("cpc", re.escape(words.cpc_short)) + "?"
            + "(?:" + group("national", trie_regex(national_names)) + "|" + local + ")")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return compile_patterns(load_lexicon(), load_words())


def compile_patterns(lex: Lexicon, words: Words) -> Patterns:
    meeting_heads = trie_regex(lex.words("meeting_heads"))
    meeting_verbs = trie_regex(lex.words("meeting_verbs"))
    meeting_particles = trie_regex(lex.words("meeting_particles"))
    meeting_not_before = trie_regex(lex.words("meeting_not_before"))
    year, month, day = map(re.escape, (words.year_word, words.month_word, words.day_word))

    def term(digits: str, repeat: str) -> str:
        return (f"{re.escape(words.term_prefix)}?[{words.term_numerals}{digits}]{repeat}"
                f"{re.escape(words.term_word)}")

    followers = sorted(lex.words("name_followers"), key=len, reverse=True)
    national_names = set(lex.national)
    for body in lex.national.values():
        national_names.update(body.aliases)
    return Patterns(
        org=re.compile(_org_pattern(lex, words)),
        national=re.compile(trie_regex(national_names)),
        body_suffix=re.compile(trie_regex(lex.bodies)),
        place=re.compile(trie_regex(lex.gazetteer.by_name)),
        place_short=re.compile(trie_regex(lex.gazetteer.by_short)),
        followers=re.compile("|".join(map(re.escape, followers))
                             + "|[，。、；：！？（）“”《\\d]|$"),
        meeting=re.compile(
            f"(?P<verb>{meeting_verbs})(?:{meeting_particles})?"
            f"(?P<name>[^，。；：！？“”《》\n]{{2,40}}?(?:{meeting_heads}))(?!{meeting_not_before})"),
        quote=re.compile(r"“(?P<core>[^“”\n]{1,30})”"),
        book_title=re.compile(r"《(?P<title>[^《》\n]{1,120})》"),
        date=re.compile(rf"(?:(?P<year>\d{{4}}){year})?(?P<month>1[0-2]|0?[1-9]){month}"
                        rf"(?P<day>3[01]|[12]\d|0?[1-9]){day}"),
        year=re.compile(rf"(?<!\d)(?P<year>(?:19|20)\d\d){year}"),
        ordinal=re.compile(term("", "+")),
        term_gloss=re.compile("（" + term(r"\d", "{1,3}") + "）$"),
        long_form=re.compile("|".join(map(re.escape, words.long_forms))),
        minister_long_form=re.compile(
            "|".join(map(re.escape, words.long_forms + words.minister_long_forms))),
    )
