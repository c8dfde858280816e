"""RDF namespaces. `KG` is closed over the terms declared in ontology/kg.ttl
(tests/test_ns.py checks the two agree), so a typo fails at import, not in
a silently wrong graph."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import (DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME,
                              XSD, ClosedNamespace, ORG)

from kg.lang.ontology import PlainTerm, ontology_triples

KG_NS = "https://w3id.org/zhkg/ns#"
DEFAULT_BASE = "https://w3id.org/zhkg/id/"

KG = ClosedNamespace(KG_NS, [
    # classes
    "Person", "Organization", "Post", "Role", "PostHolding", "Meeting",
    "Campaign", "Document", "Place", "SourceDocument", "Sentence",
    "OrganizationType", "OrganizationTypes",
    # properties
    "orgType", "jurisdiction", "jurisdictionLevel", "post", "asOf", "chair", "speaker", "mentions",
    "launchedBy", "readAt", "divisionCode", "divisionLevel", "mentionCount",
    "startDate", "endDate",  # a holding's span
    # organisation types (skos:Concept, skos:notation in ontology/kg.ttl)
    "PartyCommittee", "Government", "DisciplineCommission",
    "PoliticalLegalCommission", "PeoplesCongress", "CPPCC", "Court",
    "Procuratorate", "PublicSecurity", "PartyDepartment",
    "GovernmentDepartment", "Military", "MassOrganization", "OtherOrganization",
    # events (issue 14): classes, and who was present without taking part
    "Talks", "Message", "Inspection", "Site", "present",
])

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

PREFIXES = {
    "kg": KG_NS,
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "time": str(TIME),
    "nif": str(NIF),
}

__all__ = ["KG", "SCHEMA", "NIF", "ORG", "PROV", "FOAF", "SKOS", "RDF", "RDFS",
           "OWL", "XSD", "DCTERMS", "TIME", "PREFIXES", "KG_NS", "DEFAULT_BASE"]

ZH_HANS = "zh-Hans"
ZH_HANT = "zh-Hant"
PINYIN = "zh-Latn-pinyin"


def has_language(term, tag: str) -> bool:
    """Whether `term` is a literal tagged `tag`. BCP 47 tags are case-insensitive, and
    stores give them back lower-cased (Oxigraph returns zh-hans for zh-Hans)."""
    return (getattr(term, "language", None) or "").lower() == tag.lower()


def bind_prefixes(graph) -> None:
    """Let an rdflib graph write the zhkg prefixes (where it has not bound them otherwise)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)


def shorten(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """`prefix:local` for an IRI in one of `prefixes` (the longest that
    fits), else None. Only a local name valid in every Turtle and SPARQL
    parser (ASCII letters, digits, `_`, `-`) is written short."""
    pattern, prefix_of = (_zhkg_prefix_pattern() if prefixes is PREFIXES
                          else _prefix_pattern(tuple(prefixes.items())))
    m = pattern.fullmatch(iri)
    if m is None:
        return None
    local = m.start(m.lastindex)
    return f"{prefix_of[iri[:local]]}:{iri[local:]}"


@lru_cache(maxsize=1)
def _zhkg_prefix_pattern() -> tuple[re.Pattern, dict[str, str]]:
    # the Turtle writer's prefixes, found without hashing their tuple for each term
    return _prefix_pattern(tuple(PREFIXES.items()))


@lru_cache(maxsize=16)
def _prefix_pattern(prefixes: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One expression for all namespaces, longest first, then a local name: a
    sorted Turtle file asks for every term it writes, and trying each
    namespace in turn was most of the writing. Where the longest namespace
    leaves an invalid local name, the expression backtracks to a shorter one."""
    ordered = sorted(prefixes, key=lambda item: -len(item[1]))
    namespaces = "|".join(re.escape(namespace) for _, namespace in ordered)
    pattern = re.compile(f"(?:{namespaces})([A-Za-z_][A-Za-z0-9_-]*)", re.ASCII)
    return pattern, {namespace: prefix for prefix, namespace in reversed(ordered)}


def _rdflib_term(term: PlainTerm):
    kind, text, language, datatype = term
    if kind == "iri":
        return URIRef(text)
    if kind == "blank":
        return BNode(text)
    return Literal(text, lang=language, datatype=None if datatype is None else URIRef(datatype))


@lru_cache(maxsize=1)
def org_type_concepts() -> dict[str, tuple[URIRef, list[tuple]]]:
    """Organisation types from ontology/kg.ttl: notation → (IRI, its triples).

    The triples (type, notation, labels) are copied into every graph that
    uses the type, so a graph file answers "which bodies are courts" alone.
    """
    by_subject: dict[tuple, list[tuple]] = {}
    for triple in ontology_triples():
        by_subject.setdefault(triple[0], []).append(tuple(map(_rdflib_term, triple)))
    out = {}
    for triples in by_subject.values():
        if any(p == RDF.type and o == KG.OrganizationType for _, p, o in triples):
            notation = next(str(o) for _, p, o in triples if p == SKOS.notation)
            out[notation] = (triples[0][0], sorted(triples))
    return out
