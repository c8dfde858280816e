"""Resolution of people across documents, incremental builds, careers and succession.

The corpus is tests/corpus/multi (nine short reports, simplified and traditional,
2005–2011, 秦州区, 麦积区, 天水市, 江苏省, 南京市) and its gold, tests/gold/multi.yaml.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.lang.lexicon import load_lexicon
from kg.graph.resolve import Candidate, explain, resolve

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "multi"
GOLD = ROOT / "tests" / "gold" / "multi.yaml"
QINZHOU, MAIJI, TIANSHUI, JIANGSU, NANJING = "620502", "620503", "6205", "32", "3201"
ZHEJIANG, SHANGHAI = "33", "31"
SECRETARY = (f"{QINZHOU}|秦州区委", "书记")
DEPUTY = (f"{QINZHOU}|秦州区委", "副书记")


def cand(doc: str, places=(), posts=(), date: str | None = "2007-04-03",
         name: str = "张健", report: str | None = None) -> Candidate:
    return Candidate(name, doc, dt.date.fromisoformat(date) if date else None,
                     tuple(places), tuple(posts), report)


def clusters(candidates) -> set[frozenset[str]]:
    gaz = load_lexicon().gazetteer
    return {frozenset(m.doc for m in i.members) for i in resolve(candidates, gaz)}


# ---------------------------------------------------------------- the rules

def test_resolve_merges_career_up_a_chain_of_jurisdictions():
    # district head in 2005, district secretary in 2007, deputy mayor of the city in 2010
    found = clusters([cand("a", [QINZHOU], [(f"{QINZHOU}|秦州区政府", "区长")], "2005-03-10"),
                      cand("b", [QINZHOU, TIANSHUI], [SECRETARY], "2007-04-03"),
                      cand("c", [TIANSHUI], [(f"{TIANSHUI}|天水市政府", "副市长")], "2010-01-15")])
    assert found == {frozenset("abc")}


def test_resolve_keeps_homonyms_in_unrelated_places_apart():
    a, b = cand("a", [QINZHOU]), cand("b", [JIANGSU])
    first, second = explain([a, b], load_lexicon().gazetteer)
    assert (first.person, second.person) == (0, 1)
    assert "秦州区" in second.reason and "江苏省" in second.reason and "report a" in second.reason
    assert clusters([a, b]) == {frozenset("a"), frozenset("b")}


def test_resolve_keeps_homonyms_in_sibling_districts_apart():
    assert clusters([cand("a", [QINZHOU]), cand("b", [MAIJI])]) == {frozenset("a"), frozenset("b")}


def test_resolve_a_city_report_on_a_provincial_post_joins_the_province():
    assert clusters([cand("a", [JIANGSU], date="2008-09-02"),
                     cand("b", [NANJING], date="2011-03-20")]) == {frozenset("ab")}


def test_resolve_promotion_from_deputy_merges_but_demotion_does_not():
    promoted = [cand("a", [QINZHOU], [DEPUTY], "2005-03-10"),
                cand("b", [QINZHOU], [SECRETARY], "2007-04-03")]
    assert clusters(promoted) == {frozenset("ab")}
    # the secretary in 2005 and a deputy secretary of the same committee in 2007
    demoted = [cand("a", [QINZHOU], [SECRETARY], "2005-03-10"),
               cand("b", [QINZHOU], [DEPUTY], "2007-04-03")]
    assert clusters(demoted) == {frozenset("a"), frozenset("b")}
    # secretary and deputy of one committee on the same day are two people
    same_day = [cand("a", [QINZHOU], [SECRETARY]), cand("b", [QINZHOU], [DEPUTY])]
    assert clusters(same_day) == {frozenset("a"), frozenset("b")}


def test_resolve_one_name_is_one_person_unless_something_says_two():
    # bare roles, no place: nothing says two people
    assert clusters([cand("a", posts=[("", "书记")]), cand("b", posts=[("", "书记")])]) == {
        frozenset("ab")}
    premier = ("|国务院", "总理")
    assert clusters([cand("a", posts=[premier]), cand("b", posts=[premier])]) == {frozenset("ab")}


def test_resolve_the_report_place_is_evidence_for_never_against():
    # a leader named without a post in reports about two provinces is one person
    assert clusters([cand("a", report=JIANGSU), cand("b", report=QINZHOU, date="2008-01-01")]) == {
        frozenset("ab")}
    # it picks the right homonym: 张健 of 秦州区 and 张健 of 江苏省, then a post-less 张健 in a
    # 南京市 report
    found = clusters([cand("q", [QINZHOU], date="2005-01-01"),
                      cand("j", [JIANGSU], date="2006-01-01"),
                      cand("n", report=NANJING, date="2009-01-01")])
    assert found == {frozenset("q"), frozenset("jn")}
    assert explain([cand("j", [JIANGSU]), cand("n", report=NANJING, date="2009-01-01")],
                   load_lexicon().gazetteer)[1].reason == "shares 南京市 and 江苏省, one inside the other"


def test_resolve_a_mention_two_people_could_be_joins_the_one_most_reports_name():
    steps = explain([cand("q", [QINZHOU], date="2005-01-01"),
                     cand("j", [JIANGSU], date="2006-01-01"),
                     cand("j2", [JIANGSU], date="2007-01-01"),
                     cand("x", date="2009-01-01")], load_lexicon().gazetteer)
    assert [s.person for s in steps] == [0, 1, 1, 1]
    assert steps[0].reason == "first report of the name"
    assert steps[3].reason == "could be person 1, 2; joined the one named in most reports"


def test_resolve_explains_every_join():
    steps = explain([cand("a", [QINZHOU], [DEPUTY], "2005-03-10"),
                     cand("b", [QINZHOU], [SECRETARY], "2007-04-03"),
                     cand("c", date="2008-01-01")], load_lexicon().gazetteer)
    assert [s.person for s in steps] == [0, 0, 0]
    assert steps[1].reason == "shares a post in 秦州区委"
    assert steps[2].reason == "nothing says it is someone else"


def test_resolve_names_the_report_a_demotion_conflicts_with():
    steps = explain([cand("a", [QINZHOU], [SECRETARY], "2005-03-10"),
                     cand("b", [QINZHOU], [DEPUTY], "2007-04-03")], load_lexicon().gazetteer)
    assert steps[1].person == 1
    assert steps[1].reason == ("not person 1: 副书记 of 秦州区委 until 2007-04-03, while report a "
                               "has 书记 from 2005-03-10")


def test_resolve_reads_a_biography_by_its_spans_not_by_its_date():
    # 2018: 2008—2013年 国务院副总理, 2013— 国务院总理 (held, so on the report's date too)
    premier, vice = ("|国务院", "总理"), ("|国务院", "副总理")
    biography = Candidate("李克强", "bio", dt.date(2018, 3, 18), (), (premier,), None,
                          (("|国务院", "副总理", "2008", "2013"), ("|国务院", "总理", "2013", None)))
    reports = [cand("r13", posts=[premier], date="2013-03-15", name="李克强"),
               cand("r10", posts=[vice], date="2010-05-01", name="李克强")]
    assert clusters([*reports, biography]) == {frozenset({"r10", "r13", "bio"})}
    # a deputy after the principal is still two people: 副总理 until 2016 vs 总理 from 2013
    late = Candidate("李克强", "late", dt.date(2018, 3, 18), (), (), None,
                     (("|国务院", "副总理", "2014", "2016"),))
    assert clusters([*reports, late]) == {frozenset({"r10", "r13"}), frozenset({"late"})}


def test_resolve_is_linear_in_the_mentions_of_one_person():
    # 20,000 reports of one leader: the cluster summary, not every member, is checked
    import time
    many = [cand(f"d{i:05d}", posts=[("|国务院", "总理")], report=JIANGSU,
                 date=f"{2000 + i % 20}-01-01") for i in range(20_000)]
    gaz = load_lexicon().gazetteer
    started = time.process_time()
    assert len(resolve(many, gaz)) == 1
    assert time.process_time() - started < 5


def test_resolve_follows_a_transfer_that_one_report_names():
    # 李强: 浙江省省长 (2014), then a notice naming both posts (任江苏省委书记，不再担任
    # 浙江省省长, 2016), then 江苏省委书记 (2017): one person across the two chains
    found = clusters([cand("zj", [ZHEJIANG], date="2014-03-01", name="李强"),
                      cand("move", [JIANGSU, ZHEJIANG], date="2016-06-30", name="李强"),
                      cand("js", [JIANGSU], date="2017-03-01", name="李强"),
                      cand("nj", [NANJING], date="2017-05-01", name="李强")])
    assert found == {frozenset({"zj", "move", "js", "nj"})}
    # below a province's own posts, with no report that names both, two chains stay two
    # people (homonyms are common there)
    assert clusters([cand("ts", [TIANSHUI], date="2014-03-01", name="李强"),
                     cand("nj", [NANJING], date="2017-03-01", name="李强")]) == \
        {frozenset({"ts"}), frozenset({"nj"})}


def test_resolve_takes_provincial_posts_in_two_provinces_for_a_transfer():
    # 李强, 浙江省省长 in 2015, 上海市委书记 from 2018: no report names both
    gaz = load_lexicon().gazetteer
    a = cand("zj", [ZHEJIANG], date="2015-05-27", name="李强")
    b = cand("sh", [SHANGHAI], date="2018-03-05", name="李强")
    steps = explain([a, b], gaz)
    assert [s.person for s in steps] == [0, 0]
    assert "transfer" in steps[1].reason and "浙江省" in steps[1].reason
    # ... and a chain the transfer did not name still refuses: 秦州区 is neither
    assert len(clusters([cand("move", [JIANGSU, ZHEJIANG], date="2016-06-30", name="李强"),
                         cand("qz", [QINZHOU], date="2017-03-01", name="李强")])) == 2


def test_resolve_a_member_must_fit_every_member_of_its_cluster():
    # the city official fits both districts, but the districts do not fit each other
    found = clusters([cand("a", [QINZHOU], date="2005-01-01"),
                      cand("b", [TIANSHUI], date="2006-01-01"),
                      cand("c", [MAIJI], date="2007-01-01")])
    assert found == {frozenset("ab"), frozenset("c")}


_POOL = [cand("q05", [QINZHOU], [DEPUTY], "2005-03-10"),
         cand("q07", [QINZHOU, TIANSHUI], [SECRETARY], "2007-04-03"),
         cand("js08", [JIANGSU], date="2008-09-02"),
         cand("m06", [MAIJI], date="2006-05-12"),
         cand("t10", [TIANSHUI], date="2010-01-15"),
         cand("nj11", [NANJING], date="2011-03-20"),
         cand("x", [], [("", "书记")], None),
         cand("q09", [QINZHOU], [DEPUTY], "2009-01-01"),
         cand("w", [QINZHOU], date="2007-04-03", name="王小林")]


@settings(max_examples=60, deadline=None)
@given(st.permutations(_POOL))
def test_resolve_is_independent_of_input_order(order):
    gaz = load_lexicon().gazetteer
    expected = [(i.key, i.members) for i in resolve(_POOL, gaz)]
    assert [(i.key, i.members) for i in resolve(order, gaz)] == expected


# ---------------------------------------------------------------- the corpus

@pytest.fixture(scope="module")
def extractions():
    from kg.batch.build import BuildReport, extract_all
    report = BuildReport()
    xs = list(extract_all([str(CORPUS.relative_to(ROOT))], report=report))
    assert not report.failures and len(xs) >= 8
    return xs


@pytest.fixture(scope="module")
def corpus_graph(extractions) -> Graph:
    from kg.graph.rdf import build_graph
    return build_graph(extractions)


def _people(g: Graph, name: str) -> list[URIRef]:
    from kg.graph.ns import KG, RDF, RDFS
    return sorted(p for p in g.subjects(RDF.type, KG.Person)
                  if any(str(o) == name for o in g.objects(p, RDFS.label)))


def test_corpus_same_official_with_changing_posts_is_one_node(corpus_graph):
    from kg.graph.ns import DCTERMS, NIF, PROV
    zhang = _people(corpus_graph, "张健")
    assert len(zhang) == 2
    docs = {p: {Path(str(corpus_graph.value(corpus_graph.value(s, NIF.referenceContext),
                                            DCTERMS.source))).name
                for s in corpus_graph.objects(p, PROV.wasDerivedFrom)} for p in zhang}
    assert sorted(map(sorted, docs.values())) == [
        ["jiangsu-2008-09-02.txt", "nanjing-nongcun.txt"],
        ["qinzhou-2005-03-10.txt", "qinzhou-2007-04-03.txt", "qinzhou-changwei.txt",
         "tianshui-2010-01-15.txt"]]
    assert len(_people(corpus_graph, "王小林")) == 2
    assert len(_people(corpus_graph, "宋建平")) == 1


def test_corpus_district_committees_are_two_organisations(corpus_graph):
    from kg.graph.ns import KG, RDF, RDFS
    committees = {str(corpus_graph.value(o, KG.jurisdiction)).rsplit("/", 1)[1]: o
                  for o in corpus_graph.subjects(RDF.type, KG.Organization)
                  if str(corpus_graph.value(o, RDFS.label)).endswith("区委")}
    assert len(committees) == 2 and len(set(committees.values())) == 2
    labels = sorted(str(corpus_graph.value(o, RDFS.label)) for o in committees.values())
    assert labels == ["秦州区委", "麦积区委"]


def test_corpus_resolution_meets_the_gold(corpus_graph):
    from kg.eval.resolution import score_resolution
    result = score_resolution(corpus_graph, [GOLD])
    assert result.precision >= 0.95 and result.recall >= 0.95
    assert not result.missing
    assert len(result.b3_precision) == 22


def test_resolution_score_counts_a_wrong_merge(corpus_graph):
    from kg.eval.resolution import score_resolution
    from kg.graph.ns import ORG, PROV
    merged = Graph()
    for t in corpus_graph:
        merged.add(t)
    keep, drop = _people(corpus_graph, "张健")
    # what the old name-and-place key could not do either way: fold one homonym into the other
    for p, o in list(merged.predicate_objects(drop)):
        if p in (PROV.wasDerivedFrom, ORG.holds):
            merged.add((keep, p, o))
    merged.remove((drop, None, None))
    result = score_resolution(merged, [GOLD])
    assert result.fp == 4 * 2 and result.precision < 0.95  # 4 × 2 wrong pairs
    assert result.recall == 1.0


def test_corpus_careers_match_the_gold_posts(corpus_graph):
    import yaml
    from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDFS
    g = corpus_graph
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for identity in gold["identities"]:
        for mention in identity["mentions"]:
            held = set()
            for p in _people(g, identity["name"]):
                for h in g.subjects(ORG.member, p):
                    source = g.value(g.value(h, PROV.wasDerivedFrom), NIF.referenceContext)
                    if Path(str(g.value(source, DCTERMS.source))).name == mention["doc"]:
                        held.add(str(g.value(g.value(h, KG.post), RDFS.label)))
            assert held == set(mention["posts"]), (identity["id"], mention["doc"])


# ---------------------------------------------------------------- incremental builds

def test_adding_documents_one_at_a_time_equals_building_all_at_once(extractions, corpus_graph):
    from kg.graph.rdf import GraphBuilder
    order = list(extractions)
    random.Random(4).shuffle(order)
    g = Graph()
    for x in order:
        # each step starts from the Turtle the previous one wrote, as `--add` does
        builder = GraphBuilder(Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
        builder.add(x)
        g = builder.finish()
    assert isomorphic(g, corpus_graph)
    again = GraphBuilder(Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
    again.add(order[0])
    assert isomorphic(again.finish(), corpus_graph)


def test_cli_store_built_one_document_at_a_time_is_isomorphic_to_one_build(tmp_path):
    from kg.graph.datasets import as_graph as _flat
    from kg.store.oxigraph import load_graph
    files = sorted(CORPUS.glob("*.txt"), reverse=True)
    store = tmp_path / "store"
    for f in files:
        assert main(["build", str(f), "-o", str(store), "-q", "--workers", "1"]) == 0
    # rebuilding a document already in the store changes nothing
    assert main(["build", str(files[0]), "-o", str(store), "-q", "--workers", "1"]) == 0
    whole = tmp_path / "whole"
    assert main(["build", str(CORPUS), "-o", str(whole), "-q", "--workers", "1"]) == 0
    assert isomorphic(_flat(load_graph(store)), _flat(load_graph(whole)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "whole"]


def test_cli_add_to_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(CORPUS / "maiji-anquan.txt"), "-o", str(tmp_path / "g.ttl"),
                 "--add", "-q"]) == 2
    assert "g.ttl does not exist" in capsys.readouterr().err


# ---------------------------------------------------------------- career and succession

@pytest.fixture(scope="module")
def corpus_ttl(corpus_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("multi") / "multi.ttl"
    corpus_graph.serialize(path, format="turtle")
    return path


def test_cli_career_lists_dated_sourced_rows_per_person(corpus_ttl, capsys):
    import csv
    assert main(["career", str(corpus_ttl), "张健", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["name"] for r in rows} == {"张健"}
    by_person: dict[str, list[dict]] = {}
    for r in rows:
        by_person.setdefault(r["person"], []).append(r)
    assert len(by_person) == 2
    tianshui = next(rs for rs in by_person.values() if any("秦州" in r["post"] for r in rs))
    assert [r["as_of"] for r in tianshui] == sorted(r["as_of"] for r in tianshui)
    assert [(r["as_of"], r["post"]) for r in tianshui if r["post"] in (
        "秦州区区长", "秦州区委书记", "天水市副市长")] == [
        ("2005-03-10", "秦州区区长"), ("2007-04-03", "秦州区委书记"),
        ("2008-06-05", "秦州区委书记"), ("2010-01-15", "天水市副市长")]
    first = tianshui[0]
    assert first["document"].endswith("qinzhou-2005-03-10.txt")
    assert first["sentence"] == "区委副书记、区长张健作了政府工作报告。"


def test_cli_career_finds_a_person_by_the_traditional_name(corpus_ttl, capsys):
    assert main(["career", str(corpus_ttl), "張健", "--format", "csv"]) == 0
    assert "江苏省副省长" in capsys.readouterr().out


def test_cli_holders_lists_the_succession_in_date_order(corpus_ttl, capsys):
    import csv
    assert main(["holders", str(corpus_ttl), "秦州区委书记", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["as_of"], r["holder"], Path(r["document"]).name) for r in rows] == [
        ("2007-04-03", "张健", "qinzhou-2007-04-03.txt"),
        ("2008-06-05", "张健", "qinzhou-changwei.txt"),
        ("2010-03-08", "刘建国", "qinzhou-quanhui.txt")]
    assert rows[1]["sentence"] == "會議由區委書記張健主持。"


def test_cli_eval_reports_resolution_scores(corpus_ttl, capsys):
    assert main(["eval", str(corpus_ttl), str(GOLD)]) == 0
    out = capsys.readouterr().out
    pairwise = next(line for line in out.splitlines() if line.startswith("pairwise"))
    precision, recall = map(float, pairwise.split()[1:3])
    assert precision >= 0.95 and recall >= 0.95
    assert "b-cubed" in out and "section" not in out


def test_eval_rejects_a_gold_identity_without_mentions(tmp_path):
    from kg.errors import GoldError
    from kg.eval.resolution import gold_identities
    with pytest.raises(GoldError, match=r"identities\[1\] \(b\) needs a list of mentions"):
        gold_identities({"identities": [{"id": "a", "name": "张健", "mentions": [{"doc": "x"}]},
                                        {"id": "b", "name": "张健"}]}, "g.yaml")


# ---------------------------------------------------------------- kg why

def test_cli_why_explains_each_join_and_the_split(corpus_ttl, capsys):
    assert main(["why", str(corpus_ttl), "張健"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("張健: 2 people in ")
    first, second = out.split("\nperson ")[1:]
    assert "4 report(s), 2005-03-10 to 2010-01-15" in first
    assert "2 joined: shares a post in 秦州区委" in first
    assert "2 report(s), 2008-09-02 to 2011-03-20" in second
    assert ("apart because: not person 1: its post in 江苏省 and the post in 秦州区 of report "
            "tests/corpus/multi/qinzhou-2005-03-10.txt") in second


def test_cli_why_all_lists_every_decision_in_date_order(corpus_ttl, capsys):
    assert main(["why", str(corpus_ttl), "王小林", "--all"]) == 0
    out = capsys.readouterr().out
    dated = [line.split()[0] for line in out.splitlines() if line.startswith("  20")]
    assert len(dated) == 3 and dated == sorted(dated)  # 3 later reports of the 秦州区 王小林


def test_cli_why_an_unknown_name_exits_1(corpus_ttl, capsys):
    assert main(["why", str(corpus_ttl), "无此人"]) == 1
    assert "no person named 无此人" in capsys.readouterr().err


def test_why_reads_back_the_decisions_the_build_took(corpus_graph, corpus_ttl):
    from kg.graph.ns import KG, RDF, RDFS
    from kg.store.oxigraph import open_store
    from kg.store.why import why
    store = open_store(corpus_ttl)
    names = {str(o) for p in corpus_graph.subjects(RDF.type, KG.Person)
             for o in corpus_graph.objects(p, RDFS.label) if o.language == "zh-hans"}
    for name in sorted(names):
        people = why(store, name)
        assert sorted(p.node for p in people) == [str(p) for p in _people(corpus_graph, name)]
def test_posts_left_are_evidence_never_a_conflict():
    # two biographies of one career (正定县 and 浙江省 before, the centre now)
    centre = [("|中共中央", "总书记")]
    first = Candidate("习近平", "a", dt.date(2013, 3, 14), (), tuple(centre),
                      spans=(("130123|正定县委", "书记", "1983", "1985"),), span_places=("130123",))
    second = Candidate("习近平", "b", dt.date(2017, 10, 25), (), tuple(centre),
                       spans=(("33|浙江省委", "书记", "2002", "2007"),), span_places=("33",))
    assert clusters([first, second]) == {frozenset("ab")}
    # a post left supports a later report of it: 正定县委书记 then, 正定县委书记 in a report of then
    then = cand("c", ["130123"], [("130123|正定县委", "书记")], "1984-05-01", name="习近平")
    assert clusters([first, then]) == {frozenset("ac")}


def test_a_national_leaders_tours_are_not_his_jurisdictions():
    from kg.graph.people import PersonFacts
    tours = []
    for doc, place in (("a", "62"), ("b", "46"), ("c", "11")):
        facts = PersonFacts("习近平", doc, dt.date(2013, 4, 1), place)
        facts.add_post("|中共中央", "总书记", None)
        tours.append(facts.candidate())
    assert all(c.places == () for c in tours)
    assert clusters(tours) == {frozenset("abc")}
    local = PersonFacts("张健", "d", dt.date(2013, 4, 1), QINZHOU)
    local.add_post("", "书记", None)
    # a bare role: the report's place is evidence the person is of it
    assert local.candidate().evidence_places() == (QINZHOU,)
