"""The shape of the code that issue 11 settled: packages by pipeline stage, no import cycle,
modules a reader can hold in mind, language knowledge in kg/data rather than in code, and
no data file nobody reads. Each failure lists its offenders.

Imports are read with ast from the source, so an import inside a function counts as much
as one at the top of a module: both tie the two modules together.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from scripts.han_literals import docstring_nodes, han_literals_in
from tests.conftest import ROOT, SLOW_FIXTURES, SLOW_MODULES, SLOW_TESTS

KG = ROOT / "kg"
MAX_MODULE_LINES = 500
MAX_HAN_LITERALS = 25
MIN_SUBPACKAGES = 4


def modules_under(package: Path) -> dict[str, Path]:
    """Dotted name → file of every module in a package folder (kg/graph/ns.py: kg.graph.ns)."""
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


MODULES = modules_under(KG)


@functools.cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def deepest_module(name: str, modules: dict[str, Path]) -> str | None:
    """The module `name` is or lies in (`kg.graph.ns.KG` → `kg.graph.ns`), or None."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(module imported, line) for every import statement of `module`, at any depth."""
    path = modules[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x, from ..y import z
                anchor = ".".join(package[:len(package) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            # `from kg.x import y` imports the module kg.x.y when there is one, else kg.x
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            found = deepest_module(target, modules)
            if found is not None and found != module:
                yield found, node.lineno


def import_graph(modules: dict[str, Path]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module in modules:
        for target, line in imports_of(module, modules):
            if not graph.has_edge(module, target):
                graph.add_edge(module, target, line=line)
    return graph


def import_cycles(modules: dict[str, Path]) -> list[str]:
    """One line per knot of mutually importing modules: a cycle through it, each step as
    `module:line` of the import that leads on (kg.a:12 -> kg.b:40 -> kg.a)."""
    graph = import_graph(modules)
    lines = []
    for knot in nx.strongly_connected_components(graph):
        if len(knot) > 1:
            steps = nx.find_cycle(graph.subgraph(knot))
            lines.append(" -> ".join([f"{a}:{graph.edges[a, b]['line']}" for a, b in steps]
                                     + [steps[0][0]]))
    return sorted(lines)


def test_the_import_reader_sees_local_relative_and_submodule_imports(tmp_path):
    # the reader on a package of its own: a cycle it cannot see would pass unnoticed
    files = {
        "pkg/__init__.py": "from pkg.a import thing\n",
        "pkg/a.py": "thing = 1\n\n\ndef later():\n    from . import b\n",
        "pkg/b.py": "from pkg.sub import c\nimport json\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/c.py": "from ..a import thing\n",
        "pkg/d.py": "import pkg.sub.c\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = modules_under(tmp_path / "pkg")
    graph = import_graph(modules)
    assert set(graph.edges) == {("pkg", "pkg.a"), ("pkg.a", "pkg.b"), ("pkg.b", "pkg.sub.c"),
                                ("pkg.sub.c", "pkg.a"), ("pkg.d", "pkg.sub.c")}
    [cycle] = import_cycles(modules)
    assert cycle == "pkg.a:5 -> pkg.b:1 -> pkg.sub.c:1 -> pkg.a"


def test_no_import_cycle_among_kg_modules():
    cycles = import_cycles(MODULES)
    assert not cycles, (f"{len(cycles)} import cycle(s) among kg modules (imports inside "
                        "functions count):\n" + "\n".join("  " + c for c in cycles))


def test_no_kg_module_is_over_500_lines():
    long = {str(path.relative_to(ROOT)): n for path in MODULES.values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: " + ", ".join(
        f"{name} ({n})" for name, n in sorted(long.items(), key=lambda kv: -kv[1]))


def test_han_literals_in_code_are_at_most_25():
    # language knowledge belongs in kg/data (scripts/han_literals.py --list shows the same)
    hits = sorted((hit for path in MODULES.values() for hit in han_literals_in(path, parsed(path))),
                  key=lambda hit: hit[:2])
    assert len(hits) <= MAX_HAN_LITERALS, (
        f"{len(hits)} string literals with Han characters outside docstrings in kg/ "
        f"(at most {MAX_HAN_LITERALS}; move them to kg/data):\n" + "\n".join(
            f"  {Path(path).relative_to(ROOT)}:{line}: {value[:40]!r}"
            for path, line, value in hits))


def test_kg_has_at_least_four_subpackages():
    subpackages = sorted(p.parent.name for p in KG.glob("*/__init__.py"))
    assert len(subpackages) >= MIN_SUBPACKAGES, (
        f"kg/ has {len(subpackages)} subpackages ({', '.join(subpackages) or 'none'}); "
        f"at least {MIN_SUBPACKAGES} stages of the pipeline should be packages")


def string_literals(path: Path) -> set[str]:
    tree = parsed(path)
    docstrings = docstring_nodes(tree)
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings}


def test_every_data_file_is_read_by_some_module():
    literals = set().union(*(string_literals(path) for path in MODULES.values()))
    data = [p for p in (KG / "data").rglob("*") if p.is_file() and p.name != "README.md"]
    assert data, "no data files under kg/data"
    unread = sorted(str(p.relative_to(ROOT)) for p in data
                    if not any(p.name in literal for literal in literals))
    assert not unread, f"data files no module names: {', '.join(unread)}"


def test_every_slow_marker_names_a_test_that_exists():
    # the slow marks are keyed on names (tests/conftest.py): a renamed test would lose its mark
    files = {path.stem: path.read_text(encoding="utf-8")
             for path in (ROOT / "tests").glob("test_*.py")}
    missing = sorted(SLOW_MODULES - set(files)) + sorted(
        name for name in SLOW_FIXTURES | SLOW_TESTS
        if not any(f"def {name}(" in text for text in files.values()))
    assert not missing, f"tests/conftest.py marks as slow what no test file defines: {missing}"
