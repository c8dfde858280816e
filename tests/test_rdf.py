"""The RDF stage: provenance, offsets, labels, SHACL, determinism."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from kg.graph.iri import phrase_pinyin, pinyin_label, place_pinyin, slug
from kg.graph.ns import KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA
from kg.graph.rdf import build_graph
from kg.graph.validate import validate
from tests.conftest import ROOT, SEED

ENTITY_CLASSES = (KG.Person, KG.Organization, KG.Post, KG.Role, KG.PostHolding, KG.Meeting,
                  KG.Campaign, KG.Document, KG.Place)


def test_rdf_seed_conforms_to_shapes(seed_graph):
    validate(seed_graph)


def test_rdf_every_entity_and_relation_node_has_a_sentence(seed_graph):
    for cls in ENTITY_CLASSES:
        nodes = set(seed_graph.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            sentences = set(seed_graph.objects(node, PROV.wasDerivedFrom))
            assert sentences and all((s, RDF.type, KG.Sentence) in seed_graph for s in sentences)


def test_rdf_sentence_offsets_point_into_the_original_file(seed_graph):
    raw = SEED.read_text(encoding="utf-8")
    sentences = set(seed_graph.subjects(RDF.type, KG.Sentence))
    assert len(sentences) >= 8
    for s in sentences:
        begin = int(seed_graph.value(s, NIF.beginIndex))
        end = int(seed_graph.value(s, NIF.endIndex))
        assert str(seed_graph.value(s, NIF.anchorOf)) == raw[begin:end]
    source = seed_graph.value(predicate=RDF.type, object=KG.SourceDocument, any=False)
    assert str(seed_graph.value(source, NIF.isString)) == raw


def test_rdf_labels_simplified_traditional_and_pinyin(seed_graph):
    person = next(s for s in seed_graph.subjects(RDFS.label, Literal("张健", lang="zh-Hans")))
    labels = set(seed_graph.objects(person, RDFS.label))
    assert Literal("張健", lang="zh-Hant") in labels
    assert Literal("Zhāng Jiàn", lang="zh-Latn-pinyin") in labels
    assert "/person/zhang-jian-" in str(person)


def test_rdf_place_pinyin_writes_the_generic_part_apart(seed_graph):
    # GB/T 16159: 秦州区 is Qínzhōu Qū, not Qínzhōuqū; the IRI's slug stays as it was
    place = next(s for s in seed_graph.subjects(RDFS.label, Literal("秦州区", lang="zh-Hans")))
    assert Literal("Qínzhōu Qū", lang="zh-Latn-pinyin") in set(seed_graph.objects(place, RDFS.label))
    assert "/place/qin-zhou-qu-" in str(place)


@pytest.mark.parametrize("name, pinyin", [
    ("甘肃省", "Gānsù Shěng"),
    ("天水市", "Tiānshuǐ Shì"),
    ("礼县", "Lǐxiàn"),  # a one-syllable proper name stays joined, as in its short name
    ("广西壮族自治区", "Guǎngxī Zhuàngzú Zìzhìqū"),
    ("新疆维吾尔自治区", "Xīnjiāng Wéiwú'ěr Zìzhìqū"),  # an apostrophe before a vowel syllable
])
def test_place_pinyin_by_the_standard_orthography(name, pinyin):
    assert place_pinyin(name) == pinyin


@pytest.mark.parametrize("name, pinyin", [
    ("平安秦州", "Píng'ān Qínzhōu"),
    ("秦州区委", "Qínzhōu Qūwěi"),
    ("秦州区政府", "Qínzhōu Qū Zhèngfǔ"),
    ("甘肃省人民政府", "Gānsù Shěng Rénmínzhèngfǔ"),
    ("“平安秦州”", "“Píng'ān Qínzhōu”"),
])
def test_body_and_campaign_pinyin_word_by_word(name, pinyin):
    assert phrase_pinyin(name) == pinyin


def test_person_pinyin_keeps_the_surname_apart_and_marks_syllable_boundaries():
    assert pinyin_label("张健", surname_length=1) == "Zhāng Jiàn"
    assert pinyin_label("王西安", surname_length=1) == "Wáng Xī'ān"


@pytest.mark.parametrize("name", ["朝阳区", "朝阳区委", "长安区", "重庆市"])
def test_place_pinyin_reads_as_its_slug_does(name):
    # the words are read in the whole name: 朝阳 alone is zhāoyáng, 朝阳区 cháoyáng
    pinyin = phrase_pinyin(name) if name.endswith("委") else place_pinyin(name)
    written = unicodedata.normalize("NFD", pinyin.replace("'", "").replace(" ", "")).lower()
    assert "".join(c for c in written if c.isascii()) == slug(name).replace("-", "")


def test_each_part_of_a_foreign_name_is_capitalised():
    assert pinyin_label("阿卜杜勒·哈米德", surname_length=1) == "Ābodùlēi·Hāmǐdé"
    assert pinyin_label("让-保罗·萨特") == "Ràng-Bǎoluó·Sàtè"
    # news text writes the middle dot as a hyphen: still one name, no surname set apart
    assert pinyin_label("劳尔-卡斯特罗", surname_length=1) == "Láo'ěr-Kǎsītèluó"


def test_rdf_post_holding_has_date_post_and_organisation(seed_graph):
    q = """SELECT ?post ?org ?date WHERE {
      ?h a kg:PostHolding ; org:member ?p ; kg:post/rdfs:label ?post ;
         org:organization/rdfs:label ?org ; kg:asOf ?date ;
         org:memberDuring/time:inside/time:inXSDDate ?date .
      ?p rdfs:label "张健"@zh-Hans .
      FILTER(langMatches(lang(?post), "zh-Hans") && langMatches(lang(?org), "zh-Hans")) }"""
    rows = {(str(a), str(b), str(c)) for a, b, c in seed_graph.query(q)}
    assert rows == {("秦州区委书记", "秦州区委", "2007-04-03"), ("天水市委常委", "天水市委", "2007-04-03")}


def test_rdf_place_containment_from_the_gazetteer(seed_graph):
    q = """SELECT ?a ?b WHERE { ?x schema:containedInPlace ?y .
      ?x rdfs:label ?a . ?y rdfs:label ?b .
      FILTER(langMatches(lang(?a), "zh-Hans") && langMatches(lang(?b), "zh-Hans")) }"""
    assert {(str(a), str(b)) for a, b in seed_graph.query(q)} == {
        ("秦州区", "天水市"), ("天水市", "甘肃省")}


def test_rdf_adding_a_document_twice_changes_nothing(seed_extraction, seed_graph):
    assert isomorphic(build_graph([seed_extraction, seed_extraction]), seed_graph)


def _build(out):
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(out), "-q"],
                   check=True, cwd=ROOT)
    return out.read_bytes()


def test_rdf_two_builds_give_byte_identical_turtle(tmp_path):
    # separate processes: different hash seeds, same bytes
    assert _build(tmp_path / "a.ttl") == _build(tmp_path / "b.ttl")
