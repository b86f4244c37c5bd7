"""The organisation is the user's: a new database's profile is blank, the demo brings its own only to a
blank profile, and a letter is neither numbered without a prefix nor issued without a signatory."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.records.demo import load_demo
from coopdesk.records.organisation import (
    ProfileIncomplete,
    is_neutral,
    missing_for_letters,
    organisation_profile,
    require_complete,
    save_profile,
)
from coopdesk.records.record import ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService

OWN = {
    "name": "Regional Office for Cooperation",
    "short_name": "ROC",
    "reference_prefix": "ROC/CD",
    "signatory_name": "Ana Officer",
    "signatory_title": "Head of Office",
}


def test_a_new_database_signs_nothing_in_anybodys_name(db: Database) -> None:
    profile = organisation_profile(db)
    assert is_neutral(profile)
    assert missing_for_letters(profile) == [
        "the organisation's name",
        "its short name",
        "the reference prefix of its letters",
        "the usual signatory",
    ]
    with pytest.raises(ProfileIncomplete, match=r"give the organisation's name, .* \(Tools > Organisation\)"):
        require_complete(db)
    values = letters.new_letter_values(db, "FRA", dt.date(2010, 1, 1))
    assert values["signatory_name"] == "" and "EWCA" not in str(values)
    with pytest.raises(ProfileIncomplete, match="no reference prefix"):
        letters.next_reference(db, 2010)


def test_a_letter_is_not_issued_without_a_signatory(db: Database) -> None:
    save_profile(db, OWN)
    service = RecordService(db)
    draft = service.create("letter", {"letter_date": "2 March 2010", "subject": "Cooperation"}, country="FRA")
    with pytest.raises(ServiceError, match="not issued without a signatory"):
        letters.issue_letter(db, draft.key, "<p>Note</p>")
    assert service.get("letter", draft.key)["status"] == "draft"
    assert letters.last_sequence(db, 2010) == 0  # no number used up
    service.update("letter", draft.key, {"signatory_name": "Ana Officer"}, expected_version=None)
    assert letters.issue_letter(db, draft.key, "<p>Note</p>")["reference"] == "ROC/CD/001/10"


def test_the_profile_is_checked_like_any_record(db: Database) -> None:
    with pytest.raises(ValidationFailed, match="Reference prefix: is required"):
        save_profile(db, {**OWN, "reference_prefix": ""})
    assert is_neutral(organisation_profile(db))


def test_the_demo_brings_its_organisation_to_a_blank_profile_only(db: Database) -> None:
    save_profile(db, OWN)
    load_demo(db)
    profile = organisation_profile(db)
    assert profile is not None and profile.values["name"] == OWN["name"]
    assert profile.values["signatory_name"] == "Ana Officer"
