"""Search everywhere: countries and records of every type, in SQL, for the global search box.

A record matches when any of its text fields or choice labels contains the words, or when one of its catalogue
references does (typing "corruption" finds the treaty actions on the Convention against Corruption).
Every word must match somewhere (AND of words, OR of columns). Each type returns at most ``per_type``
hits, so the answer stays instant on a large database.

On SQLite, a word of 3 characters or more is first looked up in the trigram index of each record table
(``coopdesk.db.search_index``): when it names at most ``CANDIDATE_LIMIT`` records, only those are checked
with LIKE, instead of every row. A common word (more candidates) is left to the plain LIKE, which stops
as soon as ``per_type`` hits are found; so is a word under 3 characters, and a table without its index
(PostgreSQL, an old SQLite, an index a later migration dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from coopdesk.db import search_index
from coopdesk.db.database import Database
from coopdesk.db.models import Country
from coopdesk.records.fields import Kind
from coopdesk.records.record import model_for, to_record
from coopdesk.records.record_type import RecordType
from coopdesk.records.service import ref_labels
from coopdesk.records.types import ALL_TYPES, RECORD_TYPES

#: Above this many candidates from the index, a word is common: the plain LIKE finds ``per_type`` hits
#: sooner than checking every candidate.
CANDIDATE_LIMIT = 250

#: ``cancelled`` is asked every this many SQLite VM steps (a few milliseconds of a scan).
CANCEL_CHECK_STEPS = 20_000

_TEXT_KINDS = (Kind.TEXT, Kind.LONGTEXT)


class SearchCancelled(Exception):
    """``search`` stopped because its ``cancelled`` callback said so."""


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


def _contains(column: Any, pattern: str, sqlite: bool) -> ColumnElement[bool]:
    """``column`` contains the (lower-case) ``pattern``, case-insensitively. SQLite's LIKE already ignores
    ASCII case, the only case ``lower()`` folds there, so the column is not copied through ``lower()``."""
    return (column if sqlite else func.lower(column)).like(pattern, escape="\\")


def _catalogue_label_columns(rtype: RecordType) -> list[str]:
    return [f.name for f in rtype.fields if f.kind in _TEXT_KINDS and f.name != "notes"]


def _word_condition(
    rtype: RecordType,
    word: str,
    sqlite: bool,
    candidates: list[str] | None,
    referenced: Callable[[str], list[str]],
) -> ColumnElement[bool] | None:
    """Records of ``rtype`` that ``word`` matches; None when none can. ``candidates``: the only records
    whose text may contain the word (from the index), or None to check the text of every record;
    ``referenced(catalogue)``: the catalogue entries the word matches (a record referring to one matches)."""
    model = model_for(rtype)
    pattern = _like(word)
    texts = [
        _contains(getattr(model, f.name), pattern, sqlite) for f in rtype.fields if f.kind in _TEXT_KINDS
    ]
    conditions: list[ColumnElement[bool]] = []
    if candidates is None:
        conditions.extend(texts)
    elif candidates:
        conditions.append(and_(getattr(model, rtype.key).in_(candidates), or_(*texts)))
    for f in rtype.fields:
        if f.kind is Kind.CHOICE and f.vocabulary is not None:
            # by the label a person reads ("Co-sponsor"), not the stored value ("co_sponsor")
            wanted = [value for value, label in f.vocabulary.items if word.casefold() in label.casefold()]
            if wanted:
                conditions.append(getattr(model, f.name).in_(wanted))
        elif f.kind is Kind.REF and f.ref:
            keys = referenced(f.ref)
            if keys:
                conditions.append(getattr(model, f.name).in_(keys))
    return or_(*conditions) if conditions else None


def _catalogue_matches(session: Session, catalogue: str, word: str, sqlite: bool) -> list[str]:
    """Keys of the catalogue entries whose key or label contains ``word`` (a small table)."""
    target = ALL_TYPES[catalogue]
    target_model = model_for(target)
    key_col = getattr(target_model, target.key)
    pattern = _like(word)
    label_match = or_(
        _contains(key_col, pattern, sqlite),
        *(
            _contains(getattr(target_model, name), pattern, sqlite)
            for name in _catalogue_label_columns(target)
        ),
    )
    return list(session.scalars(select(key_col).where(label_match)))


@contextmanager
def _cancellable(session: Session, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Let ``cancelled`` stop a running SQLite statement."""
    raw = session.connection().connection.dbapi_connection
    handler = getattr(raw, "set_progress_handler", None)
    if cancelled is None or handler is None:
        yield
        return
    handler(lambda: 1 if cancelled() else 0, CANCEL_CHECK_STEPS)
    try:
        yield
    finally:
        handler(None, 0)


def search(
    db: Database, text: str, *, per_type: int = 20, cancelled: Callable[[], bool] | None = None
) -> list[SearchHit]:
    """Countries first, then records, for every word of ``text`` (case-insensitive).

    ``cancelled``, when given, is asked now and then (from this thread); once it returns True the search
    stops with ``SearchCancelled``.
    """
    words = [w for w in text.split() if w]
    if not words:
        return []
    if cancelled is not None and cancelled():
        raise SearchCancelled()
    try:
        return _search(db, words, per_type, cancelled)
    except Exception as exc:
        if cancelled is not None and cancelled():
            raise SearchCancelled() from exc
        raise


def _search(
    db: Database, words: list[str], per_type: int, cancelled: Callable[[], bool] | None
) -> list[SearchHit]:
    sqlite = db.is_sqlite
    hits: list[SearchHit] = []
    with db.read() as session, _cancellable(session, cancelled):
        names = {iso3: name for iso3, name in session.execute(select(Country.iso3, Country.short_name))}
        country_cond = and_(
            *(
                or_(
                    _contains(Country.short_name, _like(w), sqlite),
                    _contains(Country.formal_name, _like(w), sqlite),
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
        indexed = search_index.indexed_tables(session.connection())
        catalogue_hits: dict[tuple[str, str], list[str]] = {}

        def referenced(catalogue: str, word: str) -> list[str]:
            if (catalogue, word) not in catalogue_hits:
                catalogue_hits[catalogue, word] = _catalogue_matches(session, catalogue, word, sqlite)
            return catalogue_hits[catalogue, word]

        narrowed = [
            search_index.candidates(session.connection(), indexed, w.lower(), CANDIDATE_LIMIT) for w in words
        ]
        for rtype in RECORD_TYPES.values():
            table = model_for(rtype).__tablename__
            conditions = []
            for w, candidates in zip(words, narrowed, strict=True):
                condition = _word_condition(
                    rtype, w, sqlite, candidates.get(table), partial(referenced, word=w)
                )
                if condition is None:
                    break  # this word matches nothing of this type
                conditions.append(condition)
            if len(conditions) == len(words):
                hits.extend(_record_hits(session, rtype, conditions, names, per_type))
    return hits


def _record_hits(
    session: Session,
    rtype: RecordType,
    conditions: list[ColumnElement[bool]],
    names: dict[str, str],
    per_type: int,
) -> list[SearchHit]:
    """The newest ``per_type`` records of ``rtype`` meeting every condition."""
    model = model_for(rtype)
    stmt = select(model).where(and_(*conditions))
    if rtype.date_field:
        stmt = stmt.order_by(getattr(model, rtype.date_field).desc())
    records = [to_record(rtype, row) for row in session.scalars(stmt.limit(per_type))]
    labels = ref_labels(session, rtype, records)
    hits = []
    for record in records:
        description = record.describe(labels)
        title = description[:1].upper() + description[1:]
        date = record.get(rtype.date_field) if rtype.date_field else None
        where = names.get(record.country or "", record.country or "")
        detail = f"{rtype.label} · {where}" + (f" · {date.format()}" if date is not None else "")
        hits.append(SearchHit(rtype.name, str(record.key), record.country, title, detail))
    return hits
