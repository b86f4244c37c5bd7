"""Draft the country note from records as of a date, and word the cover letter.

``load_note_inputs`` reads, in one transaction, a State's records and the catalogue they refer to, as
plain data; ``build_note`` is a pure function of those inputs and a date, so the same facts give the same
note in the preview, the PDF, the DOCX and the batch. The wording of each part of the note is in
``note_sections``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.note_model import BulletList, LetterContent, Letterhead, ListItem, NoteDocument
from coopdesk.note_wording import CountryNames
from coopdesk.record_types import CATALOGUE_TYPES, RECORD_TYPES
from coopdesk.services import NotFound, Record, model_for, to_record

SUBTITLE = "Note for the file"

#: The catalogue types a note refers to, loaded whole (they are small).
_CATALOGUE_FOR_NOTE = (
    "instrument",
    "instrument_set",
    "instrument_set_member",
    "body",
    "meeting",
    "reporting_instrument",
    "organisation",
)


@dataclass(frozen=True)
class NoteInputs:
    """Everything a note needs, as plain data: one State's records and the catalogue."""

    country: Record
    records: Mapping[str, list[Record]]  # by record type name
    catalogue: Mapping[str, dict[str, Record]]  # by catalogue type name, then key
    organisation: Record | None = None
    set_members: list[Record] = field(default_factory=list)

    @property
    def iso3(self) -> str:
        return str(self.country.key)

    @property
    def names(self) -> CountryNames:
        v = self.country.values
        return CountryNames.from_values(v["short_name"], v.get("formal_name") or "", bool(v.get("takes_the")))

    @property
    def organisation_name(self) -> str:
        if self.organisation is None:
            return "the Organisation"
        return str(self.organisation.values.get("name") or self.organisation.key)

    @property
    def organisation_short(self) -> str:
        if self.organisation is None:
            return "the Organisation"
        v = self.organisation.values
        return str(v.get("short_name") or v.get("name") or self.organisation.key)

    def of(self, type_name: str) -> list[Record]:
        return list(self.records.get(type_name, []))

    def entry(self, type_name: str, key: str | None) -> Record | None:
        if not key:
            return None
        return self.catalogue.get(type_name, {}).get(key)


def load_note_inputs(db: Database, iso3: str) -> NoteInputs:
    """Read one State's records and the catalogue, in one read transaction."""
    with db.read() as session:
        country_type = CATALOGUE_TYPES["country"]
        row = session.get(model_for(country_type), iso3)
        if row is None:
            raise NotFound(f"'{iso3}' is not a known country.")
        country = to_record(country_type, row)
        records: dict[str, list[Record]] = {}
        for name, rtype in RECORD_TYPES.items():
            model = model_for(rtype)
            # In the order they were entered: the note follows the officer's order where dates tie.
            stmt = select(model).where(model.country_code == iso3).order_by(model.created_at, model.id)
            rows = session.scalars(stmt)
            records[name] = [to_record(rtype, r) for r in rows]
        catalogue: dict[str, dict[str, Record]] = {}
        for name in _CATALOGUE_FOR_NOTE:
            ctype = CATALOGUE_TYPES[name]
            model = model_for(ctype)
            entries = [to_record(ctype, r) for r in session.scalars(select(model))]
            catalogue[name] = {str(e.key): e for e in entries}
    organisations = sorted(catalogue["organisation"].values(), key=lambda r: str(r.key))
    members = sorted(catalogue["instrument_set_member"].values(), key=lambda r: str(r.key))
    return NoteInputs(
        country=country,
        records=records,
        catalogue=catalogue,
        organisation=organisations[0] if organisations else None,
        set_members=members,
    )


def note_title(inputs: NoteInputs) -> str:
    return (
        f"Cooperation between {inputs.organisation_name} and the Government of "
        f"{inputs.names.formal_with_article}"
    )


def build_note(inputs: NoteInputs, as_of: dt.date) -> NoteDocument:
    """The note for the file on ``as_of``: records dated after it do not exist for the note."""
    from coopdesk import note_sections

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
