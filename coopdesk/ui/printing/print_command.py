"""The command line's ``--print`` and ``--print-to``: the Qt print path, started without a window.

``coopdesk.cli`` is core and never imports Qt: the launcher (the composition root) hands
``print_from_command_line`` to it, and ``coopdesk note`` calls it through ``args.print_documents``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coopdesk.base.progress import Progress
from coopdesk.records.record import ServiceError
from coopdesk.ui.printing.printer import PrintDocument, print_documents

_application: QGuiApplication | None = None


def print_from_command_line(
    documents: Iterable[tuple[str, bytes]],
    *,
    count: int,
    title: str,
    printer: str | None,
    to_file: Path | None,
    progress: Progress,
) -> tuple[int, str]:
    """Print (name, PDF) pairs in one job to a printer, or into a PDF file; returns (pages, where to)."""
    _ensure_application()
    if to_file is not None:
        qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(str(to_file))
    else:
        qprinter = QPrinter(_printer_info(printer), QPrinter.PrinterMode.HighResolution)
    qprinter.setDocName(title)
    jobs = (PrintDocument(name, pdf) for name, pdf in documents)
    result = print_documents(qprinter, jobs, progress, count=count)
    return result.pages, result.where


class PrinterUnavailable(ServiceError):
    """No printer, or not the one named: said in one plain line by the command line."""


def _printer_info(name: str | None) -> QPrinterInfo:
    names = QPrinterInfo.availablePrinterNames()
    if not names:
        raise PrinterUnavailable(
            "no printer is installed: add one in the system's printer settings, or use --print-to FILE.pdf "
            "to see what would be printed"
        )
    if name is None:
        default = QPrinterInfo.defaultPrinter()
        return QPrinterInfo.printerInfo(names[0]) if default.isNull() else default
    if name not in names:
        raise PrinterUnavailable(f"there is no printer named '{name}': use one of {', '.join(sorted(names))}")
    return QPrinterInfo.printerInfo(name)


def _ensure_application() -> None:
    """Qt's printing needs a GUI application object, but no window and (on Linux) no display."""
    global _application
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication(["coopdesk"])
