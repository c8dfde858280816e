"""A person's career as a page: one bar per post over the years (`kg timeline`).

A span the text gives (a biography's line, a notice) is a bar from its start to
its end, or to the person's latest date while still held; posts a report says
are held as of its date are one bar per post from the first such report to the
last. Hovering a bar shows its dates and sources, clicking it quotes them
below. Homonyms resolved as different people get a timeline each. The page is
one file (kg/data/timeline.html with the bars as JSON): no network, and the
same graph gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import rdflib
from jinja2 import Environment

from kg.errors import UsageError
from kg.io import atomic_file
from kg.views.careers import CareerRow, career_rows
from kg.views.draw import _script_json

# a report's one date is drawn as a bar this long (in years), to be seen and hovered
MIN_BAR_YEARS = 0.25


@dataclass(frozen=True)
class Bar:
    post: str
    body: str
    start: str          # as written: 1982, 1993-05, 2014-06-27
    end: str            # "" while still held
    kind: str           # "span" (the text's), "as-of" (reports of the post held then)
    sources: tuple[tuple[str, str], ...]   # (document, sentence)

    def years(self, latest: float) -> tuple[float, float]:
        begin = _year(self.start)
        if not self.end:
            end = latest
        else:
            # an end of a year only (1983) runs through that year
            end = _year(self.end) + (1.0 if len(self.end) == 4 else 0.0)
        return begin, max(end, begin + MIN_BAR_YEARS)


def _year(value: str) -> float:
    """1982 → 1982.0, 1993-05 → 1993.33, 2014-06-27 → 2014.49: a date as a year."""
    parts = [int(p) for p in value.split("-")]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def timeline_bars(rows: list[CareerRow]) -> dict[str, list[Bar]]:
    """Person IRI → the bars of their timeline, in order of start. A post left
    with no start given (a removal) is a bar at the day it ended."""
    spanned: dict[tuple[str, str, str, str, str], set] = defaultdict(set)
    reported: dict[tuple[str, str, str], set] = defaultdict(set)
    report_dates: dict[tuple[str, str, str], set] = defaultdict(set)
    for r in rows:
        if r.start or r.end:
            spanned[(r.person, r.post, r.body, r.start or r.end, r.end)].add(
                (r.document, r.sentence))
        elif r.as_of:
            reported[(r.person, r.post, r.body)].add((r.document, r.sentence))
            report_dates[(r.person, r.post, r.body)].add(r.as_of)
    out: dict[str, list[Bar]] = defaultdict(list)
    for (person, post, body, start, end), sources in spanned.items():
        out[person].append(Bar(post, body, start, end, "span", tuple(sorted(sources))))
    for (person, post, body), sources in reported.items():
        dates = sorted(report_dates[(person, post, body)])
        out[person].append(Bar(post, body, dates[0], dates[-1], "as-of", tuple(sorted(sources))))
    return {p: sorted(bars, key=lambda b: (b.start, b.kind, b.post)) for p, bars in out.items()}


def draw_timeline(graph: rdflib.Graph, name: str, out_path: Path) -> int:
    """Write the timeline page of the people named `name`; returns the bars drawn.

    Raises:
        UsageError: the graph holds no post of anyone of that name.
    """
    rows = career_rows(graph, name)
    if not rows:
        raise UsageError(f"no post held by {name!r} in the graph: no timeline to draw")
    names = {r.person: r.name for r in rows}
    people = []
    for person, bars in sorted(timeline_bars(rows).items()):
        dates = [d for b in bars for d in (b.start, b.end) if d]
        latest = max(_year(d) + (1.0 if len(d) == 4 else 0.0) for d in dates)
        people.append({"iri": person, "name": names[person], "bars": [
            {"post": b.post, "body": b.body, "start": b.start, "end": b.end, "kind": b.kind,
             "from": round(b.years(latest)[0], 3), "to": round(b.years(latest)[1], 3),
             "sources": [list(s) for s in b.sources]} for b in bars]})
    template = resources.files("kg").joinpath("data/timeline.html").read_text(encoding="utf-8")
    html = Environment(autoescape=True).from_string(template).render(
        name=name, data=_script_json({"people": people}),
        bar_count=sum(len(p["bars"]) for p in people))
    with atomic_file(Path(out_path), "w", encoding="utf-8") as f:
        f.write(html)
    return sum(len(p["bars"]) for p in people)
