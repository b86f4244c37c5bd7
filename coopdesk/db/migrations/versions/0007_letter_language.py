"""The language of each letter.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

A cover letter and its note are written in one language, chosen per document (by default the language
the State corresponds in). ``letters.language`` keeps it, so an issued letter reopens in the language it
was issued in and a draft carries on in the one it was started in. Every existing letter was written in
English.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=5), server_default="en", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("language")
