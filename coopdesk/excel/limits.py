"""Refuse a workbook before any parser sees it: not a file, not an xlsx, encrypted, too large, a zip bomb.

An xlsx is a zip of XML parts. The checks here read only the zip directory and then stream each XML part
through a decompressor with a hard cap, so a file that lies about its sizes still cannot make coopdesk
inflate more than the cap. XML parts are refused if they declare a document type (entity-expansion
bombs need one; workbooks never do). What the reader would build from the sheets (their used range, the
characters once shared text is copied into every cell) is counted by ``xlsx_census`` with the limits
declared here.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * MB
    max_uncompressed_bytes: int = 512 * MB
    max_ratio: int = 200  # uncompressed / compressed, for parts larger than ratio_floor
    ratio_floor: int = 4 * MB
    max_rows_per_sheet: int = 300_000
    #: What the reader builds, counted by ``xlsx_census`` before it builds it (see the README's figures).
    max_columns: int = 40
    max_cells_per_sheet: int = 2_000_000  # the grid: last row x last column that hold a value
    max_cells: int = 3_000_000  # filled cells of all the sheets read
    max_characters: int = 40_000_000  # of all the cells read, each shared string counted where it is used
    max_shared_characters: int = 40_000_000  # of the shared-string table itself
    max_cell_characters: int = 32_767  # the format's own limit on one cell
    max_other_part_bytes: int = 16 * MB  # styles, workbook, relationships: small in any real workbook
    max_seconds: float = 120.0


DEFAULT_LIMITS = Limits()

_CHUNK = 1024 * 1024
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


class WorkbookRefused(Exception):
    """The file is not a workbook coopdesk will open; the message says why in plain words."""


def check_workbook_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise ``WorkbookRefused`` unless ``path`` looks like a sane xlsx file."""
    name = path.name
    size = check_regular_file(path)
    if size > limits.max_file_bytes:
        raise WorkbookRefused(
            f"{name} is {size / MB:,.0f} MB; coopdesk imports workbooks of at most "
            f"{limits.max_file_bytes / MB:,.0f} MB."
        )
    not_xlsx = f"{name} is not an Excel workbook (.xlsx)"
    _refuse_other_formats(path, name, not_xlsx)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(f"{not_xlsx}, or it is damaged or cut short.") from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        folded = {n.casefold() for n in names}
        if len(folded) != len(names) or any(_odd_part_name(n) for n in names):
            raise WorkbookRefused(
                f"{name} is damaged: its zip holds parts named in ways no spreadsheet program writes "
                "(a part named twice, or a name that climbs out of its folder)."
            )
        if any(part not in names for part in _REQUIRED_PARTS):
            if "content.xml" in names and "mimetype" in names:
                raise WorkbookRefused(
                    f"{name} is an OpenDocument spreadsheet (.ods); save it as an Excel workbook (.xlsx) "
                    "and import that."
                )
            raise WorkbookRefused(f"{not_xlsx}: it is a zip file without a workbook inside.")
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_uncompressed_bytes:
            raise WorkbookRefused(_too_big(name, limits))
        inflated = 0
        for info in infos:
            if info.is_dir():
                continue
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise WorkbookRefused(
                    f"{name} is refused: its part {info.filename} unpacks to {info.file_size // info.compress_size:,}"
                    " times its packed size, which is how a zip bomb looks, not a workbook."
                )
            if info.filename.endswith((".xml", ".rels")):
                inflated += _scan_part(archive, info, name, limits, limits.max_uncompressed_bytes - inflated)


def check_regular_file(path: Path) -> int:
    """The size of ``path``; refuses, in plain words, what is missing or is not a regular file."""
    try:
        info = path.stat()  # follows a link to what it points at
    except FileNotFoundError:
        if path.is_symlink():
            raise WorkbookRefused(f"{path} is a link to {os.readlink(path)}, which does not exist.") from None
        raise WorkbookRefused(f"There is no file {path}.") from None
    except OSError as exc:
        raise WorkbookRefused(f"{path} cannot be read: {exc.strerror or exc}.") from None
    kind = _kind_of(info.st_mode)
    if kind is not None:
        via = f" (it is a link to {os.readlink(path)})" if path.is_symlink() else ""
        raise WorkbookRefused(f"{path} is {kind}, not a workbook file{via}.")
    if not os.access(path, os.R_OK):
        raise WorkbookRefused(f"{path} cannot be read: you do not have permission to read it.")
    return info.st_size


def _kind_of(mode: int) -> str | None:
    """What a path that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # the compound file of encrypted and of old .xls files
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _refuse_other_formats(path: Path, name: str, not_xlsx: str) -> None:
    """Name the usual wrong files plainly: a workbook with a password, an old .xls."""
    with path.open("rb") as handle:
        head = handle.read(8)
        if head != _OLE_SIGNATURE:
            return
        handle.seek(0)
        found = False
        tail = b""
        while chunk := handle.read(_CHUNK):
            if _ENCRYPTED_STREAM in tail + chunk:
                found = True
                break
            tail = chunk[-len(_ENCRYPTED_STREAM) :]
    if found:
        raise WorkbookRefused(
            f"{name} is protected by a password, so coopdesk cannot read it. Open it in Excel or "
            "LibreOffice, remove the password (save it without one) and import that copy."
        )
    raise WorkbookRefused(
        f"{not_xlsx}: it is an old Excel 97-2003 file (.xls) or another Office document. Open it in "
        "Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import that."
    )


def _odd_part_name(part: str) -> bool:
    return part.startswith("/") or "\\" in part or ".." in part.split("/")


def _too_big(name: str, limits: Limits) -> str:
    return (
        f"{name} is refused: it unpacks to more than {limits.max_uncompressed_bytes / MB:,.0f} MB, "
        "far more than any coopdesk workbook (it may be a zip bomb)."
    )


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, budget: int
) -> int:
    """Stream one XML part: refuse a DTD, never inflate past ``budget``.

    Worksheets and shared strings are bounded by what the census counts in them; any other part the
    reader reads (styles, the workbook, relationships) is small in every real workbook and is capped.
    """
    bulky = info.filename.startswith("xl/worksheets/") or info.filename.lower().endswith("sharedstrings.xml")
    if not bulky:
        budget = min(budget, limits.max_other_part_bytes)
    total = 0
    tail = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > budget:
                    if not bulky and total > limits.max_other_part_bytes:
                        raise WorkbookRefused(
                            f"{name} is refused: its part {info.filename} unpacks to more than "
                            f"{limits.max_other_part_bytes / MB:,.0f} MB, far more than any workbook's."
                        )
                    raise WorkbookRefused(_too_big(name, limits))
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise WorkbookRefused(
                        f"{name} is refused: its part {info.filename} declares XML entities, which "
                        "workbooks never need and which can be used to attack the reader."
                    )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise WorkbookRefused(
            f"{name} is damaged or cut short: its part {info.filename} cannot be read."
        ) from None
    return total
