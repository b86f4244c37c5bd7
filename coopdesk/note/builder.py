"""Draft the country note from records as of a date, and word the cover letter.

``load_note_inputs`` reads, in one transaction, a State's records and the catalogue they refer to, as
plain data; ``build_note`` is a pure function of those inputs and a date, so the same facts give the same
note in the preview, the PDF, the DOCX and the batch. The wording of each part of the note is in
``note_sections``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.note import sections as note_sections
from coopdesk.note.inputs import NoteInputs, load_note_inputs
from coopdesk.note.model import BulletList, LetterContent, Letterhead, ListItem, NoteDocument
from coopdesk.records.record import Record, model_for, to_record
from coopdesk.records.types import CATALOGUE_TYPES

__all__ = [
    "SUBTITLE",
    "NoteInputs",
    "build_note",
    "draft_note",
    "letter_content",
    "letterhead",
    "letterhead_from",
    "load_note_inputs",
    "note_title",
]

SUBTITLE = "Note for the file"


def note_title(inputs: NoteInputs) -> str:
    return (
        f"Cooperation between {inputs.organisation_name} and the Government of "
        f"{inputs.names.formal_with_article}"
    )


def build_note(inputs: NoteInputs, as_of: dt.date) -> NoteDocument:
    """The note for the file on ``as_of``: records dated after it do not exist for the note."""
    items: list[ListItem] = []
    for section in note_sections.SECTIONS:
        items.extend(section(inputs, as_of))
    blocks = (BulletList(tuple(items)),) if items else ()
    return NoteDocument(note_title(inputs), SUBTITLE, blocks)


def draft_note(db: Database, iso3: str, as_of: dt.date) -> NoteDocument:
    return build_note(load_note_inputs(db, iso3), as_of)


def letterhead_from(organisation: Record | Mapping[str, object] | None) -> Letterhead:
    if organisation is None:
        return Letterhead("", "")
    v = organisation.values if isinstance(organisation, Record) else organisation

    def text(name: str) -> str:
        return " ".join(str(v.get(name) or "").split())

    return Letterhead(
        organisation_name=text("name"),
        short_name=text("short_name") or text("name"),
        address_line=text("address"),
        contact_line=text("contact"),
        motto=text("motto"),
    )


def letterhead(db: Database) -> Letterhead:
    """The organisation's letterhead, from its profile in the catalogue."""
    otype = CATALOGUE_TYPES["organisation"]
    with db.read() as session:
        row = session.scalars(select(model_for(otype)).order_by(model_for(otype).code)).first()
        record = to_record(otype, row) if row is not None else None
    return letterhead_from(record)


def letter_content(record: Record) -> LetterContent:
    """A letter record worded for print: paragraphs split on blank lines, the addressee on its lines."""
    v = record.values
    date = v.get("letter_date")
    body = str(v.get("body") or "").replace("\r\n", "\n")
    paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    addressee = tuple(line.strip() for line in str(v.get("addressee") or "").splitlines() if line.strip())
    return LetterContent(
        reference=str(v.get("reference") or ""),
        date_text=str(date) if date is not None else "",
        addressee_lines=addressee,
        salutation=str(v.get("salutation") or ""),
        body_paragraphs=paragraphs,
        closing=str(v.get("closing") or ""),
        signatory_name=str(v.get("signatory_name") or ""),
        signatory_title=str(v.get("signatory_title") or ""),
        subject=str(v.get("subject") or ""),
    )
