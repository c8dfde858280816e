"""A graph and a dataset of one named graph per source document, each way.

TriG named-graph rule (:func:`split_by_source`): each triple goes in the graph
named by the IRI of the kg:SourceDocument it comes from, that is the document's
own triples, its sentences', and those of every node derived only from
sentences of that document. A node derived from sentences of several documents
is shared: its rdf:type and literal triples (labels, dates) go in the default
graph, each prov:wasDerivedFrom triple in its sentence's document's graph, and
each link to another node in every document graph both ends are derived from
(the default graph when none). A node with no evidence of its own that just
one node refers to (a blank node, a holding's time interval) goes wherever
that reference goes. Everything else (organisation-type concepts, nodes no
sentence backs) goes in the default graph. So the union of all graphs is
always the input graph.
"""

from __future__ import annotations

import rdflib
from rdflib.term import Literal, Node

from kg.graph.ns import KG, NIF, PROV, RDF, bind_prefixes


def as_graph(graph: rdflib.Graph) -> rdflib.Graph:
    """Return ``graph``, or the union of a Dataset's graphs as one Graph."""
    if isinstance(graph, rdflib.Dataset):
        union = rdflib.Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


def split_by_source(graph: rdflib.Graph) -> rdflib.Dataset:
    """Spread a graph over one named graph per source document (rule in the module doc)."""
    doc_of = dict(graph.subject_objects(NIF.referenceContext))
    homes: dict[Node, set[Node]] = {s: {d} for s, d in doc_of.items()}
    for d in set(doc_of.values()) | set(graph.subjects(RDF.type, KG.SourceDocument)):
        homes[d] = {d}
    for s, sentence in graph.subject_objects(PROV.wasDerivedFrom):
        if sentence in doc_of and s not in doc_of:
            homes.setdefault(s, set()).add(doc_of[sentence])
    referrers: dict[Node, set[Node]] = {}
    for s, o in graph.subject_objects():
        if o not in homes and not isinstance(o, Literal):
            referrers.setdefault(o, set()).add(s)
    # a node with no evidence of its own that one node alone refers to (a blank node,
    # a holding's time interval) is part of that node's description; one that many
    # refer to (an organisation type) is vocabulary
    private = {o for o, subjects in referrers.items() if len(subjects) == 1}

    def targets(s: Node, p: Node, o: Node) -> set[Node]:
        docs = homes.get(s, set())
        if len(docs) <= 1:
            return docs
        if p == PROV.wasDerivedFrom and o in doc_of:
            return {doc_of[o]}
        if p == RDF.type or isinstance(o, Literal):
            return set()
        return docs & homes.get(o, set()) if o not in private else docs

    ds = rdflib.Dataset()
    bind_prefixes(ds)
    pending: list[tuple[Node, frozenset[Node]]] = []
    for s, p, o in graph:
        if s in private:
            continue
        docs = targets(s, p, o)
        _add(ds, (s, p, o), docs)
        if o in private:
            pending.append((o, frozenset(docs)))
    placed: set[tuple[Node, frozenset[Node]]] = set()
    while pending:
        node, docs = pending.pop()
        if (node, docs) in placed:
            continue
        placed.add((node, docs))
        for p, o in graph.predicate_objects(node):
            _add(ds, (node, p, o), docs)
            if o in private:
                pending.append((o, docs))
    # private nodes whose only referrer is itself or another unplaced private node (a cycle)
    reached = {n for n, _ in placed}
    for s, p, o in graph:
        if s in private and s not in reached:
            ds.add((s, p, o))
    return ds


def _add(ds: rdflib.Dataset, triple: tuple[Node, Node, Node], docs: set[Node]) -> None:
    if not docs:
        ds.add(triple)
    for doc in docs:
        ds.graph(doc).add(triple)
