"""Writing files and folders so that a crash or kill never leaves half of one.

Everything zhkg writes goes through here: the content is written beside its
target under a hidden name and renamed into place only once complete. A
temporary file is created 0600 (and a temporary folder 0700), so the final
mode is set before the rename: what `open()` would have given a new file
(0666, or 0777 for a folder, less the umask), or the permission bits of the
file it replaces, so a graph a web server was allowed to read stays readable.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


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
