"""`kg events NAME`: a leader's talks, messages and inspections in date order (issue 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from kg.cli import main

REPORTS = (
    ("2019-06-05", "国家主席习近平同俄罗斯总统普京举行会谈。"),
    ("2018-03-02", "国家主席习近平向大会致贺信。"),
    ("2018-04-12", "国家主席习近平在江苏南京考察。"),
    ("2018-11-20", "俄罗斯总统普京致电国家主席习近平。"),
)


def _graph(tmp_path):
    from kg.extract.pipeline import extract
    from kg.graph.rdf import build_graph
    from kg.store.formats import write_graph
    from kg.text.document import make_document
    out = tmp_path / "events.ttl"
    write_graph(build_graph([
        extract(make_document(text, doc_id=f"r{i}", path=f"r{i}.txt",
                              date=dt.date.fromisoformat(day)))
        for i, (day, text) in enumerate(REPORTS)]), out)
    return out


def test_a_leaders_events_are_listed_in_date_order_with_whom_where_and_the_sentence(
        tmp_path, capsys):
    graph = _graph(tmp_path)
    assert main(["events", str(graph), "习近平", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["date"], r["did"], r["kind"], r["with_whom"]) for r in rows] == [
        ("2018-03-02", "sent to", "贺信", "大会"),
        ("2018-04-12", "inspected", "考察", "南京市"),
        ("2018-11-20", "received from", "致电", "普京"),
        ("2019-06-05", "met", "会谈", "普京")]
    assert rows[-1]["sentence"] == "国家主席习近平同俄罗斯总统普京举行会谈。"
    assert rows[-1]["document"] == "r0.txt"
    assert main(["events", str(graph), "习近平", "extra"]) == 2
