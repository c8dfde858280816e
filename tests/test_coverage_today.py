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
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:14] for c in CASES])
def test_today_s_text_gives_its_holdings(text, expected):
    assert holdings(text) == expected
