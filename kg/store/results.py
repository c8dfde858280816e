"""Query results: what `kg.store.query.run_query` returns, and its forms for
a terminal (aligned table) and for programs (SPARQL 1.1 CSV, TSV and JSON
results; Turtle or N-Triples for CONSTRUCT and DESCRIBE)."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import UsageError
from kg.graph.ns import PREFIXES, RDF, shorten
from kg.graph.terms import Term, XSD_STRING

_RDF_LANG_STRING = str(RDF.langString)


@dataclass(frozen=True)
class QueryResult:
    """A materialised result. `kind` is "select", "ask" or "graph"
    (CONSTRUCT/DESCRIBE); `truncated` says the row cap cut it short."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def format(self, fmt: str) -> str:
        """The result as `table`, `csv`, `tsv` or `json` (see the format_* functions)."""
        if fmt not in FORMATTERS:
            raise UsageError(f"unknown result format {fmt!r}; expected one of {', '.join(FORMATTERS)}")
        return FORMATTERS[fmt](self)


_running = 0


def format_table(result: QueryResult, *, prefixes: Mapping[str, str] = PREFIXES,
                 max_cell: int = 60) -> str:
    """Aligned columns for a terminal: literals as their text, IRIs shortened
    with `prefixes`, CJK counted as two columns, control characters escaped,
    cells cut at `max_cell` columns. A graph result prints as Turtle."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return format_rdf(result).decode()
    header = [f"?{v}" for v in result.variables]
    body = [[_clip(_readable(t, prefixes), max_cell) for t in row] for row in result.rows]
    widths = [max([_width(c) for c in col], default=0) for col in zip(header, *body)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip()
             for cells in [header, ["-" * w for w in widths], *body]]
    count = f"{len(body)} row{'s' if len(body) != 1 else ''}"
    lines.append(count + (" (truncated: more rows matched)" if result.truncated else ""))
    return "\n".join(lines) + "\n"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: values only, CRLF line ends. Cells are not
    escaped for spreadsheets; open the file as data, not as formulas."""
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\r\n"
    variables, rows = _as_solutions(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_plain(t) for t in row] for row in rows)
    return out.getvalue()


def format_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in their N-Triples form."""
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\n"
    variables, rows = _as_solutions(result)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else _escape_tsv(str(t)) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    variables, rows = _as_solutions(result)
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def format_rdf(result: QueryResult, *, syntax: str = "turtle") -> bytes:
    """A CONSTRUCT/DESCRIBE result as Turtle ("turtle") or N-Triples ("ntriples")."""
    if result.kind != "graph":
        raise UsageError("only CONSTRUCT and DESCRIBE queries give RDF; use table, csv, tsv or json")
    if syntax == "ntriples":
        return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))


FORMATTERS = {"table": format_table, "csv": format_csv, "tsv": format_tsv, "json": format_json}


def _as_solutions(result: QueryResult):
    # csv/tsv/json of a CONSTRUCT: one row per triple, so scripts get one shape
    if result.kind == "graph":
        return ("subject", "predicate", "object"), [(t.subject, t.predicate, t.object)
                                                     for t in result.triples]
    return result.variables, result.rows


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term) if isinstance(term, ox.Triple) else term.value


def _escape_tsv(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value not in (XSD_STRING, _RDF_LANG_STRING):
        out["datatype"] = term.datatype.value
    return out


def _readable(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes) or term.value
    return _plain(term)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clip(text: str, limit: int) -> str:
    # escapes keep a hostile literal from moving the cursor or reordering the row
    text = _UNSAFE.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m[0], f"\\u{ord(m[0]):04x}"), text)
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        if used + _char_width(ch) > limit - 1:
            break
        out.append(ch)
        used += _char_width(ch)
    return "".join(out) + "…"


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(map(_char_width, text))


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
