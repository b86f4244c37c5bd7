"""Checks for PartialDate: UN-style years, months and full dates that sort, store and print correctly."""

import calendar
import datetime
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.records.partial_date import PartialDate, format_range


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Any valid PartialDate, of all three precisions, including 29 February in leap years."""
    year = draw(st.integers(min_value=1000, max_value=9999))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(min_value=1, max_value=12))
    if precision == "month":
        return PartialDate(year, month)
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


day_dates = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31))


# -- construction ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "precision"),
    [((2008,), "year"), ((2009, 5), "month"), ((2005, 2, 17), "day"), ((2008, 2, 29), "day")],
)
def test_valid_parts_give_their_precision(parts: tuple[int, ...], precision: str) -> None:
    assert PartialDate(*parts).precision == precision


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((2009, 2, 31), "31 February 2009 is not a date"),
        ((2009, 2, 29), "February 2009 has 28 days"),
        ((1900, 2, 29), "February 1900 has 28 days"),
        ((2009, 4, 31), "April 2009 has 30 days"),
        ((2009, 1, 0), "January 2009 has 31 days"),
        ((2009, 13), "months run from 1 to 12"),
        ((2009, 0), "months run from 1 to 12"),
        ((999,), "years run from 1000 to 9999"),
        ((10000,), "years run from 1000 to 9999"),
        ((2009, None, 3), "a day needs a month"),
    ],
)
def test_impossible_parts_are_refused_in_plain_words(parts: tuple[int | None, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate(*parts)  # type: ignore[arg-type]


def test_leap_days_follow_the_gregorian_rules() -> None:
    assert PartialDate(2000, 2, 29).day == 29
    assert PartialDate(2008, 2, 29).day == 29


@pytest.mark.parametrize("parts", [("2009",), (2009.0,), (True,), (2009, "5"), (2009, 5, 1.0)])
def test_parts_that_are_not_whole_numbers_are_a_type_error(parts: tuple[object, ...]) -> None:
    with pytest.raises(TypeError, match="whole number"):
        PartialDate(*parts)  # type: ignore[arg-type]


def test_is_immutable_and_hashable() -> None:
    date = PartialDate(2009, 5)
    with pytest.raises(FrozenInstanceError):
        date.year = 2010  # type: ignore[misc]
    assert {PartialDate(2009, 5), PartialDate(2009, 5), PartialDate(2009)} == {date, PartialDate(2009)}


# -- ordering -------------------------------------------------------------------------------------------


def test_coarser_dates_sort_before_the_finer_dates_they_contain() -> None:
    year, may, may_first, june = (
        PartialDate(2008),
        PartialDate(2008, 5),
        PartialDate(2008, 5, 1),
        PartialDate(2008, 6),
    )
    assert year < may < may_first < june
    assert june > may_first > may > year
    assert year <= year and year >= year
    assert sorted([june, may_first, year, may]) == [year, may, may_first, june]


def test_comparing_with_other_types_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = PartialDate(2008) < 2009  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = PartialDate(2008) >= datetime.date(2008, 1, 1)  # type: ignore[operator]
    assert PartialDate(2008, 1, 1) != datetime.date(2008, 1, 1)


@given(partial_dates(), partial_dates())
def test_ordering_agrees_with_storage_string_ordering(a: PartialDate, b: PartialDate) -> None:
    sa, sb = a.to_storage(), b.to_storage()
    assert (a < b) == (sa < sb)
    assert (a <= b) == (sa <= sb)
    assert (a > b) == (sa > sb)
    assert (a >= b) == (sa >= sb)
    assert (a == b) == (sa == sb)


@given(partial_dates(), partial_dates())
def test_ordering_is_total(a: PartialDate, b: PartialDate) -> None:
    assert [a < b, a == b, a > b].count(True) == 1


@given(day_dates, day_dates)
def test_day_precision_ordering_agrees_with_start(d1: datetime.date, d2: datetime.date) -> None:
    a, b = PartialDate.from_date(d1), PartialDate.from_date(d2)
    assert (a < b) == (a.start() < b.start())
    assert (a == b) == (a.start() == b.start())


# -- days covered ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        (PartialDate(2008), datetime.date(2008, 1, 1), datetime.date(2008, 12, 31)),
        (PartialDate(2008, 2), datetime.date(2008, 2, 1), datetime.date(2008, 2, 29)),
        (PartialDate(2009, 2), datetime.date(2009, 2, 1), datetime.date(2009, 2, 28)),
        (PartialDate(2009, 5, 17), datetime.date(2009, 5, 17), datetime.date(2009, 5, 17)),
    ],
)
def test_start_and_end_cover_the_stated_period(
    date: PartialDate, start: datetime.date, end: datetime.date
) -> None:
    assert (date.start(), date.end()) == (start, end)


@given(partial_dates())
def test_start_is_never_after_end(date: PartialDate) -> None:
    assert date.start() <= date.end()
    assert PartialDate.from_date(date.start()) >= date


@given(day_dates)
def test_from_date_round_trips(d: datetime.date) -> None:
    date = PartialDate.from_date(d)
    assert date.precision == "day"
    assert date.start() == date.end() == d


# -- storage --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "stored"),
    [
        (PartialDate(2008), "2008"),
        (PartialDate(2009, 5), "2009-05"),
        (PartialDate(2005, 2, 17), "2005-02-17"),
    ],
)
def test_storage_strings(date: PartialDate, stored: str) -> None:
    assert date.to_storage() == stored
    assert PartialDate.from_storage(stored) == date


@given(partial_dates())
def test_storage_round_trips(date: PartialDate) -> None:
    assert PartialDate.from_storage(date.to_storage()) == date


@pytest.mark.parametrize(
    "stored", ["", "08", "2009-5", "2009-05-7", " 2008", "2009/05", "2009-13", "2009-02-30"]
)
def test_from_storage_refuses_anything_to_storage_would_not_write(stored: str) -> None:
    with pytest.raises(ValueError, match="is not a"):
        PartialDate.from_storage(stored)


# -- parsing what users type ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2008", PartialDate(2008)),
        ("  2008 ", PartialDate(2008)),
        ("May 2009", PartialDate(2009, 5)),
        ("may 2009", PartialDate(2009, 5)),
        ("MAY  2009", PartialDate(2009, 5)),
        ("Sep 2009", PartialDate(2009, 9)),
        ("Sept. 2009", PartialDate(2009, 9)),
        ("September 2009", PartialDate(2009, 9)),
        ("2009-05", PartialDate(2009, 5)),
        ("05/2009", PartialDate(2009, 5)),
        ("5/2009", PartialDate(2009, 5)),
        ("17 February 2005", PartialDate(2005, 2, 17)),
        ("17 february 2005", PartialDate(2005, 2, 17)),
        ("17 Feb 2005", PartialDate(2005, 2, 17)),
        ("17 Feb. 2005", PartialDate(2005, 2, 17)),
        ("17th February 2005", PartialDate(2005, 2, 17)),
        ("February 17, 2005", PartialDate(2005, 2, 17)),
        ("Feb 17 2005", PartialDate(2005, 2, 17)),
        ("2005-02-17", PartialDate(2005, 2, 17)),
        ("17/02/2005", PartialDate(2005, 2, 17)),
        ("17.02.2005", PartialDate(2005, 2, 17)),
        ("17-02-2005", PartialDate(2005, 2, 17)),
        ("1/2/2005", PartialDate(2005, 2, 1)),
        (" 17 / 02 / 2005 ", PartialDate(2005, 2, 17)),
        ("29/02/2008", PartialDate(2008, 2, 29)),
    ],
)
def test_parse_accepts_each_documented_form(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2009", "'31/02/2009' is not a date: February 2009 has 28 days"),
        (
            "next week",
            "'next week' is not a date: type a year (2008), a month and year (May 2009) "
            "or a full date (17/02/2005)",
        ),
        ("Mai 2009", "'Mai 2009' is not a date: 'mai' is not a month"),
        ("13/2009", "'13/2009' is not a date: months run from 1 to 12"),
        ("0999", "'0999' is not a date: years run from 1000 to 9999"),
        ("29 February 2009", "'29 February 2009' is not a date: February 2009 has 28 days"),
    ],
)
def test_parse_errors_name_the_input_and_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "08",
        "2009-5-1x",
        "17/02-2005",
        "May",
        "32 May 2009",
        "2005-02-17T00:00",
        "\u0661\u0662/2009",
    ],
)
def test_parse_refuses_other_text_naming_it(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(text)
    assert f"'{text.strip()}' is not a date" in str(caught.value)


@given(st.text(max_size=30))
def test_parse_of_any_text_gives_a_date_or_a_value_error(text: str) -> None:
    try:
        result = PartialDate.parse(text)
    except ValueError as error:
        assert f"'{text.strip()}'" in str(error)
    else:
        assert isinstance(result, PartialDate)


@given(partial_dates())
def test_text_round_trips(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert PartialDate.parse(date.to_storage()) == date
    assert PartialDate.parse(str(date).upper()) == date


# -- display --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (PartialDate(2008), "2008"),
        (PartialDate(2009, 5), "May 2009"),
        (PartialDate(2005, 2, 17), "17 February 2005"),
        (PartialDate(2005, 2, 7), "7 February 2005"),
    ],
)
def test_str_is_un_style_at_its_own_precision(date: PartialDate, text: str) -> None:
    assert str(date) == date.format() == text
    assert repr(date) == f"PartialDate('{text}')"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (PartialDate(2005, 2, 17), None, "17 February 2005"),
        (PartialDate(2005, 2, 17), PartialDate(2005, 2, 17), "17 February 2005"),
        (PartialDate(2008, 10, 8), PartialDate(2008, 10, 17), "8-17 October 2008"),
        (PartialDate(2009, 9, 30), PartialDate(2009, 10, 2), "30 September-2 October 2009"),
        (PartialDate(2008, 12, 30), PartialDate(2009, 1, 2), "30 December 2008-2 January 2009"),
        (PartialDate(2009, 5), PartialDate(2009, 5), "May 2009"),
        (PartialDate(2009, 5), PartialDate(2009, 6), "May-June 2009"),
        (PartialDate(2008, 5), PartialDate(2009, 6), "May 2008-June 2009"),
        (PartialDate(2008), PartialDate(2009), "2008-2009"),
        (PartialDate(2008), PartialDate(2009, 5), "2008-May 2009"),
        (PartialDate(2009, 5), PartialDate(2009, 5, 3), "May 2009-3 May 2009"),
        (PartialDate(2009), PartialDate(2009, 5, 3), "2009-3 May 2009"),
    ],
)
def test_format_range_is_compact_un_style(start: PartialDate, end: PartialDate | None, text: str) -> None:
    assert format_range(start, end) == text


@given(partial_dates())
def test_format_range_of_a_single_date_is_the_date(date: PartialDate) -> None:
    assert format_range(date, None) == format_range(date, date) == str(date)


@given(partial_dates(), partial_dates())
def test_format_range_shows_both_ends_when_they_differ(a: PartialDate, b: PartialDate) -> None:
    text = format_range(a, b)
    assert text.endswith(str(b))
    assert (text == str(a)) == (a == b)


def test_importing_does_not_load_qt() -> None:
    code = "import sys, coopdesk.records.partial_date; assert not any(m.startswith('PySide6') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
