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
from functools import cache, lru_cache, partial
from typing import Any

from sqlalchemy import (
    BindParameter,
    Column,
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import Session

from coopdesk.db import search_index
from coopdesk.db.database import Database
from coopdesk.db.models import Country
from coopdesk.records.fields import Kind
from coopdesk.records.record import model_for, record_reader
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


@cache
def _columns(type_name: str) -> dict[str, Column[Any]]:
    """The table columns of a type by attribute name. The search builds its statements from the tables'
    own columns, not the ORM's attributes: the same SQL, without the ORM's layers around every
    comparison (building the conditions was a third of a search's time)."""
    return dict(inspect(model_for(ALL_TYPES[type_name])).columns.items())


#: The countries' columns the search reads.
_COUNTRY = Country.__table__.c


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, pattern: str | BindParameter[str], sqlite: bool) -> ColumnElement[bool]:
    """``column`` contains the (lower-case) ``pattern``, case-insensitively. SQLite's LIKE already ignores
    ASCII case, the only case ``lower()`` folds there, so the column is not copied through ``lower()``."""
    return (column if sqlite else func.lower(column)).like(pattern, escape="\\")


def _catalogue_label_columns(rtype: RecordType) -> list[str]:
    return [f.name for f in rtype.fields if f.kind in _TEXT_KINDS and f.name != "notes"]


@dataclass(frozen=True)
class _WordShape:
    """Which conditions one word puts on the records of one type; the values go in as parameters, so
    the statement for a shape is built once (building it was a third of a search's time)."""

    texts: str  # "all": check the text of every record; "some": of the index's candidates; "none"
    choices: tuple[str, ...]  # choice fields with a label containing the word
    refs: tuple[str, ...]  # reference fields with a catalogue entry containing the word


def _word_shape(
    rtype: RecordType,
    word: str,
    i: int,
    candidates: list[str] | None,
    referenced: Callable[[str], list[str]],
    parameters: dict[str, Any],
) -> _WordShape | None:
    """What word ``i`` asks of the records of ``rtype`` (its values put in ``parameters``); None when no
    record can match. ``candidates``: the only records whose text may contain the word (from the index),
    or None to check the text of every record; ``referenced(catalogue)``: the catalogue entries the word
    matches (a record referring to one matches)."""
    parameters[f"w{i}"] = _like(word)
    texts = "all"
    if candidates is not None:
        texts = "some" if candidates else "none"
        parameters[f"c{i}"] = candidates
    choices, refs = [], []
    for f in rtype.fields:
        if f.kind is Kind.CHOICE and f.vocabulary is not None:
            # by the label a person reads ("Co-sponsor"), not the stored value ("co_sponsor")
            wanted = [value for value, label in f.vocabulary.items if word.casefold() in label.casefold()]
            if wanted:
                choices.append(f.name)
                parameters[f"v{i}_{f.name}"] = wanted
        elif f.kind is Kind.REF and f.ref:
            keys = referenced(f.ref)
            if keys:
                refs.append(f.name)
                parameters[f"v{i}_{f.name}"] = keys
    if texts == "none" and not choices and not refs:
        return None
    return _WordShape(texts, tuple(choices), tuple(refs))


def _word_condition(rtype: RecordType, i: int, shape: _WordShape, sqlite: bool) -> ColumnElement[bool]:
    """Records of ``rtype`` that word ``i`` matches, its values left as parameters (see ``_word_shape``)."""
    columns = _columns(rtype.name)
    pattern = bindparam(f"w{i}", type_=String())
    texts = [_contains(columns[f.name], pattern, sqlite) for f in rtype.fields if f.kind in _TEXT_KINDS]
    conditions: list[ColumnElement[bool]] = []
    if shape.texts == "all":
        conditions.extend(texts)
    elif shape.texts == "some":
        conditions.append(and_(columns[rtype.key].in_(bindparam(f"c{i}", expanding=True)), or_(*texts)))
    for name in (*shape.choices, *shape.refs):
        conditions.append(columns[name].in_(bindparam(f"v{i}_{name}", expanding=True)))
    return or_(*conditions)


@lru_cache(maxsize=1024)
def _records_statement(
    type_name: str, shapes: tuple[_WordShape, ...], sqlite: bool, limit: int
) -> Select[Any]:
    """The newest ``limit`` records of a type meeting every word's conditions."""
    rtype = RECORD_TYPES[type_name]
    columns = _columns(type_name)
    conditions = [_word_condition(rtype, i, shape, sqlite) for i, shape in enumerate(shapes)]
    stmt = select(*columns.values()).where(and_(*conditions))
    if rtype.date_field:
        stmt = stmt.order_by(columns[rtype.date_field].desc())
    return stmt.limit(limit)


@cache
def _catalogue_statement(catalogue: str, sqlite: bool) -> Select[Any]:
    target = ALL_TYPES[catalogue]
    columns = _columns(catalogue)
    key_col = columns[target.key]
    pattern = bindparam("pattern", type_=String())
    label_match = or_(
        _contains(key_col, pattern, sqlite),
        *(_contains(columns[name], pattern, sqlite) for name in _catalogue_label_columns(target)),
    )
    return select(key_col).where(label_match)


def _catalogue_matches(session: Session, catalogue: str, word: str, sqlite: bool) -> list[str]:
    """Keys of the catalogue entries whose key or label contains ``word`` (a small table)."""
    return list(session.scalars(_catalogue_statement(catalogue, sqlite), {"pattern": _like(word)}))


@lru_cache(maxsize=64)
def _countries_statement(words: int, sqlite: bool, limit: int) -> Select[Any]:
    """The countries whose short or formal name contains every word, or whose code is one."""
    country_cond = and_(
        *(
            or_(
                _contains(_COUNTRY.short_name, bindparam(f"w{i}", type_=String()), sqlite),
                _contains(_COUNTRY.formal_name, bindparam(f"w{i}", type_=String()), sqlite),
                func.lower(_COUNTRY.iso3) == bindparam(f"code{i}", type_=String()),
            )
            for i in range(words)
        )
    )
    countries = select(_COUNTRY.iso3, _COUNTRY.short_name, _COUNTRY.formal_name)
    return countries.where(country_cond).order_by(_COUNTRY.short_name).limit(limit)


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
        names = {iso3: name for iso3, name in session.execute(select(_COUNTRY.iso3, _COUNTRY.short_name))}
        parameters = {f"w{i}": _like(w) for i, w in enumerate(words)}
        parameters |= {f"code{i}": w.lower() for i, w in enumerate(words)}
        for iso3, short_name, formal_name in session.execute(
            _countries_statement(len(words), sqlite, per_type), parameters
        ):
            hits.append(SearchHit("country", iso3, iso3, short_name, formal_name))
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
            shapes: list[_WordShape] = []
            parameters = {}
            for i, (w, candidates) in enumerate(zip(words, narrowed, strict=True)):
                shape = _word_shape(
                    rtype, w, i, candidates.get(table), partial(referenced, word=w), parameters
                )
                if shape is None:
                    break  # this word matches nothing of this type
                shapes.append(shape)
            if len(shapes) == len(words):
                stmt = _records_statement(rtype.name, tuple(shapes), sqlite, per_type)
                hits.extend(_record_hits(session, rtype, stmt, parameters, names))
    return hits


def _record_hits(
    session: Session, rtype: RecordType, stmt: Select[Any], parameters: dict[str, Any], names: dict[str, str]
) -> list[SearchHit]:
    """The records ``stmt`` (from ``_records_statement``) finds, as hits."""
    read = record_reader(rtype, tuple(_columns(rtype.name)))
    records = [read(row) for row in session.execute(stmt, parameters).all()]
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
