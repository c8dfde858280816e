"""ontology/kg.ttl for the layers below the graph's: its triples as plain values."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from kg.io import cached

# an ontology term as plain values: its kind ("iri", "blank", "literal"), its text,
# and a literal's language and datatype
PlainTerm = tuple[str, str, str | None, str | None]


@lru_cache(maxsize=1)
def ontology_triples() -> list[tuple[PlainTerm, PlainTerm, PlainTerm]]:
    """The triples of ontology/kg.ttl, as plain values: parsed once for all processes
    into the cache folder (`kg.io.cached`), while the file and this code stay the
    same. Parsing Turtle with rdflib at each start cost two of its parses."""
    ontology = ontology_bytes()

    def parse() -> list[tuple[PlainTerm, PlainTerm, PlainTerm]]:
        graph = Graph().parse(data=ontology.decode("utf-8"), format="turtle")
        return [tuple(map(_plain_term, triple)) for triple in graph]

    return cached("ontology", ontology + Path(__file__).read_bytes(), parse)


def ontology_bytes() -> bytes:
    """The bytes of ontology/kg.ttl."""
    return resources.files("kg").joinpath("ontology", "kg.ttl").read_bytes()


def _plain_term(term) -> PlainTerm:
    if isinstance(term, URIRef):
        return ("iri", str(term), None, None)
    if isinstance(term, BNode):
        return ("blank", str(term), None, None)
    return ("literal", str(term), term.language,
            None if term.datatype is None else str(term.datatype))
