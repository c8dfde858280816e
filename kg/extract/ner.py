"""Person, organisation and place names: a linear-chain CRF over characters.

``tag(text)`` returns ``(start, end_exclusive, label)`` spans, label PER, ORG or LOC.
The weights in ``kg/data/ner/`` were trained by ``scripts/train_ner.py`` on public
People's Daily / MSRA data (see ``kg/data/ner/README.md``); they load on first use.
The features are kg.extract.ner_features'. Decoding is Viterbi constrained to valid BIO
sequences, so every span is well formed.
"""

from __future__ import annotations

import gzip
import io
from functools import cached_property, lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from kg.extract import ner_features
from kg.extract.ner_features import NGRAMS, W3, group_features, ngrams, templates
from kg.io import Parts, cached, cached_parts

Span = tuple[int, int, str]
# (feature prefix, n-gram width) -> n-gram -> its (label, weight) pairs
GramTables = dict[tuple[str, int], dict[str, tuple[tuple[int, float], ...]]]
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
WEIGHTS = "crf.tsv.gz"
TRANSITIONS = "\x00T"
GROUPS = "\x00F"  # the weights' feature groups (see kg.extract.ner_features); absent: ("tok",)
_NEG = float("-inf")


class Model:
    """CRF weights: per-feature label scores and label-to-label transition scores."""

    def __init__(self, state: dict[str, tuple[tuple[int, float], ...]],
                 trans: list[list[float]], groups: tuple[str, ...] = ("tok",),
                 tables: GramTables | Parts | None = None) -> None:
        """`tables`: `gram_tables(state)`, if already at hand (`parts()` of a model), or
        the same kept by first character (`by_first_character`), read as texts ask for
        them; `state` may then hold the other features alone."""
        self.groups = groups
        self.trans = trans
        self._unread: Parts | None = None
        self._read_chars: set[str] = set()
        if isinstance(tables, Parts):
            self._unread = tables
            tables = {(prefix, width): {} for prefix, _, width in NGRAMS + W3}
        self.tables = gram_tables(state) if tables is None else tables
        # the features not in `tables`: a few hundred of the weights' two hundred
        # thousand, so the cache keeps each n-gram's weights once (half the load)
        self.others = {feat: pairs for feat, pairs in state.items() if _gram_key(feat) not in self.tables}
        self.grams = [(at, width, self.tables[prefix, width])
                      for prefix, at, width in templates(groups)]
        # I-X continues only B-X or I-X: the constraint that keeps spans well formed
        self.prevs = [[(k, trans[k][j]) for k, p in enumerate(LABELS)
                       if not label.startswith("I-") or (p != "O" and p[2:] == label[2:])]
                      for j, label in enumerate(LABELS)]
        self.start = [_NEG if label.startswith("I-") else 0.0 for label in LABELS]

    def read_all(self) -> None:
        """Every n-gram's weights read now (a build process does so before forking its
        workers, which then share them)."""
        if self._unread is not None:
            self._read(self._unread.keys())
            self._unread = None

    def _read(self, firsts) -> None:
        """The weights of the n-grams starting with each of `firsts` merged into `tables`."""
        for first in firsts:
            if first in self._read_chars:
                continue
            self._read_chars.add(first)
            for gram, by_template in self._unread.part(first).items():
                for template, pairs in by_template.items():
                    self.tables[template][gram] = pairs

    @cached_property
    def state(self) -> dict[str, tuple[tuple[int, float], ...]]:
        """Every feature's weights, n-grams with their template's prefix (what
        `decode` reads; `tag` reads `tables` and `others`)."""
        self.read_all()
        state = {prefix + gram: pairs for (prefix, _), table in self.tables.items()
                 for gram, pairs in table.items()}
        state.update(self.others)
        return state

    def parts(self) -> tuple[dict[str, tuple[tuple[int, float], ...]], list[list[float]],
                             tuple[str, ...], GramTables]:
        """What `Model(*parts)` is made of, as plain values."""
        self.read_all()
        return self.others, self.trans, self.groups, self.tables

    @classmethod
    def read(cls, stream: BinaryIO) -> Model:
        """Load gzipped TSV weights: ``feature<TAB>label:weight label:weight ...``.

        The line for feature ``\x00T`` holds transitions, label ``from * 7 + to``; the
        line ``\x00F`` names the feature groups, space-separated.
        """
        state: dict[str, tuple[tuple[int, float], ...]] = {}
        groups: tuple[str, ...] = ("tok",)
        n = len(LABELS)
        trans = [[0.0] * n for _ in LABELS]
        with gzip.open(stream, "rt", encoding="utf-8") as fh:
            for line in fh:
                feat, _, rest = line.rstrip("\n").partition("\t")
                if feat == GROUPS:
                    groups = tuple(rest.split())
                    continue
                pairs = tuple((int(j), float(w)) for j, w in
                              (p.split(":") for p in rest.split(" ")))
                if feat == TRANSITIONS:
                    for j, w in pairs:
                        trans[j // n][j % n] = w
                else:
                    state[feat] = pairs
        return cls(state, trans, groups)

    def decode(self, feats: list[list[str]]) -> list[str]:
        """The best valid BIO label sequence for per-character features (Viterbi)."""
        rows = [[0.0] * len(LABELS) for _ in feats]
        self._add(rows, feats, self.state)
        return self._viterbi(rows)

    def tag(self, text: str, *, tokens: tuple[tuple[int, int], ...] | None = None) -> list[Span]:
        """Spans of ``text``; see :func:`tag`."""
        if not text:
            return []
        n = len(text)
        by_width = ngrams(text)
        if self._unread is not None:
            self._read({gram[:1] for grams in by_width.values() for gram in grams})
        rows = [[0.0] * len(LABELS) for _ in range(n)]
        # template by template, each character's weights are summed in features()' order:
        # the same floating-point sums as decode(features(text))
        for at, width, table in self.grams:
            get = table.get
            for row, gram in zip(rows, by_width[width][at:at + n]):
                pairs = get(gram)
                if pairs:
                    for j, w in pairs:
                        row[j] += w
        for column in group_features(text, tokens, self.groups):
            self._add(rows, column, self.others)
        return spans_from_labels(self._viterbi(rows))

    @staticmethod
    def _add(rows: list[list[float]], column: list[list[str]],
             weights: dict[str, tuple[tuple[int, float], ...]]) -> None:
        """Add each character's feature weights to its row of label scores."""
        get = weights.get
        for row, fs in zip(rows, column):
            for f in fs:
                pairs = get(f)
                if pairs:
                    for j, w in pairs:
                        row[j] += w

    def _viterbi(self, rows: list[list[float]]) -> list[str]:
        """The best valid BIO label sequence for per-character label scores.

        Written out for the seven labels in ``LABELS`` order, I-X reachable from B-X and
        I-X only, because it runs for every character tagged. Only the forward scores are
        kept; the way back recomputes the one comparison it needs at each step (the same
        sums, so the same choices, ties to the lower label, as back-pointers would give).
        """
        if not rows:
            return []
        t = self.trans
        # o*, p*, q*, r*: from each label into O, B-PER, B-ORG, B-LOC; bp, ip: from B-PER,
        # I-PER into I-PER; bo, io and bl, il: the same for ORG and LOC
        o0, o1, o2, o3, o4, o5, o6 = (t[k][0] for k in range(7))
        p0, p1, p2, p3, p4, p5, p6 = (t[k][1] for k in range(7))
        q0, q1, q2, q3, q4, q5, q6 = (t[k][3] for k in range(7))
        r0, r1, r2, r3, r4, r5, r6 = (t[k][5] for k in range(7))
        bp, ip, bo, io, bl, il = t[1][2], t[2][2], t[3][4], t[4][4], t[5][6], t[6][6]
        s0, s1, s2, s3, s4, s5, s6 = (s + e for s, e in zip(self.start, rows[0]))
        history = [(s0, s1, s2, s3, s4, s5, s6)]
        for e0, e1, e2, e3, e4, e5, e6 in islice(rows, 1, None):
            per_b, per_i, org_b, org_i, loc_b, loc_i = (s1 + bp, s2 + ip, s3 + bo, s4 + io,
                                                        s5 + bl, s6 + il)
            s0, s1, s2, s3, s4, s5, s6 = (
                max(s0 + o0, s1 + o1, s2 + o2, s3 + o3, s4 + o4, s5 + o5, s6 + o6) + e0,
                max(s0 + p0, s1 + p1, s2 + p2, s3 + p3, s4 + p4, s5 + p5, s6 + p6) + e1,
                (per_b if per_b >= per_i else per_i) + e2,
                max(s0 + q0, s1 + q1, s2 + q2, s3 + q3, s4 + q4, s5 + q5, s6 + q6) + e3,
                (org_b if org_b >= org_i else org_i) + e4,
                max(s0 + r0, s1 + r1, s2 + r2, s3 + r3, s4 + r4, s5 + r5, s6 + r6) + e5,
                (loc_b if loc_b >= loc_i else loc_i) + e6)
            history.append((s0, s1, s2, s3, s4, s5, s6))
        last = history.pop()
        j = max(range(len(LABELS)), key=last.__getitem__)
        path = [j]
        prevs = self.prevs
        for scores in reversed(history):
            best, arg = _NEG, 0
            for k, w in prevs[j]:
                s = scores[k] + w
                if s > best:
                    best, arg = s, k
            j = arg
            path.append(j)
        return [LABELS[j] for j in reversed(path)]


def gram_tables(state: dict[str, tuple[tuple[int, float], ...]]) -> GramTables:
    """The n-gram features' weights by template, keyed by the n-gram alone: the decoder
    looks up the shared n-gram strings without building "a" + gram for each."""
    tables: GramTables = {(prefix, width): {} for prefix, _, width in NGRAMS + W3}
    for feat, pairs in state.items():
        table = tables.get(_gram_key(feat))
        if table is not None:
            table[feat[1:]] = pairs
    return tables


def _gram_key(feat: str) -> tuple[str, int]:
    """The (prefix, width) of the n-gram template `feat` would be a feature of."""
    return feat[:1], len(feat) - 1


def by_first_character(tables: GramTables) -> dict[str, dict[tuple[str, int], tuple]]:
    """Each n-gram's weights by template ({gram: {(prefix, width): pairs}}), to be kept by
    the n-gram's first character (`kg.io.cached_parts`)."""
    grams: dict[str, dict[tuple[str, int], tuple]] = {}
    for template, table in tables.items():
        for gram, pairs in table.items():
            grams.setdefault(gram, {})[template] = pairs
    return grams


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped weights, read once a process; parsed once for all processes into the
    cache folder (`kg.io.cached`), for as long as the weights and this code are the same.
    The n-grams' weights are kept by first character and read as texts ask for them: a
    one-document build tags a few windows, whose characters start a few hundred of them."""
    weights = resources.files("kg").joinpath("data", "ner", WEIGHTS).read_bytes()
    key = weights + Path(__file__).read_bytes() + Path(ner_features.__file__).read_bytes()
    parsed = lru_cache(maxsize=1)(lambda: Model.read(io.BytesIO(weights)).parts())
    others, trans, groups, _ = cached("ner-model", key, lambda: (*parsed()[:3], None))
    grams = cached_parts("ner-gram-parts", key, lambda: by_first_character(parsed()[3]))
    return Model(others, trans, tuple(groups), grams)


def read_model() -> None:
    """The tagger's weights read whole now (see `Model.read_all`)."""
    default_model().read_all()


def spans_from_labels(labels: list[str]) -> list[Span]:
    """BIO labels to ``(start, end_exclusive, class)`` spans; a stray I- starts a span."""
    spans: list[Span] = []
    start, kind = -1, ""
    for i, label in enumerate(labels + ["O"]):
        if start >= 0 and not (label.startswith("I-") and label[2:] == kind):
            spans.append((start, i, kind))
            start = -1
        if label != "O" and start < 0:
            start, kind = i, label[2:]
    return spans


def tag(text: str, *, tokens: tuple[tuple[int, int], ...] | None = None) -> list[Span]:
    """Find person (PER), organisation (ORG) and place (LOC) names in ``text``.

    Args:
        text: any text; a sentence or a short passage is the intended unit.
        tokens: jieba token spans of ``text`` (``kg.text.segment.segment``) if already computed;
            only weights using the ``tok`` feature group read them.

    Returns:
        Non-overlapping ``(start, end_exclusive, label)`` spans in text order.
    """
    return default_model().tag(text, tokens=tokens)
