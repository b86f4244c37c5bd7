"""Counting what the workbook reader would build, before it builds anything.

python-calamine turns a sheet into a dense grid over the range its cells span and copies each shared
string into every cell that uses it; one cell at XFD1048576 asks it for half a terabyte. So before it
sees a file, each sheet it will read and the shared strings are streamed through expat here, and the
census counts what the reader would really build:

* every ``row`` and ``c`` element by its local name, whatever its namespace prefix, line breaks or
  attribute order (the XML parser sees through all of them);
* where each cell that carries a value lands: its ``r`` reference, or the position the reader infers
  for a cell without one (one column after the cell before it in the row, one row after the row
  before); cells without a value (``<c r="XFD1" s="3"/>``) are left out, as the reader leaves them out;
* the characters of each cell once its shared string is copied in, and of all cells together.

The position of a cell without ``r`` is over-estimated rather than under-estimated where the rules
could be read two ways. Each limit is checked as the stream goes, so the census itself never holds more
than one shared-string table of lengths and a few numbers; it refuses with one plain sentence that names
the sheet. Malformed XML (which the reader might read some other way) is refused as damaged.

A part written the way spreadsheet programs write it is first counted by byte searches
(``census_fast``), which prove the part has that form before they count it, and only over-estimate;
anything else, and any part whose over-estimate reaches a limit, is counted here, exactly.
"""

from __future__ import annotations

import posixpath
import time
import zipfile
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from defusedxml import ElementTree as SafeTree

from coopdesk.excel import census_fast
from coopdesk.excel.limits import Limits, WorkbookRefused

_CHUNK = 1024 * 1024
_MAX_COLUMN = 16_384  # XFD: any reference past it is refused as damaged
# What a worksheet may hold after its cells (ECMA-376 CT_Worksheet): the first of them ends the last cell.
_AFTER_SHEET_DATA = frozenset(
    [
        "sheetCalcPr",
        "sheetProtection",
        "protectedRanges",
        "scenarios",
        "autoFilter",
        "sortState",
        "dataConsolidate",
        "customSheetViews",
        "mergeCells",
        "phoneticPr",
        "conditionalFormatting",
        "dataValidations",
        "hyperlinks",
        "printOptions",
        "pageMargins",
        "pageSetup",
        "headerFooter",
        "rowBreaks",
        "colBreaks",
        "customProperties",
        "cellWatches",
        "ignoredErrors",
        "smartTags",
        "drawing",
        "legacyDrawing",
        "legacyDrawingHF",
        "drawingHF",
        "picture",
        "oleObjects",
        "controls",
        "webPublishItems",
        "tableParts",
        "extLst",
    ]
)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)


@dataclass(frozen=True)
class SheetCensus:
    """What the reader would build for one sheet."""

    title: str
    part: str
    rows: int  # the last row that holds a value (1-based): the grid's height
    columns: int  # the last column that holds a value (1-based): the grid's width
    cells: int  # cells that hold a value
    characters: int  # characters of those cells, shared strings copied in

    @property
    def grid(self) -> int:
        return self.rows * self.columns


class _Clock:
    """The time limit of one census, checked every few thousand elements."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise WorkbookRefused(
                f"{self.name} is refused: checking it took more than {self.seconds:,.0f} seconds, far "
                "longer than any coopdesk workbook takes."
            )


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def sheet_parts(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Sheet title -> the zip part that holds it, as the workbook and its relationships declare."""
    workbook = _small_xml(archive, "xl/workbook.xml", name)
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in archive.namelist():
        for rel in _small_xml(archive, rels_name, name).iter(f"{{{_REL_NS}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id") or ""] = path
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if element.tag.rpartition("}")[2] != "sheet":
            continue
        title = element.get("name") or ""
        rel_id = next((element.get(f"{{{ns}}}id") for ns in _OFFICE_REL_NS if element.get(f"{{{ns}}}id")), "")
        part = targets.get(rel_id or "")
        if title and part:
            parts[title] = part
    return parts


def _small_xml(archive: zipfile.ZipFile, part: str, name: str) -> Any:
    try:
        data = archive.read(part)
        return SafeTree.fromstring(data)
    except KeyError:
        raise WorkbookRefused(f"{name} is damaged: its part {part} is missing.") from None
    except Exception:  # defusedxml's refusals, expat's errors, a damaged zip entry
        raise WorkbookRefused(f"{name} is damaged: its part {part} cannot be read.") from None


class Census:
    """The census of one workbook, taken a sheet at a time: the shared strings when it is made, then
    each sheet asked for, in the order asked; ``sheet`` raises ``WorkbookRefused`` past a limit.

    Each part is first counted with byte searches (``census_fast``) when it is written the way
    spreadsheet programs write it; a part written otherwise, or one whose over-estimated count reaches a
    limit, is counted exactly with the XML parser, which also words the refusal. The limits on all
    sheets together count the sheets asked for so far.
    """

    def __init__(self, archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
        self.archive, self.name, self.limits = archive, name, limits
        self.clock = _Clock(name, limits.max_seconds)
        shared_parts = [p for p in archive.namelist() if p.lower().endswith("sharedstrings.xml")]
        if len(shared_parts) > 1:
            raise WorkbookRefused(f"{name} is damaged: it holds {len(shared_parts)} tables of shared text.")
        self._shared_part = shared_parts[0] if shared_parts else None
        self._exact: array[int] | None = None
        self.lengths = array("q")
        if self._shared_part is not None:
            data = _capped(archive, self._shared_part)
            upper = census_fast.shared_lengths(data) if data is not None else None
            if upper is not None and sum(upper) <= limits.max_shared_characters:
                self.lengths = upper
            else:
                self._exact, _ = _shared_strings(archive, self._shared_part, name, limits, self.clock)
                self.lengths = self._exact
        self._parts = sheet_parts(archive, name)
        self.cells = 0
        self.characters = 0

    def sheet(self, title: str) -> SheetCensus | None:
        """The census of the sheet titled ``title`` (None when the workbook has no such sheet)."""
        part = self._parts.get(title)
        if part is None:
            return None
        limits = self.limits
        budget = (limits.max_cells - self.cells, limits.max_characters - self.characters)
        census = _fast_sheet(self.archive, part, title, self.lengths, limits, budget)
        if census is None:
            if self._exact is None and self._shared_part is not None:
                self._exact, _ = _shared_strings(
                    self.archive, self._shared_part, self.name, limits, self.clock
                )
            table = self._exact if self._exact is not None else self.lengths
            census = _sheet(self.archive, part, title, self.name, table, limits, budget, self.clock)
        self.clock.check()
        self.cells += census.cells
        self.characters += census.characters
        return census


_FAST_PART_BYTES = 64 * 1024 * 1024  # larger parts are streamed through the parser, never held whole


def _capped(archive: zipfile.ZipFile, part: str) -> bytes | None:
    """A part's bytes when it is small enough to hold whole; None when not (or when it cannot be read:
    the parser then says why)."""
    try:
        if archive.getinfo(part).file_size > _FAST_PART_BYTES:
            return None  # what the zip declares: not read at all (a lie is caught by the cap below)
        with archive.open(part) as stream:
            data = stream.read(_FAST_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, KeyError):
        return None
    return data if len(data) <= _FAST_PART_BYTES else None


def _fast_sheet(
    archive: zipfile.ZipFile,
    part: str,
    title: str,
    lengths: array[int],
    limits: Limits,
    budget: tuple[int, int],
) -> SheetCensus | None:
    """The census by byte searches, when the part allows it and its over-estimates are within limits."""
    data = _capped(archive, part)
    counted = census_fast.count_sheet(data, lengths) if data is not None else None
    if counted is None:
        return None
    cells_left, characters_left = budget
    within = (
        counted.columns <= min(limits.max_columns, _MAX_COLUMN)
        and counted.rows <= limits.max_rows_per_sheet
        and counted.rows * counted.columns <= limits.max_cells_per_sheet
        and counted.cells <= cells_left
        and counted.characters <= characters_left
        and counted.longest <= limits.max_cell_characters
    )
    if not within:
        return None
    return SheetCensus(title, part, counted.rows, counted.columns, counted.cells, counted.characters)


def _parse(
    archive: zipfile.ZipFile,
    part: str,
    name: str,
    start: Callable[[str, list[str]], None],
    text: Callable[[str], Any],
) -> None:
    """Stream one part through expat: no namespaces resolved (local names are taken by hand), no DTD."""
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text

    parser.StartDoctypeDeclHandler = _refuse_dtd(name, part)
    parser.EntityDeclHandler = _refuse_dtd(name, part)
    try:
        with archive.open(part) as stream:
            _feed(parser, stream)
    except WorkbookRefused:
        raise
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookRefused(f"{name} is damaged or cut short: its part {part} cannot be read.") from None


def _refuse_dtd(name: str, part: str) -> Callable[..., None]:
    def refuse(*_args: Any) -> None:
        raise WorkbookRefused(
            f"{name} is refused: its part {part} declares XML entities, which workbooks never need "
            "and which can be used to attack the reader."
        )

    return refuse


def _feed(parser: Any, stream: IO[bytes]) -> None:
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _shared_strings(
    archive: zipfile.ZipFile, part: str, name: str, limits: Limits, clock: _Clock
) -> tuple[array[int], int]:
    """The length of each shared string (its text runs and phonetic runs together, an over-estimate)."""
    lengths = array("q")
    pending: list[str] = []
    seen = 0
    total = 0

    def close_item() -> None:
        nonlocal total
        size = sum(map(len, pending))
        pending.clear()
        lengths.append(size)
        total += size
        if total > limits.max_shared_characters:
            raise WorkbookRefused(
                f"{name} is refused: its shared text holds more than "
                f"{limits.max_shared_characters:,} characters, far more than any coopdesk workbook."
            )

    def start(tag: str, _attrs: list[str]) -> None:
        nonlocal seen
        if tag.rpartition(":")[2] == "si":
            if seen:
                close_item()
            else:
                pending.clear()  # what came before the first item (indentation) is not a string
            seen += 1
            if seen % 4096 == 0:
                clock.check()

    _parse(archive, part, name, start, pending.append)
    if seen:
        close_item()
    return lengths, total


def _sheet(
    archive: zipfile.ZipFile,
    part: str,
    title: str,
    name: str,
    lengths: array[int],
    limits: Limits,
    budget: tuple[int, int],
    clock: _Clock,
) -> SheetCensus:
    """One pass over a sheet: every cell placed where the reader places it, its value's size counted.

    The handler runs for every element of the sheet, so it is written for speed: plain local state,
    the common case (``<c r="B2" ...>`` then ``<v>``) first, each cell settled when the next begins.
    """
    cells_left, characters_left = budget
    max_columns, max_rows = limits.max_columns, limits.max_rows_per_sheet
    max_grid, max_cell = limits.max_cells_per_sheet, limits.max_cell_characters
    shared_count = len(lengths)
    columns_of: dict[str, int] = {}
    text: list[str] = []
    row = 0  # the row of the last ``row`` element, 1-based
    last_row = 0  # the row of the last cell
    column = 0  # the column of the last cell of the current row
    cell_type: str | None = None
    in_cell = False
    valued = False
    rows_seen = 0
    width = 0
    height = 0
    cells = 0
    characters = 0

    def refuse(message: str) -> WorkbookRefused:
        return WorkbookRefused(f"{name} is refused: the sheet {title} {message}.")

    def damaged(what: str) -> WorkbookRefused:
        return WorkbookRefused(f"{name} is damaged: the sheet {title} {what}.")

    def close_cell() -> None:
        """Count the cell that just ended, if it holds a value (the reader skips the others)."""
        nonlocal cells, characters, width, height, in_cell
        in_cell = False
        if not valued:
            return
        if column > width or last_row > height:
            width, height = max(width, column), max(height, last_row)
            if width > max_columns:
                raise refuse(
                    f"reaches column {column_letters(width)} (column {width:,}); coopdesk reads at most "
                    f"{max_columns:,} columns"
                )
            if height > max_rows:
                raise refuse(f"reaches row {height:,}; coopdesk reads at most {max_rows:,} rows")
            if width * height > max_grid:
                raise refuse(
                    f"spans {height:,} rows by {width:,} columns, {height * width:,} cells; coopdesk "
                    f"reads at most {max_grid:,} cells in one sheet"
                )
        cells += 1
        if cells > cells_left:
            raise WorkbookRefused(
                f"{name} is refused: its sheets hold more than {limits.max_cells:,} filled cells, "
                "far more than any coopdesk workbook."
            )
        if cell_type is None:
            return  # a number: a few characters at most
        if cell_type == "s":
            joined = "".join(text).strip()
            if not (joined.isascii() and joined.isdigit() and int(joined) < shared_count):
                raise damaged("has a cell that refers to shared text that is not there")
            size = lengths[int(joined)]
        elif cell_type in ("inlineStr", "str", "e"):
            size = sum(map(len, text))  # with any formula's text: an over-estimate
        else:
            return  # a number, a date or a yes/no
        if size > max_cell:
            raise refuse(
                f"has a cell (row {last_row:,}, column {column_letters(column)}) of {size:,} characters; "
                f"a cell holds at most {max_cell:,}"
            )
        characters += size
        if characters > characters_left:
            raise WorkbookRefused(
                f"{name} is refused: its sheets hold more than {limits.max_characters:,} characters "
                "once shared text is copied into every cell that uses it, far more than any coopdesk "
                "workbook."
            )

    def start(tag: str, attrs: list[str]) -> None:
        nonlocal row, last_row, column, cell_type, in_cell, valued, rows_seen
        if tag == "v" or tag == "is":
            valued = True
            return
        if ":" in tag:
            tag = tag.rpartition(":")[2]
            if tag == "v" or tag == "is":
                valued = True
                return
        if tag == "c":
            if in_cell:
                close_cell()
            in_cell = True
            valued = False
            text.clear()
            reference: str | None
            if attrs and attrs[0] == "r":  # how every spreadsheet program writes it
                reference = attrs[1]
                cell_type = attrs[5] if len(attrs) > 5 and attrs[4] == "t" else None
                if cell_type is None and len(attrs) > 2:
                    cell_type = _attribute(attrs, "t")
            else:
                reference = _attribute(attrs, "r")
                cell_type = _attribute(attrs, "t")
            if reference is None:
                # No reference: one column after the cell before, on the row of the row element or of
                # the cell before, whichever is further down (the over-estimate).
                column += 1
                last_row = max(row, last_row, 1)
                return
            letters = reference.rstrip("0123456789")
            digits = reference[len(letters) :]
            number = columns_of.get(letters)
            if number is None:
                if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
                    raise damaged(f"has a cell at '{reference[:20]}'")
                number = columns_of[letters] = _column_number(letters)
                if number > _MAX_COLUMN:
                    raise damaged(f"has a cell at '{reference[:20]}', past the last column")
            if not (digits.isascii() and digits.isdigit() and 0 < len(digits) <= 7) or digits[0] == "0":
                raise damaged(f"has a cell at '{reference[:20]}'")
            last_row, column = int(digits), number
        elif tag == "row":
            if in_cell:
                close_cell()
            rows_seen += 1
            if rows_seen & 2047 == 0:
                clock.check()
            given = _attribute(attrs, "r")
            if given is None:
                row = max(row, last_row) + 1
            elif given.isascii() and given.isdigit() and 0 < len(given) <= 7 and given[0] != "0":
                row = int(given)
            else:
                raise damaged(f"has a row numbered '{given[:20]}'")
            column = 0
        elif in_cell and tag in _AFTER_SHEET_DATA:
            close_cell()  # the last cell ends with the sheet data (a footer's text is not a cell's)

    _parse(archive, part, name, start, text.append)
    if in_cell:
        close_cell()
    return SheetCensus(title, part, height, width, cells, characters)


def _attribute(attrs: list[str], key: str) -> str | None:
    for i in range(0, len(attrs), 2):
        if attrs[i] == key:
            return attrs[i + 1]
    return None
