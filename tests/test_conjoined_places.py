"""和县 is a county of Anhui, and 和 + 县 is "and the county": in a county's report the second
(every 和县 of 新闻联播 2012–2019 and of ../shared/data/localnews is the conjunction)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.pipeline import extract
from kg.text.document import make_document


def extraction(text: str):
    return extract(make_document(text, doc_id="t", path="t.txt", date=dt.date(2014, 2, 28)))


@pytest.mark.parametrize("text", [
    "户县讯 会议听取了县总工会党组《关于评选户县劳动模范的请示》和县妇联《关于召开纪念大会的请示》。",
    "商水县讯 全县干部要把思想统一到中央、省委、市委和县委的决策部署上来。",
    "商水县讯 参加县政协八届一次会议和县第十六届人大第一次会议的委员。",
    "商水县讯 检查组分别到各乡镇和县产业集聚区看望一线干部。",
])
def test_a_conjunction_before_a_county_word_is_no_place(text):
    x = extraction(text)
    assert "和县" not in {p.name for p, _ in x.places}
    assert not any(o.place and o.place.name == "和县" for o, _ in x.organizations)


@pytest.mark.parametrize("text", [
    "和县讯 和县县委书记王伟主持会议。",
    "安徽省和县召开全县干部大会。",
])
def test_the_county_itself_is_still_read(text):
    assert "和县" in {p.name for p, _ in extraction(text).places}


def test_a_short_county_name_off_the_reports_province_is_no_place():
    # 琼海 and 海城 are both read as counties only because the report says 我市; 海城 (Liaoning)
    # lies in no province of the report's places (琼海市, 海南省): part of a site's name
    x = extraction("琼海融媒记者 2月23日，海南省政协副主席李国梁到我市调研。"
                   "调研组还深入海城时代广场调研。")
    assert {p.name for p, _ in x.places} == {"琼海市", "海南省"}
    assert x.inspections and all("海城市" not in {p.name for p in i.places} for i in x.inspections)


def test_a_short_county_name_is_kept_where_the_report_names_no_other_place():
    assert "宁陕县" in {p.name for p, _ in extraction(
        "宁陕融媒讯 2月3日下午，县委书记周锦政走访慰问敬老院老人，向全县干部群众问候。").places}


def test_the_reports_own_county_in_its_lead_stays_beside_a_place_of_another_province():
    x = extraction("宁陕融媒讯 2月3日下午，县委书记周锦政从北京返回后走访慰问敬老院老人，"
                   "向全县干部群众问候。")
    assert {"宁陕县", "北京市"} <= {p.name for p, _ in x.places}
    assert x.doc_place.name == "宁陕县"
