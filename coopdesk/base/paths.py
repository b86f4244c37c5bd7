"""Where coopdesk keeps its files by default (nothing is created at import time)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "coopdesk"


def user_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return user_data_dir() / "coopdesk.sqlite"


def ensure_parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
