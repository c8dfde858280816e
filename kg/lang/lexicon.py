"""Lexicons and the gazetteer, loaded once from kg/data/.

Word lists become trie-shaped regular expressions, so one C-level scan finds
the longest role, body or place name at each position instead of trying
thousands of alternatives one by one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kg.model import Place

# 区委 names the district's committee, 自治区党委 the region's; longest first
LEVEL_MARKERS = ("自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "旗", "乡", "镇")
# Suffixes dropped to get a division's short name: 天水市 → 天水
_SHORT_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
                   "自治县", "自治旗", "地区", "林区", "省", "市", "区", "县", "盟", "旗")


def _data(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def trie_regex(words) -> str:
    """A regular expression matching any of `words`, longest first.

    Python's `re` tries alternatives one by one; a trie-shaped pattern shares
    prefixes so a scan over thousands of names stays fast.
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def render(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + render(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return render(trie)


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


class Gazetteer:
    """China's administrative divisions (kg/data/divisions.tsv)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.by_code: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        self.by_short: dict[str, list[Place]] = {}
        for row in rows:
            place = Place(row["code"], row["name"], row["level"], row["parent"] or None)
            self.by_code[place.code] = place
            self.by_name.setdefault(place.name, []).append(place)
        for place in self.by_code.values():
            short = short_name(place.name)
            if short != place.name and len(short) >= 2:
                self.by_short.setdefault(short, []).append(place)

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


def short_name(name: str) -> str:
    for suffix in _SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class RoleRow:
    implies: str     # the body a bare role belongs to (区政府, 国务院), or ""
    canonical: str   # the role's canonical word where the surface differs (外长 → 部长)
    after_name: bool  # also follows a name: 李鹏委员长


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
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    triggers: dict[str, tuple[str, ...]]
    gazetteer: Gazetteer

    def words(self, key: str) -> tuple[str, ...]:
        return self.triggers[key]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    role_table = _tsv("roles.tsv")
    roles = {row["role"]: row["implies"] or "" for row in role_table}
    role_rows = {row["role"]: RoleRow(row["implies"] or "", row["as"] or "",
                                      row["after_name"] == "yes") for row in role_table}
    # heads of a government: they follow a bare place or country (河南省省长, 法国总统)
    head_roles = frozenset(r for r, row in role_rows.items()
                           if row.implies == "国务院" or row.implies.endswith("政府"))
    bodies = {}
    for row in _tsv("bodies.tsv"):
        bodies[row["suffix"]] = BodyKind(
            row["suffix"], row["type"], row["label"],
            tuple(a for a in (row["aliases"] or "").split(";") if a),
            row["bare"] == "yes")
    national = {}
    for row in _tsv("national_bodies.tsv"):
        body = NationalBody(row["label"], row["type"],
                            tuple(a for a in (row["aliases"] or "").split(";") if a))
        national[body.label] = body
    names = [line.strip() for line in _data("surnames.txt").splitlines()
             if line.strip() and not line.startswith("#")]
    triggers = {key: tuple(value) for key, value in yaml.safe_load(_data("triggers.yaml")).items()}
    suffixes = {row["suffix"]: (row["type"], row["party_type"] or "")
                for row in _tsv("org_suffixes.tsv")}
    for suffix, kind in bodies.items():
        suffixes.setdefault(suffix, (kind.org_type, ""))
    translit_start, translit_any = (line for line in _data("translit_chars.txt").splitlines()
                                    if line and not line.startswith("#"))
    return Lexicon(
        roles=roles, role_rows=role_rows, head_roles=head_roles, countries=_countries(),
        org_suffixes=suffixes, translit=frozenset(translit_start),
        translit_any=frozenset(translit_any + translit_start),
        bodies=bodies, national=national,
        surnames=frozenset(n for n in names if len(n) == 1),
        compound_surnames=frozenset(n for n in names if len(n) == 2),
        triggers=triggers,
        gazetteer=Gazetteer(_tsv("divisions.tsv")),
    )


def _countries() -> frozenset[str]:
    """Chinese names of the world's countries, from CLDR (via babel), and the
    short and former names in kg/data/countries.txt (阿联酋, 苏联)."""
    from babel import Locale
    names = Locale("zh").territories
    extra = [line.strip() for line in _data("countries.txt").splitlines()
             if line.strip() and not line.startswith("#")]
    return frozenset([name for code, name in names.items()
                      if len(code) == 2 and code.isalpha() and len(name) >= 2
                      and "特别行政区" not in name] + extra)
