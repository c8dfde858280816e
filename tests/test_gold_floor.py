"""Floors under the gold scores: the seed at 1.000 in every section, however it reaches the
scorer (built from its gold file, or read back from a store `kg build` made), and the
development and held-out sets at their measured holdings and post-structure F1.

A change that raises a figure raises its floor here and the README's table with it; a change
that lowers one fails. A held-out failure shows the summary rows only, never the misses:
nobody tunes on held-out text (tests/gold/heldout/README.md).
"""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.eval.gold import Score, format_scores, score
from tests.conftest import ROOT, SEED_GOLD
from tests.goldfiles import corpus_dir

GOLD = ROOT / "tests" / "gold"

# `kg eval tests/gold/dev` and `kg eval tests/gold/heldout`, measured 2026-12-01 (fdcab27);
# held-out holdings raised 2026-12-02 (issue 12 point 4). Held-out post structure is one
# post lower (0.718 → 0.709, 51 → 50 of 91) since the name recogniser of issue 12 refuses a
# holder it was read with; its errors are not looked at, so the floor holds today's figure.
# Dev raised 2026-12-02 (issue 13, former divisions: 洪泽县委, 栾城县委, 崇礼县副县长 read);
# held-out post structure back at 0.718 (51 of 91) with the recall classes of 2026-12-02;
# held-out raised again (0.716 / 0.736, scored once, errors not read) by the international
# bodies and foreign chains of tests/test_holdings_recall.py, and with the name fixes of
# tests/test_names_words.py (0.732 / 0.753)
MEASURED = {
    "dev": {"holdings": 0.987, "post structure": 0.976},
    "heldout": {"holdings": 0.732, "post structure": 0.753},
}
# room for the three-decimal rounding and a pair or two on dev (159 holdings); on held-out
# (51 holdings) one lost pair is already a failure
TOLERANCE = 0.005


def f1_rows(table: str) -> dict[str, float]:
    """Row name → F1 of the table `kg eval` prints."""
    rows = {}
    for line in table.splitlines()[1:]:
        name, _precision, _recall, f1, _tp, _fp, _fn = line.rsplit(None, 6)
        rows[name] = float(f1)
    return rows


def below_floor(scores: dict[str, Score], measured: dict[str, float]) -> dict[str, float]:
    return {row: round(scores[row].f1, 3) for row, figure in measured.items()
            if scores[row].f1 < figure - TOLERANCE}


@pytest.mark.parametrize("gold_set", sorted(MEASURED))
def test_gold_set_scores_at_least_its_floor(gold_set):
    files = sorted((GOLD / gold_set).glob("*.yaml"))
    scores = score(None, files, data_dir=corpus_dir())
    low = below_floor(scores, MEASURED[gold_set])
    assert not low, (f"tests/gold/{gold_set} fell below its floor (measured {MEASURED[gold_set]},"
                     f" tolerance {TOLERANCE}): {low}\n"
                     + format_scores(scores, errors=gold_set != "heldout"))


def test_seed_gold_built_from_its_source_scores_one(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # the gold file names its source relative to the checkout
    assert main(["eval", str(SEED_GOLD.relative_to(ROOT))]) == 0
    table = capsys.readouterr().out
    rows = f1_rows(table)
    assert {"persons", "holdings", "post structure", "all"} <= set(rows)
    assert all(f1 == 1.0 for f1 in rows.values()), table


def test_seed_scored_from_a_store_scores_one(tmp_path, capsys):
    """A store gives language tags back lower-cased (zh-hans): the scorer once compared
    them case-sensitively and gave the seed 0.328 (kg.graph.ns.has_language)."""
    store = tmp_path / "store"
    assert main(["build", str(ROOT / "seeds"), "-o", str(store), "-q", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["eval", str(store), str(SEED_GOLD)]) == 0
    table = capsys.readouterr().out
    rows = f1_rows(table)
    assert {"persons", "holdings", "post structure", "all"} <= set(rows)
    assert all(f1 == 1.0 for f1 in rows.values()), table

