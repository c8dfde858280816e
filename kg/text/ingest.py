"""Read input files: find them, decode them, date them.

UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are, and
UTF-16 without one when it decodes to text; a page that declares its charset
(<meta charset=gb2312>) is read in it; anything else goes to charset-normalizer
(GB18030, Big5, ...). Scrapers concatenate: a file whose lines are partly UTF-8
and partly one legacy encoding is decoded line by line. A UTF-8 file with a few
bad bytes is not guessed at: its error names the line and column. Files that
are empty, binary or undecodable raise `InputError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.io import is_store
from kg.text.corpus import CORPUS_SUFFIXES

TEXT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml", ""}
# a page declares its charset, and UTF-16 shows its NUL bytes, within its first bytes
_SNIFF_BYTES = 4096
# damaged UTF-8 decodes to many CJK characters per bad byte; GB18030 or Big5 read as
# UTF-8 to about as many errors as characters
_DAMAGED_UTF8_RATIO = 3
# text in the right encoding is nearly all letters, CJK and punctuation; in a wrong
# one (UTF-16 of the wrong byte order) mostly rare symbols
_READABLE_SHARE = 0.9
# a day written in a file name or an address's path: 2016-05-26, 2016-05/16, 202007/16,
# t20170928_ (a file name holds no /, so the same pattern serves both)
DAY_IN_PATH = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_./]?(0[1-9]|1[0-2])[-_./]?"
                         r"(0[1-9]|[12]\d|3[01])(?!\d)")


def iter_sources(paths: list[str]) -> Iterator[Path | InputError]:
    """Files named, and the text files inside folders named, in a stable order;
    what cannot be read as a report is an `InputError` in its place.

    Inside a folder only what lies inside it is read: a symbolic link out of
    it (to /proc/self/environ, say) is reported, not followed. Links that lead
    back into a folder already walked are skipped, so a link loop cannot make
    a build run forever; an Oxigraph store inside the folder is not a report;
    a folder that cannot be listed is reported and the rest is read.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        else:
            yield path


def _walk(top: Path, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    # a stack of folder listings, not recursion: a folder a thousand levels deep is a folder
    root = top.resolve()
    stack = [_listing(top, seen)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, InputError):
            yield child
        elif child.is_symlink() and not _inside(child, root):
            yield InputError(str(child), f"a symbolic link out of the folder (to "
                                         f"{os.path.realpath(child)}): not followed")
        elif child.is_dir():
            if not is_store(child):
                stack.append(_listing(child, seen))
        elif ((child.suffix.lower() in TEXT_SUFFIXES or child.name.lower().endswith(CORPUS_SUFFIXES))
              and not child.name.endswith(".meta.json")):
            yield child


def _listing(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    """A folder's entries by name, hidden ones left out; nothing for a folder
    already walked; the error for one that cannot be listed."""
    try:
        # the folder's device and inode, not its resolved path: resolving every
        # folder of a deep tree costs the depth each time
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(str(folder), f"cannot read the folder: {exc.strerror or exc}")
        return
    yield from (child for child in children if not child.name.startswith("."))


def _inside(link: Path, root: Path) -> bool:
    return Path(os.path.realpath(link)).is_relative_to(root)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding name).

    Raises:
        InputError: empty, binary, a NUL character in the text (line and
            column given), a UTF-8 file with bad bytes (the same), or no
            Chinese encoding fits.
    """
    text, encoding = _decode(data, path)
    nul = text.find("\x00")
    if nul >= 0:
        # valid UTF-8 yet not text: a NUL ends a string in C, XML cannot hold one
        line = text.count("\n", 0, nul) + 1
        raise InputError(path, "a NUL character in the text: binary data, or a damaged file",
                         line=line, column=nul - text.rfind("\n", 0, nul))
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:_SNIFF_BYTES]:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _as_text(data, encoding)
            if text is not None:
                return text, encoding
        raise InputError(path, "binary data (NUL bytes), not text")
    lines = data.splitlines(keepends=True)
    utf8 = [_utf8(line) for line in lines]
    legacy = [i for i, text in enumerate(utf8) if text is None]
    for i in legacy:
        _reject_damaged_utf8(lines, i, path)
    encoding = _legacy_encoding(data, b"".join(lines[i] for i in legacy), path,
                                line=legacy[0] + 1)
    if not any(text is not None and not text.isascii() for text in utf8):
        return _strict(data, encoding, path), encoding
    # GB18030 and Big5 never use the byte 0x0A inside a character, so lines split cleanly
    for i in legacy:
        utf8[i] = _strict(lines[i], encoding, path, first_line=i + 1)
    return "".join(utf8), f"utf-8+{encoding}"


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _reject_damaged_utf8(lines: list[bytes], i: int, path: str) -> None:
    """A line that is UTF-8 but for a few bad bytes is damage, not another encoding.

    GB18030 or Big5 read as UTF-8 gives almost nothing but errors; damaged UTF-8
    gives mostly characters from U+0800 up (CJK) and a few errors.
    """
    readable = lines[i].decode("utf-8", errors="replace")
    errors = readable.count("\ufffd")
    wide = sum(1 for c in readable if ord(c) >= 0x800) - errors
    if wide > _DAMAGED_UTF8_RATIO * errors:
        try:
            lines[i].decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(lines[i][:exc.start].decode("utf-8", errors="replace")) + 1
            byte = sum(len(line) for line in lines[:i]) + exc.start
            raise InputError(path, f"invalid UTF-8 (byte {byte:,} of the file, "
                                   f"0x{lines[i][exc.start]:02x}) in text that is otherwise "
                                   "UTF-8: the file is damaged; repair it or drop the bad bytes "
                                   "(iconv -c -f utf-8 -t utf-8)", line=i + 1, column=column) from None


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
# what pages declare, and the superset that decodes everything they meant
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
              "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "x-gbk": "gb18030"}


def _legacy_encoding(data: bytes, sample: bytes, path: str, *, line: int) -> str:
    """The one legacy encoding that decodes `sample` (the lines that are not UTF-8)."""
    declared = _DECLARED.search(data[:_SNIFF_BYTES])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encoding = _SUPERSETS.get(name)
        if encoding and _decodes(sample, encoding):
            return encoding
    from charset_normalizer import from_bytes
    best = from_bytes(sample, cp_isolation=["gb18030", "big5", "big5hkscs"]).best()
    if best is None or not _decodes(sample, best.encoding):
        raise InputError(path, "neither UTF-8 nor GB18030 nor Big5 fits: not text in a "
                               "Chinese encoding", line=line)
    return best.encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _as_text(data: bytes, encoding: str) -> str | None:
    """`data` in `encoding` if that reads as Chinese or Latin text, not as junk."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    readable = sum(1 for c in text if c in "\n\r\t" or " " <= c <= "~"
                   or 0x3000 <= ord(c) <= 0x9fff or 0xff00 <= ord(c) <= 0xffef)
    return text if readable >= _READABLE_SHARE * len(text) else None


def _strict(data: bytes, encoding: str, path: str, *, first_line: int = 1) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = first_line + data[:exc.start].count(b"\n")
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
    m = DAY_IN_PATH.search(path.name)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None
