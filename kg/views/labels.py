"""The viewer's words and styles, from kg/data/viewer_labels.tsv: read once and
checked (kg.lang.datafiles declares its columns; this module checks that classes,
prefixes and colours exist), every error naming the file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable

import rdflib

from kg.errors import LexiconError
from kg.graph.ns import KG, PREFIXES
from kg.lang.datafiles import read_numbered_table, shipped_data

_FILE = "viewer_labels.tsv"
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_DERIVED = {"co-attendance", "talks"}


@dataclass(frozen=True)
class ViewerLabels:
    """classes: kg: class local name → (legend label, colour, shape), in
    priority order; relations: property → edge label; derived: the labels of
    edges the viewer makes itself ("co-attendance")."""

    classes: dict[str, tuple[str, str, str]]
    relations: dict[rdflib.URIRef, str]
    derived: dict[str, str]


@lru_cache(maxsize=1)
def viewer_labels() -> ViewerLabels:
    """The labels file installed with kg, parsed."""
    return read_viewer_labels(shipped_data())


def read_viewer_labels(folder: Traversable) -> ViewerLabels:
    """The labels file of `folder` (laid out as kg/data/).

    Raises:
        LexiconError: a malformed row: wrong columns, unknown kind, class,
            prefix, colour or shape, a key given twice, a derived label missing.
    """
    where = str(folder.joinpath(_FILE))
    classes: dict[str, tuple[str, str, str]] = {}
    relations: dict[rdflib.URIRef, str] = {}
    derived: dict[str, str] = {}
    for number, row in read_numbered_table(folder, _FILE):
        def fail(reason: str) -> LexiconError:
            return LexiconError(where, reason, line=number)

        key, kind, label, colour, shape = (row[c] for c in ("key", "kind", "label", "colour", "shape"))
        if kind == "class":
            try:
                KG[key]
            except KeyError:
                raise fail(f"{key}: not a class of the kg: vocabulary") from None
            if not _COLOUR.fullmatch(colour):
                raise fail(f"{key}: colour {colour!r} is not #rrggbb (lower case)")
            if not shape:
                raise fail(f"{key}: a class needs a shape")
            classes[key] = (label, colour, shape)
            continue
        if colour or shape:
            raise fail(f"{key}: only classes have a colour and a shape")
        if kind == "derived":
            if key not in _DERIVED:
                raise fail(f"{key}: expected derived labels for {', '.join(sorted(_DERIVED))}")
            derived[key] = label
            continue
        prefix, _, local = key.partition(":")
        if prefix not in PREFIXES or not local:
            raise fail(f"{key}: expected a prefixed name with one of "
                       + ", ".join(f"{p}:" for p in PREFIXES))
        relations[rdflib.URIRef(PREFIXES[prefix] + local)] = label
    if set(derived) != _DERIVED:
        raise LexiconError(where, f"no derived label for {', '.join(sorted(_DERIVED - set(derived)))}")
    return ViewerLabels(classes, relations, derived)
