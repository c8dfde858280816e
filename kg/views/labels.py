"""The viewer's words and styles, from kg/data/viewer_labels.tsv: read once,
checked row by row (an error names the file and line)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import rdflib

from kg.errors import InputError
from kg.graph.ns import KG, PREFIXES

_FILE = "viewer_labels.tsv"
_COLUMNS = ["kind", "key", "label", "colour", "shape"]
# what vis-network draws (its `shape` option)
_SHAPES = {"dot", "square", "diamond", "star", "triangle", "triangleDown", "hexagon",
           "ellipse", "box", "circle", "text"}
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_DERIVED = {"co-attendance"}


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
    """The labels file, parsed.

    Raises:
        InputError: a malformed row: wrong columns, unknown kind, class,
            prefix, colour or shape, a key given twice, a derived label missing.
    """
    text = resources.files("kg").joinpath("data", _FILE).read_text(encoding="utf-8")
    return _parse(text, f"kg/data/{_FILE}")


def _parse(text: str, where: str) -> ViewerLabels:
    classes: dict[str, tuple[str, str, str]] = {}
    relations: dict[rdflib.URIRef, str] = {}
    derived: dict[str, str] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue

        def fail(reason: str) -> InputError:
            return InputError(where, reason, line=number)

        cells = line.split("\t")
        if not header_seen:
            if cells != _COLUMNS:
                raise fail(f"expected the header {' '.join(_COLUMNS)} (tab-separated)")
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS):
            raise fail(f"expected {len(_COLUMNS)} tab-separated columns, got {len(cells)}")
        kind, key, label, colour, shape = cells
        if not label:
            raise fail(f"{key}: no label")
        if kind == "class":
            if key in classes:
                raise fail(f"class {key} given twice")
            try:
                KG[key]
            except KeyError:
                raise fail(f"{key}: not a class of the kg: vocabulary") from None
            if not _COLOUR.fullmatch(colour):
                raise fail(f"{key}: colour {colour!r} is not #rrggbb (lower case)")
            if shape not in _SHAPES:
                raise fail(f"{key}: shape {shape!r} is not one of {', '.join(sorted(_SHAPES))}")
            classes[key] = (label, colour, shape)
        elif kind in ("relation", "derived"):
            if colour or shape:
                raise fail(f"{key}: only classes have a colour and a shape")
            if kind == "derived":
                if key not in _DERIVED or key in derived:
                    raise fail(f"{key}: expected each of {', '.join(sorted(_DERIVED))} once")
                derived[key] = label
                continue
            prefix, _, local = key.partition(":")
            if prefix not in PREFIXES or not local:
                raise fail(f"{key}: expected a prefixed name with one of "
                           + ", ".join(f"{p}:" for p in PREFIXES))
            iri = rdflib.URIRef(PREFIXES[prefix] + local)
            if iri in relations:
                raise fail(f"relation {key} given twice")
            relations[iri] = label
        else:
            raise fail(f"unknown kind {kind!r}; expected class, relation or derived")
    if set(derived) != _DERIVED:
        raise InputError(where, f"no derived label for {', '.join(sorted(_DERIVED - set(derived)))}")
    return ViewerLabels(classes, relations, derived)
