"""The catalogue's types, declared once: countries, instruments and their sets, bodies, meetings,
reporting instruments, the organisation profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdesk.records import vocabularies as v
from coopdesk.records.fields import Field, Kind
from coopdesk.records.record_type import RecordType, before

_NOTES = Field("notes", "Notes", Kind.LONGTEXT, in_table=False)


def _french(name: str, label: str, kind: Kind = Kind.TEXT, help: str = "", in_table: bool = False) -> Field:
    """The French counterpart of an English catalogue field: optional, and out of the table by default."""
    return Field(f"{name}_fr", f"{label} (French)", kind, help=help, in_table=in_table)


_FRENCH_GRAMMAR = ("article_fr", "gender_fr", "number_fr", "in_fr")


def _french_state_grammar(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A French name needs the grammar that goes with it, and "les" goes with a plural name only."""
    if not values.get("short_name_fr"):
        return []
    problems = [
        (name, "the French name needs it") for name in _FRENCH_GRAMMAR if values.get(name) in (None, "")
    ]
    article, number = values.get("article_fr"), values.get("number_fr")
    if article and number and (article == "les") != (number == "plural"):
        problems.append(("number_fr", "'les' goes with a plural name, and a plural name takes 'les'"))
    return problems


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
        Field("member", "Member State", Kind.BOOL, default=True),
        Field(
            "language",
            "Corresponds in",
            Kind.CHOICE,
            required=True,
            vocabulary=v.LANGUAGE,
            help="The language of the notes and letters to this State",
        ),
        _french(
            "short_name",
            "Short name",
            help="As the UN writes it, without its article: Bélarus",
            in_table=True,
        ),
        Field("article_fr", "Article (French)", Kind.CHOICE, vocabulary=v.FRENCH_ARTICLE, in_table=False),
        Field("gender_fr", "Gender (French)", Kind.CHOICE, vocabulary=v.FRENCH_GENDER, in_table=False),
        Field("number_fr", "Number (French)", Kind.CHOICE, vocabulary=v.FRENCH_NUMBER, in_table=False),
        Field(
            "in_fr",
            "'In' (French)",
            Kind.CHOICE,
            vocabulary=v.FRENCH_IN,
            in_table=False,
            help="au Bélarus, en Belgique, aux Pays-Bas, à Cuba",
        ),
        _french("formal_name", "Formal name", help="With its article: la République du Bélarus"),
        _NOTES,
    ),
    catalogue=True,
    key="iso3",
    rules=(_french_state_grammar,),
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
        _french("title", "Title"),
        _french("short_title", "Short title"),
        _french("adopted_place", "Place"),
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
        _french("name", "Name"),
        _french(
            "running_name",
            "Name in running text",
            help="'traités internationaux de lutte contre le terrorisme'",
        ),
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
    rules=(before("member_from", "member_until", "an instrument cannot leave a set before it joins"),),
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
        _french("name", "Name"),
        _french("description", "Description", Kind.LONGTEXT),
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
        _french("session", "Session", help="quatrième session"),
        _french("title", "Title"),
        _french("place", "Place"),
        _NOTES,
    ),
    catalogue=True,
    key="code",
    sort_field="start_date",
    rules=(before("start_date", "end_date", "the meeting cannot end before it starts"),),
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
        _french("name", "Name"),
        _french("short_name", "Short name"),
        _french("description", "Description", Kind.LONGTEXT),
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
        _french("name", "Name"),
        _french("short_name", "Short name"),
        _french("address", "Address", Kind.LONGTEXT),
        _french("contact", "Telephone, e-mail, web", Kind.LONGTEXT),
        _french("motto", "Motto"),
        _french("signatory_title", "Signatory's title"),
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
