"""The names of the tables that hold the States and the records, without the ORM.

``coopdesk.db.models`` maps its classes onto these names; the code that runs before the models are
loaded (the window's first paint, the list of backups) reads the tables by them. Building the ORM
mapping is the largest part of coopdesk's own start-up, so what the first window needs does not wait
for it.
"""

from __future__ import annotations

COUNTRY_TABLE = "countries"

#: Record type name -> table.
RECORD_TABLES: dict[str, str] = {
    "treaty_action": "treaty_actions",
    "membership": "memberships",
    "reporting": "reporting_submissions",
    "meeting_participation": "meeting_participations",
    "contribution": "contributions",
    "resolution": "resolutions",
    "national_initiative": "national_initiatives",
    "legislative_assistance": "legislative_assistance",
    "project": "projects",
    "letter": "letters",
    "completeness_check": "completeness_checks",
}
