"""Import a workbook in coopdesk's format: check it, read every row, plan the changes, apply all or none.

1. ``read_workbook`` (``reading``) refuses unsafe files, reads every row of every record sheet and
   collects *all* problems by sheet, row and column.
2. ``plan_import`` (``planning``) is the preview: added, changed field by field, or unchanged. It writes
   nothing.
3. ``apply_import`` (here) writes the plan in one transaction with its history rows: every row, or none.

Catalogue sheets, the Summary and the lists sheet are for reading only; the catalogue is edited in the app.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.planning import (
    COUNTRY_FIELD,
    FieldChange,
    ImportPlan,
    PlannedRow,
    SheetPlan,
    plan_import,
)
from coopdesk.excel.reading import ImportProblem, ParsedRow, ParsedWorkbook, first_line, read_workbook
from coopdesk.fields import Field, Kind
from coopdesk.progress import SILENT, Progress
from coopdesk.record_types import RECORD_TYPES
from coopdesk.services import default_user, model_for, write_history

__all__ = [
    "FieldChange",
    "ImportPlan",
    "ImportProblem",
    "ImportRefused",
    "ImportResult",
    "ParsedRow",
    "ParsedWorkbook",
    "PlannedRow",
    "SheetPlan",
    "apply_import",
    "plan_import",
    "read_workbook",
]

HISTORY_ACTION = "import"
HISTORY_TABLE: Table = HistoryEntry.__table__  # type: ignore[assignment]
_BATCH = 5000


class ImportRefused(Exception):
    """The import cannot go ahead; the message says why in plain words, and nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    kept: int = 0  # conflicts left as coopdesk has them (the officer did not choose the workbook's)


def apply_import(
    db: Database, plan: ImportPlan, user: str | None = None, progress: Progress = SILENT
) -> ImportResult:
    """Write the plan in one transaction, with history rows: every row or none."""
    with collector_paused():
        return _apply_import_unpaused(db, plan, user, progress)


def _apply_import_unpaused(
    db: Database, plan: ImportPlan, user: str | None = None, progress: Progress = SILENT
) -> ImportResult:
    if plan.problems:
        raise ImportRefused(plan.headline())
    user = user or default_user()
    kept = len(plan.conflicts) - plan.chosen
    total = plan.added + plan.changed + plan.chosen
    if not total:
        return ImportResult(0, 0, kept)
    if db.path is not None:
        # The promise: a checked backup before every import, so even a wrong-but-valid workbook can be undone.
        from coopdesk.backup import backup_now

        backup_now(db, "import")
    now = dt.datetime.now()
    done = 0
    try:
        with db.write() as session:
            for sheet in plan.sheets:
                chosen = [p for p in sheet.conflicts if p.use_workbook]
                revived = [p for p in chosen if p.version is None]  # deleted since the export
                for planned in [*sheet.changed, *(p for p in chosen if p.version is not None)]:
                    _apply_change(session, planned, user, now)
                    done += 1
                    if done % 500 == 0:
                        progress.step(done, total, f"Changing {sheet.title.lower()}")
                table = model_for(sheet.rtype).__table__
                added = [*sheet.added, *revived]
                for start in range(0, len(added), _BATCH):
                    batch = added[start : start + _BATCH]
                    rows, history = [], []
                    for planned in batch:
                        row = _new_row(planned, user, now)
                        rows.append(row)
                        history.extend(_history_of_new(planned, row, user, now))
                    session.execute(insert(table), rows)
                    session.execute(insert(HISTORY_TABLE), history)
                    done += len(batch)
                    progress.step(done, total, f"Adding {sheet.title.lower()}")
            # The last chance to cancel: raising here rolls the whole transaction back.
            progress.step(total, total, "Saving")
    except IntegrityError as exc:
        raise ImportRefused(
            "The database changed since the preview (a record or catalogue entry was added or removed); "
            f"nothing was imported. Preview the workbook again. ({first_line(exc.orig or exc)})"
        ) from None
    return ImportResult(
        plan.added + sum(1 for p in plan.conflicts if p.use_workbook and p.version is None),
        plan.changed + sum(1 for p in plan.conflicts if p.use_workbook and p.version is not None),
        kept,
    )


def _apply_change(session: Session, planned: PlannedRow, user: str, now: dt.datetime) -> None:
    rtype = planned.rtype
    row = session.get(model_for(rtype), planned.key)
    where = f"{planned.sheet}, row {planned.row}"
    if row is None:
        raise ImportRefused(f"{where}: the record was deleted since the preview; nothing was imported.")
    if row.version != planned.version:
        raise ImportRefused(
            f"{where}: {row.updated_by or 'someone'} changed this record since the preview; "
            "nothing was imported. Preview the workbook again."
        )
    if rtype.name == "letter" and row.status == "issued":
        raise ImportRefused(f"{where}: letter {row.reference} has been issued and never changes.")
    old_country = row.country_code
    for change in planned.changes:
        if change.field is COUNTRY_FIELD:
            row.country_code = planned.country
        else:
            for column, value in change.field.to_columns(change.new).items():
                setattr(row, column, value)
    row.updated_at = now
    row.updated_by = user
    row.version = (row.version or 0) + 1
    write_history(
        session,
        user,
        HISTORY_ACTION,
        rtype,
        str(planned.key),
        old_country,
        ((c.field, c.old, c.new) for c in planned.changes),
        now,
    )
    session.flush()


@cache
def _storage_plan(type_name: str) -> tuple[tuple[Field, Kind, tuple[str, ...]], ...]:
    rtype = RECORD_TYPES[type_name]
    return tuple((f, f.kind, f.columns) for f in rtype.fields)


_TEXT_KINDS = (Kind.TEXT, Kind.LONGTEXT)


@cache
def _not_null_defaults(type_name: str) -> dict[str, Any]:
    """Columns that may not be NULL and have a plain default (an empty optional choice stores "")."""
    table = model_for(RECORD_TYPES[type_name]).__table__
    found = {}
    for column in table.columns:
        default = getattr(column.default, "arg", None)
        if not column.nullable and default is not None and not callable(default):
            found[column.name] = default
    return found


def _new_row(planned: PlannedRow, user: str, now: dt.datetime) -> dict[str, Any]:
    """The stored columns of a new record (what ``Field.to_columns`` gives, without its per-call cost)."""
    columns: dict[str, Any] = {}
    values = planned.values
    for f, kind, names in _storage_plan(planned.rtype.name):
        value = values.get(f.name)
        if kind is Kind.PDATE:
            columns[f.name] = None if value is None else value.to_storage()
        elif kind is Kind.MONEY:
            columns[names[0]] = None if value is None else value.minor
            columns[names[1]] = None if value is None else value.currency
        elif kind in _TEXT_KINDS:
            columns[f.name] = "" if value is None else value
        else:
            columns[f.name] = value
    for name, default in _not_null_defaults(planned.rtype.name).items():
        if columns.get(name) is None:
            columns[name] = default
    if planned.rtype.name == "letter":
        columns["reference"] = None  # a draft has no reference until it is issued (the column is unique)
    columns.update(
        id=planned.key or str(uuid.uuid4()),
        country_code=planned.country,
        created_at=now,
        created_by=user,
        updated_at=now,
        updated_by=user,
        version=1,
    )
    return columns


def _history_of_new(
    planned: PlannedRow, row: dict[str, Any], user: str, now: dt.datetime
) -> list[dict[str, Any]]:
    """The rows ``write_history`` writes for a created record (one per filled field), for one bulk insert."""
    key, country, type_name = row["id"], planned.country, planned.rtype.name
    values = planned.values
    rows = []
    for f, kind, _names in _storage_plan(type_name):
        value = values.get(f.name)
        if value is None or (type(value) is str and not value.strip()):
            continue
        if kind is Kind.PDATE:
            text = row[f.name]
        elif kind is Kind.MONEY or kind is Kind.BOOL:
            text = f.to_text(value)
        else:
            text = str(value)
        rows.append(
            {
                "at": now,
                "user": user,
                "action": HISTORY_ACTION,
                "record_type": type_name,
                "record_id": key,
                "country_code": country,
                "field": f.name,
                "old_value": None,
                "new_value": text,
            }
        )
    return rows or [
        {
            "at": now,
            "user": user,
            "action": HISTORY_ACTION,
            "record_type": type_name,
            "record_id": key,
            "country_code": country,
            "field": "",
            "old_value": None,
            "new_value": None,
        }
    ]
