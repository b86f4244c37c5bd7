"""Writing output files safely: through a temporary file in the same folder, moved into place at the end,
so a crash never leaves a half-written file where a good one was; with the permissions a plain write
would have given (a temporary file starts private)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def file_mode_for(target: Path) -> int:
    """The mode ``target`` keeps (if it exists) or would get from a plain ``open()`` under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then move it into place."""
    handle, temp_name = tempfile.mkstemp(prefix=".coopdesk-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, file_mode_for(path))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
