"""The words that shape organisation phrases and titles (kg/data/phrases.yaml),
loaded once per process and checked as every data file is (kg.lang.datafiles).

A field typed `frozenset` is a set of characters (written as one string) or of
words (written as a list); `tuple` keeps the list's order; `str` is one word.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable

import yaml

from kg.errors import LexiconError
from kg.lang.datafiles import read_entries, shipped_data, words_of

PHRASES = "phrases.yaml"


@dataclass(frozen=True)
class Words:
    # organisation phrases
    stop_in_org: frozenset[str]
    opens: frozenset[str]
    pointers: frozenset[str]
    not_in_unanchored: frozenset[str]
    not_in_body_stems: tuple[str, ...]
    mission_roles: tuple[str, ...]
    mission_joiners: frozenset[str]
    ministry: str
    portfolio_joiners: frozenset[str]
    portfolio_joined: str
    cpc_names: tuple[str, ...]
    cpc_short: str
    state_names: tuple[str, ...]
    china: str
    prc: str
    league: str
    league_committee: str
    democratic_parties: tuple[str, ...]
    foreign_party_countries: dict[str, str]
    cpc_central: str
    acting_words: tuple[str, ...]
    twinned_types: frozenset[str]
    central: str
    stationed: str
    embassy: str
    embassy_long: str
    ambassador: str
    building_end: str
    government: str
    autonomous_region: str
    region_committee: str
    long_forms: tuple[str, ...]
    minister_long_forms: tuple[str, ...]
    town_levels: frozenset[str]
    not_in_town: frozenset[str]
    term_prefix: str
    term_numerals: str
    term_word: str
    # titles
    head_char: str
    chain_joiners: frozenset[str]
    separators: frozenset[str]
    gap_words: tuple[str, ...]
    former: tuple[str, ...]
    former_between: frozenset[str]
    former_context: tuple[str, ...]
    during: str
    moved_from: str
    moved_to: tuple[str, ...]
    elected: str
    before_name: frozenset[str]
    name_before_opens: frozenset[str]
    caption_opens: frozenset[str]
    copula: str
    copula_not_after: tuple[str, ...]
    state_council: str
    this: str
    chambers: tuple[str, ...]
    chamber_opens: frozenset[str]
    local_opens: frozenset[str]
    level_prefixes: dict[str, str]
    minister: str
    inner_units: frozenset[str]
    national_prefixes: tuple[str, ...]
    # dates
    year_word: str
    month_word: str
    day_word: str


def read_words(folder: Traversable) -> Words:
    """The words of `folder`'s phrases.yaml (laid out as kg/data/).

    Raises:
        LexiconError: a key unknown, missing or given twice, a value of the wrong
            shape, a word listed twice; the error names the file and the line.
    """
    where = str(folder.joinpath(PHRASES))
    kinds = {f.name: f.type for f in dataclasses.fields(Words)}
    values = {}
    for key, node, line in read_entries(folder, PHRASES):
        if key not in kinds:
            raise LexiconError(where, f"unknown key {key!r}", line=line)
        values[key] = _convert(key, kinds[key], node, where)
    missing = [key for key in kinds if key not in values]
    if missing:
        raise LexiconError(where, "missing keys " + ", ".join(map(repr, missing)))
    return Words(**values)


def _convert(key: str, kind: str, node: yaml.Node, where: str):
    """The node as the field's type (`kind`, as annotated)."""
    one_string = isinstance(node, yaml.ScalarNode) and bool(node.value)
    if kind.startswith("frozenset"):
        return frozenset(node.value) if one_string else frozenset(words_of(node, key, where))
    if kind.startswith("tuple"):
        return words_of(node, key, where)
    if kind == "str" and one_string:
        return node.value
    if kind.startswith("dict") and isinstance(node, yaml.MappingNode) and all(
            isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) for k, v in node.value):
        return {k.value: v.value for k, v in node.value}
    raise LexiconError(where, f"{key}: expected {kind}", line=node.start_mark.line + 1)


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The words of the data installed with kg, read once per process."""
    return read_words(shipped_data())
