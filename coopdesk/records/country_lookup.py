"""Find a country from what a person typed: an ISO code, a short name or a formal name."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from coopdesk.db.database import Database
from coopdesk.db.models import Country


def resolve_country(db: Database, text: str) -> str | None:
    """The ISO alpha-3 code for ``text`` ("BLR", "belarus", "Republic of Belarus"), or None."""
    wanted = text.strip()
    if not wanted:
        return None
    folded = wanted.lower()
    if folded.startswith("the "):
        folded = folded[4:]
    with db.read() as session:
        exact = session.scalars(
            select(Country.iso3).where(
                or_(
                    func.lower(Country.iso3) == folded,
                    func.lower(Country.short_name) == folded,
                    func.lower(Country.formal_name) == folded,
                )
            )
        ).first()
        return exact
