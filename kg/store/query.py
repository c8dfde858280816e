"""Running SPARQL: values bound as RDF terms, the zhkg prefixes predeclared,
a time limit and a row cap, and errors that name the line and column."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.graph.ns import PREFIXES, ZH_HANS
from kg.graph.terms import Term
from kg.store import sparql
from kg.store.results import QueryResult
from kg.text.normalize import to_simplified


class QueryTimeout(QueryError):
    """The query ran longer than its time limit."""


class QueryRefused(QueryError):
    """The query would reach outside the store (SERVICE), which was not allowed."""


_running = 0
_running_lock = threading.Lock()


def running_queries() -> int:
    """Queries still executing, including ones whose caller already timed out."""
    return _running


def _count_running(delta: int) -> None:
    global _running
    with _running_lock:
        _running += delta


def run_query(store: ox.Store, query_text: str, *,
              bindings: Mapping[str, str | Term] | None = None,
              timeout_s: float | None = None, limit: int | None = None,
              allow_service: bool = False) -> QueryResult:
    """Runs a SPARQL 1.1 query with the zhkg prefixes predeclared.

    Args:
        store: from `open_store`.
        query_text: the query; `kg:`, `org:`, `rdfs:`... need no PREFIX lines.
        bindings: variable name (without ?) → value, substituted as an RDF
            term, never as query text. A str becomes a plain xsd:string
            literal, or, for a variable the query declares as a label
            parameter, the label `"张健"@zh-Hans` (`parameter_bindings`). A bound variable
            must appear in the SELECT projection (or use SELECT *).
        timeout_s: give up after this many seconds and raise QueryTimeout.
            Oxigraph cannot be interrupted: the query goes on in a background
            thread and stops at the next result row; a sort or aggregate
            still computing runs to its end first (see `running_queries`);
            `kg.store.workers.QueryPool` runs queries where they can be stopped.
        limit: keep at most this many rows or triples; `truncated` is set if
            there were more.
        allow_service: let SERVICE fetch from the URLs the query names;
            refused by default, so a query file cannot make the machine send
            requests (`kg.store.sparql.uses_service`).

    Raises:
        QueryError: malformed query (with line and column), nested deeper than
            `kg.store.sparql.MAX_NESTING` (checked before any parser runs), or
            failed evaluation.
        QueryRefused: the query may call SERVICE and allow_service is False.
        QueryTimeout: the time limit passed.
    """
    sparql.check_nesting(query_text)
    if not allow_service and sparql.uses_service(query_text):
        raise QueryRefused("SERVICE (federated query) is refused: the query would fetch from "
                           "other servers (a query that mentions the word and cannot be read "
                           "without it counts too)")
    substitutions = {ox.Variable(name): term for name, term
                     in parameter_bindings(query_text, bindings or {}).items()}
    cancelled = threading.Event()
    if timeout_s is None:
        return _execute(store, query_text, substitutions, limit, cancelled)

    deadline = time.monotonic() + timeout_s
    future: Future[QueryResult] = Future()

    def work() -> None:
        try:
            future.set_result(_execute(store, query_text, substitutions, limit, cancelled))
        except BaseException as e:  # handed to the waiting caller
            future.set_exception(e)
        finally:
            _count_running(-1)

    _count_running(+1)
    # a daemon thread, so an abandoned query never keeps the program from exiting
    threading.Thread(target=work, name="kg-query", daemon=True).start()
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        cancelled.set()
        raise QueryTimeout(f"no answer within {timeout_s:g} s; narrow the query "
                           "(more specific patterns, a LIMIT) or raise the time limit") from None


_VARIABLE_NAME = re.compile(r"\w+")
_LABEL_PARAMETER = re.compile(r"^#\s*label parameter:\s*[?$](\w+)", re.M)


def label_parameters(query_text: str) -> set[str]:
    """The variables a query declares on `# label parameter: ?name` lines:
    the name or post it answers about, which it needs bound."""
    return set(_LABEL_PARAMETER.findall(query_text))


def parameter_bindings(query_text: str, values: Mapping[str, str | Term]) -> dict[str, Term]:
    """Values to bind in `query_text`, as RDF terms (what `run_query` binds).

    A string for a variable the query declares on a `# label parameter:
    ?name` line becomes the label `"VALUE"@zh-Hans`, a traditional value
    converted to simplified first (every node has its simplified label): the
    store then finds the node through its index. Other strings become plain
    literals; RDF terms are kept as given."""
    labels = label_parameters(query_text)
    for name in values:
        if not _VARIABLE_NAME.fullmatch(name):
            raise UsageError(f"cannot bind {name!r}: a variable name is letters, digits and _ "
                             "(NAME=VALUE binds ?NAME)")
    return {name: ox.Literal(to_simplified(value), language=ZH_HANS)
            if name in labels and isinstance(value, str) else _as_term(name, value)
            for name, value in values.items()}


def _as_term(name: str, value: str | Term) -> Term:
    if isinstance(value, str):
        return ox.Literal(value)
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    raise UsageError(f"binding ?{name}: expected a string or an RDF term, got {type(value).__name__}")


def _inlined(text: str, substitutions: dict) -> str | None:
    """`text` with the bound variables written as constants inside its
    outermost group pattern, or None where that is not simple.

    Oxigraph plans a query around the constants it sees, but takes
    substitutions as a first row joined in afterwards: with the name written
    in, `career` on 1.5M triples takes 0.3 s instead of 1.6 s. The values are
    Oxigraph's own serialisation of RDF terms, never the user's text; the
    substitutions are passed as well, so the projection still shows them."""
    names = {f"{mark}{v.value}": str(term) for v, term in substitutions.items()
             for mark in "?$"}
    out, depth, last, changed = [], 0, 0, False
    for token in sparql.tokens(text):
        if token["brace"]:
            depth += 1 if token["brace"] == "{" else -1
        elif token["var"] in names and depth >= 1:
            out += [text[last:token.start()], names[token["var"]]]
            last, changed = token.end(), True
    if not changed or sum(word == "SELECT" for word in sparql.keywords(text)) > 1:
        return None  # a sub-query's projection would get a constant
    return "".join(out) + text[last:]


def _execute(store: ox.Store, text: str, substitutions: dict, limit: int | None,
             cancelled: threading.Event) -> QueryResult:
    # the union of named graphs only where there are named graphs: over the
    # default graph alone, Oxigraph answers joins faster
    union = next(iter(store.named_graphs()), None) is not None
    try:
        raw = None
        inlined = _inlined(text, substitutions) if substitutions else None
        if inlined is not None:
            try:
                # a SELECT still projects the bound variables; CONSTRUCT, ASK and
                # DESCRIBE have no projection to show them in, and Oxigraph refuses them
                projected = substitutions if "SELECT" in sparql.keywords(text) else None
                raw = store.query(inlined, prefixes=PREFIXES, use_default_graph_as_union=union,
                                  substitutions=projected)
            except SyntaxError:  # BIND(… AS ?x), VALUES ?x: the variable is needed as such
                raw = None
        if raw is None:
            raw = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union,
                              substitutions=substitutions or None)
        if isinstance(raw, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(raw))
        kept, truncated = [], False
        for item in raw:  # rows come lazily, so a cancelled query stops here
            if cancelled.is_set():
                break  # the caller has given up and will not read this result
            if limit is not None and len(kept) >= limit:
                truncated = True
                break
            kept.append(item if isinstance(raw, ox.QueryTriples) else tuple(item))
        return _result(raw, kept, truncated=truncated)
    except SyntaxError as e:
        raise _query_error(text, str(e)) from None
    except (RuntimeError, OSError, ValueError) as e:
        message = str(e)
        projection = re.search(r"does not contains? variable (\?\w+)", message)
        if projection:
            message = (f"{projection[1]} is bound but the query does not select it; add it "
                       "to the SELECT clause (or use SELECT *)")
        raise QueryError(message) from None


def _result(raw, kept: list, *, truncated: bool) -> QueryResult:
    if isinstance(raw, ox.QueryTriples):
        return QueryResult("graph", triples=tuple(kept), truncated=truncated)
    return QueryResult("select", variables=tuple(v.value for v in raw.variables),
                       rows=tuple(kept), truncated=truncated)


def _query_error(text: str, message: str) -> QueryError:
    where = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not where:
        return QueryError(message)
    line, column, detail = int(where[1]), int(where[2]), where[3]
    if "Prefix not found" in detail:
        reason = ("unknown prefix; declare it with PREFIX or use one of "
                  + ", ".join(f"{p}:" for p in PREFIXES))
    else:
        # drop the parser's character classes, keep the keywords and punctuation
        expected = [t.strip() for t in re.sub(r"\[[^\]]*\]", "", detail.split("expected", 1)[-1])
                    .replace("one of", "").split(",")]
        expected = [t for t in expected if t]
        reason = "expected " + ", ".join(expected) if expected else "syntax error"
    lines = text.splitlines() or [""]
    row = lines[line - 1] if line <= len(lines) else ""
    near = row[max(0, column - 21):column - 1].strip()
    if column > len(row) and line >= len(lines):
        reason += " (Oxigraph points past the end; the mistake is at or before it)"
    elif near:
        reason += f", after «{near}»"
    return QueryError(reason, line=line, column=column)
