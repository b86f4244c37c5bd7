"""The one write path: every change of a record or catalogue entry goes through ``RecordWriter``.

Whoever changes a record (a form, an undo or redo, the workbook import, issuing a letter, the catalogue
window, a treaty status table), the change is made here, inside the caller's transaction:

- the version is checked against the one the change was based on (optimistic locking: a colleague's
  later save is a ``Conflict`` naming who changed the record and when, never overwritten);
- the record type's lifecycle is honoured (a frozen record never changes, fields only the system sets are
  refused to an edit, an import or a new record);
- who and when are stamped and the version is bumped;
- the history rows are written in the same transaction, so a rolled-back change leaves none.

A caller never sets ``version``, ``updated_by`` or writes ``HistoryEntry`` rows itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Country, HistoryEntry
from coopdesk.records.fields import Field, Kind
from coopdesk.records.limits import (
    CatalogueFacts,
    catalogue_problems,
    instrument_codes,
    needs_catalogue,
)
from coopdesk.records.record import (
    Conflict,
    NotFound,
    ReadOnlyRecord,
    Record,
    model_for,
    to_record,
)
from coopdesk.records.record_type import FieldProblem, RecordType, ValidationFailed
from coopdesk.records.types import ALL_TYPES

HISTORY_TABLE = cast(Table, HistoryEntry.__table__)


@dataclass(frozen=True)
class NewRow:
    """A validated new record for ``RecordWriter.insert_many``: typed values, its State and its id."""

    values: Mapping[str, Any]
    country: str | None
    key: str | None = None


class RecordWriter:
    """Changes records inside one open transaction (``session``), as ``user``, stamped ``now``.

    ``system=True`` is for the code that moves a record through its lifecycle (issuing a letter,
    reserving its number): it may set the fields only the system sets.
    """

    def __init__(self, session: Session, user: str, now: datetime | None = None, *, system: bool = False):
        self.session = session
        self.user = user
        #: The time of the latest change: each change made through this writer gets its own moment, later
        #: than the one before, so records created together keep the order they were given in.
        self.now = now or datetime.now()
        self._fixed = now is not None
        self.system = system

    def _tick(self) -> datetime:
        if not self._fixed:
            now = datetime.now()
            self.now = now if now > self.now else self.now + timedelta(microseconds=1)
        return self.now

    # ------------------------------------------------------------------ insert

    def insert(
        self,
        rtype: RecordType,
        typed: Mapping[str, Any],
        *,
        country: str | None,
        key: str | None = None,
        action: str = "create",
        created: tuple[datetime | None, str] | None = None,
        flush: bool = True,
    ) -> Record:
        """Insert one validated record (a new UUID unless ``key`` is given: a redo, a restore). ``flush=False``
        leaves the row for the transaction's next flush (a batch writes its rows together); a catalogue
        entry whose key the database gives is always flushed."""
        self._guard_new(rtype, typed)
        self._tick()
        columns = _columns_of(rtype, typed)
        if rtype.catalogue:
            columns.update(updated_at=self.now, updated_by=self.user, version=1)
            if key is not None and rtype.key not in columns:
                columns[rtype.key] = key
            if rtype.key != "id" and self.session.get(model_for(rtype), columns.get(rtype.key)) is not None:
                label = rtype.field(rtype.key).label
                raise ValidationFailed(
                    rtype.label, [FieldProblem(rtype.key, label, f"'{columns[rtype.key]}' is already used")]
                )
        else:
            self._check_country(rtype, country)
            created_at, created_by = created or (self.now, self.user)
            columns.update(
                id=key or str(uuid.uuid4()),
                country_code=country,
                created_at=created_at or self.now,
                created_by=created_by or self.user,
                updated_at=self.now,
                updated_by=self.user,
                version=1,
            )
        self.check_refs(rtype, typed)
        row = model_for(rtype)(**columns)
        self.session.add(row)
        if flush or columns.get(rtype.key) is None:
            self.session.flush()
        record = to_record(rtype, row)
        self._history(
            action,
            rtype,
            str(record.key),
            record.country,
            ((f, None, typed.get(f.name)) for f in rtype.fields if not f.is_empty(typed.get(f.name))),
        )
        return record

    def insert_many(self, rtype: RecordType, rows: Sequence[NewRow], *, action: str = "create") -> int:
        """Insert many validated records of one type with two bulk statements (the workbook import's
        fast path); the caller has checked countries and references in bulk. Returns how many."""
        if not rows:
            return 0
        self._tick()  # one moment for the whole bulk insert
        stored, history = [], []
        for new in rows:
            self._guard_new(rtype, new.values)
            columns = _fast_columns(rtype, new.values)
            columns.update(
                id=new.key or str(uuid.uuid4()),
                country_code=new.country,
                created_at=self.now,
                created_by=self.user,
                updated_at=self.now,
                updated_by=self.user,
                version=1,
            )
            stored.append(columns)
            history.extend(self._fast_history_of_new(rtype, new, columns, action))
        self.session.execute(insert(cast(Table, model_for(rtype).__table__)), stored)
        self.session.execute(insert(HISTORY_TABLE), history)
        return len(stored)

    # ------------------------------------------------------------------ update

    def update(
        self,
        rtype: RecordType,
        key: Any,
        typed_changes: Mapping[str, Any],
        *,
        expected_version: int | None,
        action: str = "update",
        country: str | None = None,
        storage: Mapping[str, Any] | None = None,
        row: Any = None,
        flush: bool = True,
    ) -> Record:
        """Apply validated field values to a record (only those that differ) and, for a record, move it to
        ``country`` when given. ``expected_version`` is the version the change was based on: None only
        where no person's view is at stake. ``storage`` sets columns that are not fields (an issued
        letter's PDF and checksum). Returns the record as saved (unchanged if nothing differs)."""
        row = row if row is not None else self.locked_row(rtype, key)
        self.check_version(rtype, row, expected_version)
        old = to_record(rtype, row)
        self._guard_frozen(rtype, old.values)
        new_values = {**old.values, **typed_changes}
        changed = [
            f
            for f in rtype.fields
            if f.name in typed_changes
            and f.to_text(old.values.get(f.name)) != f.to_text(new_values.get(f.name))
        ]
        moved = country is not None and not rtype.catalogue and country != old.country
        if not changed and not moved and not storage:
            return old
        self._guard_system_fields(rtype, changed)
        self._tick()
        self.check_refs(rtype, {f.name: new_values.get(f.name) for f in changed})
        for f in changed:
            for column, value in f.to_columns(new_values.get(f.name)).items():
                setattr(row, column, value)
        changes: list[tuple[Field, Any, Any]] = [
            (f, old.values.get(f.name), new_values.get(f.name)) for f in changed
        ]
        if moved:
            self._check_country(rtype, country)
            row.country_code = country
            changes.insert(0, (rtype.country_field or _NO_FIELD, old.country, country))
        for column, value in (storage or {}).items():
            setattr(row, column, value)
        row.updated_at = self.now
        row.updated_by = self.user
        row.version = (row.version or 0) + 1
        self._history(action, rtype, str(key), old.country, changes)
        if flush:
            self.session.flush()
        return to_record(rtype, row)

    # ------------------------------------------------------------------ delete

    def delete(
        self, rtype: RecordType, key: Any, *, expected_version: int | None, action: str = "delete"
    ) -> Record:
        """Delete a record (the caller has checked a catalogue entry is unused); returns it as it was."""
        row = self.locked_row(rtype, key)
        self.check_version(rtype, row, expected_version)
        old = to_record(rtype, row)
        self._guard_frozen(rtype, old.values)
        self._tick()
        self.session.delete(row)
        self._history(
            action,
            rtype,
            str(key),
            old.country,
            (
                (f, old.values.get(f.name), None)
                for f in rtype.fields
                if not f.is_empty(old.values.get(f.name))
            ),
        )
        self.session.flush()
        return old

    # ------------------------------------------------------------------ checks

    def locked_row(self, rtype: RecordType, key: Any) -> Any:
        """The stored row, locked until the transaction ends where the database can (a server)."""
        model = model_for(rtype)
        stmt = select(model).where(getattr(model, rtype.key) == key)
        if self.session.get_bind().dialect.name != "sqlite":
            stmt = stmt.with_for_update()
        row = self.session.scalars(stmt).first()
        if row is None:
            raise NotFound(
                f"The {rtype.label.lower()} no longer exists; it may have been deleted by someone else."
            )
        return row

    @staticmethod
    def check_version(rtype: RecordType, row: Any, expected: int | None) -> None:
        if expected is not None and row.version != expected:
            when = row.updated_at.strftime("%d/%m/%Y %H:%M") if row.updated_at else "an unknown time"
            raise Conflict(
                f"This {rtype.label.lower()} was changed by {row.updated_by or 'someone else'} at {when} "
                "after you opened it: reload it, or save yours again over theirs.",
                to_record(rtype, row),
            )

    def check_refs(self, rtype: RecordType, typed: Mapping[str, Any]) -> None:
        """The references exist, and what the catalogue says of the record holds (limits.py)."""
        problems = []
        for f in rtype.fields:
            value = typed.get(f.name)
            if f.kind is Kind.REF and value:
                target = ALL_TYPES[f.ref or ""]
                if self.session.get(model_for(target), value) is None:
                    problems.append(
                        FieldProblem(
                            f.name, f.label, f"'{value}' is not in the catalogue of {target.plural.lower()}"
                        )
                    )
        if not problems and needs_catalogue(rtype):
            facts = CatalogueFacts.load(self.session, instrument_codes(rtype, typed))
            problems = catalogue_problems(rtype, typed, facts)
        if problems:
            raise ValidationFailed(rtype.label, problems)

    def _check_country(self, rtype: RecordType, country: str | None) -> None:
        link = rtype.country_field
        if link is None:
            return
        if not country:
            raise ValidationFailed(rtype.label, [FieldProblem(link.name, link.label, "is required")])
        if self.session.get(Country, country) is None:
            raise ValidationFailed(
                rtype.label, [FieldProblem(link.name, link.label, f"'{country}' is not a known country")]
            )

    def _guard_new(self, rtype: RecordType, typed: Mapping[str, Any]) -> None:
        """A new record never starts frozen (an issued letter is made only by issuing it); unless the system
        writes it (the demo data, a restore), it starts in its lifecycle's initial state with no field only
        the system sets."""
        life = rtype.lifecycle
        if life is None:
            return
        state = typed.get(life.field)
        if state in life.frozen:
            shown = rtype.field(life.field).display(state).lower()
            raise ReadOnlyRecord(
                f"A {rtype.label.lower()} becomes {shown} only through coopdesk's own step for it; it cannot "
                f"be created or restored as {shown}."
            )
        if self.system:
            return
        if state not in (None, "", life.initial) or any(
            typed.get(name) not in (None, "") for name in life.system_fields - {life.field}
        ):
            label = rtype.label.lower()
            raise ReadOnlyRecord(
                f"A new {label} starts as {rtype.field(life.field).display(life.initial).lower()}; its "
                f"{_names(rtype, life.system_fields)} are set by coopdesk, not typed in or imported."
            )

    def _guard_frozen(self, rtype: RecordType, values: Mapping[str, Any]) -> None:
        reason = rtype.frozen_reason(values)
        if reason:
            raise ReadOnlyRecord(reason)

    def _guard_system_fields(self, rtype: RecordType, changed: Iterable[Field]) -> None:
        life = rtype.lifecycle
        if life is None or self.system:
            return
        if any(f.name in life.system_fields for f in changed):
            raise ReadOnlyRecord(
                f"A {rtype.label.lower()}'s {_names(rtype, life.system_fields)} are set by coopdesk; "
                "they cannot be edited."
            )

    # ------------------------------------------------------------------ history

    def _history(
        self,
        action: str,
        rtype: RecordType,
        key: str,
        country: str | None,
        changes: Iterable[tuple[Field, Any, Any]],
    ) -> None:
        def entry(f: Field | None, old: Any, new: Any) -> HistoryEntry:
            return HistoryEntry(
                at=self.now,
                user=self.user,
                action=action,
                record_type=rtype.name,
                record_id=key,
                country_code=country,
                field=f.name if f is not None else "",
                old_value=f.to_text(old) if f is not None else None,
                new_value=f.to_text(new) if f is not None else None,
            )

        # A change of no field (a letter's stored note) is still a change: one row says who and when.
        rows = [entry(f, old, new) for f, old, new in changes] or [entry(None, None, None)]
        self.session.add_all(rows)

    def _fast_history_of_new(
        self, rtype: RecordType, new: NewRow, columns: Mapping[str, Any], action: str
    ) -> list[dict[str, Any]]:
        """The rows ``_history`` writes for a created record (one per filled field), as plain dicts."""
        base = {
            "at": self.now,
            "user": self.user,
            "action": action,
            "record_type": rtype.name,
            "record_id": columns["id"],
            "country_code": new.country,
            "old_value": None,
        }
        rows = []
        for f, kind, _names in _storage_plan(rtype):
            value = new.values.get(f.name)
            if value is None or (type(value) is str and not value.strip()):
                continue
            if kind is Kind.PDATE:
                text = columns[f.name]
            elif kind is Kind.MONEY or kind is Kind.BOOL:
                text = f.to_text(value)
            else:
                text = str(value)
            rows.append({**base, "field": f.name, "new_value": text})
        return rows or [{**base, "field": "", "new_value": None}]


_NO_FIELD = Field("", "")
_TEXT_KINDS = (Kind.TEXT, Kind.LONGTEXT)


def _names(rtype: RecordType, names: Iterable[str]) -> str:
    labels = sorted(rtype.field(n).label.lower() for n in names)
    return " and ".join(labels)


def _columns_of(rtype: RecordType, typed: Mapping[str, Any]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for f in rtype.fields:
        columns.update(f.to_columns(typed.get(f.name)))
    return columns


@cache
def _storage_plan(rtype: RecordType) -> tuple[tuple[Field, Kind, tuple[str, ...]], ...]:
    return tuple((f, f.kind, f.columns) for f in rtype.fields)


@cache
def _not_null_defaults(rtype: RecordType) -> dict[str, Any]:
    """Columns that may not be NULL and have a plain default (an empty optional choice stores "")."""
    found = {}
    for column in model_for(rtype).__table__.columns:
        default = getattr(column.default, "arg", None)
        if not column.nullable and default is not None and not callable(default):
            found[column.name] = default
    return found


def _fast_columns(rtype: RecordType, values: Mapping[str, Any]) -> dict[str, Any]:
    """What ``Field.to_columns`` gives for every field, without its per-call cost (bulk inserts)."""
    columns: dict[str, Any] = {}
    for f, kind, names in _storage_plan(rtype):
        value = values.get(f.name)
        if f.unique and (value is None or value == ""):
            columns[f.name] = None
        elif kind is Kind.PDATE:
            columns[f.name] = None if value is None else value.to_storage()
        elif kind is Kind.MONEY:
            columns[names[0]] = None if value is None else value.minor
            columns[names[1]] = None if value is None else value.currency
        elif kind in _TEXT_KINDS:
            columns[f.name] = "" if value is None else value
        else:
            columns[f.name] = value
    for name, default in _not_null_defaults(rtype).items():
        if columns.get(name) is None:
            columns[name] = default
    return columns
