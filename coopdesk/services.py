"""Generic services over the declared record types: list, get, create, update, delete.

Each call is one short transaction and returns plain ``Record`` objects, never live ORM rows. Every
change writes its history rows in the same transaction, so a rolled-back change leaves none and no
write path can skip them.
"""

from __future__ import annotations

import builtins
import datetime as dt
import getpass
import os
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, func, inspect, literal, or_, select, union_all
from sqlalchemy.orm import Session

from coopdesk.country_directory import CountryDirectory
from coopdesk.db.database import Database
from coopdesk.db.models import CATALOGUE_MODELS, RECORD_MODELS, Country, HistoryEntry
from coopdesk.fields import Field, Kind
from coopdesk.money import Money
from coopdesk.record_types import (
    ALL_TYPES,
    RECORD_TYPES,
    FieldProblem,
    RecordType,
    RefLabels,
    ValidationFailed,
    record_type,
)
from coopdesk.validation import (
    CatalogueFacts,
    catalogue_problems,
    instrument_codes,
    needs_catalogue,
    record_problems,
)


class ServiceError(Exception):
    """A refusal the user should read (not a bug)."""


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else saved the record since it was read."""

    def __init__(self, message: str, current: Record | None = None) -> None:
        super().__init__(message)
        self.current = current


class InUse(ServiceError):
    pass


class ReadOnlyRecord(ServiceError):
    pass


def default_user() -> str:
    """Who is making changes: the name set in preferences (COOPDESK_USER), else the OS user."""
    name = os.environ.get("COOPDESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (containers)
        return "unknown"


@dataclass(frozen=True)
class Record:
    """One record or catalogue entry as plain data."""

    type: str
    key: str
    values: dict[str, Any]
    country: str | None = None
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    created_by: str = ""
    updated_by: str = ""

    @property
    def record_type(self) -> RecordType:
        return record_type(self.type)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def describe(self, labels: RefLabels | None = None) -> str:
        return self.record_type.describe(self.values, labels)


@dataclass(frozen=True)
class Usage:
    """How many records of one type refer to a catalogue entry, with a few of them named as examples."""

    record_type: str
    label: str
    count: int
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f" ({', '.join(self.examples)})" if self.examples else ""
        return f"{self.count} {self.label.lower()}{where}"


def model_for(rtype: RecordType) -> Any:
    return CATALOGUE_MODELS[rtype.name] if rtype.catalogue else RECORD_MODELS[rtype.name]


def _max_lengths(rtype: RecordType) -> dict[str, int]:
    columns = inspect(model_for(rtype)).columns
    lengths: dict[str, int] = {}
    for f in rtype.fields:
        if f.kind in (Kind.TEXT, Kind.REF):
            col_type = columns[f.name].type
            if isinstance(col_type, String) and col_type.length:
                lengths[f.name] = col_type.length
    return lengths


def parse_values(
    rtype: RecordType,
    raw: Mapping[str, Any],
    *,
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Typed, validated values from what a person typed; raises ValidationFailed listing every problem.

    ``raw`` may hold only some fields (an edit); ``base`` is the rest of the record. A money field may be
    given as Money, as (amount, currency), or as text with the currency in ``<name>_currency``.
    """
    values: dict[str, Any] = dict(base or {})
    problems: list[FieldProblem] = []
    lengths = _max_lengths(rtype)
    for f in rtype.fields:
        if f.name not in raw:
            continue
        given = raw[f.name]
        try:
            if f.kind is Kind.MONEY:
                currency = raw.get(f"{f.name}_currency")
                if isinstance(given, str) and given.strip() and not currency:
                    current = values.get(f.name)
                    currency = current.currency if isinstance(current, Money) else None
                values[f.name] = f.parse(given, currency=currency)
            else:
                values[f.name] = f.parse(given)
        except ValueError as exc:
            problems.append(FieldProblem(f.name, f.label, str(exc)))
    # The limits of every way in (validation.py): lengths, ranges, required fields, cross-field rules.
    problems += record_problems(
        rtype, values, lengths=lengths, checked=list(raw), already=[p.field for p in problems]
    )
    if problems:
        raise ValidationFailed(rtype.label, problems)
    return values


class RecordService:
    """Create, read, update and delete records and catalogue entries, one short transaction per call."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()

    # ------------------------------------------------------------------ reading

    def get(self, type_name: str, key: Any) -> Record:
        rtype = record_type(type_name)
        with self.db.read() as session:
            row = session.get(model_for(rtype), key)
            if row is None:
                raise NotFound(f"The {rtype.label.lower()} {key} no longer exists.")
            return to_record(rtype, row)

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
            return _read_records(session, rtype, stmt)

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
                rtype = record_type(name)
                stmt = self._select(rtype, country=country, search=None, where=None)
                stmt = stmt.order_by(*self._order(rtype, None, False))
                result[name] = _read_records(session, rtype, stmt)
        return result

    def counts_for_country(self, country: str, *, as_of: dt.date | None = None) -> dict[str, int]:
        """How many records of each type one State has (one query); with ``as_of``, only those that exist
        on that date by their type's date field (undated records always do), as ``visible_on`` says.
        Partial dates are stored as text that sorts by start ("2009" < "2009-05" < "2009-05-17"), so a
        record exists on the date when its stored date is at most the date's ISO text."""
        parts = []
        for name, model in RECORD_MODELS.items():
            stmt = select(literal(name).label("t"), func.count().label("n")).where(
                model.country_code == country
            )
            date_field = RECORD_TYPES[name].date_field
            if as_of is not None and date_field is not None:
                column = getattr(model, date_field)
                stmt = stmt.where(or_(column.is_(None), column <= as_of.isoformat()))
            parts.append(stmt)
        with self.db.read() as session:
            return {t: int(n) for t, n in session.execute(union_all(*parts))}

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
        typed = parse_values(rtype, values, base=_defaults(rtype))
        with self.db.write() as session:
            return self._insert(session, rtype, typed, country=country, key=key, action="create")

    def create_many(
        self, items: Iterable[tuple[str, Mapping[str, Any], str | None]]
    ) -> builtins.list[Record]:
        """Create several records in one transaction: all of them, or none if any is refused."""
        created = []
        with self.db.write() as session:
            for type_name, values, country in items:
                rtype = record_type(type_name)
                typed = parse_values(rtype, values, base=_defaults(rtype))
                created.append(
                    self._insert(session, rtype, typed, country=country, key=None, action="create")
                )
        return created

    def restore(self, record: Record) -> Record:
        """Put a deleted record back exactly as it was (undo of a delete)."""
        rtype = record.record_type
        with self.db.write() as session:
            return self._insert(
                session,
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
        expected_version: int | None = None,
        action: str = "update",
    ) -> Record:
        """Apply changes to some fields. With ``expected_version``, refuse if someone saved in between."""
        rtype = record_type(type_name)
        with self.db.write() as session:
            row = self._locked_row(session, rtype, key)
            self._check_version(rtype, row, expected_version)
            self._guard_writable(rtype, row)
            old = to_record(rtype, row)
            typed = parse_values(rtype, changes, base=old.values)
            self._check_refs(session, rtype, typed)
            changed = [
                f for f in rtype.fields if f.to_text(old.values.get(f.name)) != f.to_text(typed.get(f.name))
            ]
            if not changed:
                return old
            self._guard_issuing_fields(rtype, changed)
            for f in changed:
                for column, value in f.to_columns(typed.get(f.name)).items():
                    setattr(row, column, value)
            now = datetime.now()
            row.updated_at = now
            row.updated_by = self.user
            row.version = (row.version or 0) + 1
            write_history(
                session,
                self.user,
                action,
                rtype,
                str(key),
                old.country,
                ((f, old.values.get(f.name), typed.get(f.name)) for f in changed),
                now,
            )
            session.flush()
            return to_record(rtype, row)

    def delete(self, type_name: str, key: Any, *, expected_version: int | None = None) -> Record:
        """Delete a record; returns it as it was, so the deletion can be undone."""
        rtype = record_type(type_name)
        with self.db.write() as session:
            row = self._locked_row(session, rtype, key)
            self._check_version(rtype, row, expected_version)
            self._guard_writable(rtype, row)
            if rtype.catalogue:
                usages = find_usages(session, rtype, key)
                if usages:
                    where = "; ".join(str(u) for u in usages)
                    raise InUse(
                        f"The {rtype.label.lower()} {label_of(to_record(rtype, row))} cannot be deleted: "
                        f"it is used by {where}."
                    )
            old = to_record(rtype, row)
            session.delete(row)
            write_history(
                session,
                self.user,
                "delete",
                rtype,
                str(key),
                old.country,
                (
                    (f, old.values.get(f.name), None)
                    for f in rtype.fields
                    if not f.is_empty(old.values.get(f.name))
                ),
                datetime.now(),
            )
            session.flush()
            return old

    def usages(self, type_name: str, key: Any) -> builtins.list[Usage]:
        rtype = record_type(type_name)
        with self.db.read() as session:
            return find_usages(session, rtype, key)

    # ------------------------------------------------------------------ internals

    def _insert(
        self,
        session: Session,
        rtype: RecordType,
        typed: dict[str, Any],
        *,
        country: str | None,
        key: str | None,
        action: str,
        created: tuple[datetime | None, str] | None = None,
    ) -> Record:
        model = model_for(rtype)
        if rtype.name == "letter" and typed.get("status") == "issued":
            raise ReadOnlyRecord(
                "A letter becomes issued only through Issue, which stores its final text and PDF; "
                "it cannot be created or restored as issued."
            )
        now = datetime.now()
        columns: dict[str, Any] = {}
        for f in rtype.fields:
            columns.update(f.to_columns(typed.get(f.name)))
        if rtype.name == "letter" and not columns.get("reference"):
            columns["reference"] = None  # the reference is unique: a draft without a number holds NULL
        if not rtype.catalogue:
            if not country:
                raise ValidationFailed(rtype.label, [FieldProblem("country", "Country", "is required")])
            if session.get(Country, country) is None:
                raise ValidationFailed(
                    rtype.label, [FieldProblem("country", "Country", f"'{country}' is not a known country")]
                )
            created_at, created_by = created or (now, self.user)
            columns.update(
                id=key or str(uuid.uuid4()),
                country_code=country,
                created_at=created_at or now,
                created_by=created_by or self.user,
                updated_at=now,
                updated_by=self.user,
                version=1,
            )
        else:
            columns.update(updated_at=now, updated_by=self.user, version=1)
            if key is not None and rtype.key not in columns:
                columns[rtype.key] = key
            if rtype.key != "id" and session.get(model, columns.get(rtype.key)) is not None:
                raise ValidationFailed(
                    rtype.label,
                    [
                        FieldProblem(
                            rtype.key, rtype.field(rtype.key).label, f"'{columns[rtype.key]}' is already used"
                        )
                    ],
                )
        self._check_refs(session, rtype, typed)
        row = model(**columns)
        session.add(row)
        session.flush()
        record = to_record(rtype, row)
        write_history(
            session,
            self.user,
            action,
            rtype,
            str(record.key),
            record.country,
            ((f, None, typed.get(f.name)) for f in rtype.fields if not f.is_empty(typed.get(f.name))),
            now,
        )
        return record

    def _locked_row(self, session: Session, rtype: RecordType, key: Any) -> Any:
        model = model_for(rtype)
        stmt = select(model).where(getattr(model, rtype.key) == key)
        if not self.db.is_sqlite:
            stmt = stmt.with_for_update()
        row = session.scalars(stmt).first()
        if row is None:
            raise NotFound(
                f"The {rtype.label.lower()} no longer exists; it may have been deleted by someone else."
            )
        return row

    def _check_version(self, rtype: RecordType, row: Any, expected: int | None) -> None:
        if expected is not None and row.version != expected:
            when = row.updated_at.strftime("%d/%m/%Y %H:%M") if row.updated_at else "an unknown time"
            raise Conflict(
                f"This {rtype.label.lower()} was changed by {row.updated_by or 'someone else'} at {when} "
                "after you opened it: reload it, or save yours again over theirs.",
                to_record(rtype, row),
            )

    def _guard_writable(self, rtype: RecordType, row: Any) -> None:
        if rtype.name == "letter" and row.status == "issued":
            raise ReadOnlyRecord(f"Letter {row.reference} has been issued; an issued letter never changes.")

    def _guard_issuing_fields(self, rtype: RecordType, changed: Iterable[Field]) -> None:
        """A letter's status and reference are set by issuing it (``coopdesk.letters``), never by an edit."""
        if rtype.name == "letter" and any(f.name in ("status", "reference") for f in changed):
            raise ReadOnlyRecord(
                "A letter's reference and status are set when it is issued; they cannot be edited."
            )

    def _check_refs(self, session: Session, rtype: RecordType, typed: Mapping[str, Any]) -> None:
        """The references exist, and what the catalogue says of the record holds (validation.py)."""
        problems = []
        for f in rtype.fields:
            value = typed.get(f.name)
            if f.kind is Kind.REF and value:
                target = ALL_TYPES[f.ref or ""]
                if session.get(model_for(target), value) is None:
                    problems.append(
                        FieldProblem(
                            f.name, f.label, f"'{value}' is not in the catalogue of {target.plural.lower()}"
                        )
                    )
        if not problems and needs_catalogue(rtype):
            facts = CatalogueFacts.load(session, instrument_codes(rtype, typed))
            problems = catalogue_problems(rtype, typed, facts)
        if problems:
            raise ValidationFailed(rtype.label, problems)


def _defaults(rtype: RecordType) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for f in rtype.fields:
        if f.kind is Kind.CHOICE and f.required and f.vocabulary is not None:
            defaults[f.name] = f.vocabulary.values[0]
        if f.kind is Kind.BOOL:
            defaults[f.name] = False
    if rtype.name == "letter":
        defaults["status"] = "draft"
    if rtype.name == "country":
        defaults["member"] = True
    return defaults


def _read_records(session: Session, rtype: RecordType, stmt: Any) -> builtins.list[Record]:
    """Run a ``select(model)`` for its plain column values: ``Record`` values are built from them, so the
    ORM's identity map and attribute instrumentation (most of the cost of a long list) are not needed.
    Each column is labelled with its attribute name, which is what ``to_record`` reads."""
    columns = inspect(model_for(rtype)).columns
    plain = stmt.with_only_columns(*(column.label(key) for key, column in columns.items()))
    return [to_record(rtype, row) for row in session.execute(plain)]


def to_record(rtype: RecordType, row: Any) -> Record:
    values = {f.name: f.from_columns(row) for f in rtype.fields}
    if rtype.catalogue:
        return Record(
            type=rtype.name,
            key=getattr(row, rtype.key),
            values=values,
            version=row.version or 1,
            updated_at=row.updated_at,
            updated_by=row.updated_by or "",
        )
    return Record(
        type=rtype.name,
        key=row.id,
        values=values,
        country=row.country_code,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        created_by=row.created_by,
        updated_by=row.updated_by,
    )


def label_of(record: Record) -> str:
    return record.describe() or str(record.key)


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
        target_model = model_for(target)
        rows = session.scalars(select(target_model).where(getattr(target_model, target.key).in_(codes)))
        named = labels.setdefault(target.name, {})
        for row in rows:
            entry = to_record(target, row)
            named[str(entry.key)] = label_of(entry)
    return labels


def write_history(
    session: Session,
    user: str,
    action: str,
    rtype: RecordType,
    key: str,
    country: str | None,
    changes: Iterable[tuple[Field, Any, Any]],
    at: datetime,
) -> None:
    """History rows for one change, in the caller's transaction."""
    rows = [
        HistoryEntry(
            at=at,
            user=user,
            action=action,
            record_type=rtype.name,
            record_id=key,
            country_code=country,
            field=f.name,
            old_value=f.to_text(old),
            new_value=f.to_text(new),
        )
        for f, old, new in changes
    ]
    if not rows:
        rows = [
            HistoryEntry(
                at=at, user=user, action=action, record_type=rtype.name, record_id=key, country_code=country
            )
        ]
    session.add_all(rows)


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
