"""Draw person nodes at random from a built graph for a hand audit: name or not name.

    python scripts/audit_people.py GRAPH -n 300 --seed 20261202 -o tests/gold/audits/people.tsv

GRAPH is a graph file or store folder (a build of the whole corpus, for issue 12). Each row
gives the node, its label, how many sentences name it, and the first sentence naming it
(with the name bracketed) for the judge; the `judgement` column is left empty, to be filled
with `name` or `not-name` by hand. `--score FILE` prints the precision of a filled file.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pyoxigraph as ox

from kg.eval.audits import read_audit, write_audit
from kg.store.oxigraph import open_store
from kg.store.query import run_query

PEOPLE = """
SELECT ?person ?label (COUNT(?s) AS ?mentions) (MIN(STR(?s)) AS ?first) WHERE {
  ?person a kg:Person ; rdfs:label ?label ; prov:wasDerivedFrom ?s .
  FILTER(langMatches(lang(?label), "zh-Hans"))
} GROUP BY ?person ?label ORDER BY ?person
"""
SENTENCE = "SELECT ?s ?text WHERE { ?s nif:anchorOf ?text }"
COLUMNS = ["person", "label", "mentions", "sentence", "judgement"]


def draw(graph: Path, n: int, seed: int) -> list[dict[str, str]]:
    store = open_store(graph)
    rows = run_query(store, PEOPLE).rows
    chosen = sorted(random.Random(seed).sample(range(len(rows)), min(n, len(rows))))
    out = []
    for i in chosen:
        person, label, mentions, first = rows[i]
        text = run_query(store, SENTENCE, bindings={"s": ox.NamedNode(first.value)}).rows
        sentence = text[0][1].value if text else ""
        at = sentence.find(label.value)
        if at >= 0:
            sentence = f"{sentence[:at]}【{label.value}】{sentence[at + len(label.value):]}"
        out.append({"person": person.value, "label": label.value, "mentions": mentions.value,
                    "sentence": " ".join(sentence.split())[:200], "judgement": ""})
    return out


def score(path: Path) -> tuple[int, int]:
    judged = [r["judgement"] for r in read_audit(path)]
    unknown = sorted({j for j in judged if j not in ("name", "not-name")})
    if unknown:
        raise SystemExit(f"{path}: judgements must be name or not-name, found {unknown}")
    return judged.count("name"), len(judged)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", nargs="?", type=Path)
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--score", type=Path, metavar="FILE")
    args = ap.parse_args()
    if args.score:
        names, total = score(args.score)
        print(f"{args.score}: {names}/{total} names, precision {names / total:.3f}")
        return
    rows = draw(args.graph, args.n, args.seed)
    write_audit(rows, COLUMNS, args.output)


if __name__ == "__main__":
    main()
