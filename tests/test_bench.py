"""bench/real.py: the real-news figures pick the items they say and skip
cleanly where the corpus is absent."""

from __future__ import annotations

import gzip
import json

from bench import real


def test_without_the_corpus_every_real_figure_is_skipped_and_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_DATA", str(tmp_path / "nothing-here"))
    results = {"real": real.build_figures({"real_items": 10, "real_runs": 1}, tmp_path),
               "corpus": real.corpus_figure(tmp_path)}
    assert all("nothing-here" in r["skipped"] for r in results.values())
    rows = real.rows(results)
    assert len(rows) == 2 and all("skipped: no " in row for row in rows)


def test_items_are_the_first_of_their_year_in_corpus_order(tmp_path):
    corpus = tmp_path / "xwlb.jsonl.gz"
    dates = ["2018-12-31", "2019-01-01", "2018-06-01", "2019-01-02", "2019-01-03"]
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps({"date": d, "text": f"item {i}"}) + "\n"
                     for i, d in enumerate(dates))
    items = real.write_items(corpus, tmp_path / "items.jsonl", count=2, year="2019")
    assert [json.loads(line)["text"] for line in items.read_text().splitlines()] == [
        "item 1", "item 3"]
    everything = real.write_items(corpus, tmp_path / "all.jsonl", count=None)
    assert len(everything.read_text().splitlines()) == len(dates)
