"""Refuse a workbook before any parser sees it: not an xlsx, too large, a zip bomb, a DTD, too many rows.

An xlsx is a zip of XML parts. The checks here read only the zip directory and then stream each XML part
through a decompressor with a hard cap, so a file that lies about its sizes still cannot make coopdesk
inflate more than the cap. XML parts are refused if they declare a document type (entity-expansion
bombs need one; workbooks never do), and a worksheet is refused past a row count no desk needs.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * MB
    max_uncompressed_bytes: int = 1024 * MB
    max_ratio: int = 200  # uncompressed / compressed, for parts larger than ratio_floor
    ratio_floor: int = 4 * MB
    max_rows_per_sheet: int = 300_000


DEFAULT_LIMITS = Limits()

_CHUNK = 1024 * 1024
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


class WorkbookRefused(Exception):
    """The file is not a workbook coopdesk will open; the message says why in plain words."""


def check_workbook_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise ``WorkbookRefused`` unless ``path`` looks like a sane xlsx file."""
    name = path.name
    if not path.exists():
        raise WorkbookRefused(f"There is no file {path}.")
    if not path.is_file():
        raise WorkbookRefused(f"{path} is a folder, not a workbook.")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise WorkbookRefused(
            f"{name} is {size / MB:,.0f} MB; coopdesk imports workbooks of at most "
            f"{limits.max_file_bytes / MB:,.0f} MB."
        )
    not_xlsx = f"{name} is not an Excel workbook (.xlsx)"
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(f"{not_xlsx}, or it is damaged or cut short.") from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if any(part not in names for part in _REQUIRED_PARTS):
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


def _too_big(name: str, limits: Limits) -> str:
    return (
        f"{name} is refused: it unpacks to more than {limits.max_uncompressed_bytes / MB:,.0f} MB, "
        "far more than any coopdesk workbook (it may be a zip bomb)."
    )


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, budget: int
) -> int:
    """Stream one XML part: refuse a DTD, count a worksheet's rows, never inflate past ``budget``."""
    is_sheet = info.filename.startswith("xl/worksheets/")
    rows = 0
    total = 0
    tail = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > budget:
                    raise WorkbookRefused(_too_big(name, limits))
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise WorkbookRefused(
                        f"{name} is refused: its part {info.filename} declares XML entities, which "
                        "workbooks never need and which can be used to attack the reader."
                    )
                if is_sheet:
                    # Count row starts in this chunk, including one cut by the chunk boundary.
                    rows += window.count(b"<row ") + window.count(b"<row>")
                    rows -= tail.count(b"<row ") + tail.count(b"<row>")
                    if rows > limits.max_rows_per_sheet:
                        raise WorkbookRefused(
                            f"{name} is refused: one of its sheets has more than "
                            f"{limits.max_rows_per_sheet:,} rows."
                        )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise WorkbookRefused(
            f"{name} is damaged or cut short: its part {info.filename} cannot be read."
        ) from None
    return total
