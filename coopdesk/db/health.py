"""Integrity checks of a database: schema version, SQLite integrity, foreign keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from coopdesk.db.database import Database
from coopdesk.db.migrate import current_revision, head_revision


@dataclass
class HealthReport:
    database: str
    schema: str | None
    schema_expected: str
    integrity: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.schema == self.schema_expected and not self.integrity and not self.foreign_key_problems

    def lines(self) -> list[str]:
        out = [f"Database: {self.database}"]
        state = "up to date" if self.schema == self.schema_expected else f"expected {self.schema_expected}"
        out.append(f"Schema version: {self.schema or 'none'} ({state})")
        out.append("Integrity check: " + ("ok" if not self.integrity else "; ".join(self.integrity[:10])))
        if self.foreign_key_problems:
            out.append(f"Foreign key check: {len(self.foreign_key_problems)} broken references")
            out.extend(f"  {p}" for p in self.foreign_key_problems[:20])
        else:
            out.append("Foreign key check: ok")
        if self.counts:
            out.append("Rows: " + ", ".join(f"{name} {n}" for name, n in self.counts.items()))
        out.append("Result: " + ("no problem found" if self.ok else "PROBLEMS FOUND"))
        return out


def check_database(db: Database, *, quick: bool = False) -> HealthReport:
    """Run the checks; ``quick`` uses ``PRAGMA quick_check`` (for every open) instead of the full check."""
    report = HealthReport(db.display_name, current_revision(db), head_revision())
    with db.engine.connect() as conn:
        if db.is_sqlite:
            pragma = "quick_check" if quick else "integrity_check"
            rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
            report.integrity = [] if rows == ["ok"] else rows
            report.foreign_key_problems = [
                f"{r[0]} row {r[1]} refers to a missing {r[2]}"
                for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
        for table in ("countries", "treaty_actions", "memberships", "contributions", "letters", "history"):
            report.counts[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
        conn.rollback()
    return report
