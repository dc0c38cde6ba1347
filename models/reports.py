"""The report of a scan: sections written by the analyst, versions, recommendations and
the quotes, figures and figure sentences inserted into the text (issue 17).

* One report per scan (:func:`ensure_report`), created with a copy of the template
  (``data/report_template.yaml``) so later edits of the shipped file do not move a
  report that is being written.
* Saving a section keeps every version. Saving is *optimistic*: the caller says which
  version its text is based on; when someone else saved in between, the save is refused
  with :class:`SaveConflict`, which carries both texts so the page can show them side by
  side and let the analyst merge. Last write never wins silently.
* Items are inserted into a section's text as a line ``[[citaat:ID]]``,
  ``[[figuur:ID]]`` or ``[[zin:ID]]``; each row keeps what it rests on (fragment and
  basket quote, survey and question codes) and the numbers at insertion, so
  :mod:`models.report_check` can flag what changed since.
* Recommendations are numbered across the report in outline order (pillar chapters in
  codebook order, then position), each tied to a pillar and its evidence.

Every function checks the actor (permission ``report``: analyst or admin of the scan),
commits its own transaction and writes an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import quotes as quote_service
from models import report_schema as r
from models import schema as s
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.events import record_event
from models.report_outline import Chapter, ReportError, load_template, outline
from texts import t

PERMISSION = "report"
TOKEN = re.compile(r"^\[\[(citaat|figuur|zin):(\d+)\]\]$")
TOKEN_KIND = {"quote": "citaat", "figure": "figuur", "sentence": "zin"}
KIND_OF_TOKEN = {v: k for k, v in TOKEN_KIND.items()}
MAX_SECTION_CHARS = 200_000


class SaveConflict(ReportError):
    """Someone saved the section after the version this text is based on; both texts are kept."""

    def __init__(self, key: str, *, mine: str, theirs: str, their_version: int, their_author: str) -> None:
        self.section_key = key
        self.mine = mine
        self.theirs = theirs
        self.their_version = their_version
        self.their_author = their_author
        super().__init__("conflict", section=key, author=their_author or "-", version=their_version)


@dataclass
class ReportInfo:
    id: int
    scan_id: int
    title: str
    template: dict[str, Any]
    organisation: str
    scan_name: str
    measurement: str
    period: str


@dataclass
class SectionText:
    key: str
    text: str
    version: int
    updated_by: str = ""
    updated_at: datetime | None = None


@dataclass
class VersionView:
    version: int
    text: str
    saved_by: str
    saved_at: datetime


@dataclass
class RecommendationView:
    id: int
    number: int
    pillar: str
    title: str
    text: str
    library_key: str | None
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ItemView:
    id: int
    section_key: str
    kind: str
    fragment_id: int | None
    quote_id: int | None
    survey_id: int | None
    question_codes: list[str]
    display_text: str
    caption: str
    numbers: dict[str, Any]
    consent: str
    attribution: str

    @property
    def token(self) -> str:
        return token(self.kind, self.id)


def token(kind: str, item_id: int) -> str:
    """The line that stands for an item in a section's text."""
    return f"[[{TOKEN_KIND[kind]}:{item_id}]]"


def parse_token(line: str) -> tuple[str, int] | None:
    """``("quote", 12)`` for the line ``[[citaat:12]]``, else ``None``."""
    match = TOKEN.match(line.strip())
    return (KIND_OF_TOKEN[match.group(1)], int(match.group(2))) if match else None


# --- the report ------------------------------------------------------------------
def _report_row(session: Session, actor: Actor, report_id: int) -> r.Report:
    report = session.get(r.Report, report_id)
    if report is None:
        raise ReportError("not_found", id=report_id)
    actor.require(PERMISSION, report.scan_id)
    return report


def _require_in_scan(actor: Actor, report: r.Report, scan_id: int | None, kind: str, ident: object) -> None:
    """What goes into a report is of the report's scan; another scan's is refused (as that scan when not the actor's)."""
    if scan_id != report.scan_id:
        if scan_id is not None:
            actor.require(PERMISSION, scan_id)
        raise ReportError("other_scan", kind=kind, id=ident)


def _info(session: Session, report: r.Report) -> ReportInfo:
    scan = session.get(s.Scan, report.scan_id)
    assert scan is not None
    return ReportInfo(
        report.id, report.scan_id, report.title, dict(report.template), scan.organisation, scan.name,
        scan.measurement, scan.period,
    )  # fmt: skip


def ensure_report(db: Database, actor: Actor, scan_id: int) -> ReportInfo:
    """The scan's report; created from the shipped template on first use."""
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise ReportError("scan_not_found", id=scan_id)
        report = session.scalar(select(r.Report).where(r.Report.scan_id == scan_id))
        if report is None:
            template = load_template()
            title = str(template.get("title") or "{organisation}").format(organisation=scan.organisation)
            report = r.Report(scan_id=scan_id, title=title, template=template, template_version=1,
                              created_by=actor.username)  # fmt: skip
            session.add(report)
            session.flush()
            session.add(r.ReportTemplateVersion(report_id=report.id, version=1, template=template,
                                                saved_by=actor.username))  # fmt: skip
            record_event(session, actor, "report.create", entity="report", entity_id=report.id, scan_id=scan_id,
                         after={"title": title, "template": template.get("name", "")})  # fmt: skip
        return _info(session, report)


def report_outline(db: Database, actor: Actor, report_id: int) -> list[Chapter]:
    """The chapters and sections of the report (template over the scan's codebook)."""
    from models.report_generated import outline_values

    with db.session() as session:
        report = _report_row(session, actor, report_id)
        scan = session.get(s.Scan, report.scan_id)
        assert scan is not None
        codebook = codebook_data(session, scan.codebook_id)
        template = dict(report.template)
        scan_id = report.scan_id
    return outline(template, codebook, outline_values(db, actor, scan_id))


# --- sections: text, versions, conflicts -------------------------------------------
def get_section(db: Database, actor: Actor, report_id: int, key: str) -> SectionText:
    with db.session() as session:
        _report_row(session, actor, report_id)
        row = session.scalar(select(r.ReportSection).where(r.ReportSection.report_id == report_id,
                                                           r.ReportSection.key == key))  # fmt: skip
        if row is None:
            return SectionText(key, "", 0)
        return SectionText(key, row.text, row.version, row.updated_by, row.updated_at)


def all_sections(db: Database, actor: Actor, report_id: int) -> dict[str, SectionText]:
    with db.session() as session:
        _report_row(session, actor, report_id)
        rows = session.scalars(select(r.ReportSection).where(r.ReportSection.report_id == report_id)).all()
        return {row.key: SectionText(row.key, row.text, row.version, row.updated_by, row.updated_at) for row in rows}


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_SECTION_CHARS:
        raise ReportError("too_long", limit=f"{MAX_SECTION_CHARS:,}".replace(",", "."))
    return text.strip("\n")


def save_section(db: Database, actor: Actor, report_id: int, key: str, text: str, *, base_version: int) -> int:
    """Store ``text`` as the new version of section ``key``; returns the new version number.

    Raises:
        SaveConflict: The section's current version is not ``base_version`` (someone
            saved in between); nothing is stored.
    """
    try:
        with db.session() as session:
            report = _report_row(session, actor, report_id)
            text = _clean(text)
            row = session.scalar(select(r.ReportSection).where(r.ReportSection.report_id == report_id,
                                                               r.ReportSection.key == key))  # fmt: skip
            if row is None:
                if base_version != 0:
                    raise ReportError("section_unknown", section=key)
                row = r.ReportSection(report_id=report_id, key=key, text=text, version=1, updated_by=actor.username)
                session.add(row)
                session.flush()  # a concurrent first save hits the unique constraint here
                before = ""
            else:
                if row.text == text and row.version == base_version:
                    return row.version
                before = row.text
                # compare-and-swap: only the writer whose base is current moves the version on
                result = session.execute(
                    update(r.ReportSection)
                    .where(r.ReportSection.id == row.id, r.ReportSection.version == base_version)
                    .values(text=text, version=base_version + 1, updated_by=actor.username)
                    .execution_options(synchronize_session=False)
                )
                if getattr(result, "rowcount", 0) != 1:
                    session.refresh(row)
                    raise SaveConflict(key, mine=text, theirs=row.text, their_version=row.version,
                                       their_author=row.updated_by)  # fmt: skip
            version = base_version + 1
            session.add(r.ReportSectionVersion(section_id=row.id, version=version, text=text, saved_by=actor.username))
            record_event(session, actor, "report.section.save", entity="report_section", entity_id=row.id,
                         scan_id=report.scan_id, before={"key": key, "version": base_version, "chars": len(before)},
                         after={"key": key, "version": version, "chars": len(text)})  # fmt: skip
            return version
    except IntegrityError as exc:
        current = get_section(db, actor, report_id, key)
        raise SaveConflict(key, mine=text, theirs=current.text, their_version=current.version,
                           their_author=current.updated_by) from exc  # fmt: skip


def section_versions(db: Database, actor: Actor, report_id: int, key: str) -> list[VersionView]:
    """Every saved version of a section, newest first."""
    with db.session() as session:
        _report_row(session, actor, report_id)
        rows = session.execute(
            select(r.ReportSectionVersion)
            .join(r.ReportSection, r.ReportSection.id == r.ReportSectionVersion.section_id)
            .where(r.ReportSection.report_id == report_id, r.ReportSection.key == key)
            .order_by(r.ReportSectionVersion.version.desc())
        ).scalars()
        return [VersionView(v.version, v.text, v.saved_by, v.saved_at) for v in rows]


# --- items: quotes, figures, sentences ---------------------------------------------
def _item_view(row: r.ReportItem) -> ItemView:
    return ItemView(
        row.id, row.section_key, row.kind, row.fragment_id, row.quote_id, row.survey_id, list(row.question_codes or []),
        row.display_text, row.caption, dict(row.numbers or {}), row.consent, row.attribution,
    )  # fmt: skip


def list_items(db: Database, actor: Actor, report_id: int) -> dict[int, ItemView]:
    with db.session() as session:
        _report_row(session, actor, report_id)
        rows = session.scalars(select(r.ReportItem).where(r.ReportItem.report_id == report_id)).all()
        return {row.id: _item_view(row) for row in rows}


def insert_quote(
    db: Database, actor: Actor, report_id: int, section_key: str, fragment_id: int, *, pillar: str, theme: str | None
) -> ItemView:
    """Put a fragment into a section as a quote (through the quote basket, whose rules apply).

    The basket's quote under this pillar and theme is reused when it exists, so its
    display version, PII waivers and consent rules hold in the report too.
    """
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        fragment_scan = session.scalar(select(s.Fragment.scan_id).where(s.Fragment.id == fragment_id))
        if fragment_scan is not None:  # an unknown fragment is refused by the basket
            _require_in_scan(actor, report, fragment_scan, "Fragment", fragment_id)
        quote_id = session.scalar(
            select(s.Quote.id).where(
                s.Quote.scan_id == report.scan_id, s.Quote.fragment_id == fragment_id, s.Quote.pillar == pillar,
                s.Quote.theme.is_(None) if theme is None else s.Quote.theme == theme,
            )
        )  # fmt: skip
    if quote_id is None:
        quote_id = quote_service.add_quote(db, actor, fragment_id, pillar, theme)
    view = quote_service.get_quote(db, actor, quote_id)
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        row = r.ReportItem(
            report_id=report_id, section_key=section_key, kind="quote", fragment_id=fragment_id, quote_id=quote_id,
            display_text=view.display_text, consent=view.consent, attribution=view.attribution,
            created_by=actor.username,
        )  # fmt: skip
        session.add(row)
        session.flush()
        record_event(session, actor, "report.item.add", entity="report_item", entity_id=row.id,
                     scan_id=report.scan_id, after={"kind": "quote", "fragment_id": fragment_id, "quote_id": quote_id,
                                                    "section": section_key})  # fmt: skip
        return _item_view(row)


def insert_survey_item(
    db: Database,
    actor: Actor,
    report_id: int,
    section_key: str,
    *,
    kind: str,
    survey_id: int,
    codes: list[str],
    caption: str = "",
) -> ItemView:
    """Insert a survey chart (``figure``) or a generated figure sentence (``sentence``).

    The numbers behind it (n and counts per option, and the sentence's count and
    share) are stored now, so a later change of the survey data is flagged.
    """
    from models.report_figures import survey_numbers

    with db.session() as session:
        report = _report_row(session, actor, report_id)
        _require_in_scan(actor, report, session.scalar(select(s.Survey.scan_id).where(s.Survey.id == survey_id)),
                         "Enquête", survey_id)  # fmt: skip
    if kind not in ("figure", "sentence"):
        raise ValueError(kind)
    if not codes:
        raise ReportError("no_question")
    numbers = survey_numbers(db, actor, survey_id, codes)
    display = numbers.get("sentence", "") if kind == "sentence" else ""
    if kind == "sentence" and not display:
        raise ReportError("no_sentence", question=codes[0])
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        row = r.ReportItem(
            report_id=report_id, section_key=section_key, kind=kind, survey_id=survey_id, question_codes=list(codes),
            display_text=display, caption=caption.strip() or numbers.get("title", ""), numbers=numbers,
            created_by=actor.username,
        )  # fmt: skip
        session.add(row)
        session.flush()
        record_event(session, actor, "report.item.add", entity="report_item", entity_id=row.id,
                     scan_id=report.scan_id, after={"kind": kind, "survey_id": survey_id, "codes": list(codes),
                                                    "section": section_key})  # fmt: skip
        return _item_view(row)


def refresh_item(db: Database, actor: Actor, item_id: int) -> None:
    """Take over the current numbers (and sentence, display text) after the analyst saw what changed."""
    from models.report_figures import survey_numbers

    with db.session() as session:
        row = session.get(r.ReportItem, item_id)
        if row is None:
            raise ReportError("item_not_found", id=item_id)
        report = _report_row(session, actor, row.report_id)
        survey_id, codes, quote_id, kind = row.survey_id, list(row.question_codes or []), row.quote_id, row.kind
    numbers: dict[str, Any] = {}
    quote = None
    if kind in ("figure", "sentence") and survey_id is not None:
        numbers = survey_numbers(db, actor, survey_id, codes)
    elif kind == "quote" and quote_id is not None:
        quote = quote_service.get_quote(db, actor, quote_id)
    with db.session() as session:
        row = session.get(r.ReportItem, item_id)
        assert row is not None
        before = {"numbers": row.numbers, "display_text": row.display_text, "consent": row.consent}
        if numbers:
            row.numbers = numbers
            if kind == "sentence":
                row.display_text = str(numbers.get("sentence", row.display_text))
        if quote is not None:
            row.display_text, row.consent, row.attribution = quote.display_text, quote.consent, quote.attribution
        record_event(session, actor, "report.item.refresh", entity="report_item", entity_id=item_id,
                     scan_id=report.scan_id, before=before,
                     after={"numbers": row.numbers, "display_text": row.display_text, "consent": row.consent})  # fmt: skip


# --- recommendations ---------------------------------------------------------------
def list_recommendations(db: Database, actor: Actor, report_id: int) -> list[RecommendationView]:
    """All recommendations numbered 1 … n across the report (pillar order of the codebook, then position)."""
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        scan = session.get(s.Scan, report.scan_id)
        assert scan is not None
        order = [p.code for p in codebook_data(session, scan.codebook_id).pillars]
        rows = session.scalars(select(r.ReportRecommendation).where(r.ReportRecommendation.report_id == report_id)).all()
    rows = sorted(rows, key=lambda x: (order.index(x.pillar) if x.pillar in order else 99, x.position, x.id))
    return [
        RecommendationView(row.id, number, row.pillar, row.title, row.text, row.library_key, list(row.evidence or []))
        for number, row in enumerate(rows, start=1)
    ]


def _check_evidence(
    session: Session, actor: Actor, report: r.Report, evidence: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """The evidence as stored; a fragment or item must be of the report's scan (checked like what is inserted)."""
    out = []
    for item in evidence or []:
        kind, ident = str(item.get("kind", "")), item.get("id")
        if kind not in ("fragment", "item", "section") or ident in (None, ""):
            raise ReportError("evidence", value=str(item)[:60])
        if kind in ("fragment", "item"):
            if not str(ident).isdigit():
                raise ReportError("evidence", value=str(item)[:60])
            query = (select(s.Fragment.scan_id).where(s.Fragment.id == int(str(ident))) if kind == "fragment" else
                     select(r.Report.scan_id).join(r.ReportItem).where(r.ReportItem.id == int(str(ident))))  # fmt: skip
            found = session.scalar(query)
            if found is None:
                raise ReportError("evidence", value=str(item)[:60])
            _require_in_scan(actor, report, found, "Fragment" if kind == "fragment" else "Onderdeel", ident)
        out.append({"kind": kind, "id": ident})
    return out


def add_recommendation(
    db: Database, actor: Actor, report_id: int, *, pillar: str, title: str, text: str = "",
    library_key: str | None = None, evidence: list[dict[str, Any]] | None = None,
) -> int:  # fmt: skip
    """Add a recommendation at the end of its pillar; returns its id."""
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        title = " ".join(title.split())
        if not title:
            raise ReportError("recommendation_empty")
        checked = _check_evidence(session, actor, report, evidence)
        scan = session.get(s.Scan, report.scan_id)
        assert scan is not None
        if pillar not in [p.code for p in codebook_data(session, scan.codebook_id).pillars]:
            raise ReportError("pillar", pillar=pillar)
        last = session.scalar(select(func.max(r.ReportRecommendation.position)).where(
            r.ReportRecommendation.report_id == report_id, r.ReportRecommendation.pillar == pillar))  # fmt: skip
        row = r.ReportRecommendation(
            report_id=report_id, pillar=pillar, title=title, text=text.replace("\r\n", "\n").strip(),
            position=(last if last is not None else -1) + 1, library_key=library_key, evidence=checked,
            created_by=actor.username,
        )  # fmt: skip
        session.add(row)
        session.flush()
        record_event(session, actor, "report.recommendation.add", entity="report_recommendation", entity_id=row.id,
                     scan_id=report.scan_id, after={"pillar": pillar, "title": title, "library_key": library_key,
                                                    "evidence": checked})  # fmt: skip
        return row.id


def update_recommendation(db: Database, actor: Actor, recommendation_id: int, **changes: Any) -> None:
    """Change title, text, pillar or evidence of a recommendation."""
    with db.session() as session:
        row = session.get(r.ReportRecommendation, recommendation_id)
        if row is None:
            raise ReportError("recommendation_not_found", id=recommendation_id)
        report = _report_row(session, actor, row.report_id)
        before = {k: getattr(row, k) for k in changes}
        for key, value in changes.items():
            if key == "title":
                value = " ".join(str(value).split())
                if not value:
                    raise ReportError("recommendation_empty")
            elif key == "text":
                value = str(value).replace("\r\n", "\n").strip()
            elif key == "evidence":
                value = _check_evidence(session, actor, report, value)
            elif key != "pillar":
                raise ValueError(key)
            setattr(row, key, value)
        record_event(session, actor, "report.recommendation.edit", entity="report_recommendation",
                     entity_id=recommendation_id, scan_id=report.scan_id, before=before,
                     after={k: getattr(row, k) for k in changes})  # fmt: skip


def move_recommendation(db: Database, actor: Actor, recommendation_id: int, direction: int) -> None:
    """Swap a recommendation with its neighbour within its pillar (``-1`` up, ``+1`` down)."""
    with db.session() as session:
        row = session.get(r.ReportRecommendation, recommendation_id)
        if row is None:
            raise ReportError("recommendation_not_found", id=recommendation_id)
        report = _report_row(session, actor, row.report_id)
        group = list(session.scalars(select(r.ReportRecommendation).where(
            r.ReportRecommendation.report_id == row.report_id, r.ReportRecommendation.pillar == row.pillar,
        ).order_by(r.ReportRecommendation.position, r.ReportRecommendation.id)))  # fmt: skip
        for i, other in enumerate(group):
            other.position = i
        index = group.index(row)
        target = index + direction
        if not 0 <= target < len(group):
            return
        row.position, group[target].position = group[target].position, row.position
        record_event(session, actor, "report.recommendation.move", entity="report_recommendation",
                     entity_id=recommendation_id, scan_id=report.scan_id, after={"position": row.position})  # fmt: skip


def remove_recommendation(db: Database, actor: Actor, recommendation_id: int) -> None:
    with db.session() as session:
        row = session.get(r.ReportRecommendation, recommendation_id)
        if row is None:
            return
        report = _report_row(session, actor, row.report_id)
        record_event(session, actor, "report.recommendation.remove", entity="report_recommendation",
                     entity_id=recommendation_id, scan_id=report.scan_id,
                     before={"pillar": row.pillar, "title": row.title})  # fmt: skip
        session.delete(row)


def report_id_for_scan(db: Database, actor: Actor, scan_id: int) -> int | None:
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        return session.scalar(select(r.Report.id).where(r.Report.scan_id == scan_id))


def t_kind(kind: str) -> str:
    """The Dutch name of an item kind."""
    return t(f"report.kind.{kind}")
