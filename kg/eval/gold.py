"""Score a graph against gold YAML files, section by section.

Each section becomes a set of tuples: the entities themselves (by label) and
each of their relations (a post's role, a meeting's chair...). A predicted
entity stands for a gold one when any of its labels (rdfs:label or
skos:altLabel) equals any of the gold entity's label or aliases; campaigns
also match when a predicted label contains the gold's quoted core. Entries
marked `optional` are neither required nor counted against the graph. The
events (talks, messages, inspections) are scored as the tuples of
`kg.eval.events`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, URIRef

from kg.errors import GoldError
from kg.eval.events import EVENT_SECTIONS, gold_event_tuples, predicted_event_tuples
from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, ZH_HANS, has_language

SECTIONS = ("places", "organizations", "posts", "persons", "meetings", "documents", "campaigns")
_BRACKETS = re.compile(r"[（）()“”\"]")


def _norm(label: str) -> str:
    return _BRACKETS.sub("", str(label)).strip()


@dataclass
class Counts:
    """True positives, false positives and false negatives, and what they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

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

    def add_counts(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Score(Counts):
    misses: list[tuple] = field(default_factory=list)
    extras: list[tuple] = field(default_factory=list)
    tp_by: dict[tuple[str, ...], int] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        self.add_counts(other)
        self.misses += other.misses
        self.extras += other.extras
        for key, value in other.tp_by.items():
            self.tp_by[key] = self.tp_by.get(key, 0) + value


# ---------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    label: str
    names: set[str]
    optional: bool
    attrs: dict[str, list[str]]


# libyaml's safe loader where PyYAML was built with it: a gold set is a few hundred files
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_gold(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
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
              if has_language(o, ZH_HANS)]
    alts = [str(o) for o in g.objects(node, SKOS.altLabel)]
    label = sorted(labels)[0] if labels else str(node)
    return label, {_norm(x) for x in labels + alts}


def _in_source(g: Graph, source: str | None) -> set | None:
    """Sentences of the source document the gold file describes."""
    if not isinstance(source, str):
        return None  # a corpus sentence: the graph was built from it alone
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
                             if has_language(lbl, ZH_HANS)]
            attrs["org"] = list(g.objects(node, ORG.postIn))
        elif section == "persons":
            # as of this report: a person resolved across reports holds posts from all of them
            # a holding with an end (a biography's past line, a removal) is not held as of it
            attrs["holds"] = list(g.objects(node, ORG.holds)) if sentences is None else [
                g.value(h, KG.post) for h in g.subjects(ORG.member, node)
                if set(g.objects(h, PROV.wasDerivedFrom)) & sentences
                and g.value(h, KG.endDate) is None]
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
    # (person, post): another person holding the same post as of the report still counts
    former = {(str(item.get("name")), str(p)) for item in data.get("persons") or []
              if isinstance(item, dict) for p in item.get("former_posts") or []}
    scores = {}
    for section in SECTIONS:
        if section not in data:
            continue  # a gold file that does not annotate a section is silent on it
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
        # a post the gold says the person held before (原…) is not held as of the report
        pred_set = {t for t in pred_set if t[-1] not in optional
                    and not (t[0] == "holds" and (t[1], t[2]) in former)}
        gold_set = {t for t in gold_set if t[-1] not in optional}
        hits = gold_set & pred_set
        scores[section] = Score(
            tp=len(hits), fp=len(pred_set - gold_set), fn=len(gold_set - pred_set),
            misses=sorted(gold_set - pred_set), extras=sorted(pred_set - gold_set),
            tp_by={rels: sum(1 for t in hits if t[0] in rels)
                   for _, rels in DERIVED.values()})
    if any(isinstance(p, dict) and "spans" in p for p in data.get("persons") or []):
        scores["spans"], scores["span posts"] = score_spans(g, data, sentences, canonical, path)
    predicted = predicted_event_tuples(g, data, sentences)
    for section, (gold_set, optional_set) in gold_event_tuples(data).items():
        pred_set = predicted[section] - optional_set
        scores[section] = Score(tp=len(gold_set & pred_set), fp=len(pred_set - gold_set),
                                fn=len(gold_set - pred_set), misses=sorted(gold_set - pred_set),
                                extras=sorted(pred_set - gold_set))
    return scores


def _span_value(value) -> str:
    return "" if value is None else str(value)


def score_spans(g: Graph, data: dict, sentences: set | None, canonical: dict[URIRef, str],
                path: str) -> tuple[Score, Score]:
    """(person, post, start, end) of every holding with a span, against the gold
    persons' `spans`; a post matches a gold span's post by any label or alias.
    And the same (person, post) with the dates aside ("span posts": whether each
    post of a career is read at all)."""
    gold_set, optional_posts = set(), set()
    span_posts: list[GoldEntity] = []
    for person in data.get("persons") or []:
        for i, span in enumerate(person.get("spans") or []):
            if not isinstance(span, dict) or "post" not in span:
                raise GoldError(path, f"a span of {person.get('name')} ([{i}]) needs a 'post'")
            label = str(span["post"])
            span_posts.append(GoldEntity(label, {_norm(label), *(
                _norm(a) for a in span.get("aliases") or [])}, False, {}))
            if span.get("optional"):
                optional_posts.add((str(person["name"]), label))
            else:
                gold_set.add(("spans", str(person["name"]), label,
                              _span_value(span.get("start")), _span_value(span.get("end"))))
    pred_set = set()
    for holding in g.subjects(RDF.type, KG.PostHolding):
        start, end = g.value(holding, KG.startDate), g.value(holding, KG.endDate)
        if start is None and end is None:
            continue
        if sentences is not None and not set(g.objects(holding, PROV.wasDerivedFrom)) & sentences:
            continue
        person = canonical.get(g.value(holding, ORG.member), "?")
        post_names = _names(g, g.value(holding, KG.post))[1]
        post = next((gd.label for gd in span_posts if gd.names & post_names),
                    "?" + _names(g, g.value(holding, KG.post))[0])
        if (person, post) not in optional_posts:
            pred_set.add(("spans", person, post, _span_value(start), _span_value(end)))
    return _compared(gold_set, pred_set), _compared({t[:3] for t in gold_set},
                                                    {t[:3] for t in pred_set})


def _compared(gold: set, pred: set) -> Score:
    hits = gold & pred
    return Score(tp=len(hits), fp=len(pred - gold), fn=len(gold - pred),
                 misses=sorted(gold - pred), extras=sorted(pred - gold))


# The careers rows (issue 13): spans as (person, post, start, end), and their
# (person, post) alone, which the "all" row does not count twice
SPAN_SECTIONS = ("spans", "span posts")
SUMMARY_ONLY = ("span posts",)

# Rows that single out one kind of tuple: (person, post) holdings, and a
# post's structure (its role and its organisation).
DERIVED = {"holdings": ("persons", ("holds",)), "post structure": ("posts", ("role", "org"))}


def derived(scores: dict[str, Score]) -> dict[str, Score]:
    out = {}
    for name, (section, relations) in DERIVED.items():
        if section not in scores:
            continue
        sc = scores[section]
        misses = [t for t in sc.misses if t[0] in relations]
        extras = [t for t in sc.extras if t[0] in relations]
        out[name] = Score(tp=sc.tp_by.get(relations, 0), fp=len(extras), fn=len(misses),
                          misses=misses, extras=extras)
    return out


def score(g: Graph | None, gold_paths: list[Path], *,
          data_dir: Path | None = None) -> dict[str, Score]:
    """Scores over all gold files, plus the derived rows.

    With `g` None, each gold file's own source is built: a path, or a
    sentence of a public corpus (`{corpus, sentence}`) read from `data_dir`.
    """
    total: dict[str, Score] = {}
    for path in gold_paths:
        data = load_gold(path)
        if not any(section in data for section in SECTIONS + EVENT_SECTIONS):
            continue  # e.g. a resolution gold (identities only): kg.eval.resolution's
        graph = g if g is not None else graph_for_gold(data, str(path), data_dir)
        for section, sc in score_document(graph, data, str(path)).items():
            total.setdefault(section, Score()).add(sc)
    ordered = {s: total[s] for s in (*SECTIONS, *EVENT_SECTIONS, *SPAN_SECTIONS) if s in total}
    return {**ordered, **derived(ordered)}


def graph_for_gold(data: dict, path: str, data_dir: Path | None) -> Graph:
    """Build the document a gold file describes: a file, a folder, a sentence of a
    public NER corpus (`{corpus, sentence}`), a line of a JSON Lines corpus
    (`{corpus, line, sha1}`) or a file of a corpus folder (`{corpus, file, sha1}`)."""
    from kg.extract.pipeline import extract
    from kg.text.document import corpus_document, load_document, make_document
    from kg.graph.rdf import build_graph
    source = data.get("source")
    if isinstance(source, dict):
        from kg.eval.corpora import read_corpus_file, read_corpus_line, read_sentence
        if data_dir is None or not data_dir.is_dir():
            raise GoldError(path, f"its source is in a public corpus; the data folder "
                                  f"{data_dir} is missing (set ZHKG_DATA or --data)")
        corpus = str(source.get("corpus"))
        if "line" in source:
            item = read_corpus_line(data_dir, corpus, int(source["line"]))
            _check_sha1(path, source, item.text.encode("utf-8"))
            doc = corpus_document(item)
        elif "file" in source:
            file = read_corpus_file(data_dir, corpus, str(source["file"]))
            _check_sha1(path, source, file.read_bytes())
            doc = load_document(file, shown_as=f"{corpus}/{source['file']}")
        else:
            text = read_sentence(data_dir, corpus, int(source["sentence"]))
            doc = make_document(text, doc_id=Path(path).stem, path=Path(path).stem)
    elif isinstance(source, str) and Path(source).is_dir():
        # a corpus of several documents, resolved together
        from kg.batch.build import BuildReport, extract_all
        return build_graph(extract_all([source], report=BuildReport()))
    elif isinstance(source, str):
        doc = load_document(Path(source), shown_as=source)
    else:
        raise GoldError(path, "needs a source: a file path, or {corpus, sentence}")
    return build_graph([extract(doc)])


def _check_sha1(path: str, source: dict, data: bytes) -> None:
    if "sha1" in source and hashlib.sha1(data).hexdigest() != source["sha1"]:
        raise GoldError(path, f"its source ({source.get('corpus')}) is not the text it was "
                              f"annotated on (sha1 differs): the corpus has changed")


def format_scores(scores: dict[str, Score], *, errors: bool = False) -> str:
    """The table `kg eval` prints; with `errors`, every miss and extra."""
    def row(name: str, sc: Score) -> str:
        return (f"{name:<14} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f}"
                f" {sc.tp:5d} {sc.fp:5d} {sc.fn:5d}")

    lines = [f"{'section':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    total = Score()
    sections = [(s, c) for s, c in scores.items() if s not in DERIVED]
    for section, sc in sections:
        if section not in SUMMARY_ONLY:
            total.add(sc)
        lines.append(row(section, sc))
    lines.append(row("all", total))
    lines += [row(name, sc) for name, sc in scores.items() if name in DERIVED]
    if errors:
        for section, sc in sections:
            lines += [f"miss  {section}: {' | '.join(map(str, t))}" for t in sc.misses]
            lines += [f"extra {section}: {' | '.join(map(str, t))}" for t in sc.extras]
    return "\n".join(lines)
