"""Careers with their spans: a biography's dated lines and notices (kg.extract.careers),
and their triples (kg:startDate / kg:endDate, org:memberDuring a time:ProperInterval)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from rdflib import Literal

from kg.extract.pipeline import extract
from kg.graph.ns import KG, ORG, RDF, TIME, XSD
from kg.graph.rdf import build_graph
from kg.graph.spans import partial_date
from kg.graph.validate import validate
from kg.text.document import make_document

BIOGRAPHY = "\n".join([
    "王明同志简历",
    "王明，男，汉族，1950年11月生，江苏涟水人，大学学历。",
    "现任江苏省委书记。",
    "1975-1978年 南京大学数学系学习",
    "1982-1983年 江苏省涟水县委副书记",
    "1985－1988年 福建省厦门市委常委、副市长",
    "1988-1990年 福建省福州市委书记、市人大常委会主任（其间：1989.09-1989.11中央党校学习）",
    "1990-1993年 福建省福州市委书记",
    "1993.05-1995.10 河南省委副书记、代省长",
    "2013年起 江苏省委书记",
])


def _spans(text: str, date: dt.date | None = None) -> set[tuple]:
    x = extract(make_document(text, doc_id="t", path="t.txt", date=date))
    return {(h.person.text, h.post.label, h.start, h.end) for h in x.holdings
            if h.start or h.end}


def test_each_dated_line_gives_its_posts_with_the_lines_span():
    spans = _spans(BIOGRAPHY)
    assert ("王明", "涟水县委副书记", "1982", "1983") in spans
    assert ("王明", "厦门市委常委", "1985", "1988") in spans   # － is a dash too
    assert ("王明", "江苏省委书记", "2013", None) in spans     # 起: still held


def test_a_later_title_takes_the_body_and_place_of_the_one_before():
    spans = _spans(BIOGRAPHY)
    assert ("王明", "厦门市副市长", "1985", "1988") in spans
    assert ("王明", "福州市人大常委会主任", "1988", "1990") in spans
    assert ("王明", "河南省代省长", "1993-05", "1995-10") in spans  # months as written


def test_the_same_post_on_consecutive_lines_is_one_holding():
    spans = _spans(BIOGRAPHY)
    assert ("王明", "福州市委书记", "1988", "1993") in spans
    assert not any(post == "福州市委书记" and end == "1990" for _, post, _, end in spans)


def test_study_and_bracketed_notes_are_no_posts():
    spans = _spans(BIOGRAPHY)
    assert not any(start.startswith("1975") or start.startswith("1989") for _, _, start, _ in spans)
    assert not any("中央党校" in post for _, post, _, _ in spans)


def test_posts_listed_after_a_span_are_not_dated_each():
    text = "王明，男，汉族，1950年生。\n1985年至今，历任厦门市副市长、福州市委书记。"
    assert _spans(text) == set()


def test_the_current_line_is_held_with_no_span():
    x = extract(make_document(BIOGRAPHY, doc_id="t", path="t.txt"))
    assert any(h.post.label == "江苏省委书记" and h.start is None and h.end is None
               for h in x.holdings)


NOTICE = ("根据十二届全国人大常委会第九次会议的决定：免去张伟的公安部部长职务；"
          "任命刘芳（女）为公安部部长。中共中央决定：李强兼任中央统战部部长。")


def test_a_notice_starts_and_ends_posts_on_its_date():
    spans = _spans(NOTICE, dt.date(2014, 6, 27))
    assert ("张伟", "公安部部长", None, "2014-06-27") in spans
    assert ("刘芳", "公安部部长", "2014-06-27", None) in spans
    assert ("李强", "中共中央统战部部长", "2014-06-27", None) in spans


def test_a_notice_with_no_date_dates_nothing():
    assert _spans(NOTICE) == set()


@pytest.mark.parametrize("text", [
    "他曾兼任公安部部长。",                                    # no decision: not a notice
    "索马里总统6日宣布任命阿卜迪·赛义德为索马里政府新总理。",  # what follows 为 is not all read
])
def test_no_span_where_no_notice_is(text):
    assert _spans(text, dt.date(2014, 6, 27)) == set()


def test_spans_become_dates_as_precise_as_the_text_and_an_interval():
    g = build_graph([extract(make_document(BIOGRAPHY, doc_id="t", path="t.txt"))])
    validate(g)
    starts = {str(o): o.datatype for o in g.objects(None, KG.startDate)}
    assert starts["1982"] == XSD.gYear and starts["1993-05"] == XSD.gYearMonth
    held = [h for h in g.subjects(KG.startDate, Literal("2013", datatype=XSD.gYear))]
    assert held and all(g.value(h, KG.endDate) is None for h in held)
    interval = next(i for i in g.objects(held[0], ORG.memberDuring)
                    if (i, RDF.type, TIME.ProperInterval) in g)
    begin = g.value(interval, TIME.hasBeginning)
    assert g.value(begin, TIME.inXSDgYear) == Literal("2013", datatype=XSD.gYear)
    assert g.value(interval, TIME.hasEnd) is None


def test_a_day_is_an_xsd_date_and_anything_else_an_error():
    assert partial_date("2012-08-31")[0].datatype == XSD.date
    with pytest.raises(ValueError, match="2012/08"):
        partial_date("2012/08")


def test_the_career_query_shows_start_and_end_in_date_order():
    import pyoxigraph as ox

    from kg.store.bundled import load_query
    from kg.store.oxigraph import quads_from_rdflib
    from kg.store.query import parameter_bindings, run_query
    store = ox.Store()
    store.extend(quads_from_rdflib(build_graph(
        [extract(make_document(BIOGRAPHY, doc_id="t", path="t.txt"))])))
    text = load_query("career")
    result = run_query(store, text, bindings=parameter_bindings(text, {"name": "王明"}))
    columns = list(result.variables)
    rows = [dict(zip(columns, (v.value if v is not None else None for v in row)))
            for row in result.rows]
    spans = [(r["start"], r["end"], r["post"]) for r in rows if r["start"]]
    assert ("1982", "1983", "涟水县委副书记") in spans and ("2013", None, "江苏省委书记") in spans
    assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)


def test_a_name_the_reader_does_not_know_is_taken_only_in_a_removal():
    removal = _spans("中共中央决定：免去令计划的中央统战部部长职务。", dt.date(2014, 12, 31))
    assert ("令计划", "中共中央统战部部长", None, "2014-12-31") in removal
    assert _spans("会议决定今年为公安部部长接访年。", dt.date(2014, 12, 31)) == set()
    # the verb's particle opens no name (a whole-corpus audit's 了冯淑萍)
    assert _spans("会议经表决，免去了冯淑萍的全国人大常委会预算工作委员会副主任职务。",
                  dt.date(2013, 2, 27)) == {
        ("冯淑萍", "全国人大常委会预算工作委员会副主任", None, "2013-02-27")}


def test_a_lines_holding_derives_from_that_line():
    from kg.graph.ns import NIF, PROV
    g = build_graph([extract(make_document(BIOGRAPHY, doc_id="t", path="t.txt"))])
    held = next(g.subjects(KG.startDate, Literal("1982", datatype=XSD.gYear)))
    assert [str(g.value(s, NIF.anchorOf)) for s in g.objects(held, PROV.wasDerivedFrom)] == [
        "1982-1983年 江苏省涟水县委副书记"]


def test_a_bare_party_group_after_a_bodys_post_is_that_bodys():
    spans = _spans("\n".join([
        "王明，男，汉族，1950年生。",
        "1996-2000年 文化部副部长、党组副书记",
        "2008-2013年 国务院副总理、党组副书记",
        "1983-1985年 河北省正定县委书记，正定县武装部第一政委、党委第一书记",
    ]))
    assert ("王明", "文化部党组副书记", "1996", "2000") in spans
    assert ("王明", "国务院党组副书记", "2008", "2013") in spans
    assert ("王明", "正定县武装部党委第一书记", "1983", "1985") in spans
    assert ("王明", "正定县委第一书记", "1983", "1985") not in spans


def test_a_military_regions_party_committee_is_not_its_citys():
    x = extract(make_document("王明，男，汉族，1947年5月生，辽宁丹东人。现任中共中央军事委员会副主席，"
                              "济南军区司令员、党委副书记，上将军衔。", doc_id="t", path="t.txt"))
    posts = {h.post.label for h in x.holdings if h.person.text == "王明"}
    assert {"济南军区司令员", "济南军区党委副书记"} <= posts
    assert not any(post.startswith("济南市") for post in posts)


def test_the_states_military_commission_is_not_the_partys():
    spans = _spans("王明，男，汉族，1950年生。\n2010-2012年 中华人民共和国副主席，"
                   "中共中央军委副主席，中华人民共和国中央军事委员会副主席")
    assert ("王明", "中央军委副主席", "2010", "2012") in spans
    assert ("王明", "国家中央军委副主席", "2010", "2012") in spans


def test_roles_and_bodies_of_a_career():
    spans = _spans("\n".join([
        "王明，男，汉族，1950年生。",
        "1983-1983年 共青团中央学校部部长兼全国学联秘书长",
        "1983-1985年 共青团中央书记处候补书记",
        "1998-1999年 河南省委副书记、代省长，兼任黄河防汛总指挥部总指挥",
        "2007-2008年 中央书记处书记，中央党校校长",
    ]))
    assert ("王明", "全国学联秘书长", "1983", "1983") in spans
    assert ("王明", "共青团中央书记处候补书记", "1983", "1985") in spans
    assert ("王明", "黄河防汛总指挥部总指挥", "1998", "1999") in spans  # 兼任 no part of it
    assert ("王明", "中央党校校长", "2007", "2008") in spans
    notice = _spans("免去李盛霖的交通运输部部长职务；任命杨传堂为交通运输部部长。",
                    dt.date(2012, 8, 31))
    assert ("李盛霖", "交通运输部部长", None, "2012-08-31") in notice
    assert ("杨传堂", "交通运输部部长", "2012-08-31", None) in notice


def test_a_notice_is_dated_by_the_sessions_day_the_report_names():
    text = ("本报讯 5月24日，县十七届人大常委会第三十八次会议召开，"
            "任命陈建平为竹山县人民政府副县长、代理县长。")
    spans = _spans(text, dt.date(2016, 5, 26))
    assert ("陈建平", "竹山县副县长", "2016-05-24", None) in spans
    assert ("陈建平", "竹山县代县长", "2016-05-24", None) in spans  # 代理县长 is acting
    yesterday = _spans("昨日，金湾区第四届人大常委会第三十七次会议召开。"
                       "会议决定任命祝庆盟为金湾区人民政府副区长。", dt.date(2020, 7, 16))
    assert yesterday == {("祝庆盟", "金湾区副区长", "2020-07-15", None)}


def test_a_report_with_no_date_is_dated_by_the_address_it_came_from():
    text = ("http://szbm.jinrifangxian.com/content/2016-05/16/014233.html\n"
            "13日，十堰市人大常委会召开第二十八次会议。\n"
            "会议决定接受蔡贤忠同志辞去十堰市人民政府市长职务的请求；"
            "任命市委副书记纪道清同志为十堰市人民政府副市长。")
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    assert x.doc.date == dt.date(2016, 5, 16)  # the report is dated by its address
    spans = {(h.person.text, h.post.role, h.start, h.end) for h in x.holdings if h.start or h.end}
    assert ("蔡贤忠", "市长", None, "2016-05-13") in spans      # 13日 of the address's month
    assert ("纪道清", "副市长", "2016-05-13", None) in spans     # the title before the name skipped


def test_a_notice_names_a_list_of_persons():
    spans = _spans("会议以无记名投票方式，任命李春雨、何娇、徐莉等18人为秦州区人民法院审判员。"
                   "会议选举，韩长发、廉京燮当选为延边朝鲜族自治州政协副主席。", dt.date(2023, 3, 9))
    assert {p for p, *_ in spans} == {"李春雨", "何娇", "徐莉", "韩长发", "廉京燮"}
    assert ("何娇", "秦州区人民法院审判员", "2023-03-09", None) in spans


def test_the_verb_goes_on_over_the_clauses_after_it():
    x = extract(make_document("会议选举出穆兴科同志为十堰市人大常委会主任，李玮同志为十堰市市长，"
                              "杜渐、马锋两位同志为十堰市副市长。", doc_id="t", path="t.txt",
                              date=dt.date(2016, 12, 16)))
    assert {(h.person.text, h.post.role) for h in x.holdings if h.start} == {
        ("穆兴科", "主任"), ("李玮", "市长"), ("杜渐", "副市长"), ("马锋", "副市长")}


def test_every_appointment_has_a_start_and_every_removal_an_end_in_the_graph():
    g = build_graph([extract(make_document(NOTICE, doc_id="t", path="t.txt",
                                           date=dt.date(2014, 6, 27)))])
    for holding in g.subjects(RDF.type, KG.PostHolding):
        start, end = g.value(holding, KG.startDate), g.value(holding, KG.endDate)
        assert (start is None) != (end is None)
    assert len(set(g.subjects(KG.startDate, None))) == 2   # 刘芳, 李强
    assert len(set(g.subjects(KG.endDate, None))) == 1     # 张伟


@pytest.mark.slow  # builds 32 corpus items, about ten seconds
def test_kg_career_shows_one_timeline_from_biographies_and_news(tmp_path, capsys):
    """习近平's two biographies (2013, 2017) and thirty reports of his tours and
    meetings: one person, whose spans and as-of posts are one timeline."""
    from kg.cli import main
    from kg.text.corpus import iter_corpus
    from kg.text.document import corpus_document
    from tests.goldfiles import corpus_dir
    corpus = corpus_dir() / "xwlb" / "xwlb-2012-2019.jsonl.gz"
    if not corpus.is_file():
        pytest.skip(f"no corpus at {corpus}")
    docs = []
    for item in iter_corpus(corpus):
        news = item.line > 3800 and item.line % 97 == 0 and "习近平" in item.text
        if item.line in (3800, 27087) or (news and len(docs) < 32):
            docs.append(corpus_document(item))
        if item.line >= 27087:
            break
    graph = build_graph([extract(d) for d in docs])
    path = tmp_path / "careers.ttl"
    graph.serialize(path, format="turtle")
    assert main(["career", str(path), "习近平", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["person"] for r in rows} == {rows[0]["person"]}            # one person
    spans = {(r["start"], r["post"]) for r in rows if r["start"]}
    assert ("1982", "正定县委副书记") in spans and ("2012", "中共中央总书记") in spans
    assert len({r["document"] for r in rows}) > 10                      # news as of their dates


def test_a_prefectures_party_committee_and_office_are_bodies_of_their_own():
    x = extract(make_document("王明，男，汉族，1950年生。\n1990-1992年 福建省宁德地委副书记、行署专员",
                              doc_id="t", path="t.txt"))
    bodies = {h.post.role: (h.post.org.org_type, h.post.org.place.name) for h in x.holdings}
    assert bodies["副书记"] == ("party-committee", "宁德市")   # 地委: not a unit of the city
    assert bodies["专员"] == ("government", "宁德市")          # that 地委's 行署


def test_a_verb_inside_a_longer_one_reads_no_second_notice():
    x = extract(make_document("会议决定任命祝庆盟为十堰市人民政府副市长。", doc_id="t", path="t.txt",
                              date=dt.date(2020, 7, 15)))
    assert len([h for h in x.holdings if h.start]) == 1   # 决定任命, not 决定任命 and 任命


def test_the_succession_query_shows_a_notices_start_and_end():
    import pyoxigraph as ox

    from kg.store.bundled import load_query
    from kg.store.oxigraph import quads_from_rdflib
    from kg.store.query import parameter_bindings, run_query
    store = ox.Store()
    store.extend(quads_from_rdflib(build_graph(
        [extract(make_document(NOTICE, doc_id="t", path="t.txt", date=dt.date(2014, 6, 27)))])))
    text = load_query("succession")
    result = run_query(store, text, bindings=parameter_bindings(text, {"post": "公安部部长"}))
    columns = list(result.variables)
    rows = [dict(zip(columns, (v.value if v is not None else None for v in row)))
            for row in result.rows]
    assert [(r["holder"], r["start"], r["end"]) for r in rows] == [
        ("刘芳", "2014-06-27", None), ("张伟", None, "2014-06-27")]
