"""Generic services over the declared record types: list, get, create, update, delete.

Each call is one short transaction and returns plain ``Record`` objects, never live ORM rows. Every
change goes through the one write path (``coopdesk.records.write.RecordWriter``), which checks the
version, stamps who and when and writes the history rows in the same transaction.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, TextClause, bindparam, func, inspect, or_, select, text
from sqlalchemy.orm import Session

from coopdesk.db.database import Database
from coopdesk.db.models import RECORD_MODELS, Country
from coopdesk.records.batch import Batch, BatchResult, preload_references
from coopdesk.records.country_directory import CountryDirectory
from coopdesk.records.fields import Kind
from coopdesk.records.record import (
    InUse,
    NotFound,
    Record,
    Usage,
    default_user,
    label_of,
    model_for,
    record_reader,
    to_record,
)
from coopdesk.records.record_type import RecordType, RefLabels
from coopdesk.records.types import ALL_TYPES, RECORD_TYPES, record_type
from coopdesk.records.validation import parse_values
from coopdesk.records.write import RecordWriter


class RecordService:
    """Create, read, update and delete records and catalogue entries, one short transaction per call."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()

    # ------------------------------------------------------------------ reading

    def get(self, type_name: str, key: Any) -> Record:
        rtype = record_type(type_name)
        stmt, read = _get_statement(rtype.name)
        with self.db.read() as session:
            row = session.execute(stmt, {"key": key}).first()
        if row is None:
            raise NotFound(f"The {rtype.label.lower()} {key} no longer exists.")
        return read(row)

    def list(
        self,
        type_name: str,
        *,
        country: str | None = None,
        search: str | None = None,
        where: Mapping[str, Any] | None = None,
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[Record]:
        """Records of a type, filtered and sorted in SQL."""
        rtype = record_type(type_name)
        stmt = self._select(rtype, country=country, search=search, where=where)
        stmt = stmt.order_by(*self._order(rtype, sort, descending))
        if limit is not None:
            stmt = stmt.limit(limit).offset(offset)
        with self.db.read() as session:
            return read_records(session, rtype, stmt)

    def count(
        self,
        type_name: str,
        *,
        country: str | None = None,
        search: str | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> int:
        rtype = record_type(type_name)
        stmt = self._select(rtype, country=country, search=search, where=where)
        with self.db.read() as session:
            return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def counts_by_country(self) -> dict[str, int]:
        """How many records each State has, across all record types (one query)."""
        return CountryDirectory(self.db).record_counts()

    def lists(
        self, type_names: Iterable[str], *, country: str | None = None
    ) -> dict[str, builtins.list[Record]]:
        """Several ``list`` answers read in one transaction (one consistent state of the database, one
        connection); ``country`` narrows the record types and is ignored for catalogue types."""
        result: dict[str, builtins.list[Record]] = {}
        with self.db.read() as session:
            for name in type_names:
                by_country = country is not None and not record_type(name).catalogue
                stmt, read = _list_statement(name, by_country)
                rows = session.execute(stmt, {"country": country} if by_country else {}).all()
                result[name] = [read(row) for row in rows]
        return result

    def counts_for_country(self, country: str, *, as_of: dt.date | None = None) -> dict[str, int]:
        """How many records of each type one State has (one query); with ``as_of``, only those that exist
        on that date by their type's date field (undated records always do), as ``visible_on`` says.
        Partial dates are stored as text that sorts by start ("2009" < "2009-05" < "2009-05-17"), so a
        record exists on the date when its stored date is at most the date's ISO text."""
        parameters = {"country": country}
        if as_of is not None:
            parameters["day"] = as_of.isoformat()
        with self.db.read() as session:
            rows = session.execute(_counts_statement(as_of is not None), parameters)
            return {str(t): int(n) for t, n in rows}

    def total_records(self) -> int:
        return sum(self.counts_by_country().values())

    def choices(self, type_name: str) -> builtins.list[tuple[str, str]]:
        """(key, label) pairs of a catalogue type, for drop-downs and display."""
        return [(str(r.key), label_of(r)) for r in self.list(type_name)]

    def _select(
        self,
        rtype: RecordType,
        *,
        country: str | None,
        search: str | None,
        where: Mapping[str, Any] | None,
    ) -> Any:
        model = model_for(rtype)
        stmt = select(model)
        if country is not None and not rtype.catalogue:
            stmt = stmt.where(model.country_code == country)
        for name, wanted in (where or {}).items():
            column = getattr(model, name)
            if isinstance(wanted, list | tuple | set | frozenset):
                stmt = stmt.where(column.in_(list(wanted)))
            else:
                stmt = stmt.where(column == wanted)
        if search and search.strip():
            pattern = f"%{search.strip().lower()}%"
            text_cols = [getattr(model, f.name) for f in rtype.searched_fields]
            if text_cols:
                stmt = stmt.where(or_(*(func.lower(c).like(pattern) for c in text_cols)))
        return stmt

    def _order(self, rtype: RecordType, sort: str | None, descending: bool) -> builtins.list[Any]:
        model = model_for(rtype)
        name = sort or rtype.date_field or rtype.sort_field or rtype.key
        f = rtype.field(name) if any(x.name == name for x in rtype.fields) else None
        column = getattr(model, f.columns[0] if f is not None else name)
        key_col = getattr(model, rtype.key)
        if descending:
            return [column.desc(), key_col.desc()]
        return [column.asc(), key_col.asc()]

    # ------------------------------------------------------------------ writing
    # Every write goes through ``RecordWriter`` (coopdesk.records.write): version check, lifecycle, who and
    # when, history, in this call's one transaction.

    def writer(self, session: Session) -> RecordWriter:
        return RecordWriter(session, self.user)

    def create(
        self,
        type_name: str,
        values: Mapping[str, Any],
        *,
        country: str | None = None,
        key: str | None = None,
    ) -> Record:
        """Validate and insert a new record (a new UUID unless ``key`` is given, e.g. to redo a create)."""
        rtype = record_type(type_name)
        typed = parse_values(rtype, values, base=rtype.defaults())
        with self.db.write() as session:
            return self.writer(session).insert(rtype, typed, country=country, key=key)

    def create_many(
        self,
        items: Iterable[tuple[str, Mapping[str, Any], str | None]],
        *,
        action: str = "create",
        system: bool = False,
    ) -> builtins.list[Record]:
        """Create several records in one transaction: all of them, or none if any is refused. ``system``
        is for data coopdesk ships (the demo's letter holds its reserved reference)."""
        created = []
        with self.db.write() as session:
            writer = RecordWriter(session, self.user, system=system)
            for type_name, values, country in items:
                rtype = record_type(type_name)
                typed = parse_values(rtype, values, base=rtype.defaults())
                created.append(writer.insert(rtype, typed, country=country, action=action))
        return created

    def restore(self, record: Record) -> Record:
        """Put a deleted record back exactly as it was (undo of a delete, redo of an addition)."""
        rtype = record.record_type
        with self.db.write() as session:
            writer = RecordWriter(session, self.user, system=True)  # as it was, lifecycle fields and all
            return writer.insert(
                rtype,
                dict(record.values),
                country=record.country,
                key=record.key,
                action="restore",
                created=(record.created_at, record.created_by),
            )

    def update(
        self,
        type_name: str,
        key: Any,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None,
        action: str = "update",
    ) -> Record:
        """Apply changes to some fields of the record as it was at ``expected_version``: if someone saved
        it since, ``Conflict`` (None skips the check: only for saving over a colleague knowingly)."""
        rtype = record_type(type_name)
        with self.db.write() as session:
            writer = self.writer(session)
            row = writer.locked_row(rtype, key)
            writer.check_version(rtype, row, expected_version)
            old = to_record(rtype, row)
            typed = parse_values(rtype, changes, base=old.values)
            changed = {name: typed[name] for name in changes if name in typed}
            return writer.update(rtype, key, changed, expected_version=None, action=action, row=row)

    def delete(self, type_name: str, key: Any, *, expected_version: int | None) -> Record:
        """Delete a record; returns it as it was, so the deletion can be undone."""
        rtype = record_type(type_name)
        with self.db.write() as session:
            writer = self.writer(session)
            self._refuse_if_used(session, writer, rtype, key)
            return writer.delete(rtype, key, expected_version=expected_version)

    @staticmethod
    def _refuse_if_used(session: Session, writer: RecordWriter, rtype: RecordType, key: Any) -> None:
        """A catalogue entry that records refer to is not deleted (``InUse`` names where it is used)."""
        if not rtype.catalogue:
            return
        usages = find_usages(session, rtype, key)
        if usages:
            row = writer.locked_row(rtype, key)
            where = "; ".join(str(u) for u in usages)
            raise InUse(
                f"The {rtype.label.lower()} {label_of(to_record(rtype, row))} cannot be deleted: "
                f"it is used by {where}."
            )

    def apply_batch(self, batch: Batch, *, action: str | None = None) -> BatchResult:
        """Create, update, delete and restore several records in one transaction: every change or none.

        Each update and deletion checks its ``expected_version`` (when given), so a batch prepared from
        what was read earlier is refused (``Conflict``) if someone saved one of its records since. The
        history rows say ``action`` for the creations and updates when given ("import"), else "create"
        and "update"; deletions and restorations say "delete" and "restore".
        """
        result = BatchResult()
        with self.db.write() as session:
            held = preload_references(session, batch)  # noqa: F841  (kept alive: the identity map is weak)
            writer = self.writer(session)
            for removal in batch.delete:
                rtype = record_type(removal.type)
                self._refuse_if_used(session, writer, rtype, removal.key)
                result.deleted.append(
                    writer.delete(rtype, removal.key, expected_version=removal.expected_version)
                )
            restorer = RecordWriter(session, self.user, writer.now, system=True)
            for record in batch.restore:
                result.restored.append(
                    restorer.insert(
                        record.record_type,
                        dict(record.values),
                        country=record.country,
                        key=record.key,
                        action="restore",
                        created=(record.created_at, record.created_by),
                        flush=False,
                    )
                )
            session.flush()  # restored rows are there for the updates that look them up
            for edit in batch.update:
                rtype = record_type(edit.type)
                row = writer.locked_row(rtype, edit.key)
                writer.check_version(rtype, row, edit.expected_version)
                typed = parse_values(rtype, edit.changes, base=to_record(rtype, row).values)
                changed = {name: typed[name] for name in edit.changes if name in typed}
                result.updated.append(
                    writer.update(
                        rtype,
                        edit.key,
                        changed,
                        expected_version=None,
                        action=action or "update",
                        row=row,
                        flush=False,
                    )
                )
            for new in batch.create:
                rtype = record_type(new.type)
                typed = parse_values(rtype, new.values, base=rtype.defaults())
                result.created.append(
                    writer.insert(
                        rtype, typed, country=new.country, key=new.key, action=action or "create", flush=False
                    )
                )
        return result

    def usages(self, type_name: str, key: Any) -> builtins.list[Usage]:
        rtype = record_type(type_name)
        with self.db.read() as session:
            return find_usages(session, rtype, key)


@cache
def _get_statement(type_name: str) -> tuple[Select[Any], Callable[[Sequence[Any]], Record]]:
    """``get``'s query for one type (one row by its key) and the reader of the row, built once."""
    rtype = record_type(type_name)
    mapper = inspect(model_for(rtype))
    columns = mapper.columns
    stmt = select(*columns.values()).where(mapper.primary_key[0] == bindparam("key"))
    return stmt, record_reader(rtype, tuple(columns.keys()))


@cache
def _list_statement(
    type_name: str, by_country: bool
) -> tuple[Select[Any], Callable[[Sequence[Any]], Record]]:
    """``lists``' query for one type (one State's records, or a whole catalogue) in ``list``'s default
    order, and the reader of its rows: built once from the table's own columns, as the Overview reads
    eleven types each time a State is chosen."""
    rtype = record_type(type_name)
    columns = inspect(model_for(rtype)).columns
    stmt = select(*columns.values())
    if by_country:
        stmt = stmt.where(columns["country_code"] == bindparam("country"))
    name = rtype.date_field or rtype.sort_field or rtype.key
    f = rtype.field(name) if any(x.name == name for x in rtype.fields) else None
    stmt = stmt.order_by(columns[f.columns[0] if f is not None else name].asc(), columns[rtype.key].asc())
    return stmt, record_reader(rtype, tuple(columns.keys()))


@cache
def _counts_statement(dated: bool) -> TextClause:
    """``counts_for_country``'s query, written out once as SQL text from the models: it runs each time a
    State is chosen, and building and compiling its eleven-way UNION with the expression language cost
    several times more than SQLite takes to run it."""
    parts = []
    for name, model in RECORD_MODELS.items():
        mapper = inspect(model)
        table = mapper.local_table.name
        condition = "country_code = :country"
        date_field = RECORD_TYPES[name].date_field
        if dated and date_field is not None:
            column = mapper.columns[date_field].name
            condition += f" AND ({column} IS NULL OR {column} <= :day)"
        parts.append(f"SELECT '{name}' AS t, count(*) AS n FROM {table} WHERE {condition}")
    return text(" UNION ALL ".join(parts))


def read_records(session: Session, rtype: RecordType, stmt: Any) -> builtins.list[Record]:
    """Run a ``select(model)`` (its conditions, order and limit) for its plain column values: ``Record``
    values are built from them (``record_reader``), so the ORM's identity map and attribute
    instrumentation (most of the cost of a long list) are not needed."""
    columns = inspect(model_for(rtype)).columns
    plain = stmt.with_only_columns(*columns.values())
    read = record_reader(rtype, tuple(columns.keys()))
    return [read(row) for row in session.execute(plain).all()]


def ref_labels(session: Session, rtype: RecordType, records: list[Record]) -> RefLabels:
    """The short names of the catalogue entries these records refer to, one query per catalogue type,
    for ``Record.describe``: "ratification of 1970 Hague Convention", not "ratification of CT02"."""
    wanted: dict[str, set[str]] = {}  # catalogue type -> codes (a membership refers to bodies twice)
    for f in rtype.fields:
        if f.ref is not None:
            codes = wanted.setdefault(f.ref, set())
            codes.update(str(r.get(f.name)) for r in records if r.get(f.name) is not None)
    labels: dict[str, dict[str, str]] = {}
    for ref, codes in wanted.items():
        if not codes:
            continue
        target = ALL_TYPES[ref]
        stmt, read = _entries_statement(ref)
        named = labels.setdefault(target.name, {})
        for row in session.execute(stmt, {"codes": sorted(codes)}).all():
            entry = read(row)
            named[str(entry.key)] = label_of(entry)
    return labels


@cache
def _entries_statement(type_name: str) -> tuple[Select[Any], Callable[[Sequence[Any]], Record]]:
    """The catalogue entries of a type with the given codes, from the table's own columns (the search
    names the records of each type it finds with them: built once, without the ORM's layers)."""
    target = ALL_TYPES[type_name]
    columns = inspect(model_for(target)).columns
    stmt = select(*columns.values()).where(columns[target.key].in_(bindparam("codes", expanding=True)))
    return stmt, record_reader(target, tuple(columns.keys()))


def find_usages(session: Session, rtype: RecordType, key: Any) -> list[Usage]:
    """Where a catalogue entry is referred to, by record and catalogue type."""
    usages: list[Usage] = []
    if rtype.name == "country":
        for other in RECORD_TYPES.values():
            model = model_for(other)
            n = session.scalar(select(func.count()).where(model.country_code == key)) or 0
            if n:
                usages.append(Usage(other.name, other.plural, int(n)))
        return usages
    for other in ALL_TYPES.values():
        for f in other.fields:
            if f.kind is Kind.REF and f.ref == rtype.name:
                model = model_for(other)
                column = getattr(model, f.name)
                n = session.scalar(select(func.count()).where(column == key)) or 0
                if n:
                    examples: list[str] = []
                    if not other.catalogue:
                        codes = session.scalars(
                            select(model.country_code).where(column == key).distinct().limit(3)
                        ).all()
                        names = {
                            c.iso3: c.short_name
                            for c in session.scalars(select(Country).where(Country.iso3.in_(codes)))
                        }
                        examples = [names.get(c, c) for c in codes]
                    usages.append(Usage(other.name, other.plural, int(n), examples))
    return usages
