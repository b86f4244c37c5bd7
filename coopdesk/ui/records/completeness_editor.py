"""Mark records complete: say that areas of some States' records were checked complete on a day.

One action marks many States and many areas at once (the States chosen in the country list or the rows
of the treaty matrix come preselected). Each check is a record like any other (``completeness_check``):
it is in the history, the workbook and the State's own list of checks, where it can be corrected or
deleted. The work is done by the core (``coopdesk.records.completeness.mark_complete``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.records.completeness import AREA_GROUPS, Area, area_choices, checks_of, mark_complete
from coopdesk.records.country_directory import CountryDirectory
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record, ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.records.field_editors import editor_for
from coopdesk.ui.widgets import dialogs

TITLE = "Mark records complete"
AREA_ROLE = Qt.ItemDataRole.UserRole
ISO_ROLE = Qt.ItemDataRole.UserRole


class CompletenessEditor(QDialog):
    """Choose States, areas, the day of the check and its source; then mark them all complete."""

    marked = Signal(object)  # the list of checks added

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        countries: Sequence[str] = (),
        areas: Iterable[Area] = (),
        checked_on: dt.date | None = None,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setObjectName("CompletenessEditor")
        self.setWindowTitle(TITLE)
        self.setMinimumSize(900, 600)
        wanted_areas = set(areas)

        intro = QLabel(
            "Say which areas of the records you checked against a source, for which States and on which "
            "day. A note says what a State has <i>not</i> done in an area (not a party, no ongoing project, "
            "the remaining instruments) only as of that day or before; elsewhere it says only what the "
            "records show."
        )
        intro.setWordWrap(True)

        self.state_filter = QLineEdit()
        self.state_filter.setObjectName("completeness-state-filter")
        self.state_filter.setPlaceholderText("Filter States")
        self.state_filter.setClearButtonEnabled(True)
        self.states = QListWidget()
        self.states.setObjectName("completeness-states")
        self.states.setAccessibleName("States")
        self.states.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.states.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.states.setMinimumWidth(self.fontMetrics().horizontalAdvance("Iran (Islamic Republic of)") + 40)
        chosen = set(countries)
        for row in CountryDirectory(db).countries(""):
            state = QListWidgetItem(row.name)
            state.setData(ISO_ROLE, row.iso3)
            self.states.addItem(state)
            state.setSelected(row.iso3 in chosen)
        first = next((i for i in range(self.states.count()) if self.states.item(i).isSelected()), None)
        if first is not None:
            self.states.scrollToItem(self.states.item(first), QAbstractItemView.ScrollHint.PositionAtTop)
        self.states_label = QLabel()
        self.states_label.setBuddy(self.states)
        self.state_filter.textChanged.connect(self._filter_states)
        self.states.itemSelectionChanged.connect(self._states_changed)

        self.areas = QTreeWidget()
        self.areas.setObjectName("completeness-areas")
        self.areas.setAccessibleName("Areas")
        self.areas.setHeaderLabels(["Area", "Last checked complete"])
        self.areas.setRootIsDecorated(True)
        self.areas.setUniformRowHeights(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for name in AREA_GROUPS:
            group = QTreeWidgetItem([name])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.areas.addTopLevelItem(group)
            groups[name] = group
        self.area_items: dict[Area, QTreeWidgetItem] = {}
        for choice in area_choices(db):
            item = QTreeWidgetItem([choice.name, ""])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Checked if choice.area in wanted_areas else Qt.CheckState.Unchecked
            )
            item.setData(0, AREA_ROLE, choice.area)
            item.setToolTip(0, choice.name)
            groups[choice.group].addChild(item)
            self.area_items[choice.area] = item
        for name, group in groups.items():
            children = [group.child(i) for i in range(group.childCount())]
            checked = any(c is not None and c.checkState(0) == Qt.CheckState.Checked for c in children)
            # the sets, reports and assistance open; the thirty single instruments only when one is wanted
            group.setExpanded(name != AREA_GROUPS[1] or checked)
        header = self.areas.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names read whole
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.areas.itemChanged.connect(lambda _item, _col: self._update())
        areas_label = QLabel("&Areas checked:")
        areas_label.setBuddy(self.areas)

        check_type = RECORD_TYPES["completeness_check"]
        self.checked_on = editor_for(check_type.field("checked_on"))
        self.checked_on.setObjectName("completeness-checked-on")
        self.checked_on.set_value(PartialDate.from_date(checked_on or dt.date.today()))
        self.source = QLineEdit()
        self.source.setObjectName("completeness-source")
        self.source.setAccessibleName("Source")
        self.source.setPlaceholderText(
            "What you checked against, e.g. UN Treaty Collection status, 1 March 2013"
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        day_label = QLabel("Checked complete &on:")
        day_label.setBuddy(self.checked_on.focus_widget())
        source_label = QLabel("&Source:")
        source_label.setBuddy(self.source)
        form.addRow(day_label, self.checked_on)
        form.addRow(source_label, self.source)

        self.mark_button = QPushButton("&Mark complete")
        self.mark_button.setObjectName("completeness-mark")
        self.mark_button.setDefault(True)
        self.mark_button.clicked.connect(self.mark)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        self.summary = QLabel()
        self.summary.setObjectName("completeness-summary")
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(close)

        left = QVBoxLayout()
        left.addWidget(self.states_label)
        left.addWidget(self.state_filter)
        left.addWidget(self.states, 1)
        right = QVBoxLayout()
        right.addWidget(areas_label)
        right.addWidget(self.areas, 1)
        lists = QHBoxLayout()
        lists.addLayout(left, 2)
        lists.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(lists, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._states_changed()

    # ------------------------------------------------------------------ state

    def chosen_countries(self) -> list[str]:
        return [str(item.data(ISO_ROLE)) for item in self.states.selectedItems()]

    def chosen_areas(self) -> list[Area]:
        return [area for area, item in self.area_items.items() if item.checkState(0) == Qt.CheckState.Checked]

    def check_area(self, area: Area, checked: bool = True) -> None:
        self.area_items[area].setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _filter_states(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.states.count()):
            item = self.states.item(i)
            item.setHidden(bool(wanted) and wanted not in f"{item.text()} {item.data(ISO_ROLE)}".casefold())

    def _states_changed(self) -> None:
        chosen = self.chosen_countries()
        names = [item.text() for item in self.states.selectedItems()]
        if not names:
            text = "&States: none chosen"
        elif len(names) <= 2:
            text = f"&States: {' and '.join(names)}"
        else:
            text = f"&States: {len(names)} chosen"
        self.states_label.setText(text)
        self._show_last_checks(chosen[0] if len(chosen) == 1 else None)
        self._update()

    def _show_last_checks(self, iso3: str | None) -> None:
        """For one State, when each area was last checked complete (for several, it would differ)."""
        completeness = checks_of(self.db, iso3) if iso3 else None
        for area, item in self.area_items.items():
            last = completeness.latest(area) if completeness is not None else None
            item.setText(1, str(last.checked_on) if last else "")
            item.setToolTip(1, ("C" + last.describe()[1:]) if last else "")
        header = self.areas.headerItem()
        header.setText(1, "Last checked complete" if iso3 else "Last checked (choose one State)")

    def _update(self) -> None:
        states, areas = len(self.chosen_countries()), len(self.chosen_areas())
        self.mark_button.setEnabled(bool(states and areas))
        if states and areas:
            self.summary.setText(
                f"{areas} area{'s' if areas != 1 else ''} of {states} State{'s' if states != 1 else ''}: "
                f"{areas * states} check{'s' if areas * states != 1 else ''} to record."
            )
        else:
            self.summary.setText("Choose at least one State and one area.")

    # ------------------------------------------------------------------ action

    def mark(self) -> None:
        """Record the checks, all in one transaction; say plainly what is wrong otherwise."""
        day_text = self.checked_on.raw()
        try:
            added = mark_complete(
                self.db,
                self.chosen_countries(),
                self.chosen_areas(),
                day_text,
                self.source.text(),
                user=self.user,
            )
        except ValidationFailed as exc:
            dialogs.warn(self, TITLE, "; ".join(f"{p.label} {p.reason}" for p in exc.problems))
            return
        except ValueError as exc:
            dialogs.warn(self, TITLE, f"Checked complete on: {exc}")
            return
        except (ServiceError, DatabaseProblem) as exc:
            dialogs.warn(self, TITLE, str(exc))
            return
        self.added: list[Record] = added
        self.marked.emit(added)
        self.accept()
