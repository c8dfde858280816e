"""kg eval: the seed scores 1.0 in every section, and the scorer notices errors."""

from __future__ import annotations

import pytest
from rdflib import Literal

from kg.eval.gold import SECTIONS, format_scores, load_gold, score, score_document
from kg.graph.ns import KG, RDFS
from tests.conftest import SEED_GOLD


def test_eval_seed_scores_one_in_every_section(seed_graph):
    scores = score(seed_graph, [SEED_GOLD])
    assert set(scores) == set(SECTIONS) | {"holdings", "post structure"}
    for section, sc in scores.items():
        assert (sc.f1, sc.fp, sc.fn) == (1.0, 0, 0), (section, sc.misses, sc.extras)


def test_eval_counts_a_missing_speaker_and_a_wrong_label(seed_graph):
    g = seed_graph.__class__()
    for triple in seed_graph:
        g.add(triple)
    speaker = next(g.subject_objects(KG.speaker))
    g.remove((speaker[0], KG.speaker, speaker[1]))
    doc = next(g.subjects(RDFS.label, Literal("关于命名2006年度秦州区平安乡镇、街道的决定", lang="zh-Hans")))
    g.remove((doc, RDFS.label, None))
    g.add((doc, RDFS.label, Literal("关于命名的决定", lang="zh-Hans")))
    scores = score_document(g, load_gold(SEED_GOLD), str(SEED_GOLD))
    assert scores["meetings"].fn == 1 and scores["meetings"].f1 < 1
    assert scores["documents"].fn >= 1 and scores["documents"].fp >= 1
    assert scores["persons"].f1 == 1.0


def test_eval_optional_entries_are_neither_required_nor_penalised(seed_graph):
    data = load_gold(SEED_GOLD)
    data["campaigns"].append({"label": "不存在的运动", "optional": True})
    assert score_document(seed_graph, data, "x")["campaigns"].f1 == 1.0
    data["campaigns"][-1]["optional"] = False
    assert score_document(seed_graph, data, "x")["campaigns"].fn == 1


def test_eval_format_lists_errors():
    from kg.eval.gold import Score
    text = format_scores({"persons": Score(1, 1, 1, [("person", "甲")], [("person", "乙")])},
                         errors=True)
    assert "miss  persons: person | 甲" in text and "extra persons: person | 乙" in text


def test_eval_malformed_gold_names_the_file(tmp_path):
    from kg.errors import GoldError
    bad = tmp_path / "bad.yaml"
    bad.write_text("persons:\n  - posts: [x]\n", encoding="utf-8")
    with pytest.raises(GoldError, match="bad.yaml.*persons\\[0\\] needs a 'name'"):
        score_document(seed_graph_stub(), load_gold(bad), str(bad))


def seed_graph_stub():
    from rdflib import Graph
    return Graph()


def test_eval_a_former_post_is_one_person_s_not_everyone_s(seed_graph):
    # xwlb-dev 38118: 马万祺 曾任全国政协副主席, while 何厚铧 holds it as of the report
    data = load_gold(SEED_GOLD)
    data["persons"].append({"name": "某前任", "posts": [], "former_posts": ["秦州区委书记"],
                            "optional": True})
    scores = score(seed_graph, [SEED_GOLD])
    holdings = score_document(seed_graph, data, "x")["persons"]
    assert holdings.fn == 0 and holdings.f1 == scores["persons"].f1 == 1.0
