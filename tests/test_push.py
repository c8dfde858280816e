"""`kg push` into a real `oxigraph serve` (PyPI's oxigraph) on loopback."""

from __future__ import annotations

import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import UsageError
from kg.store.push import PushError, push, target_url
from tests.conftest import SEED, free_port, installed_command


def _oxigraph() -> str:
    return installed_command(
        "oxigraph", "the `oxigraph` server is not installed (pip install -e '.[test]' brings it)")


@pytest.fixture
def oxigraph_server(tmp_path):
    port = free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "oxi"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "oxigraph serve did not answer within 60 s"
            time.sleep(0.2)
    yield base
    proc.kill()
    proc.wait(timeout=30)


def _construct(base: str, graph: str | None = None) -> Graph:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"
    request = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return Graph().parse(data=r.read().decode("utf-8"), format="nt")


def _as_oxigraph_keeps_it(graph_file: Path) -> Graph:
    # Oxigraph lowers language tags and stores xsd:nonNegativeInteger as
    # xsd:integer; the same file through its parser and store, for comparing
    from kg.store.oxigraph import open_store
    data = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in open_store(graph_file))
    return Graph().parse(data=data, format="nt")


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("push") / "seed.ttl"
    assert main(["build", str(SEED), "-o", str(out), "--workers", "1", "-q"]) == 0
    return out


def test_push_cli_loads_the_graph_into_oxigraph_and_it_queries_back(oxigraph_server, seed_ttl):
    assert main(["push", str(seed_ttl), "--endpoint", oxigraph_server + "/store",
                 "--batch", "100"]) == 0
    back = _construct(oxigraph_server)
    assert len(back) > 400 and isomorphic(back, _as_oxigraph_keeps_it(seed_ttl))


def test_push_replace_empties_the_named_graph_first(oxigraph_server, seed_ttl, tmp_path):
    small = tmp_path / "small.nt"
    small.write_text("<urn:x:a> <urn:x:b> \"张健\"@zh-Hans .\n", encoding="utf-8")
    store = oxigraph_server + "/store"
    push(seed_ttl, store, graph="urn:x:g")
    push(small, store, graph="urn:x:g", replace=True)
    push(small, store, graph="urn:x:g")  # adding a triple twice changes nothing
    assert isomorphic(_construct(oxigraph_server, "urn:x:g"), _as_oxigraph_keeps_it(small))
    assert len(_construct(oxigraph_server)) == 0  # the default graph was not touched


def test_push_names_the_url_when_the_server_refuses(oxigraph_server, seed_ttl):
    with pytest.raises(PushError, match=r"/nowhere\?default.*404"):
        push(seed_ttl, oxigraph_server + "/nowhere")


def test_push_names_the_url_when_nothing_listens(seed_ttl):
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="cannot reach"):
        push(seed_ttl, url)
    assert main(["push", str(seed_ttl), "--endpoint", url]) == 1


def test_push_target_url_for_default_and_named_graphs():
    assert target_url("http://h:3030/ds/data") == "http://h:3030/ds/data?default"
    assert (target_url("http://h/rdf-graphs/service?x=1", "https://w3id.org/zhkg/g#1")
            == "http://h/rdf-graphs/service?x=1&graph=https%3A%2F%2Fw3id.org%2Fzhkg%2Fg%231")
    with pytest.raises(UsageError, match="http"):
        target_url("ftp://h/store")
