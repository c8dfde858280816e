"""Score a graph against gold YAML files, section by section.

Each section becomes a set of tuples: the entities themselves (by label) and
each of their relations (a post's role, a meeting's chair...). A predicted
entity stands for a gold one when any of its labels (rdfs:label or
skos:altLabel) equals any of the gold entity's label or aliases; campaigns
also match when a predicted label contains the gold's quoted core. Entries
marked `optional` are neither required nor counted against the graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, URIRef

from kg.errors import GoldError
from kg.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

SECTIONS = ("places", "organizations", "posts", "persons", "meetings", "documents", "campaigns")
_BRACKETS = re.compile(r"[（）()“”\"]")


def _norm(label: str) -> str:
    return _BRACKETS.sub("", str(label)).strip()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple] = field(default_factory=list)
    extras: list[tuple] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras


# ---------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    label: str
    names: set[str]
    optional: bool
    attrs: dict[str, list[str]]


def load_gold(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(str(path), f"cannot read gold YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldError(str(path), "expected a mapping with sections such as persons, posts")
    return data


_KEYS = {  # section → (label key, {relation: gold key})
    "places": ("label", {"in": "in"}),
    "organizations": ("label", {"type": "type", "jurisdiction": "jurisdiction"}),
    "posts": ("label", {"role": "role", "org": "org"}),
    "persons": ("name", {"holds": "posts"}),
    "meetings": ("label", {"date": "date", "location": "location", "chair": "chair",
                           "speaker": "speakers", "mentions": "mentions"}),
    "documents": ("title", {"publisher": "publishers", "read_at": "read_at"}),
    "campaigns": ("label", {"location": "location", "launched_by": "launched_by"}),
}


def gold_entities(data: dict, section: str, path: str) -> list[GoldEntity]:
    label_key, relations = _KEYS[section]
    out = []
    for i, item in enumerate(data.get(section) or []):
        if not isinstance(item, dict) or label_key not in item:
            raise GoldError(path, f"{section}[{i}] needs a '{label_key}'")
        label = str(item[label_key])
        names = {_norm(label), *(_norm(a) for a in item.get("aliases") or [])}
        attrs = {}
        for relation, key in relations.items():
            value = item.get(key)
            if value is None:
                continue
            attrs[relation] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        out.append(GoldEntity(label, names, bool(item.get("optional")), attrs))
    return out


# ---------------------------------------------------------------- graph

@dataclass
class Predicted:
    node: URIRef
    names: set[str]
    label: str
    attrs: dict[str, list[URIRef | str]]


def _names(g: Graph, node) -> tuple[str, set[str]]:
    labels = [str(o) for o in g.objects(node, RDFS.label)
              if getattr(o, "language", None) == "zh-Hans"]
    alts = [str(o) for o in g.objects(node, SKOS.altLabel)]
    label = sorted(labels)[0] if labels else str(node)
    return label, {_norm(x) for x in labels + alts}


def _in_source(g: Graph, source: str | None) -> set | None:
    """Sentences of the source document the gold file describes."""
    if not source:
        return None
    name = Path(source).name
    docs = [s for s, o in g.subject_objects(DCTERMS.source) if Path(str(o)).name == name]
    if not docs:
        return None
    return {s for d in docs for s in g.subjects(NIF.referenceContext, d)}


def predicted_entities(g: Graph, section: str, sentences: set | None) -> list[Predicted]:
    cls = {"places": KG.Place, "organizations": KG.Organization, "posts": KG.Post,
           "persons": KG.Person, "meetings": KG.Meeting, "documents": KG.Document,
           "campaigns": KG.Campaign}[section]
    out = []
    for node in sorted(g.subjects(RDF.type, cls)):
        if sentences is not None and not set(g.objects(node, PROV.wasDerivedFrom)) & sentences:
            continue
        label, names = _names(g, node)
        attrs: dict[str, list] = defaultdict(list)
        if section == "places":
            attrs["in"] = list(g.objects(node, SCHEMA.containedInPlace))
        elif section == "organizations":
            attrs["type"] = [str(n) for t in g.objects(node, KG.orgType)
                             for n in g.objects(t, SKOS.notation)]
            attrs["jurisdiction"] = list(g.objects(node, KG.jurisdiction))
        elif section == "posts":
            attrs["role"] = [str(lbl) for r in g.objects(node, ORG.role)
                             for lbl in g.objects(r, RDFS.label)
                             if getattr(lbl, "language", None) == "zh-Hans"]
            attrs["org"] = list(g.objects(node, ORG.postIn))
        elif section == "persons":
            attrs["holds"] = list(g.objects(node, ORG.holds))
        elif section == "meetings":
            attrs["date"] = [str(d) for d in g.objects(node, SCHEMA.startDate)]
            attrs["location"] = list(g.objects(node, SCHEMA.location))
            attrs["chair"] = list(g.objects(node, KG.chair))
            attrs["speaker"] = list(g.objects(node, KG.speaker))
            attrs["mentions"] = list(g.objects(node, KG.mentions))
        elif section == "documents":
            attrs["publisher"] = list(g.objects(node, SCHEMA.publisher))
            attrs["read_at"] = list(g.objects(node, KG.readAt))
        elif section == "campaigns":
            attrs["location"] = list(g.objects(node, SCHEMA.location))
            attrs["launched_by"] = list(g.objects(node, KG.launchedBy))
        out.append(Predicted(node, names, label, dict(attrs)))
    return out


def _matches(section: str, pred: Predicted, gold: GoldEntity) -> bool:
    if pred.names & gold.names:
        return True
    if section == "campaigns":
        core = _norm(gold.label)
        return any(core in n for n in pred.names)
    return False


# ---------------------------------------------------------------- scoring

def score_document(g: Graph, data: dict, path: str) -> dict[str, Score]:
    """Per-section scores of graph `g` against one gold file's `data`."""
    sentences = _in_source(g, data.get("source"))
    golds = {s: gold_entities(data, s, path) for s in SECTIONS}
    preds = {s: predicted_entities(g, s, sentences) for s in SECTIONS}
    # node → gold label (or its own label), and which gold labels are optional
    canonical: dict[URIRef, str] = {}
    optional: set[str] = set()
    for section in SECTIONS:
        for gold in golds[section]:
            if gold.optional:
                optional.add(gold.label)
        for pred in preds[section]:
            match = next((gd for gd in golds[section] if _matches(section, pred, gd)), None)
            canonical[pred.node] = match.label if match else "?" + pred.label

    def value(v) -> str:
        return canonical.get(v, str(v)) if isinstance(v, URIRef) else str(v)

    def gold_value(section_of_value: str | None, v: str) -> str:
        if section_of_value is None:
            return v
        for gd in golds[section_of_value]:
            if _norm(v) in gd.names:
                return gd.label
        return v

    value_sections = {"in": "places", "jurisdiction": "places", "org": "organizations",
                      "holds": "posts", "location": "places", "chair": "persons",
                      "speaker": "persons", "mentions": "campaigns",
                      "publisher": "organizations", "read_at": "meetings",
                      "launched_by": "organizations"}
    scores = {}
    for section in SECTIONS:
        gold_set, pred_set = set(), set()
        for gd in golds[section]:
            if gd.optional:
                continue
            gold_set.add((section, gd.label))
            for rel, values in gd.attrs.items():
                for v in values:
                    gold_set.add((rel, gd.label, gold_value(value_sections.get(rel), v)))
        for pred in preds[section]:
            label = canonical[pred.node]
            if label in optional:
                continue
            pred_set.add((section, label))
            for rel, values in pred.attrs.items():
                for v in values:
                    pred_set.add((rel, label, value(v)))
        pred_set = {t for t in pred_set if t[-1] not in optional}
        gold_set = {t for t in gold_set if t[-1] not in optional}
        scores[section] = Score(
            tp=len(gold_set & pred_set), fp=len(pred_set - gold_set), fn=len(gold_set - pred_set),
            misses=sorted(gold_set - pred_set), extras=sorted(pred_set - gold_set))
    return scores


def score(g: Graph, gold_paths: list[Path]) -> dict[str, Score]:
    total = {s: Score() for s in SECTIONS}
    for path in gold_paths:
        for section, sc in score_document(g, load_gold(path), str(path)).items():
            total[section].add(sc)
    return total


def format_scores(scores: dict[str, Score], *, errors: bool = False) -> str:
    lines = [f"{'section':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    total = Score()
    for section, sc in scores.items():
        total.add(sc)
        lines.append(f"{section:<14} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f}"
                     f" {sc.tp:5d} {sc.fp:5d} {sc.fn:5d}")
    lines.append(f"{'all':<14} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}"
                 f" {total.tp:5d} {total.fp:5d} {total.fn:5d}")
    if errors:
        for section, sc in scores.items():
            for miss in sc.misses:
                lines.append(f"miss  {section}: {' | '.join(map(str, miss))}")
            for extra in sc.extras:
                lines.append(f"extra {section}: {' | '.join(map(str, extra))}")
    return "\n".join(lines)
