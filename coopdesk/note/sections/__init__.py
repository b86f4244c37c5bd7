"""The parts of the country note, each a pure function of one ``Drafting`` (the inputs, the date, the
language), one module per part of the note; their order is ``coopdesk.note.builder.SECTIONS``, and the
parts that may state an absence are in ``coopdesk.note.absences``.

Every section returns the bullets it has to say on the note's date (possibly none): what the records
placed by then show, and a negative only where the area was checked complete (``coopdesk.note.claims``).
The sections choose the facts and their order; every sentence is worded by the note's ``Language``.
"""

from __future__ import annotations

from coopdesk.note.sections.activities import contributions, national_initiatives, resolutions
from coopdesk.note.sections.common import COUNT_THRESHOLD, Section
from coopdesk.note.sections.meetings import meetings
from coopdesk.note.sections.memberships import memberships
from coopdesk.note.sections.reports import global_reports, surveys
from coopdesk.note.sections.treaties import conventions

__all__ = [
    "COUNT_THRESHOLD",
    "Section",
    "contributions",
    "conventions",
    "global_reports",
    "meetings",
    "memberships",
    "national_initiatives",
    "resolutions",
    "surveys",
]
