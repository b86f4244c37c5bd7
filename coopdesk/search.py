"""Search everywhere: countries and records of every type, in SQL, for the global search box.

A record matches when any of its text fields or choice labels contains the words, or when one of its catalogue
references does (typing "corruption" finds the treaty actions on the Convention against Corruption).
Every word must match somewhere (AND of words, OR of columns). Each type returns at most ``per_type``
hits, so the answer stays instant on a large database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, select

from coopdesk.db.database import Database
from coopdesk.db.models import Country
from coopdesk.fields import Kind
from coopdesk.record_types import ALL_TYPES, RECORD_TYPES, RecordType
from coopdesk.services import model_for, to_record


@dataclass(frozen=True)
class SearchHit:
    """One result: a country (``type == "country"``) or a record."""

    type: str
    key: str
    country: str | None
    title: str
    detail: str

    @property
    def is_country(self) -> bool:
        return self.type == "country"


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _catalogue_label_columns(rtype: RecordType) -> list[str]:
    return [f.name for f in rtype.fields if f.kind in (Kind.TEXT, Kind.LONGTEXT) and f.name != "notes"]


def _word_condition(rtype: RecordType, word: str) -> ColumnElement[bool]:
    model = model_for(rtype)
    pattern = _like(word)
    conditions = []
    for f in rtype.fields:
        if f.kind in (Kind.TEXT, Kind.LONGTEXT):
            conditions.append(func.lower(getattr(model, f.name)).like(pattern, escape="\\"))
        elif f.kind is Kind.CHOICE and f.vocabulary is not None:
            # by the label a person reads ("Co-sponsor"), not the stored value ("co_sponsor")
            wanted = [value for value, label in f.vocabulary.items if word.casefold() in label.casefold()]
            if wanted:
                conditions.append(getattr(model, f.name).in_(wanted))
        elif f.kind is Kind.REF and f.ref:
            target = ALL_TYPES[f.ref]
            target_model = model_for(target)
            key_col = getattr(target_model, target.key)
            label_match = or_(
                func.lower(key_col).like(pattern, escape="\\"),
                *(
                    func.lower(getattr(target_model, name)).like(pattern, escape="\\")
                    for name in _catalogue_label_columns(target)
                ),
            )
            conditions.append(getattr(model, f.name).in_(select(key_col).where(label_match)))
    return or_(false(), *conditions)


def search(db: Database, text: str, *, per_type: int = 20) -> list[SearchHit]:
    """Countries first, then records, for every word of ``text`` (case-insensitive)."""
    words = [w for w in text.split() if w]
    if not words:
        return []
    hits: list[SearchHit] = []
    with db.read() as session:
        names = {iso3: name for iso3, name in session.execute(select(Country.iso3, Country.short_name))}
        country_cond = and_(
            *(
                or_(
                    func.lower(Country.short_name).like(_like(w), escape="\\"),
                    func.lower(Country.formal_name).like(_like(w), escape="\\"),
                    func.lower(Country.iso3) == w.lower(),
                )
                for w in words
            )
        )
        for country in session.scalars(
            select(Country).where(country_cond).order_by(Country.short_name).limit(per_type)
        ):
            hits.append(
                SearchHit("country", country.iso3, country.iso3, country.short_name, country.formal_name)
            )
        for rtype in RECORD_TYPES.values():
            model = model_for(rtype)
            stmt = select(model).where(and_(*(_word_condition(rtype, w) for w in words)))
            if rtype.date_field:
                stmt = stmt.order_by(getattr(model, rtype.date_field).desc())
            for row in session.scalars(stmt.limit(per_type)):
                record = to_record(rtype, row)
                description = record.describe()
                title = description[:1].upper() + description[1:]
                date = record.get(rtype.date_field) if rtype.date_field else None
                where = names.get(record.country or "", record.country or "")
                detail = f"{rtype.label} · {where}" + (f" · {date.format()}" if date is not None else "")
                hits.append(SearchHit(rtype.name, str(record.key), record.country, title, detail))
    return hits
