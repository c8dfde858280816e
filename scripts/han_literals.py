"""Count string literals holding Han characters in kg/**/*.py, docstrings excepted.

Issue 11 holds the count at 25 or fewer: language knowledge belongs in kg/data/.
Usage: python scripts/han_literals.py [--list]
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def han_literals_in(path: Path, tree: ast.AST) -> list[tuple[str, int, str]]:
    """(path, line, value) of each Han-character string literal of one parsed module."""
    skip = docstring_nodes(tree)
    return [(str(path), node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip and HAN.search(node.value)]


def han_literals(root: Path) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        found += han_literals_in(path, ast.parse(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda f: (f[0], f[1]))


if __name__ == "__main__":
    hits = han_literals(Path(__file__).resolve().parent.parent / "kg")
    if "--list" in sys.argv:
        for path, line, value in hits:
            print(f"{path}:{line}: {value[:60]!r}")
    print(len(hits))
