"""A benchmark corpus made of real sentences, written to a temporary folder.

The seed's sentences (officials with titles, meetings, documents) are mixed
with sentences of the public corpora in ../shared/data (People's Daily, MSRA)
read through `kg.eval.corpora.iter_sentences`, shuffled with a fixed seed and cut
into documents. Nothing is copied into the repository: the folder is made
under the system's temp directory and removed by the caller.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from kg.cli import default_data_dir
from kg.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "qinzhou-2007-04-03.txt"
CORPORA = ("pd-test", "msra-val")


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [s for s in re.findall(r"[^。！？\n]+[。！？]?", text) if len(s.strip()) > 4]


def corpus_sentences(limit: int = 20_000) -> list[str]:
    """Up to `limit` sentences of each public corpus that is present."""
    from kg.eval.corpora import iter_sentences
    data = default_data_dir()
    found: list[str] = []
    for name in CORPORA:
        try:
            found += [s for _, s in itertools.islice(iter_sentences(data, name), limit)]
        except InputError:  # a corpus not present here: the others (and the seed) still serve
            continue
    return found


def documents(count: int, *, seed_per_doc: int, other_per_doc: int,
              rng_seed: int = 6) -> list[str]:
    """`count` documents, each the seed's lead, `seed_per_doc` seed sentences
    and `other_per_doc` corpus sentences, in shuffled order."""
    rng = random.Random(rng_seed)
    seeds, others = seed_sentences(), corpus_sentences() or seed_sentences()
    lead = seeds[0]
    docs = []
    for _ in range(count):
        body = rng.sample(seeds[1:], seed_per_doc) + rng.choices(others, k=other_per_doc)
        rng.shuffle(body)
        docs.append(lead + "\n" + "".join(body) + "\n")
    return docs


def write_folder(folder: Path, docs: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(docs):
        (folder / f"doc-{i:07}.txt").write_text(text, encoding="utf-8")
    return folder
