"""Train zhkg's NER weights (kg/data/ner/crf.tsv.gz) from the public corpora.

    python scripts/train_ner.py [--data ../shared/data] [--seed 13] [--extra cluener]

In-domain data: People's Daily dev and MSRA val (1990s news, PER/ORG/LOC). A seeded
``--heldout`` fraction of those sentences is kept out of training and scored at the end;
People's Daily test is never read. ``--extra`` adds mapped CLUENER / Resume training data.
Training is python-crfsuite's L-BFGS (deterministic for a given seed and data); the weights
are exported as gzipped TSV with small ones dropped, and the held-out score is measured with
kg.ner's own decoder reading that file, so it describes exactly what ships.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from kg.corpora import iter_tagged
from kg.ner import LABELS, TRANSITIONS, WEIGHTS, Model, features, spans_from_labels
from kg.ner_eval import CLASSES, count, prf

ROOT = Path(__file__).resolve().parents[1]
IN_DOMAIN = ("people_daily/dev.char.bio", "msra_val/sentences.txt")
# Other corpora's classes mapped onto ours; classes left out become O.
EXTRA = {
    "cluener": ("cluener/train.json", {"name": "PER", "organization": "ORG",
                                       "government": "ORG", "company": "ORG",
                                       "address": "LOC"}),
    "resume": ("resume/train.char.bmes", {"NAME": "PER", "ORG": "ORG", "LOC": "LOC"}),
}


def bio(n: int, spans) -> list[str]:
    labels = ["O"] * n
    for start, end, label in spans:
        labels[start] = "B-" + label
        labels[start + 1:end] = ["I-" + label] * (end - start - 1)
    return labels


def load(data: Path, *, seed: int, heldout: float, extra: list[str]):
    """Training (text, labels) pairs and held-out (text, spans) pairs."""
    rng = random.Random(seed)
    train, dev = [], []
    for corpus in IN_DOMAIN:
        for _, text, spans in iter_tagged(data, corpus):
            if rng.random() < heldout:
                dev.append((text, spans))
            else:
                train.append((text, bio(len(text), spans)))
    for name in extra:
        corpus, mapping = EXTRA[name]
        for _, text, spans in iter_tagged(data, corpus):
            kept = [(s, e, mapping[lab]) for s, e, lab in spans if lab in mapping]
            train.append((text, bio(len(text), kept)))
    return train, dev


def export(model_path: str, out: Path, *, prune: float) -> int:
    """Write crfsuite's weights as kg.ner reads them; return the number of features kept."""
    tagger = pycrfsuite.Tagger()
    tagger.open(model_path)
    info = tagger.info()
    index = {label: j for j, label in enumerate(LABELS)}
    rows: dict[str, list[tuple[int, float]]] = {}
    for (feat, label), w in info.state_features.items():
        if abs(w) >= prune:
            rows.setdefault(feat, []).append((index[label], w))
    trans = [(index[a] * len(LABELS) + index[b], w) for (a, b), w in info.transitions.items()]
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same weights give the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for feat, pairs in [(TRANSITIONS, sorted(trans))] + sorted(rows.items()):
            cells = " ".join(f"{j}:{w:.4g}" for j, w in sorted(pairs))
            gz.write(f"{feat}\t{cells}\n".encode("utf-8"))
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path,
                    default=Path(os.environ.get("ZHKG_DATA", ROOT.parent / "shared" / "data")))
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "ner" / WEIGHTS)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--heldout", type=float, default=0.1)
    ap.add_argument("--extra", nargs="*", default=[], choices=sorted(EXTRA))
    ap.add_argument("--c1", type=float, default=0.05, help="L1 penalty")
    ap.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--minfreq", type=float, default=1, help="drop rarer features")
    ap.add_argument("--prune", type=float, default=0.01, help="drop smaller weights")
    args = ap.parse_args()

    began = time.time()
    train, dev = load(args.data, seed=args.seed, heldout=args.heldout, extra=args.extra)
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, labels in train:
        trainer.append(features(text), labels)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.minfreq": args.minfreq,
                        "feature.possible_transitions": True})
    print(f"training on {len(train)} sentences "
          f"({sum(len(t) for t, _ in train):,} chars), {len(dev)} held out")
    with tempfile.TemporaryDirectory() as tmp:
        model_path = str(Path(tmp) / "model.crfsuite")
        trainer.train(model_path)
        kept = export(model_path, args.out, prune=args.prune)
    with open(args.out, "rb") as fh:
        model = Model.read(fh)
    counts = Counter()
    for text, gold in dev:
        count(gold, spans_from_labels(model.decode(features(text))), counts)
    print(f"{kept:,} features, {args.out.stat().st_size / 1e6:.1f} MB -> {args.out}; "
          f"{time.time() - began:.0f} s")
    for label in (*CLASSES, None):
        p, r, f = prf(counts, label)
        print(f"held-out {label or 'all':<4} P {p:.3f} R {r:.3f} F1 {f:.3f} "
              f"(gold {sum(counts[c, 'gold'] for c in ((label,) if label else CLASSES))})")


if __name__ == "__main__":
    main()
