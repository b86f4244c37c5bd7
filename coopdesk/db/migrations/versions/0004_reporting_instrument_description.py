"""A description for reporting instruments: the words a note puts after the instrument's name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Existing rows get an empty description, except the Global Report on Trafficking in Persons as shipped.
The shipped catalogue changed with this release in three more places; a database whose entries still
hold the earlier shipped values gets the new ones, and an entry the user changed is left as it is:

- the Global Report's description ("study on the state of the world's response to ...");
- the short names of the two convention-tied reporting instruments, which named no convention
  ("self-assessment checklist", "checklist/questionnaires");
- ECOSOC's name, "United Nations Economic and Social Council" (as the notes say it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_REPORTING = sa.table(
    "reporting_instruments", sa.column("code"), sa.column("short_name"), sa.column("description")
)
_BODIES = sa.table("bodies", sa.column("code"), sa.column("name"))

#: (code, value shipped before, value shipped now)
_SHORT_NAMES = (
    ("UNCAC-SAC", "self-assessment checklist", "UNCAC self-assessment checklist"),
    ("UNTOC-QUEST", "checklist/questionnaires", "UNTOC questionnaires and checklists"),
)
_GLOTIP_DESCRIPTION = "study on the state of the world's response to the crime of human trafficking"


def upgrade() -> None:
    with op.batch_alter_table("reporting_instruments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
    op.execute(
        _REPORTING.update()
        .where(_REPORTING.c.code == "GLOTIP", _REPORTING.c.description == "")
        .values(description=_GLOTIP_DESCRIPTION)
    )
    for code, before, now in _SHORT_NAMES:
        op.execute(
            _REPORTING.update()
            .where(_REPORTING.c.code == code, _REPORTING.c.short_name == before)
            .values(short_name=now)
        )
    op.execute(
        _BODIES.update()
        .where(_BODIES.c.code == "ECOSOC", _BODIES.c.name == "Economic and Social Council")
        .values(name="United Nations Economic and Social Council")
    )


def downgrade() -> None:
    with op.batch_alter_table("reporting_instruments", schema=None) as batch_op:
        batch_op.drop_column("description")
