"""The organisation profile: who writes the letters, from where, under which reference and signature.

A database holds one profile (the first by code, if the catalogue was given more). A new database starts
with a neutral one, all blank: the organisation is the user's, not the demo's, and nothing is signed in
anybody's name until the user says whose it is. The window asks for it before the first letter
(*Tools > Organisation*); a letter is never issued without a signatory, nor numbered without a prefix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdesk.db.database import Database
from coopdesk.records.record import Record, ServiceError
from coopdesk.records.service import RecordService

PROFILE_TYPE = "organisation"

#: What a letter needs from the profile, by field, with the words that ask for it.
NEEDED_FOR_LETTERS: tuple[tuple[str, str], ...] = (
    ("name", "the organisation's name"),
    ("short_name", "its short name"),
    ("reference_prefix", "the reference prefix of its letters"),
    ("signatory_name", "the usual signatory"),
)


class ProfileIncomplete(ServiceError):
    """The organisation profile lacks what a letter needs."""


def organisation_profile(db: Database) -> Record | None:
    """The database's organisation profile (None if the catalogue has none at all)."""
    profiles = RecordService(db).list(PROFILE_TYPE, sort="code")
    return profiles[0] if profiles else None


def is_neutral(profile: Record | None) -> bool:
    """A profile nobody has filled in yet (a new database's): no name."""
    return profile is None or not str(profile.values.get("name") or "").strip()


def missing_for_letters(profile: Record | None) -> list[str]:
    """What the profile lacks for a letter, in words ("the usual signatory"); empty when complete."""
    values = profile.values if profile is not None else {}
    return [words for name, words in NEEDED_FOR_LETTERS if not str(values.get(name) or "").strip()]


def require_complete(db: Database) -> Record:
    """The profile, or ``ProfileIncomplete`` naming what a letter still needs from it."""
    profile = organisation_profile(db)
    missing = missing_for_letters(profile)
    if missing:
        raise ProfileIncomplete(
            "The organisation profile is not complete: give "
            + ", ".join(missing)
            + " (Tools > Organisation) before a letter is issued."
        )
    assert profile is not None
    return profile


def save_profile(db: Database, values: Mapping[str, Any], user: str | None = None) -> Record:
    """Change the profile's fields (validated, in the history); creates the profile if there is none."""
    service = RecordService(db, user)
    profile = organisation_profile(db)
    changes = {k: v for k, v in values.items() if k != "code"}
    if profile is None:
        return service.create(PROFILE_TYPE, {"code": "ORG", **changes})
    return service.update(PROFILE_TYPE, profile.key, changes, expected_version=profile.version)


def adopt_if_neutral(db: Database, values: Mapping[str, Any], user: str | None = None) -> Record | None:
    """Give a neutral profile these values (the demo's organisation); a profile the user filled in is
    left alone. Returns the profile as changed, or None when it was left alone."""
    if not is_neutral(organisation_profile(db)):
        return None
    return save_profile(db, values, user)
