"""Writing files and folders so that a crash or kill never leaves half of one.

Everything zhkg writes goes through here: the content is written beside its
target under a hidden name and renamed into place only once complete. A
temporary file is created 0600 (and a temporary folder 0700), so the final
mode is set before the rename: what `open()` would have given a new file
(0666, or 0777 for a folder, less the umask), or the permission bits of the
file it replaces, so a graph a web server was allowed to read stays readable.
"""

from __future__ import annotations

import fcntl
import hashlib
import marshal
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

import _sre

T = TypeVar("T")

# how many versions of one cached table are kept (see `cached`)
_CACHED_VERSIONS = 3


def umask() -> int:
    """The process's umask, read without changing it where Linux tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    # elsewhere the only way to read it is to set it; put it straight back
    current = os.umask(0o022)
    os.umask(current)
    return current


def mode_for(path: Path, *, folder: bool = False) -> int:
    """The permission bits something written at `path` should get: those of
    what is there now, else a new file's (or folder's) under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return (0o777 if folder else 0o666) & ~umask()


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """Open a temporary file beside `path`; once the block ends without an
    error it is flushed to disk, given `mode_for(path)` and renamed to `path`.
    On an error the temporary file is removed and `path` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def scratch_folder(beside: Path, tag: str) -> Path:
    """A new hidden folder next to `beside` (same file system, so a rename
    can move what is built in it into place)."""
    beside = Path(beside)
    beside.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=beside.parent, prefix=f".{beside.name}.{tag}-"))


def replace_folder(new: Path, target: Path) -> None:
    """Move the complete folder `new` to `target`, with `mode_for(target)`.

    An existing `target` is first renamed aside and removed only after `new`
    took its place, so a crash leaves either the old folder at `target` (the
    new one hidden beside it) or the new one."""
    new, target = Path(new), Path(target)
    os.chmod(new, mode_for(target, folder=True))
    if not target.exists():
        new.rename(target)
        return
    old = scratch_folder(target, "old")
    old.rmdir()  # only its unique name is wanted: rename needs the place free
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def writer_lock(target: Path, *, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Holds the one writer's lock on `target` (a file or store folder) for the block.

    Two builds into one output would each read what is there, add their
    documents and rename their result into place: the later rename loses the
    earlier build's work. With this lock the second waits (`waiting` is told
    the PID it waits for) and starts from what the first wrote. The lock is
    `flock` on a hidden file beside `target` (not inside: a store folder is
    swapped whole), so the kernel releases it when its holder dies, killed or
    not; the holder removes the file before letting go.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.parent / f".{target.name}.lock"
    told = waiting is None
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~umask())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                waiting(os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _same_file(fd, lock):
            break
        # the holder removed the file while this one waited on it: lock the new one
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)  # closing releases the lock


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def is_store(path: Path) -> bool:
    """Whether `path` is an Oxigraph on-disk store: a folder RocksDB manages (its
    CURRENT and OPTIONS files), which a build writes to and a folder walk skips."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def cache_folder() -> Path:
    """Where tables derived from shipped files are kept between runs: $ZHKG_CACHE,
    else zhkg/ in the user's cache folder ($XDG_CACHE_HOME, ~/.cache)."""
    if os.environ.get("ZHKG_CACHE"):
        return Path(os.environ["ZHKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zhkg"


def cached(name: str, key: bytes, build: Callable[[], T]) -> T:
    """`build()`'s value (marshal-able), kept in the cache folder as `name` for `key`:
    what it was built from (the files' bytes, the code's), so a change to any of them
    builds it again. Unmarshalling the tables a process would otherwise derive
    from text files at each start takes a fraction of the time.

    A cache folder that cannot be written is no error: the value is built every time.
    """
    folder = cache_folder()
    path = folder / f"{name}-{hashlib.sha256(key).hexdigest()[:32]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not built yet for this key, or left unreadable: build it again
    value = build()
    try:
        with atomic_file(path) as f:
            marshal.dump(value, f)
        # tables built from files that have changed since: all but the newest few (two
        # checkouts of different versions using one cache must not evict each other's)
        older = sorted(folder.glob(f"{name}-*.marshal"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-_CACHED_VERSIONS]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value


class Parts:
    """A table of non-empty string keys split by their first character, each part
    unmarshalled on first use (see `cached_parts`)."""

    __slots__ = ("_raw", "_read")

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._read: dict[str, dict] = {}

    def part(self, first: str) -> dict:
        """The keys starting with the character `first`, with their values."""
        read = self._read.get(first)
        if read is None:
            raw = self._raw.get(first)
            read = self._read[first] = {} if raw is None else marshal.loads(raw)
        return read

    def get(self, key: str, default=None):
        return self.part(key[:1]).get(key, default)

    def read_all(self) -> None:
        """Every part read now: a build process does so before forking its workers,
        which then share the pages instead of each reading the table again."""
        for first in self._raw:
            self.part(first)

    def keys(self):
        """The first characters the table has parts for."""
        return self._raw.keys()

    def items(self) -> Iterator[tuple[str, object]]:
        for first in self._raw:
            yield from self.part(first).items()


def cached_parts(name: str, key: bytes, build: Callable[[], dict[str, T]]) -> Parts:
    """`build()`'s table kept by `cached` as `Parts`: a process reads only the parts
    its text asks for. A one-document build tags a few windows, whose characters
    start a few hundred of the tagger's twelve thousand parts; unmarshalling all of
    its tables was a third of that build.
    """
    def split() -> dict[str, bytes]:
        parts: dict[str, dict[str, T]] = {}
        for word, value in build().items():
            parts.setdefault(word[:1], {})[word] = value
        # each part marshalled apart: the values a part shares are written once in it
        return {first: marshal.dumps(part) for first, part in parts.items()}

    return Parts(cached(name, key, split))


def cached_regexes(name: str, key: bytes, sources: Callable[[], dict[str, str]]) -> dict[str, re.Pattern]:
    """The expressions `sources()` gives, by name, compiled: what the regular-expression
    compiler made of each (its program, groups, group names) kept by `cached` for `key`
    and this Python, so a process does not parse and compile them again. Compiling the
    lexicon's tries of place and body names was a fifth of a one-file build.

    The program is CPython's own (`re._compiler`'s input to `_sre.compile`); one this
    Python will not take is compiled from its expression instead.
    """
    key += f"\n{sys.version}\n{_sre.MAGIC}".encode()
    programs = cached(name, key, lambda: {field: _program(source)
                                          for field, source in sources().items()})
    return {field: _from_program(program) for field, program in programs.items()}


def _program(source: str) -> tuple:
    """`_sre.compile`'s arguments for `source`, as `re.compile(source)` passes them."""
    from re import _compiler, _parser
    parsed = _parser.parse(source, 0)
    names = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for group, index in names.items():
        indexgroup[index] = group
    # the opcodes are int subclasses, which marshal does not write
    program = [int(code) for code in _compiler._code(parsed, 0)]
    return (source, int(parsed.state.flags), program, parsed.state.groups - 1, dict(names),
            tuple(indexgroup))


def _from_program(program: tuple) -> re.Pattern:
    try:
        return _sre.compile(*program)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return re.compile(program[0])
