"""Counting what the workbook reader would build, before it builds anything.

python-calamine turns a sheet into a dense grid over the range its cells span and copies each shared
string into every cell that uses it; one cell at XFD1048576 asks it for half a terabyte. So before it
sees a file, each sheet it will read and the shared strings are streamed through expat here, and the
census counts what the reader would really build:

* every ``row`` and ``c`` element by its local name, whatever its namespace prefix, line breaks or
  attribute order (the XML parser sees through all of them; no byte pattern is trusted);
* where each cell that carries a value lands: its ``r`` reference, or the position the reader infers
  for a cell without one (one column after the cell before it in the row, one row after the row
  before); cells without a value (``<c r="XFD1" s="3"/>``) are left out, as the reader leaves them out;
* the characters of each cell once its shared string is copied in, and of all cells together.

The position of a cell without ``r`` is over-estimated rather than under-estimated where the rules
could be read two ways. Each limit is checked as the stream goes, so the census itself never holds more
than one shared-string table of lengths and a few numbers; it refuses with one plain sentence that names
the sheet. Malformed XML (which the reader might read some other way) is refused as damaged.
"""

from __future__ import annotations

import posixpath
import string
import time
import zipfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from typing import IO, Any
from xml.parsers import expat

from defusedxml import ElementTree as SafeTree

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


@dataclass(frozen=True)
class WorkbookCensus:
    sheets: dict[str, SheetCensus]
    shared_strings: int
    shared_characters: int

    @property
    def cells(self) -> int:
        return sum(s.cells for s in self.sheets.values())

    @property
    def characters(self) -> int:
        return sum(s.characters for s in self.sheets.values())


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


def take_census(archive: zipfile.ZipFile, name: str, wanted: list[str], limits: Limits) -> WorkbookCensus:
    """Count the shared strings and the sheets titled ``wanted``; raise ``WorkbookRefused`` past a limit."""
    clock = _Clock(name, limits.max_seconds)
    lengths = array("q")
    shared_characters = 0
    for part in archive.namelist():
        if part.lower().endswith("sharedstrings.xml"):
            table, characters = _shared_strings(archive, part, name, limits, clock)
            lengths.extend(table)
            shared_characters += characters
    parts = sheet_parts(archive, name)
    sheets: dict[str, SheetCensus] = {}
    total_cells = 0
    total_characters = 0
    for title in wanted:
        found = parts.get(title)
        if found is None:
            continue
        part = found
        budget = (limits.max_cells - total_cells, limits.max_characters - total_characters)
        try:
            census = _quick_sheet(archive, part, title, name, lengths, limits, budget, clock)
        except _LookCloser:
            census = _sheet(archive, part, title, name, lengths, limits, budget, clock)
        sheets[title] = census
        total_cells += census.cells
        total_characters += census.characters
    return WorkbookCensus(sheets, len(lengths), shared_characters)


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


class _LookCloser(Exception):
    """The quick count cannot vouch for this sheet: count it again, cell by cell."""


_DIGITS = "0123456789"
_LETTERS = string.ascii_letters
_FLUSH_ROWS = 2048


def _quick_sheet(
    archive: zipfile.ZipFile,
    part: str,
    title: str,
    name: str,
    lengths: array[int],
    limits: Limits,
    budget: tuple[int, int],
    clock: _Clock,
) -> SheetCensus:
    """The census of a sheet written as spreadsheet programs write them, its sums taken in bulk.

    Every cell that starts with its ``r`` reference (Excel, LibreOffice and XlsxWriter write them so)
    is only noted here; every 2,048 rows the references and the shared-text indices noted are summed
    up by Python's built-in loops. Every cell is counted as holding a value (an over-estimate). Anything
    else (a cell without a reference, inline text, a namespace prefix), or any limit reached, raises
    ``_LookCloser``: ``_sheet`` then counts the sheet exactly, cell by cell, and says precisely what is
    wrong, or finds that the over-estimate was all there was.
    """
    cells_left, characters_left = budget
    shared_count = len(lengths)
    references: list[str] = []
    texts: list[str] = []  # every text of the sheet since the last settling, in order
    marks: list[int] = []  # where the text of each shared-text cell is in ``texts``
    totals = [0, 0, 0, 0]  # cells, characters, last column, last row
    rows_seen = 0
    add_reference, mark = references.append, marks.append
    column_numbers: dict[str, int] = {}

    def settle() -> None:
        cells, characters, width, height = totals
        if references:
            joined = "".join(references)
            if not (joined.isascii() and joined.isalnum()):
                raise _LookCloser
            for letters in set(map(str.rstrip, references, repeat(_DIGITS))):
                if letters not in column_numbers:
                    if not 0 < len(letters) <= 3 or not letters.isalpha():
                        raise _LookCloser
                    column_numbers[letters] = _column_number(letters)
                width = max(width, column_numbers[letters])
            digits = list(map(str.lstrip, references, repeat(_LETTERS)))
            if not all(digits) or not "".join(digits).isdigit():
                raise _LookCloser
            height = max(height, max(map(int, digits)))
            cells += len(references)
            references.clear()
        if marks:
            try:
                indices = list(map(texts.__getitem__, marks))
            except IndexError:  # a shared-text cell without its index
                raise _LookCloser from None
            joined = "".join(indices)
            if not (joined.isascii() and joined.isdigit()) or max(map(len, indices)) > 10:
                raise _LookCloser  # spaces around an index, or no index: counted cell by cell
            sizes = list(map(lengths.__getitem__, map(int, indices)))
            if max(sizes) > limits.max_cell_characters:
                raise _LookCloser
            characters += sum(sizes)
            marks.clear()
        texts.clear()
        totals[:] = [cells, characters, width, height]
        if (
            width > limits.max_columns
            or height > limits.max_rows_per_sheet
            or width * height > limits.max_cells_per_sheet
            or cells > cells_left
            or characters > characters_left
        ):
            raise _LookCloser
        clock.check()

    def start(tag: str, attrs: list[str]) -> None:
        nonlocal rows_seen
        if tag == "v":
            return
        if tag == "c":
            if not attrs or attrs[0] != "r":
                raise _LookCloser
            add_reference(attrs[1])
            size = len(attrs)
            if size == 2:
                return  # a number
            if attrs[2] == "t":
                kind: str | None = attrs[3]
            elif size > 5 and attrs[4] == "t":
                kind = attrs[5]
            elif size == 4:
                return  # a number with a style
            else:
                kind = _attribute(attrs, "t")
            if kind == "s":
                mark(len(texts))  # its index is the next text
            elif kind is not None and kind not in ("n", "b", "d"):
                raise _LookCloser  # inline text, a formula's text, an error: counted cell by cell
        elif tag == "row":
            rows_seen += 1
            if rows_seen % _FLUSH_ROWS == 0:
                settle()
        elif ":" in tag or tag == "is" or tag == "f":
            raise _LookCloser

    if shared_count >= 10**10:  # pragma: no cover - bounded by the shared-text limit long before
        raise _LookCloser
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartElementHandler = start
    parser.CharacterDataHandler = texts.append
    parser.StartDoctypeDeclHandler = _refuse_dtd(name, part)
    parser.EntityDeclHandler = _refuse_dtd(name, part)
    try:
        with archive.open(part) as stream:
            _feed(parser, stream)
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise _LookCloser from None  # the exact count says what is wrong
    settle()
    cells, characters, width, height = totals
    return SheetCensus(title, part, height, width, cells, characters)


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
