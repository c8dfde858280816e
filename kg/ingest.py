"""Read input files: find them, decode them, date them.

UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are;
anything else goes to charset-normalizer (GB18030, Big5, ...). Files that are
empty, binary or undecodable raise `InputError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ""}
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def iter_sources(paths: list[str]) -> Iterator[Path]:
    """Files named, and the text files inside folders named, in a stable order.

    Symbolic links that lead back into a folder already walked are skipped, so
    a link loop cannot make a build run forever.
    """
    seen_dirs: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        else:
            yield path


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        elif child.suffix.lower() in TEXT_SUFFIXES and not child.name.endswith(".meta.json"):
            yield child


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding name)."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary data (NUL bytes), not text")
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8", "utf_16", "big5hkscs"]).best()
    if best is None:
        line = data[:utf8_error.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte {utf8_error.start}) and no other "
                               "Chinese encoding fits", line=line)
    return str(best), best.encoding


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(path, f"invalid {encoding} at byte {exc.start}", line=line) from exc


def document_id(path: Path, data: bytes) -> str:
    """Stable across runs and folders: the file's stem and a hash of its bytes."""
    return f"{path.stem}-{hashlib.sha1(data).hexdigest()[:8]}"


def date_from_metadata(path: Path) -> dt.date | None:
    """A date from a sidecar (FILE.meta.json with "date") or from the file name."""
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.is_file():
        try:
            value = json.loads(sidecar.read_text(encoding="utf-8")).get("date")
            return dt.date.fromisoformat(str(value)[:10]) if value else None
        except (ValueError, AttributeError) as exc:
            raise InputError(str(sidecar), f"expected {{\"date\": \"YYYY-MM-DD\"}}: {exc}") from exc
    m = _FILENAME_DATE.search(path.name)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None
