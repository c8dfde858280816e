"""`kg push`: load a graph into any SPARQL 1.1 Graph Store Protocol server.

The graph (a file or a store folder; the union of its graphs) is sent as
N-Triples in batches, so a graph of any size goes in requests of bounded
size: the first is a PUT when replacing (the target graph is emptied and
refilled), every other a POST (triples added). The target is the server's
default graph (`URL?default`) or a named graph (`URL?graph=IRI`). Only the
standard library speaks HTTP here; docs/scale.md shows the URL each server
(Oxigraph, Fuseki, GraphDB, Virtuoso, QLever) wants.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.errors import KGError, UsageError
from kg.store.oxigraph import ntriples_batches

NTRIPLES = "application/n-triples"


class PushError(KGError):
    """The Graph Store server could not be reached or refused the data."""


@dataclass(frozen=True)
class PushReport:
    requests: int
    bytes_sent: int


def target_url(endpoint: str, graph: str | None = None) -> str:
    """The Graph Store Protocol URL for the default graph or a named one.

    Raises:
        UsageError: the endpoint is not an http(s) URL.
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--endpoint {endpoint!r}: expected an http:// or https:// URL of a "
                         "Graph Store Protocol service, e.g. http://127.0.0.1:7878/store")
    joiner = "&" if parts.query else "?"
    return endpoint + joiner + ("default" if graph is None else "graph=" + quote(graph, safe=""))


def push(graph_path: Path, endpoint: str, *, graph: str | None = None, replace: bool = False,
         user: str | None = None, password: str | None = None, batch: int = 100_000,
         timeout_s: float = 300.0) -> PushReport:
    """Sends the triples of `graph_path` to the Graph Store at `endpoint`.

    Args:
        graph: the named graph to fill; None for the default graph.
        replace: empty the target graph first (the first request is a PUT).
        user, password: for HTTP Basic or Digest authentication.
        batch: triples per request.

    Raises:
        UsageError: bad endpoint URL; the graph file or folder does not exist.
        InputError: the graph file does not parse.
        PushError: the server did not answer or answered with an error;
            requests sent before it stay applied.
    """
    url = target_url(endpoint, graph)
    opener = _opener(url, user, password)
    requests = sent = 0
    for body in ntriples_batches(graph_path, batch=batch):
        method = "PUT" if replace and requests == 0 else "POST"
        _send(opener, url, method, body, timeout_s)
        requests += 1
        sent += len(body)
    if requests == 0 and replace:
        # an empty graph replaces the target too
        _send(opener, url, "PUT", b"", timeout_s)
        requests = 1
    return PushReport(requests, sent)


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    # no proxy: a graph store named by URL is reached directly
    handlers: list = [urllib.request.ProxyHandler({})]
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                     urllib.request.HTTPDigestAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _send(opener, url: str, method: str, body: bytes, timeout_s: float) -> None:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": NTRIPLES})
    try:
        with opener.open(request, timeout=timeout_s) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace").strip()
        raise PushError(f"{method} {url}: the server answered {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{method} {url}: cannot reach the server ({reason})") from None
