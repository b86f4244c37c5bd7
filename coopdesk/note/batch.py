"""Notes for many States in one go (a regional group, or all), into a folder, with progress and Cancel.

Each file is written to a temporary name and moved into place, so a folder never holds half a note.
A State whose records say nothing on the date gets no note (a page saying nothing is no use, and must
not look like a negative); the run ends with a summary (``BatchResult``, and a CSV file in the folder)
of which States got a note, which got none and why, and what each note left out. The folder is created
when missing. Cancelling removes the notes this run wrote: cancelled work leaves nothing behind.
``note_pdfs`` hands the same notes over one by one as PDF, for printing them in one job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from coopdesk.base.file_output import write_atomically
from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.db.models import Country
from coopdesk.note.builder import build_draft, letterhead, load_note_inputs
from coopdesk.note.lang import LANGUAGES
from coopdesk.note.model import Letterhead
from coopdesk.note.render.formats import FORMATS, render

_UNSAFE = re.compile(r"[\W_]+")


def batch_countries(db: Database, group: str | None = None) -> list[str]:
    """ISO codes of the States in a regional group (any case), or of all States, by short name."""
    with db.read() as session:
        stmt = select(Country.iso3, Country.regional_group).order_by(Country.short_name)
        rows = list(session.execute(stmt))
    if group is None:
        return [code for code, _ in rows]
    wanted = group.strip().casefold()
    return [code for code, g in rows if (g or "").casefold() == wanted]


def note_file_name(iso3: str, short_name: str, as_of: dt.date, fmt: str) -> str:
    """ "BLR Belarus note 2009-10-30.pdf": sortable by code, readable, safe on every file system."""
    name = _UNSAFE.sub(" ", short_name).strip()
    return f"{iso3} {name} note {as_of.isoformat()}{FORMATS[fmt]}"


@dataclass(frozen=True)
class BatchEntry:
    """What the run did for one State: its note's file (None: no note), and what the note left out."""

    iso3: str
    name: str
    path: Path | None
    reason: str = ""  # why there is no note
    warnings: tuple[str, ...] = ()


@dataclass
class BatchResult:
    """A run of notes: every State asked for, in order, and the summary file written with them."""

    as_of: dt.date
    folder: Path
    entries: list[BatchEntry] = field(default_factory=list)
    summary_path: Path | None = None

    @property
    def written(self) -> list[Path]:
        return [e.path for e in self.entries if e.path is not None]

    @property
    def without_note(self) -> list[BatchEntry]:
        return [e for e in self.entries if e.path is None]

    @property
    def with_warnings(self) -> list[BatchEntry]:
        return [e for e in self.entries if e.path is not None and e.warnings]

    def report(self) -> str:
        """The closing report, in a few lines a person reads at the end of the run."""
        n = len(self.written)
        lines = [f"{n} note{'s' if n != 1 else ''} written to {self.folder}."]
        if self.without_note:
            names = ", ".join(e.name for e in self.without_note[:8])
            more = f" and {len(self.without_note) - 8} more" if len(self.without_note) > 8 else ""
            lines.append(
                f"{len(self.without_note)} State{'s' if len(self.without_note) != 1 else ''} got no note, "
                f"their records saying nothing as of {self.as_of.day} {self.as_of:%B %Y}: {names}{more}."
            )
        if self.with_warnings:
            count = sum(len(e.warnings) for e in self.with_warnings)
            lines.append(
                f"{len(self.with_warnings)} note{'s' if len(self.with_warnings) != 1 else ''} left something "
                f"out ({count} point{'s' if count != 1 else ''}: a negative nobody checked, an undated record, "
                "a status past its dates)."
            )
        if self.summary_path is not None:
            lines.append(f"Every State and what its note left out: {self.summary_path.name}.")
        return "\n".join(lines)


SUMMARY_HEADER = ("ISO code", "State", "Note", "Left out of the note")


def summary_file_name(as_of: dt.date) -> str:
    return f"Summary of the notes {as_of.isoformat()}.csv"


def summary_csv(result: BatchResult) -> bytes:
    """One row per State: its note's file, or why it got none; and what the note left out, one point a
    line. UTF-8 with a byte order mark, which spreadsheets need to read accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SUMMARY_HEADER)
    for e in result.entries:
        note = e.path.name if e.path is not None else f"no note: {e.reason}"
        writer.writerow((e.iso3, e.name, note, "\n".join(e.warnings)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_notes(
    db: Database,
    countries: Sequence[str],
    as_of: dt.date,
    folder: Path,
    fmt: str,
    progress: Progress,
    lang: str | None = None,
) -> BatchResult:
    """Write one note per State with something to say into ``folder`` (created if missing), then the
    summary; returns what was done for each State. Each note is in ``lang`` ("en", "fr"), or by default
    in the language its State corresponds in."""
    if fmt not in FORMATS:
        raise ValueError(f"'{fmt}' is not an output format: use one of {', '.join(FORMATS)}")
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    heads: dict[str, Letterhead] = {code: letterhead(db, code) for code in LANGUAGES}
    result = BatchResult(as_of, folder)
    total = len(countries)
    when = f"{as_of.day} {as_of:%B %Y}"
    try:
        for done, iso3 in enumerate(countries):
            inputs = load_note_inputs(db, iso3)
            short = str(inputs.country.values.get("short_name") or iso3)
            progress.step(done, total, short)
            drafted = build_draft(inputs, as_of, lang=lang)
            warnings = tuple(str(w) for w in drafted.warnings)
            if drafted.empty:
                result.entries.append(BatchEntry(iso3, short, None, f"no records as of {when}", warnings))
                continue
            path = folder / note_file_name(iso3, short, as_of, fmt)
            write_atomically(path, render(drafted.document, heads[drafted.document.lang], fmt))
            result.entries.append(BatchEntry(iso3, short, path, "", warnings))
        progress.step(total, total, "")
        summary = folder / summary_file_name(as_of)
        write_atomically(summary, summary_csv(result))
        result.summary_path = summary
    except Cancelled:
        for path in result.written:
            path.unlink(missing_ok=True)
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return result


def note_pdfs(
    db: Database, countries: Sequence[str], as_of: dt.date, lang: str | None = None
) -> Iterator[tuple[str, bytes]]:
    """(short name, PDF) of each State's note, in the order given, made one at a time as asked for (to
    print them in one job), in ``lang`` or by default in the language each State corresponds in. A State
    whose records say nothing on the date gets no page, as in a folder."""
    heads: dict[str, Letterhead] = {code: letterhead(db, code) for code in LANGUAGES}
    for iso3 in countries:
        inputs = load_note_inputs(db, iso3)
        drafted = build_draft(inputs, as_of, lang=lang)
        if not drafted.empty:
            name = str(inputs.country.values.get("short_name") or iso3)
            yield name, render(drafted.document, heads[drafted.document.lang], "pdf")
