"""Holdings recall on today's text (issue 12): the classes of misses the xwlb
development set and the local reports showed, each with a real sentence."""

from __future__ import annotations

import pytest

from tests.test_titles import holdings


DEPUTIES = "县人大常委会副主任"

CASES = [
    # local-060: a role starting a clause, the one of the chain before it: that body's again
    ("县人大常委会副主任陈德汉主持会议,副主任邓华明、胡维英、何建平、谢永翔参加会议。",
     {(name, DEPUTIES) for name in ("陈德汉", "邓华明", "胡维英", "何建平", "谢永翔")}),
    # ... and its deputy
    ("市人大常委会主任张孝木主持会议，副主任毛振忠出席。",
     {("张孝木", "市人大常委会主任"), ("毛振忠", "市人大常委会副主任")}),
    # local-043 with no place named: a bare 政法委 after 区委常委 is that (unnamed) district's
    ("区委常委、政法委书记孙国梁到会并讲话。", {("孙国梁", "区委常委"), ("孙国梁", "区政法委书记")}),
    # local-010
    ("县委常委、政法委书记高建平出席会议并讲话。",
     {("高建平", "县委常委"), ("高建平", "县政法委书记")}),
    # xwlb-dev 10820: a body with no anchor inside a chain is named as written
    ("本台记者采访了中央纪委副书记、监察部部长、纪律检查体制改革专项小组副组长黄树贤。",
     {("黄树贤", "中央纪委副书记"), ("黄树贤", "监察部部长"),
      ("黄树贤", "纪律检查体制改革专项小组副组长")}),
    # xwlb 2016: a leading group of a drive, its stem longer than a unit's
    ("中共中央政治局常委、国务院副总理、推动长江经济带发展领导小组组长张高丽出席会议并讲话。",
     {("张高丽", "中共中央政治局常委"), ("张高丽", "国务院副总理"),
      ("张高丽", "推动长江经济带发展领导小组组长")}),
    # local-018: 和县 ("and the county") in 会议和县第十六届 is no place: the posts stay unresolved
    ("参加县政协八届一次会议和县第十六届人大第一次会议的委员参加了讨论。县政协副主席王超、张友庆参加了讨论。",
     {("王超", "县政协副主席"), ("张友庆", "县政协副主席")}),
    # ... but it is where a place containing it is named
    ("安徽省和县召开会议。县委书记张三出席。", {("张三", "和县委书记")}),
    # local-084: a county's two-character short name in a report speaking of 全县
    ("宁陕融媒讯 2月3日下午，县委书记周锦政走访慰问敬老院老人，向全县广大干部群众致以新春问候。",
     {("周锦政", "宁陕县委书记")}),
    # ... not a word jieba counts often (合作) in one that says 全市
    ("全市召开会议，加强合作。市委书记张三出席。", {("张三", "市委书记")}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:14] for c in CASES])
def test_holdings_read_on_today_s_text(text, expected):
    assert holdings(text) == expected


def test_a_term_of_office_starts_no_body_inside_a_chain():
    # xwlb 2012-09-19: 新一届 is the term, not part of a 发展中国家科学院新一届院
    assert holdings("中国科学院院长、发展中国家科学院新一届院长白春礼主持开幕式。") == {
        ("白春礼", "中国科学院院长")}
