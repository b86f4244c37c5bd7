"""A status table as read from the depositary's page: participants, their dated steps, the problems.

Plain data, built by ``coopdesk.treaty_status.reading`` and read by ``reconcile``. A line number is the
line of the pasted text, CSV or HTML file where the participant's row is, so every message can say
where to look.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class TableFormat(StrEnum):
    PASTED = "pasted table"
    CSV = "CSV file"
    HTML = "HTML page"


class TableRefused(Exception):
    """The input cannot be read as a status table at all; the message says why, in plain words."""


@dataclass(frozen=True)
class TableStep:
    """One dated treaty action of a participant as the table shows it ("25 Jun 2003 a")."""

    action: str  # a value of ``vocabularies.TREATY_ACTION``: "signature", "accession", ...
    date: dt.date
    text: str  # as the depositary wrote it, for messages


@dataclass(frozen=True)
class TableRow:
    """One participant: its name as the depositary writes it, its signature and its consent."""

    line: int
    name: str  # without footnote markers or brackets: "Czechia", not "Czechia 2,3"
    written: str  # the cell as it was: "Czechia 2,3"
    signature: TableStep | None = None
    consent: TableStep | None = None
    withdrawn: bool = False  # the depositary prints a withdrawn participant's name between brackets


@dataclass(frozen=True)
class TableProblem:
    """Something wrong in the table that stops it being applied; ``line`` says where, when known."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class StatusTable:
    """What was read: the participants in table order, the problems found on the way, and what the
    page says about itself (its "status as at" date, its title text for guessing the treaty)."""

    source: str  # the file's name, or "pasted table"
    format: TableFormat
    rows: tuple[TableRow, ...]
    problems: tuple[TableProblem, ...] = ()
    status_as_at: dt.date | None = None
    title_text: str = ""  # the text around the table (page title, headings), for the instrument guess
    headers: tuple[str, ...] = field(default=())
