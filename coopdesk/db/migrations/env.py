"""Alembic environment: always run from coopdesk with a connection handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from coopdesk.db.models import Base
from coopdesk.db.search_index import compared_with_models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=compared_with_models,  # not the search index (migration 0003): raw SQL, no models
)
with context.begin_transaction():
    context.run_migrations()
