"""Checks of the held-out gold (tests/gold/heldout) against the public corpora.

The held-out set is for honest accuracy figures: nobody tunes the extractor on it. Its files
point at sentences of the corpora in ../shared/data (never copied into the repository); these
tests check that each file still points at the sentence it was written for (sha1 of the
text) and that every person's name occurs in that sentence. They skip, saying why, when the
data folder is absent; set ZHKG_DATA to use another location.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldfiles import check_consistent, check_points_at_its_sentence, corpus_dir

GOLD_HELDOUT = Path(__file__).resolve().parent / "gold" / "heldout"
GOLD_FILES = sorted(GOLD_HELDOUT.glob("*.yaml"))
GOLD_DEV = Path(__file__).resolve().parent / "gold" / "dev"


@pytest.fixture(scope="module")
def data() -> Path:
    return corpus_dir()


def test_heldout_present() -> None:
    assert len(GOLD_FILES) >= 40


def test_heldout_does_not_overlap_dev() -> None:
    dev = {p.name for p in GOLD_DEV.glob("*.yaml")}
    assert not dev & {p.name for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_heldout_points_at_its_sentence(path: Path, data: Path) -> None:
    check_points_at_its_sentence(path, data)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_heldout_is_consistent(path: Path) -> None:
    check_consistent(path)
