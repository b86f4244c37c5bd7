"""Changes written together: several creations, edits, deletions and restorations in one transaction.

``RecordService.apply_batch`` writes a ``Batch`` through the one write path (version checks, lifecycle,
who and when, history), all of it or none. A treaty status table is applied this way, and undone as one
step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.records.fields import Kind
from coopdesk.records.record import Record, model_for
from coopdesk.records.types import ALL_TYPES, record_type


@dataclass(frozen=True)
class NewRecord:
    """A record to create in a batch."""

    type: str
    values: Mapping[str, Any]
    country: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class RecordEdit:
    """Changes to some fields of a record; refused if its version is no longer ``expected_version``."""

    type: str
    key: Any
    changes: Mapping[str, Any]
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordRemoval:
    type: str
    key: Any
    expected_version: int | None = None


@dataclass(frozen=True)
class Batch:
    """Changes written together: deletions, restorations, updates and creations, in that order."""

    create: Sequence[NewRecord] = ()
    update: Sequence[RecordEdit] = ()
    delete: Sequence[RecordRemoval] = ()
    restore: Sequence[Record] = ()


@dataclass
class BatchResult:
    """The records as a batch left them (each deleted one as it was, so it can be restored)."""

    created: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    deleted: list[Record] = field(default_factory=list)
    restored: list[Record] = field(default_factory=list)


def preload_references(session: Session, batch: Batch) -> list[Any]:
    """The countries and catalogue entries a batch refers to, loaded with one query per type, so each
    record's checks find them in the session instead of one query each. The caller keeps the returned
    list while it works: the session holds its rows only weakly."""
    wanted: dict[str, set[Any]] = {"country": set()}
    for new in batch.create:
        if new.country:
            wanted["country"].add(new.country)
    for record in batch.restore:
        if record.country:
            wanted["country"].add(record.country)
    for type_name, values in [
        *((n.type, n.values) for n in batch.create),
        *((e.type, e.changes) for e in batch.update),
    ]:
        for f in record_type(type_name).fields:
            value = values.get(f.name)
            if f.kind is Kind.REF and f.ref and isinstance(value, str) and value:
                wanted.setdefault(f.ref, set()).add(value)
    held: list[Any] = []
    for ref, keys in wanted.items():
        if keys:
            target = ALL_TYPES[ref]
            model = model_for(target)
            held.extend(session.scalars(select(model).where(getattr(model, target.key).in_(sorted(keys)))))
    return held
