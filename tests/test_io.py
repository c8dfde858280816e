"""kg.io: atomic writes whose files get the mode the umask (or the file replaced) asks for."""

from __future__ import annotations

import os
import stat
import threading
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.io import (_CACHED_VERSIONS, _from_program, atomic_file, cached, cached_regexes, mode_for, replace_folder, scratch_folder,
                   umask, writer_lock)
from tests.conftest import SEED


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_umask_is_read_without_changing_it(umask_022):
    assert umask() == 0o022
    assert umask() == 0o022


def test_a_new_file_gets_what_the_umask_allows(tmp_path, umask_022):
    with atomic_file(tmp_path / "a.txt", "w", encoding="utf-8") as f:
        f.write("x")
    assert mode(tmp_path / "a.txt") == 0o644


def test_a_replaced_file_keeps_its_permission_bits(tmp_path, umask_022):
    path = tmp_path / "a.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    with atomic_file(path, "w", encoding="utf-8") as f:
        f.write("new")
    assert path.read_text() == "new" and mode(path) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(path, "w", encoding="utf-8") as f:
        f.write("half")
        raise RuntimeError("killed")
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["a.txt"]


def test_replace_folder_swaps_and_keeps_the_old_folders_mode(tmp_path, umask_022):
    target = tmp_path / "store"
    target.mkdir()
    (target / "old").write_text("")
    os.chmod(target, 0o750)
    new = scratch_folder(target, "new")
    (new / "fresh").write_text("")
    assert mode(new) == 0o700  # what mkdtemp gives: the reason for the chmod
    replace_folder(new, target)
    assert os.listdir(target) == ["fresh"] and mode(target) == 0o750
    assert os.listdir(tmp_path) == ["store"]


# .ttl is written by FileSink, .trig from an rdflib graph (kg.store.sinks)
@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_kg_build_writes_readable_graph_files(tmp_path, umask_022, suffix):
    out = tmp_path / f"g{suffix}"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--workers", "1"]) == 0
    assert mode(out) == 0o644
    os.chmod(out, 0o640)
    assert main(["build", str(SEED), "-o", str(out), "-q", "--workers", "1"]) == 0
    assert mode(out) == 0o640


def test_kg_build_store_and_rebuild_keep_readable_folders(tmp_path, umask_022):
    store = tmp_path / "store"
    assert main(["build", str(SEED), "-o", str(store), "-q", "--workers", "1"]) == 0
    assert mode(store) == 0o755
    os.chmod(store, 0o750)
    # a second build into a store rewrites it through a fresh folder swapped in
    assert main(["build", str(SEED), "-o", str(store), "-q", "--workers", "1"]) == 0
    assert mode(store) == 0o750


def test_kg_draw_and_export_write_readable_files(tmp_path, umask_022):
    graph = tmp_path / "g.ttl"
    main(["build", str(SEED), "-o", str(graph), "-q", "--workers", "1"])
    assert main(["draw", str(graph), "-o", str(tmp_path / "g.html")]) == 0
    assert main(["export", str(graph), "-o", str(tmp_path / "g.csv")]) == 0
    assert main(["export", str(graph), "-o", str(tmp_path / "g.graphml")]) == 0
    for name in ("g.html", "g-nodes.csv", "g-edges.csv", "g.graphml"):
        assert mode(tmp_path / name) == 0o644, name


def test_mode_for_a_missing_folder_follows_the_umask(tmp_path, umask_022):
    assert mode_for(tmp_path / "nothing", folder=True) == 0o755


def test_a_second_writer_waits_for_the_first_and_is_told_its_pid(tmp_path):
    target = tmp_path / "g.ttl"
    told, order = [], []
    first_holds, second_asked = threading.Event(), threading.Event()

    def second():
        first_holds.wait()
        with writer_lock(target, waiting=lambda pid: (told.append(pid), second_asked.set())):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with writer_lock(target):
        first_holds.set()
        assert second_asked.wait(10)
        order.append("first")
    thread.join(10)
    assert told == [str(os.getpid())] and order == ["first", "second"]
    assert os.listdir(tmp_path) == []  # the lock file goes with its last holder


def _counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_cached_builds_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path / "cache"))
    build, calls = _counting_build({"word": ("a", "b"), "pre": ()})
    assert cached("table", b"v1", build) == {"word": ("a", "b"), "pre": ()}
    assert cached("table", b"v1", build) == {"word": ("a", "b"), "pre": ()}
    assert len(calls) == 1
    cached("table", b"v2", build)  # what it is built from changed: built again
    assert len(calls) == 2


def test_cached_keeps_a_few_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path))
    for version in range(_CACHED_VERSIONS + 2):
        cached("table", bytes([version]), lambda: [version])
    cached("other", b"", lambda: 1)
    assert len(list(tmp_path.glob("table-*.marshal"))) == _CACHED_VERSIONS
    assert len(list(tmp_path.glob("other-*.marshal"))) == 1


def test_cached_rebuilds_an_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path))
    cached("table", b"k", lambda: [1, 2])
    (written,) = tmp_path.glob("table-*.marshal")
    written.write_bytes(written.read_bytes()[:3])  # cut short, as by a full disk
    build, calls = _counting_build([1, 2])
    assert cached("table", b"k", build) == [1, 2] and calls == [1]


def test_cached_without_a_writable_folder_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ZHKG_CACHE", str(blocker / "cache"))
    build, calls = _counting_build("value")
    assert cached("table", b"k", build) == "value"
    assert cached("table", b"k", build) == "value" and len(calls) == 2


def test_cached_regexes_match_as_compiled_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path))
    sources = {"named": r"(?P<head>ab|cd)+\d{2,4}(?<=[，。])?(?!x)", "words": "中国|中华(?:人民)?"}
    build, calls = _counting_build(sources)
    cached_regexes("regexes", b"k", build)
    kept = cached_regexes("regexes", b"k", build)  # the second from the cache folder
    assert len(calls) == 1
    for name, source in sources.items():
        compiled = re.compile(source)
        assert isinstance(kept[name], re.Pattern)
        assert (kept[name].pattern, kept[name].groupindex, kept[name].groups) == \
            (compiled.pattern, compiled.groupindex, compiled.groups)
        for text in ("xxabcd12，", "中华人民共和国", "abab999x"):
            assert [m.span() for m in kept[name].finditer(text)] == \
                [m.span() for m in compiled.finditer(text)]


def test_a_program_this_python_refuses_is_compiled_from_its_source():
    assert _from_program(("a+b", 0, [1, 2, 3], 0, {}, (None,))).fullmatch("aab")
