"""Dates as UN documents state them: a year, a month and year, or a full date.

Records say "In 2008", "elected in May 2009" or "on 17 February 2005". Forcing these into a full
``datetime.date`` would invent a precision the source never gave, so ``PartialDate`` keeps only what
was stated, sorts sensibly against other precisions and prints back in the same UN style.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["PartialDate", "Precision", "format_range"]

Precision = Literal["year", "month", "day"]

MIN_YEAR = 1000
MAX_YEAR = 9999

# English names, fixed here rather than taken from the locale, so output never depends on the machine.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Full names, three-letter abbreviations and the common "Sept", all lower case.
_MONTH_LOOKUP: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}

_HINT = "type a year (2008), a month and year (May 2009) or a full date (17/02/2005)"

# What a user may type. ASCII-only so that digits from other scripts are not silently accepted.
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_ONLY = re.compile(r"(\d{4})", re.ASCII)
_MONTH_NAME_YEAR = re.compile(r"([a-z]+)\.?\s*,?\s*(\d{4})", re.ASCII)
_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})", re.ASCII)
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[-/.](\d{4})", re.ASCII)
_DAY_MONTH_NAME_YEAR = re.compile(rf"(\d{{1,2}}){_ORD}\s*([a-z]+)\.?\s*,?\s*(\d{{4}})", re.ASCII)
_MONTH_NAME_DAY_YEAR = re.compile(rf"([a-z]+)\.?\s*(\d{{1,2}}){_ORD}(?:\s*,\s*|\s+)(\d{{4}})", re.ASCII)
_ISO_DAY = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
_NUMERIC_DAY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", re.ASCII)

_STORAGE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class _DateProblem(ValueError):
    """A date that cannot exist, kept in two parts so callers can name the input their own way."""

    def __init__(self, subject: str, reason: str) -> None:
        super().__init__(f"{subject} is not a date: {reason}")
        self.reason = reason


def _check(year: int, month: int | None, day: int | None) -> None:
    """Raise ``_DateProblem`` unless the parts make a real year, month or day."""
    if (
        year.__class__ is not int
        or (month is not None and month.__class__ is not int)
        or (day is not None and day.__class__ is not int)
    ):  # plain ints (nearly always) need no closer look
        for name, value in (("year", year), ("month", month), ("day", day)):
            if (value is not None or name == "year") and (
                not isinstance(value, int) or isinstance(value, bool)
            ):
                raise TypeError(f"PartialDate {name} must be a whole number, not {value!r}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _DateProblem(f"the year {year}", f"years run from {MIN_YEAR} to {MAX_YEAR}")
    if month is None:
        if day is not None:
            raise _DateProblem(f"day {day} of {year}", "a day needs a month")
        return
    if not 1 <= month <= 12:
        raise _DateProblem(f"month {month} of {year}", "months run from 1 to 12")
    if day is None or 1 <= day <= 28:  # every month has 28 days
        return
    month_name = MONTH_NAMES[month - 1]
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _DateProblem(f"{day} {month_name} {year}", f"{month_name} {year} has {days} days")


@dataclass(frozen=True, order=False, slots=True)
class PartialDate:
    """A year, a month and year, or a full date: no more precise than the source document.

    Ordering is by (year, month or 0, day or 0), so a coarser date sorts before the finer dates it
    contains: 2008 < May 2008 < 1 May 2008 < June 2008.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        """Refuse impossible dates at the door, so every PartialDate in the app is a real one."""
        _check(self.year, self.month, self.day)

    # -- precision and the days covered -------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        """How much the source stated: "year", "month" or "day"."""
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    def start(self) -> datetime.date:
        """First day covered, for comparing with full dates and filtering by period."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> datetime.date:
        """Last day covered, so "May 2009" includes 31 May 2009 when filtering."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, d: datetime.date) -> "PartialDate":
        """Wrap a full date (for example today) as a day-precision PartialDate."""
        return cls(d.year, d.month, d.day)

    # -- ordering -----------------------------------------------------------------------------------

    def sort_key(self) -> tuple[int, int, int]:
        """What the ordering compares: (year, month or 0, day or 0). A sort by this key is a sort of the
        dates, with the comparisons made in C (``sorted(dates, key=PartialDate.sort_key)``)."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    # -- storage ------------------------------------------------------------------------------------

    def to_storage(self) -> str:
        """Text such as "2008", "2009-05" or "2005-02-17", which sorts in the same order as the values."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_storage(cls, s: str) -> "PartialDate":
        """Read back exactly what ``to_storage`` wrote; anything else is a corrupt value."""
        match = _STORAGE.fullmatch(s)
        if match is None:
            raise ValueError(f"{s!r} is not a stored date: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), _int_or_none(month), _int_or_none(day))

    # -- what users type and read -------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read what a user types, in any of the common forms; day-first for numeric dates (UN style)."""
        shown = text.strip()
        if len(shown) > 40:  # no date is written so long: say so without quoting it all
            raise ValueError(f"'{shown[:39]}…' is not a date: {_HINT}")
        normalized = " ".join(text.split()).lower()
        normalized = re.sub(r"\s*([-/])\s*", r"\1", normalized)
        try:
            parts = _recognise(normalized)
        except _UnknownMonth as error:
            raise ValueError(f"'{shown}' is not a date: '{error.word}' is not a month") from None
        if parts is None:
            raise ValueError(f"'{shown}' is not a date: {_HINT}")
        try:
            return cls(*parts)
        except _DateProblem as error:
            raise ValueError(f"'{shown}' is not a date: {error.reason}") from None

    def format(self) -> str:
        """UN style at the date's own precision: "2008", "May 2009", "17 February 2005"."""
        if self.month is None:
            return str(self.year)
        month_name = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month_name} {self.year}"
        return f"{self.day} {month_name} {self.year}"

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"PartialDate({self.format()!r})"


class _UnknownMonth(Exception):
    """A word in a month's place that is no month, reported back to the user by name."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


def _int_or_none(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _month_number(word: str) -> int:
    number = _MONTH_LOOKUP.get(word)
    if number is None:
        raise _UnknownMonth(word)
    return number


def _recognise(text: str) -> tuple[int, int | None, int | None] | None:
    """Split normalized user text into (year, month, day), or None when no known form matches."""
    if match := _YEAR_ONLY.fullmatch(text):
        return (int(match[1]), None, None)
    if match := _ISO_MONTH.fullmatch(text):
        return (int(match[1]), int(match[2]), None)
    if match := _NUMERIC_MONTH.fullmatch(text):
        return (int(match[2]), int(match[1]), None)
    if match := _ISO_DAY.fullmatch(text):
        return (int(match[1]), int(match[3]), int(match[4]))
    if match := _NUMERIC_DAY.fullmatch(text):
        return (int(match[4]), int(match[3]), int(match[1]))
    if match := _MONTH_NAME_YEAR.fullmatch(text):
        return (int(match[2]), _month_number(match[1]), None)
    if match := _DAY_MONTH_NAME_YEAR.fullmatch(text):
        return (int(match[3]), _month_number(match[2]), int(match[1]))
    if match := _MONTH_NAME_DAY_YEAR.fullmatch(text):
        return (int(match[3]), _month_number(match[1]), int(match[2]))
    return None


def format_range(start: PartialDate, end: PartialDate | None) -> str:
    """A period in compact UN style ("8-17 October 2008"), sharing the month and year where both do.

    Dates of different precisions are joined whole ("2008-May 2009"), since sharing parts between
    them would misstate what the source said. The order is not checked: this only displays.
    """
    if end is None or end == start:
        return str(start)
    if start.year == end.year and start.month is not None and end.month is not None:
        start_month = MONTH_NAMES[start.month - 1]
        if start.day is not None and end.day is not None:
            if start.month == end.month:
                return f"{start.day}-{end}"
            return f"{start.day} {start_month}-{end}"
        if start.day is None and end.day is None:
            return f"{start_month}-{end}"
    return f"{start}-{end}"
