"""The workbook reader checks a sheet by looking down its columns first (``check_rows``); what it finds
must be exactly what the form's checker (``record_checker``) finds row by row: the same rows, the same
fields, the same words. Values are drawn at random around every limit."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.excel.columns_read import FAILED, check_rows
from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.sheets import RECORD_LAYOUTS
from coopdesk.records.fields import Kind
from coopdesk.records.limits import LATEST_YEAR, MAX_AMOUNT_MINOR, record_checker
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import model_for

LAYOUTS = {layout.rtype.name: layout for layout in RECORD_LAYOUTS}
TYPES = ["membership", "contribution", "reporting", "treaty_action", "project"]

texts = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=12),
    st.sampled_from(["a\x00b", "x\ufffe", "y\uffff", "A" * 300, "B" * 40_000]),
)
dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1800, 2200)),
    st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28)),
)
amounts = st.one_of(
    st.none(),
    st.builds(
        Money,
        st.sampled_from([0, 1, -5, 250_000, MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR + 1, -(10**16)]),
        st.sampled_from(["USD", "EUR"]),
    ),
)
ints = st.one_of(st.none(), st.integers(-3, 25), st.sampled_from([2**31, -(2**31) - 1]))


def value_for(kind: Kind) -> st.SearchStrategy[Any]:
    if kind is Kind.PDATE:
        return dates
    if kind is Kind.MONEY:
        return amounts
    if kind is Kind.INT:
        return ints
    if kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF):
        return texts
    return st.one_of(st.none(), st.just("x"))


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]], list[set[str]]]:
    """A record type, its columns of typed values (a few cells that could not be read: FAILED), and for
    each row the labels of the cells reported unreadable."""
    name = draw(st.sampled_from(TYPES))
    fields = LAYOUTS[name].rtype.fields
    n = draw(st.integers(1, 8))
    columns: dict[str, list[Any]] = {}
    unreadable: list[set[str]] = [set() for _ in range(n)]
    for f in fields:
        if f.read_only or draw(st.integers(0, 9)) == 0:
            continue  # a column the sheet lacks now and then
        column = draw(st.lists(value_for(f.kind), min_size=n, max_size=n))
        for i in range(n):
            if draw(st.integers(0, 14)) == 0:
                column[i] = FAILED
                unreadable[i].add(f.label)
        columns[f.name] = column
    return name, columns, unreadable


def row_by_row(
    name: str, columns: dict[str, list[Any]], found: list[list[ImportProblem]]
) -> dict[int, list[tuple[str, str]]]:
    rtype = LAYOUTS[name].rtype
    table = model_for(rtype).__table__.c
    lengths = {
        f.name: table[f.name].type.length
        for f in rtype.fields
        if f.kind is Kind.TEXT and getattr(table[f.name].type, "length", None)
    }
    labels = {f.label: f.name for f in rtype.fields}
    check = record_checker(rtype, lengths)
    result = {}
    n = len(found)
    for i in range(n):
        row = {k: column[i] for k, column in columns.items() if column[i] is not FAILED}
        problems = check(row, None, [labels[p.column] for p in found[i] if p.column in labels])
        if problems:
            result[i] = [(p.label, p.reason) for p in problems]
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_looking_down_the_columns_finds_what_the_form_finds_row_by_row(
    sheet: tuple[str, dict[str, list[Any]], list[set[str]]],
) -> None:
    name, columns, unreadable = sheet
    layout = LAYOUTS[name]
    n = len(unreadable)
    numbers = list(range(2, n + 2))
    found = [
        [ImportProblem(layout.title, numbers[i], label, "cannot be read") for label in sorted(labels)]
        for i, labels in enumerate(unreadable)
    ]
    by_columns = check_rows(layout, columns, numbers, found)
    assert {i: [(p.column, p.message) for p in problems] for i, problems in by_columns.items()} == row_by_row(
        name, columns, found
    )
    assert all(p.row == numbers[i] and p.sheet == layout.title for i, ps in by_columns.items() for p in ps)


def test_a_clean_column_and_one_bad_value_among_many() -> None:
    """The quick look down a column lets nothing through: one overlong title among 2,000 fine ones,
    one date past the latest year, one term ending before it starts."""
    layout = LAYOUTS["membership"]
    n = 2_000
    columns: dict[str, list[Any]] = {
        "body_code": ["CND"] * n,
        "role": ["member"] * n,
        "term_start": [PartialDate(2010)] * n,
        "term_end": [PartialDate(2013)] * n,
        "term_years": [3] * n,
    }
    columns["term_start"][700] = PartialDate(LATEST_YEAR + 1)
    columns["term_end"][1500] = PartialDate(2009)
    columns["body_code"][1999] = "C" * 40_000
    problems = check_rows(layout, columns, list(range(2, n + 2)), [[] for _ in range(n)])
    assert sorted(problems) == [700, 1500, 1999]
    assert "out of range" in problems[700][0].message
    assert problems[1999][0].column == "Body" and "too long" in problems[1999][0].message
