"""A description for reporting instruments: the words a note puts after the instrument's name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Existing rows get an empty description (the note then names the instrument alone, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reporting_instruments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("reporting_instruments", schema=None) as batch_op:
        batch_op.drop_column("description")
