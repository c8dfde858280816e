"""Meetings as county and national reports tell them (sentences from ../shared/data's
localnews and xwlb): the name as written, before or after its verb, with its session;
chairs and speakers who are their clause's subject."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.pipeline import extract
from kg.text.document import make_document


def meetings(text: str, date: dt.date = dt.date(2021, 4, 15)):
    return extract(make_document(text, doc_id="t", path="t.txt", date=date)).meetings


def labels(text: str) -> list[str]:
    return [m.label for m in meetings(text)]


def test_a_name_that_starts_its_clause_comes_before_its_verb():
    text = "1月19日上午，区十六届人大常委会第44次会议召开。区人大常委会主任顾其斌主持会议。"
    (meeting,) = meetings(text)
    assert meeting.label == "区十六届人大常委会第44次会议"
    assert [m.text for m in meeting.chair] == ["顾其斌"]


@pytest.mark.parametrize("text, label", [
    ("全县政法暨平安建设工作会议在县影剧院隆重召开。", "全县政法暨平安建设工作会议"),
    ("8日，文昌镇第十五届人民代表大会第一次会议在镇政府四楼会议室召开。",
     "文昌镇第十五届人民代表大会第一次会议"),
    ("10月26日，松滋市委常委会（扩大）会议暨经济形势分析会议召开。",
     "松滋市委常委会（扩大）会议暨经济形势分析会议"),
])
def test_a_name_goes_on_past_its_first_head(text, label):
    assert labels(text) == [label]


def test_a_meeting_referred_to_is_not_one_held():
    assert labels("特别是全国国有企业党的建设工作会议召开以来，各地积极行动。") == []
    assert labels("她首先代表中共开化县委对县政协九届三次会议召开表示祝贺。") == []


def test_a_session_is_the_session_of_the_body_that_holds_it():
    text = "永清县讯 4月15日，县政协召开九届二十五次常委会议。县政协主席王玉柱主持会议。"
    (meeting,) = meetings(text)
    assert meeting.label == "县政协九届二十五次常委会议"
    assert "永清县政协九届二十五次常委会议" in meeting.aliases
    assert [m.text for m in meeting.chair] == ["王玉柱"]


def test_meetings_held_together_are_each_a_meeting():
    text = "5月23日，县政府党组书记、县长施家雄主持召开县政府党组会议和县政府2025年第16次常务会议。"
    found = meetings(text)
    assert [m.label for m in found] == ["县政府党组会议", "县政府2025年第16次常务会议"]
    assert all([c.text for c in m.chair] == ["施家雄"] for m in found)


def test_a_verb_inside_a_name_starts_it_again():
    text = "天安门广场举行升国旗仪式并举行座谈会。"
    assert labels(text) == ["座谈会"]


def test_the_reports_place_does_not_rename_a_national_meeting():
    # a Beijing report's place is where, not what: no 北京市十三届全国人大二次会议
    text = "北京3月5日电 十三届全国人大二次会议在人民大会堂举行开幕会。国家主席习近平出席在北京举行的亚洲文明对话大会。"
    assert set(labels(text)) == {"十三届全国人大二次会议", "亚洲文明对话大会"}
    assert "北京市亚洲文明对话大会" not in {a for m in meetings(text) for a in m.aliases}


def test_the_whole_level_stands_for_the_reports_place():
    text = "秦州区召开全区政法、综治暨禁毒工作会议。"
    (meeting,) = meetings(text, dt.date(2007, 4, 3))
    assert meeting.label == "秦州区政法、综治暨禁毒工作会议"


def test_a_chair_after_titles_and_a_venue():
    text = ("2024年9月13日，区长秦大海在区会议中心3号会议室主持召开区政府第27次常务会议，"
            "传达学习习近平总书记关于欠薪工作系列讲话精神。")
    (meeting,) = meetings(text)
    assert meeting.label == "区政府第27次常务会议"
    assert [m.text for m in meeting.chair] == ["秦大海"]
    assert meeting.speakers == ()  # 习近平's speech is studied, not given there


def test_a_speaker_is_the_subject_of_the_speech():
    text = ("全县政法工作会议在县影剧院召开。县委书记刘政出席会议，县长杨珺讲话。")
    (meeting,) = meetings(text)
    assert [m.text for m in meeting.speakers] == ["杨珺"]


def test_a_chair_may_speak_too():
    text = "10月26日，松滋市委常委会（扩大）会议召开。市委书记沈先武主持会议并强调，要深入学习。"
    (meeting,) = meetings(text)
    assert [m.text for m in meeting.chair] == ["沈先武"]
    assert [m.text for m in meeting.speakers] == ["沈先武"]


def test_one_who_convenes_a_meeting_chairs_it():
    text = "8月20日上午，县委常委、政府常务副县长冉德龙召开招商引资推进会。"
    (meeting,) = meetings(text)
    assert [m.text for m in meeting.chair] == ["冉德龙"]


def test_people_named_together_share_their_verb():
    text = ("醪桥镇讯 醪桥镇第六届人民代表大会第一次会议召开。"
            "镇长刘建凌、镇人大主席彭兵兵分别作了表态发言。")
    (meeting,) = meetings(text)
    assert [m.text for m in meeting.speakers] == ["刘建凌", "彭兵兵"]
