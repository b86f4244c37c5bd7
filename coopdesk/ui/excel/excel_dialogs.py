"""The Excel dialogs: export options, and the import preview that lists every change or problem first.

Both are opened with ``open()`` (window-modal, non-blocking), so the window keeps painting and tests drive
them with clicks. Nothing here touches the database: the feature runs the core's export, plan and apply
functions through ``run_task``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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
    """What an import would do, before anything is written: changes field by field, or every problem.

    Rows whose record was changed in coopdesk since the export come first, each beside what coopdesk
    holds now and who changed it; a row is imported over coopdesk's only when its box is ticked.
    """

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
        self.conflicts = ConflictList(plan)
        self.conflicts.choice_changed.connect(self._update)
        if plan.problems:
            self._fill_problems()
        else:
            self._fill_changes()
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        # New rows that look like stored records are set aside; the officer may ask for them.
        n = plan.duplicates if plan.ok else 0
        self.add_duplicates = QCheckBox(
            f"Add the {n:,} probable duplicate{'s' if n != 1 else ''} too (they look like records already stored)"
        )
        self.add_duplicates.setObjectName("add-duplicates")
        self.add_duplicates.setVisible(bool(n))
        self.add_duplicates.toggled.connect(lambda _on: self._update())
        self.close_button = self.buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        shown_conflicts = bool(plan.conflicts) and not plan.problems
        if shown_conflicts:
            layout.addWidget(self.conflicts, 2)
        self.conflicts.setVisible(shown_conflicts)
        layout.addWidget(self.tree, 1 if shown_conflicts else 3)
        self.tree.setVisible(
            not shown_conflicts or plan.added + plan.changed + plan.kept + plan.duplicates > 0
        )
        layout.addWidget(self.add_duplicates)
        layout.addWidget(self.explain)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(860, 600 if shown_conflicts else 480)

    def _update(self) -> None:
        """The Import button and the words under the lists, after every choice."""
        plan = self.plan
        duplicates = self.add_duplicates.isChecked() and plan.duplicates > 0
        can = plan.ok and (plan.has_changes or duplicates)
        self.import_button.setEnabled(can)
        self.close_button.setText("Cancel" if plan.ok and (can or plan.duplicates) else "Close")
        if plan.problems:
            text = "Fix these problems in the workbook and import it again; nothing was changed."
        elif can:
            text = (
                "Nothing has been changed yet. Import applies every row above in one step; if anything "
                "fails, nothing is applied."
            )
            kept = len(plan.conflicts) - plan.chosen
            if kept:
                text += (
                    " The conflict not ticked keeps coopdesk's version."
                    if kept == 1
                    else f" The {kept:,} conflicts not ticked keep coopdesk's version."
                )
        elif plan.conflicts:
            text = "Tick the conflicts where the workbook's version should replace coopdesk's."
        elif plan.duplicates:
            text = "The workbook's new rows all look like records already stored; tick the box to add them anyway."
        else:
            text = "The workbook holds no change; nothing to import."
        self.explain.setText(text)

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
            if not (sheet.added or sheet.changed or sheet.kept):
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
            if sheet.kept:
                QTreeWidgetItem(
                    top,
                    [
                        "Kept",
                        f"{sheet.kept:,} row{'s' if sheet.kept != 1 else ''} not edited in the workbook but "
                        "changed in coopdesk since the export: left as coopdesk has them now",
                    ],
                )
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


class ConflictList(QWidget):
    """The conflicts side by side: the workbook's value beside coopdesk's, who changed it and when; a box
    per row to take the workbook's version (unticked: coopdesk's stays)."""

    choice_changed = Signal()

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan
        self.setObjectName("conflicts")
        n = len(plan.conflicts)
        intro = QLabel(
            f"<b>{n:,} edited row{'s' if n != 1 else ''} conflict{'s' if n == 1 else ''} with changes made "
            "in coopdesk after this workbook was exported.</b> Tick a row to replace coopdesk's version "
            "with the workbook's; a row left unticked keeps coopdesk's."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("conflict-rows")
        self.tree.setHeaderLabels(["Row and field", "In the workbook", "In coopdesk now"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.rows: list[QTreeWidgetItem] = []
        self._filling = True
        names, labels = plan.country_names, plan.ref_labels
        for planned in plan.conflicts[: _SHOWN_PER_SHEET * 5]:
            assert planned.conflict is not None
            item = QTreeWidgetItem(
                self.tree,
                [
                    f"{planned.sheet}, row {planned.row}",
                    f"{planned.describe(labels)} ({names.get(planned.country, planned.country)})",
                    planned.conflict.describe(),
                ],
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if planned.use_workbook else Qt.CheckState.Unchecked)
            item.setToolTip(0, "Ticked: the workbook's version replaces coopdesk's")
            item.setData(0, Qt.ItemDataRole.UserRole, len(self.rows))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            for change in planned.changes:
                old, new = change.shown(names)
                QTreeWidgetItem(item, [change.field.label, new or "(empty)", old or "(empty)"])
            item.setExpanded(True)
            self.rows.append(item)
        self._filling = False
        self.tree.itemChanged.connect(self._changed)
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 280)
        self.take_all = QPushButton("Use the workbook's for all")
        self.take_all.setObjectName("take-all")
        self.keep_all = QPushButton("Keep coopdesk's for all")
        self.keep_all.setObjectName("keep-all")
        self.take_all.clicked.connect(lambda: self.set_all(True))
        self.keep_all.clicked.connect(lambda: self.set_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_all)
        buttons.addWidget(self.keep_all)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if self._filling or column != 0 or index is None:
            return
        self.plan.conflicts[int(index)].use_workbook = item.checkState(0) == Qt.CheckState.Checked
        self.choice_changed.emit()

    def set_all(self, take: bool) -> None:
        state = Qt.CheckState.Checked if take else Qt.CheckState.Unchecked
        for item in self.rows:
            item.setCheckState(0, state)

    def lines(self) -> list[str]:
        """Each conflict and its fields as "column 0 | column 1 | column 2", with [x] for a ticked row."""
        out = []
        for item in self.rows:
            mark = "[x]" if item.checkState(0) == Qt.CheckState.Checked else "[ ]"
            out.append(f"{mark} {item.text(0)} | {item.text(1)} | {item.text(2)}")
            for i in range(item.childCount()):
                child = item.child(i)
                if child is not None:
                    out.append(f"    {child.text(0)} | {child.text(1)} | {child.text(2)}")
        return out
