"""Score entity recognisers on a public NER corpus: exact spans, per class.

``kg eval --corpus PATH --format bio|bmes|cluener`` prints :func:`evaluate_corpus`'s table:
zhkg's CRF tagger (:mod:`kg.extract.ner`) beside the jieba POS baseline (``nr`` → PER, ``nt`` → ORG,
``ns`` → LOC, one span per token, as the peers table in the shared data README measures it),
with the speed of each and of bare ``jieba.lcut`` for scale.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.eval.corpora import Span, iter_file

CLASSES = ("PER", "ORG", "LOC")
_JIEBA_CLASSES = {"nr": "PER", "nt": "ORG", "ns": "LOC"}


def count(gold: Iterable[Span], pred: Iterable[Span], counts: Counter | None = None) -> Counter:
    """Add one sentence's exact-span matches to ``counts``: keys ``(class, tp|gold|pred)``."""
    counts = Counter() if counts is None else counts
    gold, pred = set(gold), set(pred)
    for spans, key in ((gold, "gold"), (pred, "pred"), (gold & pred, "tp")):
        for _, _, label in spans:
            counts[label, key] += 1
    return counts


def prf(counts: Counter, label: str | None = None) -> tuple[float, float, float]:
    """Precision, recall and F1 of one class, or micro-averaged over CLASSES."""
    labels = CLASSES if label is None else (label,)
    tp = sum(counts[c, "tp"] for c in labels)
    pred = sum(counts[c, "pred"] for c in labels)
    gold = sum(counts[c, "gold"] for c in labels)
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def jieba_tagger() -> tuple[Callable[[str], list[Span]], Callable[[str], object]]:
    """The baseline (jieba.posseg tags, tokens not merged) and bare ``jieba.lcut``.

    Plain jieba without our domain words, so the figures match the published baseline;
    that is why jieba is imported here and not only in :mod:`kg.text.segment`.
    """
    import logging

    import jieba
    import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    def tag(text: str) -> list[Span]:
        spans, pos = [], 0
        for word, flag in jieba.posseg.cut(text):
            label = _JIEBA_CLASSES.get(flag)
            if label:
                spans.append((pos, pos + len(word), label))
            pos += len(word)
        return spans
    return tag, jieba.lcut


def _run(tagger: Callable[[str], object], texts: list[str]) -> tuple[list, float]:
    """Outputs of ``tagger`` on every text and the seconds it took (after one warm-up call)."""
    tagger(texts[0] if texts else "")
    began = time.perf_counter()
    out = [tagger(t) for t in texts]
    return out, time.perf_counter() - began


def evaluate_corpus(path: Path, fmt: str, *, limit: int | None = None) -> str:
    """Score zhkg's tagger and the jieba baseline on a corpus; return the table as text.

    Args:
        path: a corpus file (People's Daily ``.char.bio``, Resume ``.char.bmes``, CLUENER
            ``.json``); classes other than PER, ORG, LOC are ignored.
        fmt: ``bio``, ``bmes`` or ``cluener``.
        limit: score only the first ``limit`` sentences.

    Raises:
        InputError: the file is missing or a line is malformed (with path and line).
    """
    from kg.extract.ner import tag

    texts, golds = [], []
    for index, text, spans in iter_file(Path(path), fmt):
        if limit is not None and index >= limit:
            break
        texts.append(text)
        golds.append([s for s in spans if s[2] in CLASSES])
    jieba_tag, lcut = jieba_tagger()
    ours, t_ours = _run(tag, texts)
    base, t_base = _run(jieba_tag, texts)
    _, t_lcut = _run(lcut, texts)
    c_ours, c_base = Counter(), Counter()
    for gold, a, b in zip(golds, ours, base):
        count(gold, a, c_ours)
        count(gold, b, c_base)

    def row(name: str, label: str | None) -> str:
        cells = [f"{x:.3f}" for counts in (c_ours, c_base) for x in prf(counts, label)]
        gold = sum(c_ours[c, "gold"] for c in ((label,) if label else CLASSES))
        return f"{name:<6} {' '.join(cells[:3])} | {' '.join(cells[3:])} | {gold}"

    chars = sum(map(len, texts))

    def rate(seconds: float) -> str:
        return f"{chars / seconds:,.0f}" if seconds else "-"
    lines = [f"{len(texts)} sentences, {chars:,} characters; exact-span matching",
             "class  zhkg P R F1         | jieba P R F1        | gold"]
    lines += [row(c, c) for c in CLASSES] + [row("all", None)]
    ratio = f"{t_lcut / t_ours:.2f}" if t_ours else "-"
    lines.append(f"speed  zhkg {rate(t_ours)} chars/s, jieba.posseg {rate(t_base)} chars/s, "
                 f"jieba.lcut {rate(t_lcut)} chars/s (zhkg/lcut ratio {ratio})")
    return "\n".join(lines)
