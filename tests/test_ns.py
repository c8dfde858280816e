"""kg/ns.py mirrors ontology/kg.ttl."""

from importlib import resources

from rdflib import Graph

from kg.graph.ns import KG, KG_NS


def test_ns_closed_namespace_matches_ontology():
    onto = Graph().parse(data=resources.files("kg").joinpath("ontology", "kg.ttl")
                         .read_text(encoding="utf-8"), format="turtle")
    declared = {str(s)[len(KG_NS):] for s in onto.subjects() if str(s).startswith(KG_NS)}
    mirrored = {name for name in dir(KG) if not name.startswith('_')}
    assert declared == mirrored
