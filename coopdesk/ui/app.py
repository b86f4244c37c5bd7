"""Start the application: QApplication, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from coopdesk import __version__
from coopdesk.db.database import Database, open_database
from coopdesk.paths import default_database_path, ensure_parent
from coopdesk.services import RecordService


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"coopdesk - {db.display_name}")
        self.label = QLabel()
        self.setCentralWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        total = RecordService(self.db).total_records()
        self.label.setText(f"This database holds {total} records.")


def run_app(db_target: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("coopdesk")
    app.setApplicationVersion(__version__)
    target = db_target or str(ensure_parent(default_database_path()))
    db = open_database(target, create=True)
    window = MainWindow(db)
    window.resize(900, 600)
    window.show()
    if RecordService(db).total_records() == 0:
        answer = QMessageBox.question(
            window, "coopdesk", "This database is empty. Load the demo data (Belarus, 2009)?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            from coopdesk.demo import load_demo

            load_demo(db)
            window.refresh()
    return app.exec()
