"""Notes for many States in one go (a regional group, or all), into a folder, with progress and Cancel.

Each file is written to a temporary name and moved into place, so a folder never holds half a note.
Cancelling removes the notes this run wrote: cancelled work leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from coopdesk.base.file_output import write_atomically
from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.db.models import Country
from coopdesk.note.builder import build_note, letterhead, load_note_inputs
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


def write_notes(
    db: Database,
    countries: Sequence[str],
    as_of: dt.date,
    folder: Path,
    fmt: str,
    progress: Progress,
) -> list[Path]:
    """Write one note per State into ``folder``; returns the files written, in order."""
    if fmt not in FORMATS:
        raise ValueError(f"'{fmt}' is not an output format: use one of {', '.join(FORMATS)}")
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder", str(folder))
    head = letterhead(db)
    written: list[Path] = []
    total = len(countries)
    try:
        for done, iso3 in enumerate(countries):
            inputs = load_note_inputs(db, iso3)
            short = str(inputs.country.values.get("short_name") or iso3)
            progress.step(done, total, short)
            doc = build_note(inputs, as_of)
            path = folder / note_file_name(iso3, short, as_of, fmt)
            write_atomically(path, render(doc, head, fmt))
            written.append(path)
        progress.step(total, total, "")
    except Cancelled:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
