"""Person, organisation and place names: a linear-chain CRF over characters.

``tag(text)`` returns ``(start, end_exclusive, label)`` spans, label PER, ORG or LOC.
The weights in ``kg/data/ner/`` were trained by ``scripts/train_ner.py`` on public
People's Daily / MSRA data (see ``kg/data/ner/README.md``); they load on first use.

Features per character: characters and bigrams in a window of two, where the character
sits in its jieba token (B/M/E/S) and that token's dictionary tag (jieba's ``ns`` / ``nr``
/ ``nt``), the neighbouring tokens, and our lexicon: division names, surnames, role words
(a name often stands right before 书记 or after 省长). Decoding is Viterbi constrained to
valid BIO sequences, so every span is well formed.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources
from typing import BinaryIO

from kg.lexicon import load_lexicon
from kg.segment import segment, tokenizer

Span = tuple[int, int, str]
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
WEIGHTS = "crf.tsv.gz"
TRANSITIONS = "\x00T"
_NEG = float("-inf")

# Digits and Latin letters carry their class, not their identity: １９９７ and 1998 look alike.
_NORM = {c: "0" for c in range(ord("0"), ord("9") + 1)}
_NORM.update({c: "0" for c in range(ord("０"), ord("９") + 1)})
_NORM.update({c: "a" for c in range(ord("a"), ord("z") + 1)})
_NORM.update({c: "a" for c in range(ord("A"), ord("Z") + 1)})
_NORM.update({c: "a" for c in range(ord("ａ"), ord("ｚ") + 1)})
_NORM.update({c: "a" for c in range(ord("Ａ"), ord("Ｚ") + 1)})
_NORM.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", ord("\u3000"): " "})

# jieba's dictionary tags worth a feature: names, places, organisations, other proper nouns
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """Word classes from jieba's dictionary, division names (full, short), role words.

    A word's class is its name-like tag (``ns`` ...), else the order of magnitude of its
    count; words missing from the dictionary were made up by jieba's HMM and are often names.
    """
    classes: dict[str, str] = {}
    with tokenizer().get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                word, count, tag = parts
                classes[word] = tag if tag in _NAME_TAGS else str(len(count))
    lex = load_lexicon()
    return (classes, frozenset(lex.gazetteer.by_name), frozenset(lex.gazetteer.by_short),
            frozenset(lex.roles))


def features(text: str, tokens: tuple[tuple[int, int], ...] | None = None) -> list[list[str]]:
    """The feature strings of each character of ``text`` (shared with the trainer).

    Args:
        text: the sentence.
        tokens: its jieba token spans, if already computed (``kg.segment.segment``).
    """
    if tokens is None:
        tokens = segment(text)
    classes, places, shorts, roles = _lexicon()
    lex = load_lexicon()
    surnames, compound = lex.surnames, lex.compound_surnames
    norm = text.translate(_NORM)
    words = [text[s:e] for s, e in tokens]
    out: list[list[str]] = []
    pad = "\x02\x02" + norm + "\x03\x03"
    for k, (s, e) in enumerate(tokens):
        word = words[k]
        prev = words[k - 1] if k else "^"
        nxt = words[k + 1] if k + 1 < len(words) else "$"
        length = e - s
        kind = classes.get(word, "?")
        shared = ["L" + prev, "R" + nxt, "D" + kind,
                  "l" + classes.get(prev, "?"), "r" + classes.get(nxt, "?")]
        if word[:1] in surnames or word[:2] in compound:
            # surname + made-up word of two or three characters: most likely a name
            shared.append(f"K{min(length, 4)}{kind}")
        if prev in roles:
            shared.append("Lr")
        if nxt in roles:
            shared.append("Rr")
        if word in places:
            shared.append("G")
        elif word in shorts:
            shared.append("g")
        for i in range(s, e):
            if length == 1:
                where = "S"
            elif i == s:
                where = "B"
            elif i == e - 1:
                where = "E"
            else:
                where = "M"
            w = pad[i:i + 5]
            f = ["a" + w[0], "b" + w[1], "c" + w[2], "d" + w[3], "e" + w[4],
                 "f" + w[1:3], "g" + w[2:4], "h" + w[0:2], "i" + w[3:5], "j" + w[1:4],
                 "P" + where + str(min(length, 5)), "W" + where + word]
            f.extend(shared)
            if where in "BS":
                if norm[i] in surnames:
                    f.append("S1")
                if norm[i:i + 2] in compound:
                    f.append("S2")
            out.append(f)
    return out


class Model:
    """CRF weights: per-feature label scores and label-to-label transition scores."""

    def __init__(self, state: dict[str, tuple[tuple[int, float], ...]],
                 trans: list[list[float]]) -> None:
        self.state = state
        # I-X continues only B-X or I-X: the constraint that keeps spans well formed
        self.prevs = [[(k, trans[k][j]) for k, p in enumerate(LABELS)
                       if not label.startswith("I-") or (p != "O" and p[2:] == label[2:])]
                      for j, label in enumerate(LABELS)]
        self.start = [_NEG if label.startswith("I-") else 0.0 for label in LABELS]

    @classmethod
    def read(cls, stream: BinaryIO) -> Model:
        """Load gzipped TSV weights: ``feature<TAB>label:weight label:weight ...``.

        The line for feature ``\x00T`` holds transitions, label ``from * 7 + to``.
        """
        state: dict[str, tuple[tuple[int, float], ...]] = {}
        n = len(LABELS)
        trans = [[0.0] * n for _ in LABELS]
        with gzip.open(stream, "rt", encoding="utf-8") as fh:
            for line in fh:
                feat, _, rest = line.rstrip("\n").partition("\t")
                pairs = tuple((int(j), float(w)) for j, w in
                              (p.split(":") for p in rest.split(" ")))
                if feat == TRANSITIONS:
                    for j, w in pairs:
                        trans[j // n][j % n] = w
                else:
                    state[feat] = pairs
        return cls(state, trans)

    def decode(self, feats: list[list[str]]) -> list[str]:
        """The best valid BIO label sequence for per-character features (Viterbi)."""
        if not feats:
            return []
        state, prevs = self.state, self.prevs
        n_labels = len(LABELS)
        back: list[list[int]] = []
        score = self.start
        for i, fs in enumerate(feats):
            em = [0.0] * n_labels
            for f in fs:
                for j, w in state.get(f, ()):
                    em[j] += w
            if i == 0:
                score = [s + e for s, e in zip(score, em)]
                continue
            new, bp = [], []
            for j in range(n_labels):
                best, arg = _NEG, 0
                for k, w in prevs[j]:
                    s = score[k] + w
                    if s > best:
                        best, arg = s, k
                new.append(best + em[j])
                bp.append(arg)
            score = new
            back.append(bp)
        j = max(range(n_labels), key=score.__getitem__)
        path = [j]
        for bp in reversed(back):
            j = bp[j]
            path.append(j)
        return [LABELS[j] for j in reversed(path)]

    def tag(self, text: str, *, tokens: tuple[tuple[int, int], ...] | None = None) -> list[Span]:
        """Spans of ``text``; see :func:`tag`."""
        if not text:
            return []
        return spans_from_labels(self.decode(features(text, tokens)))


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped weights, read once."""
    with resources.files("kg").joinpath("data", "ner", WEIGHTS).open("rb") as fh:
        return Model.read(fh)


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
        tokens: jieba token spans of ``text`` (``kg.segment.segment``) if already computed.

    Returns:
        Non-overlapping ``(start, end_exclusive, label)`` spans in text order.
    """
    return default_model().tag(text, tokens=tokens)
