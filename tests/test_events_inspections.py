"""Inspections (issue 14): who went where, on the causes of the hand audit of
tests/gold/audits/events-xwlb-sample-*.tsv and the corpus sentences checked with it."""

from __future__ import annotations

import datetime as dt

import pytest


def _visits(text: str, date: dt.date | None = None) -> list[tuple[str, str]]:
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    x = extract(make_document(text, doc_id="t", path="t.txt", date=date))
    return sorted({(person.text, place) for visit in x.inspections for person in visit.people
                   for place in [p.name for p in visit.places] + [s.label for s in visit.sites]})


@pytest.mark.parametrize("text", [
    # a visit recalled from an earlier year, or by who held a post then (时任)
    "2015年习近平总书记在云南考察时，要求云南努力成为民族团结进步示范区。",
    "2018年4月，习近平总书记在国家南繁科研育种基地考察时，指出良种十分关键。",
    "2004年2月5日，时任浙江省委书记的习近平来到嘉善调研，为嘉善支招。",
    # scientific expeditions are no inspections: 考察站, 考察队员, 科学考察任务
    "国家主席习近平21日就南极仲冬节向中国南极长城站、中山站并各国南极考察站发去慰问电。",
    "张高丽通过海事卫星与正在大洋一号科考船和南极长城站执行科学考察任务的专家代表进行了视频连线对话。",
])
def test_no_inspection_recalled_or_of_scientists(text):
    assert _visits(text, dt.date(2019, 8, 11)) == []


def test_stops_listed_with_a_joining_word_are_each_a_site():
    text = ("10月12日至15日，中共中央政治局常委李长春来到贵州省贵阳等地调研。"
            "在皓天光电科技公司、朗玛信息技术公司和航天风华精密设备公司，李长春勉励企业推进自主创新。")
    sites = {place for _, place in _visits(text) if place.endswith("公司")}
    assert sites == {"朗玛信息技术公司", "皓天光电科技公司", "航天风华精密设备公司"}


def test_a_stop_ends_where_the_next_visit_word_begins():
    text = ("习近平近日在江苏调研。总书记从镇江驱车近100公里，顶着夜色来到南京市考察江苏省产业技术研究院。"
            "习近平深入到世业镇先锋村农业园调查了解现代农业发展情况。")
    assert ("习近平", "江苏省产业技术研究院") in _visits(text)
    assert ("习近平", "世业镇先锋村") in _visits(text)
    assert not any(place.startswith(("南京市考察", "到")) for _, place in _visits(text))


def test_stops_after_先后到_and_companies_named_groups():
    text = ("中共中央政治局常委、中央纪委书记赵乐际6日至9日到河南省调研。"
            "赵乐际先后到南阳市宛城区黄河社区、桐柏县吴湾村、新华三大数据有限公司，看望慰问困难群众。")
    assert {("赵乐际", "宛城区黄河社区"), ("赵乐际", "桐柏县吴湾村"),
            ("赵乐际", "新华三大数据有限公司")} <= set(_visits(text))
    text = "李克强先后到江苏、上海考察。李克强来到海澜集团，这家企业吸纳了当地一半的就业人口。"
    assert ("李克强", "海澜集团") in _visits(text)


def test_a_generic_village_word_and_a_part_of_a_site_are_no_sites():
    text = ("李长春来到贵州省黔西南州、贵阳等地，深入少数民族村寨、企业、社区，进行调研。"
            "李长春还参观了贵阳城乡规划展览馆。")
    assert _visits(text) == [("李长春", "贵阳城乡规划展览馆")]
    text = ("9月3日至4日，刘云山深入塞罕坝机械林场、承德市农村进行调研。"
            "刘云山参观了塞罕坝机械林场展览馆，了解林场艰苦创业历程。")
    assert ("刘云山", "塞罕坝机械林场展览馆") not in _visits(text)
    assert ("刘云山", "塞罕坝机械林场") in _visits(text)


def test_those_who_went_along_in_the_same_sentence_join_the_inspection():
    text = ("11月21日上午，县人大主任张孝木深入定点帮扶的部官乡调研指导脱贫攻坚工作，"
            "县人大副主任毛振忠一同调研。")
    assert _visits(text) == [("张孝木", "部官乡"), ("毛振忠", "部官乡")]


def test_a_place_in_the_inspectors_post_is_not_where_he_went_nor_is_one_named_at_a_stop():
    text = "11月12日下午，九江市委常委、庐山市委书记杨健在白鹿镇调研指导林长制工作。"
    assert _visits(text) == [("杨健", "白鹿镇")]
    text = ("省政协副主席李国梁率省政协调研组到我市调研。"
            "省政协调研组来到由省政协常委莫海涛创办的海桂中学进行实地调研。")
    assert not any(person == "莫海涛" for person, _ in _visits(text))


@pytest.mark.parametrize("text", [
    # a speech given on an inspection, studied, and what is studied
    "会议传达了中共中央政治局委员、国务院副总理张国清在闽调研时的讲话精神。",
    "他强调，要深入学习贯彻习近平总书记在主题教育工作会议、内蒙古考察的重要讲话精神。",
    # a motto and a doctrine name no inspector
    "“立德树人、德法兼修”，这是中国政法大学考察团的心得。",
    "十九大以来，广东省践行习近平新时代中国特色社会主义思想，积极开展“大学习、深调研、真落实”活动。",
])
def test_no_inspection_studied_or_quoted(text):
    assert _visits(text) == []


def test_the_topic_of_an_inspection_is_not_what_is_studied():
    text = ("10月12日至15日，中共中央政治局常委李长春来到贵州省贵阳等地，就贯彻落实党的十七届六中全会"
            "精神进行调研。李长春还参观了贵阳城乡规划展览馆。")
    assert ("李长春", "贵阳城乡规划展览馆") in _visits(text)


def test_a_site_named_after_a_division_visited_is_in_it_and_replaces_it():
    text = ("5月23日至25日，习近平来到伊春市、哈尔滨市等地考察调研。"
            "25日上午，习近平在哈尔滨市考察了高新技术企业和科研单位。"
            "在哈尔滨安天科技股份有限公司，习近平现场了解反病毒引擎技术研发情况。")
    assert ("习近平", "哈尔滨安天科技股份有限公司") in _visits(text)
    assert ("习近平", "哈尔滨市") not in _visits(text)


def test_those_present_follow_the_在_of_their_clause_and_a_country_inspects_nothing():
    text = ("张德江在米亚斯尼科维奇和安德烈琴科陪同下考察中白工业园，详细询问园区建设情况。")
    assert _visits(text) == [("张德江", "中白工业园")]
    text = ("当地时间4月11日上午，国务院总理李克强在克罗地亚总理普连科维奇陪同下，前往克罗地亚南部的"
            "佩列沙茨半岛，考察中国企业中标承建的佩列沙茨大桥项目。")
    assert {person for person, _ in _visits(text)} == {"李克强"}
