"""Campaigns: quoted drives with or without a word after them, quotes side by side, and the
centre's campaigns however written (sentences from ../shared/data's xwlb and localnews)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kg.extract.pipeline import extract
from kg.errors import LexiconError
from kg.lang.datafiles import shipped_data
from kg.lang.lexicon import load_lexicon, read_lexicon
from kg.text.document import make_document


def keys(text: str) -> list[str]:
    doc = make_document(text, doc_id="t", path="t.txt", date=dt.date(2019, 6, 1))
    return [c.key for c in extract(doc).campaigns]


@pytest.mark.parametrize("text, expected", [
    ("委调研视察组来张开展“双千行动”调研视察。", ["双千行动"]),
    ("2019年，长沙紧紧围绕“产业项目建设年”“营商环境优化年”主题。",
     ["产业项目建设年", "营商环境优化年"]),
    ("深入推进“平安秦州”“无毒县区”创建活动。", ["平安秦州", "无毒县区"]),
])
def test_quoted_drives(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", [
    "要牢记“牢记初心使命，推进自我革命”的要求。",
    "坚持“三个代表”重要思想。",
    "要聚焦“双集中”，突出重点。",   # a quote with nothing that says it is a drive
])
def test_slogans_and_ideas_are_not_drives(text):
    assert keys(text) == []


def test_the_centres_campaigns_unquoted_and_by_any_of_their_names():
    text = "深入推进扫黑除恶专项斗争，扎实开展党史学习教育，打好三大攻坚战。"
    assert keys(text) == ["扫黑除恶", "党史学习教育", "三大攻坚战"]
    assert keys("开展“扫黑除恶”专项斗争。") == ["扫黑除恶"]  # one campaign, not two


def test_a_campaign_without_a_source_stops_the_load(tmp_path):
    # every row says which document or meeting launched the campaign
    shutil.copytree(Path(str(shipped_data())), tmp_path / "data")
    table = tmp_path / "data" / "campaigns.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "新长征\t\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="campaigns.tsv"):
        read_lexicon(tmp_path / "data")
    assert load_lexicon().campaigns["扫黑除恶专项斗争"] == "扫黑除恶"
