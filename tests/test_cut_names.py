"""Names cut short in one report that the corpus names whole (kg/graph/cut_names.py): the
class of not-names the whole-corpus audits leave most (陈宝 of 陈宝生, 萨尔基 of 萨尔基相)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph

from kg.cli import main
from kg.graph.cut_names import completion
from kg.graph.ns import KG, PROV, RDF, RDFS

SWORN = "领誓人、新任命的教育部部长陈宝生手抚宪法，宣读誓词。"  # the tagger reads 陈宝|生手


def _people(folder, tmp_path, *, workers: int = 1) -> dict[str, int]:
    """Each person's label → the sentences naming the person, in the build of `folder`."""
    out = tmp_path / f"g{workers}.ttl"
    assert main(["build", str(folder), "-o", str(out), "-q", "--workers", str(workers)]) == 0
    g = Graph().parse(out)
    return {str(label): len(set(g.objects(p, PROV.wasDerivedFrom)))
            for p in g.subjects(RDF.type, KG.Person) for label in g.objects(p, RDFS.label)
            if (label.language or "").lower() == "zh-hans"}


def _write(folder, texts: list[str]):
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_name_cut_short_joins_the_name_the_corpus_gives_whole(tmp_path, workers):
    folder = _write(tmp_path / "c", [f"教育部部长陈宝生出席第{i}次会议并讲话。" for i in range(3)]
                    + [SWORN])
    people = _people(folder, tmp_path, workers=workers)
    assert "陈宝" not in people and people["陈宝生"] == 4


def test_alone_the_report_keeps_what_it_reads(tmp_path):
    # the same report, with no other naming the longer name: nothing to complete it by
    assert "陈宝" in _people(_write(tmp_path / "c", [SWORN]), tmp_path)


def test_a_name_the_corpus_names_less_often_is_no_completion():
    counts = Counter({"杨伟": 5, "杨伟民": 7, "陈宝": 1, "陈宝生": 11, "谷垣祯一": 3, "谷垣祯": 3,
                      "谷垣": 1})
    assert completion("陈宝", ["生手"], counts) == "陈宝生"
    assert completion("谷垣", ["祯一"], counts) == "谷垣祯一"  # the longest first
    assert completion("杨伟", ["民主"], counts) is None  # 7 < 2 × 5: 杨伟 is someone too
    assert completion("陈宝", ["生手", "说，"], counts) is None  # one mention does not run on
    assert completion("陈宝", [], counts) is None


def test_the_order_reports_are_added_in_does_not_matter(tmp_path):
    # the cut report first, the three naming the longer name added after (--add reads the
    # graph's people back, with what follows each mention in its sentence), and the reverse
    cut = _write(tmp_path / "cut", [SWORN])
    whole = _write(tmp_path / "whole", [f"教育部部长陈宝生出席第{i}次会议并讲话。" for i in range(3)])
    for first, then, out in ((cut, whole, "a.ttl"), (whole, cut, "b.ttl")):
        assert main(["build", str(first), "-o", str(tmp_path / out), "-q"]) == 0
        assert main(["build", str(then), "-o", str(tmp_path / out), "-q", "--add"]) == 0
    for out in ("a.ttl", "b.ttl"):
        g = Graph().parse(tmp_path / out)
        labels = sorted(str(o) for p in g.subjects(RDF.type, KG.Person)
                        for o in g.objects(p, RDFS.label) if (o.language or "").lower() == "zh-hans")
        assert labels == ["陈宝生"], out


def test_in_process_and_where_the_report_names_the_longer_name_too():
    # GraphBuilder.add (the builder's own facts, not a worker's parts), and a report that
    # names 陈宝生 whole in one sentence and cut in another: one node, both sentences
    import datetime as dt
    from kg.extract.pipeline import extract
    from kg.graph.rdf import build_graph
    from kg.text.document import make_document
    docs = [make_document(f"教育部部长陈宝生出席第{i}次会议并讲话。", doc_id=f"d{i}", path=f"d{i}.txt",
                          date=dt.date(2016, 7, 1)) for i in range(3)]
    docs.append(make_document("教育部部长陈宝生出席会议。" + SWORN, doc_id="e", path="e.txt",
                              date=dt.date(2016, 7, 1)))
    g = build_graph([extract(d) for d in docs])
    people = {str(o): len(set(g.objects(p, PROV.wasDerivedFrom)))
              for p in g.subjects(RDF.type, KG.Person) for o in g.objects(p, RDFS.label)
              if (o.language or "").lower() == "zh-hans"}
    assert people == {"陈宝生": 5}
