"""The words that shape organisation phrases and titles (kg/data/phrases.yaml),
loaded once per process.

A field typed `frozenset` is a set of characters (written as one string) or of
words (written as a list); `tuple` keeps the list's order; `str` is one word.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kg.errors import InputError

PHRASES = "phrases.yaml"
_PATH = f"kg/data/{PHRASES}"


@dataclass(frozen=True)
class Words:
    # organisation phrases
    stop_in_org: frozenset[str]
    opens: frozenset[str]
    pointers: frozenset[str]
    not_in_unanchored: frozenset[str]
    cpc_names: tuple[str, ...]
    cpc_short: str
    state_names: tuple[str, ...]
    china: str
    prc: str
    league: str
    league_committee: str
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


def _convert(key: str, kind: str, value, line: int):
    """The YAML value as the field's type, or an InputError naming the key and its line."""
    if isinstance(value, list) and len(set(value)) < len(value):
        twice = sorted({word for word in value if value.count(word) > 1})
        raise InputError(_PATH, f"{key}: listed twice: {', '.join(twice)}", line=line)
    if kind.startswith("frozenset") and isinstance(value, (str, list)):
        return frozenset(value)
    if kind.startswith("tuple") and isinstance(value, list):
        return tuple(value)
    if kind == "str" and isinstance(value, str):
        return value
    if kind.startswith("dict") and isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    raise InputError(_PATH, f"{key}: expected {kind}, got {type(value).__name__}", line=line)


def parse_words(text: str) -> Words:
    data = yaml.safe_load(text) or {}
    root = yaml.compose(text)
    lines = {key.value: key.start_mark.line + 1 for key, _ in (root.value if root else ())}
    fields = {f.name: f.type for f in dataclasses.fields(Words)}
    unknown = sorted(set(data) - set(fields), key=lines.get)
    if unknown:
        raise InputError(_PATH, f"unknown key {unknown[0]!r}", line=lines[unknown[0]])
    missing = sorted(set(fields) - set(data))
    if missing:
        raise InputError(_PATH, "missing keys " + ", ".join(map(repr, missing)))
    return Words(**{key: _convert(key, kind, data[key], lines[key]) for key, kind in fields.items()})


@lru_cache(maxsize=1)
def load_words() -> Words:
    return parse_words(resources.files("kg").joinpath("data", PHRASES).read_text(encoding="utf-8"))
