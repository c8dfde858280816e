"""The lexicons compiled once per process: every regular expression and lookup
table the extraction stages share (kg.lang.language.Language carries it)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.io import cached_regexes
from kg.lang.datafiles import shipped_data
from kg.lang.lexicon import Lexicon, NationalBody, load_lexicon, trie_regex
from kg.lang.words import Words, load_words
from kg.model import Place

HAN = r"\u3400-\u9fff"
PUNCTUATION = set("，。、；：！？（）“”‘’《》〈〉·…—\n ")
# the longest stem a unit may have before its body word (港澳事务办公室 is 港澳事务 + 办公室)
MAX_UNIT_STEM = 8
# the most characters of a town's name before its 镇 or 乡 (后沙峪镇)
MAX_TOWN_STEM = 4


@dataclass(frozen=True)
class Patterns:
    org: re.Pattern          # one organisation name, with named groups
    national: re.Pattern     # national bodies' names and aliases
    national_names: dict[str, NationalBody]  # ... and the body each names
    body_suffix: re.Pattern  # the words bodies named after a place end with (委, 政府)
    place: re.Pattern        # full names of divisions
    place_short: re.Pattern  # short names of divisions (天水, 秦州)
    followers: re.Pattern    # what may follow a person's name
    meeting: re.Pattern      # a meeting after its verb: 召开|全区政法工作会议
    meeting_first: re.Pattern  # ... or at a clause's start, before it: …会议|在…|召开
    meeting_more: re.Pattern   # what continues a name past a head: 常委会|第44次会议
    meeting_verb: re.Pattern   # one of the verbs meetings are held with
    meeting_listed: re.Pattern   # one more name after a joiner: …会议和|县政府常务会议
    meeting_session: re.Pattern  # a name that is a session of a body: 第五次会议, 常务委员会…会议
    quote: re.Pattern
    campaign: re.Pattern     # the centre's campaigns, however written (扫黑除恶专项斗争)
    book_title: re.Pattern
    date: re.Pattern
    year: re.Pattern
    ordinal: re.Pattern      # a term of office before a body: 七届, 第九届
    term_gloss: re.Pattern   # ... in brackets before a role: （第九届）
    long_form: re.Pattern    # what follows a country's name in its long form: 共和国
    minister_long_form: re.Pattern  # ... before a minister's portfolio: 联邦 too
    role: re.Pattern         # one role word (书记, 副区长, 外长)
    role_first: frozenset[str]  # the characters role words start with
    country: re.Pattern      # countries' names (法国, 阿联酋)
    # places an organisation phrase may start with: full names, and the short
    # names of provinces and prefectures (广东, 张家口)
    anchor_places: dict[str, list[Place]]
    anchor_place: re.Pattern
    org_suffix: re.Pattern   # what any body's name ends with (厅, 委员会, 公司)
    unit: re.Pattern         # one unit of a body: a stem and a body word (文化|厅)
    suffixes_by_role: dict[str, tuple[str, ...]]  # body words a role word starts (书记处 for 书记)
    town: re.Pattern         # a town the gazetteer does not list (后沙峪镇, 马乡)


def _national_names(lex: Lexicon) -> dict[str, NationalBody]:
    """Each national body's label and aliases, the body it names (labels first)."""
    names = {body.label: body for body in lex.national.values()}
    for body in lex.national.values():
        for alias in body.aliases:
            names.setdefault(alias, body)
    return names


def _org_pattern(lex: Lexicon, words: Words, national_names) -> str:
    def group(name: str, body: str) -> str:
        return f"(?P<{name}>{body})"

    # former names too: 崇礼县委 is a body of today's 崇礼区 (Gazetteer.named)
    places = trie_regex([*lex.gazetteer.by_name, *lex.gazetteer.by_former])
    suffixes = trie_regex(lex.bodies)
    local = (group("place", places) + "?" + group("level", "|".join(lex.words("level_markers"))) + "?"
             + group("suffix", suffixes))
    return (group("cpc", re.escape(words.cpc_short)) + "?"
            + "(?:" + group("national", trie_regex(national_names)) + "|" + local + ")")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The shipped lexicon's patterns, their expressions compiled once for all processes
    into the cache folder (`kg.io.cached_regexes`) for as long as the data files and
    the code reading them stay the same."""
    lex, words = load_lexicon(), load_words()
    regexes = cached_regexes("patterns", _sources_digest(), lambda: regex_sources(lex, words))
    return Patterns(**regexes, **_tables(lex, words))


def _sources_digest() -> bytes:
    """What the shipped patterns are made from: the data files (but the tagger's
    weights) and the code of kg.lang and kg.model."""
    digest = hashlib.sha256()
    code = Path(__file__).parent
    files = [*sorted(code.glob("*.py")), code.parent / "model.py"]
    data = shipped_data()
    files += sorted((f for f in data.iterdir() if f.is_file()), key=lambda f: f.name)
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.digest()


def compile_patterns(lex: Lexicon, words: Words) -> Patterns:
    regexes = {name: re.compile(source) for name, source in regex_sources(lex, words).items()}
    return Patterns(**regexes, **_tables(lex, words))


def _tables(lex: Lexicon, words: Words) -> dict:
    """The fields of Patterns that are lookup tables, not expressions."""
    anchor_places = dict(lex.gazetteer.by_name)
    for short, cands in lex.gazetteer.by_short.items():
        if all(c.level in ("province", "prefecture") for c in cands):
            anchor_places.setdefault(short, cands)
    for name in lex.gazetteer.by_former:
        anchor_places.setdefault(name, lex.gazetteer.named(name))
    return {"national_names": _national_names(lex), "anchor_places": anchor_places,
            "role_first": frozenset(r[0] for r in lex.role_rows),
            "suffixes_by_role": {r: tuple(x for x in lex.org_suffixes if x.startswith(r) and x != r)
                                 for r in lex.role_rows}}


def regex_sources(lex: Lexicon, words: Words) -> dict[str, str]:
    """The expression of each field of Patterns that is one."""
    meeting_heads = trie_regex(lex.words("meeting_heads"))
    meeting_verbs = trie_regex(lex.words("meeting_verbs"))
    meeting_particles = trie_regex(lex.words("meeting_particles"))
    meeting_not_before = trie_regex(lex.words("meeting_not_before"))
    meeting_head = f"(?:{meeting_heads})(?!{meeting_not_before})"
    name_chars = "[^，。；：！？“”《》\\n\\s,;:!?]"
    numerals = words.term_numerals + "".join(lex.words("session_numerals")) + "\\d"
    session = (f"(?:\\d{{4}}{re.escape(words.year_word)})?"
               f"{re.escape(words.term_prefix)}?[{numerals}]+"
               f"[{''.join(lex.words('meeting_counters'))}]")
    continued_by = (f"(?:{session}|[（(][^（()）]{{1,4}}[）)]"
                    f"|{trie_regex(lex.words('meeting_joiners'))})")
    # one more head past the first, after a session number, a bracket or a joiner
    continuation = f"{continued_by}{name_chars}{{0,20}}?{meeting_head}"
    venue = trie_regex(lex.words("meeting_venue_markers"))
    adverbs = trie_regex(lex.words("meeting_adverbs"))
    year, month, day = map(re.escape, (words.year_word, words.month_word, words.day_word))

    def term(digits: str, repeat: str) -> str:
        return (f"{re.escape(words.term_prefix)}?[{words.term_numerals}{digits}]{repeat}"
                f"{re.escape(words.term_word)}")

    followers = sorted(lex.words("name_followers"), key=len, reverse=True)
    national_names = _national_names(lex)
    suffixes = lex.org_suffixes
    town_levels = "".join(sorted(words.town_levels))
    return dict(
        org=_org_pattern(lex, words, national_names),
        national=trie_regex(national_names),
        body_suffix=trie_regex(lex.bodies),
        place=trie_regex(lex.gazetteer.by_name),
        place_short=trie_regex(lex.gazetteer.by_short),
        followers="|".join(map(re.escape, followers)) + "|[，。、；：！？（）“”《\\d]|$",
        meeting=(f"(?P<verb>{meeting_verbs})(?:{meeting_particles})?"
                 f"(?P<name>[^，。；：！？“”《》\n]{{2,40}}?{meeting_head})"),
        meeting_first=(
            f"(?:(?<=[，。；：！？,;:!?\\s])|^)(?P<name>{name_chars}{{2,40}}?{meeting_head}"
            f"(?:{continuation})*)"
            f"(?:(?:{venue}){name_chars}{{1,20}}?)?(?:{adverbs})?(?P<verb>{meeting_verbs})"
            f"(?!{trie_regex(lex.words('meeting_first_not_after'))})"),
        meeting_verb=meeting_verbs,
        meeting_more=f"{continuation}|{meeting_head}",
        meeting_listed=f"{name_chars}{{2,40}}?{meeting_head}",
        meeting_session=(
            f"(?:{session}|{trie_regex(lex.words('session_bodies'))}){name_chars}{{0,20}}?"
            f"{meeting_head}(?:{continuation})*"),
        quote=r"“(?P<core>[^“”\n]{1,30})”",
        campaign=trie_regex(lex.campaigns),
        book_title=r"《(?P<title>[^《》\n]{1,120})》",
        date=(rf"(?:(?P<year>\d{{4}}){year})?(?P<month>1[0-2]|0?[1-9]){month}"
              rf"(?P<day>3[01]|[12]\d|0?[1-9]){day}"),
        year=rf"(?<!\d)(?P<year>(?:19|20)\d\d){year}",
        ordinal=term("", "+"),
        term_gloss="（" + term(r"\d", "{1,3}") + "）$",
        long_form="|".join(map(re.escape, words.long_forms)),
        minister_long_form="|".join(map(re.escape, words.long_forms + words.minister_long_forms)),
        role=trie_regex(lex.role_rows),
        country=trie_regex(lex.countries),
        anchor_place=trie_regex(_tables(lex, words)["anchor_places"]),
        org_suffix=trie_regex(suffixes),
        unit=f"(?P<stem>[{HAN}]{{0,{MAX_UNIT_STEM}}}?)(?P<suffix>{trie_regex(suffixes)})",
        town=f"[{HAN}]{{1,{MAX_TOWN_STEM}}}?[{town_levels}]",
    )
