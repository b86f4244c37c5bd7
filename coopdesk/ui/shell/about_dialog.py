"""Help > About: the version, the database in use and the library versions (for support requests)."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from coopdesk import __version__
from coopdesk.db.database import Database
from coopdesk.ui.widgets.icons import icon
from coopdesk.ui.widgets.settings import Settings


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_facts(db: Database, settings: Settings) -> list[tuple[str, str]]:
    return [
        ("coopdesk", __version__),
        ("Database", db.display_name),
        ("Settings", str(settings.path)),
        ("Python", f"{platform.python_version()} ({sys.platform})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("SQLAlchemy", _version("SQLAlchemy")),
        ("Alembic", _version("alembic")),
        ("openpyxl", _version("openpyxl")),
    ]


class AboutDialog(QDialog):
    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About coopdesk")
        self.setWindowIcon(icon("coopdesk"))
        title = QLabel(
            "<h2>coopdesk</h2><p>The record of each State's cooperation with the organisation.</p>"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{name}</b></td><td>{_escape(value)}</td></tr>"
            for name, value in about_facts(db, settings)
        )
        facts = QLabel(f"<table>{rows}</table>")
        facts.setTextFormat(Qt.TextFormat.RichText)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.setObjectName("about-facts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(facts)
        layout.addWidget(buttons)
        self.facts = facts


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
