"""Load the shipped catalogue (``resources/catalogue/*.csv``) into a new database.

The CSV files are the catalogue's source of truth; each column is converted by the type of the model
column it fills, so adding a column is a change to the model and the file, not to this loader.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import Boolean, Integer, inspect

from coopdesk.db.database import Database
from coopdesk.db.models import (
    Base,
    Body,
    Country,
    Instrument,
    InstrumentSet,
    InstrumentSetMember,
    Meeting,
    OrganisationProfile,
    ReportingInstrument,
)
from coopdesk.db.shipped_files import shipped_file

# In dependency order: a row may refer only to rows of files listed before it (or earlier in its file).
CATALOGUE_FILES: list[tuple[str, type[Base]]] = [
    ("countries.csv", Country),
    ("bodies.csv", Body),
    ("instruments.csv", Instrument),
    ("instrument_sets.csv", InstrumentSet),
    ("instrument_set_members.csv", InstrumentSetMember),
    ("meetings.csv", Meeting),
    ("reporting_instruments.csv", ReportingInstrument),
    ("organisation.csv", OrganisationProfile),
]


def read_catalogue_file(name: str) -> list[dict[str, str]]:
    text = shipped_file("catalogue", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _convert(model: type[Base], row: dict[str, str]) -> dict[str, Any]:
    columns = inspect(model).columns
    values: dict[str, Any] = {}
    for key, raw in row.items():
        column = columns[key]
        text = (raw or "").strip()
        if text == "" and column.nullable:
            values[key] = None
        elif isinstance(column.type, Boolean):
            values[key] = text in {"1", "true", "yes"}
        elif isinstance(column.type, Integer):
            values[key] = int(text) if text else 0
        else:
            values[key] = text
    return values


def load_catalogue(db: Database) -> dict[str, int]:
    """Insert the shipped catalogue; returns the number of rows per file."""
    counts: dict[str, int] = {}
    with db.write() as session:
        for name, model in CATALOGUE_FILES:
            rows = [_convert(model, row) for row in read_catalogue_file(name)]
            for values in rows:
                session.add(model(**values))
                session.flush()
            counts[name] = len(rows)
    return counts
