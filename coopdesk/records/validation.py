"""Typed, validated values from what a person typed: the one validation every way in goes through."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, inspect

from coopdesk.records.fields import Kind
from coopdesk.records.money import Money
from coopdesk.records.record import model_for
from coopdesk.records.record_type import FieldProblem, RecordType, ValidationFailed


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
            continue
        limit = lengths.get(f.name)
        text = values[f.name]
        if limit and isinstance(text, str) and len(text) > limit:
            problems.append(
                FieldProblem(f.name, f.label, f"is too long ({len(text)} characters; at most {limit})")
            )
    for f in rtype.fields:
        missing = f.required and not f.read_only and f.is_empty(values.get(f.name))
        if missing and not any(p.field == f.name for p in problems):
            problems.append(FieldProblem(f.name, f.label, "is required"))
    if not problems:
        for rule in rtype.rules:
            for name, reason in rule(values):
                problems.append(FieldProblem(name, rtype.field(name).label, reason))
    if problems:
        raise ValidationFailed(rtype.label, problems)
    return values
