"""A record as plain data, and the refusals a person reads: what every layer above the database hands around.

Services return ``Record`` objects, never live ORM rows (a row kept in a Qt model goes stale after its
session ends).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from coopdesk.db.models import CATALOGUE_MODELS, RECORD_MODELS
from coopdesk.records.record_type import RecordType, RefLabels
from coopdesk.records.types import record_type


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


def record_reader(rtype: RecordType, columns: Sequence[str]) -> Callable[[Sequence[Any]], Record]:
    """``to_record`` for rows of plain column values in the order of ``columns`` (the model's attribute
    names), worked out once for a query: a long list is read several times faster than through
    ``to_record``, which looks each value up by name and tests its field's kind."""
    position = {name: i for i, name in enumerate(columns)}
    readers = [(f.name, f.reader(position)) for f in rtype.fields]
    type_name = rtype.name
    if rtype.catalogue:
        key_at, version_at = position[rtype.key], position["version"]
        updated_at_at, updated_by_at = position["updated_at"], position["updated_by"]

        def catalogue_entry(row: Sequence[Any]) -> Record:
            return Record(
                type=type_name,
                key=row[key_at],
                values={name: read(row) for name, read in readers},
                version=row[version_at] or 1,
                updated_at=row[updated_at_at],
                updated_by=row[updated_by_at] or "",
            )

        return catalogue_entry
    at = [
        position[name]
        for name in ("id", "country_code", "version", "created_at", "updated_at", "created_by", "updated_by")
    ]
    id_at, country_at, version_at, created_at_at, updated_at_at, created_by_at, updated_by_at = at

    def record(row: Sequence[Any]) -> Record:
        return Record(
            type=type_name,
            key=row[id_at],
            values={name: read(row) for name, read in readers},
            country=row[country_at],
            version=row[version_at],
            created_at=row[created_at_at],
            updated_at=row[updated_at_at],
            created_by=row[created_by_at],
            updated_by=row[updated_by_at],
        )

    return record


def label_of(record: Record) -> str:
    return record.describe() or str(record.key)
