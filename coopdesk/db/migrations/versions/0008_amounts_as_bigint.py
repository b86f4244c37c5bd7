"""Amounts in minor units as 64-bit numbers on PostgreSQL.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

coopdesk accepts amounts up to 10**15 minor units (what a spreadsheet keeps exactly; see
coopdesk.records.limits), more than PostgreSQL's INTEGER (2**31 - 1: USD 21 million) holds. SQLite's
INTEGER already holds 64 bits, so a SQLite file is left as it is (only its revision moves on).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = (("contributions", "amount_minor", False), ("projects", "budget_minor", True))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in _COLUMNS:
        op.alter_column(
            table, column, type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=nullable
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in _COLUMNS:
        op.alter_column(
            table, column, type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=nullable
        )
