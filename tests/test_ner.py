"""Tests of kg.extract.ner (the CRF entity tagger) and kg.eval.ner (exact-span scoring).

Tests on the public corpora read them from ../shared/data (or ZHKG_DATA) and skip, saying
why, when that folder is absent; corpus text is never copied into the repository.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.eval.corpora import iter_tagged
from kg.errors import InputError
from kg.extract.ner import (LABELS, WEIGHTS, Model, default_model, gram_tables, spans_from_labels,
                            tag)
from kg.extract.ner_features import features
from kg.eval.ner import count, evaluate_corpus, prf

DATA = Path(os.environ.get("ZHKG_DATA")
            or Path(__file__).resolve().parents[2] / "shared" / "data")
PD_DEV = "people_daily/dev.char.bio"
PD_TEST = "people_daily/test.char.bio"
# tag() spans on the first 300 PD dev sentences, recorded by the plain decoder of before the
# Viterbi was written out (commit 890f9d6) with the shipped weights; only new weights may
# re-record it (scripts/train_ner.py --record-spans)
RECORDED = Path(__file__).parent / "ner" / "pd_dev_spans.tsv"
# F1 of the shipped weights on the first 500 test sentences, measured 2026-12-02
# (`kg eval --corpus .../test.char.bio --format bio --limit 500`); decoding is deterministic,
# so the guard allows only 0.005.
FLOOR = {"PER": 0.920, "ORG": 0.844, "LOC": 0.890}


@pytest.fixture(scope="module")
def data() -> Path:
    if not (DATA / PD_DEV).is_file():
        pytest.skip(f"public NER corpora not found in {DATA} (set ZHKG_DATA to their folder)")
    return DATA


def _valid(text: str, spans) -> None:
    last_end = 0
    for start, end, label in spans:
        assert label in {"PER", "ORG", "LOC"}
        assert last_end <= start < end <= len(text)
        last_end = end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.text(alphabet="江泽民北京市委书记国务院副总理李鹏在会见中美日 \n\t·（）《》、。１９", max_size=60))
def test_tag_spans_valid_on_any_text(text):
    _valid(text, tag(text))


def test_tag_finds_person_place_and_body():
    text = "国务院总理李鹏今天在北京会见了日本外务大臣小渊惠三。"
    spans = {(text[s:e], label) for s, e, label in tag(text)}
    assert {("国务院", "ORG"), ("李鹏", "PER"), ("北京", "LOC"), ("日本", "LOC")} <= spans


def test_tag_ignores_segmentation():
    # the shipped weights use no token features: any tokens given give the same spans
    assert "tok" not in default_model().groups
    text = "中共中央政治局常委、国务院总理李鹏在北京市委书记贾庆林陪同下视察。"
    chars = tuple((i, i + 1) for i in range(len(text)))
    assert tag(text, tokens=chars) == tag(text) == tag(text, tokens=((0, len(text)),))


def test_features_mark_lexicon_matches():
    text = "国务院在北京市"
    feats = features(text, groups=("lex",))
    assert {"xnbB3", "xjntB3"} <= set(feats[0])   # 国务院: national body, jieba nt word
    assert "xnbE" in feats[2] and "xnb>" in feats[3]
    assert "xdvB3" in feats[4] and "xdvE" in feats[6]  # 北京市: division full name
    assert "xdsB2" in feats[4]  # 北京: its short name
    dic = features(text, groups=("dic",))
    assert any(f.startswith("yB3") for f in dic[0])


def test_model_reads_feature_groups(tmp_path):
    import gzip
    path = tmp_path / "w.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\x00F\tlex dic\n\x00T\t0:0.5\ncb李\t1:2.0\n")
    with open(path, "rb") as fh:
        model = Model.read(fh)
    assert model.groups == ("lex", "dic") and model.state["cb李"] == ((1, 2.0),)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\x00T\t0:0.5\n")
    with open(path, "rb") as fh:
        assert Model.read(fh).groups == ("tok",)  # weights from before groups were named


def test_tag_empty_and_blank():
    assert tag("") == []
    assert tag("   \n") == []


def test_spans_from_labels_stray_inside_starts_span():
    assert spans_from_labels(["I-PER", "I-PER", "O", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG")]
    assert set(LABELS) == {"O"} | {f"{p}-{c}" for p in "BI" for c in ("PER", "ORG", "LOC")}


def test_count_exact_spans_only():
    counts = count([(0, 2, "PER"), (3, 6, "ORG")], [(0, 2, "PER"), (3, 5, "ORG"), (7, 8, "LOC")])
    assert counts == Counter({("PER", "gold"): 1, ("PER", "pred"): 1, ("PER", "tp"): 1,
                              ("ORG", "gold"): 1, ("ORG", "pred"): 1, ("LOC", "pred"): 1})
    assert prf(counts, "PER") == (1.0, 1.0, 1.0)
    assert prf(counts, "ORG") == (0.0, 0.0, 0.0)
    assert prf(counts) == pytest.approx((1 / 3, 1 / 2, 0.4))


def _write_bio(path: Path, sentences) -> None:
    blocks = ["\n".join(f"{c} {t}" for c, t in zip(text, tags.split())) for text, tags in sentences]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def test_evaluate_corpus_scores_exact_spans(tmp_path):
    corpus = tmp_path / "tiny.char.bio"
    # gold marks 北京市 (three characters): a tagger answering 北京 scores nothing for it
    _write_bio(corpus, [("李鹏在北京。", "B-PER I-PER O B-LOC I-LOC O"),
                        ("李鹏在北京市。", "B-PER I-PER O B-LOC I-LOC I-LOC O")])
    expected = Counter()
    for text, gold in [("李鹏在北京。", [(0, 2, "PER"), (3, 5, "LOC")]),
                       ("李鹏在北京市。", [(0, 2, "PER"), (3, 6, "LOC")])]:
        count(gold, tag(text), expected)
    table = evaluate_corpus(corpus, "bio")
    rows = {line.split()[0]: line.split() for line in table.splitlines()[2:6]}
    for label in ("PER", "LOC"):
        assert rows[label][1:4] == [f"{x:.3f}" for x in prf(expected, label)]
        assert rows[label][-1] == str(expected[label, "gold"])
    assert rows["ORG"][-1] == "0"
    assert re.search(r"speed  zhkg [\d,]+ chars/s, jieba.posseg [\d,]+ chars/s", table)
    assert evaluate_corpus(corpus, "bio", limit=1).startswith("1 sentences")


def test_evaluate_corpus_malformed_line(tmp_path):
    corpus = tmp_path / "bad.char.bio"
    corpus.write_text("李 B-PER\n鹏I-PER\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        evaluate_corpus(corpus, "bio")
    assert err.value.line == 2 and err.value.path == str(corpus)


# held-out dev sentences (seed 13, never trained on) the shipped weights tag exactly right
KNOWN_DEV = (338, 504, 654, 792, 1087, 1263, 1958)


@pytest.mark.parametrize("index", KNOWN_DEV)
def test_tag_known_dev_sentences(data, index):
    for n, text, gold in iter_tagged(data, PD_DEV):
        if n == index:
            assert tag(text) == gold
            return
    pytest.fail(f"{PD_DEV} has no sentence {index}")


def test_tag_scores_at_least_floor_on_pd_test(data):
    counts = Counter()
    for n, text, gold in iter_tagged(data, PD_TEST):
        if n >= 500:
            break
        count(gold, tag(text), counts)
    for label, floor in FLOOR.items():
        assert prf(counts, label)[2] >= floor - 0.005, (label, prf(counts, label))


def test_tag_reproduces_recorded_spans(data):
    lines = RECORDED.read_text(encoding="utf-8").splitlines()
    weights = (Path(__file__).resolve().parents[1] / "kg" / "data" / "ner" / WEIGHTS).read_bytes()
    assert lines[1] == f"# weights sha256 {hashlib.sha256(weights).hexdigest()}", (
        "the weights changed: re-record the spans (scripts/train_ner.py --record-spans)")
    recorded = dict(line.split("\t") for line in lines[2:])
    assert len(recorded) == 300
    for n, text, _ in iter_tagged(data, PD_DEV):
        if str(n) not in recorded:
            break
        found = " ".join(f"{s}-{e}-{label}" for s, e, label in tag(text))
        assert found == recorded[str(n)], (n, text)


def _plain_viterbi(model: Model, feats) -> list[str]:
    """The decoder as first written: emission sums, back-pointers, I-X only after B-X or I-X."""
    allowed = [[k for k, p in enumerate(LABELS)
                if not label.startswith("I-") or (p != "O" and p[2:] == label[2:])]
               for label in LABELS]
    score, back = None, []
    for fs in feats:
        em = [0.0] * len(LABELS)
        for f in fs:
            for j, w in model.state.get(f, ()):
                em[j] += w
        if score is None:
            score = [float("-inf") if label.startswith("I-") else e
                     for label, e in zip(LABELS, em)]
            continue
        step = [max(allowed[j], key=lambda k: (score[k] + model.trans[k][j], -k))
                for j in range(len(LABELS))]
        score = [score[k] + model.trans[k][j] + em[j] for j, k in enumerate(step)]
        back.append(step)
    j = max(range(len(LABELS)), key=lambda k: (score[k], -k))
    path = [j]
    for step in reversed(back):
        j = step[j]
        path.append(j)
    return [LABELS[j] for j in reversed(path)]


def test_tag_equals_plain_viterbi_on_dev(data):
    model = default_model()
    for n, text, _ in iter_tagged(data, PD_DEV):
        if n >= 300:
            break
        assert model.tag(text) == spans_from_labels(
            _plain_viterbi(model, features(text, groups=model.groups))), (n, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=7, max_size=7), min_size=1, max_size=12),
       st.lists(st.integers(-2, 2), min_size=49, max_size=49))
def test_viterbi_equals_plain_viterbi_with_ties(scores, trans):
    # small integer scores make many paths tie: the written-out decoder must break ties the
    # same way (toward the lower label) as the plain one
    model = Model({f"u{j}": ((j, 1.0),) for j in range(len(LABELS))},
                  [[float(w) for w in trans[k * 7:k * 7 + 7]] for k in range(7)], ("lex",))
    feats = [[f"u{j}" for j, s in enumerate(row) for _ in range(s + 2)] for row in scores]
    assert model.decode(feats) == _plain_viterbi(model, feats)


def test_cached_model_tags_as_the_parsed_weights():
    import marshal
    from importlib import resources
    with resources.files("kg").joinpath("data", "ner", WEIGHTS).open("rb") as fh:
        parsed = Model.read(fh)
    kept = Model(*marshal.loads(marshal.dumps(default_model().parts())))
    assert kept.tables == gram_tables(parsed.state) and kept.state == parsed.state
    text = "国务院总理李鹏今天在北京会见了日本外务大臣小渊惠三和基里延科。"
    assert kept.tag(text) == parsed.tag(text)


def test_cached_feature_tables_equal_built_ones():
    from kg.extract import ner_features
    tables = dict(ner_features._tables().items())
    dictionary = ner_features._dictionary_table()
    matcher = ner_features._matcher_table(ner_features._lexicon_words())
    assert tables.keys() == dictionary.keys() | matcher.keys()
    assert {w: d for w, (d, _) in tables.items() if d is not None} == dictionary
    assert {w: m for w, (_, m) in tables.items() if m is not None} == matcher


def test_cached_parts_keep_each_ngram_weight_once():
    # the n-gram features are kept in the tables alone: a second copy in the state
    # doubled what each process unmarshals at start
    model = default_model()
    others = model.parts()[0]
    assert len(others) < 1000
    assert not any(feat in others for feat in ("c李", "g国务", "j国务院"))
    assert model.state["c李"] == model.tables["c", 1]["李"]


def test_cached_dictionary_words_equal_the_ones_read_from_the_file(tmp_path, monkeypatch):
    from kg.text import segment
    kept = segment.known_names(), segment.common_word_tags(100)
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path))  # an empty cache: read from dict.txt
    segment.known_names.cache_clear()
    segment.common_word_tags.cache_clear()
    try:
        assert (segment.known_names(), segment.common_word_tags(100)) == kept
        assert {p.name.split("-")[1] for p in tmp_path.glob("jieba-*.marshal")} == {"names", "common"}
    finally:
        segment.known_names.cache_clear()
        segment.common_word_tags.cache_clear()


def test_tagging_reads_only_the_table_parts_its_characters_start():
    # a one-document build tags a few windows: it must not unmarshal the whole table
    from kg.extract import ner_features
    text = "国务院总理李鹏今天在北京会见了日本外务大臣小渊惠三。"
    ner_features._tables.cache_clear()
    try:
        tag(text)
        assert set(ner_features._tables()._read) == set(text)
    finally:
        ner_features._tables.cache_clear()


def test_the_tagger_reads_only_the_ngram_weights_a_text_asks_for():
    # a one-document build tags a few windows: unmarshalling every n-gram's weights was a
    # tenth of its time
    from kg.extract import ner
    fresh = ner.default_model.__wrapped__()
    text = "国务院总理李鹏今天在北京会见了日本外务大臣小渊惠三和基里延科。"
    assert fresh.tag(text) == Model(*default_model().parts()).tag(text)
    assert fresh._read_chars <= set(ner.ngrams(text)[1]) and fresh._unread is not None
    fresh.read_all()
    assert fresh.tables == default_model().tables
