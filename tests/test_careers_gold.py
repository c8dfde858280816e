"""The careers gold (tests/gold/xwlb-bios, issue 13): biographies and notices with their
spans, scored as (person, post, start, end); the extractor stays at its measured floors.

A held-out failure prints the summary rows only, never the misses (tests/gold/xwlb-bios/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.eval.gold import format_scores, score
from tests.goldfiles import corpus_dir

GOLD = Path(__file__).resolve().parent / "gold" / "xwlb-bios"
LOCALNEWS = GOLD.parent / "localnews"
SETS = {"dev": sorted(GOLD.glob("*.yaml")), "heldout": sorted((GOLD / "heldout").glob("*.yaml")),
        # the local 任免 reports: the localnews gold files that annotate spans
        "localnews": sorted(p for p in LOCALNEWS.glob("*.yaml")
                            if "spans:" in p.read_text(encoding="utf-8"))}
# `kg eval tests/gold/xwlb-bios`, `…/heldout` and the localnews files with spans, measured
# 2026-12-02 (issue 13, second pass: roles and bodies of careers, party groups, the state's
# military commission, notices dated by the session's day, lists of names): spans
# (person, post, start, end) and span posts (person, post). localnews 0.723 → 0.667 with
# unresolved places (issue 12): four 孟村镇 notices now give their posts with the town
# unresolved (?镇长), counted as extras beside the misses they were already; 0.667 → 0.824
# with the towns of townships.tsv (孟村镇) and notices read in the report's town
MEASURED = {"dev": {"spans": 0.986, "span posts": 0.986},
            "heldout": {"spans": 0.787, "span posts": 0.818},
            "localnews": {"spans": 0.824, "span posts": 0.824}}
TOLERANCE = 0.005


@pytest.mark.parametrize("path", SETS["dev"] + SETS["heldout"],
                         ids=lambda p: p.name)
def test_spans_name_a_post_and_a_start_or_an_end(path: Path) -> None:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.name == f"xwlb-{gold['source']['line']:05d}.yaml"
    for person in gold["persons"]:
        for span in person["spans"]:
            assert span["post"] and ("start" in span or "end" in span), (person["name"], span)
            if "start" in span and "end" in span:
                assert str(span["start"]) <= str(span["end"]), (person["name"], span)


@pytest.mark.slow  # builds the fourteen items and eight local reports, over ten seconds
@pytest.mark.parametrize("name", sorted(SETS))
def test_spans_stay_at_their_floor(name: str) -> None:
    data = corpus_dir()
    if not (data / "xwlb").is_dir():
        pytest.skip(f"the shared corpora are not at {data} (set ZHKG_DATA)")
    scores = score(None, SETS[name], data_dir=data)
    low = {row: round(scores[row].f1, 3) for row, figure in MEASURED[name].items()
           if scores[row].f1 < figure - TOLERANCE}
    assert not low, f"{name} below its floor {MEASURED[name]}: {low}\n" + format_scores(
        scores, errors=name != "heldout")
