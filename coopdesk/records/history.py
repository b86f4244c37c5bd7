"""Reading the history: what changed, who changed it, when. Read-only by design.

History rows are written by the services in the same transaction as each change; this module only
queries them, for one record (the History panel) or across the database (the change log).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Integer, Select, func, select
from sqlalchemy.orm import Session

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.records.record import Record, model_for, to_record
from coopdesk.records.record_type import RecordType
from coopdesk.records.service import ref_labels
from coopdesk.records.types import ALL_TYPES

ACTION_LABELS = {
    "create": "created",
    "update": "changed",
    "delete": "deleted",
    "restore": "restored",
    "undo": "undone",
    "import": "imported",
}


@dataclass(frozen=True)
class Change:
    """One history row as plain data: one field of one record changed by one action."""

    id: int
    at: datetime
    user: str
    action: str
    record_type: str
    record_id: str
    country: str | None
    field: str
    old_value: str | None
    new_value: str | None
    record_name: str = ""  # "ratification of 1970 Hague Convention", when asked for (``name_records``)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def record_type_label(self) -> str:
        rtype = ALL_TYPES.get(self.record_type)
        return rtype.label if rtype else self.record_type

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)

    def _display(self, text: str | None) -> str:
        """A stored value as a person reads it ("May 2009", "Member"); the stored text if it cannot be read."""
        if text is None or text == "":
            return ""
        rtype = ALL_TYPES.get(self.record_type)
        if rtype is None or not any(f.name == self.field for f in rtype.fields):
            return text
        f = rtype.field(self.field)
        try:
            return f.display(f.parse(text)) or text
        except (ValueError, TypeError, ArithmeticError):
            return text

    @property
    def field_label(self) -> str:
        rtype = ALL_TYPES.get(self.record_type)
        if rtype is not None and self.field and any(f.name == self.field for f in rtype.fields):
            return rtype.field(self.field).label
        return self.field


@dataclass(frozen=True)
class ChangeFilter:
    """Filters of the change log; None means 'any'. Dates are inclusive."""

    country: str | None = None
    record_type: str | None = None
    user: str | None = None
    since: date | None = None
    until: date | None = None


def _to_change(row: HistoryEntry) -> Change:
    return Change(
        id=row.id,
        at=row.at,
        user=row.user,
        action=row.action,
        record_type=row.record_type,
        record_id=row.record_id,
        country=row.country_code,
        field=row.field or "",
        old_value=row.old_value,
        new_value=row.new_value,
    )


def record_history(db: Database, record_type: str, record_id: Any) -> list[Change]:
    """Every change of one record, newest first."""
    stmt = (
        select(HistoryEntry)
        .where(HistoryEntry.record_type == record_type, HistoryEntry.record_id == str(record_id))
        .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
    )
    with db.read() as session:
        return [_to_change(row) for row in session.scalars(stmt)]


def _filtered(stmt: Select[Any], filters: ChangeFilter) -> Select[Any]:
    if filters.country:
        stmt = stmt.where(HistoryEntry.country_code == filters.country)
    if filters.record_type:
        stmt = stmt.where(HistoryEntry.record_type == filters.record_type)
    if filters.user:
        stmt = stmt.where(HistoryEntry.user == filters.user)
    if filters.since:
        stmt = stmt.where(HistoryEntry.at >= datetime.combine(filters.since, time.min))
    if filters.until:
        stmt = stmt.where(HistoryEntry.at < datetime.combine(filters.until + timedelta(days=1), time.min))
    return stmt


def change_log(
    db: Database,
    filters: ChangeFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Change]:
    """Changes across the database, newest first, filtered in SQL."""
    stmt = _filtered(select(HistoryEntry), filters or ChangeFilter())
    stmt = stmt.order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    with db.read() as session:
        return [_to_change(row) for row in session.scalars(stmt)]


def count_changes(db: Database, filters: ChangeFilter | None = None) -> int:
    stmt = _filtered(select(func.count(HistoryEntry.id)), filters or ChangeFilter())
    with db.read() as session:
        return int(session.scalar(stmt) or 0)


def users(db: Database) -> list[str]:
    """Everyone who has changed something, for the change log's user filter."""
    with db.read() as session:
        return sorted(session.scalars(select(HistoryEntry.user).distinct()).all())


def name_records(db: Database, changes: list[Change]) -> list[Change]:
    """The changes with the name of the record each one belongs to, as a person reads it ("ratification
    of 1970 Hague Convention"); a deleted record is named from its history ("deleted CND membership")."""
    wanted: dict[str, set[str]] = {}
    for change in changes:
        if change.record_type in ALL_TYPES:
            wanted.setdefault(change.record_type, set()).add(change.record_id)
    names: dict[tuple[str, str], str] = {}
    with db.read() as session:
        for type_name, ids in wanted.items():
            rtype = ALL_TYPES[type_name]
            records = _records(session, rtype, ids)
            gone = ids - {str(r.key) for r in records}
            deleted = _as_last_recorded(session, rtype, gone)
            labels = ref_labels(session, rtype, records + deleted)
            # a record's name says its type ("CND membership"); a catalogue entry's is just its name
            kind = f"{rtype.label.lower()} " if rtype.catalogue else ""
            for record in records:
                names[type_name, str(record.key)] = f"{kind}{record.describe(labels)}"
            for record in deleted:
                names[type_name, str(record.key)] = f"deleted {kind}{record.describe(labels)}"
    return [replace(c, record_name=names.get((c.record_type, c.record_id), "")) for c in changes]


def _records(session: Session, rtype: RecordType, ids: set[str]) -> list[Record]:
    model = model_for(rtype)
    key = getattr(model, rtype.key)
    keys: list[Any] = sorted(ids)
    if isinstance(key.type, Integer):  # history keeps keys as text; a set membership's is a number
        keys = [int(k) for k in keys if k.isdecimal()]
    return [to_record(rtype, row) for row in session.scalars(select(model).where(key.in_(keys)))]


def _as_last_recorded(session: Session, rtype: RecordType, ids: set[str]) -> list[Record]:
    """Records no longer in their table, rebuilt from their history: each field's last recorded value
    (a deletion records the values it removed)."""
    if not ids:
        return []
    values: dict[str, dict[str, Any]] = {}
    stmt = (
        select(HistoryEntry)
        .where(HistoryEntry.record_type == rtype.name, HistoryEntry.record_id.in_(sorted(ids)))
        .order_by(HistoryEntry.id)
    )
    for row in session.scalars(stmt):
        text = row.old_value if row.action == "delete" else row.new_value
        if not row.field or not any(f.name == row.field for f in rtype.fields):
            continue
        try:
            value = rtype.field(row.field).parse(text) if text else None
        except (ValueError, TypeError, ArithmeticError):
            value = text
        values.setdefault(row.record_id, {})[row.field] = value
    return [Record(type=rtype.name, key=key, values=fields) for key, fields in values.items()]
