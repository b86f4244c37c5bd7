"""What an import would do, as plain data: added rows, changed rows field by field, the rows set aside.

``planning`` fills an ``ImportPlan`` (with ``catalogue_import`` and ``duplicates``); the preview dialog,
the command line and ``importer.apply_import`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdesk.excel.reading import ImportProblem
from coopdesk.records.fields import Field
from coopdesk.records.record_type import COUNTRY_LINK, RecordType, RefLabels


@dataclass(frozen=True)
class FieldChange:
    field: Field
    old: Any
    new: Any

    def describe(self, country_names: dict[str, str] | None = None) -> str:
        old, new = self.field.display(self.old), self.field.display(self.new)
        if self.field is COUNTRY_LINK and country_names:
            old, new = country_names.get(self.old, self.old), country_names.get(self.new, self.new)
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
    expected_version: int | None = None  # the stored version the changes were planned against
    # what the officer should know about the row (a date read from a date cell)
    notes: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # a new row set aside: what it probably repeats

    def describe(self, labels: RefLabels | None = None) -> str:
        return self.rtype.describe(self.values, labels)


@dataclass
class SheetPlan:
    title: str
    rtype: RecordType
    added: list[PlannedRow] = field(default_factory=list)
    changed: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[PlannedRow] = field(default_factory=list)  # new rows set aside: probably stored already


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
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)

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
        n = self.duplicates
        set_aside = f", {n:,} probable duplicate{'s' if n != 1 else ''} set aside" if n else ""
        return (
            f"{self.added:,} to add, {self.changed:,} to change, {self.unchanged:,} unchanged{set_aside} "
            f"in {self.path.name}."
        )

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
            if not (sheet.added or sheet.changed):
                continue
            lines.append(
                f"{sheet.title}: {len(sheet.added):,} added, {len(sheet.changed):,} changed, "
                f"{sheet.unchanged:,} unchanged"
            )
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
