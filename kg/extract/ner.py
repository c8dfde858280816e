"""Person, organisation and place names: a linear-chain CRF over characters.

``tag(text)`` returns ``(start, end_exclusive, label)`` spans, label PER, ORG or LOC.
The weights in ``kg/data/ner/`` were trained by ``scripts/train_ner.py`` on public
People's Daily / MSRA data plus CLUENER's person names (see ``kg/data/ner/README.md``);
they load on first use.

Features per character (:func:`features`; the weights file names the groups it uses):
characters and bigrams in a window of two, then knowledge the small corpus lacks, found by
longest-match scans over the text itself — no segmentation is involved, so the tagger gives
the same answer whichever segmenter ``kg.text.segment`` runs and whatever domain words it adds:

- ``lex``: where the character sits in a match of a division name (full or short), a
  country, a national body or its alias, an organisation suffix word, a role word, or a
  name-like word of jieba's dictionary (``nr``/``ns``/``nt``/``nz``/``j``...);
- ``dic``: the longest jieba dictionary word starting and ending at it, and its class;
- ``chr``: surname characters and runs of transliteration characters (基里延科).

The older ``tok`` group (the character's jieba token and its neighbours) is still
supported for weights trained with it. Decoding is Viterbi constrained to valid BIO
sequences, so every span is well formed.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from kg.lang.lexicon import load_lexicon
from kg.text.segment import segment

Span = tuple[int, int, str]
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
WEIGHTS = "crf.tsv.gz"
TRANSITIONS = "\x00T"
GROUPS = "\x00F"  # the weights' feature groups (see features); absent: ("tok",)
DEFAULT_GROUPS = ("lex", "chr", "dic")
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
# ... and those scanned for (``j``: abbreviations such as 中组部)
_SCAN_TAGS = _NAME_TAGS | {"j"}
_MAX_WORD = 12


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """Word classes from jieba's dictionary, division names (full, short), role words.

    A word's class is its name-like tag (``ns`` ...), else the order of magnitude of its
    count; words missing from the dictionary were made up by jieba's HMM and are often names.
    """
    classes: dict[str, str] = {}
    for word, count, tag in _jieba_dict():
        classes[word] = tag if tag in _NAME_TAGS else str(len(count))
    lex = load_lexicon()
    return (classes, frozenset(lex.gazetteer.by_name), frozenset(lex.gazetteer.by_short),
            frozenset(lex.roles))


def _jieba_dict() -> Iterator[list[str]]:
    """``(word, count, tag)`` rows of jieba's own dictionary file (not our added words).

    The file is found without importing jieba (kg.text.segment is the module that does), and
    without starting a segmenter: whichever one kg.text.segment uses, this file is its base.
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is needed for its dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    with path.open("rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                yield parts


@lru_cache(maxsize=1)
def _matcher() -> dict[str, tuple[str, ...]]:
    """Word lists scanned for longest matches: word -> its classes; prefixes -> ().

    Classes: ``dv`` division full name, ``ds`` its short name, ``cn`` country, ``nb``
    national body or alias, ``os`` organisation suffix word, ``ro`` role word, and
    ``j`` + jieba's tag for name-like words of jieba's dictionary (``jns``, ``jnr`` ...).
    The scan looks at the text only, never at a segmentation.
    """
    lex = load_lexicon()
    words: dict[str, set[str]] = {}
    lists = [("dv", lex.gazetteer.by_name), ("ds", lex.gazetteer.by_short),
             ("cn", lex.countries), ("os", lex.org_suffixes), ("ro", lex.roles),
             ("nb", [w for label, body in lex.national.items() for w in (label, *body.aliases)])]
    for cls, items in lists:
        for word in items:
            words.setdefault(word, set()).add(cls)
    for word, _, tag in _jieba_dict():
        if tag in _SCAN_TAGS and len(word) >= 2:
            words.setdefault(word, set()).add("j" + tag)
    table: dict[str, tuple[str, ...]] = {}
    for word in words:
        for k in range(1, len(word)):
            table.setdefault(word[:k], ())
    for word, classes in words.items():
        table[word] = tuple(sorted(classes))
    return table


def _scan(text: str) -> list[list[str]]:
    """Per character: where it sits in the longest match of each word class.

    ``xdvB3``: begins a three-character division name; ``xdvE``: ends one; ``xos>``: the
    character right after an organisation suffix word; ``xdv<``: right before a division.
    """
    table = _matcher()
    n = len(text)
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for i in range(n):
        for j in range(i + 1, min(n, i + _MAX_WORD) + 1):
            classes = table.get(text[i:j])
            if classes is None:
                break
            for cls in classes:
                for k in range(i, j):
                    old = best.get((k, cls))
                    if old is None or old[1] - old[0] < j - i:
                        best[k, cls] = (i, j)
    out: list[list[str]] = [[] for _ in range(n)]
    for (k, cls), (i, j) in best.items():
        f = out[k]
        if j - i == 1:
            f.append("x" + cls + "S")
        elif k == i:
            f.append(f"x{cls}B{min(j - i, 6)}")
            if i:
                out[i - 1].append("x" + cls + "<")
        elif k == j - 1:
            f.append("x" + cls + "E")
            if j < n:
                out[j].append("x" + cls + ">")
        else:
            f.append("x" + cls + "M")
    for f in out:
        if len(f) > 1:
            f[:] = sorted(set(f))
    return out


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """jieba's dictionary as word -> class (name-like tag or count magnitude); prefixes -> ""."""
    table: dict[str, str] = {}
    rows = [(w, tag if tag in _NAME_TAGS else str(len(n))) for w, n, tag in _jieba_dict()]
    for word, _ in rows:
        for k in range(1, len(word)):
            table.setdefault(word[:k], "")
    for word, kind in rows:
        table[word] = kind
    return table


def _words(text: str) -> list[list[str]]:
    """Per character: the longest jieba dictionary word starting and ending there.

    A segmentation-free stand-in for the token features: ``yB3ns`` the character starts a
    three-character place word, ``yE2`` ends a two-character word of count magnitude 2.
    """
    table = _dictionary()
    n = len(text)
    out: list[list[str]] = [[] for _ in range(n)]
    ends: list[tuple[int, str]] = [(0, "")] * n
    for i in range(n):
        best, kind = 0, ""
        for j in range(i + 2, min(n, i + _MAX_WORD) + 1):
            k = table.get(text[i:j])
            if k is None:
                break
            if k:
                best, kind = j - i, k
        if best:
            out[i].append(f"yB{min(best, 5)}{kind}")
            if best > ends[i + best - 1][0]:
                ends[i + best - 1] = (best, kind)
        else:
            out[i].append("yB1" + table.get(text[i], "?"))
    for i, (length, kind) in enumerate(ends):
        if length:
            out[i].append(f"yE{min(length, 5)}{kind}")
    return out


def _char_classes(text: str) -> list[list[str]]:
    """Per character: surname (one or two characters) and transliteration-name runs."""
    lex = load_lexicon()
    surnames, compound, start, any_ = (lex.surnames, lex.compound_surnames, lex.translit,
                                       lex.translit_any)
    n = len(text)
    out: list[list[str]] = [[] for _ in range(n)]
    run = 0
    for i, ch in enumerate(text):
        f = out[i]
        if ch in surnames:
            f.append("s1")
        if text[i:i + 2] in compound:
            f.append("s2")
        if ch in start:
            f.append("ts")
        run = run + 1 if ch in any_ else 0
        if run and (i + 1 == n or text[i + 1] not in any_):
            # a run of transliteration characters: 基里延科, 内塔尼亚胡
            for k in range(i - run + 1, i + 1):
                pos = "S" if run == 1 else "B" if k == i - run + 1 else "E" if k == i else "M"
                out[k].append(f"tr{pos}{min(run, 5)}")
    return out


def features(text: str, tokens: tuple[tuple[int, int], ...] | None = None, *,
             groups: tuple[str, ...] = DEFAULT_GROUPS) -> list[list[str]]:
    """The feature strings of each character of ``text`` (shared with the trainer).

    Args:
        text: the sentence.
        tokens: its jieba token spans, if already computed (``kg.text.segment.segment``);
            read only by the ``tok`` group (the shipped weights don't use it).
        groups: feature groups besides character n-grams: ``tok`` (jieba tokens),
            ``lex`` (longest-match lexicon scan, segmentation-free), ``dic`` (longest
            jieba dictionary words starting and ending at each character), ``chr`` (surname and
            transliteration characters), ``w3`` (characters three away).
    """
    norm = text.translate(_NORM)
    pad = "\x02\x02\x02" + norm + "\x03\x03\x03"
    w3 = "w3" in groups
    out: list[list[str]] = []
    for i in range(len(text)):
        w = pad[i + 1:i + 6]
        f = ["a" + w[0], "b" + w[1], "c" + w[2], "d" + w[3], "e" + w[4],
             "f" + w[1:3], "g" + w[2:4], "h" + w[0:2], "i" + w[3:5], "j" + w[1:4]]
        if w3:
            f += ["k" + pad[i], "m" + pad[i + 6], "n" + w[0:3], "o" + w[2:5]]
        out.append(f)
    if "tok" in groups:
        for f, g in zip(out, _token_features(text, norm, tokens)):
            f.extend(g)
    if "lex" in groups:
        for f, g in zip(out, _scan(text)):
            f.extend(g)
    if "dic" in groups:
        for f, g in zip(out, _words(text)):
            f.extend(g)
    if "chr" in groups:
        for f, g in zip(out, _char_classes(text)):
            f.extend(g)
    return out


def _token_features(text: str, norm: str,
                    tokens: tuple[tuple[int, int], ...] | None) -> list[list[str]]:
    """Per character: its jieba token, the neighbours, their dictionary classes."""
    if tokens is None:
        tokens = segment(text)
    classes, places, shorts, roles = _lexicon()
    lex = load_lexicon()
    surnames, compound = lex.surnames, lex.compound_surnames
    words = [text[s:e] for s, e in tokens]
    out: list[list[str]] = []
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
            f = ["P" + where + str(min(length, 5)), "W" + where + word]
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
                 trans: list[list[float]], groups: tuple[str, ...] = ("tok",)) -> None:
        self.state = state
        self.groups = groups
        # I-X continues only B-X or I-X: the constraint that keeps spans well formed
        self.prevs = [[(k, trans[k][j]) for k, p in enumerate(LABELS)
                       if not label.startswith("I-") or (p != "O" and p[2:] == label[2:])]
                      for j, label in enumerate(LABELS)]
        self.start = [_NEG if label.startswith("I-") else 0.0 for label in LABELS]

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
        return spans_from_labels(self.decode(features(text, tokens, groups=self.groups)))


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
        tokens: jieba token spans of ``text`` (``kg.text.segment.segment``) if already computed;
            only weights using the ``tok`` feature group read them.

    Returns:
        Non-overlapping ``(start, end_exclusive, label)`` spans in text order.
    """
    return default_model().tag(text, tokens=tokens)
