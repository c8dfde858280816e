"""The hand audits' tab-separated files (tests/gold/audits/): one header line, one judged
row a line. scripts/audit_people.py and scripts/audit_events.py write them, the judges fill
in `judgement`, and the scripts and the tests read them back."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from pathlib import Path

from kg.io import atomic_file


def read_audit(path: Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_audit(rows: Iterable[dict[str, str]], columns: list[str], path: Path | None) -> None:
    """`rows` under `columns`, into `path` whole or not at all (a judged file it replaces
    is kept if the draw fails), or to standard output when no path is given."""
    if path is None:
        _write(sys.stdout, rows, columns)
        return
    with atomic_file(Path(path), "w", encoding="utf-8", newline="") as f:
        _write(f, rows, columns)


def _write(out, rows: Iterable[dict[str, str]], columns: list[str]) -> None:
    writer = csv.DictWriter(out, columns, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
