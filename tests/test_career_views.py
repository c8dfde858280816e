"""Careers out of a graph (issue 13): the researcher's table (`kg export --careers`, which
round-trips) and the timeline page (`kg timeline`; tests/test_browser_timeline.py opens it
in Chromium)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import UsageError
from kg.extract.pipeline import extract
from kg.graph.rdf import build_graph
from kg.text.document import make_document
from kg.views.careers import CAREER_COLUMNS, career_rows
from kg.views.export import export_graph, read_careers_csv
from kg.views.timeline import draw_timeline, timeline_bars
from test_careers import BIOGRAPHY

NEWS = [("王明同志出席会议。江苏省委书记王明主持会议。", dt.date(2014, 3, 1)),
        ("江苏省委书记王明会见客人。", dt.date(2015, 6, 9))]


def career_graph():
    docs = [make_document(BIOGRAPHY, doc_id="bio", path="bio.txt", date=dt.date(2013, 3, 14))]
    docs += [make_document(t, doc_id=f"n{i}", path=f"n{i}.txt", date=d)
             for i, (t, d) in enumerate(NEWS)]
    return build_graph([extract(d) for d in docs])


@pytest.fixture(scope="module")
def graph():
    return career_graph()


def test_a_row_per_post_held_with_its_span_or_report_date_and_source(graph):
    rows = career_rows(graph, "王明")
    assert len({r.person for r in rows}) == 1
    line = next(r for r in rows if r.post == "涟水县委副书记")
    assert (line.role, line.body, line.place, line.start, line.end) == (
        "副书记", "涟水县委", "涟水县", "1982", "1983")
    assert line.document == "bio.txt" and line.sentence == "1982-1983年 江苏省涟水县委副书记"
    reported = [r for r in rows if r.post == "江苏省委书记" and r.as_of and not r.start]
    assert {r.document for r in reported} >= {"n0.txt", "n1.txt"}
    assert career_rows(graph, "李四") == []


def test_the_careers_csv_round_trips(graph, tmp_path: Path):
    out = tmp_path / "careers.csv"
    assert main(["export", str(_ttl(graph, tmp_path)), "-o", str(out), "--careers"]) == 0
    with open(out, encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == CAREER_COLUMNS
    assert read_careers_csv(out) == career_rows(graph)


def test_a_cell_a_spreadsheet_would_run_is_escaped_and_read_back(graph, tmp_path: Path):
    from dataclasses import replace

    import kg.views.export as export
    rows = [replace(r, sentence="=HYPERLINK(1)") for r in career_rows(graph)]
    out = tmp_path / "careers.csv"
    export._write_csv(out, CAREER_COLUMNS, map(export.row_values, rows))
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8")
    assert read_careers_csv(out) == rows


def test_the_careers_table_is_csv_only_and_read_only_from_one(graph, tmp_path: Path):
    with pytest.raises(UsageError, match=".ttl"):
        export_graph(graph, tmp_path / "careers.ttl", careers=True)
    other = tmp_path / "other.csv"
    other.write_text("id,label\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a careers table"):
        read_careers_csv(other)


def test_a_timeline_has_a_bar_per_span_and_one_per_post_reported(graph):
    bars = timeline_bars(career_rows(graph, "王明"))
    [person] = bars
    spans = {(b.post, b.start, b.end) for b in bars[person] if b.kind == "span"}
    assert ("福州市委书记", "1988", "1993") in spans        # two lines, one holding, one bar
    assert ("江苏省委书记", "2013", "") in spans            # still held
    reported = [b for b in bars[person] if b.kind == "as-of"]
    assert [(b.post, b.start, b.end) for b in reported if b.post == "江苏省委书记"] == [
        ("江苏省委书记", "2013-03-14", "2015-06-09")]  # the 现任 line, then the last report


def test_the_timeline_page_holds_its_bars_and_loads_nothing(graph, tmp_path: Path):
    page = tmp_path / "wang.html"
    assert main(["timeline", str(_ttl(graph, tmp_path)), "王明", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="career-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    [person] = data["people"]
    assert len(person["bars"]) == len(timeline_bars(career_rows(graph, "王明"))[person["iri"]])
    assert all(b["to"] > b["from"] for b in person["bars"])
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    again = tmp_path / "again.html"
    draw_timeline(graph, "王明", again)
    assert again.read_bytes() == page.read_bytes()          # the same graph, the same page
    assert main(["timeline", str(_ttl(graph, tmp_path)), "李四", "-o", str(page)]) == 2


def _ttl(graph, folder: Path) -> Path:
    path = folder / "careers.ttl"
    if not path.exists():
        graph.serialize(path, format="turtle")
    return path
