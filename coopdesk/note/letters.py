"""The register of letters: reference numbers, issuing, and the archived copy of what was sent.

A reference number (``EWCA/040/09``) is drawn from the ``reference_counters`` table, one counter per year,
inside a write transaction (``BEGIN IMMEDIATE`` on SQLite, a row lock elsewhere), so two officers issuing
at the same moment never get the same number, and a number once drawn is never handed out again, even
if the draft that used it is deleted.

Issuing a letter stores, in one transaction, the reference, the final note (HTML and plain text) and the
PDF of the letter with its enclosed note, with the SHA-256 checksum of that PDF. From then on the letter
is read-only (``RecordService`` refuses to change or delete it) and ``issued_pdf`` hands back exactly the
bytes that were issued, after checking them against the checksum.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.database import Database
from coopdesk.db.models import Country, Letter, OrganisationProfile, ReferenceCounter
from coopdesk.note.lang import LanguageChoice, language_for
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.organisation import ProfileIncomplete
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import NotFound, ReadOnlyRecord, Record, ServiceError, default_user, to_record
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.write import RecordWriter

if TYPE_CHECKING:
    from coopdesk.note.model import NoteDocument

LETTER = RECORD_TYPES["letter"]
DEFAULT_PATTERN = "{prefix}/{seq:03d}/{yy:02d}"


class ChecksumMismatch(ServiceError):
    """The stored copy of an issued document no longer matches the checksum taken when it was issued."""


@dataclass(frozen=True)
class IssuedDocument:
    """One entry of the register, as the register window lists it."""

    key: str
    reference: str
    letter_date: PartialDate | None
    country: str
    country_name: str
    subject: str
    addressee: str
    note_as_of: PartialDate | None
    issued_at: datetime | None
    issued_by: str
    checksum: str


# --------------------------------------------------------------------------- reference numbers


def format_reference(pattern: str, prefix: str, year: int, sequence: int) -> str:
    """``EWCA/040/09`` from the organisation's pattern; a broken pattern falls back to the default one."""
    fields = {"prefix": prefix, "seq": sequence, "yy": year % 100, "year": year}
    try:
        return pattern.format(**fields)
    except (KeyError, IndexError, ValueError):
        return DEFAULT_PATTERN.format(**fields)


def _organisation(session: Session) -> OrganisationProfile:
    profile = session.scalars(select(OrganisationProfile).order_by(OrganisationProfile.code)).first()
    if profile is None:
        raise ServiceError(
            "The organisation profile is missing from the catalogue, so no reference number can be drawn."
        )
    return profile


def _numbering_profile(session: Session) -> OrganisationProfile:
    """The profile, refused while it has no reference prefix: a letter is numbered in its own series."""
    profile = _organisation(session)
    if not (profile.reference_prefix or "").strip():
        raise ProfileIncomplete(
            "The organisation profile has no reference prefix, so no reference number can be drawn: "
            "set it in Tools > Organisation."
        )
    return profile


def draw_reference(session: Session, year: int) -> str:
    """The next reference of ``year``, in the caller's write transaction (the counter moves on for good).

    A number already carried by a letter (for example one typed in before the register existed) is
    skipped, so the register never holds the same reference twice.
    """
    if not 1 <= year <= 9999:
        raise ServiceError(f"{year} is not a year a letter can be numbered in.")
    profile = _numbering_profile(session)
    pattern = profile.reference_pattern or DEFAULT_PATTERN
    stmt = select(ReferenceCounter).where(ReferenceCounter.year == year)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    counter = session.scalars(stmt).first()
    if counter is None:
        counter = ReferenceCounter(year=year, last_sequence=0)
        session.add(counter)
    sequence = counter.last_sequence or 0
    while True:
        sequence += 1
        reference = format_reference(pattern, profile.reference_prefix, year, sequence)
        taken = session.scalar(select(Letter.id).where(Letter.reference == reference))
        if taken is None:
            break
    counter.last_sequence = sequence
    session.flush()
    return reference


def next_reference(db: Database, year: int) -> str:
    """Draw the next reference number of ``year`` in its own transaction; it is never handed out again."""
    with db.write() as session:
        return draw_reference(session, year)


def reserve_reference(db: Database, letter_key: str, user: str | None = None) -> Record:
    """Give a draft its reference number now (to quote it before issuing); a draft keeps the one it has."""
    with db.write() as session:
        writer = RecordWriter(session, user or default_user(), system=True)
        row = writer.locked_row(LETTER, letter_key)
        if row.reference:
            return to_record(LETTER, row)
        reference = draw_reference(session, PartialDate.from_storage(row.letter_date).year)
        return writer.update(
            LETTER, letter_key, {"reference": reference}, expected_version=None, action="reserve", row=row
        )


def last_sequence(db: Database, year: int) -> int:
    """The last sequence number drawn in ``year`` (0 if none)."""
    with db.read() as session:
        counter = session.get(ReferenceCounter, year)
        return counter.last_sequence if counter is not None else 0


# --------------------------------------------------------------------------- drafts


def new_letter_values(
    db: Database,
    country: str,
    as_of: date | PartialDate,
    *,
    letter_date: date | PartialDate | None = None,
    lang: LanguageChoice = None,
) -> dict[str, Any]:
    """The starting values of a cover letter to a State, from the organisation profile, in ``lang``
    (default: the language the State corresponds in).

    The officer completes the addressee and salutation and polishes the body before issuing.
    """
    with db.read() as session:
        profile = _organisation(session)
        state = session.get(Country, country)
        if state is None:
            raise NotFound(f"'{country}' is not a known country.")
        state_values = to_record(CATALOGUE_TYPES["country"], state).values
        profile_values = to_record(CATALOGUE_TYPES["organisation"], profile).values
    words = language_for(state_values, lang)
    named = words.state(state_values)
    _, short = words.organisation(profile_values)
    return {
        "letter_date": _as_partial(letter_date or date.today()),
        "note_as_of": _as_partial(as_of),
        "language": words.code,
        "subject": words.letter_subject(short, named),
        "closing": words.letter_closing(),
        "signatory_name": profile.signatory_name,
        "signatory_title": words.text(profile_values, "signatory_title").text,
        "body": words.letter_body(short, named),
    }


#: The parts of a letter drafted in its language (``new_letter_values``), worded again when the officer
#: changes the letter's language; the addressee, salutation, date and signatory stay as typed.
WORDED_PARTS = ("language", "subject", "body", "closing", "signatory_title")


def new_draft(
    db: Database,
    country: str,
    as_of: date | PartialDate,
    *,
    letter_date: date | PartialDate | None = None,
    user: str | None = None,
    lang: LanguageChoice = None,
) -> Record:
    """A new draft cover letter for a State (see ``new_letter_values``), stored without a number."""
    values = new_letter_values(db, country, as_of, letter_date=letter_date, lang=lang)
    return RecordService(db, user).create("letter", values, country=country)


def latest_draft(db: Database, country: str) -> Record | None:
    """The most recently changed draft letter of a State, if there is one."""
    with db.read() as session:
        row = session.scalars(
            select(Letter)
            .where(Letter.country_code == country, Letter.status == "draft")
            .order_by(Letter.updated_at.desc(), Letter.id)
        ).first()
        return to_record(LETTER, row) if row is not None else None


def _as_partial(value: date | PartialDate) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate.from_date(value)


def save_draft_note(
    db: Database,
    letter_key: str,
    note: NoteDocument | str,
    as_of: date | PartialDate,
    user: str | None = None,
) -> None:
    """Keep the officer's edited note with a draft letter, to carry on later.

    The note is stored as the renderers' own HTML (rebuilt from the document model), so nothing the
    editor held besides text, lists and emphasis (images, links, styles) is kept or ever loaded again.
    """
    from coopdesk.note.render.html import render_html
    from coopdesk.note.render.html_import import note_from_html

    document = note_from_html(note) if isinstance(note, str) else note
    with db.write() as session:
        RecordWriter(session, user or default_user()).update(
            LETTER,
            letter_key,
            {"note_as_of": _as_partial(as_of)},
            expected_version=None,
            action="edit note",
            storage={"note_html": render_html(document)},
        )


def saved_draft_note(db: Database, letter_key: str) -> tuple[str, PartialDate | None]:
    """The edited note kept with a draft (HTML, or "" if none) and the date it was drafted as of."""
    with db.read() as session:
        row = session.get(Letter, letter_key)
        if row is None or row.status != "draft":
            return "", None
        as_of = PartialDate.from_storage(row.note_as_of) if row.note_as_of else None
        return row.note_html or "", as_of


# --------------------------------------------------------------------------- issuing


def issue_letter(
    db: Database,
    letter_key: str,
    note: NoteDocument | str,
    as_of: date | PartialDate | None = None,
    user: str | None = None,
) -> Record:
    """Issue a draft letter with its enclosed note; returns the issued letter.

    ``note`` is the note as the officer left it: a ``NoteDocument``, or the HTML of the edited rich text
    (parsed back with ``coopdesk.note.render.html_import``, never loading any resource). The letter keeps a
    reference it already holds (a number reserved earlier); otherwise it draws the next one of the
    letter's year. Everything is stored in one transaction: if rendering or storing fails, the letter
    stays a draft and no number is used up.
    """
    from coopdesk.note.builder import letter_content, letterhead
    from coopdesk.note.render.html import render_html
    from coopdesk.note.render.html_import import note_from_html
    from coopdesk.note.render.pdf import render_pdf
    from coopdesk.note.render.text import render_text

    document = note_from_html(note) if isinstance(note, str) else note
    with db.read() as session:
        stored = session.get(Letter, letter_key)
        lang = stored.language if stored is not None else None
    head = letterhead(db, lang)
    with db.write() as session:
        writer = RecordWriter(session, user or default_user(), system=True)
        row = writer.locked_row(LETTER, letter_key)
        draft = to_record(LETTER, row)
        reason = LETTER.frozen_reason(draft.values)
        if reason:
            raise ReadOnlyRecord(reason)
        if not str(draft.values.get("signatory_name") or "").strip():
            raise ServiceError(
                "A letter is not issued without a signatory: give the signatory's name in the cover "
                "letter (the usual signatory is set in Tools > Organisation)."
            )
        letter_date: PartialDate = draft.values["letter_date"]
        changes: dict[str, Any] = {
            "reference": row.reference or draw_reference(session, letter_date.year),
            "status": "issued",
        }
        if as_of is not None:
            changes["note_as_of"] = _as_partial(as_of)
        issued = dataclasses.replace(draft, values={**draft.values, **changes})
        content = letter_content(issued)
        document = dataclasses.replace(document, lang=content.lang)
        pdf = render_pdf(document, head, letter=content)
        storage = {
            "issued_at": writer.now,
            "note_html": render_html(document),
            "note_text": render_text(document, letter=content),
            "pdf": pdf,
            "checksum": hashlib.sha256(pdf).hexdigest(),
        }
        return writer.update(
            LETTER, letter_key, changes, expected_version=None, action="issue", storage=storage, row=row
        )


def issued_pdf(db: Database, letter_key: str) -> bytes:
    """The PDF exactly as issued, after checking it against the checksum stored with it."""
    with db.read() as session:
        row = session.get(Letter, letter_key)
        if row is None:
            raise NotFound("The letter no longer exists.")
        if row.status != "issued" or not row.pdf:
            raise ServiceError(f"Letter {row.reference or '(draft)'} has not been issued; there is no copy.")
        pdf = bytes(row.pdf)
        if hashlib.sha256(pdf).hexdigest() != row.checksum:
            raise ChecksumMismatch(
                f"The stored copy of letter {row.reference} does not match the checksum taken when it was "
                "issued: the database has been altered or damaged. Restore it from a backup."
            )
        return pdf


def issued_note(db: Database, letter_key: str) -> tuple[str, str]:
    """The note (HTML) and the letter with its note (plain text), as stored when it was issued."""
    with db.read() as session:
        row = session.get(Letter, letter_key)
        if row is None:
            raise NotFound("The letter no longer exists.")
        if row.status != "issued":
            raise ServiceError(f"Letter {row.reference or '(draft)'} has not been issued.")
        return row.note_html, row.note_text


def register(db: Database, *, country: str | None = None) -> list[IssuedDocument]:
    """The issued documents, newest letter date first, then by reference."""
    stmt = (
        select(Letter, Country.short_name)
        .join(Country, Country.iso3 == Letter.country_code)
        .where(Letter.status == "issued")
        .order_by(Letter.letter_date.desc(), Letter.reference.desc())
    )
    if country is not None:
        stmt = stmt.where(Letter.country_code == country)
    with db.read() as session:
        return [
            IssuedDocument(
                key=row.id,
                reference=row.reference or "",
                letter_date=PartialDate.from_storage(row.letter_date) if row.letter_date else None,
                country=row.country_code,
                country_name=name,
                subject=row.subject,
                addressee=row.addressee,
                note_as_of=PartialDate.from_storage(row.note_as_of) if row.note_as_of else None,
                issued_at=row.issued_at,
                issued_by=row.updated_by,
                checksum=row.checksum,
            )
            for row, name in session.execute(stmt)
        ]
