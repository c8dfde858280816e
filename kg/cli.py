"""The `kg` command line.

Exit status: 0 success; 1 some inputs failed (the rest were processed, each
failure reported with file and reason); 2 bad usage (an unknown option or
format, a missing input path) or a bad query; 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import NoReturn

from kg.cli_people import FORMAT_HELP, TIMEOUT_HELP, add_people_commands
from kg.errors import GoldError, InputError, KGError, QueryError, ShapeViolation, UsageError

def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


# ---------------------------------------------------------------- commands

def cmd_build(args: argparse.Namespace) -> int:
    from kg.io import writer_lock

    def waiting(pid: str) -> None:
        print(f"kg build: {args.output} is in use by PID {pid} (another build writing it); "
              "waiting for it to finish, to build on what it writes", file=sys.stderr)

    with writer_lock(Path(args.output), waiting=waiting):
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    from kg.batch.build import BuildReport, Progress, default_workers, extract_all
    from kg.graph.ns import DEFAULT_BASE
    from kg.graph.rdf import GraphBuilder
    from kg.store.sinks import open_sink

    out = Path(args.output)
    sink = open_sink(out, add=args.add, validate=args.validate)
    builder = GraphBuilder.into(sink, base=args.base or DEFAULT_BASE)
    report = BuildReport()
    workers = args.workers or default_workers()
    try:
        sources = _build_sources(args.sources)
        progress = None if args.quiet else Progress()
        with _executor(args.scheduler) as executor:
            workers = executor.workers if executor is not None else workers
            results = extract_all(sources, date=args.date, workers=workers,
                                  strict=args.strict, report=report, progress=progress,
                                  executor=executor,
                                  triples_base=builder.base if builder.takes_triples else None)
            for result in results:
                builder.take(result)
        for failure in report.failures:
            print(f"kg build: skipped {failure}", file=sys.stderr)
        if report.done == 0:
            print("kg build: no document could be read; nothing written", file=sys.stderr)
            return 1
        builder.finish()
        triples = sink.close()
    finally:
        sink.abort()  # removes the hidden spool, runs or folder of a build that did not finish
    if not args.quiet:
        print(f"kg build: {report.done} document(s), {triples:,} triples → {out}"
              + (f"; {len(report.failures)} failed" if report.failures else ""),
              file=sys.stderr)
    return 1 if report.failures else 0


def _build_sources(given: list[str]) -> list:
    """The sources to build, `-` read from standard input as one document.

    Raises:
        UsageError: a path that does not exist (a typo is not a bad input
            among good ones: nothing is built), or `-` given twice.
    """
    missing = [name for name in given if name != "-" and not os.path.lexists(name)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or folder"
                         + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    if given.count("-") > 1:
        raise UsageError("standard input (-) can be read once")
    if "-" not in given:
        return given
    from kg.text.corpus import CorpusItem
    from kg.text.ingest import decode
    raw, _ = decode(sys.stdin.buffer.read(), "-")
    # named -#stdin in the graph (dcterms:source), as a corpus line is named PATH#ID
    stdin = CorpusItem(corpus="-", line=1, key="stdin", text=raw)
    return [stdin if name == "-" else name for name in given]


def _executor(scheduler: str | None):
    """A Dask cluster's executor for `--scheduler`, else a context doing nothing
    (extract_all then runs its own local process pool)."""
    if scheduler is None:
        import contextlib
        return contextlib.nullcontext()
    from kg.batch.distributed import cluster_executor
    return cluster_executor(scheduler)


def _graph_or_build(path: Path, *, date: dt.date | None = None):
    """A graph file or store as it is; sources (text files, folders) built first."""
    from kg.store.formats import is_graph_file
    from kg.io import is_store
    from kg.store.oxigraph import load_graph
    if is_graph_file(path) or is_store(path):
        return load_graph(path), []
    from kg.batch.build import BuildReport, extract_all
    from kg.graph.rdf import build_graph
    report = BuildReport()
    graph = build_graph(list(extract_all([str(path)], date=date, report=report)))
    return graph, report.failures


def cmd_query(args: argparse.Namespace) -> int:
    from kg.store.bundled import list_bundled, load_query
    from kg.store.oxigraph import open_store
    from kg.store.query import label_parameters, run_query
    from kg.store.results import FORMATTERS
    if args.list:
        for name, description in sorted(list_bundled().items()):
            print(f"{name:<20} {description}")
        return 0
    if not args.graph or not (args.query or args.file):
        raise UsageError("kg query GRAPH QUERY: give a graph and a query (text, a bundled "
                         "name, or -f FILE.rq); `kg query --list` lists the bundled ones")
    text = load_query(Path(args.file) if args.file else args.query)
    bindings = {}
    for item in args.param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param expects NAME=VALUE, got {item!r}")
        bindings[name.lstrip("?$")] = value
    # unbound, the name or post would match every label: a whole table, not an answer
    missing = sorted(label_parameters(text) - set(bindings))
    if missing:
        raise UsageError("this query answers about one name or post: give "
                         + " and ".join(f"--param {name}=VALUE" for name in missing))
    store = open_store(Path(args.graph))
    result = run_query(store, text, bindings=bindings, timeout_s=args.timeout, limit=args.limit,
                       allow_service=args.allow_service)
    output = FORMATTERS[args.format](result)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    from kg.store.oxigraph import load_graph
    from kg.views.draw import draw_graph
    graph = load_graph(Path(args.graph))
    summary = draw_graph(graph, Path(args.output), focus=args.focus, depth=args.depth,
                         max_nodes=args.max_nodes,
                         view="talks" if args.talks else
                         "co-attendance" if args.co_attendance else "entities")
    note = (f" (the {summary.nodes_drawn:,} most connected of {summary.nodes_in_graph:,}; "
            "use --focus or --max-nodes)") if summary.truncated else ""
    print(f"kg draw: {summary.nodes_drawn:,} nodes, {summary.edges_drawn:,} edges{note} "
          f"→ {args.output}", file=sys.stderr)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from kg.store.oxigraph import load_graph
    from kg.views.timeline import draw_timeline
    bars = draw_timeline(load_graph(Path(args.graph)), args.name, Path(args.output))
    print(f"kg timeline: {bars:,} posts of {args.name} → {args.output}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.store.oxigraph import load_graph
    from kg.views.export import export_graph
    export_graph(load_graph(Path(args.graph)), Path(args.output),
                 co_attendance=args.co_attendance, talks=args.talks, careers=args.careers)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.store.serve import serve
    serve(Path(args.graph), host=args.host, port=args.port, timeout_s=args.timeout,
          max_results=args.max_results, memory_mb=args.max_memory)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.store.push import push
    report = push(Path(args.graph), args.endpoint, graph=args.graph_iri, replace=args.replace,
                  user=args.user, password=os.environ.get("KG_PUSH_PASSWORD"),
                  batch=args.batch)
    print(f"kg push: {report.bytes_sent:,} bytes of N-Triples in {report.requests} "
          f"request(s) → {args.endpoint}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.corpus:
        from kg.eval.ner import evaluate_corpus
        print(evaluate_corpus(Path(args.corpus), args.corpus_format, limit=args.limit))
        return 0
    if not args.graph:
        raise UsageError("kg eval GRAPH GOLD.yaml...: give a graph (or sources) and gold "
                         "files, or only gold files (or a folder of them) to build their sources")
    data_dir = Path(args.data) if args.data else default_data_dir()
    first = Path(args.graph)
    if first.suffix in (".yaml", ".yml") or (first.is_dir() and any(first.glob("*.yaml"))):
        _print_scores(None, _gold_files([args.graph, *args.gold]), data_dir, args.errors)
        return 0
    if not args.gold:
        raise UsageError("kg eval GRAPH GOLD.yaml...: no gold files given")
    graph, failures = _graph_or_build(first, date=args.date)
    for failure in failures:
        print(f"kg eval: skipped {failure}", file=sys.stderr)
    _print_scores(graph, _gold_files(args.gold), data_dir, args.errors)
    return 1 if failures else 0


def _print_scores(graph, gold: list[Path], data_dir: Path, errors: bool) -> None:
    """The section table for per-document gold files, the resolution table
    for gold files of identities (docs/resolution.md); each only if asked for."""
    from kg.eval.gold import SECTIONS, format_scores, load_gold, score
    from kg.eval.resolution import format_resolution, score_resolution
    kinds = [load_gold(path) for path in gold]
    if any(section in data for data in kinds for section in SECTIONS) or not gold:
        print(format_scores(score(graph, gold, data_dir=data_dir), errors=errors))
    if any("identities" in data for data in kinds):
        print(format_resolution(score_resolution(graph, gold, data_dir=data_dir), errors=errors))


def _gold_files(names: list[str]) -> list[Path]:
    files = []
    for name in names:
        path = Path(name)
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


def default_data_dir() -> Path:
    """The public corpora: $ZHKG_DATA, else ../shared/data beside the checkout."""
    env = os.environ.get("ZHKG_DATA")
    return Path(env) if env else Path.cwd().parent / "shared" / "data"


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.graph.validate import validate
    from kg.store.oxigraph import load_graph
    validate(load_graph(Path(args.graph)))
    print(f"{args.graph}: conforms to the SHACL shapes")
    return 0


# ---------------------------------------------------------------- parser

GRAPH_HELP = "a graph file (.ttl .nt .trig .nq .jsonld .rdf) or a store folder made by kg build"

def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build, query and draw knowledge graphs of Chinese political news.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="extract from documents and write a graph",
                       description="Read files or folders of documents (UTF-8, GB18030, Big5, "
                                   "UTF-16; simplified or traditional), or JSON Lines corpora "
                                   "(.jsonl, .jsonl.gz: one document a line, its text in "
                                   "\"text\", optional \"title\", \"date\", \"url\", \"id\"), "
                                   "and write the graph.")
    p.add_argument("sources", nargs="+", metavar="SRC",
                   help="files or folders of documents, JSON Lines corpora, or - for one "
                        "document on standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="graph file (.ttl .nt .trig .nq .jsonld .rdf) or a folder for an on-disk store")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="extraction processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on a Dask cluster, e.g. tcp://10.0.0.5:8786 "
                        "(needs zhkg[cluster]; see docs/scale.md)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="publication date of the documents, overriding metadata and text")
    p.add_argument("--base", metavar="IRI", help="base of instance IRIs "
                   "(default https://w3id.org/zhkg/id/)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input")
    p.add_argument("--add", action="store_true",
                   help="add to the existing graph file OUT, resolving its people and the new "
                        "documents' together (a store folder is always added to)")
    p.add_argument("--validate", action="store_true", help="check the graph against the SHACL shapes")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("query", help="run SPARQL over a graph file or store",
                       description="Run a SPARQL query: its text, a bundled query's name "
                                   "(see --list), or -f FILE.rq.")
    p.add_argument("graph", nargs="?", metavar="GRAPH", help=GRAPH_HELP)
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="the query's SPARQL text, or the name of a bundled query (see --list)")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from this file")
    p.add_argument("--format", choices=["table", "csv", "json", "tsv"], default="table",
                   help=FORMAT_HELP)
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (a literal) before running; repeatable")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help=TIMEOUT_HELP)
    p.add_argument("--limit", type=int, default=None, metavar="ROWS",
                   help="print at most this many rows (default: all)")
    p.add_argument("--list", action="store_true", help="list the bundled queries")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses fetch from the servers they name (refused otherwise)")
    p.set_defaults(run=cmd_query)

    add_people_commands(sub)

    p = sub.add_parser("draw", help="write an interactive HTML graph that works offline")
    p.add_argument("graph", metavar="GRAPH", help=GRAPH_HELP)
    p.add_argument("-o", "--output", required=True, metavar="OUT.html",
                   help="the HTML page to write (one file, no network needed to open it)")
    p.add_argument("--focus", metavar="NAME", help="only the neighbourhood of this entity")
    p.add_argument("--depth", type=_positive, default=1, metavar="N",
                   help="with --focus: how many links away from it to draw (default 1)")
    p.add_argument("--max-nodes", type=_positive, default=1500, metavar="N",
                   help="draw at most this many nodes, the most connected first (default 1500)")
    p.add_argument("--co-attendance", action="store_true",
                   help="draw only people, linked by the meetings they chaired or spoke at together")
    p.add_argument("--talks", action="store_true",
                   help="draw only people, linked by the talks they held (who met whom)")
    p.set_defaults(run=cmd_draw)

    p = sub.add_parser("timeline", help="write a person's career as an HTML timeline that "
                                        "works offline (one bar per post, hover for sources)")
    p.add_argument("graph", metavar="GRAPH", help=GRAPH_HELP)
    p.add_argument("name", metavar="NAME", help="the person's name, simplified")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html",
                   help="the HTML page to write (one file, no network needed to open it)")
    p.set_defaults(run=cmd_timeline)

    p = sub.add_parser("export", help="convert a graph to another format",
                       description="Formats by suffix: .ttl .nt .trig .nq .jsonld .rdf .graphml .csv")
    p.add_argument("graph", metavar="GRAPH", help=GRAPH_HELP)
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the file to write; its suffix chooses the format")
    p.add_argument("--co-attendance", action="store_true",
                   help="write the people network of shared meetings instead (.graphml or .csv; "
                        "edge weight = meetings shared)")
    p.add_argument("--talks", action="store_true",
                   help="write who met whom instead: people linked by the talks they held "
                        "(.graphml or .csv; edge weight = talks held)")
    p.add_argument("--careers", action="store_true",
                   help="write the careers table instead: one row per post held, with its "
                        "span or report date and source (.csv; docs/careers.md)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("serve", help="a read-only SPARQL endpoint on this machine")
    p.add_argument("graph", metavar="GRAPH", help="a graph file (.ttl, .nt, ...) or a store folder")
    p.add_argument("--port", type=int, default=7878, help="port to listen on (default 7878)")
    p.add_argument("--host", default="127.0.0.1",
                   help="loopback address to listen on: 127.0.0.1 (default), localhost or ::1; "
                        "the endpoint has no authentication, so it never listens beyond this "
                        "machine")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="time one query may run before it is stopped (default 10)")
    p.add_argument("--max-results", type=_positive, default=10000, metavar="ROWS",
                   help="rows one query may return (default 10000)")
    p.add_argument("--max-memory", type=_positive, default=512, metavar="MB",
                   help="memory one query may use beyond the graph (default 512)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("push", help="load a graph into a SPARQL Graph Store Protocol server",
                       description="Send a graph file or store (the union of its graphs) to a "
                                   "SPARQL 1.1 Graph Store Protocol service: Oxigraph, Fuseki, "
                                   "GraphDB, Virtuoso... (docs/scale.md).")
    p.add_argument("graph", metavar="GRAPH", help=GRAPH_HELP)
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph", dest="graph_iri", metavar="IRI",
                   help="fill this named graph (default: the default graph)")
    p.add_argument("--replace", action="store_true",
                   help="empty the target graph first (HTTP PUT), instead of adding (POST)")
    p.add_argument("--user", metavar="NAME",
                   help="HTTP Basic/Digest user; the password is read from $KG_PUSH_PASSWORD")
    p.add_argument("--batch", type=_positive, default=100_000, metavar="TRIPLES",
                   help="triples per request")
    p.set_defaults(run=cmd_push)

    p = sub.add_parser("eval", help="precision, recall and F1 against gold files",
                       description="Score a graph (or sources, built first) against gold YAML "
                                   "files, or score entity spans on a public NER corpus.")
    p.add_argument("graph", nargs="?", metavar="GRAPH",
                   help="a graph file or store folder, or the documents to build first; or, "
                        "alone, gold files or a folder of them (their documents are built)")
    p.add_argument("gold", nargs="*", metavar="GOLD.yaml",
                   help="gold files (tests/gold/dev/README.md gives their format)")
    p.add_argument("--errors", action="store_true", help="list misses and extras")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="publication date of the documents built, as for kg build --date")
    p.add_argument("--corpus", metavar="PATH", help="a public NER corpus file")
    p.add_argument("--format", dest="corpus_format", choices=["bio", "bmes", "cluener"],
                   default="bio", help="the corpus's format")
    p.add_argument("--limit", type=int, default=None, metavar="SENTENCES",
                   help="with --corpus: score only the first this many sentences")
    p.add_argument("--data", metavar="DIR", help="where the public corpora are "
                   "(default: $ZHKG_DATA, else ../shared/data)")
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes")
    p.add_argument("graph", metavar="GRAPH", help=GRAPH_HELP)
    p.set_defaults(run=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the command `argv` (the process's arguments for None) and returns its exit
    status. Run as the command itself (no `argv`: the `kg` script, `python -m kg.cli`),
    the process ends as soon as the command is done (`end_process`)."""
    status = _command(argv)
    if argv is None:
        end_process(status)
    return status


def end_process(status: int) -> NoReturn:
    """Ends the process at once with `status`, its output flushed. Tearing down the
    interpreter would free the tagger's, jieba's and the lexicon's tables object by
    object (millions: 0.3-0.5 s CPU, a quarter of a one-file build) for the system to
    reclaim a moment later. Nothing is lost: every command closes what it writes (and
    shuts its workers down) before it returns."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: nothing to flush to
            pass
    os._exit(status)


def _command(argv: list[str] | None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, QueryError) as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 2
    except (InputError, GoldError, ShapeViolation) as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 1
    except KGError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kg {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted; files already written are intact", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
