"""A deterministic, realistic stress database: every record type for all 193 Member States.

``generate(db, records=100_000, seed=1)`` fills a database that holds the shipped catalogue with records
shaped like the real ones: mostly treaty actions, reports, meeting participation and contributions, a few
memberships, resolutions, initiatives, legislative assistance, projects and letters; partial dates of
every precision (year, month, day); amounts in several currencies; references only to catalogue entries
that exist. The same seed always gives the same database, so benchmark runs compare like with like.

The generator writes with SQLAlchemy Core bulk inserts in one transaction: 100,000 records take seconds,
not the minutes that 100,000 validated ``RecordService.create`` calls would. It writes **no history
rows**: history records who changed what and when, and generated data has no such past; ten or more
history rows per record would make the file several times larger than a real one of the same size and
the benchmarks would measure that instead of the app. The test suite checks that every generated record
still passes the record types' own validation.

Besides records, it adds the sessions of the real bodies (CND, CCPCJ, COP-UNTOC, COSP-UNCAC, ICAT) to the
meetings catalogue, since the shipped catalogue holds only the meetings of the 2009 note and a real
database covers decades of them.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, insert, select

from coopdesk.base.progress import SILENT, Progress
from coopdesk.db.database import Database
from coopdesk.db.models import (
    RECORD_MODELS,
    Country,
    Instrument,
    Meeting,
    ReportingInstrument,
)
from coopdesk.note.lang.fr.grammar import ordinal as french_ordinal
from coopdesk.records.limits import certainly_before
from coopdesk.records.partial_date import PartialDate

#: Share of each record type in a realistic database (sums to 1).
PROPORTIONS: dict[str, float] = {
    "treaty_action": 0.295,
    "reporting": 0.22,
    "meeting_participation": 0.20,
    "contribution": 0.13,
    "resolution": 0.045,
    "membership": 0.03,
    "national_initiative": 0.03,
    "project": 0.025,
    "legislative_assistance": 0.015,
    "letter": 0.005,
    "completeness_check": 0.005,
}

STRESS_USER = "stress generator"
FIRST_YEAR = 1990
LAST_YEAR = 2025
BATCH = 5_000

CURRENCIES = (
    ("USD", 0.55),
    ("EUR", 0.2),
    ("GBP", 0.05),
    ("JPY", 0.05),
    ("SEK", 0.04),
    ("NOK", 0.04),
    ("CHF", 0.03),
    ("CAD", 0.02),
    ("AUD", 0.02),
)
_CURRENCY_DECIMALS = {"JPY": 0}

CONSENT = (("ratification", 55), ("accession", 33), ("acceptance", 3), ("approval", 3), ("succession", 6))
AFTER_CONSENT = (
    ("declaration", 35),
    ("reservation", 20),
    ("notification", 20),
    ("withdrawal_of_reservation", 8),
    ("objection", 12),
    ("territorial_application", 5),
)

DONOR_RECIPIENTS = (
    ("CND", "Fund of the United Nations International Drug Control Programme"),
    ("CCPCJ", "United Nations Crime Prevention and Criminal Justice Fund"),
    ("COP-UNTOC", "Global Programme against Trafficking in Persons"),
    ("COSP-UNCAC", "Implementation review mechanism of the Convention against Corruption"),
    (None, "Global Programme against Money Laundering"),
    (None, "Terrorism Prevention Branch: legal advisory services"),
    (None, "Container Control Programme"),
    (None, "Global Maritime Crime Programme"),
    (None, "Regional programme for Eastern Europe"),
    (None, "Voluntary Trust Fund for Victims of Trafficking"),
)
PURPOSES = (
    "Support to national drug demand reduction programmes",
    "Strengthening the legal regime against terrorism",
    "Capacity-building of criminal justice officials",
    "Anti-corruption mentoring and assessment",
    "Border control and container profiling units",
    "Alternative development in rural areas",
    "",
)
RESOLUTION_TOPICS = (
    "Strengthening international cooperation to counter the world drug problem",
    "Technical assistance for implementing the international conventions and protocols related to terrorism",
    "International cooperation in the fight against trafficking in persons",
    "Preventing and combating corruption and the transfer of proceeds of corruption",
    "Promoting alternative development as a development-oriented drug control strategy",
    "Strengthening crime prevention and criminal justice responses to protect cultural property",
    "Countering the smuggling of migrants",
    "Improving the collection, reporting and analysis of data on crime",
    "Prevention of drug use among young people",
    "Combating cybercrime and the misuse of information technologies",
    "Supporting the rehabilitation and social reintegration of drug users",
    "Fighting illicit trafficking in firearms, their parts and components and ammunition",
)
INITIATIVE_TITLES = {
    "training_centre": (
        "Regional training centre for law enforcement",
        "Police academy course on financial crime",
    ),
    "strategy": ("National anti-drug strategy", "National action plan against trafficking in persons"),
    "unit": ("Financial intelligence unit", "Joint port control unit", "Anti-corruption agency"),
    "law": ("Law on combating money laundering", "Law on witness protection", "Criminal procedure reform"),
    "campaign": ("Public awareness campaign on drug abuse", "Blue Heart campaign against human trafficking"),
    "other": ("National coordination council on drugs and crime", "Inter-ministerial working group"),
}
LEGISLATIVE_AREAS = (
    "counter-terrorism legislation",
    "anti-money-laundering legislation",
    "anti-corruption legislation",
    "drug control legislation",
    "legislation against trafficking in persons",
    "legislation against the smuggling of migrants",
    "firearms legislation",
    "mutual legal assistance and extradition",
)
PROJECT_TOPICS = (
    "Strengthening the criminal justice response to terrorism",
    "Drug demand reduction and HIV prevention",
    "Countering money laundering and the financing of terrorism",
    "Enhancing border management and container control",
    "Support to anti-corruption institutions",
    "Prison reform and alternatives to imprisonment",
    "Combating trafficking in persons and the smuggling of migrants",
    "Alternative development and sustainable livelihoods",
)
DELEGATIONS = (
    "Minister of Justice and two officials of the Ministry of Foreign Affairs",
    "Permanent Representative to the United Nations (Vienna)",
    "Deputy Minister of Interior; head of the drug control agency",
    "Officials of the Permanent Mission",
    "Prosecutor General's Office and Ministry of Justice",
    "",
)
MEETING_ROLES = ("", "", "", "", "speaker", "Vice-Chair", "Rapporteur", "Chair of the Committee of the Whole")
SOURCES = (
    "UN Treaty Collection, status as at {year}",
    "E/CN.7/{year}/2",
    "E/CN.15/{year}/3",
    "Note verbale of the Permanent Mission, {year}",
    "CTOC/COP/{year}/INF.1",
    "",
)

# The real sessions of the bodies whose records a database holds: (body, code prefix, title, first
# session, its year, sessions per year or years between sessions, month, place).
#: The real bodies' sessions: (body, code prefix, title, French title, first session, its year, years
#: between sessions, month, place, French place). With their French names, as the shipped catalogue's
#: meetings have them, so that a French note on generated data names every meeting in French.
_SESSIONS = (
    (
        "CND",
        "CND",
        "Commission on Narcotic Drugs",
        "Commission des stupéfiants",
        33,
        1990,
        1,
        3,
        "Vienna",
        "Vienne",
    ),
    (
        "CCPCJ",
        "CCPCJ",
        "Commission on Crime Prevention and Criminal Justice",
        "Commission pour la prévention du crime et la justice pénale",
        1,
        1992,
        1,
        4,
        "Vienna",
        "Vienne",
    ),
    (
        "COP-UNTOC",
        "COP-UNTOC",
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
        "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée",
        1,
        2004,
        2,
        10,
        "Vienna",
        "Vienne",
    ),
    (
        "COSP-UNCAC",
        "COSP-UNCAC",
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Conférence des États parties à la Convention des Nations Unies contre la corruption",
        1,
        2006,
        2,
        11,
        "Vienna",
        "Vienne",
    ),
)


def _table(model: type[Any]) -> Table:
    """The Core table behind a model: bulk inserts through Core skip the ORM's per-row work."""
    return cast(Table, model.__table__)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class _Catalogue:
    countries: list[str]
    instruments: list[tuple[str, int]]  # code, adoption year
    parents: dict[str, str]  # protocol -> the convention it supplements
    reporting: list[tuple[str, int]]  # code, first year it can have been answered
    meetings: list[tuple[str, int]]  # code, year
    adopted_on: dict[str, str] = field(default_factory=dict)  # code -> adoption date as stored

    def not_before_adoption(self, code: str, date: str) -> str:
        """``date``, or the instrument's adoption date when ``date`` would come before it (a State can act
        on an instrument only once it is adopted; the same year is not enough)."""
        adopted = self.adopted_on.get(code)
        if adopted and certainly_before(PartialDate.from_storage(date), PartialDate.from_storage(adopted)):
            return adopted
        return date


class _Gen:
    """Random choices that read like the records people keep."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def weighted(self, items: tuple[tuple[str, float | int], ...]) -> str:
        values = [v for v, _ in items]
        weights = [w for _, w in items]
        return self.rng.choices(values, weights)[0]

    def year(self, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> int:
        return self.rng.randint(min(low, high), high)

    def pdate(self, year: int, *, day: float = 0.6, month: float = 0.25) -> str:
        """A partial date in storage form: a full date, a month or a year, in the given shares."""
        r = self.rng.random()
        m = self.rng.randint(1, 12)
        if r < day:
            return f"{year:04d}-{m:02d}-{self.rng.randint(1, 28):02d}"
        if r < day + month:
            return f"{year:04d}-{m:02d}"
        return f"{year:04d}"

    def source(self, year: int) -> str:
        return self.rng.choice(SOURCES).format(year=year)


def _load_catalogue(db: Database) -> _Catalogue:
    with db.read() as session:
        countries = list(session.scalars(select(Country.iso3).where(Country.member).order_by(Country.iso3)))
        instruments = []
        parents: dict[str, str] = {}
        adopted_in: dict[str, int] = {}
        adopted_on: dict[str, str] = {}
        for code, adopted, parent in session.execute(
            select(Instrument.code, Instrument.adopted_date, Instrument.parent_code).order_by(
                Instrument.position, Instrument.code
            )
        ):
            adopted_in[code] = int(adopted[:4]) if adopted else 1960
            if adopted:
                adopted_on[code] = adopted
            instruments.append((code, adopted_in[code]))
            if parent:
                parents[code] = parent
        # A tool that reports on a convention exists only a few years after the convention.
        reporting = [
            (code, max(FIRST_YEAR, adopted_in[instrument] + 3) if instrument in adopted_in else FIRST_YEAR)
            for code, instrument in session.execute(
                select(ReportingInstrument.code, ReportingInstrument.instrument_code).order_by(
                    ReportingInstrument.code
                )
            )
        ]
        meetings = [
            (code, int(start[:4]) if start else 2009)
            for code, start in session.execute(
                select(Meeting.code, Meeting.start_date).order_by(Meeting.code)
            )
        ]
    return _Catalogue(countries, instruments, parents, reporting, meetings, adopted_on)


def _meeting_rows(existing: set[str]) -> list[dict[str, Any]]:
    """The sessions of the real bodies from 1990 to the last year, skipping codes already catalogued."""
    rows: list[dict[str, Any]] = []
    for body, prefix, title, title_fr, first, first_year, step, month, place, place_fr in _SESSIONS:
        session, year = first, first_year
        while year <= LAST_YEAR:
            code = f"{prefix}-{session}"
            if code not in existing:
                rows.append(
                    {
                        "code": code,
                        "body_code": body,
                        "session": f"{_ordinal(session)} session",
                        "session_fr": f"{french_ordinal(session, 'f')} session",
                        "title": title,
                        "title_fr": title_fr,
                        "start_date": f"{year:04d}-{month:02d}-{10 + session % 5:02d}",
                        "end_date": f"{year:04d}-{month:02d}-{17 + session % 5:02d}",
                        "place": place,
                        "place_fr": place_fr,
                        "notes": "",
                        "version": 1,
                        "updated_by": STRESS_USER,
                    }
                )
            session, year = session + 1, year + step
    for year in range(2005, LAST_YEAR + 1):
        code = f"ICAT-{year}"
        if code not in existing:
            rows.append(
                {
                    "code": code,
                    "body_code": "ICAT",
                    "session": "",
                    "session_fr": "",
                    "title": "meeting of the Inter-Agency Coordination Group against Trafficking in Persons",
                    "title_fr": "réunion du Groupe interinstitutions de coordination contre la traite des personnes",
                    "start_date": f"{year:04d}-04",
                    "end_date": None,
                    "place": "Vienna" if year % 2 else "New York",
                    "place_fr": "Vienne" if year % 2 else "New York",
                    "notes": "",
                    "version": 1,
                    "updated_by": STRESS_USER,
                }
            )
    return rows


def _allocate(total: int, gen: _Gen, countries: list[str]) -> dict[str, dict[str, int]]:
    """How many records of each type each State gets: realistic shares, some States far busier than others.

    Every type has at least one record and every State at least one treaty action when ``total`` allows.
    """
    names = list(PROPORTIONS)
    counts = {name: int(total * share) for name, share in PROPORTIONS.items()}
    for name in names:
        if counts[name] == 0 and sum(counts.values()) < total:
            counts[name] = 1
    counts["treaty_action"] += total - sum(counts.values())
    weights = [gen.rng.lognormvariate(0, 0.6) for _ in countries]
    per_country: dict[str, dict[str, int]] = {c: defaultdict(int) for c in countries}
    for name in names:
        n = counts[name]
        if name == "treaty_action" and n >= len(countries):
            for c in countries:
                per_country[c][name] += 1
            n -= len(countries)
        for c in gen.rng.choices(countries, weights, k=n):
            per_country[c][name] += 1
    return per_country


def _base(gen: _Gen, country: str, year: int, now: datetime) -> dict[str, Any]:
    return {
        "id": gen.uuid(),
        "country_code": country,
        "source": gen.source(year),
        "notes": "",
        "created_at": now,
        "updated_at": now,
        "created_by": STRESS_USER,
        "updated_by": STRESS_USER,
        "version": 1,
    }


def _treaty_actions(
    gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime
) -> Iterator[dict[str, Any]]:
    conventions = [item for item in cat.instruments if item[0] not in cat.parents]
    gen.rng.shuffle(conventions)
    instruments: list[tuple[str, int]] = []

    def with_protocols(item: tuple[str, int]) -> None:  # a convention, then its protocols, depth first
        instruments.append(item)
        for child in cat.instruments:
            if cat.parents.get(child[0]) == item[0]:
                with_protocols(child)

    for item in conventions:
        with_protocols(item)
    consented: list[tuple[str, int]] = []
    consent_year: dict[str, int] = {}
    consent_date: dict[str, str] = {}
    made = 0
    # First a consent (sometimes after a signature) per instrument, most within a few years of its
    # adoption; a protocol only after its convention (UNTOC art. 37); then declarations and the like.
    for code, adopted in instruments:
        if made >= n:
            return
        parent = cat.parents.get(code)
        if parent is not None and parent not in consent_year:
            continue
        year = min(LAST_YEAR, max(adopted, FIRST_YEAR - 25) + int(gen.rng.expovariate(1 / 6)))
        if parent is not None:
            year = max(year, consent_year[parent])
        consent_year[code] = year
        same_day = parent is not None and year == consent_year[parent]
        if gen.rng.random() < 0.3 and made + 1 < n:
            sign_year = max(adopted, year - gen.rng.randint(0, 3))
            yield {
                **_base(gen, country, sign_year, now),
                "instrument_code": code,
                "action": "signature",
                "action_date": cat.not_before_adoption(code, gen.pdate(sign_year, day=0.8, month=0.1)),
                "effect_date": None,
                "depositary_notification": "",
                "text": "",
            }
            made += 1
        action = gen.weighted(CONSENT)
        # A protocol joined in the convention's year is joined with it, on the same day.
        date = consent_date[parent] if same_day and parent else gen.pdate(year, day=0.7, month=0.15)
        date = cat.not_before_adoption(code, date)
        consent_date[code] = date
        yield {
            **_base(gen, country, year, now),
            "instrument_code": code,
            "action": action,
            "action_date": date,
            "effect_date": f"{year + 1:04d}" if gen.rng.random() < 0.4 else None,
            "depositary_notification": f"C.N.{gen.rng.randint(1, 999)}.{year}.TREATIES-{gen.rng.randint(1, 30)}",
            "text": "",
        }
        consented.append((code, year))
        made += 1
    while made < n:
        code, year = gen.rng.choice(consented)
        later = gen.year(year, LAST_YEAR)
        action = gen.weighted(AFTER_CONSENT)
        yield {
            **_base(gen, country, later, now),
            "instrument_code": code,
            "action": action,
            "action_date": cat.not_before_adoption(code, gen.pdate(later)),
            "effect_date": None,
            "depositary_notification": f"C.N.{gen.rng.randint(1, 999)}.{later}.TREATIES-{gen.rng.randint(1, 30)}",
            "text": (
                f"The State does not consider itself bound by paragraph 2 of article {gen.rng.randint(2, 40)}."
                if action in ("reservation", "declaration")
                else ""
            ),
        }
        made += 1


def _memberships(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    """Terms follow one another on each body (a State is re-elected after a gap), as in real records;
    only a State with more terms than the years allow gets overlapping ones."""
    bodies = (("CND", "ECOSOC", 4), ("CCPCJ", "ECOSOC", 3), ("ECOSOC", "GA", 3))
    free_from = {body: FIRST_YEAR + gen.rng.randint(0, 8) for body, _, _ in bodies}
    for _ in range(n):
        body, organ, years = gen.rng.choice(bodies)
        start = free_from[body] + gen.rng.choice((0, 0, 1, 2, 4))
        if start > LAST_YEAR + 1:
            start = gen.year(FIRST_YEAR, LAST_YEAR + 1)
        free_from[body] = start + years
        role = gen.weighted(
            (("member", 85), ("chair", 3), ("vice_chair", 6), ("rapporteur", 3), ("bureau", 3))
        )
        explicit_end = gen.rng.random() < 0.3
        yield {
            **_base(gen, country, start, now),
            "body_code": body,
            "electing_organ_code": organ,
            "election_date": f"{start - 1:04d}-{gen.rng.randint(4, 7):02d}"
            + (f"-{gen.rng.randint(1, 28):02d}" if gen.rng.random() < 0.4 else ""),
            "term_start": f"{start:04d}-01-01",
            "term_end": f"{start + years - 1:04d}-12-31" if explicit_end else None,
            "term_years": None if explicit_end else years,
            "role": role,
        }


def _reports(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    slots = [(code, year) for code, first in cat.reporting for year in range(first, LAST_YEAR + 1)]
    picked = gen.rng.sample(slots, n) if n <= len(slots) else [gen.rng.choice(slots) for _ in range(n)]
    for code, year in picked:
        completeness = gen.weighted((("full", 60), ("partial", 30), ("none", 10)))
        submitted = None if completeness == "none" else gen.pdate(year + 1, day=0.5, month=0.35)
        yield {
            **_base(gen, country, year, now),
            "reporting_instrument_code": code,
            "cycle": str(year),
            "due_date": f"{year + 1:04d}-06-30",
            "submitted_date": submitted,
            "completeness": completeness,
            "details": "",
        }


def _participations(
    gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime
) -> Iterator[dict[str, Any]]:
    meetings = cat.meetings
    picked = (
        gen.rng.sample(meetings, n) if n <= len(meetings) else [gen.rng.choice(meetings) for _ in range(n)]
    )
    for code, year in picked:
        yield {
            **_base(gen, country, year, now),
            "meeting_code": code,
            "participation": gen.weighted((("attended", 75), ("observer", 5), ("not_attended", 20))),
            "role": gen.rng.choice(MEETING_ROLES),
            "delegation": gen.rng.choice(DELEGATIONS),
        }


def _contributions(
    gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime
) -> Iterator[dict[str, Any]]:
    currency = gen.weighted(CURRENCIES)  # a donor mostly pays in its own currency
    for _ in range(n):
        cur = currency if gen.rng.random() < 0.8 else gen.weighted(CURRENCIES)
        body, recipient = gen.rng.choice(DONOR_RECIPIENTS)
        year = gen.year(1995)
        major = gen.rng.choice(
            (5_000, 10_000, 20_000, 50_000, 100_000, 250_000, 1_000_000)
        ) * gen.rng.randint(1, 9)
        decimals = _CURRENCY_DECIMALS.get(cur, 2)
        minor = major * 10**decimals + (gen.rng.randint(0, 99) if decimals and gen.rng.random() < 0.2 else 0)
        if cur == "JPY":
            minor *= 100
        yield {
            **_base(gen, country, year, now),
            "recipient_body_code": body,
            "recipient": recipient if body is None or gen.rng.random() < 0.5 else "",
            "amount_minor": minor,
            "amount_currency": cur,
            "contribution_date": gen.pdate(year),
            "kind": gen.weighted((("payment", 60), ("pledge", 20), ("commitment", 15), ("in_kind", 5))),
            "earmarking": gen.weighted(
                (("", 20), ("general_purpose", 25), ("soft", 15), ("special_purpose", 40))
            ),
            "purpose": gen.rng.choice(PURPOSES),
        }


def _resolutions(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        body = gen.weighted((("CND", 40), ("CCPCJ", 35), ("GA", 15), ("ECOSOC", 10)))
        year = gen.year()
        number = gen.rng.randint(1, 30)
        symbol = {
            "CND": f"CND {year - 1957}/{number}",
            "CCPCJ": f"CCPCJ {year - 1991}/{number}",
            "GA": f"A/RES/{year - 1945}/{100 + number * 3}",
            "ECOSOC": f"E/RES/{year}/{number}",
        }[body]
        yield {
            **_base(gen, country, year, now),
            "body_code": body,
            "adopted_date": gen.pdate(year, day=0.7, month=0.2),
            "session": f"{_ordinal(max(1, year - 1957))} session" if body == "CND" else "",
            "symbol": symbol,
            "title": gen.rng.choice(RESOLUTION_TOPICS),
            "role": gen.weighted((("co_sponsor", 70), ("main_sponsor", 20), ("on_behalf_of_group", 10))),
            "description": "",
        }


def _initiatives(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        kind = gen.rng.choice(list(INITIATIVE_TITLES))
        year = gen.year()
        yield {
            **_base(gen, country, year, now),
            "title": gen.rng.choice(INITIATIVE_TITLES[kind]),
            "kind": kind,
            "initiative_date": gen.pdate(year, day=0.3, month=0.3),
            "description": "Set up with support from the organisation's regional office."
            if gen.rng.random() < 0.3
            else "",
        }


def _assistance(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        status = gen.weighted((("requested", 15), ("ongoing", 25), ("completed", 45), ("law_adopted", 15)))
        start = gen.year(1995, LAST_YEAR - 1)
        ended = status in ("completed", "law_adopted")
        yield {
            **_base(gen, country, start, now),
            "area": gen.rng.choice(LEGISLATIVE_AREAS),
            "kind": gen.weighted((("drafting", 40), ("review", 30), ("advice", 20), ("training", 10))),
            "status": status,
            "start_date": gen.pdate(start, day=0.3, month=0.5) if status != "requested" else None,
            "end_date": gen.pdate(start + gen.rng.randint(1, 3), day=0.3, month=0.5) if ended else None,
            "details": "",
        }


def _projects(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        status = gen.weighted(
            (
                ("closed", 45),
                ("implementation", 25),
                ("finalisation", 8),
                ("pipeline", 12),
                ("cancelled", 5),
                ("suspended", 5),
            )
        )
        start = gen.year(1995, LAST_YEAR - 1)
        length = gen.rng.randint(1, 5)
        started = status not in ("pipeline", "cancelled")
        ended = status in ("closed",)
        yield {
            **_base(gen, country, start, now),
            "code": f"{country}/{chr(65 + gen.rng.randint(0, 25))}{gen.rng.randint(10, 99)}",
            "title": gen.rng.choice(PROJECT_TOPICS),
            "status": status,
            "planned_start": f"{start:04d}-{gen.rng.randint(1, 12):02d}",
            "planned_end": f"{start + length:04d}-12",
            "actual_start": gen.pdate(start, day=0.4, month=0.6) if started else None,
            "actual_end": gen.pdate(start + length + 1, day=0.4, month=0.6) if ended else None,
            "budget_minor": gen.rng.randint(5, 500) * 10_000 * 100,
            "budget_currency": "USD",
        }


def _letters(gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime) -> Iterator[dict[str, Any]]:
    """Draft letters: an issued letter carries the PDF rendered when it was issued, which a generator
    should not fake, so generated letters stay drafts (no reference number drawn)."""
    for _ in range(n):
        year = gen.year(2000)
        date = f"{year:04d}-{gen.rng.randint(1, 12):02d}-{gen.rng.randint(1, 28):02d}"
        yield {
            **_base(gen, country, year, now),
            "reference": None,
            "letter_date": date,
            "subject": "Cooperation between the Organisation and the Permanent Mission",
            "addressee": "His Excellency\nthe Permanent Representative\nto the United Nations (Vienna)",
            "salutation": "Excellency,",
            "body": "I have the honour to enclose a note on our cooperation.",
            "closing": "Please accept, Excellency, the assurances of my highest consideration.",
            "signatory_name": "Francis Maertens",
            "signatory_title": "Deputy Executive Director",
            "note_as_of": date,
            "status": "draft",
            "issued_at": None,
            "note_html": "",
            "note_text": "",
            "pdf": None,
            "checksum": "",
        }


_CHECKED_AREAS = (
    ("instrument_set", "instrument_set_code", "CT", "UN Treaty Collection status"),
    ("instrument_set", "instrument_set_code", "CRIME", "UN Treaty Collection status"),
    ("legislative_assistance", None, None, "Terrorism Prevention Branch records"),
    ("project", None, None, "Programme and project management records"),
)


def _completeness_checks(
    gen: _Gen, cat: _Catalogue, country: str, n: int, now: datetime
) -> Iterator[dict[str, Any]]:
    """An officer's checks that an area of the State's records is complete, on a date."""
    for _ in range(n):
        area, ref, code, where = gen.rng.choice(_CHECKED_AREAS)
        year = gen.year(2005)
        date = f"{year:04d}-{gen.rng.randint(1, 12):02d}-{gen.rng.randint(1, 28):02d}"
        row: dict[str, Any] = {
            **_base(gen, country, year, now),
            "area": area,
            "instrument_set_code": None,
            "instrument_code": None,
            "reporting_instrument_code": None,
            "body_code": None,
            "checked_on": date,
        }
        row["source"] = f"{where}, {PartialDate.from_storage(date)}"
        if ref is not None:
            row[ref] = code
        yield row


_Maker = Callable[[_Gen, _Catalogue, str, int, datetime], Iterator[dict[str, Any]]]
_MAKERS: dict[str, _Maker] = {
    "treaty_action": _treaty_actions,
    "membership": _memberships,
    "reporting": _reports,
    "meeting_participation": _participations,
    "contribution": _contributions,
    "resolution": _resolutions,
    "national_initiative": _initiatives,
    "legislative_assistance": _assistance,
    "project": _projects,
    "letter": _letters,
    "completeness_check": _completeness_checks,
}


def generate(
    db: Database, records: int = 100_000, seed: int = 1, progress: Progress = SILENT
) -> dict[str, int]:
    """Add ``records`` generated records to ``db`` in one transaction; returns the count per record type.

    The database must hold the catalogue (any new database does). The same ``seed`` and ``records`` give
    the same rows, ids included. Cancelling through ``progress`` rolls everything back.
    """
    if records < 0:
        raise ValueError("the number of records cannot be negative")
    gen = _Gen(seed)
    now = datetime(2025, 6, 30, 12, 0, 0)
    with db.write() as session:
        existing = set(session.scalars(select(Meeting.code)))
        new_meetings = _meeting_rows(existing)
        if new_meetings:
            session.execute(insert(_table(Meeting)), new_meetings)
    cat = _load_catalogue(db)
    if not cat.countries:
        raise ValueError("the database holds no countries: create it with coopdesk first")
    plan = _allocate(records, gen, cat.countries)
    counts: dict[str, int] = dict.fromkeys(PROPORTIONS, 0)
    done = 0
    with db.write() as session:
        pending: dict[str, list[dict[str, Any]]] = defaultdict(list)

        def flush(name: str) -> None:
            rows = pending.pop(name, [])
            if rows:
                session.execute(insert(_table(RECORD_MODELS[name])), rows)

        for country in cat.countries:
            for name in PROPORTIONS:
                n = plan[country].get(name, 0)
                if not n:
                    continue
                rows = _MAKERS[name](gen, cat, country, n, now)
                batch = pending[name]
                for row in rows:
                    batch.append(row)
                    counts[name] += 1
                    done += 1
                if len(batch) >= BATCH:
                    flush(name)
            progress.step(done, records, f"Generating records: {done:,} of {records:,}")
        for name in list(pending):
            flush(name)
        progress.step(done, records, f"Generated {done:,} records")
    return counts


def record_count(db: Database) -> int:
    """How many records (of every type) the database holds."""
    with db.read() as session:
        return sum(
            int(session.scalar(select(func.count()).select_from(m)) or 0) for m in RECORD_MODELS.values()
        )
