"""SQLAlchemy models: the storage schema of the catalogue and of every record type.

What a field *means* (label, vocabulary, validation) is declared once, in ``coopdesk.records.types``;
this module only says how it is stored. Partial dates are stored as sortable text ("2008", "2009-05",
"2005-02-17"), money as integer minor units plus an ISO 4217 code.

Unlike the rest of the package, this module does not use ``from __future__ import annotations``: the
declarative mapping reads every ``Mapped[...]`` annotation, and as strings it has to evaluate each one,
which cost about 5 ms of every start (152 columns). Written as plain annotations they are objects already.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from coopdesk.db.table_names import COUNTRY_TABLE, RECORD_TABLES

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PDATE = String(10)  # partial date in storage form
CODE = String(40)
# Amounts in minor units go up to 10**15 (coopdesk.records.limits): past PostgreSQL's 32-bit INTEGER, so
# BIGINT there (migration 0005); SQLite's INTEGER holds 64 bits already.
MINOR_UNITS = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _fk(target: str) -> ForeignKey:
    return ForeignKey(target, onupdate="CASCADE", ondelete="RESTRICT")


class CatalogueMixin:
    """Every catalogue row can be edited in the app; it keeps a version for optimistic locking."""

    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


# --------------------------------------------------------------------------- catalogue


class Country(CatalogueMixin, Base):
    __tablename__ = COUNTRY_TABLE
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    short_name: Mapped[str] = mapped_column(String(200), unique=True)
    formal_name: Mapped[str] = mapped_column(String(300))
    regional_group: Mapped[str] = mapped_column(String(40), index=True)
    takes_the: Mapped[bool] = mapped_column(Boolean, default=False)
    member: Mapped[bool] = mapped_column(Boolean, default=True)
    # French (migration 0005): the UN's short name without its article, the article, gender and number
    # its grammar needs, the words for "in" ("au", "en", "aux", "à"), the formal name with its article.
    short_name_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")
    article_fr: Mapped[str] = mapped_column(String(10), default="", server_default="")
    gender_fr: Mapped[str] = mapped_column(String(1), default="", server_default="")
    number_fr: Mapped[str] = mapped_column(String(10), default="", server_default="")
    in_fr: Mapped[str] = mapped_column(String(10), default="", server_default="")
    formal_name_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")


class Instrument(CatalogueMixin, Base):
    __tablename__ = "instruments"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    short_title: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default="convention")
    adopted_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    adopted_place: Mapped[str] = mapped_column(String(100), default="")
    title_fr: Mapped[str] = mapped_column(String(400), default="", server_default="")
    short_title_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")
    adopted_place_fr: Mapped[str] = mapped_column(String(100), default="", server_default="")
    in_force_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    parent_code: Mapped[str | None] = mapped_column(CODE, _fk("instruments.code"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class InstrumentSet(CatalogueMixin, Base):
    __tablename__ = "instrument_sets"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    running_name: Mapped[str] = mapped_column(String(200), default="")
    name_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")
    running_name_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")


class InstrumentSetMember(CatalogueMixin, Base):
    """An instrument belongs to a set from a date (and possibly until a date)."""

    __tablename__ = "instrument_set_members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    set_code: Mapped[str] = mapped_column(CODE, _fk("instrument_sets.code"), index=True)
    instrument_code: Mapped[str] = mapped_column(CODE, _fk("instruments.code"), index=True)
    member_from: Mapped[str] = mapped_column(PDATE)
    member_until: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    __table_args__ = (UniqueConstraint("set_code", "instrument_code", "member_from"),)


class Body(CatalogueMixin, Base):
    __tablename__ = "bodies"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="commission")
    members_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    electing_organ_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    term_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    name_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")
    description_fr: Mapped[str] = mapped_column(Text, default="", server_default="")


class Meeting(CatalogueMixin, Base):
    __tablename__ = "meetings"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    body_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    session: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(400))
    start_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    end_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    session_fr: Mapped[str] = mapped_column(String(100), default="", server_default="")
    title_fr: Mapped[str] = mapped_column(String(400), default="", server_default="")
    place_fr: Mapped[str] = mapped_column(String(100), default="", server_default="")


class ReportingInstrument(CatalogueMixin, Base):
    __tablename__ = "reporting_instruments"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(30), default="questionnaire")
    body_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    instrument_code: Mapped[str | None] = mapped_column(CODE, _fk("instruments.code"), nullable=True)
    periodicity: Mapped[str] = mapped_column(String(30), default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    name_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")
    short_name_fr: Mapped[str] = mapped_column(String(100), default="", server_default="")
    description_fr: Mapped[str] = mapped_column(Text, default="", server_default="")


class OrganisationProfile(CatalogueMixin, Base):
    __tablename__ = "organisation_profile"
    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    motto: Mapped[str] = mapped_column(String(300), default="")
    reference_prefix: Mapped[str] = mapped_column(String(20))
    reference_pattern: Mapped[str] = mapped_column(String(60), default="{prefix}/{seq:03d}/{yy:02d}")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    name_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")
    short_name_fr: Mapped[str] = mapped_column(String(40), default="", server_default="")
    address_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    contact_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    motto_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")
    signatory_title_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")


# --------------------------------------------------------------------------- records


class RecordMixin:
    """Columns every record has: identity, provenance, audit and the optimistic-lock version."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    country_code: Mapped[str] = mapped_column(String(3), _fk("countries.iso3"), index=True)
    source: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)


class TreatyAction(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["treaty_action"]
    instrument_code: Mapped[str] = mapped_column(CODE, _fk("instruments.code"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    action_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    effect_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    depositary_notification: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class Membership(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["membership"]
    body_code: Mapped[str] = mapped_column(CODE, _fk("bodies.code"), index=True)
    electing_organ_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    election_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    term_start: Mapped[str] = mapped_column(PDATE, index=True)
    term_end: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    term_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    role: Mapped[str] = mapped_column(String(30), default="member")


class ReportingSubmission(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["reporting"]
    reporting_instrument_code: Mapped[str] = mapped_column(
        CODE, _fk("reporting_instruments.code"), index=True
    )
    cycle: Mapped[str] = mapped_column(String(40), default="")
    due_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    submitted_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    completeness: Mapped[str] = mapped_column(String(20), default="full")
    details: Mapped[str] = mapped_column(Text, default="")


class MeetingParticipation(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["meeting_participation"]
    meeting_code: Mapped[str] = mapped_column(CODE, _fk("meetings.code"), index=True)
    participation: Mapped[str] = mapped_column(String(20), default="attended")
    role: Mapped[str] = mapped_column(String(100), default="")
    delegation: Mapped[str] = mapped_column(Text, default="")


class Contribution(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["contribution"]
    recipient_body_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    recipient: Mapped[str] = mapped_column(String(300), default="")
    amount_minor: Mapped[int] = mapped_column(MINOR_UNITS)
    amount_currency: Mapped[str] = mapped_column(String(3))
    contribution_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="payment")
    earmarking: Mapped[str] = mapped_column(String(30), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")


class Resolution(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["resolution"]
    body_code: Mapped[str] = mapped_column(CODE, _fk("bodies.code"), index=True)
    adopted_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    session: Mapped[str] = mapped_column(String(60), default="")
    symbol: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(30), default="main_sponsor")
    description: Mapped[str] = mapped_column(Text, default="")


class NationalInitiative(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["national_initiative"]
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="strategy")
    initiative_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")


class LegislativeAssistance(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["legislative_assistance"]
    area: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), default="drafting")
    status: Mapped[str] = mapped_column(String(20), default="requested")
    start_date: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    end_date: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    details: Mapped[str] = mapped_column(Text, default="")


class Project(RecordMixin, Base):
    __tablename__ = RECORD_TABLES["project"]
    code: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(20), default="implementation")
    planned_start: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    planned_end: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    actual_start: Mapped[str | None] = mapped_column(PDATE, nullable=True, index=True)
    actual_end: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    budget_minor: Mapped[int | None] = mapped_column(MINOR_UNITS, nullable=True)
    budget_currency: Mapped[str | None] = mapped_column(String(3), nullable=True)


class Letter(RecordMixin, Base):
    """A cover letter with its enclosed note; once issued it never changes."""

    __tablename__ = RECORD_TABLES["letter"]
    reference: Mapped[str | None] = mapped_column(String(40), nullable=True, unique=True)
    letter_date: Mapped[str] = mapped_column(PDATE)
    subject: Mapped[str] = mapped_column(String(300), default="")
    addressee: Mapped[str] = mapped_column(Text, default="")
    salutation: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(String(300), default="")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    note_as_of: Mapped[str | None] = mapped_column(PDATE, nullable=True)
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    issued_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note_html: Mapped[str] = mapped_column(Text, default="")
    note_text: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    checksum: Mapped[str] = mapped_column(String(64), default="")


class CompletenessCheck(RecordMixin, Base):
    """An officer's statement that one area of a State's records holds every fact up to a date: what a
    note needs before it says what the State has not done."""

    __tablename__ = RECORD_TABLES["completeness_check"]
    area: Mapped[str] = mapped_column(String(30), index=True)
    instrument_set_code: Mapped[str | None] = mapped_column(CODE, _fk("instrument_sets.code"), nullable=True)
    instrument_code: Mapped[str | None] = mapped_column(CODE, _fk("instruments.code"), nullable=True)
    reporting_instrument_code: Mapped[str | None] = mapped_column(
        CODE, _fk("reporting_instruments.code"), nullable=True
    )
    body_code: Mapped[str | None] = mapped_column(CODE, _fk("bodies.code"), nullable=True)
    checked_on: Mapped[str] = mapped_column(PDATE, index=True)


class ReferenceCounter(Base):
    """The last reference sequence used in a year: numbers are never reused, even after a draft is deleted."""

    __tablename__ = "reference_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)


class HistoryEntry(Base):
    """One changed field of one record, written in the same transaction as the change."""

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    record_type: Mapped[str] = mapped_column(String(40), index=True)
    record_id: Mapped[str] = mapped_column(String(40))
    country_code: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    __table_args__ = (Index("ix_history_record", "record_type", "record_id"),)


RECORD_MODELS: dict[str, type[RecordMixin]] = {
    "treaty_action": TreatyAction,
    "membership": Membership,
    "reporting": ReportingSubmission,
    "meeting_participation": MeetingParticipation,
    "contribution": Contribution,
    "resolution": Resolution,
    "national_initiative": NationalInitiative,
    "legislative_assistance": LegislativeAssistance,
    "project": Project,
    "letter": Letter,
    "completeness_check": CompletenessCheck,
}

CATALOGUE_MODELS: dict[str, type[CatalogueMixin]] = {
    "country": Country,
    "instrument": Instrument,
    "instrument_set": InstrumentSet,
    "instrument_set_member": InstrumentSetMember,
    "body": Body,
    "meeting": Meeting,
    "reporting_instrument": ReportingInstrument,
    "organisation": OrganisationProfile,
}
