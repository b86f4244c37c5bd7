"""What a draft note left out, why, and what would settle it.

The note never states what the records do not show. Where it stays silent, or says less than a
reader might expect, the draft tells the officer so, each time with the action that would let the
note say more: mark an area complete, give a record a date, bring a status up to date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.note.claims import (
    known_complete,
    project_standing,
    stale_statuses,
    unplaced,
    visible,
    why_unknown,
)
from coopdesk.note.drafting import MissingName, TypedText
from coopdesk.note.inputs import NoteInputs
from coopdesk.note.lang import Language
from coopdesk.note.sections.common import COUNT_THRESHOLD, position, record_text
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.completeness import Area
from coopdesk.records.derived import set_count, set_members_on
from coopdesk.records.record import Record, label_of
from coopdesk.records.record_type import RecordType
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.vocabularies import LANGUAGE

MARK_COMPLETE = "Mark complete"
ENTER_DATE = "Enter a date"
UPDATE_STATUS = "Update the status"
COMPLETE_CATALOGUE = "Complete the catalogue"
CHECK_WORDING = "Check the wording"

#: The lines of the organisation's profile printed on a letter's letterhead and signature.
_PROFILE_LINES = ("address", "contact", "motto", "signatory_title")

#: Record types a note never tells: they are not placed in a note, so they need no warning.
_NOT_TOLD = frozenset({"letter", "completeness_check"})


@dataclass(frozen=True)
class DraftWarning:
    """One thing the draft left out or worded down: about what, why, and the action that settles it."""

    subject: str  # "International counter-terrorism treaties", "Project BLR/X12"
    reason: str  # "the 3 instruments not recorded as ratified are not listed: never checked complete"
    action: str  # MARK_COMPLETE, ENTER_DATE, UPDATE_STATUS or COMPLETE_CATALOGUE
    area: Area | None = None  # what to mark complete
    record: tuple[str, str] | None = None  # (record type, key) of the record to correct
    entry: tuple[str, str] | None = None  # (catalogue type, key) of the catalogue entry to complete

    def __str__(self) -> str:
        return f"{self.subject}: {self.reason} ({self.action.lower()})"


def _labels(inputs: NoteInputs) -> dict[str, dict[str, str]]:
    return {
        name: {code: label_of(e) for code, e in entries.items()} for name, entries in inputs.catalogue.items()
    }


def _record_name(inputs: NoteInputs, record: Record, labels: dict[str, dict[str, str]]) -> str:
    text = record.describe(labels)
    return text[:1].upper() + text[1:]


def _set_warnings(inputs: NoteInputs, as_of: dt.date) -> list[DraftWarning]:
    warnings = []
    actions = visible(inputs, "treaty_action", as_of)
    order = {c: position(inputs, c) for c in inputs.catalogue.get("instrument", {})}
    for code, s in sorted(inputs.catalogue.get("instrument_set", {}).items()):
        members = set_members_on(inputs.set_members, code, as_of)
        if len(members) <= COUNT_THRESHOLD:
            continue
        count = set_count(actions, inputs.set_members, code, as_of, order)
        area = Area.instrument_set(code)
        if count.n == count.m or known_complete(inputs, area, as_of) is not None:
            continue
        name = record_text(s, "running_name") or record_text(s, "name")
        unknown = why_unknown(inputs, area, as_of)
        if count.n:
            left = count.m - count.n
            reason = (
                f"the note lists the {count.n} recorded as ratified but not the {left} remaining "
                f"(treaty actions on the set {unknown})"
            )
        else:
            reason = (
                f"no ratification recorded, so the note says nothing of the set (treaty actions {unknown})"
            )
        warnings.append(DraftWarning(name[:1].upper() + name[1:], reason, MARK_COMPLETE, area=area))
    return warnings


def _silence_warnings(inputs: NoteInputs, as_of: dt.date) -> list[DraftWarning]:
    warnings = []
    area = Area.legislative_assistance()
    if not visible(inputs, "legislative_assistance", as_of) and known_complete(inputs, area, as_of) is None:
        warnings.append(
            DraftWarning(
                "Legislative assistance",
                "none recorded; the note does not say the State is not on the list of countries assisted "
                f"(legislative assistance {why_unknown(inputs, area, as_of)})",
                MARK_COMPLETE,
                area=area,
            )
        )
    area = Area.projects()
    told = [p for p in visible(inputs, "project", as_of) if project_standing(p, as_of)]
    if not told and known_complete(inputs, area, as_of) is None:
        warnings.append(
            DraftWarning(
                "Technical cooperation projects",
                "no ongoing project recorded; the note does not say there is none "
                f"(projects {why_unknown(inputs, area, as_of)})",
                MARK_COMPLETE,
                area=area,
            )
        )
    unanswered: dict[str, list[Record]] = {}
    for r in visible(inputs, "reporting", as_of):
        if r.values.get("completeness") == "none":
            unanswered.setdefault(str(r.values.get("reporting_instrument_code")), []).append(r)
    for code, reports in unanswered.items():
        area = Area.reporting_instrument(code)
        if known_complete(inputs, area, as_of) is not None:
            continue
        entry = inputs.entry("reporting_instrument", code)
        name = label_of(entry) if entry is not None else code
        what = (
            "recorded as not answered"
            if len(reports) == 1
            else f"{len(reports)} times recorded as not answered"
        )
        warnings.append(
            DraftWarning(
                name,
                f"{what}, which the note does not say (reports to it {why_unknown(inputs, area, as_of)})",
                MARK_COMPLETE,
                area=area,
                record=("reporting", str(reports[-1].key)),
            )
        )
    return warnings


def _undated_warnings(inputs: NoteInputs, labels: dict[str, dict[str, str]]) -> list[DraftWarning]:
    warnings = []
    for name, rtype in RECORD_TYPES.items():
        if name in _NOT_TOLD:
            continue
        for r in unplaced(inputs, name):
            how = "no date"
            if rtype.not_before:
                how += f", no {rtype.field(rtype.not_before).label.lower()}"
            warnings.append(
                DraftWarning(
                    _record_name(inputs, r, labels),
                    f"{how} and no dated source: left out of every dated note",
                    ENTER_DATE,
                    record=(name, str(r.key)),
                )
            )
    return warnings


def _entry_name(catalogue: str, key: str, inputs: NoteInputs) -> str:
    """ "Instrument CT01: 1963 Tokyo Convention", "Body ECOSOC", "Organisation profile"."""
    rtype = CATALOGUE_TYPES[catalogue]
    if catalogue == "organisation":
        return rtype.label
    if catalogue == "country":
        label = str(inputs.country.values.get("short_name") or key)
    else:
        entry = inputs.entry(catalogue, key)
        label = label_of(entry) if entry is not None else key
    return f"{rtype.label} {key}" + (f": {label}" if label != key else "")


def _field_words(rtype: RecordType, name: str, code: str) -> str:
    """ "title (“Title (French)”)": a field in words, with the label the officer finds in the form."""
    try:
        words = rtype.field(name).label.lower()
        own = rtype.field(f"{name}_{code}").label
    except KeyError:
        return name.replace("_", " ")
    return f"{words} (“{own}”)"


def name_warnings(inputs: NoteInputs, lang: Language, missing: list[MissingName]) -> list[DraftWarning]:
    """The catalogue's names a note printed in English for want of its language's own, and the lines of
    the organisation's profile its letterhead would print in English: each names the entry and the field
    to complete."""
    language_name = LANGUAGE.label(lang.code)
    warnings = []
    for m in missing:
        rtype = CATALOGUE_TYPES[m.catalogue]
        warnings.append(
            DraftWarning(
                _entry_name(m.catalogue, m.key, inputs),
                f"no {language_name} {_field_words(rtype, m.field, lang.code)} in the catalogue, so the "
                f"{language_name} note prints the English “{m.printed}”",
                COMPLETE_CATALOGUE,
                entry=(m.catalogue, m.key),
            )
        )
    profile = inputs.organisation
    if profile is not None:
        rtype = CATALOGUE_TYPES["organisation"]
        for name in _PROFILE_LINES:
            if lang.text(profile.values, name).fallback:
                warnings.append(
                    DraftWarning(
                        rtype.label,
                        f"no {language_name} {_field_words(rtype, name, lang.code)} in the profile, so "
                        f"the {language_name} letter prints the English one",
                        COMPLETE_CATALOGUE,
                        entry=("organisation", str(profile.key)),
                    )
                )
    return warnings


def typed_warnings(inputs: NoteInputs, lang: Language, typed: list[TypedText]) -> list[DraftWarning]:
    """The texts typed into the records that a note in another language printed as typed (a report's
    details, a resolution's title), one point per record naming its fields, for the officer to check
    that they read in the note's language before the note is issued."""
    language_name = LANGUAGE.label(lang.code)
    by_record: dict[tuple[str, str], list[TypedText]] = {}
    for t in typed:
        by_record.setdefault((t.record.type, str(t.record.key)), []).append(t)
    labels = _labels(inputs) if typed else {}
    warnings = []
    for key, texts in by_record.items():
        rtype = RECORD_TYPES[key[0]]
        fields = " and ".join(f"“{rtype.field(t.field).label}”" for t in texts)
        first = texts[0].printed
        shown = first if len(first) <= 50 else first[:49].rstrip() + "…"
        they = "it reads" if len(texts) == 1 else "they read"
        warnings.append(
            DraftWarning(
                _record_name(inputs, texts[0].record, labels),
                f"{fields} printed as typed in the records (“{shown}”): check that {they} in "
                f"{language_name} before the note is issued",
                CHECK_WORDING,
                record=key,
            )
        )
    return warnings


def draft_warnings(inputs: NoteInputs, as_of: dt.date) -> list[DraftWarning]:
    """Everything the note on ``as_of`` left out or worded down, in the order of the note."""
    labels = _labels(inputs)
    stale = [
        DraftWarning(
            _record_name(inputs, s.record, labels),
            f"{s.problem} ({s.detail}); the note does not say it still runs",
            UPDATE_STATUS,
            record=(s.record.type, str(s.record.key)),
        )
        for s in stale_statuses(inputs, as_of)
    ]
    return [
        *_set_warnings(inputs, as_of),
        *_silence_warnings(inputs, as_of),
        *stale,
        *_undated_warnings(inputs, labels),
    ]


__all__ = [
    "COMPLETE_CATALOGUE",
    "ENTER_DATE",
    "MARK_COMPLETE",
    "UPDATE_STATUS",
    "DraftWarning",
    "draft_warnings",
    "name_warnings",
]
