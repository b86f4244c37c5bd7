"""The depositary's participant names against the catalogue's: cleaned, compared loosely, never guessed."""

from __future__ import annotations

import pytest

from coopdesk.db.database import Database
from coopdesk.records.service import RecordService
from coopdesk.treaty_status.names import MatchKind, ParticipantNames, clean_name, shipped_aliases


@pytest.mark.parametrize(
    ("written", "name", "withdrawn"),
    [
        ("Belarus4", "Belarus", False),
        ("Czechia 2,3", "Czechia", False),
        ("North Macedonia 4 ,", "North Macedonia", False),
        (
            "United Kingdom of Great Britain and Northern Ireland 6 , 18 , 19 ,",
            "United Kingdom of Great Britain and Northern Ireland",
            False,
        ),
        ("[Nicaragua]3", "Nicaragua", True),
        ("Côte d’Ivoire", "Côte d'Ivoire", False),
    ],
)
def test_footnote_markers_and_brackets_come_off(written: str, name: str, withdrawn: bool) -> None:
    assert clean_name(written) == (name, withdrawn)


@pytest.fixture
def names(db: Database) -> ParticipantNames:
    countries = RecordService(db).list("country")
    return ParticipantNames((str(c.key), c["short_name"], c["formal_name"]) for c in countries)


@pytest.mark.parametrize(
    ("name", "kind", "iso3"),
    [
        ("Bolivia (Plurinational State of)", MatchKind.CATALOGUE, "BOL"),
        ("bolivia (plurinational state of)", MatchKind.CATALOGUE, "BOL"),
        ("Cote d'Ivoire", MatchKind.CATALOGUE, "CIV"),
        ("Türkiye", MatchKind.CATALOGUE, "TUR"),
        ("Republic of Moldova", MatchKind.CATALOGUE, "MDA"),
        ("the Netherlands", MatchKind.OTHER_NAME, "NLD"),
        ("Czech Republic", MatchKind.CATALOGUE, "CZE"),  # the formal name
        ("Swaziland", MatchKind.OTHER_NAME, "SWZ"),
        ("Republic of Belarus", MatchKind.CATALOGUE, "BLR"),  # the formal name
        ("Holy See", MatchKind.CATALOGUE, "VAT"),
        ("State of Palestine", MatchKind.CATALOGUE, "PSE"),
        ("Cook Islands", MatchKind.NOT_IN_CATALOGUE, None),
        ("Niue", MatchKind.NOT_IN_CATALOGUE, None),
        ("European Union", MatchKind.NOT_IN_CATALOGUE, None),
        ("Serbia and Montenegro", MatchKind.NOT_IN_CATALOGUE, None),
        ("Belaruss", MatchKind.UNKNOWN, None),  # close is not the same: nothing is guessed
        ("Korea", MatchKind.UNKNOWN, None),  # which one?
    ],
)
def test_names_are_matched_or_listed_not_guessed(
    names: ParticipantNames, name: str, kind: MatchKind, iso3: str | None
) -> None:
    found = names.match(name)
    assert (found.kind, found.iso3) == (kind, iso3)


def test_a_participant_added_to_the_catalogue_is_matched(db: Database) -> None:
    service = RecordService(db)
    service.create(
        "country",
        {
            "iso3": "COK",
            "short_name": "Cook Islands",
            "formal_name": "Cook Islands",
            "regional_group": "Asia-Pacific",
            "member": False,
        },
    )
    names = ParticipantNames((str(c.key), c["short_name"], c["formal_name"]) for c in service.list("country"))
    assert (names.match("Cook Islands").kind, names.match("Cook Islands").iso3) == (
        MatchKind.CATALOGUE,
        "COK",
    )


def test_every_other_name_points_at_a_catalogue_state_or_says_why_not(db: Database) -> None:
    codes = {str(c.key) for c in RecordService(db).list("country")}
    for alias in shipped_aliases():
        assert alias.iso3 in codes or alias.note, alias
