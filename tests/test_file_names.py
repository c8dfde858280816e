"""Any file name builds, and only the corpus's own regular files are read (issue 17, 7-9).

A space, a quote, `<`, `#`, a bad percent escape, a tab or a newline in a file
name used to skip the file or lose its sentences; a symbolic link to
/proc/self/environ was built as a report; NUL and form feed reached GraphML.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import InputError, UsageError
from kg.graph.datasets import as_graph
from kg.graph.iri import iri_path
from kg.graph.ns import DCTERMS, NIF
from kg.store.formats import write_graph
from kg.store.oxigraph import load_graph
from kg.text.ingest import decode, iter_sources
from kg.text.document import load_document
from kg.views.export import export_graph
from tests.conftest import SEED

ODD_NAMES = ("a b", 'quote"d', "lt<gt>", "hash#x", "bad%zz", "tab\tx", "new\nline", "ok%41")
OUTPUTS = ("g.ttl", "g.nt", "g.nq", "g.trig", "g.jsonld", "store")


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("odd") / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i, name in enumerate(ODD_NAMES):
        # a different text each, so each file is its own document
        (folder / f"{name}.txt").write_text(text + f"\n{i}\n", encoding="utf-8")
    return folder


def sentences_by_source(graph) -> dict[str, int]:
    """dcterms:source (the path as given) → how many sentences point at its document."""
    g = as_graph(graph)
    counts = {}
    for src, path in g.subject_objects(DCTERMS.source):
        counts[str(path)] = sum(1 for _ in g.subjects(NIF.referenceContext, src))
    return counts


@pytest.mark.parametrize("output", OUTPUTS)
def test_any_file_name_builds_and_reads_back_with_its_sentences(odd_corpus, tmp_path, output):
    out = tmp_path / output
    assert main(["build", str(odd_corpus), "-o", str(out), "--workers", "1", "-q"]) == 0
    counts = sentences_by_source(load_graph(out))
    assert set(counts) == {str(odd_corpus / f"{name}.txt") for name in ODD_NAMES}
    assert min(counts.values()) >= 10, counts


@pytest.mark.parametrize("output", ("g.ttl", "g.trig", "store"))
def test_adding_an_odd_file_name_to_an_existing_graph(odd_corpus, tmp_path, output):
    out = tmp_path / output
    assert main(["build", str(SEED), "-o", str(out), "--workers", "1", "-q"]) == 0
    odd = odd_corpus / "new\nline.txt"
    assert main(["build", str(odd), "-o", str(out), "--add", "--workers", "1", "-q"]) == 0
    counts = sentences_by_source(load_graph(out))
    assert set(counts) == {str(SEED), str(odd)} and min(counts.values()) >= 10


def test_document_iris_change_only_for_names_an_iri_cannot_hold():
    for valid in ("20070403-3f2a9c1e", "秦州区-a1b2c3d4", "a(1)+b,c;d=e!f'g*h", "ok%41", "q?x"):
        assert iri_path(valid) == valid
    assert iri_path("a b") == "a%20b"
    assert iri_path('q"<>#{}|\\^`') == "q%22%3C%3E%23%7B%7D%7C%5C%5E%60"
    assert iri_path("bad%zz") == "bad%25zz"
    assert iri_path("t\tn\n\x7f") == "t%09n%0A%7F"


def test_a_symlink_to_proc_self_environ_is_skipped_with_a_message(tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "report.txt").write_bytes(SEED.read_bytes())
    (corpus / "environ.txt").symlink_to("/proc/self/environ")
    out = tmp_path / "g.nt"
    assert main(["build", str(corpus), "-o", str(out), "--workers", "1", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"skipped {corpus / 'environ.txt'}: a symbolic link out of the folder" in err
    assert "/proc/" in err
    assert set(sentences_by_source(load_graph(out))) == {str(corpus / "report.txt")}
    assert "PATH=" not in out.read_text(encoding="utf-8")


def test_a_symlink_out_of_the_folder_is_reported_one_inside_is_read(tmp_path):
    corpus, outside = tmp_path / "in", tmp_path / "outside"
    corpus.mkdir(), outside.mkdir()
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    (corpus / "a.txt").write_text("x", encoding="utf-8")
    (corpus / "b.txt").symlink_to(corpus / "a.txt")
    (corpus / "c.txt").symlink_to(outside / "secret.txt")
    (corpus / "d").symlink_to(outside)
    found = list(iter_sources([str(corpus)]))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "b.txt"]
    errors = [e for e in found if isinstance(e, InputError)]
    assert [Path(e.path).name for e in errors] == ["c.txt", "d"]
    assert all("out of the folder" in e.reason for e in errors)


def test_a_kernel_file_named_directly_is_refused():
    with pytest.raises(InputError, match="procfs or sysfs"):
        load_document(Path("/proc/self/environ"))


def test_a_nul_in_utf8_text_is_reported_with_its_place():
    with pytest.raises(InputError, match="NUL character") as caught:
        decode("第一行\n第二\x00行\n".encode("utf-8"), "f.txt")
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_a_folder_a_thousand_levels_deep_is_read(tmp_path):
    deep = tmp_path
    for _ in range(1000):  # one level at a time: os.makedirs itself recurses that deep
        deep = deep / "d"
        deep.mkdir()
    (deep / "x.txt").write_text("x", encoding="utf-8")
    try:
        assert [p.name for p in iter_sources([str(tmp_path)])] == ["x.txt"]
    finally:
        # and removed one level at a time: shutil.rmtree (pytest's clean-up) recurses too
        (deep / "x.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_an_unreadable_folder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    listing = Path.iterdir

    def iterdir(folder):
        # chmod 000 stops no one when the tests run as root: refuse as the kernel would
        if folder.name == "a":
            raise PermissionError(13, "Permission denied", str(folder))
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    found = list(iter_sources([str(tmp_path)]))
    assert isinstance(found[0], InputError) and found[0].path == str(tmp_path / "a")
    assert "cannot read the folder: Permission denied" in found[0].reason
    assert [p.name for p in found[1:]] == ["c.txt"]


def test_a_store_inside_the_input_folder_is_not_read_as_reports(tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "report.txt").write_bytes(SEED.read_bytes())
    assert main(["build", str(corpus), "-o", str(corpus / "store"), "--workers", "1", "-q"]) == 0
    assert [p.name for p in iter_sources([str(corpus)])] == ["report.txt"]
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.nt"), "--workers", "1", "-q"]) == 0
    assert "skipped" not in capsys.readouterr().err


@pytest.fixture(scope="module")
def control_graph(tmp_path_factory):
    """The seed with a form feed and an ESC before its first name (a NUL is refused at input)."""
    folder = tmp_path_factory.mktemp("control")
    text = SEED.read_text(encoding="utf-8")
    # inside the sentence a person is derived from, so it is GraphML evidence
    (folder / "r.txt").write_text(text.replace("張健", "\x0c\x1b張健", 1), encoding="utf-8")
    assert main(["build", str(folder / "r.txt"), "-o", str(folder / "g.nt"),
                 "--workers", "1", "-q"]) == 0
    graph = load_graph(folder / "g.nt")
    assert any("\x0c\x1b" in str(o) for o in graph.objects())
    return graph


def test_graphml_with_control_characters_is_well_formed_xml(control_graph, tmp_path):
    out = tmp_path / "g.graphml"
    export_graph(control_graph, out)
    root = ET.parse(out).getroot()  # raises on a character XML cannot hold
    assert root.tag.endswith("graphml")


def test_rdf_xml_refuses_a_graph_with_control_characters(control_graph, tmp_path):
    out = tmp_path / "g.rdf"
    with pytest.raises(UsageError, match="U\\+000C, which XML 1.0 cannot hold"):
        write_graph(control_graph, out)
    assert not out.exists() and os.listdir(tmp_path) == []


def test_odd_names_give_the_same_people_built_together_or_one_at_a_time(odd_corpus, tmp_path):
    first, second = odd_corpus / "a b.txt", odd_corpus / "new\nline.txt"
    together, one_by_one = tmp_path / "together.nt", tmp_path / "one-by-one.nt"
    assert main(["build", str(first), str(second), "-o", str(together), "--workers", "1",
                 "-q"]) == 0
    assert main(["build", str(first), "-o", str(one_by_one), "--workers", "1", "-q"]) == 0
    assert main(["build", str(second), "-o", str(one_by_one), "--add", "--workers", "1",
                 "-q"]) == 0
    assert sorted(together.read_text(encoding="utf-8").splitlines()) == \
        sorted(one_by_one.read_text(encoding="utf-8").splitlines())
