"""Corpus scale: streaming builds into a store or a file, queries on the store's
engine, `kg serve` over HTTP as a real process, the fast segmenter's tokens."""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.batch.build import Progress, ordered_map
from kg.cli import main
from tests.conftest import ROOT, SEED, shared_data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed and two reports made of its halves: three documents."""
    folder = tmp_path_factory.mktemp("corpus")
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("\n", len(text) // 2)
    (folder / "a-seed.txt").write_text(text, encoding="utf-8")
    (folder / "b-first-half.txt").write_text(text[:cut], encoding="utf-8")
    (folder / "c-second-half.txt").write_text(text[:text.index("\n")] + text[cut:],
                                              encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    paths = {"store": out / "store", "ttl": out / "g.ttl", "nt": out / "g.nt",
             "jsonld": out / "g.jsonld"}
    for path in paths.values():
        assert main(["build", str(corpus), "-o", str(path), "--workers", "1", "-q",
                     "--date", "2007-04-03"]) == 0
    return paths


def _rdflib(path: Path) -> Graph:
    return Graph().parse(path)


def test_build_store_holds_the_same_graph_as_the_file_builds(builds):
    from kg.store.oxigraph import open_store
    ttl = _rdflib(builds["ttl"])
    assert len(ttl) > 500
    # both through Oxigraph, which stores xsd:nonNegativeInteger as xsd:integer
    assert {str(q) for q in open_store(builds["store"])} == {str(q) for q in open_store(builds["ttl"])}
    assert isomorphic(_rdflib(builds["nt"]), ttl)
    # .jsonld still goes through rdflib's writer, whole-graph: the same triples
    assert isomorphic(_rdflib(builds["jsonld"]), ttl)


def test_two_workers_and_a_second_build_in_one_process_give_the_same_bytes(builds, corpus,
                                                                           tmp_path):
    # workers return each shared triple once per build (kg.graph.worker._HandedOn): a
    # second build in the same process must not lose what the first one sent
    for name, workers in (("two.ttl", "2"), ("again.ttl", "1")):
        assert main(["build", str(corpus), "-o", str(tmp_path / name), "--workers", workers,
                     "-q", "--date", "2007-04-03"]) == 0
        assert (tmp_path / name).read_bytes() == builds["ttl"].read_bytes()


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_file_sink_spilling_sorted_runs_writes_the_same_bytes(builds, tmp_path, suffix):
    from kg.store.sinks import FileSink
    whole = builds[suffix[1:]].read_text(encoding="utf-8")
    lines = Graph().parse(data=whole, format="turtle" if suffix == ".ttl" else "nt")
    spilled = FileSink(tmp_path / f"g{suffix}", run_lines=50)
    for triple in lines:
        spilled.add(triple)
        spilled.add(triple)  # repeats across runs are written once
    assert spilled.close() == len(lines)
    assert (tmp_path / f"g{suffix}").read_text(encoding="utf-8") == whole
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"g{suffix}"]


def test_build_store_leaves_no_temporary_folder(builds):
    assert sorted(p.name for p in builds["store"].parent.iterdir()) == [
        "g.jsonld", "g.nt", "g.ttl", "store"]


def test_build_nt_is_sorted_canonical_ntriples(builds):
    lines = builds["nt"].read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert all(line.endswith(" .") for line in lines)


def test_build_ttl_is_prefixed_and_grouped_by_subject(builds):
    text = builds["ttl"].read_text(encoding="utf-8")
    assert text.startswith("@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    assert "\tprov:wasDerivedFrom " in text
    subjects = re.findall(r"^(<[^>]+>) ", text, flags=re.M)
    assert subjects == sorted(set(subjects))


def test_build_with_no_readable_document_writes_no_store(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "store"
    assert main(["build", str(tmp_path / "empty.txt"), "-o", str(out), "-q"]) == 1
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


def test_query_over_a_store_runs_on_the_store_without_rdflib(builds, monkeypatch, capsys):
    import kg.store.formats
    import kg.store.oxigraph

    def refuse(*_args, **_kwargs):
        raise AssertionError("kg query must not load the store into rdflib")

    monkeypatch.setattr(kg.store.oxigraph, "store_to_rdflib", refuse)
    monkeypatch.setattr(kg.store.formats.GraphFormat, "read", refuse)
    opened = []
    real_open = kg.store.oxigraph.open_store
    monkeypatch.setattr(kg.store.oxigraph, "open_store",
                        lambda path, **kw: opened.append(real_open(path, **kw)) or opened[-1])
    assert main(["query", str(builds["store"]), "people-posts", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert "张健,秦州区委书记,秦州区委,2007-04-03" in "\n".join(rows)
    # a folder opens as Oxigraph's on-disk store, read-only, not copied into memory
    with pytest.raises(RuntimeError, match="read-write"):
        opened[0].update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_ordered_map_keeps_input_order_and_streams():
    def slow_for_small(n: int) -> int:
        time.sleep(0.02 if n % 3 == 0 else 0)
        return n * n

    with ThreadPoolExecutor(max_workers=4) as pool:
        # an endless input: only a bounded window is ever taken from it
        first = list(itertools.islice(ordered_map(pool, slow_for_small, itertools.count(),
                                                  chunk=2, in_flight=3), 10))
    assert first == [(n, n * n) for n in range(10)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_off_a_terminal_logs_the_first_document_then_every_n_and_none_at_the_end():
    stream = io.StringIO()
    progress = Progress(stream, every=2)
    for i, name in enumerate(["a.txt", "b.txt", "c.txt"], 1):
        progress(i, None, name)
    progress(3, 3, "c.txt")
    assert re.fullmatch(r"\[1\] [\d,.]+ docs/s  a\.txt\n\[2\] [\d,.]+ docs/s  b\.txt\n",
                        stream.getvalue())


def test_progress_on_a_terminal_is_one_line_rewritten_in_place():
    clock = iter([0.0, 0.1, 0.5, 0.6, 0.9, 1.0])
    stream = _Terminal()
    progress = Progress(stream, clock=lambda: next(clock))
    progress(1, None, "a.txt")  # before 0.2 s: nothing yet
    progress(2, None, "b.txt")
    progress(3, None, "c.txt")  # 0.1 s after the last: skipped
    progress(4, None, "d.txt")
    progress(4, 4, "d.txt")
    out = stream.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n")
    assert [part.split(" ")[0] for part in out.split("\r")[1:]] == ["[2]", "[4]", "[4/4]"]


def test_progress_of_a_quick_build_leaves_no_line_on_a_terminal():
    stream = _Terminal()
    progress = Progress(stream)
    progress(1, None, "a.txt")
    progress(1, 1, "a.txt")
    assert stream.getvalue() == ""


def test_fast_segmenter_gives_jieba_tokens_on_seed_and_corpus_sentences():
    from kg.text import segment
    fast = segment._fast_tokenizer()
    if fast is None:
        pytest.skip("jieba-fast-dat is not installed: kg uses plain jieba")
    plain = segment.jieba_tokenizer()
    for word in sorted(segment.domain_words(segment.load_lexicon())):
        fast.add_word(word, freq=50000)
        plain.add_word(word, freq=50000)
    texts = [SEED.read_text(encoding="utf-8")]
    data = shared_data()
    if (data / "people_daily").is_dir():
        from kg.eval.corpora import iter_sentences
        texts += [s for _, s in itertools.islice(iter_sentences(data, "pd-test"), 3000)]
        texts += [s for _, s in itertools.islice(iter_sentences(data, "msra-val"), 1000)]
    mismatches = [t for t in texts if list(fast.cut(t, HMM=True)) != list(plain.cut(t, HMM=True))]
    assert not mismatches, mismatches[:3]


# ------------------------------------------------------------ kg serve, a real process

def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_serve_cli_answers_over_http_and_refuses_updates(builds):
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(builds["store"]),
                             "--port", "0"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        while not any("/sparql" in ln for ln in lines):
            assert proc.poll() is None and time.monotonic() < deadline, lines
            time.sleep(0.1)
        endpoint = re.search(r"(http://127\.0\.0\.1:\d+/)sparql", "".join(lines)).group(0)
        query = ("SELECT ?post WHERE { ?p rdfs:label \"张健\"@zh-Hans ; org:holds/rdfs:label ?post "
                 "FILTER(lang(?post) = \"zh-hans\") } ORDER BY ?post")
        status, headers, body = _get(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                     Accept="application/sparql-results+json")
        assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
        posts = [b["post"]["value"] for b in json.loads(body)["results"]["bindings"]]
        assert posts == ["天水市委常委", "秦州区委书记"]

        update = urllib.request.Request(
            endpoint, data="INSERT DATA { <urn:a> <urn:b> <urn:c> }".encode(), method="POST",
            headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=30)
        assert 400 <= refused.value.code < 500
        status, _, body = _get(endpoint + "?" + urllib.parse.urlencode(
            {"query": "ASK { <urn:a> <urn:b> <urn:c> }"}), Accept="application/sparql-results+json")
        assert json.loads(body)["boolean"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode is not None


def test_build_store_refuses_a_folder_holding_other_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["build", str(SEED), "-o", str(tmp_path), "-q"]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
