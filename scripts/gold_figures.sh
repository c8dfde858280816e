#!/bin/sh
# Every gold set's summary rows, for the README's Accuracy tables: holdings, post
# structure, spans, events, meetings, documents and campaigns (kg eval per set; held-out sets
# print summary lines only).
set -e
KG=${KG:-.venv/bin/kg}
for set in dev heldout xwlb-dev xwlb-heldout xwlb-events-dev xwlb-events-heldout \
           xwlb-events2-dev xwlb-events2-heldout xwlb-events3-dev xwlb-events3-heldout \
           xwlb-messages-dev xwlb-messages-heldout localnews \
           xwlb-bios xwlb-bios/heldout; do
    echo "== tests/gold/$set"
    "$KG" eval "tests/gold/$set" | grep -E '^(holdings|post structure|spans|talks|messages|inspections|meetings|documents|campaigns) '
done
echo "== seed"
"$KG" eval seeds/qinzhou-2007-04-03.txt tests/gold/qinzhou-2007-04-03.yaml | grep -E '^(all|holdings) '
