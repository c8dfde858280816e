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
from kg.views.layout import (centrality_scale, communities, fitted_pixel, node_box, place_labels,
                             radial_layout)
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
# the viewer cuts longer labels on the canvas (short() in kg/data/viewer.html)
_SHORT_LABEL = 14
# how far down each class's ranking a label is tried before its quota is left unfilled:
# below that a label is no more central than the many that wait for zooming anyway
_LABEL_TRIES = 5
# the hubs, drawn this big or bigger (radius in screen pixels), are kept clear of other
# nodes' labels; the many small nodes cannot be: zoomed out they sit a few pixels apart
_OBSTACLE_PX = 10
# an unplaced label's font on screen as the page opens, in pixels (doubled for a hub)
_HIDDEN_FONT_PX = 3
# the largest communities' colours (Tableau 10 and two more); the rest share a grey
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#499894", "#d37295", "#86bcb6")
_OTHER_COMMUNITY = "#c0c0c0"


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
    corpus = g.number_of_nodes() > _PHYSICS_LIMIT
    groups = communities(g, _CORPUS_CLASSES) if corpus else {}
    pos = radial_layout(g, groups=groups or None)
    scale = centrality_scale(g, _CORPUS_CLASSES) if corpus else {}
    # canvas units a screen pixel spans once the page fits what it opens on
    pixel = fitted_pixel(pos[n] for n in scale)
    fonts = _legible_fonts(g, pos, scale, pixel)
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos[n]
        _, colour, shape = viewer_labels().classes[d["class"]]
        size, extra = 8 if d["class"] == "Role" else 14, {}
        if n in scale:
            # sized by centrality on screen; the labels that fit shown legibly zoomed out,
            # the others' as the reader zooms in
            size = round(pixel * _radius_px(scale[n]))
        if n in groups:
            colour = _PALETTE[groups[n]] if groups[n] < len(_PALETTE) else _OTHER_COMMUNITY
            extra["grp"] = groups[n]
        if n in fonts:
            extra["font"] = fonts[n]
        elif n in scale:
            # too small to draw as the page opens (drawThreshold); zooming in shows the
            # more central first
            extra["font"] = {"size": round(pixel * _HIDDEN_FONT_PX * (1 + scale[n]))}
        nodes.append({"id": ids[n], "iri": n, "label": d["label"], "py": d["pinyin"],
                      "cls": d["class"], "alt": list(d["alt"]),
                      "facts": [list(f) for f in d["facts"]], "x": x, "y": y,
                      "shape": shape, "color": colour, "size": size, **extra,
                      **cite(d["sources"])})
    edges = []
    for u, v, key, d in sorted(g.edges(keys=True, data=True)):
        extra = {"value": d["weight"], "meetings": list(d["meetings"])} if "weight" in d else {}
        edges.append({"id": len(edges), "from": ids[u], "to": ids[v], "label": d["relation"],
                      "pred": d["predicate"], "date": d["date"], **extra, **cite(d["sources"])})
    return nodes, edges, {"sentences": table, "docs": list(docs),
                          "communities": _legend(g, groups, scale)}


def _radius_px(scale: float) -> float:
    return 3 + 12 * scale


def _legible_fonts(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]],
                   scale: dict[str, float], pixel: float) -> dict[str, dict]:
    """vis-network font options for the labels that fit on screen as the page
    opens: the most central of each class first (_LABELLED), each placed where
    it covers no other label and no big node."""
    def screen(n: str) -> tuple[float, float]:
        return pos[n][0] / pixel, pos[n][1] / pixel

    def font_px(n: str) -> float:
        return 10 + 10 * scale[n]

    ranked = sorted(scale, key=lambda n: (-scale[n], n))
    obstacles = {n: node_box(*screen(n), _radius_px(scale[n])) for n in ranked
                 if _radius_px(scale[n]) >= _OBSTACLE_PX}
    groups = [(limit, [(n, screen(n), _radius_px(scale[n]), font_px(n),
                        min(len(g.nodes[n]["label"]), _SHORT_LABEL))
                       for n in [n for n in ranked if g.nodes[n]["class"] == cls]
                       [:limit * _LABEL_TRIES]])
              for cls, limit in _LABELLED.items()]
    return {n: {"size": round(pixel * font_px(n)), "vadjust": round(pixel * shift)}
            for n, shift in place_labels(groups, obstacles).items()}


def _legend(g: nx.MultiDiGraph, groups: dict[str, int], scale: dict[str, float]) -> list:
    """[name, colour, size] of each coloured community, named by its most
    central person (else its most central node)."""
    members: dict[int, list[str]] = {}
    for n in sorted(groups):
        if groups[n] < len(_PALETTE):
            members.setdefault(groups[n], []).append(n)
    legend = []
    for group in sorted(members):
        people = [n for n in members[group] if g.nodes[n]["class"] == "Person"]
        best = min(people or members[group], key=lambda n: (-scale.get(n, 0.0), n))
        legend.append([g.nodes[best]["label"], _PALETTE[group], len(members[group])])
    return legend


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or bend the block."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_options(physics: bool, *, directed: bool) -> dict:
    return {
        # a white halo keeps a label legible where it crosses an edge
        # a label smaller on screen than drawThreshold is not drawn at all (no grey smudge);
        # zoomed in, none grows past maxVisible pixels
        "nodes": {"size": 16, "font": {"size": 16, "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 8, "maxVisible": 28}}},
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

