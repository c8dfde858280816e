"""Decoding: the encodings Chinese news arrives in, and files that are not text."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import InputError
from kg.text.ingest import date_from_metadata, decode, iter_sources
from kg.text.document import load_document
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_doc():
    return load_document(SEED)


def test_decode_gb18030_simplified(seed_doc, tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(seed_doc.text.encode("gb18030"))
    doc = load_document(path)
    assert doc.text == seed_doc.text and doc.encoding.replace("_", "").lower() == "gb18030"


def test_decode_big5_traditional(seed_doc, tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(seed_doc.hant_text.encode("big5", errors="strict"))
    doc = load_document(path)
    assert doc.raw_text == seed_doc.hant_text and doc.text == seed_doc.text


def test_decode_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    assert load_document(path).raw_text == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("data, reason", [
    (b"", "the file is empty"),
    (b" \n\t ", "the file is empty"),
    (b"\x00\x01\x02\x03\xff\xfe\xfd" * 50, "binary data"),
])
def test_decode_rejects_non_text_naming_the_file(data, reason):
    with pytest.raises(InputError, match=f"^bad.txt.*{reason}"):
        decode(data, "bad.txt")


def test_date_from_file_name_and_sidecar(tmp_path):
    named = tmp_path / "qinzhou-2007-04-03.txt"
    named.write_text("x", encoding="utf-8")
    assert date_from_metadata(named) == dt.date(2007, 4, 3)
    other = tmp_path / "report.txt"
    other.write_text("x", encoding="utf-8")
    (tmp_path / "report.txt.meta.json").write_text('{"date": "1998-01-05"}', encoding="utf-8")
    assert date_from_metadata(other) == dt.date(1998, 1, 5)


def test_iter_sources_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert [p.name for p in iter_sources([str(tmp_path)])] == ["x.txt"]
