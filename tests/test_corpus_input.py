"""JSON Lines corpora as input: one document a line, named PATH#ID, offsets into the line's text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.batch import build
from kg.cli import main
from kg.graph.ns import DCTERMS, KG, NIF, RDF, SCHEMA, XSD
from kg.store.formats import read_graph
from kg.text.corpus import CorpusItem, iter_corpus
from tests.conftest import shared_data

ITEMS = [
    {"id": "a1", "date": "2019-03-02", "title": "秦州区召开会议", "url": "http://www.qinzhou.gov.cn/a1",
     "text": "3月2日，秦州区召开全区工作会议。会议由区委书记张健主持。"},
    {"date": "2019-03-03T08:00:00", "text": "秦州区区长王小林在全区工作会议上讲话。"},
    {"id": 7, "text": "天水市委常委、秦州区委书记张健强调，要抓好落实。", "extra": "ignored"},
]


def write_corpus(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)
    return path


def good_lines() -> list[str]:
    return [json.dumps(item, ensure_ascii=False) for item in ITEMS]


def test_corpus_lines_become_documents_named_path_and_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "news.jsonl", good_lines())
    assert main(["build", "news.jsonl", "-o", "g.ttl", "-q", "--workers", "1", "--validate"]) == 0
    g = read_graph(tmp_path / "g.ttl")
    sources = {str(g.value(s, DCTERMS.source)): s for s in g.subjects(RDF.type, KG.SourceDocument)}
    # the line's id, else its line number
    assert set(sources) == {"news.jsonl#a1", "news.jsonl#2", "news.jsonl#7"}
    first = sources["news.jsonl#a1"]
    assert g.value(first, NIF.isString) == Literal(ITEMS[0]["text"])
    assert g.value(first, SCHEMA.url) == Literal("http://www.qinzhou.gov.cn/a1", datatype=XSD.anyURI)
    assert g.value(first, DCTERMS.title) == Literal("秦州区召开会议")
    assert str(g.value(first, SCHEMA.datePublished)) == "2019-03-02"
    assert str(g.value(sources["news.jsonl#2"], SCHEMA.datePublished)) == "2019-03-03"
    # the people of the lines are found as in files
    labels = {str(o) for p in g.subjects(RDF.type, KG.Person) for o in g.objects(p, None)
              if isinstance(o, Literal) and o.language and o.language.lower() == "zh-hans"}
    assert {"张健", "王小林"} <= labels


def test_sentence_offsets_index_the_line_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "news.jsonl", good_lines())
    assert main(["build", "news.jsonl", "-o", "g.ttl", "-q", "--workers", "1"]) == 0
    g = read_graph(tmp_path / "g.ttl")
    sentences = list(g.subjects(RDF.type, KG.Sentence))
    assert sentences
    for sentence in sentences:
        text = str(g.value(g.value(sentence, NIF.referenceContext), NIF.isString))
        begin, end = int(g.value(sentence, NIF.beginIndex)), int(g.value(sentence, NIF.endIndex))
        assert text[begin:end] == str(g.value(sentence, NIF.anchorOf))


def test_gzip_and_plain_corpora_give_the_same_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "news.jsonl", good_lines())
    write_corpus(tmp_path / "news.jsonl.gz", good_lines())
    assert main(["build", "news.jsonl", "-o", "a.nt", "-q", "--workers", "1"]) == 0
    assert main(["build", "news.jsonl.gz", "-o", "b.nt", "-q", "--workers", "1"]) == 0
    a, b = (tmp_path / "a.nt").read_text(encoding="utf-8"), (tmp_path / "b.nt").read_text(encoding="utf-8")
    # the same documents, named after the corpus file each came from
    assert "news.jsonl#a1" in a
    assert b.replace("news.jsonl.gz#", "news.jsonl#") == a


def test_a_malformed_line_is_reported_with_its_number_and_the_rest_goes_on(tmp_path, monkeypatch,
                                                                             capsys):
    monkeypatch.chdir(tmp_path)
    lines = good_lines()
    lines[1:1] = ['{"text": 5}', "not json at all", '["a list"]', "",
                  '{"id": "a1", "text": "同一个编号"}', '{"text": "x", "date": "2019-13-40"}']
    write_corpus(tmp_path / "news.jsonl", lines)
    assert main(["build", "news.jsonl", "-o", "g.ttl", "-q", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "news.jsonl:2: no \"text\"" in err
    assert "news.jsonl:3:1: not JSON" in err
    assert "news.jsonl:4: expected an object" in err
    assert "news.jsonl:6: id 'a1' again (first on line 1)" in err
    assert "news.jsonl:7: \"date\" '2019-13-40' is not YYYY-MM-DD" in err
    g = read_graph(tmp_path / "g.ttl")
    # the good lines keep their line numbers as names, the blank line counts as a line
    assert {str(g.value(s, DCTERMS.source)) for s in g.subjects(RDF.type, KG.SourceDocument)} == {
        "news.jsonl#a1", "news.jsonl#8", "news.jsonl#7"}


def test_a_cut_off_gzip_keeps_what_was_read_and_names_the_corpus(tmp_path):
    lines = [json.dumps({"text": f"第{i}条：区委书记张健主持会议。"}, ensure_ascii=False) for i in range(9000)]
    full = gzip.compress("".join(line + "\n" for line in lines).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(full[: len(full) // 2])
    read = list(iter_corpus(path))
    assert isinstance(read[-1], Exception) and "cut.jsonl.gz" in str(read[-1])
    assert all(isinstance(item, CorpusItem) for item in read[:-1]) and read[:-1]


def test_not_a_gzip_file_is_one_error(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_text('{"text": "x"}\n', encoding="utf-8")
    (error,) = list(iter_corpus(path))
    assert "fake.jsonl.gz" in str(error) and "cannot read the corpus" in str(error)


def test_corpora_inside_a_folder_are_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    write_corpus(tmp_path / "in" / "news.jsonl.gz", good_lines())
    (tmp_path / "in" / "one.txt").write_text("区委书记张健主持会议。\n", encoding="utf-8")
    assert main(["build", "in", "-o", "g.ttl", "-q", "--workers", "1"]) == 0
    g = read_graph(tmp_path / "g.ttl")
    assert len(set(g.subjects(RDF.type, KG.SourceDocument))) == 4


def test_one_worker_and_two_give_the_same_turtle_for_a_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(build, "SMALL_BUILD", 2)  # so that two workers do start
    write_corpus(tmp_path / "news.jsonl", good_lines() * 1 + [
        json.dumps({"id": f"n{i}", "text": f"区委常委、副区长李{i}明出席会议。"}, ensure_ascii=False)
        for i in range(12)])
    assert main(["build", "news.jsonl", "-o", "one.ttl", "-q", "--workers", "1"]) == 0
    assert main(["build", "news.jsonl", "-o", "two.ttl", "-q", "--workers", "2"]) == 0
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1,
                        max_size=30), min_size=1, max_size=5))
def test_any_text_in_a_line_reads_back_exactly(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("c") / "any.jsonl"
    write_corpus(path, [json.dumps({"text": t}) for t in texts])
    read = list(iter_corpus(path))
    for text, item in zip([t for t in texts if t.strip()], [r for r in read if isinstance(r, CorpusItem)]):
        assert item.text == text


XWLB = shared_data() / "xwlb" / "xwlb-2012-2019.jsonl.gz"


@pytest.mark.skipif(not XWLB.is_file(), reason="../shared/data/xwlb is not here")
def test_the_first_items_of_the_real_corpus_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with gzip.open(XWLB, "rt", encoding="utf-8") as lines:
        head = [next(lines) for _ in range(60)]
    (tmp_path / "xwlb.jsonl").write_text("".join(head), encoding="utf-8")
    assert main(["build", "xwlb.jsonl", "-o", "g.ttl", "-q", "--workers", "1"]) == 0
    g = read_graph(tmp_path / "g.ttl")
    sources = set(g.subjects(RDF.type, KG.SourceDocument))
    assert len(sources) == 60
    first = json.loads(head[0])
    named = next(s for s in sources if str(g.value(s, DCTERMS.source)) == "xwlb.jsonl#1")
    assert g.value(named, SCHEMA.url) == Literal(first["url"], datatype=XSD.anyURI)
    assert str(g.value(named, SCHEMA.datePublished)) == first["date"]
