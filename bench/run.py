"""zhkg's scale benchmarks: every figure a ratio of two things measured side by
side in this run, on real news (bench/real.py) and on a corpus assembled from
real sentences (bench/corpus.py).

    .venv/bin/python bench/run.py            # the full run (≈ 20 min on 2 cores)
    .venv/bin/python bench/run.py --quick    # smaller sizes, a few minutes
    .venv/bin/python bench/run.py --only real
    .venv/bin/python bench/run.py --corpus --only corpus   # the whole corpus into a store

Figures on real news, whole processes (targets from issue 15; bench/real.py):
  real        `kg build --workers 1` vs a process running only jieba.lcut over the
              same 2,000 items of 2019                                          ≥ 1.0
              two workers vs one on the same items                              ≥ 1.9
              a one-file build vs `import jieba; jieba.initialize()`            ≤ 1.2
  corpus      (only with --corpus) the whole corpus (39,288 items) into a store with
              two workers: time, and peak RSS vs its first 5,000 items          ≤ 1.3

Figures on assembled sentences, in one process (targets from issue 6):
  extraction  chars/s of kg's per-document pipeline vs bare jieba.lcut, one process  ≥ 0.5
  workers     documents/s of a build into a store, two worker processes vs one        ≥ 1.7
  memory      peak RSS building 50,000 documents into a store vs 5,000                ≤ 1.3
  queries     bundled queries on an Oxigraph store of ≥ 1M triples vs rdflib's
              in-memory graph holding the same triples                                ≥ 20

Prints a table and writes bench/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import real  # noqa: E402
from bench.corpus import documents, write_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"


def best_of(runs: int, fn) -> float:
    """The fastest of `runs` timings: other load on the machine only slows a run down."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


# ---------------------------------------------------------------- figures

def extraction(sizes) -> dict:
    import jieba

    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    from kg.graph.worker import document_triples
    docs = documents(sizes["extraction_docs"], seed_per_doc=3, other_per_doc=12)
    chars = sum(map(len, docs))
    jieba.lcut("预热")
    extract(make_document(docs[0], doc_id="warm", path="warm"))

    def bare() -> None:
        for text in docs:
            jieba.lcut(text)

    def pipeline() -> None:
        for i, text in enumerate(docs):
            extract(make_document(text, doc_id=f"d{i}", path=f"d{i}"))

    def pipeline_rdf() -> None:
        # what a build's worker does per document: extraction, then triples as text
        for i, text in enumerate(docs):
            document_triples(extract(make_document(text, doc_id=f"d{i}", path=f"d{i}")),
                             build="bench")

    # interleaved, best of three each, so a burst of load hits both sides alike
    t_jieba = t_pipe = t_rdf = float("inf")
    for _ in range(3):
        t_jieba = min(t_jieba, best_of(1, bare))
        t_pipe = min(t_pipe, best_of(1, pipeline))
        t_rdf = min(t_rdf, best_of(1, pipeline_rdf))
    return {"docs": len(docs), "chars": chars,
            "jieba_cps": chars / t_jieba, "kg_cps": chars / t_pipe, "kg_rdf_cps": chars / t_rdf,
            "ratio": t_jieba / t_pipe, "ratio_with_rdf": t_jieba / t_rdf}


def workers(sizes, tmp: Path) -> dict:
    """Documents/s of a build into a store with one and with two workers: each
    document read, extracted and turned into triples (in the worker), the
    parent appending them to the store as `kg build -o DIR/` does."""
    from kg.batch.build import BuildReport, extract_all
    from kg.graph.rdf import GraphBuilder
    from kg.store.sinks import StoreSink
    folder = write_folder(tmp / "workers", documents(sizes["worker_docs"], seed_per_doc=3,
                                                     other_per_doc=12))

    import resource
    cpu: dict[int, tuple[float, float]] = {}

    def rate(n_workers: int) -> float:
        # documents/s after the first result: worker start-up (loading the
        # lexicon and dictionaries, once per process) is not throughput, nor
        # are resolution and the store's final merge, the same for both
        sink = StoreSink(tmp / f"workers-store-{n_workers}")
        builder = GraphBuilder.streaming(sink)
        first = None
        count = 0
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        for result in extract_all([str(folder)], workers=n_workers, report=BuildReport(),
                                  triples_base=builder.base):
            builder.add_triples(result)
            count += 1
            if first is None:
                first, own = time.perf_counter(), time.process_time()
        elapsed = time.perf_counter() - first
        parent = time.process_time() - own
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[n_workers] = (parent, after.ru_utime + after.ru_stime - children.ru_utime
                          - children.ru_stime)
        sink.abort()
        return (count - 1) / elapsed

    one = two = 0.0
    for _ in range(2):
        one = max(one, rate(1))
        two = max(two, rate(2))
    # where a shared machine's load hides the scaling: from CPU times, the
    # speed-up two idle cores would give (parent and two workers share them;
    # the workers' time includes their start-up, so this errs low)
    single = cpu[1][0]
    parent, workers_cpu = cpu[2]
    return {"docs": sizes["worker_docs"], "one_dps": one, "two_dps": two, "ratio": two / one,
            "cores": os.cpu_count(), "parent_cpu_s": parent, "workers_cpu_s": workers_cpu,
            "bound_on_idle_cores": single / max(parent, (parent + workers_cpu) / 2),
            "load_average": os.getloadavg()[0]}


def memory(sizes, tmp: Path) -> dict:
    """Peak RSS of `kg build FOLDER -o STORE/` as a child process: the build
    process itself and its largest worker, for a small and a large corpus."""
    out = {}
    for label, count in (("small", sizes["memory_small"]), ("large", sizes["memory_large"])):
        folder = write_folder(tmp / f"mem-{label}", documents(count, seed_per_doc=1,
                                                               other_per_doc=2))
        store = tmp / f"store-{label}"
        run = real.run_process(real.kg_build(str(folder), "-o", str(store), "--workers", "2"))
        out[label] = {"docs": count, "own_kb": run["peak_kb"], "worker_kb": run["workers_peak_kb"],
                      "seconds": run["seconds"], "store": str(store)}
        shutil.rmtree(folder)
    out["ratio"] = out["large"]["own_kb"] / out["small"]["own_kb"]
    out["ratio_workers"] = out["large"]["worker_kb"] / out["small"]["worker_kb"]
    return out


QUERY_LIMIT_S = 120.0


def timed(fn, *, runs: int) -> tuple[float, int]:
    """(fastest of `runs` timings, the result of fn) ."""
    best, result = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def in_child(fn, limit_s: float) -> tuple[float, int | str]:
    """fn() in a forked child (sharing the loaded graphs), killed after
    `limit_s`: neither engine can interrupt a running sort or aggregate."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)

    def run() -> None:
        try:
            child_end.send(fn())
        except Exception as exc:  # either engine failing a valid query: say which and why
            child_end.send((float("nan"), f"failed: {type(exc).__name__}: {exc}"[:200]))

    child = ctx.Process(target=run)
    child.start()
    answered = parent_end.poll(limit_s)
    result = parent_end.recv() if answered else (limit_s, f"no answer within {limit_s:.0f} s")
    child.kill()
    child.join()
    return result


# the bundled queries that take a parameter get the one the README shows
QUERY_PARAMS = {"holders": {"post": "秦州区委书记"}, "succession": {"post": "秦州区委书记"},
                "career": {"name": "张健"}}


def queries(sizes, tmp: Path, store: Path | None) -> dict:
    """Each bundled query on the store and on rdflib's Graph of the same triples."""
    import rdflib

    from kg.graph.ns import PREFIXES
    from kg.graph.terms import to_rdflib
    from kg.store.bundled import list_bundled, load_query
    from kg.store.oxigraph import ntriples_batches, open_store
    from kg.store.query import parameter_bindings, run_query
    if store is None:
        folder = write_folder(tmp / "query-corpus", documents(sizes["query_docs"],
                                                              seed_per_doc=1, other_per_doc=2))
        store = tmp / "query-store"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "-o", str(store),
                        "-q"], check=True, cwd=ROOT)
    ox_store = open_store(store)
    triples = len(ox_store)
    graph = rdflib.Graph()
    started = time.perf_counter()
    for chunk in ntriples_batches(store):
        graph.parse(data=chunk.decode("utf-8"), format="nt")
    load_s = time.perf_counter() - started
    rows = []
    for name in sorted(list_bundled()):
        text = load_query(name)
        # the same terms on both sides: "张健"@zh-Hans for a label parameter
        params = parameter_bindings(text, QUERY_PARAMS.get(name, {}))
        t_store, n_store = in_child(lambda: timed(lambda: len(run_query(
            ox_store, text, bindings=params).rows), runs=2), QUERY_LIMIT_S)
        t_rdflib, n_rdflib = in_child(lambda: timed(lambda: len(list(graph.query(
            text, initNs=PREFIXES,
            initBindings={k: to_rdflib(v) for k, v in params.items()}))), runs=1),
            QUERY_LIMIT_S)
        rows.append({"query": name, "store_s": t_store, "rdflib_s": t_rdflib,
                     "rows_store": n_store, "rows_rdflib": n_rdflib,
                     "ratio": t_rdflib / max(t_store, 1e-9)})
    # a query either side could not answer in time has no time to compare
    compared = [r for r in rows if isinstance(r["rows_rdflib"], int)
                and isinstance(r["rows_store"], int)]
    total_store = sum(r["store_s"] for r in compared)
    total_rdflib = sum(r["rdflib_s"] for r in compared)
    return {"triples": triples, "rdflib_load_s": load_s, "rows": rows,
            "ratio": total_rdflib / max(total_store, 1e-9)}


# ---------------------------------------------------------------- report

SIZES = {
    "full": {"real_items": 2000, "real_runs": 3, "extraction_docs": 300, "worker_docs": 3000,
             "memory_small": 5_000, "memory_large": 50_000, "query_docs": 50_000},
    "quick": {"real_items": 300, "real_runs": 2, "extraction_docs": 80, "worker_docs": 400,
              "memory_small": 500, "memory_large": 5_000, "query_docs": 5_000},
}


def verdict(value: float, target: float, *, at_most: bool = False) -> str:
    ok = value <= target if at_most else value >= target
    return "met" if ok else "MISSED"


def report(results: dict) -> str:
    runs = sorted({(r["date"], r["command"]) for r in results.values()})
    lines = ["# Benchmark results", "",
             f"On {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; measured "
             + "; ".join(f"{date} with `{command}` ("
                         + ", ".join(n for n, r in results.items()
                                     if (r["date"], r["command"]) == (date, command)) + ")"
                         for date, command in runs)
             + ". Every figure is a ratio of two measurements taken side by side in one run; "
             "the machine is shared with other work, so absolute rates vary from run to run.", "",
             "| figure | measured | target | |", "| --- | --- | --- | --- |"]
    lines += real.rows(results)
    if "extraction" in results:
        r = results["extraction"]
        lines.append(f"| extraction vs bare `jieba.lcut`, one process | {r['ratio']:.2f} "
                     f"({r['kg_cps']:,.0f} vs {r['jieba_cps']:,.0f} chars/s) | ≥ 0.5 | "
                     f"{verdict(r['ratio'], 0.5)} |")
        lines.append(f"| extraction + triples as N-Triples text (a worker's whole job) vs bare "
                     f"`jieba.lcut` | {r['ratio_with_rdf']:.2f} "
                     f"({r['kg_rdf_cps']:,.0f} chars/s) | (for information) | |")
    if "workers" in results:
        r = results["workers"]
        lines.append(f"| build into a store, two workers vs one | {r['ratio']:.2f}× "
                     f"({r['two_dps']:,.1f} vs "
                     f"{r['one_dps']:,.1f} docs/s, {r['docs']:,} docs) | ≥ 1.7 | "
                     f"{verdict(r['ratio'], 1.7)} |")
        lines.append(f"| two workers: CPU-bound speed-up on idle cores | "
                     f"{r['bound_on_idle_cores']:.2f}× (parent {r['parent_cpu_s']:.1f} s, workers "
                     f"{r['workers_cpu_s']:.1f} s CPU; load average {r['load_average']:.1f} on "
                     f"{r['cores']} cores during the run) | (for information) | |")
    if "memory" in results:
        r = results["memory"]
        lines.append(f"| peak RSS of the build, {r['large']['docs']:,} vs {r['small']['docs']:,} "
                     f"documents into a store | {r['ratio']:.2f}× ({r['large']['own_kb'] / 1024:,.0f}"
                     f" vs {r['small']['own_kb'] / 1024:,.0f} MB) | ≤ 1.3 | "
                     f"{verdict(r['ratio'], 1.3, at_most=True)} |")
        lines.append(f"| peak RSS of a worker, same builds (its ru_maxrss, which counts the build's "
                     f"size when it was forked) | {r['ratio_workers']:.2f}× "
                     f"({r['large']['worker_kb'] / 1024:,.0f} vs "
                     f"{r['small']['worker_kb'] / 1024:,.0f} MB) | (for information) | |")
    if "queries" in results:
        r = results["queries"]
        # every query the store answered, rdflib's unanswered ones counted at the
        # time limit: rdflib's real total is at least that, so this ratio is a lower bound
        answered = [q for q in r["rows"] if isinstance(q["rows_store"], int)]
        at_least = (sum(q["rdflib_s"] for q in answered)
                    / max(sum(q["store_s"] for q in answered), 1e-9))
        unanswered = [q["query"] for q in answered if not isinstance(q["rows_rdflib"], int)]
        small = "" if r["triples"] >= 1_000_000 else ", store below 1M triples"
        lines.append(f"| bundled queries, Oxigraph store vs rdflib in memory, {r['triples']:,} "
                     f"triples: total time of all {len(answered)} | ≥ {at_least:.1f}× (rdflib's "
                     f"unanswered {', '.join(unanswered) or '–'} counted at the "
                     f"{QUERY_LIMIT_S:.0f} s limit) | ≥ 20 (at ≥ 1M triples) | "
                     f"{verdict(at_least, 20)}{small} |")
        lines.append(f"| the same, only the queries both answered | {r['ratio']:.1f}× | "
                     "(for information) | |")
        lines += ["", "| query | store s | rdflib s | ratio | rows (store / rdflib) |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {q['query']} | {q['store_s']:.3f} | {q['rdflib_s']:.3f} | {q['ratio']:.1f}× "
                  f"| {q['rows_store']} / {q['rows_rdflib']} |" for q in r["rows"]]
        lines.append(f"\nLoading the same triples into rdflib took {r['rdflib_load_s']:.1f} s.")
    if "memory" in results:
        r = results["memory"]
        lines.append(f"\nBuild times: {r['small']['docs']:,} documents "
                     f"{r['small']['seconds']:.0f} s, {r['large']['docs']:,} documents "
                     f"{r['large']['seconds']:.0f} s (two workers).")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a few minutes")
    parser.add_argument("--only", default="real,extraction,workers,memory,queries",
                        help="comma-separated figures to run (corpus also needs --corpus)")
    parser.add_argument("--corpus", action="store_true",
                        help="also build the whole 新闻联播 corpus into a store (slow: "
                             "≈ 10 min on 2 cores)")
    parser.add_argument("--output", default=str(RESULTS), help="where to write the report")
    parser.add_argument("--store", metavar="DIR",
                        help="run the queries figure on this store instead of building one")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    sizes = SIZES[mode]
    # the whole corpus takes minutes: only when asked for by name
    wanted = set(args.only.split(",")) - {"corpus"} | ({"corpus"} if args.corpus else set())
    command = "python bench/run.py" + (" --quick" if args.quick else "") + (
        " --corpus" if args.corpus else "") + (
        f" --only {args.only}" if args.only != parser.get_default("only") else "") + (
        " --store STORE" if args.store else "")
    results: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="zhkg-bench-"))
    try:
        if "real" in wanted:
            results["real"] = real.build_figures(sizes, tmp)
            print("real", json.dumps(results["real"]), flush=True)
        if "corpus" in wanted:
            results["corpus"] = real.corpus_figure(tmp)
            print("corpus", json.dumps(results["corpus"]), flush=True)
        if "extraction" in wanted:
            results["extraction"] = extraction(sizes)
            print("extraction", json.dumps(results["extraction"]), flush=True)
        if "workers" in wanted:
            results["workers"] = workers(sizes, tmp)
            print("workers", json.dumps(results["workers"]), flush=True)
        store = Path(args.store) if args.store else None
        if "memory" in wanted:
            results["memory"] = memory(sizes, tmp)
            store = Path(results["memory"]["large"]["store"])
            print("memory", json.dumps(results["memory"]), flush=True)
        if "queries" in wanted:
            results["queries"] = queries(sizes, tmp, store)
            print("queries", json.dumps(results["queries"]), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # figures not run this time keep their last measurement, each with its own date
    # and command (bench/results.json), so `--only` refreshes part of the report
    stamp = {"date": dt.date.today().isoformat(), "command": command, "mode": mode}
    saved_path = Path(args.output).with_suffix(".json")
    saved = json.loads(saved_path.read_text(encoding="utf-8")) if saved_path.is_file() else {}
    saved.update({name: {**value, **stamp} for name, value in results.items()})
    saved_path.write_text(json.dumps(saved, indent=1, ensure_ascii=False), encoding="utf-8")
    text = report(saved)
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
