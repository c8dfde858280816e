"""Where the viewer puts things, computed in Python so a page of thousands of
nodes opens at once: communities, positions, and which labels fit on screen.

Everything here is deterministic for the same graph (sorted iteration, a fixed
seed), so the same graph gives the same page byte for byte.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable
from itertools import count

import networkx as nx

# Louvain's seed: the same graph gives the same communities on every run
_SEED = 7


def communities(g: nx.MultiDiGraph, shown: Iterable[str]) -> dict[str, int]:
    """Each node's community, 0 the largest: Louvain on the nodes of the `shown`
    classes (what the page opens on, so the places a corpus names everywhere do
    not merge everyone); every other node joins the community most of its
    neighbours are in, else one of its own."""
    shown = set(shown)
    names = sorted(n for n, d in g.nodes(data=True) if d["class"] in shown)
    number = {n: i for i, n in enumerate(names)}
    # Louvain walks sets of nodes: on numbered nodes (an int hashes to itself) no step
    # of its walk can depend on the string hashing PYTHONHASHSEED varies
    core = nx.Graph()
    core.add_nodes_from(range(len(names)))
    core.add_edges_from(sorted({tuple(sorted((number[u], number[v])))
                                for u, v in g.to_undirected(as_view=True).edges()
                                if u in number and v in number and u != v}))
    found = nx.community.louvain_communities(core, seed=_SEED)
    ranked = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    member = {names[i]: rank for rank, c in enumerate(ranked) for i in c}
    undirected, own = g.to_undirected(as_view=True), count(len(ranked))
    for n in sorted(set(g) - set(number)):
        votes = Counter(member[m] for m in undirected[n] if m in number)
        member[n] = min(votes, key=lambda c: (-votes[c], c)) if votes else next(own)
    # renumber so that the numbers count up from 0 by size, own communities included
    sizes = Counter(member.values())
    order = {c: i for i, c in enumerate(sorted(sizes, key=lambda c: (-sizes[c], c)))}
    return {n: order[c] for n, c in member.items()}


def _radial_pieces(g: nx.Graph, *, gap: float) -> list[tuple[dict[str, tuple[float, float]], float]]:
    """Each connected component as a radial BFS tree around its best-connected
    node, centred on 0, with the radius it needs: largest first."""
    components = sorted((sorted(c) for c in nx.connected_components(g)),
                        key=lambda c: (-len(c), c[0]))
    placed = []
    for nodes in components:
        root = min(nodes, key=lambda n: (-g.degree(n), n))
        parent, order, depth = {root: None}, [root], {root: 0}
        queue = deque([root])
        while queue:
            n = queue.popleft()
            for m in sorted(g[n], key=lambda m: (-g.degree(m), m)):
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
        rings = Counter(depth.values())
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
    return placed


def _shelf_pack(pieces: list[tuple[dict[str, tuple[float, float]], float]]
                ) -> dict[str, tuple[float, float]]:
    """Pieces in the order given, left to right in rows about as wide as the whole is tall."""
    row_width = math.sqrt(sum((2 * r) ** 2 for _, r in pieces)) or 1.0
    out, x, y, row_height = {}, 0.0, 0.0, 0.0
    for pos, r in pieces:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + r + px, 1), round(y + r + py, 1))
        x, row_height = x + 2 * r, max(row_height, 2 * r)
    return out


def radial_layout(g: nx.MultiDiGraph, *, groups: dict[str, int] | None = None,
                  gap: float = 90.0) -> dict[str, tuple[float, float]]:
    """Positions: each component a radial tree around its best-connected node,
    components packed in rows, biggest first. With `groups` (node → community)
    each community is laid out on its own, so every community's hub is the
    centre of its own circle instead of one hub holding the middle of everything.

    Linear in nodes and edges and needs no numpy: a spring layout in pure
    Python is quadratic and too slow for thousands of nodes.
    """
    undirected = nx.Graph(g)
    if groups is None:
        return _shelf_pack(_radial_pieces(undirected, gap=gap))
    members: dict[int, list[str]] = {}
    for n in sorted(undirected):
        members.setdefault(groups[n], []).append(n)
    pieces = []
    for group in sorted(members):
        pieces += _radial_pieces(undirected.subgraph(members[group]), gap=gap)
    return _shelf_pack(pieces)


def centrality_scale(g: nx.MultiDiGraph, shown: Iterable[str]) -> dict[str, float]:
    """Each node's degree centrality among the `shown` classes, as a square root
    scaled to 0..1 (hubs would dwarf the rest on a linear scale); only those nodes."""
    shown = set(shown)
    core = nx.Graph(g.subgraph(n for n, d in g.nodes(data=True) if d["class"] in shown))
    degree = dict(core.degree)
    top = max(degree.values(), default=0) or 1
    return {n: math.sqrt(k / top) for n, k in degree.items()}


def fitted_pixel(points: Iterable[tuple[float, float]], *, screen: tuple[int, int] = (900, 700)
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


Box = tuple[float, float, float, float]
# a label offered for placing: (node, its centre, its radius, font size, characters),
# all in screen pixels as the page opens
Candidate = tuple[str, tuple[float, float], float, float, int]


def node_box(x: float, y: float, radius: float) -> Box:
    return (x - radius, y - radius, x + radius, y + radius)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(groups: Iterable[tuple[int, Iterable[Candidate]]], obstacles: dict[str, Box],
                 *, margin: float = 0.3) -> dict[str, float]:
    """Labels that fit on screen: from each group (at most `limit` of its
    candidates, taken in the order given, groups in turn), a label goes below
    its node, else above it, else a line further off, where it covers no label
    placed before and no other node of `obstacles` (node → box, the biggest nodes). Returns node →
    the vertical shift (vis-network's font ``vadjust``) that puts its label
    there; the others' labels wait for the reader to zoom in."""
    placed: list[Box] = []
    shift: dict[str, float] = {}
    for limit, candidates in groups:
        taken = 0
        for node, (x, y), radius, font, chars in candidates:
            if taken == limit:
                break
            # CJK glyphs are about one em wide; vis-network draws a label under a shape
            width, height = chars * font, font * 1.2
            # the estimate of a label's box is rough: keep a part of an em clear
            gap = margin * font
            # below the node, above it, then a line further off either way
            step, up = height + 2 * gap, -(2 * radius + height)
            for vadjust in (0.0, up, step, up - step):
                top = y + radius + vadjust
                box = (x - width / 2, top, x + width / 2, top + height)
                padded = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
                if any(_overlaps(padded, b) for b in placed) or any(
                        _overlaps(padded, b) for m, b in obstacles.items() if m != node):
                    continue
                placed.append(box)
                shift[node] = vadjust
                taken += 1
                break
    return shift
