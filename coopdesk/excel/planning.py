"""The preview of an import: what would be added, changed field by field, left as is, or is a conflict.

Countries and catalogue references are matched by code or by name. A row the officer did not edit (its
cells give the fingerprint the export wrote, see ``conflicts``) is left out, whatever its record holds
now. An edited row is compared with the stored record in storage form: a change when the record is still
at the version exported, a conflict when it was changed or deleted in coopdesk since (written only if the
officer chooses the workbook's version for that row: ``PlannedRow.use_workbook``). Writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.conflicts import Conflict, ConflictKind, fingerprint, stored_form
from coopdesk.excel.reading import ImportProblem, ParsedRow, ParsedWorkbook
from coopdesk.excel.sheets import RECORD_LAYOUTS, sheet_title
from coopdesk.fields import Field, Kind
from coopdesk.progress import SILENT, Progress
from coopdesk.record_types import CATALOGUE_TYPES, RECORD_TYPES, RecordType, RefLabels
from coopdesk.services import label_of, model_for, to_record
from coopdesk.validation import CatalogueFacts, catalogue_problems, needs_catalogue

COUNTRY_FIELD = Field("country_code", "Country")
_NAME_FIELDS = ("name", "title", "short_title", "short_name", "formal_name")


@dataclass(frozen=True)
class FieldChange:
    field: Field
    old: Any
    new: Any

    def shown(self, country_names: dict[str, str] | None = None) -> tuple[str, str]:
        """(old, new) as a person reads them."""
        old, new = self.field.display(self.old), self.field.display(self.new)
        if self.field is COUNTRY_FIELD and country_names:
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
    version: int | None = None  # the stored version the changes were planned against
    conflict: Conflict | None = None  # the record moved on in coopdesk since the export
    use_workbook: bool = False  # for a conflict: the officer chose the workbook's version of this row

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
    #: Rows not edited in the workbook whose record was changed (or deleted) in coopdesk since the export:
    #: left as coopdesk has them now.
    kept: int = 0


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
        return sum(s.unchanged for s in self.sheets)

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

    def headline(self) -> str:
        if self.problems:
            n = len(self.problems)
            return f"{self.path.name} cannot be imported: {n} problem{'s' if n != 1 else ''} to fix."
        conflicts = len(self.conflicts)
        text = f"{self.added:,} to add, {self.changed:,} to change"
        if conflicts:
            text += f", {conflicts:,} conflict{'s' if conflicts != 1 else ''} with changes made in coopdesk"
        return f"{text}, {self.unchanged + self.kept:,} unchanged in {self.path.name}."

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
                lines.append(
                    f"  row {p.row}: add {p.describe(self.ref_labels)} "
                    f"({self.country_names.get(p.country, p.country)})"
                )
            for p in sheet.changed[:limit]:
                lines.append(f"  row {p.row}: change {p.describe(self.ref_labels)}")
                lines.extend(f"    {c.describe(self.country_names)}" for c in p.changes)
        return lines


def _lookup(session: Session, type_name: str) -> dict[str, str]:
    """code -> code and lower-cased names -> code, for matching what a person typed."""
    rtype = CATALOGUE_TYPES[type_name]
    table = model_for(rtype).__table__
    lookup: dict[str, str] = {}
    for row in session.execute(select(table)):
        code = str(getattr(row, rtype.key))
        for name in _NAME_FIELDS:
            text = getattr(row, name, None)
            if isinstance(text, str) and text.strip():
                lookup.setdefault(text.strip().casefold(), code)
        lookup[code.casefold()] = code
    return lookup


def plan_import(db: Database, parsed: ParsedWorkbook, *, progress: Progress = SILENT) -> ImportPlan:
    """The dry run: what would be added, changed field by field, or left as is. Writes nothing."""
    with collector_paused():
        return _plan_import_unpaused(db, parsed, progress=progress)


def _plan_import_unpaused(db: Database, parsed: ParsedWorkbook, *, progress: Progress = SILENT) -> ImportPlan:
    plan = ImportPlan(parsed.path, problems=list(parsed.problems))
    with db.read() as session:
        countries = _lookup(session, "country")
        country_table = model_for(CATALOGUE_TYPES["country"]).__table__
        plan.country_names = {
            str(code): str(name)
            for code, name in session.execute(select(country_table.c.iso3, country_table.c.short_name))
        }
        facts = CatalogueFacts.load(session)
        owners = _owners(session)  # every record id -> its type, to catch an id moved to another sheet
        refs: dict[str, dict[str, str]] = {}
        for layout in RECORD_LAYOUTS:
            rtype = layout.rtype
            rows = parsed.rows.get(rtype.name)
            if rows is None:
                continue
            progress.step(0, 0, f"Comparing {layout.title.lower()}")
            sheet = SheetPlan(layout.title, rtype)
            plan.sheets.append(sheet)
            table = model_for(rtype).__table__
            stored = {str(row.id): row for row in session.execute(select(table))}
            deleted = _deleted(session, rtype, [p.key for p in rows if p.key and p.key not in stored])
            ref_fields = [f for f in rtype.fields if f.kind is Kind.REF and f.ref]
            for f in ref_fields:
                assert f.ref is not None
                if f.ref not in refs:
                    refs[f.ref] = _lookup(session, f.ref)
                    plan.ref_labels[f.ref] = _short_names(session, f.ref)
            for p in rows:
                resolved = _resolve(p, countries, refs, ref_fields, plan.country_names)
                old = stored.get(p.key) if p.key else None
                known = old is not None or (p.key is not None and p.key in deleted)
                if known and p.exported and p.readable and not resolved and _untouched(p):
                    _count_untouched(sheet, p, old)
                    continue  # never written back: its problems, if any, are not the officer's
                problems = resolved + p.problems
                if not problems and p.valid and needs_catalogue(rtype):
                    problems = [
                        ImportProblem(p.sheet, p.row, c.label, c.reason)
                        for c in catalogue_problems(rtype, p.values, facts)
                    ]
                if not problems and p.valid:
                    problems = _place(p, old, sheet, owners, deleted)
                plan.problems.extend(problems)
    plan.problems.sort(key=lambda x: (_sheet_order(x.sheet), x.row or 0))
    return plan


def _untouched(p: ParsedRow) -> bool:
    assert p.exported is not None
    return fingerprint(stored_form(p.rtype.name, p.country, p.values)) == p.exported.fingerprint


def _count_untouched(sheet: SheetPlan, p: ParsedRow, stored: Any | None) -> None:
    """A row not edited since the export, of a record this database has (or had, and deleted)."""
    assert p.exported is not None
    if stored is not None and stored.version == p.exported.version:
        sheet.unchanged += 1
    else:
        sheet.kept += 1  # changed or deleted in coopdesk since the export: kept as it is now


def _owners(session: Session) -> dict[str, str]:
    owners: dict[str, str] = {}
    for rtype in RECORD_TYPES.values():
        table = model_for(rtype).__table__
        owners.update((str(key), rtype.name) for key in session.scalars(select(table.c.id)))
    return owners


def _deleted(session: Session, rtype: RecordType, keys: list[str]) -> dict[str, tuple[str, Any]]:
    """The ids among ``keys`` whose record of this type was deleted here: id -> (who, when), the latest.

    One query for the type's deletions (few, in any database), matched here: asking for 100,000 ids of
    a workbook would cost more than reading them all."""
    if not keys:
        return {}
    wanted = set(keys)
    history = HistoryEntry.__table__
    stmt = (
        select(history.c.record_id, history.c.user, history.c.at)
        .where(history.c.record_type == rtype.name, history.c.action == "delete")
        .order_by(history.c.at)
    )
    return {str(key): (str(user or ""), at) for key, user, at in session.execute(stmt) if str(key) in wanted}


def _sheet_order(title: str) -> int:
    for i, layout in enumerate(RECORD_LAYOUTS):
        if layout.title == title:
            return i
    return len(RECORD_LAYOUTS)


def _resolve(
    p: ParsedRow,
    countries: dict[str, str],
    refs: dict[str, dict[str, str]],
    ref_fields: list[Field],
    names: dict[str, str],
) -> list[ImportProblem]:
    problems = []
    code = countries.get(p.country.casefold().removeprefix("the "))
    if code is not None:
        p.country = code
    elif p.country:
        problems.append(ImportProblem(p.sheet, p.row, "Country", f"'{p.country}' is not a known country"))
    for f in ref_fields:
        text = p.values.get(f.name)
        if not text:
            p.values[f.name] = None
            continue
        found = refs[f.ref or ""].get(str(text).casefold())
        if found is None:
            target = CATALOGUE_TYPES[f.ref or ""].plural.lower()
            problems.append(
                ImportProblem(p.sheet, p.row, f.label, f"'{text}' is not in the catalogue of {target}")
            )
        else:
            p.values[f.name] = found
    return problems


def _same(f: Field, new: Any, row: Any) -> bool:
    """Whether a parsed value equals what is stored, compared in storage form (no Record built)."""
    for column, value in f.to_columns(new).items():
        stored = getattr(row, column)
        if stored != value and not (stored in (None, "") and value in (None, "")):
            return False
    return True


def _place(
    p: ParsedRow,
    stored: Any | None,
    sheet: SheetPlan,
    owners: dict[str, str],
    deleted: dict[str, tuple[str, Any]],
) -> list[ImportProblem]:
    """Where an edited (or new) row goes: added, changed, unchanged, or a conflict; or its problems."""
    rtype = p.rtype
    planned = PlannedRow(p.sheet, p.row, rtype, p.key, p.country, p.values)
    if stored is None:
        owner = owners.get(p.key or "")
        if owner is not None and owner != rtype.name:
            other = RECORD_TYPES[owner]
            return [
                ImportProblem(
                    p.sheet,
                    p.row,
                    "Record id",
                    f"this id is the id of a {other.label.lower()}, on the sheet {sheet_title(other)}; a "
                    "row cannot move to another sheet: empty its id to add it here as a new record",
                )
            ]
        if rtype.name == "letter":
            if p.values.get("status") == "issued" or p.values.get("reference"):
                return [
                    ImportProblem(
                        p.sheet,
                        p.row,
                        None,
                        "an issued letter cannot be added from a workbook; issue letters in coopdesk",
                    )
                ]
            p.values["status"] = "draft"
            p.values["reference"] = None
        gone = deleted.get(p.key or "")
        if gone is not None:
            by, at = gone
            planned.conflict = Conflict(ConflictKind.DELETED, by, at, _exported_version(p), None)
            planned.changes = [
                FieldChange(f, None, p.values.get(f.name))
                for f in rtype.fields
                if not f.is_empty(p.values.get(f.name))
            ]
            sheet.conflicts.append(planned)
            return []
        sheet.added.append(planned)
        return []
    different = [f for f in rtype.fields if not _same(f, p.values.get(f.name), stored)]
    if not different and stored.country_code == p.country:
        sheet.unchanged += 1
        return []
    old = to_record(rtype, stored)
    changes = [FieldChange(f, old.values.get(f.name), p.values.get(f.name)) for f in different]
    if old.country != p.country:
        changes.insert(0, FieldChange(COUNTRY_FIELD, old.country, p.country))
    if rtype.name == "letter" and old.values.get("status") == "issued":
        return [
            ImportProblem(
                p.sheet,
                p.row,
                None,
                f"letter {old.values.get('reference')} has been issued and never changes; "
                "undo the edits in this row",
            )
        ]
    fixed = [c for c in changes if c.field.read_only]
    if fixed:
        return [
            ImportProblem(
                p.sheet, p.row, c.field.label, "is set by coopdesk and cannot be changed in a workbook"
            )
            for c in fixed
        ]
    planned.changes = changes
    planned.version = old.version
    exported = _exported_version(p)
    if exported == old.version:
        sheet.changed.append(planned)
    else:
        kind = ConflictKind.UNKNOWN if exported is None else ConflictKind.CHANGED
        planned.conflict = Conflict(kind, old.updated_by, old.updated_at, exported, old.version)
        sheet.conflicts.append(planned)
    return []


def _exported_version(p: ParsedRow) -> int | None:
    return p.exported.version if p.exported is not None else None


def _short_names(session: Session, type_name: str) -> dict[str, str]:
    """Every entry of a (small) catalogue by its short name, as the editor's tables show them."""
    rtype = CATALOGUE_TYPES[type_name]
    entries = (to_record(rtype, row) for row in session.scalars(select(model_for(rtype))))
    return {str(e.key): label_of(e) for e in entries}
