"""Draw 新闻联播 sentences naming a message or an inspection word, and list what the events
stage makes of them, for a hand audit (issue 14).

    python scripts/audit_events.py draw -n 60 --seed 20261206 --exclude LINES -o sample.tsv
    python scripts/audit_events.py run sample.tsv --judged OLD.tsv -o audit.tsv
    python scripts/audit_events.py --score audit.tsv

`draw` takes, for each section (messages: kg/data/events.yaml's `message_words`;
inspections: its `inspection_words`), `n` sentences at random from the items of the corpus
that no gold set of tests/gold holds (nor the 1-based lines listed in the `--exclude` files).
`run` extracts those items and writes one row per tuple the stage gives for a drawn sentence
(messages: sender→recipient; inspections: person→place, the place a division's name or a
site's label): `judgement` is carried over from `--judged` for a tuple judged before, else
left empty, to be filled by hand with `right` or `wrong`. A row judged `missed` (a tuple the
sentence tells that the stage did not give) is carried over while the stage still misses it,
and becomes a row to judge once it gives it. `--score` prints precision and recall.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Iterable
from pathlib import Path

from kg.eval.audits import read_audit, write_audit

CORPUS = "xwlb/xwlb-2012-2019.jsonl.gz"
GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
COLUMNS = ["section", "line", "sentence", "tuple", "judgement", "text"]
SECTION_WORDS = {"messages": "message_words", "inspections": "inspection_words"}
# a tuple is written source→target
ARROW = "\u2192"
# the judge sees the sentence up to this many characters
SHOWN = 300


def gold_lines() -> set[int]:
    """The corpus lines (1-based) the 新闻联播 gold sets hold: xwlb-LLLLL.yaml."""
    return {int(p.stem.split("-")[1]) for p in GOLD.glob("xwlb-*/xwlb-*.yaml")}


def draw(data: Path, n: int, seed: int, excluded: set[int]) -> list[dict[str, str]]:
    from kg.lang.language import default_language
    from kg.text.document import make_document
    from kg.text.normalize import split_sentences

    lex = default_language().lexicon
    words = {s: lex.words(w) for s, w in SECTION_WORDS.items()}
    anything = re.compile("|".join(w for ws in words.values() for w in ws))
    pools: dict[str, list[tuple[int, int, str]]] = {s: [] for s in words}
    with gzip.open(data / CORPUS, "rt", encoding="utf-8") as lines:
        for number, raw in enumerate(lines, 1):
            item = json.loads(raw)
            if number in excluded or not anything.search(item["text"]):
                continue
            text = make_document(item["text"], doc_id=str(number), path=CORPUS).text
            for index, (start, end) in enumerate(split_sentences(text)):
                for section, ws in words.items():
                    if any(w in text[start:end] for w in ws):
                        pools[section].append((number, index, text[start:end]))
    rng = random.Random(seed)
    return [{"section": section, "line": str(line), "sentence": str(index),
             "text": " ".join(sentence.split())[:SHOWN]}
            for section in words for line, index, sentence in rng.sample(pools[section], n)]


def tuples(extraction, section: str) -> Iterable[tuple[int, str]]:
    """(sentence index, source→target) of each tuple of one section of an extraction."""
    if section == "messages":
        for m in extraction.messages:
            yield m.mention.sentence, f"{m.sender_label}{ARROW}{m.recipient_label}"
    else:
        for visit in extraction.inspections:
            places = [p.name for p in visit.places] + [s.label for s in visit.sites]
            for person in visit.people:
                for place in places:
                    yield visit.mention.sentence, f"{person.text}{ARROW}{place}"


def run(data: Path, sample: list[dict[str, str]],
        judged: list[dict[str, str]]) -> list[dict[str, str]]:
    from kg.eval.corpora import read_corpus_line
    from kg.extract.pipeline import extract
    from kg.text.document import corpus_document

    known = {(r["section"], r["line"], r["sentence"], r["tuple"]): r["judgement"] for r in judged}
    drawn = {(r["section"], r["line"], r["sentence"]): r["text"] for r in sample}
    given: dict[tuple[str, str, str, str], str] = {}
    for line in sorted({int(r["line"]) for r in sample}):
        extraction = extract(corpus_document(read_corpus_line(data, CORPUS, line)))
        for section in SECTION_WORDS:
            for index, pair in tuples(extraction, section):
                if (section, str(line), str(index)) in drawn:
                    key = (section, str(line), str(index), pair)
                    was = known.get(key, "")
                    given[key] = "" if was == "missed" else was
    missed = {k: v for k, v in known.items() if v == "missed" and k not in given}
    rows = {**given, **missed}
    return [{"section": s, "line": ln, "sentence": i, "tuple": t, "judgement": rows[(s, ln, i, t)],
             "text": drawn[(s, ln, i)]}
            for s, ln, i, t in sorted(rows, key=lambda k: (k[0], int(k[1]), int(k[2]), k[3]))]


def score(rows: list[dict[str, str]]) -> dict[str, tuple[int, int, int]]:
    """Section → (right, wrong, missed)."""
    unknown = sorted({r["judgement"] for r in rows} - {"right", "wrong", "missed"})
    if unknown:
        raise SystemExit(f"judgements must be right, wrong or missed, found {unknown}")
    return {section: tuple(sum(r["section"] == section and r["judgement"] == j for r in rows)
                           for j in ("right", "wrong", "missed"))
            for section in SECTION_WORDS}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", nargs="?", choices=["draw", "run"])
    ap.add_argument("sample", nargs="?", type=Path)
    ap.add_argument("--data", type=Path, default=None,
                    help="the public corpora (default: $ZHKG_DATA, else ../shared/data)")
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--exclude", type=Path, action="append", default=[])
    ap.add_argument("--judged", type=Path)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--score", type=Path, metavar="FILE")
    args = ap.parse_args()
    if args.data is None:
        from kg.cli import default_data_dir
        args.data = default_data_dir()
    if args.score:
        for section, (right, wrong, missed) in score(read_audit(args.score)).items():
            print(f"{section:12} precision {right / max(right + wrong, 1):.3f} "
                  f"({right}/{right + wrong})  recall {right / max(right + missed, 1):.3f} "
                  f"({right}/{right + missed})")
        return
    if args.command == "draw":
        excluded = gold_lines() | {int(x) for path in args.exclude
                                   for x in path.read_text(encoding="utf-8").split()}
        rows = draw(args.data, args.n, args.seed, excluded)
        columns = ["section", "line", "sentence", "text"]
    elif args.command == "run" and args.sample:
        rows = run(args.data, read_audit(args.sample), read_audit(args.judged) if args.judged else [])
        columns = COLUMNS
    else:
        ap.error("draw, run SAMPLE or --score FILE")
    write_audit(rows, columns, args.output)


if __name__ == "__main__":
    main()
