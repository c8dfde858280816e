"""Draw a knowledge graph as one self-contained, offline HTML page.

The RDF graph becomes a networkx graph of the domain entities
(:func:`kg.views.network.entity_graph`, also used by the GraphML and CSV
exports); pyvis holds
the finished node and edge lists and the vis-network options, and our own
template in ``kg/data/viewer.html`` inlines vis-network's JavaScript and CSS,
so the page needs no network at all.
"""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import rdflib
from jinja2 import Environment  # pyvis's own dependency: no extra install
from pyvis.network import Network

from kg.errors import UsageError
from kg.io import atomic_file
from kg.views.labels import viewer_labels
from kg.views.network import co_attendance_view, entity_graph

# Enough evidence to judge a node by; the rest is counted, not shipped, to keep pages small.
_MAX_SOURCES = 5
# Above this many nodes the browser's physics takes minutes to settle (DESIGN.md).
_PHYSICS_LIMIT = 300
# What a corpus-size view shows at first: who holds which post in which body. Places,
# meetings, documents and campaigns would outnumber them (249 places in 500 新闻联播
# items): they stay one click away in the class filters.
_CORPUS_CLASSES = frozenset({"Person", "Post", "Organization"})
# how many of each a corpus view labels legibly before the reader zooms in: people
# first, who an analyst looks for (posts outnumber them among the best connected)
_LABELLED = {"Person": 20, "Post": 10, "Organization": 10}


@dataclass(frozen=True, slots=True)
class DrawSummary:
    """What :func:`draw_graph` drew."""

    nodes_drawn: int
    edges_drawn: int
    nodes_in_graph: int
    truncated: bool


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
    scale = _centrality_scale(g) if g.number_of_nodes() > _PHYSICS_LIMIT else {}
    # canvas units a screen pixel spans once the page fits what it opens on
    pixel = _fitted_pixel(pos[n] for n in scale)
    labelled = {n for cls, count in _LABELLED.items()
                for n in sorted((n for n in scale if g.nodes[n]["class"] == cls),
                                key=lambda n: (-scale[n], n))[:count]}
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos[n]
        _, colour, shape = viewer_labels().classes[d["class"]]
        size, sized = 8 if d["class"] == "Role" else 14, {}
        if n in scale:
            # sized by centrality on screen; the central ones labelled legibly zoomed out,
            # the others' labels appear as the reader zooms in
            size = round(pixel * (3 + 12 * scale[n]))
            if n in labelled:
                sized = {"font": {"size": round(pixel * (10 + 10 * scale[n]))}}
        nodes.append({"id": ids[n], "iri": n, "label": d["label"], "py": d["pinyin"],
                      "cls": d["class"], "alt": list(d["alt"]),
                      "facts": [list(f) for f in d["facts"]], "x": x, "y": y,
                      "shape": shape, "color": colour, "size": size, **sized,
                      **cite(d["sources"])})
    edges = []
    for u, v, key, d in sorted(g.edges(keys=True, data=True)):
        extra = {"value": d["weight"], "meetings": list(d["meetings"])} if "weight" in d else {}
        edges.append({"id": len(edges), "from": ids[u], "to": ids[v], "label": d["relation"],
                      "pred": d["predicate"], "date": d["date"], **extra, **cite(d["sources"])})
    return nodes, edges, {"sentences": table, "docs": list(docs)}


def _centrality_scale(g: nx.MultiDiGraph) -> dict[str, float]:
    """Each node's degree centrality among the classes a corpus view shows first,
    as a square root scaled to 0..1 (hubs would dwarf the rest on a linear scale);
    only those nodes."""
    shown = nx.Graph(g.subgraph(n for n, d in g.nodes(data=True) if d["class"] in _CORPUS_CLASSES))
    degree = dict(shown.degree)
    top = max(degree.values(), default=0) or 1
    return {n: math.sqrt(k / top) for n, k in degree.items()}


def _fitted_pixel(points: Iterable[tuple[float, float]], *, screen: tuple[int, int] = (900, 700)
                  ) -> float:
    """Canvas units per screen pixel when `points` are fitted to a `screen`-sized
    canvas (the viewer's, beside its side panel), as vis-network fits on opening."""
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    if not xs:
        return 1.0
    return max(1.0, (max(xs) - min(xs)) / screen[0], (max(ys) - min(ys)) / screen[1])


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


VIEWS = ("entities", "co-attendance", "talks")


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
            (:func:`kg.views.network.entity_graph`); ``"co-attendance"``, only people, joined by
            the meetings they shared (:func:`kg.views.network.co_attendance`),
            thicker for more; ``"talks"``, people joined by the talks they held.

    Returns:
        A :class:`DrawSummary`.

    Raises:
        UsageError: ``focus`` names no entity, ``depth``/``max_nodes`` is out of
            range, or ``view`` is unknown.
    """
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; known: {', '.join(VIEWS)}")
    full = entity_graph(graph) if view == "entities" else co_attendance_view(
        graph, of="talks" if view == "talks" else "meetings")
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
                           "classes": {k: list(v) for k, v in viewer_labels().classes.items()},
                           "total": full.number_of_nodes(), "truncated": truncated,
                           "physics": physics,
                           "hidden": [] if physics else sorted(
                               {n["cls"] for n in nodes} - _CORPUS_CLASSES)}),
        options=_script_json(json.loads(options)),
        nodes_drawn=len(vis_nodes), nodes_in_graph=full.number_of_nodes(), truncated=truncated)
    with atomic_file(Path(out_path), "w", encoding="utf-8") as f:
        f.write(html)
    return DrawSummary(len(vis_nodes), len(vis_edges), full.number_of_nodes(), truncated)

