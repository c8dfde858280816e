#!/usr/bin/env bash
# The refactoring check of issue 11: sha256 of the seed's Turtle and of the Turtle of the
# first 2,000 新闻联播 items written one file each. Run before and after a change that
# must not change the graph; the two lines must match.
set -euo pipefail
cd "$(dirname "$0")/.."
KG=$(realpath "${KG:-.venv/bin/kg}")
PY=$(dirname "$KG")/python
seeds=$(realpath seeds)
corpus=$(realpath -m "${CORPUS:-../shared/data/xwlb/xwlb-2012-2019.jsonl.gz}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# paths as given reach the graph (dcterms:source, document ids): build from one fixed place
cd "$work"
ln -s "$seeds" seeds
"$KG" build seeds -o seed.ttl -q
echo "seed      $(sha256sum < seed.ttl | cut -c1-64)"
if [[ -f $corpus ]]; then
  "$PY" - "$corpus" xwlb <<'PY'
import gzip, json, os, sys
os.makedirs(sys.argv[2])
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as lines:
    for number, line in enumerate(lines):
        if number == 2000:
            break
        item = json.loads(line)
        name = f"xwlb-{item['date']}-{number:04d}.txt"
        with open(os.path.join(sys.argv[2], name), "w", encoding="utf-8") as out:
            out.write(item["title"] + "\n" + item["text"] + "\n")
PY
  "$KG" build xwlb -o xwlb.ttl -q
  echo "xwlb-2000 $(sha256sum < xwlb.ttl | cut -c1-64)"
fi
