"""The catalogue in French: every State's French names and grammar, the French names of the rest.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Notes and letters can be drafted in French. A country gets the UN's French short name (without its
article), the article, gender and number its grammar needs, the words for "in" ("au", "en", "aux",
"à"...), its formal French name (with its article, as the UN writes it) and the language it corresponds
in. Instruments, instrument sets, bodies, meetings, reporting instruments and the organisation profile
get French columns beside their English ones.

Every existing database gets the shipped French values for the shipped entries (matched by code), and
only where the new column is still empty, so nothing a user typed is overwritten; entries a user added
stay without French names until someone types them (the draft says what is missing).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: (table, key column, shipped file, [(column, type)]): the French columns this revision adds.
_COLUMNS: tuple[tuple[str, str, str, tuple[tuple[str, sa.types.TypeEngine[str]], ...]], ...] = (
    (
        "countries",
        "iso3",
        "countries.csv",
        (
            ("short_name_fr", sa.String(length=200)),
            ("article_fr", sa.String(length=10)),
            ("gender_fr", sa.String(length=1)),
            ("number_fr", sa.String(length=10)),
            ("in_fr", sa.String(length=10)),
            ("formal_name_fr", sa.String(length=300)),
        ),
    ),
    (
        "instruments",
        "code",
        "instruments.csv",
        (
            ("title_fr", sa.String(length=400)),
            ("short_title_fr", sa.String(length=200)),
            ("adopted_place_fr", sa.String(length=100)),
        ),
    ),
    (
        "instrument_sets",
        "code",
        "instrument_sets.csv",
        (("name_fr", sa.String(length=200)), ("running_name_fr", sa.String(length=200))),
    ),
    ("bodies", "code", "bodies.csv", (("name_fr", sa.String(length=300)), ("description_fr", sa.Text()))),
    (
        "meetings",
        "code",
        "meetings.csv",
        (
            ("session_fr", sa.String(length=100)),
            ("title_fr", sa.String(length=400)),
            ("place_fr", sa.String(length=100)),
        ),
    ),
    (
        "reporting_instruments",
        "code",
        "reporting_instruments.csv",
        (
            ("name_fr", sa.String(length=300)),
            ("short_name_fr", sa.String(length=100)),
            ("description_fr", sa.Text()),
        ),
    ),
    (
        "organisation_profile",
        "code",
        "organisation.csv",
        (
            ("name_fr", sa.String(length=300)),
            ("short_name_fr", sa.String(length=40)),
            ("address_fr", sa.Text()),
            ("contact_fr", sa.Text()),
            ("motto_fr", sa.String(length=300)),
            ("signatory_title_fr", sa.String(length=200)),
        ),
    ),
)


def _fill_from_shipped(table: str, key: str, file_name: str, columns: list[str]) -> None:
    """Give the shipped entries their shipped values in ``columns``, where a column is still empty
    (or, for ``language``, still the default)."""
    from coopdesk.db.catalogue_load import read_catalogue_file

    t = sa.table(table, sa.column(key), *(sa.column(c) for c in columns))
    empty = {c: "en" if c == "language" else "" for c in columns}
    for row in read_catalogue_file(file_name):
        code = (row.get(key) or "").strip()
        for column in columns:
            value = (row.get(column) or "").strip()
            if not code or not value or value == empty[column]:
                continue
            op.execute(
                t.update().where(t.c[key] == code, t.c[column] == empty[column]).values({column: value})
            )


def upgrade() -> None:
    for table, key, file_name, columns in _COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, type_ in columns:
                batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
            if table == "countries":
                batch_op.add_column(
                    sa.Column("language", sa.String(length=5), nullable=False, server_default="en")
                )
        names = [name for name, _ in columns] + (["language"] if table == "countries" else [])
        _fill_from_shipped(table, key, file_name, names)


def downgrade() -> None:
    for table, _key, _file, columns in reversed(_COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "countries":
                batch_op.drop_column("language")
            for name, _ in reversed(columns):
                batch_op.drop_column(name)
