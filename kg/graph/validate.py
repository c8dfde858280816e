"""SHACL validation of built graphs against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

from kg.errors import ShapeViolation


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    text = resources.files("kg").joinpath("ontology", "shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(graph: Graph) -> None:
    """Raise ShapeViolation with pyshacl's report if `graph` does not conform."""
    from pyshacl import validate as shacl
    conforms, _, report = shacl(graph, shacl_graph=shapes_graph(), inference="none",
                                allow_warnings=True)
    if not conforms:
        raise ShapeViolation(report)
