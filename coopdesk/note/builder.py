"""Draft the country note from records as of a date, and word the cover letter.

``load_note_inputs`` reads, in one transaction, a State's records and the catalogue they refer to, as
plain data; ``build_draft`` is a pure function of those inputs and a date, so the same facts give the same
note in the preview, the PDF, the DOCX and the batch. The wording of each part of the note is in
``note_sections`` and ``note_absences``; what the draft left out, and why, in ``note_gaps``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.note import absences as note_absences
from coopdesk.note import sections as note_sections
from coopdesk.note.drafting import Drafting
from coopdesk.note.gaps import DraftWarning, draft_warnings, name_warnings, typed_warnings
from coopdesk.note.inputs import NoteInputs, load_note_inputs
from coopdesk.note.lang import Language, LanguageChoice, language, language_for
from coopdesk.note.lang.en import ENGLISH
from coopdesk.note.model import BulletList, LetterContent, Letterhead, NoteDocument, Paragraph
from coopdesk.note.sections import Section
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record, model_for, to_record

__all__ = [
    "SECTIONS",
    "SUBTITLE",
    "NoteDraft",
    "NoteInputs",
    "build_draft",
    "build_note",
    "draft",
    "draft_note",
    "letter_content",
    "letterhead",
    "letterhead_from",
    "load_note_inputs",
    "note_language",
    "note_title",
]

SUBTITLE = ENGLISH.note_subtitle()


def note_language(inputs: NoteInputs, choice: LanguageChoice = None) -> Language:
    """The language a note is written in: the one chosen for the document, else the language the State
    corresponds in (see ``coopdesk.note.lang.language_for``)."""
    return language_for(inputs.country.values, choice)


def note_title(inputs: NoteInputs, lang: LanguageChoice = None) -> str:
    d = Drafting(inputs, dt.date.today(), note_language(inputs, lang))
    return d.lang.note_title(d.organisation[0], d.state)


#: The sections in the order of the reference note.
SECTIONS: tuple[Section, ...] = (
    note_sections.memberships,
    note_sections.conventions,
    note_sections.meetings,
    note_sections.global_reports,
    note_sections.contributions,
    note_sections.resolutions,
    note_sections.national_initiatives,
    note_sections.surveys,
    note_absences.set_counts,
    note_absences.legislative_assistance,
    note_absences.projects,
)


@dataclass(frozen=True)
class NoteDraft:
    """A drafted note and what it left out: each warning says why, and what would settle it."""

    document: NoteDocument
    warnings: tuple[DraftWarning, ...] = ()
    empty: bool = False  # the records say nothing on the date: the note says only that

    def warnings_text(self) -> list[str]:
        return [str(w) for w in self.warnings]


def build_draft(
    inputs: NoteInputs, as_of: dt.date, stated: PartialDate | None = None, lang: LanguageChoice = None
) -> NoteDraft:
    """The note for the file on ``as_of``, and what it left out. Records placed after the date do not
    exist for the note; a negative sentence needs a completeness check covering the date. ``stated``
    is the date as the note says it under its title (default ``as_of``, to the day). ``lang`` is the
    note's language (default: the language the State corresponds in); a name of the catalogue missing
    in it is printed in English and listed among the warnings."""
    d = Drafting(inputs, as_of, note_language(inputs, lang))
    title = d.lang.note_title(d.organisation[0], d.state)
    items = [bullet for section in SECTIONS for bullet in section(d)]
    said = stated or PartialDate.from_date(as_of)
    blocks: tuple[BulletList | Paragraph, ...]
    if items:
        blocks = (BulletList(tuple(items)),)
    else:
        blocks = (Paragraph(tuple(d.lang.nothing_recorded(d.state, said))),)
    document = NoteDocument(
        title, d.lang.note_subtitle(), blocks, dateline=d.lang.dateline(said), lang=d.lang.code
    )
    warnings = (
        *name_warnings(inputs, d.lang, d.missing_names),
        *typed_warnings(inputs, d.lang, d.typed_texts),
        *draft_warnings(inputs, as_of),
    )
    return NoteDraft(document, warnings, empty=not items)


def build_note(
    inputs: NoteInputs, as_of: dt.date, stated: PartialDate | None = None, lang: LanguageChoice = None
) -> NoteDocument:
    """The note for the file on ``as_of`` (see ``build_draft``)."""
    return build_draft(inputs, as_of, stated, lang).document


def draft(
    db: Database, iso3: str, as_of: dt.date, stated: PartialDate | None = None, lang: LanguageChoice = None
) -> NoteDraft:
    """Read a State's records and draft its note on ``as_of``, with what it left out."""
    return build_draft(load_note_inputs(db, iso3), as_of, stated, lang)


def draft_note(db: Database, iso3: str, as_of: dt.date, lang: LanguageChoice = None) -> NoteDocument:
    return build_note(load_note_inputs(db, iso3), as_of, lang=lang)


def letterhead_from(
    organisation: Record | Mapping[str, object] | None, lang: LanguageChoice = None
) -> Letterhead:
    """The letterhead in ``lang`` (default English): each line in that language where the profile has
    it, else in English."""
    if organisation is None:
        return Letterhead("", "")
    v = organisation.values if isinstance(organisation, Record) else organisation
    words = language(lang) if isinstance(lang, str) or lang is None else lang

    def text(name: str) -> str:
        return words.text(v, name).text

    return Letterhead(
        organisation_name=text("name"),
        short_name=text("short_name") or text("name"),
        address_line=text("address"),
        contact_line=text("contact"),
        motto=text("motto"),
    )


def letterhead(db: Database, lang: LanguageChoice = None) -> Letterhead:
    """The organisation's letterhead, from its profile in the catalogue, in ``lang`` (default English)."""
    otype = CATALOGUE_TYPES["organisation"]
    with db.read() as session:
        row = session.scalars(select(model_for(otype)).order_by(model_for(otype).code)).first()
        record = to_record(otype, row) if row is not None else None
    return letterhead_from(record, lang)


def letter_content(record: Record) -> LetterContent:
    """A letter record worded for print, in its language: paragraphs split on blank lines, the
    addressee on its lines, the date as the language writes a letter's date."""
    v = record.values
    lang = language(str(v.get("language") or "") or None)
    date = v.get("letter_date")
    body = str(v.get("body") or "").replace("\r\n", "\n")
    paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    addressee = tuple(line.strip() for line in str(v.get("addressee") or "").splitlines() if line.strip())
    return LetterContent(
        reference=str(v.get("reference") or ""),
        date_text=lang.letter_date(date) if date is not None else "",
        addressee_lines=addressee,
        salutation=str(v.get("salutation") or ""),
        body_paragraphs=paragraphs,
        closing=str(v.get("closing") or ""),
        signatory_name=str(v.get("signatory_name") or ""),
        signatory_title=str(v.get("signatory_title") or ""),
        subject=str(v.get("subject") or ""),
        lang=lang.code,
    )
