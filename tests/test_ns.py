"""kg/ns.py mirrors ontology/kg.ttl."""

from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from kg.graph.ns import KG, KG_NS, org_type_concepts, shorten


def test_ns_closed_namespace_matches_ontology():
    onto = Graph().parse(data=resources.files("kg").joinpath("ontology", "kg.ttl")
                         .read_text(encoding="utf-8"), format="turtle")
    declared = {str(s)[len(KG_NS):] for s in onto.subjects() if str(s).startswith(KG_NS)}
    mirrored = {name for name in dir(KG) if not name.startswith('_')}
    assert declared == mirrored


def test_shorten_takes_the_longest_namespace_whose_local_name_is_valid():
    prefixes = {"a": "http://a/", "ab": "http://a/b#"}
    assert shorten("http://a/b#c", prefixes) == "ab:c"
    assert shorten("http://a/bc", prefixes) == "a:bc"
    # the longer namespace leaves "9", the shorter "b#9": neither is a Turtle local name
    assert shorten("http://a/b#9", prefixes) is None
    assert shorten("http://other/x", prefixes) is None
    assert shorten(str(KG.Person)) == "kg:Person"


def test_organization_types_from_the_cached_ontology_are_the_parsed_ones():
    onto = Graph().parse(data=resources.files("kg").joinpath("ontology", "kg.ttl")
                         .read_text(encoding="utf-8"), format="turtle")
    parsed = {str(onto.value(concept, SKOS.notation)): (concept, sorted(onto.triples((concept, None, None))))
              for concept in onto.subjects(RDF.type, KG.OrganizationType)}
    assert org_type_concepts() == parsed
    assert len(parsed) > 10


def test_shorten_with_the_zhkg_prefixes_as_with_any_mapping_of_them():
    from kg.graph.ns import PREFIXES
    for iri in (KG_NS + "Person", KG_NS + "bad local", "http://example.org/x", str(SKOS.notation)):
        assert shorten(iri) == shorten(iri, dict(PREFIXES))
    assert shorten(KG_NS + "Person") == "kg:Person"
