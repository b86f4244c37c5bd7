"""Where a database file lives: a local disk, or a network drive where WAL must not be used.

SQLite's WAL mode relies on shared memory that network file systems do not provide; on a share the
rollback journal is the safe choice, and a team is better served by a PostgreSQL server.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: File system types of network mounts, as /proc/self/mountinfo names them.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "fuse.s3fs",
        "fuse.rclone",
        "fuse.davfs",
        "davfs",
        "fuse.smbnetfs",
    }
)

NETWORK_WARNING = (
    "This database is on a network drive. coopdesk uses the slower, safer rollback journal there, but "
    "several people sharing one file can still damage it: a team should use a PostgreSQL server "
    "(see 'Teams' in the README)."
)


@dataclass(frozen=True)
class Mount:
    """A mount point and the type of file system mounted there."""

    mount_point: str
    fs_type: str


def parse_mountinfo(text: str) -> list[Mount]:
    """Mount points and their file system types from the text of /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields = left.split()
        after = right.split()
        if len(fields) < 5 or not after:
            continue
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        mounts.append(Mount(point, after[0]))
    return mounts


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``path`` (the longest matching mount point)."""
    target = str(path)
    best: Mount | None = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        inside = target == point or target.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = mount
    return best


def _resolved(path: Path) -> Path:
    """``path`` with symlinks resolved as far as it exists (the file may not be created yet)."""
    path = path.expanduser().absolute()
    missing: list[str] = []
    existing = path
    while not existing.exists() and existing != existing.parent:
        missing.insert(0, existing.name)
        existing = existing.parent
    with contextlib.suppress(OSError):
        existing = existing.resolve()
    return existing.joinpath(*missing)


def is_network_path(path: Path, *, mountinfo: str | None = None) -> bool:
    """Whether ``path`` (a file, or where it will be created) is on a network drive."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _is_network_windows(path)
    text = mountinfo
    if text is None:
        try:
            text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    mount = mount_of(_resolved(path), parse_mountinfo(text))
    return mount is not None and mount.fs_type.lower() in NETWORK_FS_TYPES


def _is_network_windows(path: Path) -> bool:  # pragma: no cover - Windows only
    text = str(path.absolute())
    if text.startswith(("\\\\", "//")):
        return True  # UNC path: \\server\share
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
