"""Reading a status table in the forms an officer can get it: pasted from the browser, a saved page, a CSV.

Untrusted input: the size is checked before anything is read, a binary file is refused by its bytes,
an HTML page is read by the standard library's parser (nothing fetched, nothing run, see
``html_tables``), and every problem found in a row is collected with its line, so one message lists
them all. ``TableRefused`` is raised only when there is no table to speak of (too big, binary, empty,
no header row).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from coopdesk.treaty_status.dates import ColumnActions, find_status_as_at, parse_cell
from coopdesk.treaty_status.html_tables import read_html
from coopdesk.treaty_status.names import clean_name, name_key
from coopdesk.treaty_status.table import (
    StatusTable,
    TableFormat,
    TableProblem,
    TableRefused,
    TableRow,
    TableStep,
)

MAX_BYTES = 10 * 1024 * 1024  # a saved status page is well under 1 MB
MAX_ROWS = 2_000  # a treaty has at most a few hundred participants
PASTED = "pasted table"

_PARTICIPANT_HEADERS = {"participant", "participants", "state", "states", "party", "parties", "country"}
_SIGNATURES = {
    b"PK\x03\x04": "a zip archive or an Excel workbook (save the table as CSV instead)",
    b"%PDF": "a PDF document (copy the table from the treaty's page instead)",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file (save the table as CSV instead)",
    b"\x89PNG": "a picture",
    b"\xff\xd8\xff": "a picture",
    b"GIF8": "a picture",
    b"SQLite format 3": "a database",
}
_Rows = list[tuple[int, list[str]]]


def read_status_file(path: Path) -> StatusTable:
    """A status table from a file: an HTML page, a CSV file, or text (tab-separated, as pasted)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableRefused(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    if path.is_dir():
        raise TableRefused(f"{path} is a folder, not a file.")
    if size > MAX_BYTES:
        raise TableRefused(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; a treaty's status page is well under 1 MB "
            f"(at most {MAX_BYTES // 1024 // 1024} MB is read). Is it the right file?"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TableRefused(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    suffix = path.suffix.casefold()
    hint = {".html": TableFormat.HTML, ".htm": TableFormat.HTML, ".xhtml": TableFormat.HTML}.get(suffix)
    if suffix == ".csv":
        hint = TableFormat.CSV
    return read_status_bytes(data, path.name, hint)


def read_status_bytes(data: bytes, source: str, hint: TableFormat | None = None) -> StatusTable:
    if len(data) > MAX_BYTES:
        raise TableRefused(
            f"{source} is larger than {MAX_BYTES // 1024 // 1024} MB; it is not a status table."
        )
    text = _decode(data, source)
    return read_status_text(text, source, hint)


def read_pasted(text: str) -> StatusTable:
    """The table pasted into the window's box (or given on the command line's standard input)."""
    return read_status_text(text, PASTED)


def read_status_text(text: str, source: str = PASTED, hint: TableFormat | None = None) -> StatusTable:
    if len(text) > MAX_BYTES:
        raise TableRefused(
            f"The {'paste' if source == PASTED else source} holds {len(text):,} characters; a status table "
            "is far smaller. Copy only the table of participants."
        )
    if not text.strip():
        if source == PASTED:
            raise TableRefused(
                "Nothing was pasted: copy the table of participants from the treaty's status page "
                "(with its header row) and paste it here."
            )
        raise TableRefused(f"{source} is empty.")
    fmt = hint or _sniff(text)
    if fmt is TableFormat.HTML:
        return _from_html(text, source)
    if fmt is TableFormat.CSV:
        rows, other = _csv_rows(text)
        return _build(rows, [], other, source, TableFormat.CSV)
    rows, other = _tab_rows(text)
    return _build(rows, [], other, source, TableFormat.PASTED)


# ------------------------------------------------------------------ bytes and formats


def _decode(data: bytes, source: str) -> str:
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise TableRefused(f"{source} is not a table of text: it is {kind}.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Unicode text" as Excel saves it
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TableRefused(f"{source} is not readable text.") from None
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) // 100:
        raise TableRefused(
            f"{source} is not a text, CSV or HTML file (it holds binary data). Save the status page as "
            "HTML, or copy its table and paste it."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # a CSV saved by Excel on Windows


def _sniff(text: str) -> TableFormat:
    head = text[:20000]
    if head.lstrip().startswith("<") or re.search(r"<\s*(table|html|body)\b", head, re.IGNORECASE):
        return TableFormat.HTML
    if "\t" in head:
        return TableFormat.PASTED
    return TableFormat.CSV


def _tab_rows(text: str) -> tuple[_Rows, list[str]]:
    """Rows of a pasted table (cells between tabs); the lines that are not rows (title, footnotes)."""
    rows: _Rows = []
    other: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            rows.append((number, line.split("\t")))
        elif line.strip():
            other.append(line)
            rows.append((number, [line]))  # kept in place: a title above, a footnote below, or a stray line
    return rows, other


def _csv_rows(text: str) -> tuple[_Rows, list[str]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    header = next((line for line in text.splitlines() if _is_header_text(line)), first)
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: _Rows = []
    other: list[str] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
                if len([c for c in cells if c.strip()]) == 1:
                    other.append(cells[0] if cells[0].strip() else next(c for c in cells if c.strip()))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableRefused(f"line {reader.line_num}: the CSV cannot be read ({exc}).") from None
    return rows, other


def _from_html(text: str, source: str) -> StatusTable:
    page = read_html(text)
    best = None
    for table in page.tables:
        header_at = _header_index(table.rows)
        if header_at is not None and (best is None or len(table.rows) > len(best.rows)):
            best = table
    if best is None:
        raise TableRefused(
            f"{source} holds no table of participants (a table whose first column is headed "
            "'Participant'). Its scripts are not run: save the treaty's status page once it shows the "
            "table, or copy the table and paste it."
        )
    before = page.text[: best.text_before]
    return _build(best.rows, [page.title, before], [page.text], source, TableFormat.HTML)


# ------------------------------------------------------------------ the table


def _is_header_text(line: str) -> bool:
    first = re.split(r"[\t,;]", line, maxsplit=1)[0]
    return _is_participant_header(first)


def _is_participant_header(cell: str) -> bool:
    name, _ = clean_name(cell.strip().strip('"').rstrip(":"))
    return name.casefold() in _PARTICIPANT_HEADERS


def _header_index(rows: _Rows) -> int | None:
    for i, (_line, cells) in enumerate(rows):
        if len(cells) >= 2 and _is_participant_header(cells[0]):
            return i
    return None


def _build(
    rows: _Rows, title_parts: Sequence[str], status_parts: Sequence[str], source: str, fmt: TableFormat
) -> StatusTable:
    header_at = _header_index(rows)
    if header_at is None:
        raise TableRefused(
            f"No table of participants was found in {'the paste' if source == PASTED else source}: its "
            "header row should name the columns ('Participant', 'Signature', 'Ratification, Acceptance(A), "
            "...'). Copy the whole table, with its header row."
        )
    header_line, header = rows[header_at]
    body = rows[header_at + 1 :]
    # A header cell copied over two lines leaves its end on a line of its own, just below.
    while body and len(body[0][1]) == 1 and not _looks_like_row(body[0][1][0]):
        header = [*header[:-1], f"{header[-1]} {body[0][1][0]}"]
        body = body[1:]
    columns = _columns(header, header_line)
    last_row = max((i for i, (_n, cells) in enumerate(body) if len(cells) > 1), default=-1)
    before_table = [" ".join(cells) for _n, cells in rows[:header_at]]
    problems: list[TableProblem] = []
    parsed: list[TableRow] = []
    seen: dict[str, int] = {}
    for line, cells in body[: last_row + 1]:
        if len(cells) == 1:
            if cells[0].strip():
                problems.append(TableProblem(line, f"'{_short(cells[0])}' is not a row of the table"))
            continue
        if all(not c.strip() for c in cells) or _is_participant_header(cells[0]):
            continue  # a blank line, or the header repeated
        row = _row(line, cells, columns, problems)
        if row is None:
            continue
        key = name_key(row.name)
        if key in seen:
            problems.append(TableProblem(line, f"{row.name} is in the table twice (also line {seen[key]})"))
            continue
        seen[key] = line
        parsed.append(row)
        if len(parsed) > MAX_ROWS:
            raise TableRefused(
                f"The table has more than {MAX_ROWS:,} participants; a treaty has a few hundred. "
                "Is it a status table?"
            )
    if not parsed and not problems:
        raise TableRefused("The table has a header row but no participants below it.")
    status_text = "\n".join([*before_table, *status_parts])
    return StatusTable(
        source=source,
        format=fmt,
        rows=tuple(parsed),
        problems=tuple(problems),
        status_as_at=find_status_as_at(status_text),
        title_text="\n".join([*title_parts, *before_table])[:20000],
        headers=tuple(" ".join(h.split()) for h in header),
    )


def _looks_like_row(text: str) -> bool:
    return bool(re.search(r"\d{4}", text))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


_Column = tuple[int, str, ColumnActions]  # (index, "signature" or "consent", how to read it)


def _columns(header: list[str], line: int) -> list[_Column]:
    columns: list[_Column] = []
    for i, text in enumerate(header[1:], start=1):
        read = ColumnActions.from_header(text)
        if read is None:
            continue
        if read.unmarked == "signature" or (read.unmarked is None and "signature" in read.markers.values()):
            markers = {"d": "signature", "s": "definitive_signature"}
            markers.update(
                {k: v for k, v in read.markers.items() if v in ("signature", "definitive_signature")}
            )
            columns.append((i, "signature", ColumnActions("signature", markers)))
        else:
            columns.append((i, "consent", read))
    if not columns:
        names = ", ".join(f"'{h.strip()}'" for h in header[1:] if h.strip()) or "none"
        raise TableRefused(
            f"line {line}: the header names no column of treaty actions (its columns: {names}); a status "
            "table has 'Signature' and 'Ratification, Acceptance(A), ...' columns."
        )
    return columns


def _row(
    line: int, cells: list[str], columns: list[_Column], problems: list[TableProblem]
) -> TableRow | None:
    written = " ".join(cells[0].split())
    name, withdrawn = clean_name(written)
    if not name:
        problems.append(TableProblem(line, "the row has dates but no participant's name"))
        return None
    signature: TableStep | None = None
    consent: TableStep | None = None
    ok = True
    for index, kind, read in columns:
        text = cells[index] if index < len(cells) else ""
        try:
            found = parse_cell(text, read)
        except ValueError as exc:
            problems.append(TableProblem(line, f"{name}: {exc}"))
            ok = False
            continue
        if found is None:
            continue
        action, date = found
        step = TableStep(action, date, " ".join(text.split()))
        if action == "signature" and kind == "signature":
            signature = step
        elif consent is not None:
            problems.append(
                TableProblem(
                    line,
                    f"{name}: two consents to be bound in one row ({consent.text}, {step.text}); "
                    "a row gives one",
                )
            )
            ok = False
        else:
            consent = step
    if not ok:
        return None
    if signature is None and consent is None:
        problems.append(TableProblem(line, f"{name} has no date in any column"))
        return None
    return TableRow(line, name, written, signature, consent, withdrawn)
