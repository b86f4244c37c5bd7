"""Every record type, declared once (the catalogue's types are in ``catalogue_types``).

The tables and forms of the editor, the workbook's sheets and drop-downs, the importer's parsing and the
history all derive from these declarations. The storage columns live in ``coopdesk.db.models``; a test
checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from coopdesk.records import vocabularies as v
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Field, Kind
from coopdesk.records.record_type import (
    SOURCE_DATE,
    Lifecycle,
    RecordType,
    Rule,
    before,
    not_before_cycle,
    one_of,
)

COMMON_FIELDS = (
    Field("source", "Source", help="Document symbol or address the fact comes from", in_table=False),
    Field(
        SOURCE_DATE,
        "Source dated",
        Kind.PDATE,
        in_table=False,
        help="Date of that document; a record without its own date is placed in time by it",
    ),
    Field("notes", "Notes", Kind.LONGTEXT, in_table=False),
)


def _with_common(*fields: Field) -> tuple[Field, ...]:
    return (*fields, *COMMON_FIELDS)


TREATY_ACTION = RecordType(
    "treaty_action",
    "Treaty action",
    "Treaty actions",
    _with_common(
        Field("instrument_code", "Instrument", Kind.REF, required=True, ref="instrument"),
        Field("action", "Action", Kind.CHOICE, required=True, vocabulary=v.TREATY_ACTION),
        Field("action_date", "Date", Kind.PDATE, required=True),
        Field("effect_date", "Date of effect", Kind.PDATE, in_table=False),
        Field("depositary_notification", "Depositary notification", in_table=False),
        Field("text", "Reservation or declaration", Kind.LONGTEXT, in_table=False),
    ),
    date_field="action_date",
    summary=lambda r: f"{v.TREATY_ACTION.label(r.get('action') or '').lower()} of {r.get('instrument_code')}",
    rules=(before("action_date", "effect_date", "the date of effect cannot be before the action"),),
)

MEMBERSHIP = RecordType(
    "membership",
    "Membership",
    "Memberships",
    _with_common(
        Field("body_code", "Body", Kind.REF, required=True, ref="body"),
        Field("role", "Role", Kind.CHOICE, required=True, vocabulary=v.MEMBERSHIP_ROLE),
        Field("electing_organ_code", "Elected by", Kind.REF, ref="body"),
        Field("election_date", "Elected on", Kind.PDATE),
        Field("term_start", "Term starts", Kind.PDATE, required=True),
        Field("term_end", "Term ends", Kind.PDATE),
        Field("term_years", "Term (years)", Kind.INT, min_value=1, max_value=20),
    ),
    date_field="term_start",
    placed_by=("election_date", "term_start"),  # a term is known from its election, before it starts
    summary=lambda r: f"{r.get('body_code')} membership",
    rules=(
        before("term_start", "term_end", "the term cannot end before it starts"),
        before("election_date", "term_start", "the term cannot start before the election"),
    ),
)

REPORTING = RecordType(
    "reporting",
    "Report",
    "Reports and questionnaires",
    _with_common(
        Field(
            "reporting_instrument_code",
            "Reporting instrument",
            Kind.REF,
            required=True,
            ref="reporting_instrument",
        ),
        Field("cycle", "Cycle or year", width=10),
        Field("due_date", "Due", Kind.PDATE, in_table=False),
        Field("submitted_date", "Submitted", Kind.PDATE),
        Field("completeness", "Completeness", Kind.CHOICE, required=True, vocabulary=v.COMPLETENESS),
        Field("details", "Details", Kind.LONGTEXT, in_table=False),
    ),
    date_field="submitted_date",
    not_before="cycle",
    summary=lambda r: f"{r.get('reporting_instrument_code')} report",
    rules=(not_before_cycle("due_date", "due"), not_before_cycle("submitted_date", "submitted")),
)

MEETING_PARTICIPATION = RecordType(
    "meeting_participation",
    "Meeting attended",
    "Meetings attended",
    _with_common(
        Field("meeting_code", "Meeting", Kind.REF, required=True, ref="meeting"),
        Field("participation", "Participation", Kind.CHOICE, required=True, vocabulary=v.PARTICIPATION),
        Field("role", "Role", width=14),
        Field("delegation", "Delegation", Kind.LONGTEXT, in_table=False),
    ),
    dated_by=("meeting_code", "start_date"),
    summary=lambda r: f"participation in {r.get('meeting_code')}",
)

CONTRIBUTION = RecordType(
    "contribution",
    "Contribution",
    "Contributions",
    _with_common(
        Field("recipient_body_code", "Recipient body", Kind.REF, ref="body"),
        Field("recipient", "Recipient (fund, programme or project)"),
        Field("amount", "Amount", Kind.MONEY, required=True, min_value=0),
        Field("contribution_date", "Date", Kind.PDATE),
        Field("kind", "Type", Kind.CHOICE, required=True, vocabulary=v.CONTRIBUTION_KIND),
        Field("earmarking", "Earmarking", Kind.CHOICE, vocabulary=v.EARMARKING, in_table=False),
        Field("purpose", "Purpose", Kind.LONGTEXT, in_table=False),
    ),
    date_field="contribution_date",
    summary=lambda r: (
        f"contribution to {r.get('recipient_body_code') or r.get('recipient') or 'the organisation'}"
    ),
    rules=(one_of("recipient_body_code", "recipient", reason="say who received the contribution"),),
)

RESOLUTION = RecordType(
    "resolution",
    "Resolution",
    "Resolutions",
    _with_common(
        Field("body_code", "Body", Kind.REF, required=True, ref="body"),
        Field("adopted_date", "Adopted", Kind.PDATE, required=True),
        Field("session", "Session", width=10),
        Field("symbol", "Symbol", width=12),
        Field("title", "Title", required=True, width=32),
        Field("role", "Role", Kind.CHOICE, required=True, vocabulary=v.RESOLUTION_ROLE),
        Field("description", "What it sought", Kind.LONGTEXT, in_table=False),
    ),
    date_field="adopted_date",
    summary=lambda r: f"resolution {r.get('symbol') or r.get('title') or ''}".strip(),
)

NATIONAL_INITIATIVE = RecordType(
    "national_initiative",
    "National initiative",
    "National initiatives",
    _with_common(
        Field("title", "Title", required=True, width=32),
        Field("kind", "Kind", Kind.CHOICE, required=True, vocabulary=v.INITIATIVE_KIND),
        Field("initiative_date", "Date", Kind.PDATE),
        Field("description", "Description", Kind.LONGTEXT, in_table=False),
    ),
    date_field="initiative_date",
    summary=lambda r: f"initiative “{r.get('title')}”" if r.get("title") else "",
)

LEGISLATIVE_ASSISTANCE = RecordType(
    "legislative_assistance",
    "Legislative assistance",
    "Legislative assistance",
    _with_common(
        Field("area", "Area", required=True, help="e.g. counter-terrorism legislation"),
        Field("kind", "Kind", Kind.CHOICE, required=True, vocabulary=v.LEGISLATIVE_KIND),
        Field("status", "Status", Kind.CHOICE, required=True, vocabulary=v.LEGISLATIVE_STATUS),
        Field("start_date", "Started", Kind.PDATE),
        Field("end_date", "Ended", Kind.PDATE),
        Field("details", "Details", Kind.LONGTEXT, in_table=False),
    ),
    date_field="start_date",
    placed_by=("start_date", "end_date"),
    summary=lambda r: f"legislative assistance on {r.get('area') or ''}".strip(),
    rules=(before("start_date", "end_date", "the assistance cannot end before it starts"),),
)

PROJECT = RecordType(
    "project",
    "Technical cooperation project",
    "Technical cooperation projects",
    _with_common(
        Field("code", "Project code", width=10),
        Field("title", "Title", required=True, width=30),
        Field("status", "Status", Kind.CHOICE, required=True, vocabulary=v.PROJECT_STATUS),
        Field("planned_start", "Planned start", Kind.PDATE, in_table=False),
        Field("planned_end", "Planned end", Kind.PDATE, in_table=False),
        Field("actual_start", "Started", Kind.PDATE),
        Field("actual_end", "Ended", Kind.PDATE),
        Field("budget", "Budget", Kind.MONEY, min_value=0),
    ),
    date_field="actual_start",
    placed_by=("actual_start", "planned_start"),
    summary=lambda r: f"project {r.get('code') or r.get('title') or ''}".strip(),
    rules=(
        before("planned_start", "planned_end", "the planned end cannot be before the planned start"),
        before("actual_start", "actual_end", "the project cannot end before it starts"),
    ),
)

LETTER = RecordType(
    "letter",
    "Letter",
    "Letters",
    _with_common(
        Field("reference", "Reference", read_only=True, width=10, unique=True),
        Field("letter_date", "Date", Kind.PDATE, required=True),
        Field("subject", "Subject", width=28),
        Field("addressee", "Addressee", Kind.LONGTEXT, in_table=False),
        Field("salutation", "Salutation", in_table=False),
        Field("body", "Body", Kind.LONGTEXT, in_table=False),
        Field("closing", "Closing", in_table=False),
        Field("signatory_name", "Signatory"),
        Field("signatory_title", "Signatory's title", in_table=False),
        Field("note_as_of", "Note as of", Kind.PDATE, in_table=False),
        Field(
            "language",
            "Language",
            Kind.CHOICE,
            required=True,
            vocabulary=v.LANGUAGE,
            in_table=False,
            help="The language the letter and its note are written in",
        ),
        Field("status", "Status", Kind.CHOICE, vocabulary=v.LETTER_STATUS, read_only=True),
    ),
    date_field="letter_date",
    summary=lambda r: f"letter {r.get('reference') or 'draft'}",
    lifecycle=Lifecycle(
        field="status",
        initial="draft",
        frozen=frozenset({"issued"}),
        system_fields=frozenset({"status", "reference"}),
        named_by="reference",
    ),
)

#: Which reference field names the subject of each area of a completeness check.
AREA_REF_FIELDS: dict[str, str] = {
    "instrument_set": "instrument_set_code",
    "instrument": "instrument_code",
    "reporting_instrument": "reporting_instrument_code",
    "body": "body_code",
}


def _area_subject(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A check names the set, instrument, reporting instrument or body its area is about, and no other."""
    area = values.get("area")
    wanted = AREA_REF_FIELDS.get(str(area or ""))
    problems = []
    for name in AREA_REF_FIELDS.values():
        given = values.get(name) not in (None, "")
        if name == wanted and not given:
            problems.append((name, f"is required for {v.COMPLETENESS_AREA.label(str(area)).lower()}"))
        elif name != wanted and given:
            problems.append((name, f"does not go with {v.COMPLETENESS_AREA.label(str(area)).lower()}"))
    return problems


def _not_in_the_future(name: str, reason: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        date = values.get(name)
        if date is not None and date.start() > dt.date.today():
            return [(name, reason)]
        return []

    return rule


def _check_summary(r: Mapping[str, Any]) -> str:
    area = str(r.get("area") or "")
    subject = r.get(AREA_REF_FIELDS[area]) if area in AREA_REF_FIELDS else None
    what = v.COMPLETENESS_AREA.label(area).lower() if area else "an area"
    if subject:
        what = f"{what.rsplit(' on ', 1)[0].rsplit(' of ', 1)[0].rsplit(' to ', 1)[0]} of {subject}"
    return f"check of {what}"


COMPLETENESS_CHECK = RecordType(
    "completeness_check",
    "Completeness check",
    "Completeness checks",
    _with_common(
        Field("area", "Area", Kind.CHOICE, required=True, vocabulary=v.COMPLETENESS_AREA, width=24),
        Field(
            "checked_on",
            "Checked complete on",
            Kind.PDATE,
            required=True,
            help="The records of the area hold every fact up to this date",
        ),
        Field("instrument_set_code", "Instrument set", Kind.REF, ref="instrument_set"),
        Field("instrument_code", "Instrument", Kind.REF, ref="instrument"),
        Field("reporting_instrument_code", "Reporting instrument", Kind.REF, ref="reporting_instrument"),
        Field("body_code", "Body", Kind.REF, ref="body"),
    ),
    date_field="checked_on",
    summary=_check_summary,
    rules=(_area_subject, _not_in_the_future("checked_on", "cannot be after today")),
)

RECORD_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        MEMBERSHIP,
        TREATY_ACTION,
        REPORTING,
        MEETING_PARTICIPATION,
        CONTRIBUTION,
        RESOLUTION,
        NATIONAL_INITIATIVE,
        LEGISLATIVE_ASSISTANCE,
        PROJECT,
        LETTER,
        COMPLETENESS_CHECK,
    )
}

ALL_TYPES: dict[str, RecordType] = {**RECORD_TYPES, **CATALOGUE_TYPES}


def record_type(name: str) -> RecordType:
    try:
        return ALL_TYPES[name]
    except KeyError:
        raise KeyError(f"There is no record type called {name!r}.") from None
