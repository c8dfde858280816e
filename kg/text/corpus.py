"""JSON Lines corpora: one document a line (`.jsonl`, or gzip'd `.jsonl.gz`).

Each line is an object with the document's text in `text` and, optionally,
`title`, `date` (YYYY-MM-DD, or a longer ISO timestamp), `url` and `id`. The
document's offsets index the line's `text`; it is named `PATH#ID` in the graph,
ID being the line's `id`, else its line number. A line that is not such an
object is reported with its line number and the rest of the corpus goes on.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One line of a corpus, read and checked; the worker makes it a Document."""

    corpus: str   # the corpus file as the user gave it
    line: int     # 1-based
    key: str      # the line's id, else its line number
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None

    @property
    def name(self) -> str:
        """How the graph names the document (`dcterms:source`)."""
        return f"{self.corpus}#{self.key}"

    @property
    def doc_id(self) -> str:
        """Stable across runs and folders: the corpus's name, the key and a hash of the text."""
        stem = Path(self.corpus).name.removesuffix(".gz").removesuffix(".jsonl")
        digest = hashlib.sha1(f"{self.key}\n{self.text}".encode("utf-8")).hexdigest()[:8]
        return f"{stem}-{self.key}-{digest}"


def is_corpus(path: Path) -> bool:
    return path.name.lower().endswith(CORPUS_SUFFIXES)


def iter_corpus(path: Path, *, shown_as: str | None = None) -> Iterator[CorpusItem | InputError]:
    """Each line of the corpus as an item, or as the error that names it.

    A file that cannot be opened or decompressed ends the corpus with one
    error; the lines read before it stay read.
    """
    name = shown_as or str(path)
    seen: dict[str, int] = {}
    number = 0
    try:
        with _open(path) as lines:
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                item = _item(raw, name, number)
                if isinstance(item, CorpusItem):
                    if item.key in seen:
                        item = InputError(name, f"id {item.key!r} again (first on line "
                                                f"{seen[item.key]}): each document needs its own",
                                          line=number)
                    else:
                        seen[item.key] = number
                yield item
    except OSError as exc:
        # gzip.BadGzipFile is an OSError, as is a file cut off mid-stream (EOFError is not)
        yield InputError(name, f"cannot read the corpus after line {number}: "
                               f"{exc.strerror or exc}")
    except (EOFError, zlib.error) as exc:
        yield InputError(name, f"the compressed corpus is cut off or damaged after line "
                               f"{number}: {exc}")


def _open(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="strict", newline="\n")
    return path.open("r", encoding="utf-8", errors="strict", newline="\n")


def _item(raw: str, name: str, number: int) -> CorpusItem | InputError:
    def bad(reason: str) -> InputError:
        return InputError(name, reason, line=number)

    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return InputError(name, f"not JSON: {exc.msg}", line=number, column=exc.colno)
    if not isinstance(data, dict):
        return bad(f"expected an object with a \"text\", got {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return bad("no \"text\" (the document's text, a non-empty string)")
    for field in ("title", "url", "date"):
        if data.get(field) is not None and not isinstance(data[field], str):
            return bad(f"\"{field}\" must be a string, got {type(data[field]).__name__}")
    key = data.get("id")
    if key is None:
        key = str(number)
    elif isinstance(key, (str, int)) and not isinstance(key, bool) and str(key).strip():
        key = str(key).strip()
    else:
        return bad("\"id\" must be a non-empty string or a number")
    date = None
    if data.get("date"):
        try:
            date = dt.date.fromisoformat(data["date"][:10])
        except ValueError:
            return bad(f"\"date\" {data['date']!r} is not YYYY-MM-DD")
    return CorpusItem(name, number, key, text, data.get("title") or None, date,
                      data.get("url") or None)
