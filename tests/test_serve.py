"""kg.store.serve: the SPARQL endpoint over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import re
import statistics
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st

from kg.errors import UsageError
from kg.store.serve import make_server
from kg.store.sparql import uses_service
from kg.store.bundled import load_query
from test_store import SAMPLE_TTL, SLOW_Q, slow_store

COUNT_Q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The sample graph's file, which the endpoint's query workers open."""
    path = tmp_path_factory.mktemp("graph") / "sample.ttl"
    path.write_text(SAMPLE_TTL, encoding="utf-8")
    return path


def slow_graph(tmp_path, n: int) -> Path:
    path = tmp_path / "slow.nt"
    path.write_bytes(ox.serialize(slow_store(n), format=ox.RdfFormat.N_QUADS))
    return path


@contextmanager
def running(store, **options):
    server = make_server(store, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_connection_that_sends_nothing_is_closed_after_the_idle_timeout(store):
    import socket
    with running(store, idle_timeout_s=0.5) as server:
        host, port = server.server_address[:2]
        with socket.create_connection((host, port), timeout=10) as idle:
            idle.sendall(b"GET /sparql?query=ASK")  # a request that never ends
            started = time.monotonic()
            assert idle.recv(1024) == b""  # closed by the server, not by our timeout
            assert time.monotonic() - started < 5


@pytest.fixture(scope="module")
def server(store):
    with running(store) as server:
        yield server


def call(server, method: str, path: str, body: bytes | str | None = None, **headers):
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={k.replace("_", "-"): v
                                                       for k, v in headers.items()})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def get(server, query: str, **headers):
    return call(server, "GET", "/sparql?query=" + quote(query), **headers)


def count(server) -> str:
    status, _, body = get(server, COUNT_Q)
    assert status == 200
    return json.loads(body)["results"]["bindings"][0]["n"]["value"]


def test_get_answers_sparql_json_by_default(server):
    status, headers, body = get(server, load_query("people-posts"))
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
    [row] = json.loads(body)["results"]["bindings"]
    assert row["person"] == {"type": "literal", "value": "张健", "xml:lang": "zh-hans"}
    assert row["post"]["value"] == "秦州区委书记"


def test_get_negotiates_csv_and_tsv(server):
    status, headers, body = get(server, load_query("people-posts"), Accept="text/csv")
    assert (status, headers["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert body.decode() == ("person,post,organization,as_of,sentence\r\n"
                             "张健,秦州区委书记,秦州区委,2007-04-03,區委書記張健主持會議並講話。\r\n")
    status, headers, body = get(server, load_query("people-posts"),
                                Accept="text/html;q=0.9, text/tab-separated-values")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[1].startswith('"张健"@zh-hans\t"秦州区委书记"@zh-hans\t')


def test_post_form_and_sparql_query_bodies(server):
    form = urlencode({"query": "ASK { ?p a kg:Person }"})
    status, _, body = call(server, "POST", "/sparql", form,
                           Content_Type="application/x-www-form-urlencoded")
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})
    status, _, body = call(server, "POST", "/sparql", load_query("people-posts").encode(),
                           Content_Type="application/sparql-query; charset=utf-8",
                           Accept="text/csv")
    assert status == 200 and "张健" in body.decode()


def test_construct_answers_turtle_or_ntriples(server):
    query = "CONSTRUCT { ?p org:holds ?q } WHERE { ?p org:holds ?q }"
    status, headers, body = get(server, query)
    assert (status, headers["Content-Type"]) == (200, "text/turtle; charset=utf-8")
    assert len(list(ox.parse(body, ox.RdfFormat.TURTLE))) == 1
    status, headers, body = get(server, query, Accept="application/n-triples")
    assert headers["Content-Type"].startswith("application/n-triples")
    assert body.decode().count(" .\n") == 1


def test_unavailable_result_type_is_406(server):
    status, _, body = get(server, "ASK {}", Accept="application/sparql-results+xml")
    assert status == 406 and b"text/csv" in body


@pytest.mark.parametrize("how", ["form", "update-body", "get"])
def test_updates_are_refused_and_change_nothing(server, how):
    before = count(server)
    drop = "DROP ALL"
    if how == "form":
        status, _, body = call(server, "POST", "/sparql", urlencode({"update": drop}),
                               Content_Type="application/x-www-form-urlencoded")
    elif how == "update-body":
        status, _, body = call(server, "POST", "/sparql", drop,
                               Content_Type="application/sparql-update")
    else:
        status, _, body = call(server, "GET", "/sparql?update=" + quote(drop))
    assert status == 403 and b"read-only" in body
    assert count(server) == before != "0"


def test_service_is_refused_but_the_word_in_a_string_is_not(server):
    status, _, body = get(server, "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body
    status, _, _ = get(server, 'SELECT * { ?s rdfs:label "SERVICE <http://x/> {}" } # SERVICE')
    assert status == 200


def test_oversized_requests_get_413(store):
    with running(store, max_request_bytes=1000) as server:
        status, _, _ = call(server, "POST", "/sparql", "ASK {}" + " " * 2000,
                            Content_Type="application/sparql-query")
        assert status == 413
        status, _, _ = get(server, "ASK {}" + " " * 2000)
        assert status == 413
        assert get(server, "ASK {}")[0] == 200


def test_malformed_query_is_400_with_position(server):
    status, headers, body = get(server, "SELECT ?p\nWHERE { ?p a kg:Person ")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert re.match(r"SPARQL query: line 2, column \d+: expected", body.decode())


def test_unknown_path_and_body_type(server):
    assert call(server, "GET", "/nothing")[0] == 404
    assert call(server, "POST", "/sparql", "ASK {}", Content_Type="text/plain")[0] == 415


def test_slow_query_times_out_with_503_and_gives_its_slot_back(tmp_path):
    with running(slow_graph(tmp_path, 200), timeout_s=0.3, max_running=1) as server:
        started = time.monotonic()
        status, headers, body = get(server, SLOW_Q)
        assert time.monotonic() - started < 2
        assert status == 503 and headers["Retry-After"] and b"no answer within 0.3 s" in body
        # its worker was killed and replaced: the only slot is free again
        server.timeout_s = 10.0
        status, _, body = get(server, "ASK {}")
        assert status == 200


def test_result_cap_truncates_with_header(store):
    with running(store, max_results=2) as server:
        status, headers, body = get(server, "SELECT * { ?s ?p ?o }")
        assert status == 200 and headers["X-Result-Truncated"] == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 2
        status, headers, _ = get(server, "SELECT ?p { ?p a kg:Person }")
        assert status == 200 and headers["X-Result-Truncated"] is None


def test_query_page_is_self_contained(server):
    status, headers, body = call(server, "GET", "/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert re.search(r"\b(src|href)\s*=", page) is None
    assert "innerHTML" not in page and "textContent" in page
    assert "people-posts" in page and "<textarea" in page


def test_one_log_line_per_request(server, capsys):
    capsys.readouterr()
    get(server, "ASK {}")
    call(server, "GET", "/nothing")
    lines: list[str] = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.02)  # the line is written just after the response is sent
        # (a late line of an earlier test's request on the shared server may arrive too)
        lines += [line for line in capsys.readouterr().err.splitlines()
                  if "ASK%20%7B%7D" in line or "/nothing" in line]
        if len(lines) >= 2:
            time.sleep(0.2)
            lines += capsys.readouterr().err.splitlines()
            break
    ask = [line for line in lines if "ASK%20%7B%7D" in line]
    nothing = [line for line in lines if "/nothing" in line]
    assert len(ask) == 1 and len(nothing) == 1
    assert re.match(r'127\.0\.0\.1 "GET /sparql\?query=ASK%20%7B%7D HTTP/1.1" 200 \d+B [\d.]+ms$',
                    ask[0])
    assert " 404 " in nothing[0]


def test_only_loopback_unless_allowed(store):
    with pytest.raises(UsageError, match="refusing to listen on '0.0.0.0'"):
        make_server(store, host="0.0.0.0")
    make_server(store, host="localhost").server_close()
    make_server(store, host="0.0.0.0", allow_remote=True).server_close()


def test_command_line_refuses_other_hosts_and_says_what_to_do(store, capsys):
    # the command line has no way to allow remote access, so its message must not hint at one
    from kg.cli import main
    assert main(["serve", str(store), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "refusing to listen on '0.0.0.0'" in err and "ssh -L" in err
    assert "allow" not in err


def test_port_in_use_is_a_usage_error(server, store):
    with pytest.raises(UsageError, match="choose another port"):
        make_server(store, port=server.server_address[1])


KEYWORD_FORMS = ["SERVICE <http://x/> { ?s ?p ?o }", "service<http://x/>{?s ?p ?o}",
                 "SeRvIcE SILENT ?endpoint { ?s ?p ?o }", "OPTIONAL{SERVICE <http://x/>{}}"]


@pytest.mark.parametrize("clause", KEYWORD_FORMS)
def test_uses_service_finds_the_keyword(clause):
    assert uses_service("SELECT * WHERE {\n  ?s ?p ?o .\n  " + clause + "\n}")


# without backslashes: rdflib, the second reader of a query that mentions SERVICE, reads
# `\U0000` in a string as a broken escape, and a query it cannot read counts as SERVICE
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\\"),
               max_size=30))
def test_uses_service_ignores_strings_comments_and_names(text):
    literal = str(ox.Literal("SERVICE " + text))  # N-Triples escaping, as a query would have it
    comment = ("# SERVICE " + text).splitlines()[0]
    query = (f"SELECT ?service WHERE {{ ?service <http://x/SERVICE> {literal} ;\n"
             f"  rdfs:label 'SERVICE'@en ; schema:service ?o . }} {comment}\n")
    assert not uses_service(query)


def test_load_8_clients_x_50_requests(server):
    queries = [load_query("people-posts"), "ASK { ?p a kg:Person }",
               "SELECT ?s ?label { ?s rdfs:label ?label } ORDER BY ?label"]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        host, port = server.server_address[:2]
        conn = http.client.HTTPConnection(host, port, timeout=20)  # one kept-alive connection
        try:
            for i in range(50):
                query = queries[(number + i) % len(queries)]
                started = time.perf_counter()
                if i % 2:
                    conn.request("POST", "/sparql", query.encode(),
                                 {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
                else:
                    conn.request("GET", "/sparql?query=" + quote(query))
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if response.status != 200:
                        failures.append(f"client {number} request {i}: {response.status}")
        except Exception as e:  # reported below with the client's number
            with lock:
                failures.append(f"client {number}: {e!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.1, 60 - (time.monotonic() - started)))
    wall = time.monotonic() - started
    assert not any(t.is_alive() for t in threads), "load test exceeded 60 s"
    assert failures == []
    assert len(latencies) == 400
    cuts = statistics.quantiles(latencies, n=100)
    print(f"\nload: 8 clients x 50 requests in {wall:.2f} s; latency p50 {cuts[49] * 1000:.1f} ms, "
          f"p95 {cuts[94] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms")
