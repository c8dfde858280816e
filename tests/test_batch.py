"""kg.batch.build: when a build starts worker processes."""

from __future__ import annotations

import pytest

from kg.batch import build
from kg.batch.build import BuildReport, extract_all
from tests.conftest import SEED


class _Started(Exception):
    pass


def _no_pool(*args, **kwargs):
    raise _Started


def test_a_handful_of_documents_starts_no_worker(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "ProcessPoolExecutor", _no_pool)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    report = BuildReport()
    results = list(extract_all([str(tmp_path)], workers=2, report=report))
    assert len(results) == report.done == 3


def test_as_many_documents_as_small_build_start_the_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "ProcessPoolExecutor", _no_pool)
    monkeypatch.setattr(build, "SMALL_BUILD", 3)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("区委书记王小林出席。", encoding="utf-8")
    with pytest.raises(_Started):
        list(extract_all([str(tmp_path)], workers=2, report=BuildReport()))


def test_forked_workers_start_with_what_the_build_process_loaded(tmp_path, monkeypatch):
    import gc
    import multiprocessing

    from kg.extract import ner_features
    from kg.text import segment
    seen = {}

    def pool(*args, **kwargs):
        seen["tagger"] = ner_features._tables.cache_info().currsize
        seen["jieba"] = segment.tokenizer.cache_info().currsize
        seen["frozen"] = gc.get_freeze_count()
        raise _Started

    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "fork")
    monkeypatch.setattr(build, "ProcessPoolExecutor", pool)
    monkeypatch.setattr(build, "SMALL_BUILD", 1)
    (tmp_path / "0.txt").write_text("区委书记王小林出席。", encoding="utf-8")
    ner_features._tables.cache_clear()  # as in a build process that has extracted nothing
    try:
        with pytest.raises(_Started):
            list(extract_all([str(tmp_path)], workers=2, report=BuildReport()))
    finally:
        gc.unfreeze()
    assert seen["tagger"] == seen["jieba"] == 1 and seen["frozen"] > 0
