"""File > Export to Excel… and File > Import from Excel…: the workbook round trip in the main window.

Export: options dialog, then a file name, then the core's ``export_workbook`` in a worker with progress
and Cancel. Import: a file name, then reading and planning in a worker, then the preview dialog; only its
Import button applies the plan (again in a worker, in one transaction), and the window reloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

from coopdesk.base.progress import Progress
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost
from coopdesk.ui.widgets.tasks import TaskHandle, describe_error, run_task

# The workbook code (XlsxWriter, the reader, the dialogs) is imported when first used, not at start-up.
if TYPE_CHECKING:
    from coopdesk.excel.export import ExportSummary
    from coopdesk.excel.importer import ImportPlan, ImportResult
    from coopdesk.ui.excel.excel_dialogs import ExportOptionsDialog, ImportPreviewDialog

WORKBOOK_FILTER = "Excel workbooks (*.xlsx)"


def _plain_errors() -> tuple[type[Exception], ...]:
    """Refusals whose message is already written for the user."""
    from coopdesk.excel.export import ExportRefused
    from coopdesk.excel.importer import ImportRefused
    from coopdesk.excel.limits import WorkbookRefused

    return (ExportRefused, ImportRefused, WorkbookRefused)


class ExcelFeature:
    """Kept on the window as ``window.excel``; holds the open dialog and the running task for tests."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.options: ExportOptionsDialog | None = None
        self.preview: ImportPreviewDialog | None = None
        self.task: TaskHandle[Any] | None = None
        self.act_export = QAction("&Export to Excel…", window)
        self.act_export.setObjectName("action-export-excel")
        self.act_export.setShortcut("Ctrl+E")
        self.act_export.setStatusTip("Write the records to an Excel workbook")
        self.act_export.triggered.connect(self.start_export)
        self.act_import = QAction("&Import from Excel…", window)
        self.act_import.setObjectName("action-import-excel")
        self.act_import.setShortcut("Ctrl+Shift+I")
        self.act_import.setStatusTip("Check an edited workbook, preview its changes, then apply them")
        self.act_import.triggered.connect(self.start_import)
        file_menu = window.menu("file")
        quit_action = window.quit_action()
        if isinstance(quit_action, QAction) and quit_action in file_menu.actions():
            file_menu.insertAction(quit_action, self.act_export)
            file_menu.insertAction(quit_action, self.act_import)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(self.act_export)
            file_menu.addAction(self.act_import)

    # ------------------------------------------------------------------ export

    def start_export(self) -> ExportOptionsDialog:
        from coopdesk.ui.excel.excel_dialogs import ExportOptionsDialog

        window = self.window
        code = window.current_country()
        country = (code, dict(window.service.choices("country")).get(code, code)) if code else None
        self.options = ExportOptionsDialog(window, country, window.as_of())
        self.options.accepted.connect(self._export_chosen)
        self.options.open()
        return self.options

    def _export_chosen(self) -> None:
        options = self.options
        assert options is not None
        scope = options.country() or options.regional_group() or "coopdesk"
        suggested = f"{scope.replace(' ', '-')}-{options.summary_date():%Y-%m-%d}.xlsx"
        path = dialogs.save_file(self.window, "Export to Excel", WORKBOOK_FILTER, suggested)
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        db = self.window.db
        country, group, as_of = options.country(), options.regional_group(), options.summary_date()

        from coopdesk.excel.export import export_workbook

        def work(progress: Progress) -> ExportSummary:
            return export_workbook(db, path, country=country, group=group, as_of=as_of, progress=progress)

        self.task = run_task(
            self.window, "Exporting to Excel", work, self._exported, self._failed("Export to Excel")
        )

    def _exported(self, summary: ExportSummary) -> None:
        self.window.status(summary.lines()[0], 10_000)

    # ------------------------------------------------------------------ import

    def start_import(self) -> None:
        path = dialogs.open_file(self.window, "Import from Excel", WORKBOOK_FILTER)
        if path is None:
            return
        db = self.window.db
        from coopdesk.excel.importer import plan_import, read_workbook

        def work(progress: Progress) -> ImportPlan:
            return plan_import(db, read_workbook(Path(path), progress=progress), progress=progress)

        self.task = run_task(
            self.window, "Reading the workbook", work, self._planned, self._failed("Import from Excel")
        )

    def _planned(self, plan: ImportPlan) -> None:
        from coopdesk.ui.excel.excel_dialogs import ImportPreviewDialog

        self.preview = ImportPreviewDialog(self.window, plan)
        self.preview.accepted.connect(lambda: self._apply(plan))
        self.preview.open()

    def _apply(self, plan: ImportPlan) -> None:
        db = self.window.db
        from coopdesk.excel.importer import apply_import

        def work(progress: Progress) -> ImportResult:
            return apply_import(db, plan, progress=progress)

        self.task = run_task(
            self.window, "Importing from Excel", work, self._imported, self._failed("Import from Excel")
        )

    def _imported(self, result: ImportResult) -> None:
        self.window.refresh()
        self.window.records_changed.emit()
        self.window.status(
            f"Imported from Excel: {result.added:,} added, {result.changed:,} changed.", 10_000
        )

    def _failed(self, title: str) -> Any:
        def show(exc: BaseException) -> None:
            text = str(exc) if isinstance(exc, _plain_errors()) else describe_error(exc)
            dialogs.error(self.window, title, text)

        return show


def install(window: WindowHost) -> ExcelFeature:
    return ExcelFeature(window)
