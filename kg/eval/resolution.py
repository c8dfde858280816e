"""Score person resolution against a gold file of identities.

A mention is one document naming one person (within a document a name is
one person, so that is the unit resolution decides about). The gold file
(docs/resolution.md) lists identities, each with its mentions as
`{doc: FILE, posts: [...]}`; the graph's person nodes are read back as
clusters of mentions through the sentences they are derived from. Scores:
pairwise precision and recall over pairs of gold mentions, and B-cubed. A
gold mention the graph has no person for counts as a cluster of its own, so
a missed extraction costs recall instead of being skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import GoldError
from kg.eval.gold import Counts
from kg.graph.ns import DCTERMS, KG, NIF, PROV, RDF, RDFS, ZH_HANS, has_language

MentionKey = tuple[str, str]  # (document file name, name)


@dataclass
class ResolutionScore(Counts):
    b3_precision: list[float] = field(default_factory=list)
    b3_recall: list[float] = field(default_factory=list)
    missing: list[MentionKey] = field(default_factory=list)
    wrong_pairs: list[tuple[str, MentionKey, MentionKey]] = field(default_factory=list)

    def add(self, other: ResolutionScore) -> None:
        self.add_counts(other)
        self.b3_precision += other.b3_precision
        self.b3_recall += other.b3_recall
        self.missing += other.missing
        self.wrong_pairs += other.wrong_pairs


def gold_identities(data: dict, path: str) -> dict[MentionKey, str]:
    """Gold mention → identity id. Raises GoldError naming the bad entry."""
    out: dict[MentionKey, str] = {}
    items = data.get("identities")
    if not isinstance(items, list):
        raise GoldError(path, "'identities' must be a list of {id, name, mentions}")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("name") or not item.get("id"):
            raise GoldError(path, f"identities[{i}] needs an 'id' and a 'name'")
        mentions = item.get("mentions")
        if not isinstance(mentions, list) or not mentions:
            raise GoldError(path, f"identities[{i}] ({item['id']}) needs a list of mentions")
        for j, mention in enumerate(mentions):
            if not isinstance(mention, dict) or not mention.get("doc"):
                raise GoldError(path, f"identities[{i}].mentions[{j}] needs a 'doc'")
            key = (Path(str(mention["doc"])).name, str(item["name"]))
            if key in out:
                raise GoldError(path, f"identities[{i}].mentions[{j}]: {key[1]} in {key[0]} "
                                      f"is already a mention of {out[key]}")
            out[key] = str(item["id"])
    return out


def predicted_identities(g: Graph) -> dict[MentionKey, URIRef]:
    """Mention → the person node derived from it (the least IRI if several)."""
    source_name = {s: Path(str(o)).name for s, o in g.subject_objects(DCTERMS.source)}
    doc_of = {s: source_name.get(o) for s, o in g.subject_objects(NIF.referenceContext)}
    out: dict[MentionKey, URIRef] = {}
    for node in sorted(g.subjects(RDF.type, KG.Person)):
        names = [str(o) for o in g.objects(node, RDFS.label)
                 if has_language(o, ZH_HANS)]
        for sentence in g.objects(node, PROV.wasDerivedFrom):
            doc = doc_of.get(sentence)
            for name in names:
                if doc is not None:
                    out.setdefault((doc, name), node)
    return out


def score_identities(g: Graph, data: dict, path: str) -> ResolutionScore:
    gold = gold_identities(data, path)
    found = predicted_identities(g)
    # a mention the graph lacks is a cluster of its own
    predicted = {m: found.get(m, f"missing:{m}") for m in gold}
    result = ResolutionScore(missing=sorted(m for m in gold if m not in found))
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        if same_gold and same_pred:
            result.tp += 1
        elif same_pred:
            result.fp += 1
            result.wrong_pairs.append(("merged", a, b))
        elif same_gold:
            result.fn += 1
            result.wrong_pairs.append(("split", a, b))
    for m in sorted(gold):
        gold_cluster = {x for x in gold if gold[x] == gold[m]}
        pred_cluster = {x for x in gold if predicted[x] == predicted[m]}
        overlap = len(gold_cluster & pred_cluster)
        result.b3_precision.append(overlap / len(pred_cluster))
        result.b3_recall.append(overlap / len(gold_cluster))
    return result


def score_resolution(g: Graph | None, gold_paths: list[Path], *,
                     data_dir: Path | None = None) -> ResolutionScore:
    """Resolution scores over the gold files that list identities; with `g`
    None, each file's `source` (a folder of documents) is built first."""
    from kg.eval.gold import graph_for_gold, load_gold
    total = ResolutionScore()
    for path in gold_paths:
        data = load_gold(path)
        if "identities" not in data:
            continue
        graph = g if g is not None else graph_for_gold(data, str(path), data_dir)
        total.add(score_identities(graph, data, str(path)))
    return total


def format_resolution(score: ResolutionScore, *, errors: bool = False) -> str:
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    n = len(score.b3_precision)
    b3p = sum(score.b3_precision) / n if n else 1.0
    b3r = sum(score.b3_recall) / n if n else 1.0
    p, r = score.precision, score.recall
    lines = [f"{'resolution':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
             f"{'pairwise':<14} {p:6.3f} {r:6.3f} {f1(p, r):6.3f} {score.tp:5d} {score.fp:5d} {score.fn:5d}",
             f"{'b-cubed':<14} {b3p:6.3f} {b3r:6.3f} {f1(b3p, b3r):6.3f}   ({n} mentions)"]
    if errors:
        lines += [f"miss  mention: {name} in {doc} (no person node)" for doc, name in score.missing]
        lines += [f"{kind:<5} pair: {a[1]} in {a[0]} | {b[1]} in {b[0]}"
                  for kind, a, b in score.wrong_pairs]
    return "\n".join(lines)
