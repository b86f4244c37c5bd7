"""Reporting not tied to a convention: the global reports a State gave inputs to, and the surveys and
questionnaires it answered (in one bullet)."""

from __future__ import annotations

from coopdesk.note.drafting import Drafting
from coopdesk.note.model import ListItem
from coopdesk.note.sections.common import item, report_fact, reports_told
from coopdesk.records.record import Record


def _reporting_of_kind(d: Drafting, kinds: set[str]) -> list[Record]:
    found = []
    for r in reports_told(d):
        ri = d.inputs.entry("reporting_instrument", r.values.get("reporting_instrument_code"))
        if ri is None or ri.values.get("instrument_code"):
            continue
        if ri.values.get("kind") in kinds:
            found.append(r)
    return found


def global_reports(d: Drafting) -> list[ListItem]:
    """ "provided inputs into the Global Report ... study on ...", one bullet each."""
    items = []
    for r in _reporting_of_kind(d, {"global_report"}):
        code = r.values.get("reporting_instrument_code")
        described = d.text("reporting_instrument", code, "description")  # "study on the state of ..."
        items.append(item(d.lang.global_report(d.state, report_fact(d, r, "short_name"), described)))
    return items


def surveys(d: Drafting) -> list[ListItem]:
    """Surveys and questionnaires not tied to a convention, in one bullet: "provided inputs for ..."."""
    reports = _reporting_of_kind(d, {"survey", "questionnaire", "checklist"})
    if not reports:
        return []
    return [item(d.lang.surveys(d.state, [report_fact(d, r) for r in reports]))]


__all__ = ["global_reports", "surveys"]
