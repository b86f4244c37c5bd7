"""Writing a file under a temporary name beside its target, then putting it in place, durably.

``TempBeside(target)`` creates ``.<name>-XXXX.xlsx.tmp`` in the target's folder and holds an exclusive
``flock`` on it while the work runs; ``commit()`` flushes it to disk, renames it over the target and
flushes the folder, so a crash at any moment leaves either the old file or the whole new one. A
temporary file left by an export that was killed (nobody holds its lock any more) is removed by the next
export to the same folder and name; one still being written by another export is left alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale files are told by their age instead
    fcntl = None  # type: ignore[assignment]

_SUFFIX = ".xlsx.tmp"
_STALE_AFTER_S = 24 * 3600  # where locks cannot tell, a temporary file a day old is stale


class TargetRefused(Exception):
    """The file cannot be written where asked; the message says why in plain words."""


def writable_target(target: Path) -> Path:
    """The regular file to write for ``target`` (a link is followed); refuses a folder, a device, a pipe."""
    if target.is_symlink():
        pointed = Path(os.path.realpath(target))
        if pointed.exists() and not pointed.is_file():
            raise TargetRefused(f"cannot write {target}: it is a link to {pointed}, which is not a file")
        target = pointed
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        what = (
            "a folder"
            if stat.S_ISDIR(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )
        raise TargetRefused(f"cannot write {target}: it is {what}")
    if not target.parent.is_dir():
        raise TargetRefused(f"cannot write {target}: the folder {target.parent} does not exist")
    return target


def _stale_pattern(target: Path) -> str:
    return f".{target.stem}-*{_SUFFIX}"


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files of earlier, interrupted writes of ``target``; gives those removed."""
    removed = []
    for candidate in target.parent.glob(_stale_pattern(target)):
        if _is_stale(candidate):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _is_stale(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        try:
            return time.time() - path.stat().st_mtime > _STALE_AFTER_S
        except OSError:
            return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # another export is writing it now
    finally:
        os.close(fd)
    return True


class TempBeside:
    """A temporary file beside ``target``, locked while written; ``commit()`` puts it in place."""

    def __init__(self, target: Path) -> None:
        self.target = target
        remove_stale(target)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=_SUFFIX, dir=target.parent)
        self.fd: int | None = fd
        self.path = Path(name)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # ours alone: a new file nobody else has opened
        self.committed = False

    def commit(self) -> None:
        """Flush the finished file to disk, rename it over the target, flush the folder's entry."""
        assert self.fd is not None
        # Whoever wrote the file (a library opening it by name), its data is this inode's: sync it.
        os.fsync(self.fd)
        os.replace(self.path, self.target)
        self.committed = True
        _sync_folder(self.target.parent)

    def __enter__(self) -> TempBeside:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.committed:
            self.path.unlink(missing_ok=True)
        if self.fd is not None:
            os.close(self.fd)  # releases the lock
            self.fd = None


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows has no folder handles to sync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
