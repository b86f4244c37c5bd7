"""The States and how much each has recorded: what the window's country list shows, read without the ORM.

The list is the first thing the window paints, so it is read by two plain SQL queries over the tables
named in ``coopdesk.db.table_names``; the ORM mapping (the largest part of coopdesk's start-up) loads
after that paint. The filter matches the same fields as the country catalogue's own search
(``RecordType.searched_fields``): any part of the code, the short or formal name or the regional group.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from coopdesk.db.database import Database
from coopdesk.db.table_names import COUNTRY_TABLE, RECORD_TABLES
from coopdesk.records.catalogue_types import COUNTRY

#: Written as SQL text rather than built with the expression language: it is the first query of every
#: start-up, and compiling a ten-way UNION costs more than running it.
_COUNTS = text(
    "SELECT c, sum(n) FROM ("
    + " UNION ALL ".join(
        f"SELECT country_code AS c, count(*) AS n FROM {table} GROUP BY country_code"
        for table in RECORD_TABLES.values()
    )
    + ") AS per_table GROUP BY c"
)

_ALL = text(f"SELECT iso3, short_name FROM {COUNTRY_TABLE} ORDER BY short_name, iso3")
_MATCHING = text(
    f"SELECT iso3, short_name FROM {COUNTRY_TABLE} WHERE "
    + " OR ".join(f"lower({f.name}) LIKE :pattern" for f in COUNTRY.searched_fields)
    + " ORDER BY short_name, iso3"
)


@dataclass(frozen=True)
class CountryEntry:
    """A State as the country list shows it: its ISO alpha-3 code and its short name."""

    iso3: str
    name: str


class CountryDirectory:
    """Reads the States of one database for the country list."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record_counts(self) -> dict[str, int]:
        """How many records each State has, across all record types (one query)."""
        with self.db.read() as session:
            return {str(code): int(n) for code, n in session.execute(_COUNTS)}

    def countries(self, search: str | None = None) -> list[CountryEntry]:
        """The States by short name; with ``search``, those with the text in any searched field."""
        wanted = (search or "").strip().lower()
        query, parameters = (_MATCHING, {"pattern": f"%{wanted}%"}) if wanted else (_ALL, {})
        with self.db.read() as session:
            rows = session.execute(query, parameters)
            return [CountryEntry(str(iso3), str(name)) for iso3, name in rows]
