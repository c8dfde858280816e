"""Tests of kg.eval.corpora against the public corpora in ../shared/data, and of the dev gold.

The corpora are never copied into the repository. Every test that needs them skips,
saying why, when the folder is absent; set ZHKG_DATA to use another location.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.eval.corpora import iter_sentences, iter_tagged, read_sentence
from kg.errors import InputError
from tests.goldfiles import check_consistent, check_points_at_its_sentence, corpus_dir

GOLD_DEV = Path(__file__).resolve().parent / "gold" / "dev"
GOLD_FILES = sorted(GOLD_DEV.glob("*.yaml"))

PD_TEST = "people_daily/test.char.bio"


@pytest.fixture(scope="module")
def data() -> Path:
    return corpus_dir()


# --- format conversion, on small files written here (no corpus needed) -------------

def test_bio_blocks_and_spans(tmp_path: Path) -> None:
    f = tmp_path / "x.char.bio"
    f.write_text("李 B-PER\n鹏 I-PER\n在 O\n欧 B-LOC\n美 B-LOC\n\n\n国 B-ORG\n务 I-ORG\n院 I-ORG\n",
                 encoding="utf-8")
    got = list(iter_tagged(tmp_path, "x.char.bio"))
    assert got == [(0, "李鹏在欧美", [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]),
                   (1, "国务院", [(0, 3, "ORG")])]
    assert read_sentence(tmp_path, "x.char.bio", 1) == "国务院"


def test_bmes_spans(tmp_path: Path) -> None:
    f = tmp_path / "r.char.bmes"
    f.write_text("吴 B-NAME\n重 M-NAME\n阳 E-NAME\n， O\n李 S-NAME\n教 B-TITLE\n授 E-TITLE\n",
                 encoding="utf-8")
    [(_, text, spans)] = iter_tagged(tmp_path, "r.char.bmes")
    assert text == "吴重阳，李教授"
    assert spans == [(0, 3, "NAME"), (4, 5, "NAME"), (5, 7, "TITLE")]


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.char.bio").write_text("李 B-PER\n鹏I-PER\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(iter_sentences(tmp_path, "bad.char.bio"))
    assert exc.value.line == 2 and exc.value.path.endswith("bad.char.bio")


def test_bad_tag_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.char.bmes").write_text("李 X-NAME\n", encoding="utf-8")
    with pytest.raises(InputError, match="BMES tag"):
        list(iter_tagged(tmp_path, "bad.char.bmes"))


def test_cluener_offsets_are_checked(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text(
        '{"text": "北京市市长郭金龙", "label": {"name": {"郭金龙": [[5, 7]]},'
        ' "position": {"市长": [[3, 4]]}}}\n'
        '{"text": "abc", "label": {"name": {"x": [[0, 0]]}}}\n', encoding="utf-8")
    it = iter_tagged(tmp_path, "c.json")
    assert next(it) == (0, "北京市市长郭金龙", [(3, 5, "position"), (5, 8, "name")])
    with pytest.raises(InputError) as exc:
        next(it)
    assert exc.value.line == 2


def test_missing_sentence(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text("国 务 院\n", encoding="utf-8")
    assert read_sentence(tmp_path, "m.txt", 0) == "国务院"
    with pytest.raises(InputError, match="no sentence 5"):
        read_sentence(tmp_path, "m.txt", 5)


def test_read_sentence_sees_a_rewritten_corpus(tmp_path: Path) -> None:
    # sentences are kept per file between calls: a changed file is read again
    corpus = tmp_path / "m.txt"
    corpus.write_text("国 务 院\n", encoding="utf-8")
    assert read_sentence(tmp_path, "m.txt", 0) == "国务院"
    corpus.write_text("人 民 日 报\n全 国 人 大\n", encoding="utf-8")
    assert read_sentence(tmp_path, "m.txt", 1) == "全国人大"


# --- the real corpora ---------------------------------------------------------------

def test_people_daily_test_counts(data: Path) -> None:
    counts: Counter[str] = Counter()
    n = 0
    for n, text, spans in iter_tagged(data, PD_TEST):
        for start, end, label in spans:
            assert 0 <= start < end <= len(text)
            counts[label] += 1
    assert n + 1 == 4636
    assert counts == {"PER": 1864, "ORG": 2185, "LOC": 3658}


def test_known_people_daily_sentence(data: Path) -> None:
    [(text, spans)] = [(t, s) for i, t, s in iter_tagged(data, PD_TEST) if i == 1368]
    assert text.startswith("河南省委书记、省长马忠臣")
    assert [(text[a:b], lab) for a, b, lab in spans] == [("河南省委", "ORG"), ("马忠臣", "PER")]
    assert read_sentence(data, "pd-test", 1368) == text


def test_sentence_counts(data: Path) -> None:
    expected = {"people_daily/dev.char.bio": 2318, "msra_val/sentences.txt": 3000,
                "cluener/train.json": 10748, "resume/train.char.bmes": 3821,
                "resume/dev.char.bmes": 463, "resume/test.char.bmes": 477}
    for corpus, count in expected.items():
        assert sum(1 for _ in iter_sentences(data, corpus)) == count, corpus


def test_msra_tags_align(data: Path) -> None:
    text = read_sentence(data, "msra_val/sentences.txt", 2)
    assert " " not in text and "黄登仁" in text
    spans = next(s for i, _, s in iter_tagged(data, "msra_val/sentences.txt") if i == 2)
    assert (text.index("黄登仁"), text.index("黄登仁") + 3, "PER") in spans


# --- dev gold ---------------------------------------------------------------------

def test_dev_gold_present() -> None:
    assert len(GOLD_FILES) >= 40


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_dev_gold_points_at_its_sentence(path: Path, data: Path) -> None:
    check_points_at_its_sentence(path, data)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_dev_gold_is_consistent(path: Path) -> None:
    check_consistent(path)
