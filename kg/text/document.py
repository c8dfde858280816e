"""Files and decoded text into normalised `Document`s whose offsets index the original.

A document is dated by its metadata (`kg.text.ingest.date_from_metadata`) or,
failing that, by the date written in its lead; `written_date` reads a written
date (4月3日, 2007年4月3日) here and for the meetings `kg.extract.relate` finds.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.lang.patterns import Patterns, patterns
from kg.model import Document, OffsetMap
from kg.text.corpus import CorpusItem
from kg.text.html import html_to_text, looks_like_html
from kg.text.ingest import DAY_IN_PATH, date_from_metadata, decode, document_id
from kg.text.normalize import normalize

# One file is one report (its date and place frame every sentence). The longest
# reports run to tens of thousands of characters; a million is a dump of many
# reports, which would be misdated and misplaced as one, and at measured speed
# (docs/faults.md) costs minutes and a gigabyte before it could be split.
MAX_DOCUMENT_CHARS = 1_000_000
# read no further than this: 4 bytes a character, and room for HTML markup
MAX_FILE_BYTES = 16 * 1024 * 1024
_SPLIT_HINT = "one file should hold one report: split the file and build the parts"
# A report's lead, where it says when (4月3日下午，秦州区召开…): a date further on is
# of an event it recalls or plans. Counted in characters: the date is read before
# the text is split into sentences (the report's place is read in its first
# kg.extract.recognize.LEAD_SENTENCES).
LEAD_CHARS = 300


def load_document(path: Path, *, date: dt.date | None = None, shown_as: str | None = None) -> Document:
    """Read, decode and normalise one file (plain text, or an HTML page).

    Args:
        date: overrides any date found in metadata or text.
        shown_as: the path as the user gave it (kept in the graph).

    Raises:
        InputError: the file cannot be read, is not a regular file, is too
            large, is not text in a known encoding, or holds no text.
    """
    name = shown_as or str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # a pipe or device in a scraped folder would block the batch forever
            raise InputError(name, "not a regular file (a pipe, socket or device)")
        if info.st_dev in _kernel_file_systems():
            # /proc/self/environ is "regular" and 0 bytes long: read, it is the build's secrets
            raise InputError(name, f"a file of the kernel's (procfs or sysfs: "
                                   f"{os.path.realpath(path)}), not a report")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(name, f"the file is {info.st_size:,} bytes; zhkg reads files of "
                                   f"up to {MAX_FILE_BYTES:,} bytes and documents of up to "
                                   f"{MAX_DOCUMENT_CHARS:,} characters; {_SPLIT_HINT}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    raw, encoding = decode(data, name)
    return make_document(raw, doc_id=document_id(path, data), path=name,
                         date=date or date_from_metadata(path), encoding=encoding,
                         is_html=looks_like_html(name, raw))


@lru_cache(maxsize=1)
def _kernel_file_systems() -> frozenset[int]:
    devices = set()
    for mount in ("/proc", "/sys"):
        try:
            devices.add(os.stat(mount).st_dev)
        except OSError:  # not Linux, or not mounted: nothing of the kind to read
            pass
    return frozenset(devices)


def make_document(raw: str, *, doc_id: str, path: str, date: dt.date | None = None,
                  encoding: str = "utf-8", is_html: bool = False, url: str | None = None,
                  title: str | None = None) -> Document:
    """Normalise decoded text into a Document whose offsets index `raw`.

    Args:
        is_html: `raw` is an HTML page: its readable text is normalised, and
            offsets still index the page (markup and entities included).
        url, title: kept with the document (a corpus line's), not read.

    Raises:
        InputError: no text is left, or the text is longer than MAX_DOCUMENT_CHARS.
    """
    source, page_map = html_to_text(raw) if is_html else (raw, None)
    if len(source) > MAX_DOCUMENT_CHARS:
        lines = source.count("\n") + 1
        raise InputError(path, f"{len(source):,} characters in {lines:,} line(s); the limit "
                               f"is {MAX_DOCUMENT_CHARS:,}: {_SPLIT_HINT}")
    text, hant, offsets = normalize(source)
    if not text.strip():
        raise InputError(path, "no text outside script, style, navigation, header and footer"
                         if is_html else "no text left after normalisation")
    if page_map is not None:
        offsets = _through(page_map, offsets)
    return Document(doc_id, path, raw, text, hant, offsets,
                    date or date_from_text(text, patterns()), encoding, url, title)


def corpus_document(item: CorpusItem, *, date: dt.date | None = None) -> Document:
    """One corpus line as a Document whose offsets index the line's text.

    Args:
        date: overrides the line's own date.
    """
    return make_document(item.text, doc_id=item.doc_id, path=item.name,
                         date=date or item.date, url=item.url, title=item.title)


def _through(page: OffsetMap, offsets: OffsetMap) -> OffsetMap:
    """`offsets` (text → page text) composed with `page` (page text → page)."""
    return OffsetMap(tuple(page.starts[s] for s in offsets.starts),
                     tuple(page.ends[e - 1] for e in offsets.ends))


def date_from_text(text: str, pats: Patterns) -> dt.date | None:
    """The report's date: a full date in its lead, else the day in the address a saved
    page starts with (http://…/2016-05/16/014233.html), else month and day in the lead
    with the latest year the report names (reports review last year and plan this one)."""
    m = pats.date.search(text[:LEAD_CHARS])
    if m is not None and m.group("year"):
        return written_date(m, None)
    published = address_day(text)
    if published is not None:
        return published
    if m is None:
        return None
    return written_date(m, max((int(y.group("year")) for y in pats.year.finditer(text)),
                               default=None))


# normalising makes the colon full-width (http：//)
_ADDRESS = re.compile(r"https?[:\uff1a]//")


def address_day(text: str) -> dt.date | None:
    """The day in the address on the text's first line, if it starts with one."""
    first = text[:text.find("\n")] if "\n" in text else text
    if not _ADDRESS.match(first):
        return None
    for m in DAY_IN_PATH.finditer(first):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue  # 20160231: no day
    return None


def written_date(m: re.Match, year: int | None) -> dt.date | None:
    """The date a match of `Patterns.date` writes (4月3日, 2007年4月3日), in
    `year` where it names none; None where it names no real day (2月30日)."""
    if m.group("year"):
        year = int(m.group("year"))
    if year is None:
        return None
    try:
        return dt.date(year, int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None
