"""Today's text (issue 12, point 4): sentences of 新闻联播 2012–2019 and of the
local reports in ../shared/data/localnews, each with the holdings it must give.

The bodies and names are today's: the commissions the 2018 reform set up, a
title shared by five names, Hong Kong's and Macao's governments, a town's
committees, a report that names no place.
"""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract
from kg.text.document import make_document


def holdings(text: str) -> set[tuple[str, str]]:
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    return {(h.person.text, h.post.label) for h in x.holdings}


STANDING = "中共中央政治局常委"

CASES = [
    # xwlb line 28030: one title shared by five names; 栗 is a surname
    ("中共中央政治局常委栗战书、汪洋、王沪宁、赵乐际、韩正出席会议。",
     {(name, STANDING) for name in ("栗战书", "汪洋", "王沪宁", "赵乐际", "韩正")}),
    # xwlb line 29301: one person, two posts
    ("中共中央政治局常委、全国人大常委会委员长栗战书出席并讲话。",
     {("栗战书", STANDING), ("栗战书", "全国人大常委会委员长")}),
    # xwlb line 17417: a leading group of the centre ends the chain of four posts
    ("中共中央总书记、国家主席、中央军委主席、中央财经领导小组组长习近平11月10日上午主持召开会议。",
     {("习近平", "中共中央总书记"), ("习近平", "中华人民共和国主席"), ("习近平", "中央军委主席"),
      ("习近平", "中央财经领导小组组长")}),
    # xwlb line 29315: a commission of 2018, its deputies listed after it
    ("中央全面深化改革委员会副主任李克强、王沪宁、韩正出席会议。",
     {(name, "中央全面深化改革委员会副主任") for name in ("李克强", "王沪宁", "韩正")}),
    # xwlb line 31435: two titles shared by three names
    ("中共中央政治局常委、中央全面依法治国委员会副主任李克强、栗战书、王沪宁出席会议。",
     {(name, post) for name in ("李克强", "栗战书", "王沪宁")
      for post in (STANDING, "中央全面依法治国委员会副主任")}),
    # xwlb line 34342: the state's supervisory commission by its short name
    ("中共中央政治局委员、国家监委主任杨晓渡在参加甘肃代表团审议时说。",
     {("杨晓渡", "中共中央政治局委员"), ("杨晓渡", "国家监委主任")}),
    # xwlb line 29654
    ("中共中央政治局常委、国务院总理、中央网络安全和信息化委员会副主任李克强主持会议。",
     {("李克强", STANDING), ("李克强", "国务院总理"),
      ("李克强", "中央网络安全和信息化委员会副主任")}),
    # xwlb line 25497: the special administrative regions' heads, in the gazetteer now; a
    # national body's name ends a list of names
    ("在习近平见证下，香港特别行政区行政长官林郑月娥、澳门特别行政区行政长官崔世安、"
     "国家发展和改革委员会主任何立峰、广东省省长马兴瑞共同签署了协议。",
     {("林郑月娥", "香港特别行政区行政长官"), ("崔世安", "澳门特别行政区行政长官"),
      ("何立峰", "国家发展改革委主任"), ("马兴瑞", "广东省省长")}),
    # xwlb line 1450: 特区 for 特别行政区
    ("香港特区行政长官梁振英表示，提议成立独立的调查委员会。",
     {("梁振英", "香港特别行政区行政长官")}),
    # xwlb line 7602: a 司 of the region's government, named after the region
    ("香港财政司司长曾俊华等来自香港特区政府、内地和香港企业界的精英共同讨论。",
     {("曾俊华", "香港特别行政区财政司司长")}),
    # xwlb line 12403: the region's 司 by one label however it is written (national_bodies.tsv)
    ("香港特区政府政务司司长林郑月娥26号对媒体表示，特区政府支持此次签名活动。",
     {("林郑月娥", "香港特别行政区政务司司长")}),
    # issue 12 point 4: a bare 政务司/财政司/律政司 is Hong Kong's, only Hong Kong has them
    ("政务司司长张建宗、财政司司长陈茂波、律政司司长郑若骅出席了典礼。",
     {("张建宗", "香港特别行政区政务司司长"), ("陈茂波", "香港特别行政区财政司司长"),
      ("郑若骅", "香港特别行政区律政司司长")}),
    # ... and a bare 行政法务司 Macao's
    ("行政法务司司长陈海帆介绍了情况。", {("陈海帆", "澳门特别行政区行政法务司司长")}),
    # a street office's party working committee, in a district the report names
    ("朝阳区召开会议。建外街道党工委书记王五讲话。", {("王五", "建外街道党工委书记")}),
    # modelled on the 泗洪县双沟镇 report of issue 12: 双沟|镇 (split by jieba) right after
    # its county is a town; the report is about it, so its bare 纪委 is the town's
    ("泗洪县双沟镇召开党风廉政建设工作会议。镇党委书记王立新主持会议。会上，纪委书记刘海通报了案件。",
     {("王立新", "双沟镇党委书记"), ("刘海", "双沟镇纪委书记")}),
    # ... but in the county's report, a town named in passing is not what a bare 纪委 is
    ("泗洪县召开会议。县委书记王立新说，双沟镇要抓好落实。纪委书记刘海讲话。",
     {("王立新", "泗洪县委书记"), ("刘海", "泗洪县纪委书记")}),
    # issue 12: a report that names no county keeps the post, its body's place unresolved
    ("会议由县委书记赵立军主持。", {("赵立军", "县委书记")}),
    # ... a government's post by the role that names its level
    ("副县长王建国出席会议。", {("王建国", "副县长")}),
    # a bare 行政长官 is the head of the region the report is about
    ("香港特别行政区举行庆典。行政长官林郑月娥致辞。",
     {("林郑月娥", "香港特别行政区行政长官")}),
]


def test_a_word_cut_by_a_body_word_names_no_unit():
    # 司 ends a unit now (财政司): 内务司法委员会 is one body, no 法委员会 of a 内务司
    x = extract(make_document("全国人大内务司法委员会副主任委员张学忠出席。", doc_id="t", path="t.txt"))
    labels, bodies = set(), [o for o, _ in x.organizations] + [h.post.org for h in x.holdings]
    while bodies:
        body = bodies.pop()
        labels.add(body.label)
        bodies += [body.parent] if body.parent is not None else []
    assert "全国人大内务司法委员会" in labels
    assert not [label for label in labels if label.endswith("内务司")]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:14] for c in CASES])
def test_today_s_text_gives_its_holdings(text, expected):
    assert holdings(text) == expected


def test_special_region_government_is_named_by_either_spelling():
    from kg.lang.language import default_language
    gazetteer = default_language().lexicon.gazetteer
    assert gazetteer.by_name["香港特区"] == gazetteer.by_name["香港特别行政区"]
    assert gazetteer.level_written("特区") == "特别行政区"


def test_level_abbreviations_come_in_pairs(tmp_path):
    import shutil

    from kg.errors import LexiconError
    from kg.lang.datafiles import shipped_data
    from kg.lang.lexicon import read_lexicon
    folder = tmp_path / "data"
    shutil.copytree(str(shipped_data()), folder)
    places = folder / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "level_abbreviations: [特别行政区, 特区]", "level_abbreviations: [特别行政区]"),
        encoding="utf-8")
    with pytest.raises(LexiconError, match="places.yaml.*expected pairs"):
        read_lexicon(folder)


def local_report(name: str) -> str:
    """A local report's text (../shared/data/localnews: the URL, the title, then the text)."""
    from conftest import shared_data
    path = shared_data() / "localnews" / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def test_a_town_s_report_gives_its_committees_posts():
    # 板浦镇召开…: the report is about the town, so a bare 纪委 is the town's, not the
    # county's; 镇党委 is the town's committee by its usual name; 组织委员 a role
    assert holdings(local_report("local-044.txt")) == {
        ("王昌杰", "板浦镇党委副书记"), ("李洪兵", "板浦镇党委副书记"),
        ("李洪兵", "板浦镇党委组织委员"), ("张环", "板浦镇纪委书记"),
        ("陈守权", "板浦镇党委书记"), ("茆龙海", "板浦镇镇长")}


def test_each_town_s_committee_is_the_town_named_before_it():
    # 颛桥|镇 and 吴泾|镇党委, split by jieba, are towns (each written more than once);
    # 之后|镇企业服务中心 is the town named before it, not a town called 之后镇
    assert holdings(local_report("local-099.txt")) >= {
        ("郑晓珺", "颛桥镇党委委员"), ("谢伟卿", "颛桥镇企业服务中心副主任"),
        ("刘芳", "吴泾镇党委委员"), ("李君遐", "吴泾镇副镇长")}


def unresolved_graph():
    from kg.graph.rdf import build_graph
    texts = {"a": "会议由县委书记赵立军主持。", "b": "县委书记赵立军在会上讲话。",
             "c": "秦州区委书记张健出席。"}
    return build_graph([extract(make_document(text, doc_id=doc_id, path=f"{doc_id}.txt"))
                        for doc_id, text in texts.items()])


def test_a_body_of_an_unnamed_place_is_each_report_s_and_conforms():
    from rdflib import Literal

    from kg.graph.ns import KG, ORG, RDFS
    from kg.graph.validate import validate
    g = unresolved_graph()
    committees = set(g.subjects(RDFS.label, Literal("县委", lang="zh-Hans")))
    # two reports' 县委 may be two counties': neither one node nor one person by it
    assert len(committees) == 2
    assert all(g.value(o, KG.jurisdiction) is None
               and g.value(o, KG.jurisdictionLevel) == Literal("县", lang="zh-Hans")
               for o in committees)
    # nothing says the two 赵立军 are two people (kg.graph.resolve): one node, whose two
    # holdings keep each report's own 县委
    people = set(g.subjects(RDFS.label, Literal("赵立军", lang="zh-Hans")))
    assert len(people) == 1
    assert {g.value(h, ORG.organization) for h in g.subjects(ORG.member, people.pop())} == committees
    validate(g)


def test_a_body_has_a_jurisdiction_or_the_level_of_an_unresolved_one_not_both():
    from kg.errors import ShapeViolation
    from kg.graph.ns import KG, RDF
    from kg.graph.validate import validate
    g = unresolved_graph()
    committee = next(g.subjects(KG.jurisdictionLevel, None))
    g.add((committee, KG.jurisdiction, next(g.subjects(RDF.type, KG.Place))))
    with pytest.raises(ShapeViolation):
        validate(g)


def test_an_unresolved_body_read_back_from_the_graph_is_still_no_evidence():
    # `--add` reads the people of a graph written before (kg.graph.people): three reports'
    # 赵立军 of some 县委, added one at a time, stay three people, as in one build
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.graph.rdf import GraphBuilder
    texts = {"a": "会议由县委书记赵立军主持。", "b": "县委书记赵立军在会上讲话。",
             "c": "县委书记赵立军出席会议。"}
    extractions = [extract(make_document(text, doc_id=doc_id, path=f"{doc_id}.txt"))
                   for doc_id, text in texts.items()]
    g = Graph()
    for x in extractions:
        builder = GraphBuilder(Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
        builder.add(x)
        g = builder.finish()
    whole = GraphBuilder()
    for x in extractions:
        whole.add(x)
    assert isomorphic(g, whole.finish())


@pytest.mark.parametrize("text", [
    "美国马萨诸塞州前州长米特·罗姆尼接受共和党总统候选人提名。",  # xwlb: a former post, a word before it
    "在甘孜州石渠县长沙贡玛乡，农牧民早早就把演出现场围住了。",  # xwlb: 县长 inside 石渠县|长沙
    "历任温岭化肥厂厂长，温岭县人民政府副县长。",  # a place the gazetteer now names otherwise
])
def test_no_body_is_left_unresolved_where_the_text_names_its_place(text):
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    posts = [p for p, _ in x.posts] + [h.post for h in x.holdings]
    assert not [p.label for p in posts if p.org is not None and p.org.level]
