"""Dates and action markers as the depositary writes them: "12 Dec 2000", "25 Jun 2003 a", "17 Feb 2005 A".

The letter after a date says which consent the date is for (the column's header lists them:
"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"); a date without one is the
column's first, unmarked action. Letters are case-sensitive: "A" is acceptance, "a" accession.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coopdesk.records.partial_date import MONTH_NAMES

#: The depositary's markers and the actions they stand for (``vocabularies.TREATY_ACTION`` values).
MARKERS: dict[str, str] = {
    "A": "acceptance",
    "AA": "approval",
    "a": "accession",
    "d": "succession",
    "c": "formal_confirmation",
    "s": "definitive_signature",
}

#: Words of a column header and the action they name, most specific first.
_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    ("succession to signature", "signature"),
    ("definitive signature", "definitive_signature"),
    ("formal confirmation", "formal_confirmation"),
    ("consent to be bound", "ratification"),
    ("ratification", "ratification"),
    ("acceptance", "acceptance"),
    ("approval", "approval"),
    ("accession", "accession"),
    ("succession", "succession"),
    ("signature", "signature"),
)

_MONTHS = {
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}

_DEPOSITARY = re.compile(
    r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})"
    r"(?:\s*\(?\s*(?P<marker>AA|A|a|d|c|s)\s*\)?)?(?P<notes>(?:[\s,]*\d{1,3})*)[\s,]*",
    re.ASCII,
)
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:\s*\(?\s*(?P<marker>AA|A|a|d|c|s)\s*\)?)?(?P<notes>(?:[\s,]*\d{1,3})*)[\s,]*",
    re.ASCII,
)
_HEADER_TERM = re.compile(r"^(?P<words>[^()]*?)\s*(?:\(\s*(?P<marker>[A-Za-z]{1,2})\s*\))?$")


@dataclass(frozen=True)
class ColumnActions:
    """How to read one date column: the action of an unmarked date, and what each marker means."""

    unmarked: str | None  # None when the header marks every action: a date then needs its mark
    markers: dict[str, str]

    @classmethod
    def from_header(cls, header: str) -> ColumnActions | None:
        """The column's actions from its header ("Ratification, Acceptance(A), ..."); None when the
        header names no treaty action (a column to ignore)."""
        markers = dict(MARKERS)
        unmarked: str | None = None
        named = False
        for term in re.split(r"[,;/]|\band\b", header.replace("\n", " ")):
            match = _HEADER_TERM.match(" ".join(term.split()))
            if match is None:
                continue
            action = _action_of_words(match["words"])
            if action is None:
                continue
            named = True
            if match["marker"]:
                markers[match["marker"]] = action
            elif unmarked is None:
                unmarked = action
        if not named:
            return None
        return cls(unmarked, markers)


def _action_of_words(words: str) -> str | None:
    text = " ".join(words.casefold().split())
    for phrase, action in _HEADER_WORDS:
        if text.startswith(phrase) or text == phrase:
            return action
    return None


def parse_cell(text: str, column: ColumnActions) -> tuple[str, dt.date] | None:
    """(action, date) of one date cell, None for an empty cell; raises ValueError saying what is wrong."""
    cell = " ".join(text.replace("\u00a0", " ").split())
    if not cell or cell in ("-", "—", "–"):
        return None
    match = _DEPOSITARY.fullmatch(cell) or _ISO.fullmatch(cell)
    if match is None:
        raise ValueError(f"'{cell}' is not a date as the depositary writes them (such as '25 Jun 2003 a')")
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.casefold())
    if month is None:
        raise ValueError(f"'{cell}': '{month_text}' is not a month")
    try:
        date = dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        raise ValueError(f"'{cell}' is not a date that exists") from None
    marker = match["marker"]
    if marker is None:
        if column.unmarked is None:
            raise ValueError(f"'{cell}' has no mark saying which action it is (such as 'a' for accession)")
        return column.unmarked, date
    action = column.markers.get(marker)
    if action is None:
        raise ValueError(f"'{cell}': the mark '{marker}' is not one this column's header lists")
    return action, date


def depositary_text(date: dt.date) -> str:
    """A date as the depositary prints it: "25 Jun 2003"."""
    return f"{date.day} {MONTH_NAMES[date.month - 1][:3]} {date.year}"


_STATUS_AS_AT = re.compile(
    r"status\s+as\s+at\s*:?\s*(?:(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
    r"|(?P<text>\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}))",
    re.IGNORECASE,
)


def find_status_as_at(text: str) -> dt.date | None:
    """The page's own "Status as at : 21-11-2024 05:00:12 EDT" (day first, as the depositary prints it)."""
    match = _STATUS_AS_AT.search(text)
    if match is None:
        return None
    try:
        if match["text"]:
            found = parse_cell(match["text"], ColumnActions("signature", {}))
            return found[1] if found else None
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
