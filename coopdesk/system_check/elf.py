"""What an ELF shared library says it needs: its ``DT_NEEDED`` names and its run path.

Read straight from the file (program headers, then the dynamic section and its string table), so the
check that explains a missing system library needs neither ``ldd`` nor a compiler's tools. 32- and 64-bit
files of either byte order are read; anything else is reported as not an ELF library.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PT_LOAD = 1
PT_DYNAMIC = 2
DT_NULL = 0
DT_NEEDED = 1
DT_STRTAB = 5
DT_RPATH = 15
DT_RUNPATH = 29


class NotAnElfLibrary(ValueError):
    """The file is not an ELF file this reader understands."""


@dataclass(frozen=True)
class DynamicInfo:
    needed: tuple[str, ...]  # the libraries it names, in the file's order ("libxcb.so.1", ...)
    search_path: tuple[str, ...]  # DT_RUNPATH (or the older DT_RPATH) entries, "$ORIGIN" not expanded


def _read(stream: BinaryIO, offset: int, size: int) -> bytes:
    stream.seek(offset)
    data = stream.read(size)
    if len(data) != size:
        raise NotAnElfLibrary("the file ends early")
    return data


def read_dynamic(path: Path) -> DynamicInfo:
    """The needed libraries and run path of the ELF file at ``path``."""
    with path.open("rb") as stream:
        ident = stream.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2) or ident[5] not in (1, 2):
            raise NotAnElfLibrary(f"{path.name} is not an ELF file")
        wide = ident[4] == 2
        order = "<" if ident[5] == 1 else ">"
        if wide:
            phoff = _unpack(order + "Q", stream, 0x20)
            phentsize, phnum = struct.unpack(order + "HH", _read(stream, 0x36, 4))
            header = order + "IIQQQQQQ"  # type, flags, offset, vaddr, paddr, filesz, memsz, align
        else:
            phoff = _unpack(order + "I", stream, 0x1C)
            phentsize, phnum = struct.unpack(order + "HH", _read(stream, 0x2A, 4))
            header = order + "IIIIIIII"  # type, offset, vaddr, paddr, filesz, memsz, flags, align
        loads: list[tuple[int, int, int]] = []  # (vaddr, filesz, offset)
        dynamic: tuple[int, int] | None = None  # (offset, filesz)
        for index in range(phnum):
            fields = struct.unpack(header, _read(stream, phoff + index * phentsize, struct.calcsize(header)))
            if wide:
                kind, offset, vaddr, filesz = fields[0], fields[2], fields[3], fields[5]
            else:
                kind, offset, vaddr, filesz = fields[0], fields[1], fields[2], fields[4]
            if kind == PT_LOAD:
                loads.append((vaddr, filesz, offset))
            elif kind == PT_DYNAMIC:
                dynamic = (offset, filesz)
        if dynamic is None:
            return DynamicInfo((), ())
        entry = order + ("qQ" if wide else "iI")
        size = struct.calcsize(entry)
        raw = _read(stream, dynamic[0], dynamic[1] - dynamic[1] % size)
        needed: list[int] = []
        search: list[int] = []
        runpath: list[int] = []
        strtab: int | None = None
        for tag, value in struct.iter_unpack(entry, raw):
            if tag == DT_NULL:
                break
            if tag == DT_NEEDED:
                needed.append(value)
            elif tag == DT_STRTAB:
                strtab = value
            elif tag == DT_RUNPATH:
                runpath.append(value)
            elif tag == DT_RPATH:
                search.append(value)
        if strtab is None:
            raise NotAnElfLibrary(f"{path.name} has no string table")
        table = _file_offset(strtab, loads)

        def text(at: int) -> str:
            stream.seek(table + at)
            chunk = b""
            while b"\0" not in chunk:
                more = stream.read(256)
                if not more:
                    break
                chunk += more
            return chunk.split(b"\0", 1)[0].decode("utf-8", "replace")

        # The dynamic loader ignores DT_RPATH when DT_RUNPATH is there.
        paths = [p for offset in (runpath or search) for p in text(offset).split(":") if p]
        return DynamicInfo(tuple(text(n) for n in needed), tuple(paths))


def _unpack(fmt: str, stream: BinaryIO, offset: int) -> int:
    value: int = struct.unpack(fmt, _read(stream, offset, struct.calcsize(fmt)))[0]
    return value


def _file_offset(address: int, loads: list[tuple[int, int, int]]) -> int:
    for vaddr, filesz, offset in loads:
        if vaddr <= address < vaddr + filesz:
            return address - vaddr + offset
    raise NotAnElfLibrary("the string table lies outside the file's loaded segments")


def expand_origin(entry: str, folder: Path) -> Path:
    """A run path entry with ``$ORIGIN`` (the library's own folder) filled in."""
    return Path(entry.replace("${ORIGIN}", str(folder)).replace("$ORIGIN", str(folder)))
