"""Import a workbook in coopdesk's format: check it, read every row, plan the changes, apply all or none.

1. ``read_workbook`` (``reading``) refuses unsafe files, reads every row of every record sheet (those
   still exactly as exported are set aside unparsed) and collects *all* problems by sheet, row and
   column.
2. ``plan_import`` (``planning``) is the preview: added, changed field by field, or unchanged. It writes
   nothing.
3. ``apply_import`` (here) writes the plan in one transaction with its history rows: every row, or none.

The catalogue sheets import too (``catalogue_import``), before the records that may refer to their new
entries; the Summary and the lists sheet are worked out on export and are never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from coopdesk.base.progress import SILENT, Progress
from coopdesk.db.database import Database
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.plan import FieldChange, ImportPlan, PlannedRow, SheetPlan
from coopdesk.excel.planning import plan_import
from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.reading import ParsedRow, ParsedWorkbook, first_line, read_workbook
from coopdesk.records.record import Conflict, NotFound, ReadOnlyRecord, default_user
from coopdesk.records.record_type import COUNTRY_LINK, ValidationFailed
from coopdesk.records.write import NewRow, RecordWriter

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
        from coopdesk.safety.backup import backup_now

        backup_now(db, "import")
    done = 0
    try:
        with db.write() as session:
            writer = RecordWriter(session, user)
            for sheet in plan.sheets:
                if sheet.rtype.catalogue:
                    done += _apply_catalogue(writer, sheet)
                    continue
                chosen = [p for p in sheet.conflicts if p.use_workbook]
                revived = [p for p in chosen if p.expected_version is None]  # deleted since the export
                for planned in [*sheet.changed, *(p for p in chosen if p.expected_version is not None)]:
                    _apply_change(writer, planned)
                    done += 1
                    if done % 500 == 0:
                        progress.step(done, total, f"Changing {sheet.title.lower()}")
                added = [*sheet.added, *revived]
                for start in range(0, len(added), _BATCH):
                    batch = added[start : start + _BATCH]
                    rows = [NewRow(planned.values, planned.country, planned.key) for planned in batch]
                    done += writer.insert_many(sheet.rtype, rows, action=HISTORY_ACTION)
                    progress.step(done, total, f"Adding {sheet.title.lower()}")
            # The last chance to cancel: raising here rolls the whole transaction back.
            progress.step(total, total, "Saving")
    except IntegrityError as exc:
        raise ImportRefused(
            "The database changed since the preview (a record or catalogue entry was added or removed); "
            f"nothing was imported. Preview the workbook again. ({first_line(exc.orig or exc)})"
        ) from None
    return ImportResult(
        plan.added + sum(1 for p in plan.conflicts if p.use_workbook and p.expected_version is None),
        plan.changed + sum(1 for p in plan.conflicts if p.use_workbook and p.expected_version is not None),
        kept,
    )


def _apply_catalogue(writer: RecordWriter, sheet: SheetPlan) -> int:
    from coopdesk.excel.catalogue_import import apply_catalogue_sheet

    with _refused_as(sheet.title, "an entry"):
        return apply_catalogue_sheet(writer, sheet, HISTORY_ACTION)


def _apply_change(writer: RecordWriter, planned: PlannedRow) -> None:
    """One changed row, through the one write path, against the version the preview compared it with."""
    where = f"{planned.sheet}, row {planned.row}"
    typed = {c.field.name: c.new for c in planned.changes if c.field is not COUNTRY_LINK}
    with _refused_as(where, "this record"):
        writer.update(
            planned.rtype,
            planned.key,
            typed,
            expected_version=planned.expected_version,
            action=HISTORY_ACTION,
            country=planned.country,
        )


@contextmanager
def _refused_as(where: str, what: str) -> Iterator[None]:
    """A write refused since the preview (deleted, changed by someone, frozen, invalid) as one
    ``ImportRefused`` naming where it is; the caller's transaction rolls everything back."""
    try:
        yield
    except NotFound:
        raise ImportRefused(f"{where}: {what} was deleted since the preview; nothing was imported.") from None
    except Conflict as exc:
        who = (exc.current.updated_by if exc.current is not None else "") or "someone"
        raise ImportRefused(
            f"{where}: {who} changed {what} since the preview; nothing was imported. "
            "Preview the workbook again."
        ) from None
    except (ReadOnlyRecord, ValidationFailed) as exc:
        raise ImportRefused(f"{where}: {exc}; nothing was imported.") from None
