"""Draw a knowledge graph as one self-contained, offline HTML page.

The RDF graph becomes a networkx graph of the domain entities
(:func:`entity_graph`, also used by the GraphML and CSV exports); pyvis holds
the finished node and edge lists and the vis-network options, and our own
template in ``kg/data/viewer.html`` inlines vis-network's JavaScript and CSS,
so the page needs no network at all.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import rdflib

from kg.errors import UsageError
from kg.io import atomic_file
from kg.graph.datasets import as_graph
from kg.graph.iri import pinyin_label
from kg.graph.ns import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, has_language

#: Domain classes in priority order: an entity typed with two of them is drawn as the first.
CLASS_STYLES: dict[str, tuple[str, str, str]] = {
    # local name: (Chinese legend label, colour, vis-network shape)
    "Person": ("人物", "#e15759", "dot"),
    "Organization": ("机构", "#4e79a7", "square"),
    "Post": ("职务", "#f28e2b", "diamond"),
    "Role": ("职位", "#9c755f", "dot"),
    "Meeting": ("会议", "#59a14f", "star"),
    "Campaign": ("专项活动", "#edc948", "triangle"),
    "Document": ("文件", "#76b7b2", "triangleDown"),
    "Place": ("行政区", "#b07aa1", "hexagon"),
}

HOLDING_RELATION = "任职"
# two people who chaired or spoke at the same meeting
CO_ATTENDANCE_RELATION = "同会"

RELATION_LABELS: dict[rdflib.URIRef, str] = {
    ORG.holds: HOLDING_RELATION,
    ORG.postIn: "所属机构",
    ORG.role: "职位",
    ORG.subOrganizationOf: "上级机构",
    KG.jurisdiction: "辖区",
    KG.chair: "主持",
    KG.speaker: "讲话",
    KG.mentions: "提及",
    KG.launchedBy: "发起",
    KG.readAt: "宣读于",
    SCHEMA.publisher: "发布",
    SCHEMA.location: "地点",
    SCHEMA.organizer: "主办",
    SCHEMA.containedInPlace: "隶属",
}

_LABEL_PREDICATES = {RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.name}
# the inverse of a relation already drawn: one arrow per fact
_INVERSES = {ORG.hasPost}
# Enough evidence to judge a node by; the rest is counted, not shipped, to keep pages small.
_MAX_SOURCES = 5
# Above this many nodes the browser's physics takes minutes to settle (DESIGN.md).
_PHYSICS_LIMIT = 300


@dataclass(frozen=True, slots=True)
class DrawSummary:
    """What :func:`draw_graph` drew."""

    nodes_drawn: int
    edges_drawn: int
    nodes_in_graph: int
    truncated: bool


def _local(iri: rdflib.term.Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(g: rdflib.Graph, node: rdflib.term.Node, lang: str) -> str | None:
    for label in sorted(g.objects(node, RDFS.label)):
        if has_language(label, lang):
            return str(label)
    return None


def _facts(g: rdflib.Graph, node: rdflib.term.Node,
           entities: dict[rdflib.term.Node, str]) -> tuple[tuple[str, str], ...]:
    """Literal properties, and named concepts such as an organisation type, by their label."""
    facts = []
    for p, o in g.predicate_objects(node):
        if p in _LABEL_PREDICATES or p == RDF.type or o in entities:
            continue
        if isinstance(o, rdflib.Literal):
            facts.append((_local(p), str(o)))
        elif isinstance(o, rdflib.URIRef):
            name = next((str(x) for x in sorted(g.objects(o, SKOS.prefLabel))
                         if has_language(x, "zh-Hans")), None)
            if name:
                facts.append((_local(p), name))
    return tuple(sorted(facts))


class _Evidence:
    """Sentence texts and source-document paths, looked up once per sentence."""

    def __init__(self, g: rdflib.Graph) -> None:
        self._g = g
        self.sentences: dict[str, tuple[str, int, str]] = {}
        self._missing: set[rdflib.term.Node] = set()

    def _read(self, sid: rdflib.term.Node) -> bool:
        if str(sid) in self.sentences:
            return True
        if sid in self._missing:
            return False
        text = self._g.value(sid, NIF.anchorOf)
        if text is None:
            self._missing.add(sid)
            return False
        doc = self._g.value(sid, NIF.referenceContext)
        path = self._g.value(doc, DCTERMS.source) if doc is not None else None
        begin = self._g.value(sid, NIF.beginIndex)
        self.sentences[str(sid)] = (str(path if path is not None else doc or ""),
                                    int(begin) if begin is not None else 0, str(text))
        return True

    def of(self, subject: rdflib.term.Node) -> tuple[str, ...]:
        """Sentences a subject was derived from, in reading order."""
        found = [str(s) for s in self._g.objects(subject, PROV.wasDerivedFrom) if self._read(s)]
        return tuple(sorted(found, key=lambda sid: (self.sentences[sid][:2], sid)))


def _names(g: rdflib.Graph, node: rdflib.term.Node, *,
           person: bool) -> tuple[str, str, list[str]]:
    """The @zh-Hans label, the pinyin (given, else computed) and every other label."""
    label = _label(g, node, "zh-Hans")
    other = sorted(str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(node, p))
    label = label or (other[0] if other else _local(node))
    pinyin = _label(g, node, "zh-Latn-pinyin") or pinyin_label(
        label, surname_length=1 if person else 0)
    return label, pinyin, other


def entity_graph(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Turn an RDF graph into a networkx graph of its domain entities.

    Nodes are entity IRIs with attributes ``class`` (local name, e.g. ``Person``),
    ``label`` (the @zh-Hans label), ``pinyin``, ``alt`` (other labels), ``facts``
    (literal properties as (name, value) pairs) and ``sources`` (sentence IRIs).
    A kg:PostHolding becomes a person→post edge with relation 任职 and its
    ``date`` (kg:asOf); any other triple between two entities becomes an edge whose
    ``relation`` is a Chinese label, ``predicate`` the property IRI. An edge's
    ``sources`` are its holding's sentences, else the sentences both ends share,
    else its subject's. ``graph["sentences"]`` maps each cited sentence IRI to
    (source document path, begin offset, text).
    """
    g = as_graph(graph)
    classes: dict[rdflib.term.Node, str] = {}
    for name in CLASS_STYLES:
        for s in g.subjects(RDF.type, KG[name]):
            classes.setdefault(s, name)
    evidence = _Evidence(g)
    out = nx.MultiDiGraph()
    for node in sorted(classes, key=str):
        label, pinyin, other = _names(g, node, person=classes[node] == "Person")
        out.add_node(str(node), **{"class": classes[node], "label": label, "pinyin": pinyin,
                                   "alt": tuple(a for a in other if a not in (label, pinyin)),
                                   "facts": _facts(g, node, classes),
                                   "sources": evidence.of(node)})
    held = set()
    for holding in sorted(g.subjects(RDF.type, KG.PostHolding), key=str):
        person, post = g.value(holding, ORG.member), g.value(holding, KG.post)
        if person in classes and post in classes:
            date = g.value(holding, KG.asOf)
            held.add((person, post))
            out.add_edge(str(person), str(post), key=str(holding), relation=HOLDING_RELATION,
                         predicate=str(ORG.holds), date=str(date or ""),
                         sources=evidence.of(holding))
    links = [(s, p, o) for s, p, o in g
             if p != RDF.type and p not in _INVERSES and s in classes and o in classes
             # a holding already drew this, with its date
             and not (p == ORG.holds and (s, o) in held)]
    for s, p, o in sorted(links):
        a, b = out.nodes[str(s)]["sources"], set(out.nodes[str(o)]["sources"])
        shared = tuple(x for x in a if x in b) or a
        out.add_edge(str(s), str(o), key=str(p), relation=RELATION_LABELS.get(p, _local(p)),
                     predicate=str(p), date="", sources=shared)
    out.graph["sentences"] = evidence.sentences
    return out


def co_attendance(graph: rdflib.Graph) -> nx.Graph:
    """People linked by the meetings they took part in together.

    Taking part means chairing (kg:chair) or speaking at (kg:speaker) a
    kg:Meeting. Nodes are the person IRIs of everyone who did, with ``label``
    (@zh-Hans), ``pinyin`` and ``sources`` (their sentences); an edge joins two
    people of one meeting, with ``weight`` the number of meetings they share,
    ``meetings`` those meetings' IRIs and ``sources`` the sentences of those
    meetings that name either of them (else the meetings' own). Its
    ``graph["sentences"]`` is as in :func:`entity_graph`.
    """
    g = as_graph(graph)
    evidence = _Evidence(g)
    out = nx.Graph()
    for meeting in sorted(g.subjects(RDF.type, KG.Meeting), key=str):
        people = sorted({str(p) for role in (KG.chair, KG.speaker)
                         for p in g.objects(meeting, role)})
        for person in people:
            if person not in out:
                label, pinyin, _ = _names(g, rdflib.URIRef(person), person=True)
                out.add_node(person, label=label, pinyin=pinyin,
                             sources=evidence.of(rdflib.URIRef(person)))
        told = evidence.of(meeting)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                named = set(out.nodes[a]["sources"]) | set(out.nodes[b]["sources"])
                cited = tuple(x for x in told if x in named) or told
                if out.has_edge(a, b):
                    edge = out.edges[a, b]
                    edge["weight"] += 1
                    edge["meetings"] += (str(meeting),)
                    edge["sources"] += tuple(x for x in cited if x not in edge["sources"])
                else:
                    out.add_edge(a, b, weight=1, meetings=(str(meeting),), sources=cited)
    out.graph["sentences"] = evidence.sentences
    return out


def _co_attendance_view(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """:func:`co_attendance` in the shape :func:`entity_graph` gives, for drawing."""
    g = as_graph(graph)
    people = co_attendance(g)
    view = nx.MultiDiGraph(sentences=people.graph["sentences"])
    for n, d in people.nodes(data=True):
        view.add_node(n, **{"class": "Person", "label": d["label"], "pinyin": d["pinyin"],
                            "alt": (), "facts": (), "sources": d["sources"]})
    for a, b, d in people.edges(data=True):
        u, v = sorted((a, b))
        view.add_edge(u, v, key="co-attendance",
                      relation=f"{CO_ATTENDANCE_RELATION}×{d['weight']}",
                      predicate="", date="", sources=d["sources"], weight=d["weight"],
                      meetings=tuple(_names(g, rdflib.URIRef(m), person=False)[0]
                                     for m in d["meetings"]))
    return view


def _select(full: nx.MultiDiGraph, focus: str | None, depth: int,
            max_nodes: int) -> tuple[nx.MultiDiGraph, bool]:
    if depth < 0 or max_nodes < 1:
        raise UsageError(f"depth must be ≥ 0 and max_nodes ≥ 1 (got {depth}, {max_nodes})")
    g = full
    if focus is not None:
        centres = [n for n, d in full.nodes(data=True)
                   if focus in (n, d["label"], d["pinyin"]) or focus in d["alt"]]
        if not centres:
            raise UsageError(f"focus {focus!r}: no entity has that IRI or label")
        undirected = full.to_undirected(as_view=True)
        keep = set()
        for centre in centres:
            keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
        g = full.subgraph(keep)
    if g.number_of_nodes() <= max_nodes:
        return g, False
    # the most connected entities carry the story; ties go to the IRI so runs agree
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    return g.subgraph(ranked[:max_nodes]), True


def _radial_layout(g: nx.MultiDiGraph, *, gap: float = 90.0) -> dict[str, tuple[float, float]]:
    """Place each component as a radial BFS tree around its best-connected node.

    Linear in nodes and edges, deterministic, and needs no numpy: a spring layout
    in pure Python is quadratic and too slow for thousands of nodes.
    """
    undirected = nx.Graph(g)
    components = sorted((sorted(c) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict[str, tuple[float, float]], float]] = []
    for nodes in components:
        root = min(nodes, key=lambda n: (-undirected.degree(n), n))
        parent, order, depth = {root: None}, [root], {root: 0}
        queue = deque([root])
        while queue:
            n = queue.popleft()
            for m in sorted(undirected[n], key=lambda m: (-undirected.degree(m), m)):
                if m not in parent:
                    parent[m], depth[m] = n, depth[n] + 1
                    order.append(m)
                    queue.append(m)
        children: dict[str, list[str]] = {n: [] for n in order}
        for n in order[1:]:
            children[parent[n]].append(n)
        weight = {n: 1 for n in order}
        for n in reversed(order[1:]):
            weight[parent[n]] += weight[n]
        # each ring is wide enough for its nodes to sit about `gap` apart
        rings: dict[int, int] = {}
        for d in depth.values():
            rings[d] = rings.get(d, 0) + 1
        radius = {0: 0.0}
        for d in range(1, max(rings) + 1):
            radius[d] = max(radius[d - 1] + gap, rings[d] * gap / (2 * math.pi))
        pos, wedge = {}, {root: (0.0, 2 * math.pi)}
        for n in order:
            start, width = wedge[n]
            angle = start + width / 2
            pos[n] = (radius[depth[n]] * math.cos(angle), radius[depth[n]] * math.sin(angle))
            for child in children[n]:
                share = width * weight[child] / (weight[n] - 1)
                wedge[child] = (start, share)
                start += share
        placed.append((pos, radius[max(rings)] + gap))
    # shelf-pack components, biggest first, into rows about as wide as the whole is tall
    row_width = math.sqrt(sum((2 * r) ** 2 for _, r in placed)) or 1.0
    out, x, y, row_height = {}, 0.0, 0.0, 0.0
    for pos, r in placed:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + r + px, 1), round(y + r + py, 1))
        x, row_height = x + 2 * r, max(row_height, 2 * r)
    return out


def _page_data(g: nx.MultiDiGraph,
               evidence: dict[str, tuple[str, int, str]]) -> tuple[list, list, dict]:
    """vis-network node and edge dicts, and the shared sentence and document tables."""
    sentences: dict[str, int] = {}
    docs: dict[str, int] = {}
    table: list[list] = []

    def cite(sids: tuple[str, ...]) -> dict:
        refs = []
        for sid in sids[:_MAX_SOURCES]:
            if sid not in sentences:
                path, _, text = evidence[sid]
                sentences[sid] = len(table)
                table.append([text, docs.setdefault(path, len(docs))])
            refs.append(sentences[sid])
        return {"src": refs, "nsrc": len(sids)}

    ids = {n: i for i, n in enumerate(sorted(g.nodes))}
    pos = _radial_layout(g)
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos[n]
        _, colour, shape = CLASS_STYLES[d["class"]]
        nodes.append({"id": ids[n], "iri": n, "label": d["label"], "py": d["pinyin"],
                      "cls": d["class"], "alt": list(d["alt"]),
                      "facts": [list(f) for f in d["facts"]], "x": x, "y": y,
                      "shape": shape, "color": colour, "size": 8 if d["class"] == "Role" else 14,
                      **cite(d["sources"])})
    edges = []
    for u, v, key, d in sorted(g.edges(keys=True, data=True)):
        extra = {"value": d["weight"], "meetings": list(d["meetings"])} if "weight" in d else {}
        edges.append({"id": len(edges), "from": ids[u], "to": ids[v], "label": d["relation"],
                      "pred": d["predicate"], "date": d["date"], **extra, **cite(d["sources"])})
    return nodes, edges, {"sentences": table, "docs": list(docs)}


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or bend the block."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_options(physics: bool, *, directed: bool) -> dict:
    return {
        # a white halo keeps a label legible where it crosses an edge
        "nodes": {"size": 16, "font": {"size": 16, "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "middle", "color": "#666666"}, "smooth": False,
                  "color": {"color": "#b0b0b0", "highlight": "#333333", "hover": "#555555",
                            "inherit": False},
                  "scaling": {"min": 1, "max": 6}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        # ForceAtlas2 spreads a hub's neighbours around it instead of piling them on it,
        # so the labels of a few dozen entities clear each other
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -160, "centralGravity": 0.015,
                                         "springLength": 100, "springConstant": 0.05,
                                         "avoidOverlap": 1.0},
                    "stabilization": {"enabled": physics, "iterations": 400}},
    }


VIEWS = ("entities", "co-attendance")


def draw_graph(graph: rdflib.Graph, out_path: Path, *, focus: str | None = None,
               depth: int = 1, max_nodes: int = 1500, title: str = "zhkg",
               view: str = "entities") -> DrawSummary:
    """Write an interactive HTML view of ``graph`` that works opened from disk, offline.

    Args:
        graph: an rdflib Graph or Dataset in the zhkg vocabulary.
        out_path: the HTML file to write (UTF-8).
        focus: an entity IRI, label or pinyin: draw only its neighbourhood.
        depth: how many hops around ``focus`` to keep.
        max_nodes: past this many nodes keep the most connected ones; the page says so.
        title: the page title.
        view: ``"entities"``, every domain entity and relation
            (:func:`entity_graph`); ``"co-attendance"``, only people, joined by
            the meetings they shared (:func:`co_attendance`), thicker for more.

    Returns:
        A :class:`DrawSummary`.

    Raises:
        UsageError: ``focus`` names no entity, ``depth``/``max_nodes`` is out of
            range, or ``view`` is unknown.
    """
    from jinja2 import Environment  # pyvis's own dependency: no extra install
    from pyvis.network import Network

    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; known: {', '.join(VIEWS)}")
    full = entity_graph(graph) if view == "entities" else _co_attendance_view(graph)
    shown, truncated = _select(full, focus, depth, max_nodes)
    nodes, edges, tables = _page_data(shown, full.graph["sentences"])
    physics = len(nodes) <= _PHYSICS_LIMIT
    net = Network(directed=True, heading=title)
    # pyvis's add_node/add_edge check duplicates one by one (quadratic): hand it the lists
    net.nodes, net.edges, net.options = nodes, edges, _vis_options(
        physics, directed=view == "entities")
    vis_nodes, vis_edges, heading, _, _, options = net.get_network_data()
    lib = Path(net.template_dir).parent / "lib" / "vis-9.1.2"
    template = resources.files("kg").joinpath("data/viewer.html").read_text(encoding="utf-8")
    html = Environment(autoescape=True).from_string(template).render(
        title=heading,
        vis_js=(lib / "vis-network.min.js").read_text(encoding="utf-8")
        .replace("</script", "<\\/script"),
        vis_css=(lib / "vis-network.css").read_text(encoding="utf-8"),
        data=_script_json({"nodes": vis_nodes, "edges": vis_edges, **tables,
                           "classes": {k: list(v) for k, v in CLASS_STYLES.items()},
                           "total": full.number_of_nodes(), "truncated": truncated,
                           "physics": physics}),
        options=_script_json(json.loads(options)),
        nodes_drawn=len(vis_nodes), nodes_in_graph=full.number_of_nodes(), truncated=truncated)
    with atomic_file(Path(out_path), "w", encoding="utf-8") as f:
        f.write(html)
    return DrawSummary(len(vis_nodes), len(vis_edges), full.number_of_nodes(), truncated)
