"""Whole-process figures on real news: 新闻联播 items from ../shared/data/xwlb/.

Each figure is two whole processes timed side by side in one run, best of
`runs`, the two interleaved so a burst of load on the shared machine hits
both alike:

  build_vs_jieba  `kg build ITEMS -o out.ttl --workers 1` against a process that
                  only runs jieba.lcut over the same items' text
  workers         the same build with two workers against one
  startup         `kg build ONE.txt -o one.ttl` against
                  `python -c "import jieba; jieba.initialize()"`
  corpus          (slow, `--corpus`) the whole corpus into a store with two
                  workers, and its first 5,000 items: time and peak memory

Without the corpus (no ../shared/data, or $ZHKG_DATA pointing elsewhere)
every figure here is skipped and says why.
"""

from __future__ import annotations

import gzip
import itertools
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kg.cli import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
XWLB = Path("xwlb") / "xwlb-2012-2019.jsonl.gz"

# One `kg build` as a child process, reporting what it cost: its own CPU
# seconds, its workers' (children waited for), and the peak resident size of
# each. VmHWM is the process's own peak since exec; ru_maxrss would carry
# over the peak of the process that started it. It ends as the `kg` command
# does (kg.cli.end_process), without tearing the interpreter down.
_MEASURED_BUILD = """
import re, resource, sys
from kg.cli import end_process, main
rc = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
with open("/proc/self/status") as status:
    peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read())[1])
print("MEASURED", rc, own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime,
      peak, workers.ru_maxrss)
end_process(rc)
"""

# What the build is measured against: the same items' text through plain jieba
_BARE_JIEBA = """
import json, sys
import jieba
jieba.setLogLevel(60)
jieba.initialize()
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        jieba.lcut(json.loads(line)["text"])
"""


def corpus_path() -> Path | None:
    path = default_data_dir() / XWLB
    return path if path.is_file() else None


def write_items(corpus: Path, out: Path, *, count: int | None, year: str = "") -> Path:
    """The first `count` items (all for None) of the corpus dated in `year`
    (any year for ""), as an uncompressed JSON Lines file both sides of a
    figure read."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines, \
            open(out, "w", encoding="utf-8") as f:
        dated = (line for line in lines if json.loads(line).get("date", "").startswith(year))
        f.writelines(itertools.islice(dated, count))
    return out


def run_process(argv: list[str]) -> dict:
    """One whole process: its wall seconds, and for a `kg build` (run through
    `_MEASURED_BUILD`) its own and its workers' CPU seconds and peak RSS (kB)."""
    before = _children_cpu()
    started = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    # the whole process tree's CPU: on a machine other work keeps busy, the
    # share of it each side got varies, the CPU it needed much less
    measured = {"seconds": elapsed, "cpu_s": _children_cpu() - before}
    line = next((l for l in run.stdout.splitlines() if l.startswith("MEASURED ")), None)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(argv[3:6])} … failed:\n{run.stderr[-2000:]}")
    if line is None:
        return measured
    _, rc, own_cpu, workers_cpu, peak, workers_peak = line.split()
    # exit status 1: some documents could not be read (the build says which on stderr)
    return {**measured, "exit_status": int(rc), "own_cpu_s": float(own_cpu), "workers_cpu_s": float(workers_cpu),
            "peak_kb": int(peak), "workers_peak_kb": int(workers_peak)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def kg_build(*args: str) -> list[str]:
    return [sys.executable, "-c", _MEASURED_BUILD, "build", *args, "-q"]


def side_by_side(runs: int, commands: dict[str, list[str]]) -> dict[str, dict]:
    """The fastest of `runs` runs of each command, the commands taking turns."""
    best: dict[str, dict] = {}
    for _ in range(runs):
        for name, argv in commands.items():
            run = run_process(argv)
            if name not in best or run["seconds"] < best[name]["seconds"]:
                best[name] = run
    return best


def build_figures(sizes: dict, tmp: Path) -> dict:
    """build_vs_jieba, workers and startup on the items of 2019."""
    corpus = corpus_path()
    if corpus is None:
        return {"skipped": f"no {default_data_dir() / XWLB}"}
    items = write_items(corpus, tmp / "xwlb-2019.jsonl", count=sizes["real_items"],
                        year="2019")
    lines = items.read_text(encoding="utf-8").splitlines()
    chars = sum(len(json.loads(line)["text"]) for line in lines)
    one_file = tmp / "one.txt"
    first = json.loads(lines[0])
    one_file.write_text(first["title"] + "\n" + first["text"] + "\n", encoding="utf-8")

    def build(source: Path, out: str, *options: str) -> list[str]:
        return kg_build(str(source), "-o", str(tmp / out), *options)

    runs = side_by_side(sizes["real_runs"], {
        "jieba": [sys.executable, "-c", _BARE_JIEBA, str(items)],
        "one_worker": build(items, "one-worker.ttl", "--workers", "1"),
        "two_workers": build(items, "two-workers.ttl", "--workers", "2"),
        # as a user types it: as many workers as cores, which one file must not start
        "one_file": build(one_file, "one-file.ttl"),
        "jieba_start": [sys.executable, "-c", "import jieba; jieba.initialize()"],
    })
    if (tmp / "one-worker.ttl").read_bytes() != (tmp / "two-workers.ttl").read_bytes():
        raise SystemExit("one and two workers built different graphs")
    times = {name: run["seconds"] for name, run in runs.items()}
    one, two = runs["one_worker"], runs["two_workers"]
    # where a shared machine's load hides the scaling: from CPU times, the
    # speed-up two idle cores would give (the build process and two workers share them)
    two_cpu = two["own_cpu_s"] + two["workers_cpu_s"]
    return {"items": sizes["real_items"], "chars": chars, "runs": sizes["real_runs"],
            "load_average": _load(), **{f"{name}_s": t for name, t in times.items()},
            "two_parent_cpu_s": two["own_cpu_s"], "two_pool_cpu_s": two["workers_cpu_s"],
            "bound_on_idle_cores": one["cpu_s"] / max(two["own_cpu_s"], two_cpu / 2),
            **{f"{name}_cpu_s": run["cpu_s"] for name, run in runs.items()},
            "ratio_vs_jieba": times["jieba"] / times["one_worker"],
            "ratio_vs_jieba_cpu": runs["jieba"]["cpu_s"] / runs["one_worker"]["cpu_s"],
            "ratio_workers": times["one_worker"] / times["two_workers"],
            "ratio_startup": times["one_file"] / times["jieba_start"],
            "ratio_startup_cpu": runs["one_file"]["cpu_s"] / runs["jieba_start"]["cpu_s"]}


SMALL_CORPUS = 5_000


def corpus_figure(tmp: Path) -> dict:
    """The whole corpus into a store with two workers, and its first 5,000
    items the same way: time, CPU and peak memory of each."""
    corpus = corpus_path()
    if corpus is None:
        return {"skipped": f"no {default_data_dir() / XWLB}"}
    out = {}
    # the whole corpus as a user gives it, compressed; its first 5,000 items as a file of their own
    small = write_items(corpus, tmp / "corpus-small.jsonl", count=SMALL_CORPUS)
    for label, items in (("small", small), ("large", corpus)):
        store = tmp / f"corpus-{label}-store"
        with gzip.open(items, "rt", encoding="utf-8") if items.suffix == ".gz" \
                else open(items, encoding="utf-8") as lines:
            count = sum(1 for _ in lines)
        out[label] = {"items": count,
                      **run_process(kg_build(str(items), "-o", str(store), "--workers", "2"))}
        out[label]["triples"] = _triples(store)
        shutil.rmtree(store)
    small.unlink()
    out["ratio_memory"] = out["large"]["peak_kb"] / out["small"]["peak_kb"]
    out["ratio_workers_memory"] = out["large"]["workers_peak_kb"] / out["small"]["workers_peak_kb"]
    out["load_average"] = _load()
    return out


def _triples(store: Path) -> int:
    import pyoxigraph as ox
    return len(ox.Store.read_only(str(store)))


def _load() -> float:
    import os
    return os.getloadavg()[0]


def rows(results: dict) -> list[str]:
    """The report's table rows for the figures of this module."""
    lines = []
    r = results.get("real")
    if r and "skipped" not in r:
        measured = (f"{r['items']:,} items of 2019, {r['chars']:,} chars, best of {r['runs']}, "
                    f"load average {r['load_average']:.1f}")
        lines += [
            f"| `kg build --workers 1` vs a process running only `jieba.lcut`, same items | "
            f"{r['ratio_vs_jieba']:.2f} ({r['one_worker_s']:.1f} vs {r['jieba_s']:.1f} s; "
            f"{measured}) | ≥ 1.0 | {_verdict(r['ratio_vs_jieba'] >= 1.0)} |",
            f"| the same in CPU seconds (the process tree's) | {r['ratio_vs_jieba_cpu']:.2f} "
            f"({r['one_worker_cpu_s']:.1f} vs {r['jieba_cpu_s']:.1f} s) | (for information) | |",
            f"| `kg build`, two workers vs one, same items | {r['ratio_workers']:.2f}× "
            f"({r['two_workers_s']:.1f} vs {r['one_worker_s']:.1f} s) | ≥ 1.9 | "
            f"{_verdict(r['ratio_workers'] >= 1.9)} |",
            f"| the same from CPU times: two workers' speed-up on idle cores | "
            f"{r['bound_on_idle_cores']:.2f}× (one worker {r['one_worker_cpu_s']:.1f} s CPU; two: "
            f"build process {r['two_parent_cpu_s']:.1f} s, workers {r['two_pool_cpu_s']:.1f} s)"
            f" | (for information) | |",
            f"| a one-file build vs `python -c \"import jieba; jieba.initialize()\"` | "
            f"{r['ratio_startup']:.2f}× ({r['one_file_s']:.2f} vs {r['jieba_start_s']:.2f} s) | "
            f"≤ 1.2 | {_verdict(r['ratio_startup'] <= 1.2)} |",
            f"| the same in CPU seconds | {r['ratio_startup_cpu']:.2f}× "
            f"({r['one_file_cpu_s']:.2f} vs {r['jieba_start_cpu_s']:.2f} s) | (for information) | |"]
    elif r:
        lines.append(f"| real-news figures | skipped: {r['skipped']} | | |")
    c = results.get("corpus")
    if c and "skipped" not in c:
        small, large = c["small"], c["large"]
        lines += [
            f"| the whole corpus into a store, two workers | {large['items']:,} items, "
            f"{large['triples']:,} triples in {large['seconds'] / 60:.1f} min "
            f"({large['items'] / large['seconds']:.0f} items/s; CPU: build "
            f"{large['own_cpu_s']:.0f} s, workers {large['workers_cpu_s']:.0f} s; load average "
            f"{c['load_average']:.1f}) | (for information) | |",
            f"| peak RSS of that build vs its first {small['items']:,} items | "
            f"{c['ratio_memory']:.2f}× ({large['peak_kb'] / 1024:,.0f} vs "
            f"{small['peak_kb'] / 1024:,.0f} MB; a worker {large['workers_peak_kb'] / 1024:,.0f}"
            f" vs {small['workers_peak_kb'] / 1024:,.0f} MB) | ≤ 1.3 | "
            f"{_verdict(c['ratio_memory'] <= 1.3)} |"]
    elif c:
        lines.append(f"| whole-corpus build | skipped: {c['skipped']} | | |")
    return lines


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"
