"""Traceability of the report: before an export, every quote, figure and figure sentence
in the text is checked against its evidence as it is *now*.

* a quote whose fragment lost its accepted coding (rejected after writing), whose fragment
  or basket quote is gone, whose respondent withdrew consent (``nee``) or that has an
  unwaived PII finding *blocks* the export (the quote basket's rules, for the whole report);
* a quote whose respondent's consent changed otherwise, or whose display text or
  attribution changed in the basket, is *flagged*;
* a figure or sentence whose numbers differ from those stored at insertion is *flagged*
  with both (the export uses the current numbers; :func:`models.reports.refresh_item`
  takes them over once the analyst has read the text around it);
* the analyst's own text (every section, every recommendation's title and text) is checked
  for personal data with the quote basket's check (:func:`coding.pii.find_pii`: names of the
  scan's respondents and their codes, e-mail addresses, phone numbers, person names, …);
  a finding *blocks* the export like one in a quote, until the analyst accepts it with a
  reason (:func:`waive_text_finding`, kept in ``reports.pii_waivers`` and the event log).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from coding.pii import PiiFinding, find_pii
from models import quotes as quote_service
from models import report_schema as r
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.report_figures import SurveyCache, survey_numbers
from models.report_outline import ReportError
from models.reports import all_sections, list_items, list_recommendations, parse_token
from models.status import CodingStatus, Consent
from texts import t


@dataclass
class Flag:
    item_id: int | None
    section_key: str
    kind: str  # quote | figure | sentence | recommendation
    code: str
    blocking: bool
    message: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def referenced_items(db: Database, actor: Actor, report_id: int) -> dict[int, str]:
    """Item id → section key of every item whose token is in a section's text."""
    out: dict[int, str] = {}
    for key, section in all_sections(db, actor, report_id).items():
        for line in section.text.split("\n"):
            parsed = parse_token(line)
            if parsed is not None:
                out.setdefault(parsed[1], key)
    return out


def _accepted(db: Database, report_id: int, fragment_ids: list[int]) -> set[int]:
    """The fragments with an accepted coding, of the report's scan only (another scan's never count)."""
    if not fragment_ids:
        return set()
    with db.session() as session:
        rows = session.execute(
            select(s.Coding.fragment_id, func.count())
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .join(r.Report, r.Report.scan_id == s.Fragment.scan_id)
            .where(r.Report.id == report_id, s.Coding.fragment_id.in_(fragment_ids), s.Coding.status == CodingStatus.ACCEPTED,
                   s.Coding.round_id.is_(None))
            .group_by(s.Coding.fragment_id)
        ).all()  # fmt: skip
    return {fid for fid, n in rows if n}


def check_report(db: Database, actor: Actor, report_id: int) -> list[Flag]:
    """Every problem of the items in the text, blocking ones first."""
    items = list_items(db, actor, report_id)
    refs = referenced_items(db, actor, report_id)
    flags: list[Flag] = []
    cache: SurveyCache = {}
    quote_items = [items[i] for i in refs if i in items and items[i].kind == "quote"]
    accepted = _accepted(db, report_id, [i.fragment_id for i in quote_items if i.fragment_id is not None])
    for item_id, key in refs.items():
        item = items.get(item_id)
        if item is None:
            flags.append(Flag(item_id, key, "unknown", "unknown_item", True, t("report.flag.unknown_item", id=item_id)))
            continue
        label = {"id": item.id, "section": key}
        if item.kind == "quote":
            flags.extend(_quote_flags(db, actor, item, key, accepted, label))
        else:
            flags.extend(_figure_flags(db, actor, item, key, label, cache))
    recs = list_recommendations(db, actor, report_id)
    rec_fragments = [int(e["id"]) for rec in recs for e in rec.evidence if e["kind"] == "fragment"]
    still = _accepted(db, report_id, rec_fragments)
    for rec in recs:
        for evidence in rec.evidence:
            if evidence["kind"] == "fragment" and int(evidence["id"]) not in still:
                flags.append(Flag(None, f"{rec.pillar}.aanbevelingen", "recommendation", "evidence_rejected", False,
                                  t("report.flag.evidence_rejected", number=rec.number, fragment=evidence["id"])))  # fmt: skip
    flags.extend(_text_flags(db, actor, report_id, recs))
    return sorted(flags, key=lambda f: (not f.blocking, f.section_key, f.item_id or 0))


# --- personal data in the analyst's own text -------------------------------------------------
def _texts(db: Database, actor: Actor, report_id: int, recs: list[Any]) -> list[tuple[str, str, str, str]]:
    """``(where, section key, label, text)`` of every text the analyst wrote (item tokens left out)."""
    out = []
    for key, section in sorted(all_sections(db, actor, report_id).items()):
        text = "\n".join(line for line in section.text.split("\n") if parse_token(line) is None)
        out.append((key, key, t("report.flag.where_section", section=key), text))
    for rec in recs:
        out.append((f"aanbeveling:{rec.id}", f"{rec.pillar}.aanbevelingen",
                    t("report.flag.where_recommendation", number=rec.number), f"{rec.title}\n{rec.text}"))  # fmt: skip
    return out


def _findings(db: Database, report_id: int, text: str) -> list[PiiFinding]:
    with db.session() as session:
        scan_id = session.scalar(select(r.Report.scan_id).where(r.Report.id == report_id))
        names, codes = quote_service._scan_respondents(session, int(scan_id or 0))
    return find_pii(text, respondent_names=names, respondent_codes=codes)


def _waivers(db: Database, report_id: int) -> set[tuple[str, str]]:
    with db.session() as session:
        row = session.get(r.Report, report_id)
        return {(str(w.get("where")), str(w.get("finding"))) for w in (row.pii_waivers if row else None) or []}


def _text_flags(db: Database, actor: Actor, report_id: int, recs: list[Any]) -> list[Flag]:
    waived = _waivers(db, report_id)
    flags = []
    for where, key, label, text in _texts(db, actor, report_id, recs):
        if not text.strip():
            continue
        for finding in _findings(db, report_id, text):
            if (where, finding.key) in waived:
                continue
            flags.append(Flag(None, key, "text", "text_pii", True,
                              t("report.flag.text_pii", where=label, kind=finding.label, text=finding.text),
                              {"where": where, "finding": finding.key}))  # fmt: skip
    return flags


def waive_text_finding(db: Database, actor: Actor, report_id: int, where: str, finding_key: str, reason: str) -> None:
    """Accept a PII finding in the analyst's own text (a section key, or ``aanbeveling:ID``) with a reason (logged).

    Raises:
        InputError: The reason is too short or the finding is not (any more) in that text.
    """
    recs = list_recommendations(db, actor, report_id)  # checks the actor and the report's scan first
    reason = " ".join(reason.split())
    if len(reason) < quote_service.MIN_REASON_CHARS:
        raise InputError(t("quotes.error.reason", min=quote_service.MIN_REASON_CHARS))
    texts = {w: text for w, _key, _label, text in _texts(db, actor, report_id, recs)}
    if where not in texts or finding_key not in {f.key for f in _findings(db, report_id, texts[where])}:
        raise InputError(t("quotes.error.finding_unknown"))
    waiver = {"where": where, "finding": finding_key, "reason": reason, "user": actor.username,
              "at": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    with db.session() as session:
        row = session.get(r.Report, report_id)
        assert row is not None
        kept = [w for w in row.pii_waivers or [] if (w.get("where"), w.get("finding")) != (where, finding_key)]
        row.pii_waivers = [*kept, waiver]
        record_event(session, actor, "report.pii_waive", entity="report", entity_id=report_id, scan_id=row.scan_id,
                     after=waiver)  # fmt: skip


def _quote_flags(
    db: Database, actor: Actor, item: Any, key: str, accepted: set[int], label: dict[str, Any]
) -> list[Flag]:
    flags: list[Flag] = []

    def flag(code: str, blocking: bool, before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
             **values: Any) -> None:  # fmt: skip
        flags.append(Flag(item.id, key, "quote", code, blocking, t(f"report.flag.{code}", **label, **values),
                          before or {}, after or {}))  # fmt: skip

    if item.fragment_id is None:
        flag("fragment_gone", True)
        return flags
    if item.fragment_id not in accepted:
        flag("rejected", True, fragment=item.fragment_id)
    if item.quote_id is None:
        flag("quote_removed", True)
        return flags
    try:
        view = quote_service.get_quote(db, actor, item.quote_id)
    except (ValueError, LookupError):
        flag("quote_removed", True)
        return flags
    if view.consent == Consent.NO:
        flag("consent_nee", True, respondent=view.respondent_code)
    elif view.consent != item.consent:
        flag("consent_changed", False, {"consent": item.consent}, {"consent": view.consent},
             old=item.consent or "-", new=view.consent or "-")  # fmt: skip
    if view.attribution != item.attribution and view.consent != Consent.NO:
        flag("attribution_changed", False, {"attribution": item.attribution}, {"attribution": view.attribution},
             old=item.attribution, new=view.attribution)  # fmt: skip
    if view.display_text != item.display_text:
        flag("text_changed", False, {"display_text": item.display_text}, {"display_text": view.display_text})
    for finding in view.open_findings:
        flag("pii", True, kind=finding.label, text=finding.text)
    return flags


def _figure_flags(
    db: Database, actor: Actor, item: Any, key: str, label: dict[str, Any], cache: SurveyCache
) -> list[Flag]:
    kind = item.kind
    if item.survey_id is None:
        return [Flag(item.id, key, kind, "survey_gone", True, t("report.flag.survey_gone", **label))]
    try:
        now = survey_numbers(db, actor, item.survey_id, item.question_codes, cache)
    except ReportError as error:
        return [Flag(item.id, key, kind, "survey_gone", True, t("report.flag.survey_gone", **label) + f" {error}")]
    except LookupError:
        return [Flag(item.id, key, kind, "survey_gone", True, t("report.flag.survey_gone", **label))]
    before = item.numbers or {}
    if before.get("questions") != now.get("questions") or (kind == "sentence" and before.get("sentence") != now.get("sentence")):
        old_n, new_n = before.get("n", "-"), now.get("n", "-")
        return [Flag(item.id, key, kind, "numbers_changed", False, t("report.flag.numbers_changed", **label, old=old_n,
                                                                     new=new_n),
                     {"n": old_n, "sentence": before.get("sentence", "")},
                     {"n": new_n, "sentence": now.get("sentence", "")})]  # fmt: skip
    return []


def blocking_messages(flags: list[Flag]) -> list[str]:
    return [f.message for f in flags if f.blocking]


def require_exportable(db: Database, actor: Actor, report_id: int) -> list[Flag]:
    """The flags of the report; raises :class:`ReportError` naming every blocking one."""
    flags = check_report(db, actor, report_id)
    blocking = blocking_messages(flags)
    if blocking:
        raise ReportError("blocked", items="\n".join(f"- {m}" for m in blocking))
    return flags


def items_in_report(db: Database, report_id: int) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(r.ReportItem).where(
            r.ReportItem.report_id == report_id)) or 0)  # fmt: skip
