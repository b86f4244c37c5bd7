"""Taking a reconciled status table into the records: the chosen differences, in one transaction.

The changes go through the services' batch write (``RecordService.apply_batch``), so they are checked
and written like any edit, with their history rows, all or none: a record someone changed since the
table was reconciled refuses the whole batch. Each added or corrected treaty action says in its source
which table it came from and the table's date; the history rows record that source with the rest.

Applying a table also settles completeness: every State of the catalogue has had this instrument's
treaty actions checked on the table's date, so a State absent from the table is known not to be a
party. Those checks join the same batch (``completeness_checks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coopdesk.db.database import Database
from coopdesk.records.batch import Batch, BatchResult, NewRecord, RecordEdit, RecordRemoval
from coopdesk.records.completeness import CHECK_TYPE, Area
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.service import RecordService
from coopdesk.treaty_status.reconcile import Difference, DiffKind, Reconciliation

#: What the history says the changes were: brought in from elsewhere, as a workbook import is.
HISTORY_ACTION = "import"


class ApplyRefused(Exception):
    """The table cannot be applied; the message says why, and nothing was written."""


@dataclass(frozen=True)
class AppliedTable:
    """What applying wrote, and the batches that undo and redo it (for the window's undo step)."""

    added: int
    changed: int
    checked: int  # completeness checks recorded
    undo: Batch
    redo_edits: tuple[RecordEdit, ...]  # the corrections again, for a redo after an undo
    result: BatchResult

    def summary(self) -> str:
        parts = [f"{self.added:,} treaty action{'s' if self.added != 1 else ''} added"]
        parts.append(f"{self.changed:,} corrected")
        if self.checked:
            parts.append(f"{self.checked:,} States checked complete")
        return ", ".join(parts)


def completeness_checks(reconciliation: Reconciliation) -> list[NewRecord]:
    """The completeness checks applying this table records: for every State of the catalogue
    (``reconciliation.countries``), this instrument's treaty actions checked complete on the table's
    date (``reconciliation.as_of``), with the table as the source (``reconciliation.source_text()``):
    one ``NewRecord`` per State not already checked on that date, written in the same transaction as the
    treaty actions (and taken back by the same undo).
    """
    values = {
        **Area.instrument(reconciliation.instrument).values(),
        "checked_on": PartialDate.from_date(reconciliation.as_of),
        "source": reconciliation.source_text(),
    }
    return [
        NewRecord(CHECK_TYPE, values, iso3)
        for iso3 in reconciliation.countries
        if iso3 not in reconciliation.already_checked
    ]


def chosen_by_default(reconciliation: Reconciliation) -> list[Difference]:
    return [d for d in reconciliation.differences if d.taken_by_default]


def plan_batch(reconciliation: Reconciliation, taken: Iterable[Difference]) -> Batch:
    """The services' batch for the chosen differences: a new treaty action for each addition, the
    record corrected (action, date, source) for each conflict settled in the table's favour."""
    if reconciliation.problems:
        raise ApplyRefused(
            f"{reconciliation.headline()} First: {reconciliation.problems[0]}. Nothing was changed."
        )
    known = set(map(id, reconciliation.differences))
    creates: list[NewRecord] = []
    edits: list[RecordEdit] = []
    source = reconciliation.source_text()
    for diff in taken:
        if id(diff) not in known:
            raise ApplyRefused("A chosen difference is not one of this table's; nothing was changed.")
        if not diff.can_take or diff.table is None or diff.country is None:
            raise ApplyRefused(
                f"{diff.name}: a difference of the kind '{diff.kind.value}' cannot be applied; nothing was changed."
            )
        values = {"action": diff.table.action, "action_date": diff.table.date, "source": source}
        if diff.kind is DiffKind.ADD:
            creates.append(
                NewRecord(
                    "treaty_action", {"instrument_code": reconciliation.instrument, **values}, diff.country
                )
            )
        else:
            assert diff.record is not None
            edits.append(RecordEdit("treaty_action", diff.record.key, values, diff.record.version))
    creates.extend(completeness_checks(reconciliation))
    return Batch(create=creates, update=edits)


def apply_reconciliation(
    db: Database,
    reconciliation: Reconciliation,
    taken: Iterable[Difference] | None = None,
    *,
    user: str | None = None,
) -> AppliedTable:
    """Write the chosen differences (by default every addition) in one transaction."""
    chosen = list(chosen_by_default(reconciliation) if taken is None else taken)
    batch = plan_batch(reconciliation, chosen)
    service = RecordService(db, user)
    # What a correction changes, as the records had it (the batch refuses if it is no longer so).
    before = {
        d.record.key: {"action": d.record.action, "action_date": d.record.date, "source": d.record.source}
        for d in chosen
        if d.kind is DiffKind.CONFLICT and d.record is not None
    }
    result = (
        service.apply_batch(batch, action=HISTORY_ACTION) if batch.create or batch.update else BatchResult()
    )
    undo = Batch(
        delete=[RecordRemoval(r.type, r.key, r.version) for r in result.created],
        update=[RecordEdit(r.type, r.key, before[str(r.key)], r.version) for r in result.updated],
    )
    redo_edits = tuple(RecordEdit(e.type, e.key, e.changes) for e in batch.update)
    checks = len(completeness_checks(reconciliation))
    return AppliedTable(
        added=len(result.created) - checks,
        changed=len(result.updated),
        checked=checks,
        undo=undo,
        redo_edits=redo_edits,
        result=result,
    )
