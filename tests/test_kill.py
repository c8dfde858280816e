"""Killing a real `kg build` mid-way loses nothing.

Each test builds the seed once (the "previous" graph), then starts a second
build of a few hundred copies of the seed into the same output as a separate
process group, kills it with SIGINT (what Ctrl-C sends to the whole group) or
SIGKILL while it works, and checks that the previous graph is still there,
byte for byte or quad for quad, and still answers queries; and that
building again gives the same output as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.cli import main
from kg.store.oxigraph import open_store
from kg.store.query import run_query
from tests.conftest import ROOT, SEED

COPIES = 300
KINDS = ("g.ttl", "g.trig", "store")
PEOPLE_Q = "SELECT ?name { ?p a kg:Person ; rdfs:label ?name FILTER(lang(?name) = 'zh-hans') }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    data = SEED.read_bytes()
    for i in range(COPIES):
        (folder / f"report-{i:04d}.txt").write_bytes(data)
    return folder


def kg(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **popen)


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """The seed built once into each kind of output, copied by each test."""
    folder = tmp_path_factory.mktemp("previous")
    for kind in KINDS:
        assert main(["build", str(SEED), "-o", str(folder / kind), "--workers", "1", "-q"]) == 0
    return folder


def copy_of(previous: Path, kind: str, tmp_path: Path) -> Path:
    out = tmp_path / kind
    (shutil.copytree if kind == "store" else shutil.copyfile)(previous / kind, out)
    return out


def kill_when(child: subprocess.Popen, marker: str, sig: signal.Signals) -> str:
    """Sends `sig` to the child's process group once `marker` shows on its stderr;
    returns everything it wrote to stderr."""
    seen = []
    deadline = time.monotonic() + 120
    for line in child.stderr:
        seen.append(line)
        if marker in line:
            break
        assert time.monotonic() < deadline, "the build never reached the point to kill it at"
    else:
        pytest.fail("the build ended before it could be killed:\n" + "".join(seen))
    assert child.poll() is None, "the build finished before it could be killed"
    os.killpg(child.pid, sig)
    rest = child.stderr.read()
    child.wait(timeout=60)
    return "".join(seen) + rest


def snapshot(path: Path):
    if path.is_dir():
        store = open_store(path)
        quads = sorted(str(q) for q in store)
        del store
        return quads
    return path.read_bytes()


def leftovers(folder: Path, keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != keep)


@pytest.mark.parametrize("kind, sig, workers", [
    ("g.ttl", signal.SIGINT, "2"),
    ("store", signal.SIGINT, "1"),
    ("g.ttl", signal.SIGKILL, "1"),
    ("store", signal.SIGKILL, "2"),
], ids=["ttl-sigint", "store-sigint", "ttl-sigkill", "store-sigkill"])
def test_kill_mid_build_keeps_previous_graph(tmp_path: Path, previous: Path, corpus: Path,
                                             kind: str, sig: signal.Signals, workers: str):
    out = copy_of(previous, kind, tmp_path)
    before = snapshot(out)
    child = kg("build", str(corpus), "-o", str(out), "--workers", workers)
    # the first progress line comes after the first document: kill there, long before the end
    err = kill_when(child, "report-0000.txt", sig)
    if sig == signal.SIGINT:
        assert child.returncode == 130, err
        # Ctrl-C reaches the workers too: still no traceback from any of them
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        messages = [line for line in err.splitlines() if not line.startswith("[")]
        assert messages == ["kg build: interrupted; files already written are intact"]
        assert leftovers(tmp_path, out) == []  # an orderly stop cleans up after itself
    else:
        assert child.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    names = {r[0].value for r in run_query(open_store(out), PEOPLE_Q).rows}
    assert {"张健", "王小林", "宋建平"} <= names
    # building the same input again gives the same graph
    assert main(["build", str(SEED), "-o", str(out), "--workers", "1", "-q"]) == 0
    assert snapshot(out) == before


# The write itself: a child that pauses right before the finished output takes
# the old one's place (the last step that touches it) and is killed there.
PAUSE_BEFORE_RENAME = textwrap.dedent("""\
    import os, sys, time
    from pathlib import Path
    from kg.cli import main

    def paused(real):
        def rename(*args):
            print("renaming", file=sys.stderr, flush=True)
            time.sleep(60)
            return real(*args)
        return rename

    os.replace = paused(os.replace)
    Path.rename = paused(Path.rename)
    sys.exit(main(sys.argv[1:]))
    """)


@pytest.mark.parametrize("kind", KINDS)
def test_sigkill_while_writing_keeps_previous_graph(tmp_path: Path, previous: Path, kind: str):
    out = copy_of(previous, kind, tmp_path)
    before = snapshot(out)
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8").replace("宋建平", "宋建国"), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", PAUSE_BEFORE_RENAME, "build", str(changed),
                              "-o", str(out), "--workers", "1", "-q"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    kill_when(child, "renaming", signal.SIGKILL)
    assert snapshot(out) == before
    assert "宋建平" in {r[0].value for r in run_query(open_store(out), PEOPLE_Q).rows}


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for its new parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_workers_end_when_the_build_is_killed(corpus: Path, tmp_path: Path):
    child = kg("build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--workers", "2")
    try:
        for line in child.stderr:
            if "report-0000.txt" in line:
                break
        workers = [int(pid) for pid in
                   Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()]
        assert len(workers) == 2
        os.kill(child.pid, signal.SIGKILL)  # the parent alone, as the OOM killer would
        child.wait(timeout=60)
        deadline = time.monotonic() + 20
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), "the workers outlived their build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


def built_sources(out: Path) -> set[str]:
    store = open_store(out)
    rows = run_query(store, "SELECT ?path { ?s dcterms:source ?path }").rows
    return {r[0].value for r in rows}


@pytest.mark.parametrize("kind, add", [("store", []), ("g.ttl", ["--add"])])
def test_two_builds_into_one_output_lose_nothing(tmp_path: Path, previous: Path, kind: str,
                                                 add: list[str]):
    out = copy_of(previous, kind, tmp_path)
    names = []
    for name, old, new in (("b.txt", "宋建平", "宋建国"), ("c.txt", "牟建林", "牟建国")):
        (tmp_path / name).write_text(SEED.read_text(encoding="utf-8").replace(old, new),
                                     encoding="utf-8")
        names.append(str(tmp_path / name))
    builds = [kg("build", name, "-o", str(out), "--workers", "1", *add) for name in names]
    errs = []
    for build in builds:
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
        errs.append(err)
    assert built_sources(out) == {str(SEED), *names}
    # the one that came second waited for the first, and said so
    assert any("is in use by PID" in err and "waiting" in err for err in errs), errs
    assert leftovers(tmp_path, out) == ["b.txt", "c.txt"]
