"""Bad input, hostile text and a closed endpoint, end to end through `kg`.

The fault corpus is generated into a temporary folder from the seed: other
encodings, a mixed file, an HTML page with boilerplate, and junk (empty,
binary, damaged UTF-8, a 50 MB single line, a pipe, a symlink loop). Each good
file must build with offsets into its original text; each bad one must be
reported with its path and reason while the batch goes on.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import socket
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.batch import build
from kg.cli import main
from kg.errors import InputError
from kg.views.export import csv_paths
from kg.text.html import html_to_text
from kg.text.document import MAX_DOCUMENT_CHARS, load_document
from kg.store.oxigraph import open_store
from kg.store.query import run_query
from tests.conftest import ROOT, SEED

HOSTILE = ROOT / "tests" / "faults" / "hostile.txt"
SENTENCES_Q = """SELECT ?path ?text ?begin ?end ?anchor {
  ?src a kg:SourceDocument ; dcterms:source ?path ; nif:isString ?text .
  ?s nif:referenceContext ?src ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
}"""
PEOPLE_Q = """SELECT ?path ?name {
  ?p a kg:Person ; rdfs:label ?name ; prov:wasDerivedFrom/nif:referenceContext/dcterms:source ?path
  FILTER(lang(?name) = "zh-hans") }"""
SEED_PEOPLE = {"张健", "宋建平", "牟建林", "王小林"}


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines(keepends=True)


def news_page() -> str:
    """The seed as a scraped page: one <p> a line, inline markup and entities
    inside, and titled people in the boilerplate that must not be extracted."""
    paragraphs = "\n".join(
        f"    <p>{html.escape(line.strip(), quote=False)}</p>" for line in seed_lines() if line.strip())
    # inline markup and an entity inside a title chain: 區(qū)委書記<b>張健</b>同志
    paragraphs = paragraphs.replace("區(qū)委書記張健同志", "區(qū)委書記<b class=\"name\">張健</b>&#x540C;志")
    return f"""<!DOCTYPE html>
<html lang="zh-Hant"><head><meta charset="utf-8">
<title>秦州區召開政法工作會議 &ndash; 天水新聞網</title>
<style>p::before {{ content: "区委书记李四" }}</style>
<script>var s = "<p>区委书记李四主持会议</p>"; if (1 < 2) {{ track(); }}</script>
</head><body>
<header><h1>天水新聞網</h1></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/x">区委书记王五讲话</a></li></ul></nav>
<div class="article">
{paragraphs}
</div>
<aside>相关新闻：市委书记赵六调研</aside>
<footer>版权所有 &copy; 2007 &nbsp; 区长钱七</footer>
<noscript>请开启脚本</noscript><template><p>区委书记孙八</p></template>
</body></html>
"""


def write_fault_corpus(folder: Path) -> dict[str, str | None]:
    """Writes the corpus; returns each file's expected failure reason (None: it builds)."""
    seed = SEED.read_text(encoding="utf-8")
    doc = load_document(SEED)
    lines = seed_lines()
    half = len(lines) // 2
    files = {
        "gb18030.txt": (seed.encode("gb18030"), None),
        # Big5 has no pinyin tone letters: the normalised traditional text
        "big5.txt": (doc.hant_text.encode("big5"), None),
        "utf16-bom.txt": (seed.encode("utf-16"), None),
        "mixed.txt": ("".join(lines[:half]).encode("utf-8")
                      + "".join(lines[half:]).encode("gb18030"), None),
        "page.html": (news_page().encode("utf-8"), None),
        "empty.txt": (b"", "the file is empty"),
        "binary.txt": (bytes(range(256)) * 64, "binary data"),
        "damaged-utf8.txt": (seed.encode("utf-8")[:3001] + b"\xff\xfe"
                             + seed.encode("utf-8")[3001:], "invalid UTF-8"),
        "junk.txt": (bytes((i * 7919) % 255 + 1 for i in range(20000)), "not text in a Chinese"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    one_line = seed.replace("\n", "").encode("utf-8")
    with open(folder / "huge-line.txt", "wb") as f:
        for _ in range(50 * 1024 * 1024 // len(one_line) + 1):
            f.write(one_line)
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "sub" / "dangling.txt").symlink_to(folder / "nowhere.txt")
    expected = {name: reason for name, (_, reason) in files.items()}
    expected.update({"huge-line.txt": "zhkg reads files of up to", "pipe.txt": "not a regular file",
                     "sub/dangling.txt": "cannot read"})
    return expected


@pytest.fixture(scope="module")
def fault_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    expected = write_fault_corpus(folder)
    out = tmp_path_factory.mktemp("out") / "g.ttl"
    err = io.StringIO()
    # the workers start for a corpus this small too: faults must reach them
    with contextlib.redirect_stderr(err), pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "SMALL_BUILD", 2)
        code = main(["build", str(folder), "-o", str(out), "-q", "--workers", "2"])
    return folder, expected, out, code, err.getvalue()


def test_fault_corpus_builds_the_good_and_reports_the_bad(fault_build):
    folder, expected, out, code, _ = fault_build
    assert code == 1
    store = open_store(out)
    people: dict[str, set[str]] = {}
    for path, name in run_query(store, PEOPLE_Q).rows:
        people.setdefault(Path(path.value).relative_to(folder).as_posix(), set()).add(name.value)
    good = {name for name, reason in expected.items() if reason is None}
    assert set(people) == good
    for name in good:
        assert SEED_PEOPLE <= people[name], name


def test_fault_corpus_failures_name_file_and_reason(fault_build):
    folder, expected, _, _, err = fault_build
    skipped = [line for line in err.splitlines() if "skipped" in line]
    assert len(skipped) == sum(reason is not None for reason in expected.values())
    for name, reason in expected.items():
        if reason is not None:
            assert any(f"{folder / name}" in line and reason in line for line in skipped), name
    damaged = next(line for line in skipped if "damaged-utf8.txt" in line)
    assert re.search(r"damaged-utf8\.txt:15:\d+: invalid UTF-8 \(byte 3,001", damaged)


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    write_fault_corpus(tmp_path / "in")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "-q", "--strict",
                 "--workers", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "binary.txt: binary data" in err[0]  # the first in path order
    assert not out.exists()


def test_every_sentence_anchor_is_its_slice_of_the_original(fault_build):
    out = fault_build[2]
    rows = run_query(open_store(out), SENTENCES_Q).rows
    assert len({r[0].value for r in rows}) == 5
    for path, text, begin, end, anchor in rows:
        assert anchor.value == text.value[int(begin.value):int(end.value)], path.value


def test_html_offsets_index_the_page_markup_and_entities_included(fault_build):
    folder, _, out, _, _ = fault_build
    page = (folder / "page.html").read_text(encoding="utf-8")
    rows = [r for r in run_query(open_store(out), SENTENCES_Q).rows
            if r[0].value.endswith("page.html")]
    assert rows[0][1].value == page  # nif:isString is the page as it was
    anchors = {r[4].value for r in rows}
    assert "市委常委、區(qū)委書記<b class=\"name\">張健</b>&#x540C;志就做好政法綜治暨禁毒工作強調(diào)了四點意見:" in anchors
    # boilerplate is not the report: nobody from nav, script, style, aside, footer, template
    names = {r[1].value for r in run_query(open_store(out), PEOPLE_Q).rows}
    assert not names & {"李四", "王五", "赵六", "钱七", "孙八"}
    assert not any("首页" in a or "版权" in a or "track" in a for a in anchors)


def test_html_to_text_maps_each_character_to_its_source():
    page = "<p>区委书记<b>张\n  健</b>&amp;&#x5F20;&nbsp;主持</p><p>x</p>"
    text, offsets = html_to_text(page)
    assert text == "区委书记张健&张\xa0主持\nx"
    spans = [page[s:e] for s, e in zip(offsets.starts, offsets.ends)]
    assert spans[4:10] == ["张", "健", "&amp;", "&#x5F20;", "&nbsp;", "主"]
    assert spans[text.index("\n")] == "</p>"


def test_document_over_the_character_limit_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("区委书记张健主持会议，" * (MAX_DOCUMENT_CHARS // 11 + 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"dump\.txt: 1,000,010 characters in 1 line\(s\); "
                                         r"the limit is 1,000,000: one file should hold one report"):
        load_document(path)


# ---------------------------------------------------------------- hostile text

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    graph = folder / "g.ttl"
    assert main(["build", str(HOSTILE), "-o", str(graph), "-q", "--workers", "1"]) == 0
    return folder, graph


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))


def tags(page: str) -> list[tuple[str, list]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_hostile_text_is_inert_in_the_html_view(hostile, tmp_path):
    folder, graph = hostile
    assert main(["draw", str(graph), "-o", str(folder / "g.html")]) == 0
    assert main(["build", str(SEED), "-o", str(tmp_path / "seed.ttl"), "-q", "--workers", "1"]) == 0
    assert main(["draw", str(tmp_path / "seed.ttl"), "-o", str(tmp_path / "seed.html")]) == 0
    page = (folder / "g.html").read_text(encoding="utf-8")
    # the same elements as any drawn page: the text added no script, image or handler
    assert [t for t, _ in tags(page)] == [t for t, _ in tags((tmp_path / "seed.html").read_text(encoding="utf-8"))]
    assert not any(name.startswith("on") for _, attrs in tags(page) for name, _ in attrs)
    assert "<script>alert(1)" not in page
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", page).group(1))
    sentences = json.dumps(data, ensure_ascii=False)
    assert "<script>alert(1)</script>" in sentences and "=cmd|' /C calc'" in sentences


def test_hostile_text_round_trips_through_graphml(hostile):
    folder, graph = hostile
    assert main(["export", str(graph), "-o", str(folder / "g.graphml")]) == 0
    raw = (folder / "g.graphml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    root = ET.fromstring(raw)
    values = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert "=cmd|' /C calc'" in values
    assert any(v.startswith('=HYPERLINK("http://127.0.0.1:1/x"') and "<script>alert(1)</script>" in v
               for v in values)


def test_hostile_text_cannot_run_as_a_spreadsheet_formula(hostile):
    folder, graph = hostile
    assert main(["export", str(graph), "-o", str(folder / "g.csv")]) == 0
    cells = []
    for path in csv_paths(folder / "g.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            cells += [cell for row in csv.reader(f) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'" in cells
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert any(c.startswith("'@SUM") for c in cells)


def test_query_csv_is_sparql_results_csv_and_leaves_formulas_as_they_are(hostile, capsys):
    # the README's fault table says so: SPARQL results CSV is data, values as they are
    from kg.store.results import format_csv
    from kg.store.serve import SOLUTION_TYPES
    _, graph = hostile
    query = "SELECT ?title { ?doc a kg:Document ; rdfs:label ?title }"
    assert main(["query", str(graph), query, "--format", "csv"]) == 0
    cells = [c for row in csv.reader(io.StringIO(capsys.readouterr().out)) for c in row]
    assert "=cmd|' /C calc'" in cells and "'=cmd|' /C calc'" not in cells
    # the endpoint answers text/csv with the same writer
    assert SOLUTION_TYPES["text/csv"] is format_csv


def test_query_parameters_are_bound_as_terms_not_spliced(hostile, capsys):
    _, graph = hostile
    before = graph.read_bytes()
    assert main(["query", str(graph), "holders", "--param", 'post=" } ; DROP ALL #',
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["bindings"] == []
    # a hostile value that is a real label matches as that exact literal, and only it
    query = "SELECT ?title ?doc { ?doc a kg:Document ; rdfs:label ?l FILTER(STR(?l) = STR(?title)) }"
    assert main(["query", str(graph), query, "--param", "title==cmd|' /C calc'",
                 "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert row["title"]["value"] == "=cmd|' /C calc'" and "/document/" in row["doc"]["value"]
    assert graph.read_bytes() == before


# ---------------------------------------------------------------- endpoint

@pytest.fixture
def listener():
    """A socket on loopback that counts connections: nothing may reach it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/data.ttl", hits
    stop.set()
    thread.join(timeout=5)
    sock.close()


def test_endpoint_never_fetches_load_from_or_service(hostile, listener):
    import http.client
    from urllib.parse import quote, urlencode
    from kg.store.serve import make_server
    url, hits = listener
    server = make_server(hostile[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def call(method: str, path: str, body: str | None = None, kind: str | None = None) -> int:
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
        conn.request(method, path, body=body, headers={"Content-Type": kind} if kind else {})
        status = conn.getresponse().status
        conn.close()
        return status

    try:
        assert call("GET", "/sparql?query=" + quote(f"LOAD <{url}>")) == 400  # not a query
        assert call("POST", "/sparql", urlencode({"update": f"LOAD <{url}>"}),
                    "application/x-www-form-urlencoded") == 403
        assert call("POST", "/sparql", f"LOAD <{url}> INTO GRAPH <urn:x>",
                    "application/sparql-update") == 403
        assert call("GET", "/sparql?query=" + quote(f"SELECT * FROM <{url}> {{ ?s ?p ?o }}")) == 200
        assert call("GET", "/sparql?query=" + quote(f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")) == 403
        # a header line longer than http.server reads is refused before any query runs
        assert call("GET", "/sparql?query=ASK%7B%7D", None, "x/" + "a" * 70000) == 431
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
