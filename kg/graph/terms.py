"""RDF terms between rdflib (which the builder writes) and Oxigraph (which
stores, escapes and parses them), and N-Triples lines made from them.

Oxigraph keeps numbers by value: whatever integer datatype a graph file
gives, a store gives `xsd:integer` back (oxigraph#526). The builder writes
character offsets as `xsd:nonNegativeInteger`, the datatype the SHACL shapes
ask for, so reading a store back restores it on the offset predicates.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import InputError
from kg.graph.ns import NIF, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = str(XSD.string)
OFFSET_PREDICATES = frozenset({NIF.beginIndex, NIF.endIndex})


@lru_cache(maxsize=65536)  # the same few thousand offsets, and a Literal costs to make
def offset(value: int) -> Literal:
    """A character offset as the graph writes it."""
    return Literal(value, datatype=XSD.nonNegativeInteger)


def nt_line(triple) -> str:
    """An rdflib triple as one N-Triples line."""
    s, p, o = map(nt_term, triple)
    return f"{s} {p} {o} .\n"


# Longer literals are a sentence's or a report's text, each written once:
# cached, they filled a worker with every text it had read
LONGEST_CACHED_LITERAL = 64


def nt_term(term) -> str:
    """A term in N-Triples syntax, escaped by Oxigraph (which also rejects
    invalid IRIs with ValueError). Cached, but for long literals: a build
    names the same few predicates, classes and entities over and over."""
    if type(term).__name__ == "Literal" and len(term) > LONGEST_CACHED_LITERAL:
        return _nt_term(term)
    return _cached_nt_term(term)


def _nt_term(term) -> str:
    if type(term).__name__ == "Literal":
        quoted = str(ox.Literal(str(term)))
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{quoted}^^{nt_term(term.datatype)}"
        return quoted
    return str(from_rdflib(term))


# Each entry keeps its rdflib term alive (≈ 0.9 kB with the line: 262,144 of them grew a
# worker by ≈ 200 MB over the 新闻联播 corpus). This many are full after ≈ 2,500 reports,
# so a worker's size is flat from there, and still hold the predicates, classes and the
# shared nodes that are most of the look-ups.
_cached_nt_term = lru_cache(maxsize=32768)(_nt_term)


def from_rdflib(term) -> Term:
    """An rdflib term as Oxigraph's."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def to_rdflib(term: Term):
    """An Oxigraph term as rdflib's.

    Raises:
        InputError: an RDF-star triple term, which rdflib cannot hold.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        # rdflib keeps "x" and "x"^^xsd:string apart; RDF 1.1 (and Oxigraph) does not
        plain = term.datatype.value == XSD_STRING
        return Literal(term.value, datatype=None if plain else URIRef(term.datatype.value))
    raise InputError("store", f"cannot convert {term} to rdflib (RDF-star is not supported)")


def triple_to_rdflib(subject: Term, predicate: Term, obj: Term) -> tuple:
    """A triple a store gave, as the rdflib triple the builder wrote."""
    s, p, o = to_rdflib(subject), to_rdflib(predicate), to_rdflib(obj)
    if p in OFFSET_PREDICATES and isinstance(o, Literal) and o.datatype == XSD.integer:
        o = offset(int(o))
    return s, p, o
