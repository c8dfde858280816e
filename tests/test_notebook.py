"""notebooks/explore.ipynb runs clean, top to bottom, in a kernel of this environment.

Skips when the notebook tooling (the `test` extra) is missing, except in CI
(CI=true), where it fails: a notebook nobody runs rots.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from test_draw import external_loads

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "zhkg-test"


def _tooling():
    try:
        import nbclient
        import nbformat
    except ImportError as exc:
        message = f"{exc.name} missing: pip install -e '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": the notebook must run in CI")
        pytest.skip(message)
    return nbclient, nbformat


def _text(cell: dict) -> str:
    """Everything a cell showed: streams, plain-text and HTML results."""
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        data = out.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def _tagged(nb, tag: str) -> dict:
    return next(c for c in nb.cells if tag in c.get("metadata", {}).get("tags", []))


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory):
    nbclient, nbformat = _tooling()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    out = tmp_path_factory.mktemp("notebook-out")
    # a kernel spec of our own, so the kernel is this interpreter and not a
    # "python3" that some other Jupyter install registered first
    specs = tmp_path_factory.mktemp("jupyter")
    (specs / "kernels" / KERNEL).mkdir(parents=True)
    (specs / "kernels" / KERNEL / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "zhkg test", "language": "python"}), encoding="utf-8")
    env = {"ZHKG_NOTEBOOK_OUT": str(out), "JUPYTER_PATH": str(specs)}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel process inherits this environment
    try:
        client = nbclient.NotebookClient(
            nb, kernel_name=KERNEL, timeout=300,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb, out


def test_notebook_is_committed_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_notebook_runs_clean(executed) -> None:
    nb, out = executed
    for cell in nb.cells:
        if cell.cell_type == "code":
            # no errors, and no warnings either: a reader should see only results
            assert not [o for o in cell.outputs if o.output_type == "error"
                        or o.get("name") == "stderr"], cell.source
    assert (out / "seed.ttl").stat().st_size > 10_000
    assert "skipped:" not in _text(_tagged(nb, "build"))


def test_notebook_people_posts_table(executed) -> None:
    nb, _ = executed
    shown = _text(_tagged(nb, "people-posts"))
    assert "张健" in shown and "秦州区委书记" in shown and "天水市委常委" in shown
    # the evidence column quotes the original, traditional text
    assert "區(qū)委書記張健" in shown
    assert "张健" in _text(_tagged(nb, "holders"))


def test_notebook_shows_the_graph_inline_and_offline(executed) -> None:
    nb, out = executed
    shown = _text(_tagged(nb, "graph-view"))
    assert "<iframe srcdoc=" in shown and "data-node-count=" in shown
    page = (out / "seed.html").read_text(encoding="utf-8")
    assert external_loads(page) == []


def test_notebook_centrality_of_officials(executed) -> None:
    nb, _ = executed
    table = _text(_tagged(nb, "centrality"))
    for name in ("张健", "宋建平", "王小林", "牟建林"):
        assert name in table
    assert "betweenness" in table
    # the prose under the table reads the seed this way: it must stay true
    assert "Highest betweenness among officials: 张健" in _text(_tagged(nb, "top-official"))
