"""Checks of the held-out gold (tests/gold/heldout) against the public corpora.

The held-out set is for honest accuracy figures: nobody tunes the extractor on it. Its files
point at sentences of the corpora in ../shared/data (never copied into the repository); these
tests check that each file still points at the sentence it was written for (sha1 of the
text) and that every person's name occurs in that sentence. They skip, saying why, when the
data folder is absent; set ZHKG_DATA to use another location.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import pytest
import yaml

from kg.corpora import iter_sentences

DATA = Path(os.environ.get("ZHKG_DATA")
            or Path(__file__).resolve().parents[2] / "shared" / "data")
GOLD_HELDOUT = Path(__file__).resolve().parent / "gold" / "heldout"
GOLD_FILES = sorted(GOLD_HELDOUT.glob("*.yaml"))
GOLD_DEV = Path(__file__).resolve().parent / "gold" / "dev"


@pytest.fixture(scope="module")
def data() -> Path:
    if not (DATA / "people_daily").is_dir():
        pytest.skip(f"public corpora not found at {DATA} (set ZHKG_DATA to their folder)")
    return DATA


@functools.cache
def _sentences(data: Path, corpus: str) -> dict[int, str]:
    """All sentences of a corpus, read once for the parametrised checks."""
    return dict(iter_sentences(data, corpus))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_heldout_present() -> None:
    assert len(GOLD_FILES) >= 40


def test_heldout_does_not_overlap_dev() -> None:
    dev = {p.name for p in GOLD_DEV.glob("*.yaml")}
    assert not dev & {p.name for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_heldout_points_at_its_sentence(path: Path, data: Path) -> None:
    gold = _load(path)
    src = gold["source"]
    text = _sentences(data, src["corpus"]).get(src["sentence"])
    assert text is not None, f"{path.name}: no sentence {src['sentence']} in {src['corpus']}"
    assert hashlib.sha1(text.encode("utf-8")).hexdigest() == src["sha1"], \
        f"{path.name}: sentence text changed (sha1 mismatch)"
    for person in gold.get("persons") or []:
        assert person["name"] in text, f"{path.name}: {person['name']} not in the sentence"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_heldout_is_consistent(path: Path) -> None:
    gold = _load(path)
    assert path.name.endswith(f"-{gold['source']['sentence']:05d}.yaml")
    posts = {p["label"]: p for p in gold.get("posts") or []}
    orgs = {o["label"] for o in gold.get("organizations") or []}
    for person in gold.get("persons") or []:
        for label in (person.get("posts") or []) + (person.get("former_posts") or []):
            assert label in posts, f"{path.name}: post {label} is not defined"
    for label, post in posts.items():
        assert label.endswith(post["role"]), f"{path.name}: {label} does not end in its role"
        assert post["org"] in orgs, f"{path.name}: organisation {post['org']} is not listed"
