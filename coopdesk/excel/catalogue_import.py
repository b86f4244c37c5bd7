"""The catalogue sheets of a workbook, imported like the records: checked, previewed, applied all or none.

A new meeting, body, instrument or recipient typed on its sheet is added (and the records of the same
workbook may already name it); a changed entry is changed, against the version the preview saw. The
entries come first, in the order they depend on one another (bodies before the meetings they hold), so
one import can add a meeting and the participation in it.

What must not change is said, not ignored: a country's names are the United Nations' own; the workbook
protects those cells, and an edit to them (after lifting the protection) is a problem in the preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from coopdesk.excel.names import catalogue_entries, name_lookup
from coopdesk.excel.plan import FieldChange, ImportPlan, PlannedRow, SheetPlan
from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.reading import ParsedRow, ParsedWorkbook
from coopdesk.excel.sheets import CATALOGUE_LAYOUTS
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Field, Kind
from coopdesk.records.record import Record, label_of
from coopdesk.records.record_type import RecordType
from coopdesk.records.write import RecordWriter

#: The catalogue types in the order their entries can refer to one another.
ORDER = (
    "country",
    "body",
    "instrument",
    "instrument_set",
    "instrument_set_member",
    "meeting",
    "reporting_instrument",
    "organisation",
)
#: A country's names are the UN's: the workbook protects them and an import never changes them.
FIXED_FIELDS = {"country": frozenset({"short_name", "formal_name"})}
_TITLES = {layout.rtype.name: layout.title for layout in CATALOGUE_LAYOUTS}


class CatalogueLookups:
    """What may be typed for each catalogue entry (names and codes, case aside), the workbook's new entries
    included, loaded once per catalogue type."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lookups: dict[str, dict[str, str]] = {}
        self.labels: dict[str, dict[str, str]] = {}

    def of(self, type_name: str) -> dict[str, str]:
        if type_name not in self.lookups:
            entries = catalogue_entries(self.session, type_name)
            self.lookups[type_name] = name_lookup(entries)
            self.labels[type_name] = {str(e.key): label_of(e) for e in entries}
        return self.lookups[type_name]

    def add(self, rtype: RecordType, code: str, values: dict[str, Any]) -> None:
        """A new entry of the workbook: found by its code and names from now on."""
        lookup = self.of(rtype.name)
        entry = Record(rtype.name, code, values)
        for name in (code, label_of(entry), *(values.get(n) for n in ("name", "title", "short_title"))):
            if isinstance(name, str) and name.strip():
                lookup.setdefault(name.strip().casefold(), code)
        self.labels[rtype.name][code] = label_of(entry)


def plan_catalogue(session: Session, parsed: ParsedWorkbook, plan: ImportPlan) -> CatalogueLookups:
    """The catalogue sheets' additions and changes, put first in ``plan.sheets``; their problems go to
    ``plan.problems``. Returns the lookups, which know the new entries, for the record sheets."""
    lookups = CatalogueLookups(session)
    for type_name in ORDER:
        rows = parsed.rows.get(type_name)
        if not rows:
            continue
        rtype = CATALOGUE_TYPES[type_name]
        stored = {str(e.key): e for e in catalogue_entries(session, type_name)}
        sheet = SheetPlan(_TITLES[type_name], rtype)
        if rtype.key != "id":  # its own new codes first: a body elected by a new body, a protocol of a
            for p in rows:  # new convention
                if p.valid and p.key and p.key not in stored:
                    lookups.add(rtype, p.key, p.values)
        unique = _Unique(rtype, stored.values())
        for p in rows:
            problems = _resolve(p, rtype, lookups)
            old = stored.get(p.key) if p.key else None
            if not p.valid and not problems and old is not None and _as_stored(p, rtype, old):
                sheet.unchanged += (
                    1  # left as stored (a blank organisation profile): no problem of this import
                )
                continue
            if not p.valid or problems:
                plan.problems.extend(parsed.held.get((p.sheet, p.row), []))
                plan.problems.extend(problems)
                continue
            plan.problems.extend(_plan_row(p, rtype, old, sheet, unique))
        plan.sheets.append(sheet)
        plan.ref_labels.setdefault(type_name, {}).update(lookups.labels.get(type_name, {}))
    return lookups


def _resolve(p: ParsedRow, rtype: RecordType, lookups: CatalogueLookups) -> list[ImportProblem]:
    problems = []
    for f in rtype.fields:
        if f.kind is not Kind.REF or not f.ref:
            continue
        text = p.values.get(f.name)
        if not text:
            p.values[f.name] = None
            continue
        found = lookups.of(f.ref).get(str(text).strip().casefold())
        if found is None:
            target = CATALOGUE_TYPES[f.ref].plural.lower()
            problems.append(
                ImportProblem(p.sheet, p.row, f.label, f"'{text}' is not in the catalogue of {target}")
            )
        else:
            p.values[f.name] = found
    return problems


def _as_stored(p: ParsedRow, rtype: RecordType, old: Record) -> bool:
    """Whether a row holds exactly its stored entry (every cell read, every value the same)."""
    return all(
        f.name in p.values and _text(f, p.values[f.name]) == _text(f, old.values.get(f.name))
        for f in rtype.fields
    )


def _text(f: Field, value: Any) -> str | None:
    """A value in the form that compares: empty text and no value alike."""
    return None if value is None or value == "" else f.to_text(value)


_UNIQUE: dict[str, tuple[tuple[str, ...], str]] = {
    "country": (("short_name",), "another country has this short name"),
    "instrument_set_member": (
        ("set_code", "instrument_code", "member_from"),
        "the instrument is already in this set from this date",
    ),
}


class _Unique:
    """The values a new entry may not share with another (a country's short name; an instrument's place in
    a set from a date), stored or added earlier in the sheet."""

    def __init__(self, rtype: RecordType, stored: Iterable[Record]) -> None:
        self.rule = _UNIQUE.get(rtype.name)
        self.rtype = rtype
        self.seen: set[tuple[str | None, ...]] = set()
        self.keys: dict[tuple[str | None, ...], str] = {}
        if self.rule:
            for entry in stored:
                self.keys[self._of(entry.values)] = str(entry.key)

    def _of(self, values: dict[str, Any]) -> tuple[str | None, ...]:
        assert self.rule is not None
        return tuple(_text(self.rtype.field(n), values.get(n)) for n in self.rule[0])

    def clash(self, p: ParsedRow, key: str | None) -> ImportProblem | None:
        if not self.rule:
            return None
        value = self._of(p.values)
        owner = self.keys.get(value)
        if (owner is not None and owner != key) or (owner is None and value in self.seen):
            label = self.rtype.field(self.rule[0][0]).label
            return ImportProblem(p.sheet, p.row, label, self.rule[1])
        self.seen.add(value)
        return None


def _plan_row(
    p: ParsedRow, rtype: RecordType, old: Record | None, sheet: SheetPlan, unique: _Unique
) -> list[ImportProblem]:
    key = p.key if rtype.key != "id" or old is not None else None  # an unknown entry number: a new entry
    clash = unique.clash(p, str(old.key) if old is not None else None)
    if clash is not None:
        return [clash]
    planned = PlannedRow(p.sheet, p.row, rtype, key, "", p.values)
    if old is None:
        sheet.added.append(planned)
        return []
    changes = [
        FieldChange(f, old.values.get(f.name), p.values.get(f.name))
        for f in rtype.fields
        if _text(f, old.values.get(f.name)) != _text(f, p.values.get(f.name))
    ]
    if not changes:
        sheet.unchanged += 1
        return []
    fixed = FIXED_FIELDS.get(rtype.name, frozenset())
    refused = [c for c in changes if c.field.name in fixed or c.field.read_only]
    if refused:
        return [
            ImportProblem(
                p.sheet,
                p.row,
                c.field.label,
                f"is the United Nations' name of {old.values.get('short_name') or old.key} and is not "
                "changed by an import; put back “" + c.field.display(c.old) + "” (a name the UN changes "
                "is changed in coopdesk's catalogue)"
                if c.field.name in fixed
                else "is set by coopdesk and cannot be changed in a workbook",
            )
            for c in refused
        ]
    planned.changes = changes
    planned.expected_version = old.version
    sheet.changed.append(planned)
    return []


def apply_catalogue_sheet(writer: RecordWriter, sheet: SheetPlan, action: str) -> int:
    """Add and change one catalogue sheet's entries (inside the import's transaction). New entries that
    refer to another new entry of the same sheet come after it. Returns how many were written."""
    rtype = sheet.rtype
    own_refs = [f.name for f in rtype.fields if f.kind is Kind.REF and f.ref == rtype.name]
    pending = list(sheet.added)
    new_codes = {p.key for p in pending if p.key}
    while pending:
        ready = [
            p
            for p in pending
            if not any(p.values.get(n) in new_codes and p.values.get(n) != p.key for n in own_refs)
        ]
        if not ready:  # entries that refer to one another in a circle: the database says no
            ready = pending
        for p in ready:
            writer.insert(rtype, p.values, country=None, key=None, action=action)
            new_codes.discard(p.key)
        pending = [p for p in pending if p not in ready]
    for p in sheet.changed:
        key: Any = int(p.key) if rtype.key == "id" and p.key is not None else p.key
        writer.update(
            rtype,
            key,
            {c.field.name: c.new for c in p.changes},
            expected_version=p.expected_version,
            action=action,
        )
    return len(sheet.added) + len(sheet.changed)
