"""The preview of an import: what would be added, changed field by field, left as is, or is a conflict.

Countries and catalogue references are matched by code or by name. A row the officer did not edit is
left out, whatever its record holds now: it was set aside unread if its cells give the digest the
export wrote (``untouched_rows``), or it is parsed and its values give the fingerprint
(``conflicts``); it counts as unchanged, or as kept when its record moved on in coopdesk since. An
edited row is compared with the stored record in storage form: a change when the record is still at the
version exported, a conflict when it was changed or deleted in coopdesk since (written only if the
officer chooses the workbook's version for that row: ``PlannedRow.use_workbook``). Writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import eq
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.base.progress import SILENT, Progress
from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.catalogue_import import plan_catalogue
from coopdesk.excel.conflicts import Conflict, ConflictKind, stored_form
from coopdesk.excel.duplicates import set_aside_probable_duplicates
from coopdesk.excel.plan import FieldChange, ImportPlan, PlannedRow, SheetPlan
from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.reading import ParsedRow, ParsedWorkbook
from coopdesk.excel.sheets import CATALOGUE_LAYOUTS, RECORD_LAYOUTS, sheet_title
from coopdesk.excel.unchanged import parsed_forms, stored_forms, stored_versions
from coopdesk.excel.untouched_rows import UntouchedRows
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Field, Kind
from coopdesk.records.limits import CatalogueFacts, catalogue_problems, needs_catalogue
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import model_for, to_record
from coopdesk.records.record_type import COUNTRY_LINK, RecordType
from coopdesk.records.types import RECORD_TYPES


def plan_import(db: Database, parsed: ParsedWorkbook, *, progress: Progress = SILENT) -> ImportPlan:
    """The dry run: what would be added, changed field by field, or left as is. Writes nothing."""
    with collector_paused():
        return _plan_import_unpaused(db, parsed, progress=progress)


def _plan_import_unpaused(db: Database, parsed: ParsedWorkbook, *, progress: Progress = SILENT) -> ImportPlan:
    plan = ImportPlan(parsed.path, problems=list(parsed.problems))
    with db.read() as session:
        # The catalogue sheets first: the records may name a meeting or a body the workbook adds.
        lookups = plan_catalogue(session, parsed, plan)
        countries = lookups.of("country")
        plan.country_names = dict(lookups.labels["country"])  # short names, the workbook's new ones too
        facts = CatalogueFacts.load(session)
        owners = _Owners(session)  # every record id -> its type, to catch an id moved to another sheet
        refs: dict[str, dict[str, str]] = {}
        for layout in RECORD_LAYOUTS:
            rtype = layout.rtype
            rows = parsed.rows.get(rtype.name)
            untouched = parsed.untouched.get(rtype.name)
            if rows is None and untouched is None:
                continue
            progress.step(0, 0, f"Comparing {layout.title.lower()}")
            sheet = SheetPlan(layout.title, rtype)
            plan.sheets.append(sheet)
            ref_fields = [f for f in rtype.fields if f.kind is Kind.REF and f.ref]
            for f in ref_fields:
                assert f.ref is not None
                if f.ref not in refs:
                    refs[f.ref] = lookups.of(f.ref)
                    plan.ref_labels.setdefault(f.ref, {}).update(lookups.labels[f.ref])
            compare = _Comparison(session, plan, sheet, countries, refs, ref_fields, facts, owners)
            if untouched:
                unknown = _count_set_aside(session, untouched, sheet)
                if unknown:  # as exported, from another database: read and placed as any row
                    read = untouched.parse(unknown)
                    plan.problems.extend(read.problems)
                    compare.rows(read.rows, read.storage, read.invalid, as_exported=True)
            if rows:
                compare.rows(rows, parsed.storage[rtype.name], parsed.invalid[rtype.name])
            sheet.in_row_order()
            set_aside_probable_duplicates(session, sheet)
            _note_date_cells(parsed.date_cells.get(rtype.name, {}), sheet)  # as exported: no date typed
    plan.problems.sort(key=lambda x: (_sheet_order(x.sheet), x.row or 0))
    return plan


def _note_date_cells(date_cells: dict[str, set[int]], sheet: SheetPlan) -> None:
    """A date read from a date cell is a full date, whatever was typed: a spreadsheet turns "May 2009"
    typed into a date cell into 1 May 2009. Each new or changed date that came from one is pointed out."""
    if not date_cells or not (sheet.added or sheet.changed or sheet.duplicates):
        return
    for planned in (*sheet.added, *sheet.changed, *sheet.duplicates):
        if planned.as_exported:
            continue
        changed = {c.field.name for c in planned.changes}
        for name, rows in date_cells.items():
            value = planned.values.get(name)
            if planned.row not in rows or value is None or (planned.changes and name not in changed):
                continue
            month = PartialDate(value.year, value.month).format() if value.month else str(value.year)
            planned.notes.append(
                f"{planned.rtype.field(name).label}: {value.format()} comes from a date cell, so it is "
                f"recorded as a full date; if only the month or the year is known, type it as text "
                f"(“{month}”, “{value.year}”)."
            )


def _stored_rows(session: Session, rtype: RecordType, keys: list[str]) -> dict[str, Any]:
    """The stored rows of these ids (in chunks below SQLite's limit on bound parameters)."""
    table = model_for(rtype).__table__
    found: dict[str, Any] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            (str(row.id), row) for row in session.execute(select(table).where(table.c.id.in_(chunk)))
        )
    return found


def _fingerprint_matches(p: ParsedRow) -> bool:
    """Whether a parsed row's values are still those its hidden cell's fingerprint was taken on."""
    assert p.exported is not None
    return p.exported.fingerprints(p.key, stored_form(p.rtype.name, p.country, p.values))


def _count_set_aside(session: Session, untouched: UntouchedRows, sheet: SheetPlan) -> list[int]:
    """Count the rows set aside as exported: unchanged if their record is still at the version exported,
    kept if it was changed or deleted in coopdesk since. The positions of those whose record is unknown
    here are returned: they are read and placed as any row."""
    rtype = untouched.layout.rtype
    wanted = None if len(untouched) > _FEW else untouched.keys
    now = list(map(stored_versions(session, rtype, wanted).get, untouched.keys))
    same = sum(map(eq, now, untouched.versions))
    unknown = [i for i, version in enumerate(now) if version is None]
    sheet.unchanged += same
    sheet.kept += len(now) - same - len(unknown)
    if unknown:
        deleted = _deleted(session, rtype, [untouched.keys[i] for i in unknown])
        if deleted:
            sheet.kept += sum(untouched.keys[i] in deleted for i in unknown)
            unknown = [i for i in unknown if untouched.keys[i] not in deleted]
    return unknown


def _count_unedited_row(sheet: SheetPlan, p: ParsedRow, stored: Any | None) -> None:
    """A row not edited since the export, of a record this database has (or had, and deleted)."""
    assert p.exported is not None
    if stored is not None and stored.version == p.exported.version:
        sheet.unchanged += 1
    else:
        sheet.kept += 1  # changed or deleted in coopdesk since the export: kept as it is now


@dataclass
class _Comparison:
    """What a sheet's parsed rows are compared with, and where each goes (``rows``)."""

    session: Session
    plan: ImportPlan
    sheet: SheetPlan
    countries: dict[str, str]
    refs: dict[str, dict[str, str]]
    ref_fields: list[Field]
    facts: CatalogueFacts
    owners: _Owners

    def rows(
        self,
        rows: Sequence[ParsedRow],
        storage: dict[str, list[Any]],
        invalid: set[int],
        *,
        as_exported: bool = False,
    ) -> None:
        """Place each row: unchanged, untouched, added, changed, a conflict, or its problems.
        ``as_exported``: the rows are known to be exactly as a coopdesk exported them (``untouched_rows``).

        The rows equal to their stored record are found in bulk (each row's storage form looked up in
        the set of the stored ones: every record of the type's for many rows, those of the rows' ids for
        a few); only the others are resolved and compared field by field, against their stored rows."""
        session, sheet, plan = self.session, self.sheet, self.plan
        rtype = sheet.rtype
        resolved = _resolve_columns(rows, storage, self.countries, self.refs, self.ref_fields)
        keys = storage["id"]  # each row's id, without making the row
        wanted = None if len(rows) > _FEW else list(filter(None, keys))
        forms = parsed_forms(rtype, resolved.storage)
        same = set(compress(range(len(rows)), map(stored_forms(session, rtype, wanted).__contains__, forms)))
        same.difference_update(resolved.problems, invalid)
        sheet.unchanged += len(same)
        others = sorted(set(range(len(rows))) - same) if len(same) < len(rows) else []
        stored = _stored_rows(session, rtype, [k for i in others if (k := keys[i])])
        deleted = _deleted(session, rtype, [k for i in others if (k := keys[i]) and k not in stored])
        for i in others:
            p = rows[i]
            resolved.apply(p)
            problems = resolved.problems.get(i, [])
            old = stored.get(p.key) if p.key else None
            known = old is not None or (p.key is not None and p.key in deleted)
            if known and p.exported and p.readable and not problems and _fingerprint_matches(p):
                _count_unedited_row(sheet, p, old)
                continue  # never written back: its problems, if any, are not the officer's
            problems = problems + p.problems
            if not problems and p.valid and needs_catalogue(rtype):
                problems = [
                    ImportProblem(p.sheet, p.row, c.label, c.reason)
                    for c in catalogue_problems(rtype, p.values, self.facts)
                ]
            if not problems and p.valid:
                problems = _place(p, old, sheet, self.owners, deleted, as_exported)
            plan.problems.extend(problems)


# Up to this many rows, only their ids' stored records are read for the bulk comparison, not every one.
_FEW = 1000


class _Owners:
    """Every record id and its type, read when a row first asks (a re-import of unchanged rows never does)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._owners: dict[str, str] | None = None

    def get(self, key: str) -> str | None:
        if self._owners is None:
            self._owners = {}
            for rtype in RECORD_TYPES.values():
                table = model_for(rtype).__table__
                self._owners.update((str(k), rtype.name) for k in self._session.scalars(select(table.c.id)))
        return self._owners.get(key)


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
    """Problems come in the workbook's order of sheets."""
    for i, layout in enumerate((*RECORD_LAYOUTS, *CATALOGUE_LAYOUTS)):
        if layout.title == title:
            return i
    return len(RECORD_LAYOUTS) + len(CATALOGUE_LAYOUTS)


_UNKNOWN = object()  # a name found in no catalogue: never equal to a stored value


@dataclass
class _Resolved:
    """A sheet's countries and references resolved to codes, each distinct text looked up once."""

    storage: dict[str, list[Any]]  # the sheet's storage columns, country and references as codes
    countries: dict[str, str | None]  # as typed -> code
    refs: dict[str, dict[Any, str | None]]  # reference field -> as typed -> code
    problems: dict[int, list[ImportProblem]]  # by row position: an unknown country or entry

    def apply(self, p: ParsedRow) -> None:
        """Put the codes into a row that is compared field by field (or added)."""
        code = self.countries.get(p.country)
        if code is not None:
            p.country = code
        for name, codes in self.refs.items():
            text = p.values.get(name)
            entry = codes.get(text)
            if entry is not None or not text:
                p.values[name] = entry


def _resolve_columns(
    rows: Sequence[ParsedRow],
    storage: dict[str, list[Any]],
    countries: dict[str, str],
    refs: dict[str, dict[str, str]],
    ref_fields: list[Field],
) -> _Resolved:
    """Countries and catalogue entries, named or coded, resolved column by column."""
    problems: dict[int, list[ImportProblem]] = {}
    resolved = dict(storage)
    typed = storage["country_code"]
    codes = {text: countries.get(text.casefold().removeprefix("the ")) for text in set(typed)}
    shown = {text: code or _UNKNOWN for text, code in codes.items()}
    resolved["country_code"] = list(map(shown.__getitem__, typed))
    if any(code is None and text for text, code in codes.items()):
        for i, text in enumerate(typed):
            if text and codes[text] is None:
                p = rows[i]
                problems.setdefault(i, []).append(
                    ImportProblem(p.sheet, p.row, "Country", f"'{text}' is not a known country")
                )
    by_field: dict[str, dict[Any, str | None]] = {}
    for f in ref_fields:
        lookup, column = refs[f.ref or ""], storage[f.name]
        entries = {text: lookup.get(str(text).casefold()) if text else None for text in set(column)}
        by_field[f.name] = entries
        stored = {
            text: code if code is not None else (_UNKNOWN if text else "") for text, code in entries.items()
        }
        resolved[f.name] = list(map(stored.__getitem__, column))
        if any(entry is None and text for text, entry in entries.items()):
            target = CATALOGUE_TYPES[f.ref or ""].plural.lower()
            for i, text in enumerate(column):
                if text and entries[text] is None:
                    p = rows[i]
                    problems.setdefault(i, []).append(
                        ImportProblem(
                            p.sheet, p.row, f.label, f"'{text}' is not in the catalogue of {target}"
                        )
                    )
    return _Resolved(resolved, codes, by_field, problems)


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
    owners: _Owners,
    deleted: dict[str, tuple[str, Any]],
    as_exported: bool = False,
) -> list[ImportProblem]:
    """Where an edited (or new) row goes: added, changed, unchanged, or a conflict; or its problems.
    ``as_exported``: the row is known to be exactly as a coopdesk exported it."""
    rtype = p.rtype
    planned = PlannedRow(p.sheet, p.row, rtype, p.key, p.country, p.values)
    life = rtype.lifecycle
    if stored is None:
        # A row exactly as a coopdesk exported it (from another database): its dates were written by
        # coopdesk from full dates, not typed into date cells.
        planned.as_exported = as_exported or (
            p.exported is not None and p.readable and _fingerprint_matches(p)
        )
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
        if life is not None:
            # A new record starts in its lifecycle's first state; what only coopdesk sets is not imported.
            set_here = [n for n in life.system_fields if p.values.get(n) not in (None, "", life.initial)]
            if set_here:
                return [
                    ImportProblem(
                        p.sheet,
                        p.row,
                        rtype.field(n).label,
                        f"is set by coopdesk: a new {rtype.label.lower()} cannot be added with it; "
                        "leave it empty",
                    )
                    for n in sorted(set_here)
                ]
            p.values.update({n: None for n in life.system_fields})
            p.values[life.field] = life.initial
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
        changes.insert(0, FieldChange(COUNTRY_LINK, old.country, p.country))
    frozen = rtype.frozen_reason(old.values)
    if frozen:
        return [ImportProblem(p.sheet, p.row, None, f"{frozen} Undo the edits in this row.")]
    fixed = [c for c in changes if c.field.read_only]
    if fixed:
        return [
            ImportProblem(
                p.sheet, p.row, c.field.label, "is set by coopdesk and cannot be changed in a workbook"
            )
            for c in fixed
        ]
    planned.changes = changes
    planned.expected_version = old.version
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
