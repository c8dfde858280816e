"""One node per person on the real corpus: the 50 people its reports name most.

Built from every `ZHKG_XWLB_EVERY`-th item of ../shared/data/xwlb (default 8: 4,911 items
over 2012–2019, about two minutes on two cores; 1 builds the whole corpus); skipped
without the corpus. A failure prints `kg why` for the names split.
"""

from __future__ import annotations

import gzip
import itertools
import os
from collections import Counter, defaultdict

import pytest

from kg.cli import main
from kg.graph.ns import KG, PROV, RDF, RDFS, ZH_HANS, has_language
from kg.store.formats import read_graph
from tests.conftest import shared_data

XWLB = shared_data() / "xwlb" / "xwlb-2012-2019.jsonl.gz"
EVERY = int(os.environ.get("ZHKG_XWLB_EVERY", "8"))

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not XWLB.is_file(), reason="../shared/data/xwlb is not here")]


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xwlb")
    with gzip.open(XWLB, "rt", encoding="utf-8") as lines:
        (folder / "sample.jsonl").write_text("".join(itertools.islice(lines, 0, None, EVERY)),
                                             encoding="utf-8")
    out = folder / "sample.nt"
    assert main(["build", str(folder / "sample.jsonl"), "-o", str(out), "-q",
                 "--workers", "2"]) == 0
    return out, read_graph(out)


def test_the_fifty_most_mentioned_people_are_one_node_each(corpus_graph, capsys):
    path, g = corpus_graph
    mentions: Counter = Counter()
    nodes = defaultdict(set)
    for person in g.subjects(RDF.type, KG.Person):
        name = next(str(o) for o in g.objects(person, RDFS.label) if has_language(o, ZH_HANS))
        mentions[name] += sum(1 for _ in g.objects(person, PROV.wasDerivedFrom))
        nodes[name].add(person)
    top = [name for name, _ in mentions.most_common(50)]
    assert len(top) == 50 and mentions[top[-1]] >= 5
    split = [name for name in top if len(nodes[name]) > 1]
    if split:
        capsys.readouterr()
        for name in split:
            main(["why", str(path), name])
        pytest.fail(f"{len(split)} of the 50 most mentioned are several nodes:\n"
                    + capsys.readouterr().out)
