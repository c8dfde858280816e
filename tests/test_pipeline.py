"""Extraction on the seed and on short snippets modelled on real reports."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import MISSING, fields, replace

import pytest

from kg.extract.pipeline import STAGES, annotate, extract
from kg.lang.language import default_language
from kg.model import AnnotatedDocument
from kg.text.document import LEAD_CHARS, make_document


def holdings(text: str, **kw) -> set[tuple[str, str]]:
    x = extract(make_document(text, doc_id="t", path="t.txt", **kw))
    return {(h.person.text, h.post.label) for h in x.holdings}


def test_extract_seed_title_chains(seed_extraction):
    got = {(h.person.text, h.post.label) for h in seed_extraction.holdings}
    assert got == {
        ("宋建平", "秦州区委副书记"),
        ("牟建林", "秦州区委常委"), ("牟建林", "秦州区纪委书记"),
        ("王小林", "秦州区委常委"), ("王小林", "秦州区副区长"),
        ("张健", "天水市委常委"), ("张健", "秦州区委书记"),
    }


def test_extract_seed_place_date_and_meeting(seed_extraction):
    x = seed_extraction
    assert x.doc_place.name == "秦州区" and x.doc.date == dt.date(2007, 4, 3)
    (meeting,) = x.meetings
    assert meeting.label == "秦州区政法、综治暨禁毒工作会议"
    assert [m.text for m in meeting.chair] == ["宋建平"]
    assert [m.text for m in meeting.speakers] == ["牟建林", "王小林", "张健"]
    assert set(meeting.campaigns) == {"严打", "平安秦州", "无毒县区", "转变作风抓落实年"}


def test_extract_seed_documents_have_two_publishers(seed_extraction):
    docs = {d.title: ([o.label for o in d.publishers], d.read_at)
            for d in seed_extraction.documents}
    assert docs["关于命名2006年度秦州区平安乡镇、街道的决定"] == (
        ["秦州区委", "秦州区政府"], "秦州区政法、综治暨禁毒工作会议")
    assert docs["关于在全区开展“转变作风抓落实年”活动的意见"] == (["秦州区委", "秦州区政府"], None)


def test_extract_seed_campaigns_not_ideologies(seed_extraction):
    keys = {c.key for c in seed_extraction.campaigns}
    assert keys == {"严打", "平安秦州", "无毒县区", "转变作风抓落实年"}
    launched = {c.key: {o.label for o in c.launched_by} for c in seed_extraction.campaigns
                if c.launched_by}
    assert launched == {"转变作风抓落实年": {"秦州区委", "秦州区政府"}}


def test_extract_mentions_slice_the_text(seed_extraction):
    x = seed_extraction
    for h in x.holdings:
        assert x.doc.text[h.person.start:h.person.end] == h.person.text
        a, b = x.doc.original_span(h.person.start, h.person.end)
        assert x.doc.raw_text[a:b] == x.doc.hant_text[h.person.start:h.person.end]


def test_extract_city_abbreviation_resolves_to_the_containing_city():
    got = holdings("4月3日，秦州区召开会议。市委常委、区委书记张健同志讲话。")
    assert got == {("张健", "天水市委常委"), ("张健", "秦州区委书记")}


def test_extract_explicit_place_beats_document_place():
    got = holdings("甘肃省委副书记、省长徐守盛在兰州市主持召开会议。")
    assert ("徐守盛", "甘肃省委副书记") in got and ("徐守盛", "甘肃省省长") in got


def test_extract_shared_title_for_coordinated_names():
    got = holdings("中央军委副主席张震、张万年出席会议。")
    assert got == {("张震", "中央军委副主席"), ("张万年", "中央军委副主席")}


def test_extract_two_and_three_character_names():
    assert holdings("国务院总理李鹏在会上讲话。") == {("李鹏", "国务院总理")}
    assert holdings("国务院副总理钱其琛会见了代表团。") == {("钱其琛", "国务院副总理")}


def test_extract_date_from_text_when_no_metadata():
    doc = make_document("2008年5月12日，汶川县召开会议。", doc_id="t", path="t.txt")
    assert doc.date == dt.date(2008, 5, 12)


def test_a_date_without_year_takes_the_latest_year_the_report_names():
    doc = make_document("4月3日下午，秦州区召开会议。会议回顾2006年的工作，部署2007年的任务。",
                        doc_id="t", path="t.txt")
    assert doc.date == dt.date(2007, 4, 3)


def test_a_date_past_the_lead_is_not_the_reports():
    lead = "秦州区召开会议。" + "会议强调要抓好落实。" * (LEAD_CHARS // 10)
    assert make_document(lead + "2008年5月12日发生地震。", doc_id="t", path="t.txt").date is None


def test_a_meeting_is_dated_by_the_day_its_sentence_names_on_or_before_the_report():
    text = ("昨日，秦州区召开全区政法工作会议。5月9日，秦州区召开全区禁毒工作会议。"
            "2月30日，秦州区召开全区综治工作会议。")
    x = extract(make_document(text, doc_id="t", path="t.txt", date=dt.date(2007, 4, 3)))
    # 5月9日 of a report of 4月3日 was last year's; no 2月30日: the lead's day
    assert [m.date for m in x.meetings] == [dt.date(2007, 4, 2), dt.date(2006, 5, 9),
                                            dt.date(2007, 4, 2)]


def test_a_saved_pages_address_dates_it_when_its_lead_gives_no_year():
    # the lead's 3月13日 is the meeting's; the report names 2011年度 and was published
    # 2012-03-23 (its address)
    text = ("http://www.zkrb.com/html/2012-03/23/content_1.htm\n"
            "本报讯 3月13日，全县政法暨平安建设工作会议召开，作2011年度工作报告。")
    doc = make_document(text, doc_id="t", path="t.txt")
    assert doc.date == dt.date(2012, 3, 23)
    assert [m.date for m in extract(doc).meetings] == [dt.date(2012, 3, 13)]


@pytest.mark.parametrize("text", ["会议由区委副书记主持。", "区委书记强调了四点意见。"])
def test_extract_title_without_name_gives_no_holding(text):
    assert holdings(text) == set()


LAYERS = {f.name: f for f in fields(AnnotatedDocument)}


def stage_header(stage) -> tuple[set[str], set[str]]:
    """The layers a stage's docstring says it reads and adds ("Reads: … Adds: …")."""
    text = " ".join((stage.__doc__ or "").split())
    m = re.search(r"Reads: ([^.]*)\. Adds: ([^.]*)\.", text)
    assert m, f"{stage.__name__}: no 'Reads: …. Adds: ….' line in its docstring"
    return tuple({name.strip() for name in re.sub(r"\([^)]*\)", "", group).split(",")}
                 for group in m.groups())


def test_stages_have_unique_names_and_headers_naming_layers():
    names = [name for name, _ in STAGES]
    assert len(set(names)) == len(names)
    for _, stage in STAGES:
        reads, adds = stage_header(stage)
        assert reads | adds <= set(LAYERS), stage.__name__


# organisers, a place of its own, a post nobody named holds, events, a biography: what the
# seed lacks
STAGE_SNIPPET = ("4月3日，秦州区委召开全区干部大会，区委书记张健主持会议并讲话。"
                 "甘肃省兰州市召开工作会议，原区委书记出席。"
                 "国家主席习近平同俄罗斯总统普京举行会谈。国家主席习近平致电祝贺俄罗斯总统普京。"
                 "国家主席习近平在江苏南京考察。"
                 "\n王明，男，汉族，1950年生。\n1998-2002年 甘肃省兰州市副市长")


@pytest.mark.parametrize("index", range(len(STAGES)), ids=[name for name, _ in STAGES])
def test_a_stage_reads_and_adds_the_layers_its_header_names(index, seed_extraction):
    lang = default_language()
    stage = STAGES[index][1]
    reads, adds = stage_header(stage)
    changed = set()
    for doc in (seed_extraction.doc, make_document(STAGE_SNIPPET, doc_id="t", path="t.txt")):
        before = annotate(doc)
        for _, earlier in STAGES[:index]:
            before = earlier(before, lang)
        after = stage(before, lang)
        changed |= {name for name in LAYERS if getattr(after, name) != getattr(before, name)}
        # with every layer it does not say it reads left empty, it adds the same
        unread = {name: field.default for name, field in LAYERS.items()
                  if name not in reads and field.default is not MISSING}
        alone = stage(replace(before, **unread), lang)
        assert all(getattr(alone, name) == getattr(after, name) for name in adds)
    assert changed == adds


def test_extract_runs_the_stages_it_is_given(seed_extraction):
    without = tuple((name, stage) for name, stage in STAGES if name != "campaigns")
    x = extract(seed_extraction.doc, stages=without)
    assert seed_extraction.campaigns and not x.campaigns
    assert not any(m.campaigns for m in x.meetings)
    assert x.holdings == seed_extraction.holdings
