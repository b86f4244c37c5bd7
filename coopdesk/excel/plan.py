"""What an import would do, as plain data: added rows, changed rows field by field, the rows set aside.

``planning`` fills an ``ImportPlan`` (with ``catalogue_import`` and ``duplicates``); the preview dialog,
the command line and ``importer.apply_import`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdesk.excel.conflicts import Conflict
from coopdesk.excel.problem import ImportProblem
from coopdesk.records.fields import Field
from coopdesk.records.record_type import COUNTRY_LINK, RecordType, RefLabels


@dataclass(frozen=True)
class FieldChange:
    field: Field
    old: Any
    new: Any

    def shown(self, country_names: dict[str, str] | None = None) -> tuple[str, str]:
        """(old, new) as a person reads them."""
        old, new = self.field.display(self.old), self.field.display(self.new)
        if self.field is COUNTRY_LINK and country_names:
            old, new = country_names.get(self.old, self.old), country_names.get(self.new, self.new)
        return old, new

    def describe_side_by_side(self, country_names: dict[str, str] | None = None) -> str:
        old, new = self.shown(country_names)
        return f"{self.field.label}: workbook “{new}”, coopdesk now “{old}”"

    def describe(self, country_names: dict[str, str] | None = None) -> str:
        old, new = self.shown(country_names)
        if not old:
            return f"{self.field.label}: set to “{new}”"
        if not new:
            return f"{self.field.label}: “{old}” removed"
        return f"{self.field.label}: “{old}” becomes “{new}”"


@dataclass
class PlannedRow:
    sheet: str
    row: int
    rtype: RecordType
    key: str | None  # None: a new record that gets a new id
    country: str
    values: dict[str, Any]
    changes: list[FieldChange] = field(default_factory=list)
    #: the stored version the changes were planned against (the writer refuses the change if the record
    #: moved on since the preview); None for a row deleted in coopdesk since the export, added anew
    expected_version: int | None = None
    # what the officer should know about the row (a date read from a date cell)
    notes: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # a new row set aside: what it probably repeats
    conflict: Conflict | None = None  # the record moved on in coopdesk since the export
    use_workbook: bool = False  # for a conflict: the officer chose the workbook's version of this row
    as_exported: bool = False  # a new row exactly as a coopdesk exported it (its dates are not typed ones)

    def describe(self, labels: RefLabels | None = None) -> str:
        return self.rtype.describe(self.values, labels)


@dataclass
class SheetPlan:
    title: str
    rtype: RecordType
    added: list[PlannedRow] = field(default_factory=list)
    changed: list[PlannedRow] = field(default_factory=list)
    conflicts: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[PlannedRow] = field(default_factory=list)  # new rows set aside: probably stored already
    #: Rows not edited in the workbook whose record was changed (or deleted) in coopdesk since the export:
    #: left as coopdesk has them now.
    kept: int = 0

    def in_row_order(self) -> None:
        """Each list in the order of the sheet's rows (the planner places the rows it set aside first)."""
        for rows in (self.added, self.changed, self.conflicts):
            rows.sort(key=_row_number)


@dataclass
class ImportPlan:
    path: Path
    sheets: list[SheetPlan] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    #: the catalogue's short names, so rows read "ratification of 1970 Hague Convention", not "of CT02"
    ref_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def added(self) -> int:
        return sum(len(s.added) for s in self.sheets)

    @property
    def changed(self) -> int:
        return sum(len(s.changed) for s in self.sheets)

    @property
    def unchanged(self) -> int:
        """The records left as they are (the catalogue's unchanged entries are not counted)."""
        return sum(s.unchanged for s in self.sheets if not s.rtype.catalogue)

    @property
    def duplicates(self) -> int:
        return sum(len(s.duplicates) for s in self.sheets)

    @property
    def kept(self) -> int:
        return sum(s.kept for s in self.sheets)

    @property
    def conflicts(self) -> list[PlannedRow]:
        return [p for s in self.sheets for p in s.conflicts]

    @property
    def chosen(self) -> int:
        """Conflicts the officer chose to settle with the workbook's version."""
        return sum(1 for p in self.conflicts if p.use_workbook)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.chosen)

    def add_duplicates(self) -> None:
        """The officer asks for the probable duplicates too: they are added with the other new rows."""
        for sheet in self.sheets:
            for p in sheet.duplicates:
                p.notes.append(f"Added although it looks like {p.duplicate_of}.")
            sheet.added.extend(sheet.duplicates)
            sheet.added.sort(key=lambda p: p.row)
            sheet.duplicates = []

    def headline(self) -> str:
        if self.problems:
            n = len(self.problems)
            return f"{self.path.name} cannot be imported: {n} problem{'s' if n != 1 else ''} to fix."
        conflicts = len(self.conflicts)
        text = f"{self.added:,} to add, {self.changed:,} to change"
        if conflicts:
            text += f", {conflicts:,} conflict{'s' if conflicts != 1 else ''} with changes made in coopdesk"
        n = self.duplicates
        set_aside = f", {n:,} probable duplicate{'s' if n != 1 else ''} set aside" if n else ""
        return f"{text}, {self.unchanged + self.kept:,} unchanged{set_aside} in {self.path.name}."

    def name_of(self, p: PlannedRow) -> str:
        """A row as the preview names it: what it is, and its State for a record."""
        what = p.describe(self.ref_labels)
        return f"{what} ({self.country_names.get(p.country, p.country)})" if p.country else what

    def lines(self, limit: int = 200) -> list[str]:
        """The preview as text: the problems, or the additions and the changes field by field."""
        if self.problems:
            lines = [str(p) for p in self.problems[:limit]]
            if len(self.problems) > limit:
                lines.append(f"... and {len(self.problems) - limit:,} more problems.")
            return lines
        lines = []
        for sheet in self.sheets:
            if not (sheet.added or sheet.changed or sheet.conflicts or sheet.kept):
                continue
            counts = f"{len(sheet.added):,} added, {len(sheet.changed):,} changed"
            if sheet.conflicts:
                counts += f", {len(sheet.conflicts):,} in conflict"
            lines.append(f"{sheet.title}: {counts}, {sheet.unchanged + sheet.kept:,} unchanged")
            if sheet.kept:
                lines.append(
                    f"  {sheet.kept:,} row{'s' if sheet.kept != 1 else ''} not edited in the workbook "
                    "but changed in coopdesk since the export: kept as coopdesk has them now"
                )
            for p in sheet.conflicts[:limit]:
                assert p.conflict is not None
                choice = "the workbook's version will be used" if p.use_workbook else "coopdesk's kept"
                lines.append(
                    f"  row {p.row}: CONFLICT, {p.describe(self.ref_labels)}: {p.conflict.describe()} "
                    f"({choice})"
                )
                lines.extend(f"    {c.describe_side_by_side(self.country_names)}" for c in p.changes)
            for p in sheet.added[:limit]:
                lines.append(f"  row {p.row}: add {self.name_of(p)}")
                lines.extend(f"    {note}" for note in p.notes)
            for p in sheet.changed[:limit]:
                lines.append(f"  row {p.row}: change {p.describe(self.ref_labels)}")
                lines.extend(f"    {c.describe(self.country_names)}" for c in p.changes)
                lines.extend(f"    {note}" for note in p.notes)
        for sheet in self.sheets:
            if sheet.duplicates:
                lines.append(f"{sheet.title}: {len(sheet.duplicates):,} probable duplicates, not added")
                for p in sheet.duplicates[:limit]:
                    lines.append(f"  row {p.row}: {self.name_of(p)} looks like {p.duplicate_of}")
        return lines


def _row_number(planned: PlannedRow) -> int:
    return planned.row
