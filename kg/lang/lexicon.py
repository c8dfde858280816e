"""Lexicons and the gazetteer, loaded once from kg/data/.

Word lists become trie-shaped regular expressions, so one C-level scan finds
the longest role, body or place name at each position instead of trying
thousands of alternatives one by one. The files are checked as they are read
(`kg.lang.datafiles`): a malformed one raises `LexiconError`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.resources.abc import Traversable

from kg.errors import LexiconError
from kg.lang.datafiles import (pairs, parallel, read_lines, read_numbered_table, read_table,
                               read_word_lists, shipped_data)
from kg.model import Place

# a one-character short name would be a word: 和县 is not 和
_SHORTEST_SHORT_NAME = 2
# CLDR names these as territories; they are China's special administrative regions
_NOT_COUNTRIES = ("HK", "MO")
# a former or a town's name of two characters is a word of today (城区, 郊区, 东区: dozens of
# cities had one; 九镇)
_SHORTEST_LISTED_NAME = 3


def trie_regex(words) -> str:
    """A regular expression matching any of `words`, longest first.

    Python's `re` tries alternatives one by one; a trie-shaped pattern shares
    prefixes so a scan over thousands of names stays fast. Where a character is
    followed by many others (the first characters of three thousand place
    names), the alternatives are split into groups each guarded by a lookahead
    class of their first characters, so a position tries a few classes, not
    hundreds of characters; at the top, a class of all first characters turns
    most positions away at once.
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def render(node: dict, top: bool = False) -> str:
        branches = [(char, render(child)) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = _alternatives(branches)
        if top and len(branches) > _TRIE_SPLIT:
            body = f"(?={_char_class(branches)}){body}"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return render(trie, top=True)


# the most alternatives tried one by one (fewer are faster so than through classes),
# and how many guarded groups more are split into
_TRIE_SPLIT = 64
_TRIE_GROUPS = 16


def _char_class(branches: list[tuple[str, str]]) -> str:
    return "[" + "".join(re.escape(char) for char, _ in branches) + "]"


def _alternatives(branches: list[tuple[str, str]]) -> str:
    """`branches` (a character and the pattern after it) as one alternation."""
    if len(branches) <= _TRIE_SPLIT:
        alternatives = [re.escape(char) + rest for char, rest in branches]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    size = -(-len(branches) // _TRIE_GROUPS)
    return "(?:" + "|".join(f"(?={_char_class(group)}){_alternatives(group)}"
                            for group in (branches[i:i + size]
                                          for i in range(0, len(branches), size))) + ")"


@dataclass(frozen=True)
class BodyKind:
    """A kind of body named after a place: 区委, 天水市政府, 纪委."""

    suffix: str
    org_type: str
    label: str
    aliases: tuple[str, ...]
    bare: bool


@dataclass(frozen=True)
class NationalBody:
    label: str
    org_type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class FormerName:
    """A division's name before it changed: 崇礼县 until 2016 (now 崇礼区)."""

    place: Place  # today's division (its code, level, parent) under the former name
    until: int    # the year the name gave way


def changes_by_old_code(changes: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """The change events of historical_divisions.tsv by the code they change, in year order."""
    by_old_code = defaultdict(list)
    for change in sorted(changes, key=lambda c: int(c["year"])):
        by_old_code[change["old_code"]].append(change)
    return by_old_code


def carried_on(change: dict[str, str], later: dict[str, list[dict[str, str]]],
               today: Container[str]) -> tuple[str, int] | None:
    """The code of today a change's division goes on as, and the year its old
    name gave way; None where its successors end at no division of today.

    Each successor is followed to the next change of that division: of its code
    and its name (a code swapped to another county is that county's, 正定县 and
    栾城县 in 1993), that year or later.
    """
    name = change["old_name"]
    code, year, current = change["new_code"], int(change["year"]), change["new_name"]
    renamed = year if current != name else None
    seen = set()
    while code not in today:
        if code in seen:
            return None
        seen.add(code)
        nxt = next((c for c in later.get(code, ()) if int(c["year"]) >= year
                    and c["old_name"] == current), None)
        if nxt is None:
            return None
        code, year, current = nxt["new_code"], int(nxt["year"]), nxt["new_name"]
        if renamed is None and current != name:
            renamed = year
    return code, renamed or year


class Gazetteer:
    """China's administrative divisions (kg/data/divisions.tsv) and their former
    names (kg/data/historical_divisions.tsv).

    Args:
        short_suffixes: what is dropped from a name to give its short name
            (places.yaml short_name_suffixes).
        abbreviations: (level suffix, abbreviation) pairs: a name ending with
            the suffix is also written with the abbreviation (香港特区), a name
            of the same place (places.yaml level_abbreviations).
        changes: the change events of historical_divisions.tsv; a division's
            name before a change is a former name of the division that carries
            it on today.
        townships: reads the rows of townships.tsv (towns by their names in
            `towns`); called on the first use of a town, since most texts name
            none the rules cannot place without the list, and reading and
            checking its 38,476 rows is a tenth of a one-file build.
        not_former: former names that are words of today, not read as the
            division (places.yaml not_former_names).
        two_character_levels: the level words a two-character former name may
            end with and be read (places.yaml former_two_character_levels: 户县).
        autonomous, ethnic_groups: an autonomous level and the level word it is
            written with without its ethnic groups (自治县, 县), and those groups
            (places.yaml autonomous_levels, ethnic_groups: 张家川回族自治县 is
            written 张家川县 too, short 张家川).
    """

    year: int | None = None  # the year a text is of (see `as_of`)

    def __init__(self, rows: list[dict[str, str]], short_suffixes: tuple[str, ...],
                 abbreviations: tuple[tuple[str, str], ...] = (),
                 changes: list[dict[str, str]] = (),
                 townships: Callable[[], list[dict[str, str]]] = list,
                 not_former: tuple[str, ...] = (),
                 two_character_levels: tuple[str, ...] = (),
                 autonomous: tuple[tuple[str, str], ...] = (),
                 ethnic_groups: tuple[str, ...] = (),
                 abbreviated: list[dict[str, str]] = ()) -> None:
        # 广西壮族自治区 → 广西, not 广西壮族自治 (区 is a suffix too)
        self._short_suffixes = tuple(sorted(short_suffixes, key=len, reverse=True))
        self._abbreviated = {abbreviation: suffix for suffix, abbreviation in abbreviations}
        self.by_code: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        self.by_short: dict[str, list[Place]] = {}
        for row in rows:
            place = Place(row["code"], row["name"], row["level"], row["parent"] or None)
            self.by_code[place.code] = place
        # a city with no counties has a county-level twin of its name (东莞市 441900 in 东莞市
        # 4419, 嘉峪关市): its name is the city's, which would be ambiguous with it
        twins = {p.code for p in self.by_code.values()
                 if p.parent in self.by_code and self.by_code[p.parent].name == p.name}
        for place in self.by_code.values():
            if place.code not in twins:
                self.by_name.setdefault(place.name, []).append(place)
        for place in list(self.by_code.values()):
            for suffix, abbreviation in abbreviations:
                if place.name.endswith(suffix):
                    written = place.name[:-len(suffix)] + abbreviation
                    self.by_name.setdefault(written, []).append(place)
        for place in self.by_code.values():
            short = self.short_name(place.name)
            if short != place.name and place.code not in twins:
                self.by_short.setdefault(short, []).append(place)
        # the other names a division is written with (张家川回族自治县: 张家川县), by its code
        self.written: dict[str, tuple[str, ...]] = {}
        groups = tuple(sorted(ethnic_groups, key=len, reverse=True))
        for place in list(self.by_code.values()):
            for level, written in autonomous:
                stem = _without_groups(place.name, level, groups)
                if stem and stem + written not in self.by_name:
                    self.by_name[stem + written] = [place]
                    self.written[place.code] = (stem + written,)
                    if stem not in self.by_short:
                        self.by_short[stem] = [place]
        for row in abbreviated:
            self._abbreviation(row["abbreviation"], self.by_code[row["code"]])
        self.by_former = {name: formers for name, formers
                          in self._former_names(changes, two_character_levels).items()
                          if name not in not_former}
        # one holder for this gazetteer and its dated copies (`as_of`), read once for all
        self._towns: list[dict[str, list[Place]]] = []
        self._read_townships = townships
        self._dated: dict[int, Gazetteer] = {}

    def _abbreviation(self, written: str, place: Place) -> None:
        """东乌旗 is 东乌珠穆沁旗 (abbreviated_divisions.tsv), and 东乌 its short name."""
        self.by_name.setdefault(written, []).append(place)
        self.written[place.code] = (*self.written.get(place.code, ()), written)
        short = self.short_name(written)
        if short != written:
            self.by_short.setdefault(short, []).append(place)

    def _former_names(self, changes: list[dict[str, str]],
                      two_character_levels: tuple[str, ...]) -> dict[str, list[FormerName]]:
        """Each change's old name, for the division of today it carries on as,
        unless that division still has the name."""
        later = changes_by_old_code(changes)
        until: dict[tuple[str, str], int] = {}
        for change in changes:
            name = change["old_name"]
            found = carried_on(change, later, self.by_code)
            today = self.by_code.get(found[0]) if found else None
            if today is None or today.name == name or (len(name) < _SHORTEST_LISTED_NAME
                                                       and not name.endswith(two_character_levels)):
                continue
            key = (name, today.code)
            until[key] = max(until.get(key, 0), found[1])
        former: dict[str, list[FormerName]] = {}
        for (name, code), year in sorted(until.items()):
            today = self.by_code[code]
            former.setdefault(name, []).append(
                FormerName(Place(code, name, today.level, today.parent), year))
        return former

    @property
    def towns(self) -> dict[str, list[Place]]:
        """The towns of townships.tsv by their names, read and checked on first use.

        Raises:
            LexiconError: townships.tsv breaks its declaration.
        """
        if not self._towns:
            towns: dict[str, list[Place]] = {}
            for row in self._read_townships():
                towns.setdefault(row["name"], []).append(
                    Place(row["code"], row["name"], "township", row["county"]))
            self._towns.append(towns)
        return self._towns[0]

    def listed_town(self, name: str) -> bool:
        """Whether townships.tsv lists a town so named (of three characters or more)."""
        return len(name) >= _SHORTEST_LISTED_NAME and name in self.towns

    def named(self, name: str) -> list[Place]:
        """The divisions a name in a text is: those of today so named, else
        those it is a former name of (淮阴市 is today's 淮安市, named 淮阴市).

        In a text of a year (`as_of`), a former name still valid then comes
        first: 上饶市 in 1995 is the county-level city that is today's 信州区.
        """
        formers = self.by_former.get(name, ())
        if self.year is not None:
            then = [f.place for f in formers if self.year < f.until]
            if then:
                return then
        return self.by_name.get(name) or [f.place for f in formers]

    def as_of(self, year: int) -> Gazetteer:
        """This gazetteer, reading names as they were in `year`."""
        if year not in self._dated:
            dated = copy.copy(self)
            dated.year = year
            self._dated[year] = dated
        return self._dated[year]

    def level_written(self, marker: str) -> str:
        """The level suffix a level marker stands for: 特区 → 特别行政区, 市 → 市."""
        return self._abbreviated.get(marker, marker)

    def short_name(self, name: str) -> str:
        """The name without its level suffix: 天水市 → 天水; 和县 stays 和县."""
        for suffix in self._short_suffixes:
            if name.endswith(suffix) and len(name) - len(suffix) >= _SHORTEST_SHORT_NAME:
                return name[: -len(suffix)]
        return name

    def ancestors(self, place: Place) -> list[Place]:
        """The place's parents, nearest first."""
        out = []
        while place.parent and place.parent in self.by_code:
            place = self.by_code[place.parent]
            out.append(place)
        return out

    def chain(self, place: Place) -> list[Place]:
        return [place, *self.ancestors(place)]

    def contains(self, outer: Place, inner: Place) -> bool:
        return outer == inner or outer in self.ancestors(inner)


@dataclass(frozen=True)
class RoleRow:
    implies: str     # the body a bare role belongs to (区政府, 国务院), or ""
    canonical: str   # the role's canonical word where the surface differs (外长 → 部长)
    after_name: bool  # also follows a name: 李鹏委员长


@dataclass(frozen=True)
class Term:
    """A term of office of leaders.tsv: the body whose role it is, from `start` to
    `end` (exclusive; None: still held)."""

    body: str
    start: dt.date
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, str]
    role_rows: dict[str, RoleRow]
    head_roles: frozenset[str]
    countries: frozenset[str]
    org_suffixes: dict[str, tuple[str, str]]
    translit: frozenset[str]      # characters a transliterated name starts with
    translit_any: frozenset[str]  # ... and goes on with
    bodies: dict[str, BodyKind]
    national: dict[str, NationalBody]
    # the centre's campaigns (campaigns.tsv): each name they are written with -> its key
    campaigns: dict[str, str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    lists: dict[str, tuple[str, ...]]  # the word lists of kg/data/*.yaml
    function_chars: frozenset[str]  # triggers.yaml function_chars, looked up per character
    gazetteer: Gazetteer
    # leaders.tsv: (name, role) -> their terms in that role, in the file's order
    terms: dict[tuple[str, str], tuple[Term, ...]]
    leader_names: frozenset[str]  # ... and the names it lists

    def words(self, key: str) -> tuple[str, ...]:
        """A word list of kg/data/*.yaml (declared in kg.lang.word_lists.WORD_LISTS)."""
        return self.lists[key]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon of the data installed with kg, read once per process."""
    return read_lexicon(shipped_data())


def read_lexicon(folder: Traversable) -> Lexicon:
    """The lexicon of the data files in `folder` (laid out as kg/data/).

    Raises:
        LexiconError: a file is missing or breaks its declaration in
            `kg.lang.datafiles`; the error names the file and the line.
    """
    role_table = read_table(folder, "roles.tsv")
    roles = {row["role"]: row["implies"] for row in role_table}
    role_rows = {row["role"]: RoleRow(row["implies"], row["as"], row["after_name"] == "yes")
                 for row in role_table}
    lists = read_word_lists(folder)
    parallel(lists, ("purpose_words", "purpose_kinds", "letter_purpose_kinds"), folder,
              "events.yaml")
    # heads of a government: they follow a bare place or country (河南省省长, 法国总统)
    head_roles = frozenset(r for r, row in role_rows.items()
                           if row.implies.endswith(lists["government_bodies"]))
    bodies = {}
    for row in read_table(folder, "bodies.tsv"):
        bodies[row["suffix"]] = BodyKind(
            row["suffix"], row["type"], row["label"], _entries(row["aliases"]),
            row["bare"] == "yes")
    national = {}
    for row in read_table(folder, "national_bodies.tsv"):
        body = NationalBody(row["label"], row["type"], _entries(row["aliases"]))
        national[body.label] = body
    campaigns = {}
    for row in read_table(folder, "campaigns.tsv"):
        for name in (row["label"], *_entries(row["aliases"])):
            campaigns[name] = row["label"]
    names = read_lines(folder, "surnames.txt")
    suffixes = {row["suffix"]: (row["type"], row["party_type"])
                for row in read_table(folder, "org_suffixes.tsv")}
    for suffix, kind in bodies.items():
        suffixes.setdefault(suffix, (kind.org_type, ""))
    translit_start, translit_any = _translit_chars(folder)
    terms: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for row in read_table(folder, "leaders.tsv"):
        terms[row["name"], row["role"]].append(Term(
            row["body"], dt.date.fromisoformat(row["start"]),
            dt.date.fromisoformat(row["end"]) if row["end"] else None))
    return Lexicon(
        roles=roles, role_rows=role_rows, head_roles=head_roles,
        countries=_countries(read_lines(folder, "countries.txt")),
        org_suffixes=suffixes, translit=frozenset(translit_start),
        translit_any=frozenset(translit_any + translit_start),
        bodies=bodies, national=national, campaigns=campaigns,
        surnames=frozenset(n for n in names if len(n) == 1),
        compound_surnames=frozenset(n for n in names if len(n) == 2),
        lists=lists, function_chars=frozenset(lists["function_chars"]),
        gazetteer=Gazetteer(read_table(folder, "divisions.tsv"), lists["short_name_suffixes"],
                            pairs(lists["level_abbreviations"], folder, "places.yaml"),
                            read_table(folder, "historical_divisions.tsv"),
                            partial(read_table, folder, "townships.tsv"),
                            lists["not_former_names"], lists["former_two_character_levels"],
                            pairs(lists["autonomous_levels"], folder, "places.yaml"),
                            lists["ethnic_groups"], _abbreviations(folder)),
        terms={key: tuple(value) for key, value in terms.items()},
        leader_names=frozenset(name for name, _role in terms),
    )


def _abbreviations(folder: Traversable) -> list[dict[str, str]]:
    """abbreviated_divisions.tsv's rows, each naming its division as divisions.tsv does."""
    names = {row["code"]: row["name"] for row in read_table(folder, "divisions.tsv")}
    rows = read_numbered_table(folder, "abbreviated_divisions.tsv")
    for number, row in rows:
        if names[row["code"]] != row["name"]:
            raise LexiconError(str(folder.joinpath("abbreviated_divisions.tsv")),
                               f"{row['abbreviation']}: code {row['code']} is "
                               f"{names[row['code']]}, not {row['name']}", line=number)
    return [row for _, row in rows]


def _without_groups(name: str, level: str, groups: tuple[str, ...]) -> str:
    """张家川回族自治县 → 张家川: the name's stem before its ethnic groups and
    autonomous level, or "" where it has none of them or too short a stem."""
    if not name.endswith(level):
        return ""
    stem = name[:-len(level)]
    while (group := next((g for g in groups if stem.endswith(g)), None)) is not None:
        stem = stem[:-len(group)]
    return stem if len(stem) >= _SHORTEST_SHORT_NAME and len(stem) < len(name) - len(level) else ""


def _entries(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(";")) if cell else ()


def _translit_chars(folder: Traversable) -> tuple[str, str]:
    """The characters a transliterated name starts with, and those it goes on with."""
    lines = read_lines(folder, "translit_chars.txt")
    where = str(folder.joinpath("translit_chars.txt"))
    if len(lines) != 2:
        raise LexiconError(where, f"{len(lines)} lines of characters; expected two: those a "
                                  f"name may start with, then those it may go on with")
    for line in lines:
        repeated = sorted({c for c in line if line.count(c) > 1})
        if repeated:
            raise LexiconError(where, f"{''.join(repeated)} more than once in a line")
    return lines[0], lines[1]


def _countries(extra: list[str]) -> frozenset[str]:
    """Chinese names of the world's countries, from CLDR (via babel), and the
    short and former names in kg/data/countries.txt (阿联酋, 苏联)."""
    from babel import Locale
    names = Locale("zh").territories
    return frozenset([name for code, name in names.items()
                      if len(code) == 2 and code.isalpha() and len(name) >= 2
                      and code not in _NOT_COUNTRIES] + extra)
