"""Every message box and file chooser of the application, in one place.

Windows never call ``QMessageBox`` / ``QFileDialog`` / ``QInputDialog`` statics themselves: they call these
functions, so a test replaces one function (``monkeypatch.setattr(dialogs, "ask_yes_no", ...)``) instead of
clicking a modal dialog that would block the test run. Call them as ``dialogs.ask_yes_no(...)`` (module
attribute lookup at call time), never ``from coopdesk.ui.widgets.dialogs import ask_yes_no``, or the patch is missed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

NO_PRINTER = (
    "No printer is installed on this computer. Add one in the system's printer settings, then print "
    "again. Save as PDF keeps the same pages in a file."
)

SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A calm message the user acknowledges."""
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Something did not happen, and the user can act on why."""
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    """Something failed; ``text`` says what and what to do, in plain words (never a traceback)."""
    QMessageBox.critical(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A question whose safe answer is No (the default button)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved changes: returns ``SAVE``, ``DISCARD`` or ``CANCEL`` ("save", "discard", "cancel")."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def open_file(parent: QWidget | None, title: str, filter: str = "") -> Path | None:
    """An existing file to read, or None when cancelled. ``filter`` like "Workbooks (*.xlsx)"."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filter)
    return Path(name) if name else None


def save_file(
    parent: QWidget | None, title: str, filter: str = "", suggested: str | Path = ""
) -> Path | None:
    """A file to write (the dialog asks before overwriting), or None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, start: str | Path = "") -> Path | None:
    """An existing folder, or None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


def choose_printer(
    parent: QWidget | None,
    printer: QPrinter,
    page_count: int | None = None,
    current_page: int | None = None,
) -> bool:
    """The system print dialog (printer, copies, page range, duplex where the printer offers it) set
    up on ``printer``; False when cancelled, or when no printer is installed (said in a message first).

    ``page_count`` enables the page range (a batch of documents has none); ``current_page`` offers
    "Current page".
    """
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinterInfo

    if not QPrinterInfo.availablePrinterNames():
        warn(parent, "Print", NO_PRINTER)
        return False
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    option = QAbstractPrintDialog.PrintDialogOption
    options = option.PrintToFile | option.PrintCollateCopies | option.PrintShowPageSize
    if page_count:
        options |= option.PrintPageRange
        dialog.setMinMax(1, page_count)
        printer.setFromTo(1, page_count)
    if current_page:
        options |= option.PrintCurrentPage
    dialog.setOptions(options)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted
