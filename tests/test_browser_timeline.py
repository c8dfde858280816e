"""The career timeline page (`kg timeline`) in headless Chromium, opened from disk,
network denied: the bars its script drew, and that they show on screen.

Skips with no Chromium installed, except in CI (tests/test_browser.py's fixture)."""

from __future__ import annotations

from pathlib import Path

from test_browser import _Dom, chromium, png_colours, run_chromium  # noqa: F401 (fixture)
from test_career_views import career_graph

from kg.views.careers import career_rows
from kg.views.timeline import draw_timeline, timeline_bars

# the bar colours of kg/data/timeline.html: a span the text gives, a post reported held
SPAN_RGB, REPORTED_RGB = bytes((0x2f, 0x6f, 0xab)), bytes((0xe0, 0x89, 0x2b))


def test_the_timeline_draws_a_bar_per_post_and_span(chromium: str, tmp_path: Path) -> None:
    graph = career_graph()
    page = tmp_path / "wang.html"
    drawn = draw_timeline(graph, "王明", page)
    expected = sum(len(bars) for bars in timeline_bars(career_rows(graph, "王明")).values())
    assert drawn == expected
    dom = _Dom(run_chromium(chromium, page, tmp_path / "profile", "--dump-dom"))
    assert dom.body.get("data-ready") == "true", "the page's script did not finish"
    assert dom.body.get("data-person-count") == "1"
    assert dom.body.get("data-bar-count") == str(expected)
    # bars with a width in the laid-out page, as the browser measured them
    assert dom.body.get("data-drawn-count") == str(expected)


def test_the_timelines_bars_show_in_both_colours(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "wang.html"
    draw_timeline(career_graph(), "王明", page)
    shot = tmp_path / "shot.png"
    run_chromium(chromium, page, tmp_path / "profile", f"--screenshot={shot}")
    colours = png_colours(shot, (260, 80, 1000, 600))
    assert SPAN_RGB in colours and REPORTED_RGB in colours
