"""Typed, validated values from what a person typed: the one validation every way in goes through."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, inspect

from coopdesk.records.fields import Kind
from coopdesk.records.limits import record_problems
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
    # The limits of every way in (limits.py): lengths, ranges, required fields, cross-field rules.
    problems += record_problems(
        rtype, values, lengths=lengths, checked=list(raw), already=[p.field for p in problems]
    )
    if problems:
        raise ValidationFailed(rtype.label, problems)
    return values
