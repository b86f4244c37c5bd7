"""Initial schema: catalogue, records, letters and the reference register.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("members_count", sa.Integer(), nullable=True),
        sa.Column("electing_organ_code", sa.String(length=40), nullable=True),
        sa.Column("term_years", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["electing_organ_code"],
            ["bodies.code"],
            name=op.f("fk_bodies_electing_organ_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_bodies")),
    )
    op.create_table(
        "countries",
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("formal_name", sa.String(length=300), nullable=False),
        sa.Column("regional_group", sa.String(length=40), nullable=False),
        sa.Column("takes_the", sa.Boolean(), nullable=False),
        sa.Column("member", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("iso3", name=op.f("pk_countries")),
        sa.UniqueConstraint("short_name", name=op.f("uq_countries_short_name")),
    )
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_countries_regional_group"), ["regional_group"], unique=False)

    op.create_table(
        "instrument_sets",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("running_name", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_instrument_sets")),
    )
    op.create_table(
        "instruments",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("short_title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("adopted_date", sa.String(length=10), nullable=True),
        sa.Column("adopted_place", sa.String(length=100), nullable=False),
        sa.Column("in_force_date", sa.String(length=10), nullable=True),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"],
            ["instruments.code"],
            name=op.f("fk_instruments_parent_code_instruments"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_instruments")),
    )
    op.create_table(
        "organisation_profile",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("motto", sa.String(length=300), nullable=False),
        sa.Column("reference_prefix", sa.String(length=20), nullable=False),
        sa.Column("reference_pattern", sa.String(length=60), nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_organisation_profile")),
    )
    op.create_table(
        "reference_counters",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_reference_counters")),
    )
    op.create_table(
        "contributions",
        sa.Column("recipient_body_code", sa.String(length=40), nullable=True),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("amount_currency", sa.String(length=3), nullable=False),
        sa.Column("contribution_date", sa.String(length=10), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_contributions_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_body_code"],
            ["bodies.code"],
            name=op.f("fk_contributions_recipient_body_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
    )
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contributions_contribution_date"), ["contribution_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contributions_country_code"), ["country_code"], unique=False)

    op.create_table(
        "instrument_set_members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("set_code", sa.String(length=40), nullable=False),
        sa.Column("instrument_code", sa.String(length=40), nullable=False),
        sa.Column("member_from", sa.String(length=10), nullable=False),
        sa.Column("member_until", sa.String(length=10), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_code"],
            ["instruments.code"],
            name=op.f("fk_instrument_set_members_instrument_code_instruments"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["set_code"],
            ["instrument_sets.code"],
            name=op.f("fk_instrument_set_members_set_code_instrument_sets"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instrument_set_members")),
        sa.UniqueConstraint(
            "set_code", "instrument_code", "member_from", name=op.f("uq_instrument_set_members_set_code")
        ),
    )
    with op.batch_alter_table("instrument_set_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_instrument_set_members_instrument_code"), ["instrument_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_instrument_set_members_set_code"), ["set_code"], unique=False)

    op.create_table(
        "legislative_assistance",
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=True),
        sa.Column("end_date", sa.String(length=10), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_legislative_assistance_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legislative_assistance")),
    )
    with op.batch_alter_table("legislative_assistance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legislative_assistance_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_legislative_assistance_start_date"), ["start_date"], unique=False
        )

    op.create_table(
        "letters",
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("letter_date", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=False),
        sa.Column("salutation", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("closing", sa.String(length=300), nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_title", sa.String(length=200), nullable=False),
        sa.Column("note_as_of", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("note_html", sa.Text(), nullable=False),
        sa.Column("note_text", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_letters_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("reference", name=op.f("uq_letters_reference")),
    )
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letters_country_code"), ["country_code"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("body_code", sa.String(length=40), nullable=True),
        sa.Column("session", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=True),
        sa.Column("end_date", sa.String(length=10), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["body_code"],
            ["bodies.code"],
            name=op.f("fk_meetings_body_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_meetings")),
    )
    op.create_table(
        "memberships",
        sa.Column("body_code", sa.String(length=40), nullable=False),
        sa.Column("electing_organ_code", sa.String(length=40), nullable=True),
        sa.Column("election_date", sa.String(length=10), nullable=True),
        sa.Column("term_start", sa.String(length=10), nullable=False),
        sa.Column("term_end", sa.String(length=10), nullable=True),
        sa.Column("term_years", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_code"],
            ["bodies.code"],
            name=op.f("fk_memberships_body_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_memberships_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["electing_organ_code"],
            ["bodies.code"],
            name=op.f("fk_memberships_electing_organ_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_body_code"), ["body_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_memberships_country_code"), ["country_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_memberships_term_start"), ["term_start"], unique=False)

    op.create_table(
        "national_initiatives",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("initiative_date", sa.String(length=10), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_national_initiatives_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_initiatives")),
    )
    with op.batch_alter_table("national_initiatives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_national_initiatives_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_national_initiatives_initiative_date"), ["initiative_date"], unique=False
        )

    op.create_table(
        "projects",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_start", sa.String(length=10), nullable=True),
        sa.Column("planned_end", sa.String(length=10), nullable=True),
        sa.Column("actual_start", sa.String(length=10), nullable=True),
        sa.Column("actual_end", sa.String(length=10), nullable=True),
        sa.Column("budget_minor", sa.Integer(), nullable=True),
        sa.Column("budget_currency", sa.String(length=3), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_projects_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_actual_start"), ["actual_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_projects_country_code"), ["country_code"], unique=False)

    op.create_table(
        "reporting_instruments",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("body_code", sa.String(length=40), nullable=True),
        sa.Column("instrument_code", sa.String(length=40), nullable=True),
        sa.Column("periodicity", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["body_code"],
            ["bodies.code"],
            name=op.f("fk_reporting_instruments_body_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["instrument_code"],
            ["instruments.code"],
            name=op.f("fk_reporting_instruments_instrument_code_instruments"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_reporting_instruments")),
    )
    op.create_table(
        "resolutions",
        sa.Column("body_code", sa.String(length=40), nullable=False),
        sa.Column("adopted_date", sa.String(length=10), nullable=True),
        sa.Column("session", sa.String(length=60), nullable=False),
        sa.Column("symbol", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_code"],
            ["bodies.code"],
            name=op.f("fk_resolutions_body_code_bodies"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_resolutions_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
    )
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resolutions_adopted_date"), ["adopted_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_resolutions_body_code"), ["body_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_resolutions_country_code"), ["country_code"], unique=False)

    op.create_table(
        "treaty_actions",
        sa.Column("instrument_code", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("action_date", sa.String(length=10), nullable=True),
        sa.Column("effect_date", sa.String(length=10), nullable=True),
        sa.Column("depositary_notification", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_treaty_actions_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["instrument_code"],
            ["instruments.code"],
            name=op.f("fk_treaty_actions_instrument_code_instruments"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treaty_actions")),
    )
    with op.batch_alter_table("treaty_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treaty_actions_action_date"), ["action_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_treaty_actions_country_code"), ["country_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_treaty_actions_instrument_code"), ["instrument_code"], unique=False
        )

    op.create_table(
        "meeting_participations",
        sa.Column("meeting_code", sa.String(length=40), nullable=False),
        sa.Column("participation", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("delegation", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_meeting_participations_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_code"],
            ["meetings.code"],
            name=op.f("fk_meeting_participations_meeting_code_meetings"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participations")),
    )
    with op.batch_alter_table("meeting_participations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_participations_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_participations_meeting_code"), ["meeting_code"], unique=False
        )

    op.create_table(
        "reporting_submissions",
        sa.Column("reporting_instrument_code", sa.String(length=40), nullable=False),
        sa.Column("cycle", sa.String(length=40), nullable=False),
        sa.Column("due_date", sa.String(length=10), nullable=True),
        sa.Column("submitted_date", sa.String(length=10), nullable=True),
        sa.Column("completeness", sa.String(length=20), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.iso3"],
            name=op.f("fk_reporting_submissions_country_code_countries"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["reporting_instrument_code"],
            ["reporting_instruments.code"],
            name=op.f("fk_reporting_submissions_reporting_instrument_code_reporting_instruments"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_submissions")),
    )
    with op.batch_alter_table("reporting_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reporting_submissions_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reporting_submissions_reporting_instrument_code"),
            ["reporting_instrument_code"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_reporting_submissions_submitted_date"), ["submitted_date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reporting_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_submissions_submitted_date"))
        batch_op.drop_index(batch_op.f("ix_reporting_submissions_reporting_instrument_code"))
        batch_op.drop_index(batch_op.f("ix_reporting_submissions_country_code"))

    op.drop_table("reporting_submissions")
    with op.batch_alter_table("meeting_participations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_participations_meeting_code"))
        batch_op.drop_index(batch_op.f("ix_meeting_participations_country_code"))

    op.drop_table("meeting_participations")
    with op.batch_alter_table("treaty_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treaty_actions_instrument_code"))
        batch_op.drop_index(batch_op.f("ix_treaty_actions_country_code"))
        batch_op.drop_index(batch_op.f("ix_treaty_actions_action_date"))

    op.drop_table("treaty_actions")
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resolutions_country_code"))
        batch_op.drop_index(batch_op.f("ix_resolutions_body_code"))
        batch_op.drop_index(batch_op.f("ix_resolutions_adopted_date"))

    op.drop_table("resolutions")
    op.drop_table("reporting_instruments")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_country_code"))
        batch_op.drop_index(batch_op.f("ix_projects_actual_start"))

    op.drop_table("projects")
    with op.batch_alter_table("national_initiatives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_national_initiatives_initiative_date"))
        batch_op.drop_index(batch_op.f("ix_national_initiatives_country_code"))

    op.drop_table("national_initiatives")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_term_start"))
        batch_op.drop_index(batch_op.f("ix_memberships_country_code"))
        batch_op.drop_index(batch_op.f("ix_memberships_body_code"))

    op.drop_table("memberships")
    op.drop_table("meetings")
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letters_country_code"))

    op.drop_table("letters")
    with op.batch_alter_table("legislative_assistance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legislative_assistance_start_date"))
        batch_op.drop_index(batch_op.f("ix_legislative_assistance_country_code"))

    op.drop_table("legislative_assistance")
    with op.batch_alter_table("instrument_set_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instrument_set_members_set_code"))
        batch_op.drop_index(batch_op.f("ix_instrument_set_members_instrument_code"))

    op.drop_table("instrument_set_members")
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contributions_country_code"))
        batch_op.drop_index(batch_op.f("ix_contributions_contribution_date"))

    op.drop_table("contributions")
    op.drop_table("reference_counters")
    op.drop_table("organisation_profile")
    op.drop_table("instruments")
    op.drop_table("instrument_sets")
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_countries_regional_group"))

    op.drop_table("countries")
    op.drop_table("bodies")
