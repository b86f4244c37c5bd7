"""Shared fixtures: every test gets its own database, copied from one built once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never see (nor print on) this machine's printers: the print system is pointed at no server.
os.environ["CUPS_SERVER"] = "/nonexistent/coopdesk-tests/cups.sock"
os.environ["COOPDESK_USER"] = "tester"

from coopdesk.base import paths
from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.records.demo import load_demo
from coopdesk.records.service import RecordService

OUTPUT_DIR = Path(__file__).resolve().parents[1] / "test-output"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data or settings folders, on any system: coopdesk's own paths module
    is pointed at a temporary folder (on Windows platformdirs ignores XDG_*), and the XDG variables too,
    for what Qt finds by itself."""
    home = tmp_path_factory.mktemp("home")
    # The same folders the XDG variables give a child process (platformdirs adds the app's name).
    monkeypatch.setattr(paths, "user_data_dir", lambda: home / "data" / paths.APP_NAME)
    monkeypatch.setattr(paths, "user_config_dir", lambda: home / "config" / paths.APP_NAME)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("COOPDESK_USER", "tester")


@pytest.fixture(scope="session")
def _catalogue_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "catalogue.sqlite"
    open_database(path, create=True).dispose()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory, _catalogue_template: Path) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    shutil.copy(_catalogue_template, path)
    db = open_database(path)
    load_demo(db, user="demo")
    db.dispose()
    return path


def _copy_and_open(template: Path, target: Path) -> Database:
    shutil.copy(template, target)
    return open_database(target)


@pytest.fixture
def db_path(tmp_path: Path, _catalogue_template: Path) -> Path:
    """A database file holding the catalogue and no records."""
    path = tmp_path / "coopdesk.sqlite"
    shutil.copy(_catalogue_template, path)
    return path


@pytest.fixture
def db(tmp_path: Path, _catalogue_template: Path) -> Iterator[Database]:
    database = _copy_and_open(_catalogue_template, tmp_path / "coopdesk.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def demo_db_path(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path) -> Iterator[Database]:
    database = _copy_and_open(_demo_template, tmp_path / "demo.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def service(db: Database) -> RecordService:
    return RecordService(db, user="tester")


@pytest.fixture
def demo_service(demo_db: Database) -> RecordService:
    return RecordService(demo_db, user="tester")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where tests leave files for a person to look at (screenshots, PDFs)."""
    OUTPUT_DIR.mkdir(exist_ok=True)
    return OUTPUT_DIR
