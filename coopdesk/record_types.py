"""Every record type and catalogue type, declared once.

The tables and forms of the editor, the workbook's sheets and drop-downs, the importer's parsing and the
history all derive from these declarations. The storage columns live in ``coopdesk.db.models``; a test
checks that the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coopdesk import vocabularies as v
from coopdesk.fields import Field, Kind

#: A cross-field rule: returns (field name, reason) pairs for what is wrong.
Rule = Callable[[Mapping[str, Any]], list[tuple[str, str]]]

#: The short names of catalogue entries, by catalogue type and code ("instrument" -> "CT02" -> "1970
#: Hague Convention"): what a record's description shows instead of the codes it refers to.
RefLabels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class RecordType:
    """A kind of record (a treaty action, a membership) or of catalogue entry: its fields and its rules."""

    name: str  # stable identifier, e.g. "treaty_action"
    label: str  # "Treaty action"
    plural: str  # "Treaty actions"
    fields: tuple[Field, ...]
    catalogue: bool = False
    key: str = "id"  # primary key column: "id" (UUID) for records, the code for catalogue entries
    date_field: str | None = None  # the date that places a record in time (as-of filtering, default sort)
    summary: Callable[[Mapping[str, Any]], str] | None = None
    rules: tuple[Rule, ...] = ()
    sort_field: str | None = None  # default sort for catalogue types

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.label} has no field {name!r}")

    @property
    def editable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.read_only)

    @property
    def table_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_table)

    @property
    def searched_fields(self) -> tuple[Field, ...]:
        """The fields a list's filter text is looked for in (any part of them, in any case)."""
        return tuple(f for f in self.fields if f.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF, Kind.CHOICE))

    def describe(self, values: Mapping[str, Any], labels: RefLabels | None = None) -> str:
        """A short name for one record, for menus and messages ("CND membership"); with ``labels``, the
        catalogue entries it refers to are named, not coded ("ratification of 1970 Hague Convention",
        not "ratification of CT02")."""
        if labels:
            named = {
                f.name: labels[f.ref].get(str(values[f.name]), values[f.name])
                for f in self.fields
                if f.ref is not None and f.ref in labels and values.get(f.name) is not None
            }
            values = {**values, **named}
        text = self.summary(values) if self.summary else ""
        return text or self.label.lower()


def _before(first: str, second: str, reason: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        a, b = values.get(first), values.get(second)
        if a is not None and b is not None and b < a:
            return [(second, reason)]
        return []

    return rule


_CYCLE_YEAR = re.compile(r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2})(?![0-9])")


def _not_before_cycle(name: str, what: str) -> Rule:
    """A report's date cannot come before the first year of its cycle ("2010", "2010-2011", "2010/11")."""

    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        date, cycle = values.get(name), values.get("cycle")
        found = _CYCLE_YEAR.search(cycle) if isinstance(cycle, str) else None
        if date is None or found is None or date.year >= int(found.group(1)):
            return []
        return [
            (name, f"the report is {what} in {date.year}, before its cycle ({found.string.strip()}) began")
        ]

    return rule


def _one_of(*names: str, reason: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        if all(values.get(n) in (None, "") for n in names):
            return [(names[0], reason)]
        return []

    return rule


COMMON_FIELDS = (
    Field("source", "Source", help="Document symbol or address the fact comes from", in_table=False),
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
    rules=(_before("action_date", "effect_date", "the date of effect cannot be before the action"),),
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
    summary=lambda r: f"{r.get('body_code')} membership",
    rules=(
        _before("term_start", "term_end", "the term cannot end before it starts"),
        _before("election_date", "term_start", "the term cannot start before the election"),
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
    summary=lambda r: f"{r.get('reporting_instrument_code')} report",
    rules=(_not_before_cycle("due_date", "due"), _not_before_cycle("submitted_date", "submitted")),
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
    rules=(_one_of("recipient_body_code", "recipient", reason="say who received the contribution"),),
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
    summary=lambda r: f"legislative assistance on {r.get('area') or ''}".strip(),
    rules=(_before("start_date", "end_date", "the assistance cannot end before it starts"),),
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
    summary=lambda r: f"project {r.get('code') or r.get('title') or ''}".strip(),
    rules=(
        _before("planned_start", "planned_end", "the planned end cannot be before the planned start"),
        _before("actual_start", "actual_end", "the project cannot end before it starts"),
    ),
)

LETTER = RecordType(
    "letter",
    "Letter",
    "Letters",
    _with_common(
        Field("reference", "Reference", read_only=True, width=10),
        Field("letter_date", "Date", Kind.PDATE, required=True),
        Field("subject", "Subject", width=28),
        Field("addressee", "Addressee", Kind.LONGTEXT, in_table=False),
        Field("salutation", "Salutation", in_table=False),
        Field("body", "Body", Kind.LONGTEXT, in_table=False),
        Field("closing", "Closing", in_table=False),
        Field("signatory_name", "Signatory"),
        Field("signatory_title", "Signatory's title", in_table=False),
        Field("note_as_of", "Note as of", Kind.PDATE, in_table=False),
        Field("status", "Status", Kind.CHOICE, vocabulary=v.LETTER_STATUS, read_only=True),
    ),
    date_field="letter_date",
    summary=lambda r: f"letter {r.get('reference') or 'draft'}",
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
    )
}

# --------------------------------------------------------------------------- catalogue

_NOTES = Field("notes", "Notes", Kind.LONGTEXT, in_table=False)

COUNTRY = RecordType(
    "country",
    "Country",
    "Countries",
    (
        Field("iso3", "ISO code", required=True, help="ISO 3166 alpha-3, e.g. BLR"),
        Field("short_name", "Short name", required=True),
        Field("formal_name", "Formal name", required=True, help="Without 'the': Republic of Belarus"),
        Field("regional_group", "Regional group", Kind.CHOICE, required=True, vocabulary=v.REGIONAL_GROUP),
        Field("takes_the", "Takes 'the'", Kind.BOOL, help="'the Netherlands', 'the Niger'"),
        Field("member", "Member State", Kind.BOOL),
        _NOTES,
    ),
    catalogue=True,
    key="iso3",
    sort_field="short_name",
    summary=lambda r: str(r.get("short_name") or ""),
)

INSTRUMENT = RecordType(
    "instrument",
    "Instrument",
    "Instruments",
    (
        Field("code", "Code", required=True),
        Field("title", "Title", required=True),
        Field("short_title", "Short title"),
        Field("kind", "Kind", Kind.CHOICE, required=True, vocabulary=v.INSTRUMENT_KIND),
        Field("adopted_date", "Adopted", Kind.PDATE),
        Field("adopted_place", "Place"),
        Field("in_force_date", "In force", Kind.PDATE),
        Field("parent_code", "Parent instrument", Kind.REF, ref="instrument"),
        Field("position", "Order", Kind.INT, in_table=False),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="position",
    summary=lambda r: str(r.get("short_title") or r.get("title") or ""),
)

INSTRUMENT_SET = RecordType(
    "instrument_set",
    "Instrument set",
    "Instrument sets",
    (
        Field("code", "Code", required=True),
        Field("name", "Name", required=True),
        Field("running_name", "Name in running text", help="'international counter-terrorism treaties'"),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="code",
    summary=lambda r: str(r.get("name") or ""),
)

INSTRUMENT_SET_MEMBER = RecordType(
    "instrument_set_member",
    "Set membership",
    "Set memberships",
    (
        Field("set_code", "Set", Kind.REF, required=True, ref="instrument_set"),
        Field("instrument_code", "Instrument", Kind.REF, required=True, ref="instrument"),
        Field("member_from", "In the set from", Kind.PDATE, required=True),
        Field("member_until", "In the set until", Kind.PDATE),
        _NOTES,
    ),
    catalogue=True,
    key="id",
    sort_field="id",
    rules=(_before("member_from", "member_until", "an instrument cannot leave a set before it joins"),),
    summary=lambda r: f"{r.get('instrument_code')} in {r.get('set_code')}",
)

BODY = RecordType(
    "body",
    "Body",
    "Bodies",
    (
        Field("code", "Code", required=True),
        Field("name", "Name", required=True),
        Field("kind", "Kind", Kind.CHOICE, required=True, vocabulary=v.BODY_KIND),
        Field("members_count", "Members", Kind.INT, min_value=0),
        Field("electing_organ_code", "Elected by", Kind.REF, ref="body"),
        Field("term_years", "Term (years)", Kind.INT, min_value=1),
        Field("description", "Description", Kind.LONGTEXT, in_table=False),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="code",
    summary=lambda r: str(r.get("code") or ""),
)

MEETING = RecordType(
    "meeting",
    "Meeting",
    "Meetings",
    (
        Field("code", "Code", required=True),
        Field("body_code", "Body", Kind.REF, ref="body"),
        Field("session", "Session"),
        Field("title", "Title", required=True),
        Field("start_date", "Starts", Kind.PDATE),
        Field("end_date", "Ends", Kind.PDATE),
        Field("place", "Place"),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="start_date",
    rules=(_before("start_date", "end_date", "the meeting cannot end before it starts"),),
    summary=lambda r: str(r.get("code") or ""),
)

REPORTING_INSTRUMENT = RecordType(
    "reporting_instrument",
    "Reporting instrument",
    "Reporting instruments",
    (
        Field("code", "Code", required=True),
        Field("name", "Name", required=True),
        Field("short_name", "Short name"),
        Field("kind", "Kind", Kind.CHOICE, required=True, vocabulary=v.REPORTING_KIND),
        Field("body_code", "Body", Kind.REF, ref="body"),
        Field("instrument_code", "Convention reported on", Kind.REF, ref="instrument"),
        Field("periodicity", "Periodicity"),
        Field(
            "description",
            "Description",
            Kind.LONGTEXT,
            in_table=False,
            help='What a note says of it after its name, e.g. "study on the state of the world\'s response"',
        ),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="code",
    summary=lambda r: str(r.get("short_name") or r.get("name") or ""),
)

ORGANISATION = RecordType(
    "organisation",
    "Organisation profile",
    "Organisation profile",
    (
        Field("code", "Code", required=True),
        Field("name", "Name", required=True),
        Field("short_name", "Short name", required=True),
        Field("address", "Address", Kind.LONGTEXT),
        Field("contact", "Telephone, e-mail, web", Kind.LONGTEXT),
        Field("motto", "Motto"),
        Field("reference_prefix", "Reference prefix", required=True, help="e.g. EWCA"),
        Field(
            "reference_pattern",
            "Reference pattern",
            required=True,
            help="{prefix}/{seq:03d}/{yy:02d} gives EWCA/040/09",
        ),
        Field("signatory_name", "Usual signatory"),
        Field("signatory_title", "Signatory's title"),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="code",
    summary=lambda r: str(r.get("short_name") or ""),
)

CATALOGUE_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        COUNTRY,
        INSTRUMENT,
        INSTRUMENT_SET,
        INSTRUMENT_SET_MEMBER,
        BODY,
        MEETING,
        REPORTING_INSTRUMENT,
        ORGANISATION,
    )
}

ALL_TYPES: dict[str, RecordType] = {**RECORD_TYPES, **CATALOGUE_TYPES}


def record_type(name: str) -> RecordType:
    try:
        return ALL_TYPES[name]
    except KeyError:
        raise KeyError(f"There is no record type called {name!r}.") from None


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a record, in words a person can act on."""

    field: str
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass
class ValidationFailed(Exception):
    """One or more fields are wrong; each problem names the field and says what is wrong."""

    record_label: str
    problems: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)
