"""Fuzzing the stages that read raw text: nothing crashes, offsets always hold.

Inputs mix fragments of real political news (the seed: traditional, glossed,
title chains) with arbitrary Unicode (astral characters, combining marks,
control characters, bidirectional marks), markup and very long runs. Sizes
come from the "fuzz" profile in conftest.py: over 10,000 inputs with CI=true.
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import InputError
from kg.text.html import html_to_text
from kg.model import Extraction
from kg.text.normalize import normalize, split_sentences
from kg.extract.pipeline import extract
from kg.text.document import make_document
from kg.text.segment import segment
from tests.conftest import SEED

FUZZ = settings.get_profile("fuzz")


def fuzz(share: float) -> settings:
    """The profile's size times `share`; the shares add up to 10.1."""
    return settings(FUZZ, max_examples=max(10, int(FUZZ.max_examples * share)),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


_SEED = SEED.read_text(encoding="utf-8")
# clauses of real reports, traditional and glossed as scraped, plus simplified title chains
FRAGMENTS = sorted({f for f in re.split(r"(?<=[，,。；;：:、\n])", _SEED) if f.strip()} | {
    "市委常委、区委书记张健同志", "区委常委、区政府副区长王小林", "会议由区委副书记宋建平主持。",
    "2007年4月3日，", "《关于命名平安乡镇的决定》", "“平安秦州”建设", "国务院总理李鹏", "(qū)", "（wù）",
})
ODD = ["\u200f", "\u202e", "\u200b", "\ufeff", "\u0301", "\u20dd", "\x00", "\x07", "\r\n", "\r",
       "\u2028", "\u3000", "\U0002a6a5", "\U0001f600", "&amp;", "<b>", "</p>", "\"", "'", "=cmd|"]


def mixed(longest_run: int, most: int) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        st.sampled_from(ODD),
        st.tuples(st.sampled_from(["区", "書記", "a", " ", "。", "\n", "（", "、", "\u0301"]),
                  st.integers(20, longest_run)).map(lambda t: t[0] * t[1]),
    ), min_size=1, max_size=most).map("".join)


texts = mixed(3000, 15)
# extraction is the slow stage (linear, about 0.2 ms a character here): shorter inputs
reports = mixed(400, 12)


def check_offsets(raw: str, text: str, starts, ends) -> None:
    assert len(starts) == len(ends) == len(text)
    for i in range(len(text)):
        assert 0 <= starts[i] < ends[i] <= len(raw)
        assert i == 0 or starts[i - 1] <= starts[i]


@fuzz(4)
@given(texts)
def test_fuzz_normalize_maps_every_character_into_the_raw_text(raw):
    text, hant, offsets = normalize(raw)
    check_offsets(raw, text, offsets.starts, offsets.ends)
    assert hant is None or len(hant) == len(text)
    for start, end in split_sentences(text):
        a, b = offsets.to_original(start, end)
        assert 0 <= a < b <= len(raw)


@fuzz(3)
@given(texts)
def test_fuzz_segment_tokens_tile_the_text(raw):
    text = normalize(raw)[0]
    spans = segment(text)
    bounds = [0] + [e for _, e in spans]
    assert [s for s, _ in spans] == bounds[:-1] and bounds[-1] == len(text)
    assert all(s < e for s, e in spans)


@fuzz(2.5)
@given(st.lists(st.one_of(reports, st.sampled_from(
    ["<p>", "</p>", "<br>", "<script>", "</script>", "<nav>", "</nav>", "<!--", "-->", "&",
     "&#x5F20;", "&#12290;", "&nbsp;", "&bogus;", "<p class='a\"b'>", "<", ">", "<![CDATA[x]]>"])),
    min_size=1, max_size=25).map("".join))
def test_fuzz_html_text_maps_into_the_page(page):
    text, offsets = html_to_text(page)
    check_offsets(page, text, offsets.starts, offsets.ends)
    for i, char in enumerate(text):
        source = page[offsets.starts[i]:offsets.ends[i]]
        # a character is its source, an entity's expansion, or white space/markup made a break
        assert char in source or char in html.unescape(source) or char in " \n"


def mentions(x: Extraction):
    for h in x.holdings:
        yield from (h.person, h.title)
    for _, m in (*x.organizations, *x.posts):
        yield m
    yield from (m for _, m in x.places if m is not None)
    for meeting in x.meetings:
        yield from (meeting.mention, *meeting.chair, *meeting.speakers)
    yield from (d.mention for d in x.documents)
    yield from (c.mention for c in x.campaigns)


@fuzz(0.5)
@given(reports)
def test_fuzz_extract_keeps_every_mention_inside_the_raw_text(raw):
    try:
        doc = make_document(raw, doc_id="fuzz", path="fuzz.txt")
    except InputError as exc:
        assert "no text left" in exc.reason
        return
    x = extract(doc)
    for m in mentions(x):
        assert doc.text[m.start:m.end] == m.text
        a, b = doc.original_span(m.start, m.end)
        assert 0 <= a < b <= len(raw)
    for s in x.sentences:
        a, b = doc.original_span(s.start, s.end)
        assert 0 <= a < b <= len(raw) and raw[a:b].strip()


@fuzz(0.1)
@given(reports)
def test_fuzz_graph_sentence_anchors_are_slices_of_the_source(raw):
    from kg.graph.ns import KG, NIF, RDF
    from kg.graph.rdf import build_graph
    try:
        doc = make_document(raw, doc_id="fuzz", path="fuzz.txt")
    except InputError:
        return
    graph = build_graph([extract(doc)])
    for sentence in graph.subjects(RDF.type, KG.Sentence):
        source = str(graph.value(graph.value(sentence, NIF.referenceContext), NIF.isString))
        begin, end = (int(graph.value(sentence, p)) for p in (NIF.beginIndex, NIF.endIndex))
        assert source == raw and str(graph.value(sentence, NIF.anchorOf)) == raw[begin:end]
