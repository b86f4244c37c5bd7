"""The user's preferences and window state, in an INI file under the user's config folder.

INI values come back as strings, so every read passes ``type=``. Nothing is written until something
changes; tests get their own config folder by pointing ``coopdesk.base.paths.user_config_dir`` elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from coopdesk.base import paths

MAX_RECENT = 8


def settings_path() -> Path:
    return paths.user_config_dir() / "coopdesk.ini"


class Settings:
    """Typed access to the few things coopdesk remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    # ------------------------------------------------------------------ window state

    def geometry(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}", None, type=QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", value)

    # ------------------------------------------------------------------ databases

    def recent_databases(self) -> list[str]:
        value = self.qsettings.value("databases/recent", [], type=list)
        return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else []

    def add_recent_database(self, target: str) -> None:
        recent = [target, *(r for r in self.recent_databases() if r != target)][:MAX_RECENT]
        self.qsettings.setValue("databases/recent", recent)

    def remove_recent_database(self, target: str) -> None:
        self.qsettings.setValue("databases/recent", [r for r in self.recent_databases() if r != target])

    def last_country(self) -> str:
        return str(self.qsettings.value("workspace/country", "", type=str) or "")

    def set_last_country(self, iso3: str) -> None:
        self.qsettings.setValue("workspace/country", iso3)

    def last_instrument_set(self) -> str:
        """The instrument set the treaty matrix showed last ("" before the first time)."""
        return str(self.qsettings.value("matrix/set", "", type=str) or "")

    def set_last_instrument_set(self, code: str) -> None:
        self.qsettings.setValue("matrix/set", code)

    def sync(self) -> None:
        self.qsettings.sync()
