"""The language data files of kg/data/: what each must hold, read and checked.

Every table, line list and word list the extraction reads is declared here. A
file that breaks its declaration (an entry listed twice, a list no code reads,
a row with a missing cell, a level that is no level) stops the load with a
`LexiconError` naming the file and the line: a silent mistake there would make
every build match less, with nothing to say why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from rdflib.namespace import SKOS

from kg.errors import LexiconError
from kg.io import cached
from kg.lang.ontology import ontology_bytes, ontology_triples
from kg.lang.word_lists import LINE_LISTS, WORD_LISTS


@lru_cache(maxsize=1)
def organization_types() -> frozenset[str]:
    """The organisation types: the skos:notation of ontology/kg.ttl's concepts
    (they are its only ones; tests/test_lexicon.py checks they stay so)."""
    return frozenset(o[1] for _, p, o in ontology_triples() if p[1] == str(SKOS.notation))


# what vis-network draws (its `shape` option)
VIEWER_SHAPES = ("dot", "square", "diamond", "star", "triangle", "triangleDown", "hexagon",
                 "ellipse", "box", "circle", "text")

# the levels scripts/update_divisions.py writes (towns are in townships.tsv)
DIVISION_LEVELS = ("province", "prefecture", "county")
# the years of the change events: the first code lists are of 1980
YEARS = tuple(str(year) for year in range(1980, 2100))


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes:
        required: an empty cell is an error.
        allowed: the values the column may take, where it is an enumeration,
            or a function giving them (the ontology's organisation types).
        listed: the cell holds ;-separated entries, none empty or repeated.
        refers: a non-empty cell must be the key of a row of the same table
            (a division's parent).
        refers_to: (table, column) pairs: a non-empty cell must be a value of
            one of those columns, "" naming this table (a former division's
            successor is a division of today or a former one itself).
        date: a non-empty cell is a date, YYYY-MM-DD.
    """

    name: str
    required: bool = True
    allowed: Collection[str] | Callable[[], Collection[str]] | None = None
    listed: bool = False
    refers: bool = False
    refers_to: tuple[tuple[str, str], ...] = ()
    date: bool = False


@dataclass(frozen=True)
class Table:
    """A tab-separated file: `#` comment lines, a header naming `columns`,
    then one row a line; `key` (the first column) is unique, or the columns
    of `unique` together are."""

    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.columns[0].name

    def key_of(self, row: dict[str, str]) -> str:
        return "/".join(row[name] for name in self.unique) if self.unique else row[self.key]


TABLES: dict[str, Table] = {
    "roles.tsv": Table((Column("role"), Column("implies", required=False),
                        Column("as", required=False),
                        Column("after_name", required=False, allowed=("yes",)))),
    "bodies.tsv": Table((Column("suffix"), Column("type", allowed=organization_types),
                         Column("label"),
                         Column("aliases", required=False, listed=True),
                         Column("bare", allowed=("yes", "no")))),
    "national_bodies.tsv": Table((Column("label"), Column("type", allowed=organization_types),
                                  Column("aliases", required=False, listed=True),
                                  Column("source", required=False))),
    "campaigns.tsv": Table((Column("label"), Column("aliases", required=False, listed=True),
                            Column("source"))),
    "org_suffixes.tsv": Table((Column("suffix"), Column("type", allowed=organization_types),
                               Column("party_type", required=False, allowed=organization_types))),
    "divisions.tsv": Table((Column("code"), Column("name"),
                            Column("parent", required=False, refers=True),
                            Column("level", allowed=DIVISION_LEVELS))),
    # change events of divisions (scripts/update_historical_divisions.py): one division
    # carried on under another name or code, in a year
    "historical_divisions.tsv": Table(
        (Column("old_name"), Column("old_code"), Column("old_path", required=False),
         Column("new_code", refers_to=(("divisions.tsv", "code"), ("", "old_code"))),
         Column("new_name"), Column("year", allowed=YEARS),
         Column("change"), Column("source")),
        unique=("old_name", "old_code", "new_code", "year")),
    # divisions written by an abbreviation (东乌旗 for 东乌珠穆沁旗), each where it is written so;
    # the name must be the code's in divisions.tsv (kg.lang.lexicon checks it)
    "abbreviated_divisions.tsv": Table((Column("abbreviation"),
                                        Column("code", refers_to=(("divisions.tsv", "code"),)),
                                        Column("name"), Column("source"))),
    # towns and townships of today, in their counties (scripts/update_historical_divisions.py)
    "townships.tsv": Table((Column("code"), Column("name"),
                            Column("county", refers_to=(("divisions.tsv", "code"),)))),
    # the heads of national bodies by term: who 习近平主席 or 李克强总理 is, on a report's date
    "leaders.tsv": Table((Column("name"),
                          Column("body", refers_to=(("national_bodies.tsv", "label"),)),
                          Column("role", refers_to=(("roles.tsv", "role"),)),
                          Column("start", date=True), Column("end", required=False, date=True),
                          Column("source")),
                         unique=("name", "body", "role", "start")),
    # the HTML viewer's words and styles (kg.views.labels checks the rest of a row)
    "viewer_labels.tsv": Table((Column("key"),
                                Column("kind", allowed=("class", "relation", "derived")),
                                Column("label"), Column("colour", required=False),
                                Column("shape", required=False, allowed=VIEWER_SHAPES))),
}


def shipped_data() -> Traversable:
    """The data folder installed with kg."""
    return resources.files("kg").joinpath("data")


def read_table(folder: Traversable, name: str) -> list[dict[str, str]]:
    """The rows of the table `name` (declared in TABLES), checked."""
    return [row for _, row in read_numbered_table(folder, name)]


def read_numbered_table(folder: Traversable, name: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of the table `name`, checked: for readers that check
    more of a row than its declaration says and must name the line.

    Kept in the cache folder (`kg.io.cached`) once checked, for as long as the file,
    the tables it refers to, the ontology and this code are the same: checking every
    cell of the divisions at each start was half of reading the lexicon."""
    return cached(f"table-{name}", _table_sources(folder, name),
                  lambda: _checked_table(folder, name))


def _table_sources(folder: Traversable, name: str) -> bytes:
    """What checking the table `name` reads: its file, those its columns refer to,
    the ontology (whose types a column may allow) and this code."""
    names = [name]
    for table in names:
        for column in TABLES[table].columns:
            names += [other for other, _ in column.refers_to if other and other not in names]
    parts = [Path(__file__).read_bytes(), ontology_bytes()]
    for table in names:
        parts += [table.encode(), _read(folder, table).encode("utf-8")]
    return b"\0".join(parts)


def _checked_table(folder: Traversable, name: str) -> list[tuple[int, dict[str, str]]]:
    table = TABLES[name]
    where = str(folder.joinpath(name))
    expected = [c.name for c in table.columns]
    header, rows = None, []
    keys: dict[str, int] = {}
    for number, line in _lines(folder, name):
        cells = line.split("\t")
        if header is None:
            if cells != expected:
                raise LexiconError(where, f"header {cells}; expected the columns {expected}",
                                   line=number)
            header = cells
            continue
        if len(cells) != len(expected):
            raise LexiconError(where, f"{len(cells)} cells; expected {len(expected)} "
                                      f"({', '.join(expected)}), separated by tabs", line=number)
        row = dict(zip(expected, cells))
        for column in table.columns:
            _check_cell(row[column.name], column, where, number)
        key = table.key_of(row)
        if key in keys:
            named = "/".join(table.unique) if table.unique else table.key
            raise LexiconError(where, f"{named} {key!r} again (first on line {keys[key]})",
                               line=number)
        keys[key] = number
        rows.append((number, row))
    if header is None:
        raise LexiconError(where, f"no header; expected the columns {expected}")
    for column in table.columns:
        if column.refers:
            for number, row in rows:
                if row[column.name] and row[column.name] not in keys:
                    raise LexiconError(where, f"{column.name} {row[column.name]!r} is no "
                                              f"{table.key} of this table", line=number)
        if column.refers_to:
            _check_references(folder, name, column, rows)
    return rows


def _check_references(folder: Traversable, name: str, column: Column,
                      rows: list[tuple[int, dict[str, str]]]) -> None:
    values: set[str] = set()
    for table, other in column.refers_to:
        their_rows = read_table(folder, table) if table else [row for _, row in rows]
        values.update(row[other] for row in their_rows)
    for number, row in rows:
        if row[column.name] and row[column.name] not in values:
            targets = ", ".join(f"{other} of {table or 'this table'}"
                                for table, other in column.refers_to)
            raise LexiconError(str(folder.joinpath(name)), f"{column.name} "
                               f"{row[column.name]!r} is no {targets}", line=number)


def _check_cell(cell: str, column: Column, where: str, number: int) -> None:
    if not cell:
        if column.required:
            raise LexiconError(where, f"empty {column.name}", line=number)
        return
    if cell != cell.strip():
        raise LexiconError(where, f"{column.name} {cell!r} has spaces around it", line=number)
    allowed = column.allowed() if callable(column.allowed) else column.allowed
    if allowed is not None and cell not in allowed:
        raise LexiconError(where, f"{column.name} {cell!r}; expected one of "
                                  f"{', '.join(sorted(allowed))}", line=number)
    if column.date:
        try:
            dt.date.fromisoformat(cell)
        except ValueError:
            raise LexiconError(where, f"{column.name} {cell!r} is no date (YYYY-MM-DD)",
                               line=number) from None
    if column.listed:
        entries = cell.split(";")
        if "" in entries or len(set(entries)) != len(entries):
            raise LexiconError(where, f"{column.name} {cell!r}: expected ;-separated entries, "
                                      f"none empty or repeated", line=number)


def read_lines(folder: Traversable, name: str) -> list[str]:
    """The entries of the line list `name` (declared in LINE_LISTS), checked."""
    if name not in LINE_LISTS:
        raise KeyError(f"{name} is not declared in LINE_LISTS")
    where = str(folder.joinpath(name))
    first: dict[str, int] = {}
    for number, line in _lines(folder, name):
        entry = line.strip()
        if entry in first:
            raise LexiconError(where, f"{entry!r} again (first on line {first[entry]})",
                               line=number)
        first[entry] = number
    return list(first)


def read_word_lists(folder: Traversable) -> dict[str, tuple[str, ...]]:
    """Every list of WORD_LISTS from its file, checked."""
    lists: dict[str, tuple[str, ...]] = {}
    for name in dict.fromkeys(WORD_LISTS.values()):
        lists.update(_word_lists(folder, name))
    return lists


# libyaml's parser where PyYAML was built with it: the same nodes, a tenth of the time
# (the pure-Python one was a quarter of reading the lexicon at each start)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_entries(folder: Traversable, name: str) -> list[tuple[str, yaml.Node, int]]:
    """(key, value node, line) of a YAML file's top-level entries, in file order.

    Raises:
        LexiconError: not YAML, not a mapping, or a key given twice (YAML
            itself would silently keep the last).
    """
    where = str(folder.joinpath(name))
    try:
        root = yaml.compose(_read(folder, name), Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        started = (f" started on line {exc.context_mark.line + 1}"
                   if exc.context_mark and exc.context else "")
        raise LexiconError(where, f"not valid YAML: {exc.context or ''}{started}: {exc.problem}",
                           line=exc.problem_mark.line + 1 if exc.problem_mark else None) from exc
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise LexiconError(where, "expected names, each with its words",
                           line=root.start_mark.line + 1)
    entries = []
    first: dict[str, int] = {}
    for key_node, value in root.value if root is not None else ():
        key, number = key_node.value, key_node.start_mark.line + 1
        if key in first:
            raise LexiconError(where, f"list {key!r} again (first on line {first[key]})",
                               line=number)
        first[key] = number
        entries.append((key, value, number))
    return entries


def _word_lists(folder: Traversable, name: str) -> dict[str, tuple[str, ...]]:
    where = str(folder.joinpath(name))
    declared = [key for key, file in WORD_LISTS.items() if file == name]
    lists: dict[str, tuple[str, ...]] = {}
    for key, value, number in read_entries(folder, name):
        if key not in declared:
            raise LexiconError(where, f"unknown list {key!r}: the lists of {name} are "
                                      f"{', '.join(declared)}; a new one is declared in "
                                      f"kg/lang/word_lists.py WORD_LISTS", line=number)
        lists[key] = words_of(value, key, where)
    missing = [key for key in declared if key not in lists]
    if missing:
        raise LexiconError(where, f"no list {', '.join(missing)} (declared in "
                                  f"kg/lang/word_lists.py WORD_LISTS)")
    return lists


def words_of(node: yaml.Node, key: str, where: str) -> tuple[str, ...]:
    """The words of a list node, in order; a non-word or a word twice is a LexiconError."""
    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError(where, f"{key}: expected a list of words, [a, b, ...]",
                           line=node.start_mark.line + 1)
    first: dict[str, int] = {}
    for item in node.value:
        number = item.start_mark.line + 1
        # a word's own characters, as written: 是 and 年 are words here, and so
        # would be yes or 1, which YAML would read as a boolean or a number
        if not isinstance(item, yaml.ScalarNode) or not item.value \
                or item.tag == "tag:yaml.org,2002:null":
            raise LexiconError(where, f"{key}: expected a word, found "
                                      f"{getattr(item, 'value', None) or 'nothing'!r}", line=number)
        if item.value in first:
            raise LexiconError(where, f"{key}: {item.value!r} again (first on line "
                                      f"{first[item.value]})", line=number)
        first[item.value] = number
    return tuple(first)


def _lines(folder: Traversable, name: str):
    """(line number, line) of the file's lines that are neither blank nor comments."""
    for number, line in enumerate(_read(folder, name).splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def _read(folder: Traversable, name: str) -> str:
    where = str(folder.joinpath(name))
    try:
        data = folder.joinpath(name).read_bytes()
    except OSError as exc:
        raise LexiconError(where, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(where, f"not UTF-8 (byte {exc.start:,})",
                           line=data[:exc.start].count(b"\n") + 1) from exc


def pairs(words: tuple[str, ...], folder: Traversable, name: str) -> tuple[tuple[str, str], ...]:
    """A word list read two by two (level_abbreviations: a suffix, then its abbreviation)."""
    if len(words) % 2:
        raise LexiconError(str(folder.joinpath(name)),
                           f"{len(words)} words; expected pairs: {words[-1]!r} has no partner")
    return tuple(zip(words[::2], words[1::2]))


def parallel(lists: dict[str, tuple[str, ...]], keys: tuple[str, ...], folder: Traversable,
              name: str) -> None:
    """Lists read item by item together (purpose_words and the kinds each names) must be
    as long as one another."""
    lengths = {key: len(lists[key]) for key in keys}
    if len(set(lengths.values())) > 1:
        raise LexiconError(str(folder.joinpath(name)), "these lists go item by item together "
                           f"and must be equally long: {lengths}")
