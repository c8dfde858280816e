"""The normaliser on the seed's traps, and its offset invariant on generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.normalize import gloss_spans, is_reading, normalize, split_sentences
from tests.conftest import SEED


def test_normalize_removes_gloss_that_is_a_reading():
    text, hant, _ = normalize("秦州區(qū)召開會議")
    assert text == "秦州区召开会议"
    assert hant == "秦州區召開會議"


def test_normalize_keeps_real_parentheses_around_a_glossed_character():
    # 縣(區(qū)): the outer parentheses are real, the inner one is a gloss
    text, _, _ = normalize("“無毒縣(區(qū))”工作")
    assert text == "“无毒县（区）”工作"


def test_normalize_keeps_latin_in_parentheses_that_is_no_reading():
    text, _, _ = normalize("區(ma)和世界貿易組織(wto)")
    assert text == "区（ma）和世界贸易组织（wto）"


def test_is_reading_accepts_toneless_and_other_readings():
    assert is_reading("區", "qū") and is_reading("區", "ou") and is_reading("行", "háng")
    assert not is_reading("區", "zhāng")


def test_normalize_folds_full_width_letters_and_digits():
    text, _, offsets = normalize("ＰＡＴＡ年会于１９９７年举行")
    assert text == "PATA年会于1997年举行"
    assert offsets.to_original(0, 4) == (0, 4)


def test_normalize_unifies_punctuation_but_not_numbers():
    text, _, _ = normalize('他說:"好",共1,000人;「平安」')
    assert text == "他说：“好”，共1,000人；“平安”"


def test_a_full_stop_joining_transliterations_is_the_foreign_name_dot():
    # 新闻联播 writes some foreign names with a full stop (荷兰王国首相马克.吕特将于…)
    assert normalize("首相马克.吕特将于")[0] == "首相马克·吕特将于"
    assert normalize("总统哈桑．鲁哈尼对我国")[0] == "总统哈桑·鲁哈尼对我国"
    # ... while a stop between words ends a clause, and between figures is a decimal point
    assert normalize("实现互联互通.按照试点")[0] == "实现互联互通.按照试点"
    assert normalize("增长1.5倍")[0] == "增长1.5倍"
    # ... and nor between a name and its repetition or a country and the next sentence
    assert normalize("会见了德国总理默克尔.默克尔表示")[0] == "会见了德国总理默克尔.默克尔表示"
    assert normalize("访问了马来西亚.印度尼西亚总统佐科")[0] == "访问了马来西亚.印度尼西亚总统佐科"


def test_normalize_crlf_maps_to_one_newline():
    raw = "第一句。\r\n第二句。"
    text, _, offsets = normalize(raw)
    assert text == "第一句。\n第二句。"
    assert raw[slice(*offsets.to_original(5, 9))] == "第二句。"


def test_normalize_seed_maps_every_sentence_back_to_the_original():
    raw = SEED.read_text(encoding="utf-8")
    text, hant, offsets = normalize(raw)
    assert hant is not None and "(qū)" not in text and "区" in text
    assert len(gloss_spans(raw)) == raw.count("(") - 1  # one real parenthesis: 縣(區(qū))
    for start, end in split_sentences(text):
        a, b = offsets.to_original(start, end)
        assert normalize(raw[a:b])[0] == text[start:end]
    a, b = offsets.to_original(text.index("秦州区召开"), text.index("秦州区召开") + 5)
    assert raw[a:b] == "秦州區(qū)召開"


def test_split_sentences_keeps_closing_quotes_and_drops_blank_lines():
    text = "他说：“好。”\n\n然后走了！"
    assert [text[s:e] for s, e in split_sentences(text)] == ["他说：“好。”", "然后走了！"]


# Characters whose traditional → simplified conversion does not depend on context
_HAN = list("區縣會議書記長張發國說鄉鎮領導務責設区县会议书记长张发国说乡镇领导务责设秦州天水")
_READINGS = {c: r for c, r in zip("區縣會議書記長張", ["qū", "xiàn", "huì", "yì", "shū", "jì", "zhǎng", "zhāng"])}
_PIECES = st.one_of(
    st.sampled_from(_HAN),
    st.sampled_from(sorted(_READINGS)).map(lambda c: f"{c}({_READINGS[c]})"),   # a gloss
    st.sampled_from(sorted(_READINGS)).map(lambda c: f"{c}（{_READINGS[c]}）"),
    st.sampled_from(["(abc)", "（民）", "ＡＢ", "１２", "，", "。", "、", " ", "\n", "·", "・"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join), st.data())
def test_normalize_every_span_maps_back_to_original_characters(raw, data):
    text, _, offsets = normalize(raw)
    assert len(offsets.starts) == len(text)
    assert list(offsets.starts) == sorted(offsets.starts)
    for i in range(len(text)):
        a, b = offsets.starts[i], offsets.ends[i]
        assert 0 <= a < b <= len(raw)
        assert text[i] in normalize(raw[a:b])[0]
        assert not raw[a:b].isascii() or not raw[a:b].isalpha() or text[i].isalpha()
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        a, b = offsets.to_original(start, end)
        assert normalize(raw[a:b])[0] == text[start:end]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(_READINGS)), min_size=1, max_size=20))
def test_normalize_removes_every_injected_gloss(chars):
    raw = "".join(f"{c}({_READINGS[c]})" for c in chars)
    text, _, offsets = normalize(raw)
    assert len(text) == len(chars)
    assert all(raw[offsets.starts[i]] == c for i, c in enumerate(chars))


@pytest.mark.parametrize("raw", ["", "   ", "\n\n"])
def test_normalize_blank_text_gives_no_sentences(raw):
    assert split_sentences(normalize(raw)[0]) == []
