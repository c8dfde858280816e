"""Checks shared by the gold sets that point at corpus sentences (tests/gold/dev,
tests/gold/heldout): each file still names the sentence it was written for, and
is consistent in itself. The corpora are read from ../shared/data (or $ZHKG_DATA)
and never copied into the repository."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from kg.errors import InputError
from kg.eval.corpora import read_sentence
from tests.conftest import shared_data


def corpus_dir() -> Path:
    """The public corpora, or a skip that says where they were looked for."""
    data = shared_data()
    if not (data / "people_daily").is_dir():
        pytest.skip(f"public corpora not found at {data} (set ZHKG_DATA to their folder)")
    return data


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_points_at_its_sentence(path: Path, data: Path) -> None:
    gold = load(path)
    src = gold["source"]
    try:
        text = read_sentence(data, src["corpus"], src["sentence"])
    except InputError as exc:
        pytest.fail(f"{path.name}: {exc}")
    assert hashlib.sha1(text.encode("utf-8")).hexdigest() == src["sha1"], \
        f"{path.name}: sentence text changed (sha1 mismatch)"
    for person in gold.get("persons") or []:
        assert person["name"] in text, f"{path.name}: {person['name']} not in the sentence"


def check_consistent(path: Path) -> None:
    gold = load(path)
    assert path.name.endswith(f"-{gold['source']['sentence']:05d}.yaml")
    posts = {p["label"]: p for p in gold.get("posts") or []}
    orgs = {o["label"] for o in gold.get("organizations") or []}
    for person in gold.get("persons") or []:
        for label in (person.get("posts") or []) + (person.get("former_posts") or []):
            assert label in posts, f"{path.name}: post {label} is not defined"
    for label, post in posts.items():
        assert label.endswith(post["role"]), f"{path.name}: {label} does not end in its role"
        assert post["org"] in orgs, f"{path.name}: organisation {post['org']} is not listed"
