"""Read the public evaluation corpora kept in ``../shared/data`` (never in the repository).

A corpus is named by its path under the data folder, e.g. ``people_daily/test.char.bio``;
the short names in :data:`SHORT_NAMES` (``pd-test``, ``msra-val`` ...) are accepted too.
Sentences are numbered from 0:

- ``*.char.bio`` / ``*.char.bmes`` (People's Daily, Resume): one ``char TAG`` per line,
  sentences separated by blank lines; sentence N is the N-th non-empty block.
- ``msra_val/sentences.txt``: line N, characters separated by single spaces; the BIO tags
  are on line N of ``tags.txt`` beside it.
- ``cluener/train.json``: JSON line N, field ``text``; ``label`` maps
  class -> surface -> ``[[start, end_inclusive], ...]``.

Spans are returned as ``(start, end_exclusive, label)`` sorted by position.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from kg.errors import InputError
from kg.text.corpus import CorpusItem, iter_corpus

Span = tuple[int, int, str]

SHORT_NAMES: dict[str, str] = {
    "pd-dev": "people_daily/dev.char.bio",
    "pd-test": "people_daily/test.char.bio",
    "msra-val": "msra_val/sentences.txt",
    "cluener-train": "cluener/train.json",
    "resume-train": "resume/train.char.bmes",
    "resume-dev": "resume/dev.char.bmes",
    "resume-test": "resume/test.char.bmes",
}


def _kind(corpus: str) -> str:
    """Return the format of a corpus from its name: ``bio``, ``bmes``, ``msra`` or ``clue``."""
    if corpus.endswith(".bio"):
        return "bio"
    if corpus.endswith(".bmes"):
        return "bmes"
    if corpus.endswith(".json"):
        return "clue"
    if corpus.endswith(".txt"):
        return "msra"
    raise InputError(corpus, "unknown corpus format (expected .bio, .bmes, .json or .txt)")


def _resolve(data_dir: Path, corpus: str) -> tuple[Path, str]:
    """Map a corpus name (path or short name) to its file and format."""
    rel = SHORT_NAMES.get(corpus, corpus)
    return Path(data_dir) / rel, _kind(rel)


def _open(path: Path) -> TextIO:
    """Open a corpus file as UTF-8 text, or raise InputError if it is missing."""
    try:
        return path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(str(path), f"cannot open corpus file: {exc.strerror or exc}") from exc


def _char_blocks(path: Path) -> Iterator[tuple[int, str, list[tuple[str, int]]]]:
    """Yield ``(index, text, [(tag, line_no), ...])`` for each block of ``char TAG`` lines."""
    chars: list[str] = []
    tags: list[tuple[str, int]] = []
    index = 0
    with _open(path) as fh:
        for line_no, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if chars:
                    yield index, "".join(chars), tags
                    index += 1
                    chars, tags = [], []
                continue
            char, sep, tag = line.rpartition(" ")
            if not sep or len(char) != 1 or not tag:
                raise InputError(str(path), f"expected 'CHAR TAG', got {line!r}", line=line_no)
            chars.append(char)
            tags.append((tag, line_no))
    if chars:
        yield index, "".join(chars), tags


def _msra_text(path: Path, line: str, line_no: int) -> str:
    """Join the space-separated characters of one MSRA line."""
    tokens = line.split(" ") if line else []
    if any(len(t) != 1 for t in tokens):
        raise InputError(str(path), "expected single characters separated by single spaces",
                         line=line_no)
    return "".join(tokens)


def _decode(tags: list[tuple[str, int]], scheme: str, path: Path) -> list[Span]:
    """Turn per-character BIO or BMES tags into exclusive-end spans.

    A continuation tag (``I-``/``M-``/``E-``) that does not continue a span of the same
    label starts a new span, as conlleval does.
    """
    inside = "I" if scheme == "bio" else "ME"
    allowed = {"B", "I"} if scheme == "bio" else {"B", "M", "E", "S"}
    spans: list[Span] = []
    start: int | None = None
    label = ""

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            spans.append((start, end, label))
            start = None

    for i, (tag, line_no) in enumerate(tags):
        if tag == "O":
            close(i)
            continue
        prefix, dash, name = tag.partition("-")
        if not dash or not name or prefix not in allowed:
            raise InputError(str(path), f"unexpected {scheme.upper()} tag {tag!r}", line=line_no)
        if prefix in inside and start is not None and name == label:
            if prefix == "E":
                close(i + 1)
            continue
        close(i)
        start, label = i, name
        if prefix in "SE":
            close(i + 1)
    close(len(tags))
    return spans


def iter_sentences(data_dir: Path, corpus: str) -> Iterator[tuple[int, str]]:
    """Yield ``(index, text)`` for every sentence of a corpus.

    Args:
        data_dir: the shared data folder (the one holding ``README.md``).
        corpus: path under ``data_dir`` (``people_daily/test.char.bio``) or a short name.

    Raises:
        InputError: the file is missing or a line is malformed.
    """
    path, kind = _resolve(data_dir, corpus)
    if kind in ("bio", "bmes"):
        for index, text, _ in _char_blocks(path):
            yield index, text
    elif kind == "msra":
        with _open(path) as fh:
            for n, raw in enumerate(fh):
                yield n, _msra_text(path, raw.rstrip("\r\n"), n + 1)
    else:
        with _open(path) as fh:
            for n, raw in enumerate(fh):
                yield n, _clue_record(path, raw, n + 1)["text"]


def read_sentence(data_dir: Path, corpus: str, index: int) -> str:
    """Return the text of sentence ``index`` (0-based) of a corpus.

    Args:
        data_dir: the shared data folder.
        corpus: path under ``data_dir`` or a short name.
        index: 0-based sentence number, as defined in the module docstring.

    Raises:
        InputError: the file is malformed or has no sentence ``index``.
    """
    if index < 0:
        raise InputError(corpus, f"sentence index must be >= 0, got {index}")
    rel = SHORT_NAMES.get(corpus, corpus)
    texts = _all_sentences(Path(data_dir), rel, _version(Path(data_dir) / rel))
    if index >= len(texts):
        raise InputError(corpus, f"no sentence {index} (the corpus has {len(texts)})")
    return texts[index]


# A gold set looks up a hundred sentences of the same few corpora: each file is read once
# (while it is unchanged), not once per sentence from its start.
@functools.lru_cache(maxsize=16)
def _all_sentences(data_dir: Path, corpus: str, version: tuple[int, int] | None) -> tuple[str, ...]:
    return tuple(text for _, text in iter_sentences(data_dir, corpus))


def _clue_record(path: Path, raw: str, line_no: int) -> dict:
    """Parse and check one CLUENER JSON line."""
    try:
        rec = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"invalid JSON: {exc.msg}", line=line_no,
                         column=exc.colno) from exc
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError(str(path), "expected an object with a string 'text'", line=line_no)
    return rec


def _clue_spans(path: Path, rec: dict, line_no: int) -> list[Span]:
    """Convert a CLUENER ``label`` object to exclusive-end spans, checking each surface."""
    text = rec["text"]
    spans: list[Span] = []
    labels = rec.get("label") or {}
    if not isinstance(labels, dict):
        raise InputError(str(path), "'label' must be an object", line=line_no)
    for label, surfaces in labels.items():
        for surface, offsets in (surfaces or {}).items():
            for pair in offsets:
                if (not isinstance(pair, list) or len(pair) != 2
                        or text[pair[0]:pair[1] + 1] != surface):
                    raise InputError(str(path), f"{label} span {pair!r} does not cover "
                                     f"{surface!r}", line=line_no)
                spans.append((pair[0], pair[1] + 1, label))
    return sorted(spans)


def iter_tagged(data_dir: Path, corpus: str) -> Iterator[tuple[int, str, list[Span]]]:
    """Yield ``(index, text, spans)`` for every sentence of a tagged corpus.

    Spans are ``(start, end_exclusive, label)`` in text order. BIO (People's Daily, MSRA),
    BMES (Resume) and CLUENER offsets are all converted to this form.

    Args:
        data_dir: the shared data folder.
        corpus: path under ``data_dir`` or a short name; MSRA tags are read from
            ``tags.txt`` beside ``sentences.txt``.

    Raises:
        InputError: a line or tag is malformed, or MSRA tags do not match their sentence.
    """
    path, kind = _resolve(data_dir, corpus)
    if kind in ("bio", "bmes"):
        for index, text, tags in _char_blocks(path):
            yield index, text, _decode(tags, kind, path)
    elif kind == "msra":
        tag_path = path.with_name("tags.txt")
        with _open(path) as fh, _open(tag_path) as th:
            n = -1
            for n, (raw, raw_tags) in enumerate(zip(fh, th)):
                text = _msra_text(path, raw.rstrip("\r\n"), n + 1)
                tags = raw_tags.split()
                if len(tags) != len(text):
                    raise InputError(str(tag_path), f"{len(tags)} tags for {len(text)} "
                                     "characters", line=n + 1)
                yield n, text, _decode([(t, n + 1) for t in tags], "bio", tag_path)
            if fh.readline() or th.readline():
                raise InputError(str(tag_path), "sentences.txt and tags.txt differ in length",
                                 line=n + 2)
    else:
        with _open(path) as fh:
            for n, raw in enumerate(fh):
                rec = _clue_record(path, raw, n + 1)
                yield n, rec["text"], _clue_spans(path, rec, n + 1)


def iter_file(path: Path, fmt: str) -> Iterator[tuple[int, str, list[Span]]]:
    """Like :func:`iter_tagged`, for a corpus file anywhere whose format is named by the caller.

    Args:
        path: the corpus file.
        fmt: ``bio``, ``bmes`` or ``cluener``.

    Raises:
        InputError: the file is missing, a line is malformed or the format is unknown.
    """
    if fmt in ("bio", "bmes"):
        for index, text, tags in _char_blocks(path):
            yield index, text, _decode(tags, fmt, path)
    elif fmt == "cluener":
        with _open(path) as fh:
            for n, raw in enumerate(fh):
                rec = _clue_record(path, raw, n + 1)
                yield n, rec["text"], _clue_spans(path, rec, n + 1)
    else:
        raise InputError(str(path), f"unknown corpus format {fmt!r} "
                         "(expected bio, bmes or cluener)")


def read_corpus_line(data_dir: Path, corpus: str, line: int) -> CorpusItem:
    """Line `line` (1-based) of a JSON Lines corpus under `data_dir`, as a corpus item.

    Raises:
        InputError: the corpus is missing, has no such line, or the line is malformed.
    """
    items = _corpus_items(Path(data_dir) / corpus, _version(Path(data_dir) / corpus))
    if line not in items:
        raise InputError(corpus, f"no document on line {line}", line=line)
    item = items[line]
    if isinstance(item, InputError):
        raise item
    return item


def read_corpus_file(data_dir: Path, corpus: str, name: str) -> Path:
    """A file of a corpus folder (`localnews`, `local-004.txt`), refusing names that leave it."""
    folder = (Path(data_dir) / corpus).resolve()
    path = (folder / name).resolve()
    if folder not in path.parents or not path.is_file():
        raise InputError(f"{corpus}/{name}", "no such file in the corpus folder")
    return path


def _version(path: Path) -> tuple[int, int] | None:
    """What tells a changed corpus file from the one a cache read (None: missing,
    and reading it names the missing file)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


# a gold set names a hundred lines of one corpus: read it once (while it is unchanged)
@functools.lru_cache(maxsize=4)
def _corpus_items(path: Path, version: tuple[int, int] | None) -> dict[int, CorpusItem | InputError]:
    if version is None:
        raise InputError(str(path), "no such corpus")
    out: dict[int, CorpusItem | InputError] = {}
    for item in iter_corpus(path):
        if item.line is None and isinstance(item, InputError):
            raise item
        out[item.line] = item
    return out
