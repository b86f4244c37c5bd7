"""Fixtures for tests on a real PostgreSQL server (loaded as a pytest plugin: ``-p tests.helpers.postgres``).

``pg_db`` is a fresh database per test, copied from a migrated template on a server started once per
session. Where the server binaries are missing the tests that use it skip, saying why; when the CI
environment variable is set they must run, so a CI machine without PostgreSQL fails instead.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from tests.helpers.pg_server import PgServer, missing_reason

TEMPLATE = "coopdesk_template"
_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI"):
            raise RuntimeError(f"CI is set, so the PostgreSQL tests must run, but: {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PgServer().start()
    try:
        server.execute(f"CREATE DATABASE {TEMPLATE}")
        db = open_database(server.url(TEMPLATE), create=True)  # schema by migration, then the catalogue
        db.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_db(pg_server: PgServer) -> Iterator[Database]:
    """A fresh database per test, copied from the migrated template (CREATE DATABASE ... TEMPLATE)."""
    name = f"coopdesk_test_{next(_names)}"
    pg_server.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    db = open_database(pg_server.url(name))
    yield db
    db.dispose()
    pg_server.execute(f"DROP DATABASE {name}")
