"""Issue 17's probes of `kg serve` and `kg query`, rerun as the issue writes them: every
server on 127.0.0.1, every request loop bounded, every SERVICE target a local listener
that records whether anything reached it."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.cli import main
from kg.errors import QueryError
from kg.store.oxigraph import open_store
from kg.store.query import QueryRefused, run_query
from kg.store.sparql import MAX_NESTING, check_nesting, uses_service
from test_faults import listener  # noqa: F401  (a SERVICE target that records hits)
from test_serve import running, store  # noqa: F401  (the module's fixtures)
from test_store import SAMPLE_TTL


def exchange(server, raw: bytes, *, timeout: float = 10) -> bytes:
    """Sends raw bytes and reads until the server closes or goes quiet."""
    with socket.create_connection(server.server_address[:2], timeout=timeout) as conn:
        conn.sendall(raw)
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except socket.timeout:
            pass
        return received


def call(server, method: str, path: str, body: str | None = None, **headers):
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    try:
        conn.request(method, path, body=body,
                     headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def alive(server) -> bool:
    started = time.monotonic()
    status, _ = call(server, "GET", "/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    return status == 200 and time.monotonic() - started < 2


# ------------------------------------------------------------------ findings 1 and 4: stopped work

BLOW_UP = "SELECT * WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL { ?g ?h ?i } } } LIMIT 1"
ABANDONED = "SELECT (COUNT(*) AS ?n) WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i}"


@pytest.fixture(scope="module")
def wide_graph(tmp_path_factory):
    """20,000 triples: the OPTIONAL query's inner join alone is 400 million rows."""
    path = tmp_path_factory.mktemp("wide") / "wide.nt"
    path.write_text("".join(f'<urn:x:s{i}> <urn:x:p{i % 7}> "{i}" .\n' for i in range(20000)),
                    encoding="utf-8")
    return path


def child_pids() -> set[int]:
    pids: set[int] = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        try:
            with open(f"/proc/{os.getpid()}/task/{task}/children", encoding="ascii") as children:
                pids.update(map(int, children.read().split()))
        except FileNotFoundError:
            continue  # a thread that ended since the listing
    return pids


def tree_memory_mb() -> float:
    """Resident memory of this process and its children (the query workers), in MB."""
    total = 0
    for pid in child_pids() | {os.getpid()}:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                total += next(int(ln.split()[1]) for ln in status if ln.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue  # a worker that just ended
    return total / 1024


def test_the_optional_blow_up_is_stopped_and_the_memory_stays_bounded(server_of, wide_graph):
    server = server_of(graph=wide_graph, max_running=2, memory_mb=256)
    peak, stop = [tree_memory_mb()], threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak.append(tree_memory_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        started = time.monotonic()
        status, body = call(server, "POST", "/sparql", urlencode({"query": BLOW_UP}),
                            Content_Type="application/x-www-form-urlencoded")
        assert status == 503 and b"MB of memory" in body
        assert time.monotonic() - started < server.timeout_s
        assert alive(server)
        time.sleep(0.5)
    finally:
        stop.set()
        sampler.join(timeout=5)
    # what the blow-up adds to the process tree (the test process's own size depends on the
    # tests run before it in the same session): within the two workers' caps of 256 MB
    grown = max(peak) - peak[0]
    assert grown < 2 * 256, f"{grown:.0f} MB more than the {peak[0]:.0f} MB before"


def test_abandoned_queries_give_their_slots_back(server_of, wide_graph):
    before = child_pids()
    server = server_of(graph=wide_graph, max_running=2, timeout_s=0.5)
    for _ in range(4):
        started = time.monotonic()
        status, body = call(server, "GET", "/sparql?query=" + quote(ABANDONED))
        assert status == 503 and b"no answer within 0.5 s" in body
        assert time.monotonic() - started < 2
    server.timeout_s = 10.0  # the replacement workers may still be opening the graph
    assert alive(server)
    # the four killed workers are gone, not computing on: only the two replacements remain
    assert len(child_pids() - before) == 2


# ------------------------------------------------------------------ finding 2: nesting

NESTED = {"parentheses": "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
          "braces": "ASK " + "{" * 5000 + "}" * 5000,
          "brackets": "ASK { ?s ?p " + "[ ?p " * 200 + "1" + "]" * 200 + " }"}


@pytest.mark.parametrize("kind", NESTED)
def test_a_deeply_nested_query_is_refused_before_any_parser_sees_it(server_of, kind):
    server = server_of()
    started = time.monotonic()
    status, body = call(server, "POST", "/sparql", NESTED[kind],
                        Content_Type="application/sparql-query")
    assert status == 400 and b"nested more than" in body
    assert time.monotonic() - started < 2
    assert alive(server)


def test_kg_query_refuses_the_nested_query_with_a_position(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text(SAMPLE_TTL, encoding="utf-8")
    query = tmp_path / "deep.rq"
    query.write_text(NESTED["parentheses"], encoding="utf-8")
    assert main(["query", str(graph), "-f", str(query)]) == 2  # the { and FILTER( take 1-13
    assert f"line 1, column {12 + MAX_NESTING}: nested more than" in capsys.readouterr().err


def test_nesting_up_to_the_limit_still_runs(store):  # noqa: F811
    depth = MAX_NESTING - 2  # the group and FILTER( take two levels
    query = "ASK { FILTER(" + "(" * depth + "1 = 1" + ")" * depth + ") }"
    check_nesting(query)
    assert run_query(open_store(store), query).boolean is True
    with pytest.raises(QueryError, match="nested more than"):
        check_nesting("ASK { FILTER(" + "(" * (depth + 1) + "1" + ")" * (depth + 1) + ") }")


def test_brackets_inside_strings_iris_and_comments_do_not_count():
    check_nesting('ASK { ?s ?p "' + "(" * 500 + '" . ?s ?p <urn:x:((((> } # ' + "{" * 500)


# ------------------------------------------------------------------ finding 3: SERVICE

def bypasses(url: str) -> list[str]:
    return [f"SELECT * WHERE {{ {{ BIND(1<'a>#' AS ?q) }} UNION {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
            f"SELECT * WHERE {{ {{ BIND(1<'a>#' AS ?q) }}\nUNION {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
            f"SELECT * WHERE {{ FILTER(1<'>#') SERVICE <{url}> {{ ?x ?y ?z }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'x>#') }}\n# \nSELECT * {{ SERVICE <{url}> {{}} }}"]


@pytest.mark.parametrize("how", ["get", "form", "query-body"])
@pytest.mark.parametrize("number", range(4))
def test_the_service_bypass_is_refused_and_nothing_is_contacted(server_of, listener, how, number):
    url, hits = listener
    query = bypasses(url)[number]
    server = server_of()
    if how == "get":
        status, body = call(server, "GET", "/sparql?query=" + quote(query))
    elif how == "form":
        status, body = call(server, "POST", "/sparql", urlencode({"query": query}),
                            Content_Type="application/x-www-form-urlencoded")
    else:
        status, body = call(server, "POST", "/sparql", query,
                            Content_Type="application/sparql-query")
    assert status == 403 and b"SERVICE" in body
    time.sleep(0.2)  # a connection the server made would have been accepted by now
    assert hits == []


def test_kg_query_refuses_service_unless_asked(tmp_path, listener, capsys):
    url, hits = listener
    graph = tmp_path / "g.ttl"
    graph.write_text(SAMPLE_TTL, encoding="utf-8")
    for query in bypasses(url)[:2] + [f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"]:
        assert main(["query", str(graph), query]) == 2
        assert "SERVICE (federated query) is refused" in capsys.readouterr().err
    time.sleep(0.2)
    assert hits == []
    # asked for, the SERVICE request is made (the recording listener answers nothing useful)
    main(["query", str(graph), f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
          "--allow-service", "--timeout", "5"])
    deadline = time.monotonic() + 5
    while not hits and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hits and hits[0].startswith(b"POST /data.ttl")


def test_the_word_service_where_it_is_no_keyword_still_runs(store):  # noqa: F811
    query = ('SELECT ?service WHERE { ?service rdfs:label ?l FILTER(?l != "Civil Service") '
             'OPTIONAL { ?service <http://example.org/service> ?o } } # SERVICE <x:y> {}')
    assert not uses_service(query)
    assert run_query(open_store(store), query).variables == ("service",)
    with pytest.raises(QueryRefused):
        run_query(open_store(store), "SELECT * { SeRvIcE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }")


HOSTILE_PIECES = ["SERVICE", "service", "<", ">", "'", '"', "#", "\n", "{", "}", "(", ")",
                  "1", "?x", "<http://127.0.0.1:9/x>", "BIND(", " AS ?q)", "UNION", "FILTER(",
                  "'a>#'", "\\u0053", "\\", " ", "[", "]", ";", ".", "SELECT * WHERE"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40))
def test_fuzz_hostile_queries_never_reach_a_service_and_never_kill_the_endpoint(shared_server, listener,
                                                                                 pieces):
    url, hits = listener
    query = "".join(pieces).replace("<http://127.0.0.1:9/x>", f"<{url}>")
    status, _ = call(shared_server, "POST", "/sparql", query, Content_Type="application/sparql-query")
    assert status in (200, 400, 403, 503)
    assert hits == []


def test_fuzz_target_was_alive_throughout(shared_server):
    assert alive(shared_server)


# ------------------------------------------------------------------ finding 5: Host, Origin

@pytest.mark.parametrize("host", ["evil.example:7878", "127.0.0.1.evil.example", "10.0.0.1"])
def test_a_dns_rebinding_host_is_refused(server_of, host):
    server = server_of()
    for path in ("/", "/sparql?query=ASK%7B%7D"):
        status, body = call(server, "GET", path, Host=host)
        assert status == 403 and b"loopback name" in body


@pytest.mark.parametrize("host", ["localhost:7878", "127.0.0.1", "[::1]:9", "zhkg.localhost"])
def test_loopback_names_are_served(server_of, host):
    assert call(server_of(), "GET", "/sparql?query=ASK%7B%7D", Host=host)[0] == 200


def test_only_the_endpoints_own_page_may_send_a_form_or_query(server_of):
    server = server_of()
    own = f"http://127.0.0.1:{server.server_address[1]}"
    form = urlencode({"query": "SELECT * WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL "
                               "{ ?g ?h ?i } } } LIMIT 1"})
    for origin in ("http://evil.example", "null", f"http://localhost:{server.server_address[1]}"):
        status, body = call(server, "POST", "/sparql", form, Origin=origin,
                            Content_Type="application/x-www-form-urlencoded")
        assert status == 403 and b"another web page" in body
    status, _ = call(server, "POST", "/sparql", urlencode({"query": "ASK {}"}), Origin=own,
                     Content_Type="application/x-www-form-urlencoded")
    assert status == 200
    # an <img> on another site sends its GET without Origin, but with Sec-Fetch-Site
    assert call(server, "GET", "/sparql?query=ASK%7B%7D", Sec_Fetch_Site="cross-site")[0] == 403
    assert call(server, "GET", "/", Sec_Fetch_Site="cross-site")[0] == 200  # a link to the page
    # programs (curl, scripts) send no Origin: served as before
    assert call(server, "POST", "/sparql", urlencode({"query": "ASK {}"}),
                Content_Type="application/x-www-form-urlencoded")[0] == 200


# ------------------------------------------------------------------ finding 10: framing

def test_duplicate_content_length_is_refused_and_the_rest_is_never_a_request(server_of):
    server = server_of()
    smuggled = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    body = b"ASK {}"
    for framing in (b"Content-Length: 6\r\nContent-Length: %d\r\n" % (len(body) + len(smuggled)),
                    b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n" % len(body),
                    b"Transfer-Encoding: chunked\r\n",
                    b"Content-Length: -5\r\n",
                    b"Content-Length: 6, 6\r\n"):
        answer = exchange(server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Content-Type: application/sparql-query\r\n" + framing + b"\r\n"
                          + body + smuggled)
        assert answer.count(b"HTTP/1.1 ") == 1, answer
        assert answer.split(b" ", 2)[1] in (b"400", b"411"), answer
    assert alive(server)


def test_a_client_trickling_header_lines_is_cut_off_at_the_idle_limit(server_of):
    server = server_of(idle_timeout_s=1.0)
    with socket.create_connection(server.server_address[:2], timeout=10) as conn:
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 5:  # bounded: 5 s at most
            time.sleep(0.3)  # each line well inside the 1 s socket timeout
            try:
                conn.sendall(b"X-Trickle: 1\r\n")
            except OSError:
                closed = True
                break
            conn.settimeout(0.01)
            try:
                if conn.recv(1024) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
        assert closed and time.monotonic() - started < 2.5
    assert alive(server)


# ------------------------------------------------------------------ --param

def test_a_parameter_name_that_is_no_variable_is_a_usage_error(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text(SAMPLE_TTL, encoding="utf-8")
    assert main(["query", str(graph), "SELECT * { ?s ?p ?o }", "--param", "a b=1"]) == 2
    assert "cannot bind 'a b'" in capsys.readouterr().err


# ------------------------------------------------------------------ fixtures

@pytest.fixture
def server_of(store):  # noqa: F811
    started = []

    def start(graph=store, **options):
        context = running(graph, **{"max_running": 1, **options})  # one worker starts faster
        started.append(context)
        return context.__enter__()

    yield start
    for context in started:
        context.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_server(store):  # noqa: F811
    with running(store) as server:
        yield server


def test_a_worker_still_starting_is_not_killed_by_a_short_time_limit(server_of, wide_graph):
    server = server_of(graph=wide_graph, timeout_s=0.5)
    assert call(server, "GET", "/sparql?query=" + quote(ABANDONED))[0] == 503  # killed, replaced
    # the replacement opens the graph for longer than a few ms: queries meanwhile wait
    # for it within their own limit, and leave it starting
    [replacement] = server.pool.idle.queue
    server.timeout_s = 0.001
    assert call(server, "GET", "/sparql?query=ASK%7B%7D")[0] == 503
    assert list(server.pool.idle.queue) == [replacement] and replacement.poll() is None
    server.timeout_s = 10.0
    assert alive(server)
