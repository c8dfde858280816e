"""The gold of the 新闻联播 corpus and the local reports: each file points at the text it was
annotated on, holds together, and the extractor stays at least at its measured scores.

A held-out failure prints the summary rows only, never the misses: nobody tunes on held-out
text (the READMEs of tests/gold/xwlb-heldout and xwlb-events-heldout, xwlb-events2-heldout,
xwlb-events3-heldout and xwlb-messages-heldout).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from kg.eval.corpora import read_corpus_file, read_corpus_line
from kg.eval.gold import format_scores, score
from tests.goldfiles import corpus_dir

GOLD = Path(__file__).resolve().parent / "gold"
SETS = ("xwlb-dev", "xwlb-heldout", "xwlb-events-dev", "xwlb-events-heldout", "xwlb-events2-dev",
        "xwlb-events2-heldout", "xwlb-events3-dev", "xwlb-events3-heldout", "xwlb-messages-dev", "xwlb-messages-heldout",
        "localnews")
FILES = [path for name in SETS for path in sorted((GOLD / name).glob("*.yaml"))]

# `kg eval tests/gold/SET`, measured 2026-12-01 on the code of issue 11 (before any tuning
# on these sets) — xwlb-dev 0.620/0.706, xwlb-heldout 0.679/0.717, xwlb-events-dev
# 0.774/0.824, xwlb-events-heldout 0.737/0.798, localnews 0.560/0.610 — and raised to the
# figures of 2026-12-02 (scripts/gold_figures.sh): one name recogniser, today's bodies and
# unresolved places (issue 12), the events readers (issue 14); localnews post structure
# 0.795 → 0.799 and xwlb-heldout 0.800 → 0.821 (summary lines only) with the former
# divisions and the towns of townships.tsv (issue 13)
# holdings and post structure raised again 2026-12-02 by the recall classes of
# tests/test_holdings_recall.py, by the name fixes of issue 12, point 2, and by the leaders'
# short titles (leaders.tsv), former and autonomous counties' names (户县, 张家川县) and
# brigades (大队教导员); and once more by international bodies and other countries' parties,
# envoys with their missions, foreign chains, joined portfolios, the copula, democratic parties'
# committees and abbreviated banners (tests/test_holdings_recall.py, issue 12 of 2026-12-02),
# and by the name fixes of tests/test_names_words.py (辛格 after 特立尼达和多巴哥, 卡贾维维, no
# name glued to 通电话); and by spokespersons (发言人), Iran's 最高领袖 and transliterated names
# after an international body's title (tests/test_holdings_recall.py, holdings3 of 2026-12-02)
MEASURED = {
    # talks 0.870 → 1.000 and messages 0.000 → 1.000 on xwlb-dev, held-out talks 0.400 → 0.667,
    # and localnews inspections 0.246 → 0.345 with the events fixes of issue 14's second round
    # (tests/test_events_messages.py, tests/test_events_inspections.py)
    # holdings raised with names that open with no surname (次仁; tests/test_names.py)
    "xwlb-dev": {"holdings": 0.976, "post structure": 0.974,
                 "talks": 1.000, "messages": 1.000, "inspections": 0.750},
    "xwlb-heldout": {"holdings": 0.900, "post structure": 0.883, "talks": 0.667},
    # the event rows (issue 14: talks as participant pairs, messages as sender → recipient,
    # inspections as person → place)
    "xwlb-events-dev": {"holdings": 0.938, "post structure": 0.934,
                        "talks": 0.976, "messages": 1.000, "inspections": 0.972},
    # held-out talks 0.947 → 0.973 with the names7 round, messages 0.000 → 1.000 with the
    # meetings a message is sent to read by the word that refers to them (summary lines only)
    "xwlb-events-heldout": {"holdings": 0.895, "post structure": 0.896,
                            "talks": 0.973, "messages": 1.000, "inspections": 1.000},
    # drawn from items naming a message or an inspection word (their READMEs), measured
    # 2026-12-02 before any tuning on them: dev talks 0.800, messages 0.444, inspections 0.270;
    # held-out talks 1.000, messages 0.667, inspections 0.150 (after the events fixes of that
    # day: messages 0.615, two more false; inspections 0.233; holdings 0.908 with the holdings
    # and name fixes, 0.919 with the names6 round of 2026-12-03 — summary lines only); dev messages 0.700 → 0.762 with a group that
    # receives one as its recipient (tests/test_events_messages.py, issue 14's third round),
    # → 0.818 with a message thanked for going to the one who thanks; inspections: dev
    # 0.647 → 0.919, held-out 0.233 → 0.286 (and xwlb-events-dev 0.958 → 0.959, localnews
    # 0.339 → 0.419) with sites pointed at (该市…), named by a level's word (旗医院), listed
    # before 等企业, gone to (到…调研) and ending before 进行, 开展, 实地
    # (tests/test_inspection_sites.py, branch insp2); second session of 2026-12-03, read on
    # the corpus's inspection and message items: dev messages 0.818 → 0.870 (a group greeted
    # in the next clause), held-out inspections 0.286 → 0.326 (bodies visited as stops); third
    # session of 2026-12-03: dev messages 0.870 → 0.960 (a school written by its members alone),
    # held-out inspections 0.326 → 0.372 (halls and parks are sites; 和 after one joins two),
    # localnews inspections 0.419 → 0.476 and holdings 0.954 → 0.956 (海城 off the report's
    # province is no place; 毛振忠、伊改莲|一同调研)
    "xwlb-events2-dev": {"holdings": 0.867, "post structure": 0.851,
                         "talks": 1.000, "messages": 0.960, "inspections": 0.919},
    "xwlb-events2-heldout": {"holdings": 0.919, "post structure": 0.915,
                             "talks": 1.000, "messages": 0.615, "inspections": 0.372},
    # drawn from items where a visit marker and an inspection word share a clause (their
    # READMEs), measured 2026-12-04 at 1bf9011 before any tuning on them: dev inspections 0.571
    # (18/12/15), held-out 0.583 (summary lines only); dev 0.571 → 0.787 with an inspection told
    # in a phrase before its inspector, one recalled after its word (考察时曾指出), lists of kinds
    # (深入工厂企业、科技园区), banks and mines as sites, a city's county-level twin no place and
    # stops taken by the visit told first (tests/test_inspection_readings.py); held out 0.583
    "xwlb-events3-dev": {"holdings": 0.938, "post structure": 0.923,
                         "talks": 1.000, "inspections": 0.787},
    "xwlb-events3-heldout": {"holdings": 1.000, "post structure": 1.000, "inspections": 0.583},
    # drawn from items naming a message word (their READMEs), measured 2026-12-04 at 9977ad7
    # before any tuning on them: dev messages 0.714 (15/1/11), held-out 0.375 (6/0/20; summary
    # lines only); dev 0.714 → 0.962 with a message's word vouching for the name after it
    # (致电洪秀柱，祝贺她…), an occasion after 互致 (互致新年贺信), no partner marker before anyone
    # is named (同日，…), and leaders quoted from their messages (…在贺电中表示) sending them to
    # the one the report congratulates (tests/test_events_messages.py); → 0.981 (holdings 0.744 →
    # 0.760) with 复电, a reply by telegram, a message's word no name runs into; held out 0.375
    "xwlb-messages-dev": {"holdings": 0.760, "post structure": 0.760, "talks": 1.000,
                          "messages": 0.981},
    "xwlb-messages-heldout": {"holdings": 0.880, "post structure": 0.880, "messages": 0.375},
    # meetings: 0.294 before they were read before their verb, with their sessions, and with
    # chairs and speakers who are their clause's subject, dated by the day their sentence
    # names (13日, 昨日) and a saved page by its address (tests/test_meetings.py); documents:
    # 0.161 before a title that says its kind (条例, 通知) needed no publisher; campaigns: 0.214
    # before quotes side by side, names ending in 行动/建设年 and the centre's campaigns
    # holdings 0.766 and post structure 0.795 before 和县 stopped being read over 和+县委
    # (tests/test_conjoined_places.py)
    "localnews": {"holdings": 0.956, "post structure": 0.962, "inspections": 0.476,
                  "meetings": 0.708, "documents": 0.659, "campaigns": 0.571},
}
TOLERANCE = 0.005


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="module")
def data() -> Path:
    folder = corpus_dir()
    if not (folder / "xwlb").is_dir():
        pytest.skip(f"the shared corpora are not at {folder} (set ZHKG_DATA)")
    return folder


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_gold_file_holds_together(path: Path) -> None:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = gold["source"]
    if "line" in source:
        assert path.name == f"xwlb-{source['line']:05d}.yaml"
    else:
        assert path.name == Path(source["file"]).with_suffix(".yaml").name
    posts = {p["label"]: p for p in gold.get("posts") or []}
    orgs = {o["label"] for o in gold.get("organizations") or []}
    persons = {p["name"] for p in gold.get("persons") or []}
    for person in gold.get("persons") or []:
        for label in (person.get("posts") or []) + (person.get("former_posts") or []):
            assert label in posts, f"post {label} is not defined"
    # (a label need not end in its role here: X常驻联合国代表 is the role 常驻代表)
    for post in posts.values():
        assert post["org"] in orgs, f"organisation {post['org']} is not listed"
    for talk in gold.get("talks") or []:
        assert set(talk["participants"]) | set(talk.get("present") or []) <= persons
    # an optional message may come from a group named as the text names it, which is neither
    # (tests/gold/xwlb-events2-dev/README.md: 莫斯科大学留学生)
    for message in gold.get("messages") or []:
        assert message["sender"] in persons | orgs or message.get("optional")
    for inspection in gold.get("inspections") or []:
        assert set(inspection["people"]) <= persons


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_gold_file_points_at_its_text(path: Path, data: Path) -> None:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = gold["source"]
    if "line" in source:
        item = read_corpus_line(data, source["corpus"], source["line"])
        text, raw = item.text, item.text.encode("utf-8")
        assert str(item.date) == str(gold["date"])
    else:
        file = read_corpus_file(data, source["corpus"], source["file"])
        raw = file.read_bytes()
        text = raw.decode("utf-8")
    assert hashlib.sha1(raw).hexdigest() == source["sha1"], "the text changed (sha1)"
    for person in gold.get("persons") or []:
        assert person["name"] in text, f"{person['name']} is not in the text"


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", SETS)
def test_corpus_gold_set_scores_at_least_its_floor(gold_set: str, data: Path) -> None:
    scores = score(None, sorted((GOLD / gold_set).glob("*.yaml")), data_dir=data)
    low = {row: round(scores[row].f1, 3) for row, figure in MEASURED[gold_set].items()
           if scores[row].f1 < figure - TOLERANCE}
    assert not low, (f"tests/gold/{gold_set} fell below its floor (measured "
                     f"{MEASURED[gold_set]}, tolerance {TOLERANCE}): {low}\n"
                     + format_scores(scores, errors=not gold_set.endswith("heldout")))
