"""Tests of scripts/train_ner.py's completion of another corpus's annotation (training only:
needs python-crfsuite, the `train` extra)."""

from __future__ import annotations

import pytest

pytest.importorskip("pycrfsuite", reason="python-crfsuite (pip install -e '.[train]')")

from scripts.train_ner import completed  # noqa: E402


def test_predictions_fill_only_the_gaps():
    own = [(0, 2, "LOC")]
    predicted = [(0, 3, "ORG"), (5, 7, "PER"), (1, 2, "LOC")]
    assert completed(own, [(0, 2)], predicted, outer=False) == [(0, 2, "LOC"), (5, 7, "PER")]


def test_outer_prediction_replaces_the_parts_it_encloses():
    # [湖南省][张家界市]社科联 tagged in parts; the completing model finds the whole body
    own = [(0, 3, "LOC"), (3, 7, "LOC")]
    predicted = [(0, 10, "ORG"), (12, 14, "LOC")]
    assert completed(own, [(0, 3), (3, 7)], predicted, outer=True) == [(0, 10, "ORG"),
                                                                       (12, 14, "LOC")]


def test_outer_never_replaces_a_crossed_or_equal_span():
    own = [(2, 6, "ORG")]
    crossing, equal = (0, 4, "LOC"), (2, 6, "LOC")
    assert completed(own, [(2, 6)], [crossing], outer=True) == own
    assert completed(own, [(2, 6)], [equal], outer=True) == own
