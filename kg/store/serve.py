"""A read-only SPARQL 1.1 Protocol endpoint over one graph, for local use.

`/sparql` answers GET `?query=` and POST (form or application/sparql-query)
with SPARQL JSON, CSV or TSV results, or Turtle/N-Triples for CONSTRUCT and
DESCRIBE. `/` is a page to type queries into. Updates and SERVICE are refused,
and every query runs under a time limit and a row cap (see docs/sparql.md).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import ipaddress
import json
import re
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError, UsageError
from kg.store.bundled import list_bundled, load_query
from kg.store.query import QueryRefused, QueryTimeout
from kg.store.results import format_csv, format_json, format_rdf, format_tsv
from kg.store.workers import QueryPool

SOLUTION_TYPES = {
    "application/sparql-results+json": format_json,
    "application/json": format_json,
    "text/csv": format_csv,
    "text/tab-separated-values": format_tsv,
}
GRAPH_TYPES = {
    "text/turtle": lambda r: format_rdf(r, syntax="turtle"),
    "application/n-triples": lambda r: format_rdf(r, syntax="ntriples"),
}

class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; its limits are attributes the handler reads."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], pool: QueryPool, *, timeout_s: float,
                 max_results: int, max_request_bytes: int, idle_timeout_s: float,
                 any_host: bool) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool = pool  # before binding: a failed bind closes the server, and the pool
        super().__init__(address, _Handler)
        self.timeout_s = timeout_s
        self.max_results = max_results
        self.max_request_bytes = max_request_bytes
        self.idle_timeout_s = idle_timeout_s
        self.any_host = any_host
        self.page, self.page_policy = _page()

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def make_server(graph: Path, *, host: str = "127.0.0.1", port: int = 0, timeout_s: float = 10.0,
                max_results: int = 10000, max_request_bytes: int = 1_000_000,
                max_running: int = 4, memory_mb: int = 512, idle_timeout_s: float = 60.0,
                allow_remote: bool = False) -> SparqlServer:
    """Binds (but does not start) an endpoint; run it with `serve_forever()`.

    Args:
        graph: a graph file or store folder (`kg.store.oxigraph.open_store`),
            which each query worker opens.
        host, port: where to listen; port 0 picks a free port (see `.url`).
        timeout_s: per-query time limit; a slower query gets 503 and its worker
            is killed, so the work really stops.
        max_results: rows (or triples) returned at most; more are cut off and
            the response carries `X-Result-Truncated: true`.
        max_request_bytes: a longer query or request body gets 413.
        max_running: query worker processes, so queries executing at once;
            further queries wait for a free worker within their time limit,
            then get 503. A killed worker is replaced at once.
        memory_mb: memory a query may take beyond the graph a worker holds; a
            query that needs more ends its worker and gets 503.
        idle_timeout_s: a request (from waiting for its first byte to the end
            of its body) must arrive within this long, or its connection is
            closed: idle, kept-alive or trickling clients cannot hold the
            server's threads.
        allow_remote: required to listen on anything but loopback, since the
            endpoint has no authentication; it also lifts the check that
            requests name a loopback host (`Host: localhost`, `127.0.0.1`,
            `[::1]`), which otherwise stops DNS-rebinding pages.

    Raises:
        UsageError: a non-loopback host without allow_remote, or the port is taken.
    """
    if not allow_remote and not _is_loopback(host):
        raise UsageError(f"refusing to listen on {host!r}: the endpoint has no authentication, "
                         "so it listens only on this machine (--host 127.0.0.1, localhost or "
                         "::1); to query it from another machine, forward the port over SSH "
                         "(ssh -L 7878:127.0.0.1:7878 ...)")
    pool = QueryPool(Path(graph), size=max_running, memory_mb=memory_mb)
    try:
        return SparqlServer((host, port), pool, timeout_s=timeout_s, max_results=max_results,
                            max_request_bytes=max_request_bytes, idle_timeout_s=idle_timeout_s,
                            any_host=allow_remote)
    except OSError as e:
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror}); "
                         "choose another port with --port") from None


def serve(graph: Path, *, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    """Serves a graph file or store folder until Ctrl-C; options as for make_server."""
    server = make_server(graph, host=host, port=port, **options)
    print(f"zhkg: query page {server.url}, SPARQL endpoint {server.url}sparql "
          "(Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _is_loopback(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        raise UsageError(f"cannot resolve the host name {host!r}") from None
    return all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse one connection
    server_version = "zhkg-sparql"
    # headers and body go out in two writes; with Nagle on, a kept-alive client
    # waits out its delayed ACK (~40 ms) on every response
    disable_nagle_algorithm = True

    def setup(self) -> None:
        # socketserver applies `timeout` to the connection's socket in setup
        self.timeout = self.server.idle_timeout_s
        super().setup()
        self.read_deadline: float | None = None
        self.rfile.close()
        self.rfile = io.BufferedReader(_DeadlineReader(self))

    def handle_one_request(self) -> None:
        # the socket's timeout restarts with every byte, so a client sending a
        # header line every 20 s would never time out: the request as a whole must
        self.read_deadline = time.monotonic() + self.server.idle_timeout_s
        super().handle_one_request()

    def _request_read(self) -> None:
        self.read_deadline = None
        self.connection.settimeout(self.server.idle_timeout_s)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        self.started = time.perf_counter()
        refusal = self._foreign_request()
        if refusal:
            self.close_connection = True
            self._refuse(*refusal)
            return False
        return True

    def _foreign_request(self) -> tuple[int, str] | None:
        """Why a request from a browser page that is not this endpoint's own is refused."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            return 400, "a request needs exactly one Host header"
        if not self.server.any_host and not _loopback_name(hosts[0]):
            # a DNS-rebinding page reaches 127.0.0.1 under its own name
            return 403, (f"Host {hosts[0]!r} is not this machine's loopback name; use "
                         f"{self.server.url}")
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() != f"http://{hosts[0]}".lower():
            return 403, ("a query from another web page (Origin " + repr(origin) +
                         ") is refused: only this endpoint's own page may send one")
        site = self.headers.get("Sec-Fetch-Site")
        if site not in (None, "same-origin", "none") and urlsplit(self.path).path != "/":
            # an <img> or a form on another site sends no Origin with its GET
            return 403, "a query from another web site is refused"
        return None

    def do_GET(self) -> None:
        self._request_read()
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(200, self.server.page.encode(), "text/html; charset=utf-8",
                       {"Content-Security-Policy": self.server.page_policy})
        elif url.path == "/sparql":
            if len(url.query) > self.server.max_request_bytes:
                return self._refuse(413, "the query is longer than this endpoint accepts")
            self._answer(parse_qs(url.query, keep_blank_values=True))
        else:
            self._refuse(404, "not found: the endpoint is /sparql, the query page is /")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        # until the body is read, any refusal closes the connection: unread
        # bytes must not be taken as the next request
        self.close_connection = True
        if url.path != "/sparql":
            return self._refuse(404, "not found: POST queries to /sparql")
        lengths = self.headers.get_all("Content-Length") or []
        if "Transfer-Encoding" in self.headers:
            return self._refuse(411, "chunked or encoded bodies are not read: send the body "
                                     "with one Content-Length header")
        if len(lengths) != 1 or not re.fullmatch(r"[0-9]{1,15}", lengths[0].strip()):
            return self._refuse(411 if not lengths else 400,
                                "a POST needs exactly one Content-Length header, a number of "
                                "bytes")
        length = int(lengths[0])
        if length > self.server.max_request_bytes:
            return self._refuse(413, f"the request body is {length} bytes; this endpoint "
                                     f"accepts at most {self.server.max_request_bytes}")
        body = self.rfile.read(length)
        if len(body) < length:
            return None  # the client closed before sending it all: nobody to answer
        self._request_read()
        self.close_connection = False
        kind = self.headers.get_content_type()
        if kind == "application/sparql-update":
            return self._refuse(403, "this endpoint is read-only: SPARQL Update is refused")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._refuse(400, "the request body is not UTF-8")
        params = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/sparql-query":
            params["query"] = [text, *params.get("query", [])]
        elif kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(text, keep_blank_values=True))
        else:
            return self._refuse(415, "send the query as application/sparql-query or as "
                                     "application/x-www-form-urlencoded query=...")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._refuse(403, "this endpoint is read-only: SPARQL Update is refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._refuse(400, "default-graph-uri and named-graph-uri are not supported; "
                                     "use FROM or GRAPH in the query")
        if len(params.get("query", [])) != 1:
            return self._refuse(400, "expected exactly one query, e.g. /sparql?query=ASK{}")
        try:
            result = self.server.pool.run(params["query"][0], timeout_s=self.server.timeout_s,
                                          limit=self.server.max_results)
        except QueryTimeout as e:
            return self._refuse(503, str(e), retry=True)
        except QueryRefused as e:
            return self._refuse(403, str(e))
        except QueryError as e:
            return self._refuse(400, str(e))
        offered = GRAPH_TYPES if result.kind == "graph" else SOLUTION_TYPES
        chosen = _negotiate(self.headers.get("Accept") or "*/*", list(offered))
        if chosen is None:
            return self._refuse(406, "cannot answer in the requested type; available: "
                                     + ", ".join(offered))
        body = offered[chosen](result)
        headers = {"X-Result-Truncated": "true"} if result.truncated else {}
        self._send(200, body if isinstance(body, bytes) else body.encode(),
                   f"{chosen}; charset=utf-8", headers)

    def _refuse(self, status: int, message: str, *, retry: bool = False) -> None:
        self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8",
                   {"Retry-After": "5"} if retry else {})

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": kind, "Content-Length": str(len(body)),
                            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
                            **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client left; nothing to tell it
        elapsed = (time.perf_counter() - self.started) * 1000
        shown = self.requestline if len(self.requestline) <= 160 else self.requestline[:157] + "..."
        extra = " truncated" if "X-Result-Truncated" in headers else ""
        sys.stderr.write(f"{self.client_address[0]} \"{shown}\" {status} {len(body)}B "
                         f"{elapsed:.1f}ms{extra}\n")

    def log_request(self, code="-", size="-") -> None:
        """Silenced: `_send` writes one line per request, with timing."""


class _DeadlineReader(io.RawIOBase):
    """The connection's input, which fails once the handler's read deadline passes."""

    def __init__(self, handler: _Handler) -> None:
        self.handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        deadline = self.handler.read_deadline
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the request did not arrive within the idle timeout")
            self.handler.connection.settimeout(remaining)
        return self.handler.connection.recv_into(buffer)


def _loopback_name(host_header: str) -> bool:
    """Whether a Host header names this machine's loopback: localhost (or a
    name under .localhost, which browsers keep on loopback), 127.x.y.z or [::1]."""
    name = host_header.strip().lower()
    name = name[1:name.index("]")] if name.startswith("[") and "]" in name else name.rsplit(":", 1)[0]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered type the client prefers most (q-values), the first on a tie."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            ranges.append((-float(q), position, media.lower()))
        except ValueError:
            continue
    for negative_q, _, media in sorted(ranges):
        if negative_q >= 0:
            break
        for kind in offered:
            if media in (kind, "*/*", kind.split("/")[0] + "/*"):
                return kind
    return None


def _page() -> tuple[str, str]:
    """The query page and a Content-Security-Policy admitting only its inline code."""
    queries = {name: load_query(name) for name in list_bundled()}
    data = json.dumps(queries, ensure_ascii=False).replace("<", "\\u003c")
    script = _SCRIPT.replace("BUNDLED", data)
    first = next(iter(queries.values()), "SELECT * WHERE { ?s ?p ?o } LIMIT 20")
    parts = {"style": _STYLE, "script": script, "query": html.escape(first)}
    page = re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m[1]], _HTML)  # one pass: no re-expansion

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    policy = (f"default-src 'none'; script-src {digest(script)}; style-src {digest(_STYLE)}; "
              "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return page, policy


_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em}textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#eee}#status{margin-left:1em;color:#555}pre{white-space:pre-wrap}
"""

_SCRIPT = """
const bundled = BUNDLED;
const pick = document.getElementById('bundled'), box = document.getElementById('query');
for (const name of Object.keys(bundled)) pick.add(new Option(name, name));
pick.onchange = () => { if (pick.value) box.value = bundled[pick.value]; };
const show = (value) => value === undefined ? '' : value.value;
document.getElementById('run').onclick = async () => {
  const out = document.getElementById('out'), status = document.getElementById('status');
  out.replaceChildren(); status.textContent = 'running…';
  const started = performance.now();
  const response = await fetch('sparql', {method: 'POST', body: box.value, headers: {
    'Content-Type': 'application/sparql-query',
    'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
  const ms = Math.round(performance.now() - started);
  const kind = response.headers.get('Content-Type') || '';
  if (!response.ok || !kind.startsWith('application/sparql-results+json')) {
    const pre = document.createElement('pre'); pre.textContent = await response.text();
    out.append(pre); status.textContent = response.status + ' · ' + ms + ' ms'; return;
  }
  const data = await response.json();
  if ('boolean' in data) { out.textContent = String(data.boolean); status.textContent = ms + ' ms'; return; }
  const table = document.createElement('table'), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = '?' + v; head.append(th); }
  for (const row of data.results.bindings) {
    const tr = table.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = show(row[v]);
  }
  out.append(table);
  const cut = response.headers.get('X-Result-Truncated') === 'true' ? ' (truncated)' : '';
  status.textContent = data.results.bindings.length + ' rows' + cut + ' · ' + ms + ' ms';
};
"""

_HTML = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>zhkg SPARQL</title>
<style>{{style}}</style></head><body>
<h1>zhkg SPARQL</h1>
<p>Prefixes kg:, org:, prov:, schema:, rdfs:, nif: … are predeclared. Endpoint: <code>/sparql</code>.</p>
<label>Bundled query <select id="bundled"><option value="">—</option></select></label>
<textarea id="query" spellcheck="false">{{query}}</textarea>
<button id="run">Run</button><span id="status"></span>
<div id="out"></div>
<script>{{script}}</script>
</body></html>
"""
