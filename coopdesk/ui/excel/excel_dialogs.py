"""The Excel dialogs: export options, and the import preview that lists every change or problem first.

Both are opened with ``open()`` (window-modal, non-blocking), so the window keeps painting and tests drive
them with clicks. Nothing here touches the database: the feature runs the core's export, plan and apply
functions through ``run_task``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.excel.importer import ImportPlan
from coopdesk.records.vocabularies import REGIONAL_GROUP

_SHOWN_PER_SHEET = 2000  # a preview lists this many rows per sheet and says how many more there are


class ExportOptionsDialog(QDialog):
    """Whole database, the current country or a regional group, and the date of the Summary's counts."""

    def __init__(self, parent: QWidget | None, country: tuple[str, str] | None, as_of: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to Excel")
        self.setObjectName("excel-export-options")
        self._country = country
        self.everything = QRadioButton("The whole database")
        self.one_country = QRadioButton(f"Only {country[1]}" if country else "Only the selected country")
        self.one_country.setEnabled(country is not None)
        self.one_group = QRadioButton("Only one regional group:")
        self.group = QComboBox()
        self.group.addItems(list(REGIONAL_GROUP.labels))
        self.group.setEnabled(False)
        self.one_group.toggled.connect(self.group.setEnabled)
        self._scope = QButtonGroup(self)
        for button in (self.everything, self.one_country, self.one_group):
            self._scope.addButton(button)
        self.everything.setChecked(True)
        self.as_of = QDateEdit(QDate(as_of.year, as_of.month, as_of.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMMM yyyy")

        form = QFormLayout()
        form.addRow(self.everything)
        form.addRow(self.one_country)
        form.addRow(self.one_group, self.group)
        form.addRow("Summary counts on:", self.as_of)
        note = QLabel(
            "One sheet per record type, a Summary and the catalogue. Edit the workbook in Excel or "
            "LibreOffice and bring it back with File > Import from Excel."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def country(self) -> str | None:
        return self._country[0] if self._country and self.one_country.isChecked() else None

    def regional_group(self) -> str | None:
        return self.group.currentText() if self.one_group.isChecked() else None

    def summary_date(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in the column's width (a tree view asks its delegate for a
    row's height without telling it the column's width, so long texts would stay on one cut line)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        text = str(index.data() or "")
        width = self.tree.header().sectionSize(index.column()) - 12  # the cell's margins
        if not text or width <= 0:
            return size
        flags = int(Qt.TextFlag.TextWordWrap)
        height = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height() + 6
        return QSize(size.width(), max(size.height(), height))


class ImportPreviewDialog(QDialog):
    """What an import would do, before anything is written: changes field by field, or every problem."""

    def __init__(self, parent: QWidget | None, plan: ImportPlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Import from Excel: {plan.path.name}")
        self.setObjectName("excel-import-preview")
        self.headline = QLabel(plan.headline())
        self.headline.setWordWrap(True)
        self.headline.setObjectName("headline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("changes")
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        # a problem's advice or a change's details is read whole, over as many lines as it takes
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        if plan.problems:
            self._fill_problems()
        else:
            self._fill_changes()
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(plan.ok and plan.has_changes)
        # New rows that look like stored records are set aside; the officer may ask for them.
        n = plan.duplicates if plan.ok else 0
        self.add_duplicates = QCheckBox(
            f"Add the {n:,} probable duplicate{'s' if n != 1 else ''} too (they look like records already stored)"
        )
        self.add_duplicates.setObjectName("add-duplicates")
        self.add_duplicates.setVisible(bool(n))
        self.add_duplicates.toggled.connect(
            lambda on: self.import_button.setEnabled(plan.ok and (plan.has_changes or on))
        )
        self.close_button = self.buttons.addButton(
            "Cancel" if plan.ok and (plan.has_changes or n) else "Close",
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        explain = QLabel(
            "Nothing has been changed yet. Import applies every row above in one step; if anything fails, "
            "nothing is applied."
            if plan.ok and plan.has_changes
            else (
                "Fix these problems in the workbook and import it again; nothing was changed."
                if plan.problems
                else "The workbook's new rows all look like records already stored; tick the box to add "
                "them anyway."
                if n
                else "The workbook holds no change; nothing to import."
            )
        )
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.add_duplicates)
        layout.addWidget(explain)
        layout.addWidget(self.buttons)
        self.resize(760, 480)

    def accept(self) -> None:
        if self.add_duplicates.isChecked():
            self.plan.add_duplicates()
        super().accept()

    def _fill_problems(self) -> None:
        self.tree.setHeaderLabels(["Where", "Problem"])
        self.tree.setRootIsDecorated(False)
        for p in self.plan.problems[: _SHOWN_PER_SHEET * 5]:
            where = ", ".join(x for x in (p.sheet, f"row {p.row}" if p.row else "", p.column or "") if x)
            item = QTreeWidgetItem(self.tree, [where, p.message])
            item.setToolTip(1, p.message)
        self.tree.setColumnWidth(0, 260)

    def _fill_changes(self) -> None:
        self.tree.setHeaderLabels(["Change", "Details"])
        names = self.plan.country_names
        for sheet in self.plan.sheets:
            if not (sheet.added or sheet.changed):
                continue
            top = self._sheet_item(
                sheet.title,
                f"{len(sheet.added):,} to add, {len(sheet.changed):,} to change, {sheet.unchanged:,} unchanged",
            )
            for p in sheet.changed[:_SHOWN_PER_SHEET]:
                item = QTreeWidgetItem(top, [f"Row {p.row}: change", self.plan.name_of(p)])
                for change in p.changes:
                    QTreeWidgetItem(item, ["", change.describe(names)])
                for note in p.notes:
                    QTreeWidgetItem(item, ["", note])
                item.setExpanded(True)
            for p in sheet.added[:_SHOWN_PER_SHEET]:
                item = QTreeWidgetItem(top, [f"Row {p.row}: add", self.plan.name_of(p)])
                for note in p.notes:
                    QTreeWidgetItem(item, ["", note])
                item.setExpanded(True)
            hidden = max(0, len(sheet.changed) - _SHOWN_PER_SHEET) + max(
                0, len(sheet.added) - _SHOWN_PER_SHEET
            )
            if hidden:
                QTreeWidgetItem(top, ["", f"... and {hidden:,} more rows"])
            top.setExpanded(True)
        for sheet in self.plan.sheets:
            if not sheet.duplicates:
                continue
            top = self._sheet_item(
                f"{sheet.title}: set aside", f"{len(sheet.duplicates):,} probable duplicates, not added"
            )
            for p in sheet.duplicates[:_SHOWN_PER_SHEET]:
                item = QTreeWidgetItem(top, [f"Row {p.row}: looks stored", self.plan.name_of(p)])
                QTreeWidgetItem(item, ["", f"Looks like {p.duplicate_of}."])
                item.setExpanded(True)
            top.setExpanded(True)
        self.tree.setColumnWidth(0, 200)
        self.tree.header().setStretchLastSection(True)

    def _sheet_item(self, title: str, details: str) -> QTreeWidgetItem:
        top = QTreeWidgetItem(self.tree, [title, details])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        return top

    def change_lines(self) -> list[str]:
        """Every line of the tree as "column 0 | column 1", depth first (what a reader sees)."""
        lines: list[str] = []

        def walk(item: QTreeWidgetItem | None, depth: int) -> None:
            if item is None:
                return
            lines.append("  " * depth + f"{item.text(0)} | {item.text(1)}".strip())
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return lines
