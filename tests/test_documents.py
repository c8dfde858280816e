"""Official documents in 《》: with the bodies that issued them, or on their own when the
title says what kind of document it is (sentences from ../shared/data's xwlb and localnews)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.pipeline import extract
from kg.text.document import make_document


def titles(text: str) -> list[str]:
    doc = make_document(text, doc_id="t", path="t.txt", date=dt.date(2019, 6, 1))
    return [d.title for d in extract(doc).documents]


@pytest.mark.parametrize("text, title", [
    ("会议传达学习了新修订的《中国共产党纪律处分条例》。", "中国共产党纪律处分条例"),
    ("会议审议通过了《优化营商环境条例（草案）》。", "优化营商环境条例（草案）"),
    ("学习《四川省中长期青年发展规划（2017—2025年）》。", "四川省中长期青年发展规划（2017—2025年）"),
    ("会议学习了《政协章程》。", "政协章程"),
])
def test_a_title_that_says_its_kind_is_a_document_without_a_publisher(text, title):
    assert titles(text) == [title]


@pytest.mark.parametrize("text", [
    "《人民日报》今天发表评论员文章。",
    "中央电视台《新闻联播》播出了这条消息。",
    "他在《求是》杂志发表文章谈学习方法。",
    "书中介绍了《孙子兵法》。",
])
def test_papers_programmes_and_books_are_not_documents(text):
    assert titles(text) == []


def test_a_document_issued_by_bodies_keeps_them():
    doc = make_document("秦州区委、区政府印发了《关于进一步加强社会治安综合治理工作的意见》。",
                        doc_id="t", path="t.txt", date=dt.date(2007, 4, 3))
    (document,) = extract(doc).documents
    assert len(document.publishers) == 2
