"""The queries zhkg ships (`kg/queries/*.rq`), and reading a query given by
name, file or text."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from kg.errors import QueryError, UsageError


def _bundled_dir():
    return resources.files("kg").joinpath("queries")


def list_bundled() -> dict[str, str]:
    """Bundled query name → what it answers (the first `#` line of its file)."""
    found = {}
    for entry in sorted(_bundled_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            first = next((ln for ln in entry.read_text(encoding="utf-8").splitlines()
                          if ln.startswith("#")), "#")
            found[entry.name[:-3]] = first.lstrip("#").strip()
    return found


def load_query(spec: str | Path) -> str:
    """The text of a query given as a Path or `*.rq` file, a bundled query's
    name (`people-posts`), or the query text itself.

    Raises:
        UsageError: a named .rq file does not exist.
        QueryError: a bare word that names no bundled query.
    """
    if isinstance(spec, Path) or spec.endswith(".rq"):
        path = Path(spec)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"{path}: cannot read the query file ({e.strerror})") from None
    if re.fullmatch(r"[\w-]+", spec):
        entry = _bundled_dir().joinpath(f"{spec}.rq")
        if entry.is_file():
            return entry.read_text(encoding="utf-8")
        raise QueryError(f"no bundled query named {spec!r}; bundled queries: "
                         + (", ".join(list_bundled()) or "none"))
    return spec
