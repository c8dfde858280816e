"""Inspections (issue 14) read on sentences of the xwlb-events3-dev items: told in a phrase
before the inspector, recalled after the word, whom a stop names, lists of kinds, banks and
mines, and a visit recalled in a report of another's."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.lang.language import default_language
from kg.text.document import make_document


def _inspections(text: str) -> list[tuple[list[str], list[str], list[str]]]:
    """(people, places, sites) of each inspection of `text`."""
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    return [([m.text for m in v.people], [p.name for p in v.places], [s.label for s in v.sites])
            for v in x.inspections]


def test_an_inspection_told_in_a_phrase_before_the_inspectors_titles_is_his():
    assert _inspections("央视网消息(新闻联播)：正在广东考察工作的中共中央总书记、中共中央军委主席习近平，12月9日"
                        "在广州主持召开经济工作座谈会。") == [(["习近平"], ["广州市"], [])]


def test_a_phrase_opened_by_a_bare_visit_marker_tells_no_inspection_of_the_report():
    # a feature of 2003 in a report of 2018
    assert _inspections("在杭州萧山梅林村调研的习近平，发现了这个在当时可以供大家参考借鉴的新村庄。") == []


def test_an_inspection_a_mark_of_another_time_follows_is_recalled():
    assert _inspections("央视网消息(新闻联播)：习近平总书记在湖南省花垣县十八洞村考察时曾指出，扶贫经验要可复制、"
                        "可推广。") == []


def test_whom_the_inspector_sat_with_is_no_stop():
    assert _inspections("说起习近平总书记在张庄村一个多小时的调研，村民们说，总书记和咱群众没有距离。\n"
                        "总书记在和张庄村党员群众代表座谈时指出，要坚持上下联动。") == [
        (["习近平"], [], ["张庄村"])]
    # ... but a site's name may open with the marker's character
    assert _inspections("在赤峰市白音敖包国家自然保护区，李长春考察沙地云杉繁育基地；在和信园蒙草抗旱绿化公司，"
                        "李长春了解节水抗旱植物培植推广情况。") == [
        (["李长春"], [], ["赤峰市白音敖包国家自然保护区", "沙地云杉繁育基地", "和信园蒙草抗旱绿化公司"])]


def test_a_list_of_kinds_of_places_names_no_site():
    assert _inspections("8月24日至29日，贾庆林先后来到酒泉、嘉峪关、张掖、兰州等地，深入工厂企业、科技园区、"
                        "农村乡镇和文化设施调研。") == [
        (["贾庆林"], ["酒泉市", "嘉峪关市", "张掖市", "兰州市"], [])]


def test_banks_and_mines_are_sites():
    assert _inspections("20日，中共中央政治局常委、国务院总理李克强到建设银行、人民银行考察并主持召开座谈会。") == [
        (["李克强"], [], ["建设银行", "人民银行"])]
    assert _inspections("中共中央政治局常委、国务院总理李克强在山西长治考察。\n"
                        "李克强来到潞安集团石圪节煤矿，察看矿井关闭情况。") == [
        (["李克强"], ["长治市"], ["潞安集团石圪节煤矿"])]


def test_a_visit_of_anothers_recalled_in_the_report_of_one_takes_none_of_its_stops():
    assert _inspections("11月14日至15日，国务院副总理张高丽在黑龙江调研。张高丽先后到哈尔滨惠康食品公司、"
                        "哈尔滨汽轮机厂，深入了解情况。\n张高丽表示，党中央高度重视东北振兴。习近平总书记在黑龙江"
                        "考察调研时强调，振兴东北是国家的一个重大战略。") == [
        (["张高丽"], [], ["哈尔滨惠康食品公司", "哈尔滨汽轮机厂"])]


def test_a_city_with_no_counties_is_the_city_not_its_county_level_twin():
    gazetteer = default_language().lexicon.gazetteer
    for name, twin in (("嘉峪关市", "620201"), ("东莞市", "441900"), ("中山市", "442000"),
                       ("儋州市", "460400")):
        assert [p.level for p in gazetteer.by_name[name]] == ["prefecture"]
        # 中山 is 大连市中山区 too
        assert twin not in {p.code for p in gazetteer.by_short[name[:-1]]}
        assert gazetteer.by_code[twin].name == name
