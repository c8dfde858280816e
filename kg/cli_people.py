"""The commands about one person or post: `kg career`, `kg events`, `kg holders`, `kg why`.

Each reads a graph file or store (default: $ZHKG_GRAPH, else out/graph.ttl) and
takes the name or post as its last word.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.errors import UsageError


def default_graph() -> Path:
    """The graph `kg career NAME` and `kg holders POST` read when none is named."""
    return Path(os.environ.get("ZHKG_GRAPH", "out/graph.ttl"))


def _bundled(query: str, variable: str):
    """A command that runs one bundled query with one bound value."""
    def run(args: argparse.Namespace) -> int:
        from kg.store.bundled import load_query
        from kg.store.oxigraph import open_store
        from kg.store.query import run_query
        from kg.store.results import FORMATTERS
        if len(args.words) > 2:
            raise UsageError(f"kg {args.command} [GRAPH] {variable.upper()}: too many arguments")
        graph = Path(args.words[0]) if len(args.words) == 2 else default_graph()
        result = run_query(open_store(graph), load_query(query),
                           bindings={variable: args.words[-1]}, timeout_s=args.timeout)
        output = FORMATTERS[args.format](result)
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
        return 0
    return run


def cmd_why(args: argparse.Namespace) -> int:
    from kg.store.oxigraph import open_store
    from kg.store.why import why
    if len(args.words) > 2:
        raise UsageError("kg why [GRAPH] NAME: too many arguments")
    graph = Path(args.words[0]) if len(args.words) == 2 else default_graph()
    name = args.words[-1]
    people = why(open_store(graph), name, timeout_s=args.timeout)
    if not people:
        print(f"kg why: no person named {name} in {graph}", file=sys.stderr)
        return 1
    print(f"{name}: {len(people)} {'person' if len(people) == 1 else 'people'} in {graph}")
    for number, person in enumerate(people, 1):
        first, last = person.dates()
        span = f", {first} to {last}" if first else ""
        print(f"\nperson {number}: {person.node}\n  {len(person.steps):,} report(s){span}; "
              f"first {person.source(person.steps[0])}")
        if number > 1:
            print(f"  apart because: {person.steps[0].reason}")
        if args.all:
            for step in person.steps[1:]:
                print(f"  {step.candidate.date or 'undated'}  {person.source(step)}: {step.reason}")
        else:
            for reason, count in person.joins().most_common():
                print(f"  {count:,} joined: {reason}")
    return 0


FORMAT_HELP = "how to print the rows: an aligned table (default), csv, json or tsv"
TIMEOUT_HELP = "stop the query after this many seconds (default: no limit)"


def add_people_commands(sub) -> None:
    """Register the commands on the `kg` parser's subcommands."""
    for name, query, variable, what in (
            ("career", "career", "name", "a person's posts in date order, with sources"),
            ("events", "events", "name",
             "a person's talks, messages and inspections in date order, with sources"),
            ("holders", "succession", "post", "who held a post, in date order, with sources")):
        p = sub.add_parser(name, help=what, description=f"{what[0].upper()}{what[1:]} "
                           f"(the bundled query {query}.rq). Homonyms resolved as different "
                           "people show different ?person IRIs.")
        p.add_argument("words", nargs="+", metavar=f"[GRAPH] {variable.upper()}",
                       help="a graph file or store folder (default: $ZHKG_GRAPH, else "
                            "out/graph.ttl, which make demo writes), then "
                            + ("the person's name, simplified or traditional" if variable == "name"
                               else "the post's label or an alternative label, simplified or "
                                    "traditional (docs/sparql.md shows examples)"))
        p.add_argument("--format", choices=["table", "csv", "json", "tsv"], default="table",
                       help=FORMAT_HELP)
        p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                       help=TIMEOUT_HELP)
        p.set_defaults(run=_bundled(query, variable))

    p = sub.add_parser("why", help="why a name is one person, or several",
                       description="The decisions that made the people of one name: for each "
                                   "person, its reports and why each joined it; for each further "
                                   "person, the evidence that it is someone else "
                                   "(docs/resolution.md).")
    p.add_argument("words", nargs="+", metavar="[GRAPH] NAME",
                   help="a graph file or store folder (default: $ZHKG_GRAPH, else "
                        "out/graph.ttl), then the name, simplified or traditional")
    p.add_argument("--all", action="store_true", help="every report's decision, in date order")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help=TIMEOUT_HELP)
    p.set_defaults(run=cmd_why)
