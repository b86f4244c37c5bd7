"""One writer at a time on a SQLite file: a lock file next to it says who holds it.

The lock file ``<database>.lock`` holds the user, host, process id and start time of the coopdesk that
has the file open for writing. It is created atomically (``O_EXCL``), so two instances starting at the
same moment cannot both win. A second instance is told who holds the file and may open it read-only. A
lock left by a crashed instance (its process is gone from this host) can be taken over; one from another
host can only be taken over after the user confirms that coopdesk is closed there.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from coopdesk.db.errors import DatabaseProblem


def _whoami() -> str:
    name = os.environ.get("COOPDESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class LockHolder:
    """Who has the database file open for writing: user, computer, process and since when."""

    user: str
    host: str
    pid: int
    since: str  # ISO timestamp

    def describe(self) -> str:
        try:
            when = datetime.fromisoformat(self.since).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            when = self.since or "an unknown time"
        return f"{self.user} on {self.host} (since {when})"

    @property
    def on_this_host(self) -> bool:
        return self.host == socket.gethostname()

    def is_stale(self) -> bool:
        """True when the holder is provably gone: a process of this host that no longer runs."""
        return self.on_this_host and not _pid_alive(self.pid)


class DatabaseLocked(DatabaseProblem):
    """Another coopdesk has the file open for writing."""

    def __init__(self, path: Path, holder: LockHolder) -> None:
        stale = " That coopdesk seems to have stopped without closing it." if holder.is_stale() else ""
        super().__init__(
            f"{path.name} is open in coopdesk by {holder.describe()}.{stale} "
            "You can open it read-only, or ask them to close it."
        )
        self.path = path
        self.holder = holder


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped) still answers kill(0): look at its state where we can.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class WriterLock:
    """The lock file of one database file, held by this process once ``acquire`` succeeds."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None when it is free."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A half-written or damaged lock file: treat it as held by an unknown, dead instance.
            return LockHolder("an unknown user", "an unknown computer", -1, "")

    def acquire(self, *, take_over: bool = False) -> LockHolder:
        """Take the lock, or raise DatabaseLocked naming the holder.

        ``take_over`` replaces an existing lock: only after the holder was found stale, or the user
        confirmed the other coopdesk is closed.
        """
        me = LockHolder(
            _whoami(), socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds")
        )
        payload = json.dumps(asdict(me)).encode("utf-8")
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                current = self.holder()
                if current is None:
                    continue  # released in between: try again
                if not take_over:
                    raise DatabaseLocked(self.database, current) from None
                self.path.unlink(missing_ok=True)
                take_over = False  # one take-over only; a racing instance wins fairly
                continue
            except OSError as exc:
                raise DatabaseProblem(
                    f"coopdesk cannot create its lock file {self.path}: {exc.strerror or exc}. "
                    "Check that you may write to that folder."
                ) from exc
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            self.held = True
            return me
        raise DatabaseLocked(self.database, self.holder() or me)

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if not self.held:
            return
        current = self.holder()
        if current is not None and current.pid == os.getpid() and current.on_this_host:
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
