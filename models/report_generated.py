"""The generated parts of the report: Onderzoeksopzet from the scan's numbers, and the
appendices (studied documents, survey questions, respondents by role, the codebook).

Each generator returns *blocks*: ``("p", text)`` paragraphs, ``("bullet", text)``
list items and ``("table", rows)`` tables with a header row. The page shows them, the
export writes them. Nothing here is written by hand; the analyst adds their own text
in the written section beside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import schema as s
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.errors import NotFound
from models.report_figures import survey_totals
from models.status import INTERVIEW_KINDS, InterviewKind
from texts import dutch_date, t

Block = tuple[str, Any]


@dataclass
class ScanFacts:
    """The numbers the Onderzoeksopzet states."""

    organisation: str
    measurement: str
    period: str
    individual: int
    group: int
    respondents: int
    roles: list[tuple[str, int]] = field(default_factory=list)
    departments: list[tuple[str, int]] = field(default_factory=list)
    survey_respondents: int = 0
    survey_questions: list[str] = field(default_factory=list)
    documents: list[dict[str, str]] = field(default_factory=list)
    dates: tuple[str, str] | None = None


def scan_facts(db: Database, actor: Actor, scan_id: int) -> ScanFacts:
    """Interviews (individual/group), the interviewed respondents by role and department,
    the period, the kind of measurement, survey respondents and studied documents."""
    actor.require("report", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        interviews = session.scalars(
            select(s.Interview)
            .where(s.Interview.scan_id == scan_id, s.Interview.kind.in_(INTERVIEW_KINDS))
            .options(selectinload(s.Interview.participants))
        ).all()
        people: dict[int, s.Respondent] = {}
        for interview in interviews:
            for person in interview.participants:
                people[person.id] = person
        kinds = Counter(interview.kind for interview in interviews)
        dates = sorted(i.date for i in interviews if i.date)
        roles = Counter(p.role.strip() for p in people.values() if p.role.strip())
        departments = Counter(p.department.strip() for p in people.values() if p.department.strip())
        facts = ScanFacts(
            organisation=scan.organisation, measurement=scan.measurement, period=scan.period,
            individual=kinds.get(InterviewKind.INDIVIDUAL, 0), group=kinds.get(InterviewKind.GROUP, 0), respondents=len(people),
            roles=sorted(roles.items(), key=lambda kv: kv[0].casefold()),
            departments=sorted(departments.items(), key=lambda kv: (-kv[1], kv[0].casefold())),
            dates=(dates[0], dates[-1]) if dates else None,
        )  # fmt: skip
    facts.survey_respondents, facts.survey_questions = survey_totals(db, actor, scan_id)
    if actor.can("documents", scan_id):
        from models.checklist import appendix_rows

        facts.documents = appendix_rows(db, actor, scan_id)
    return facts


def outline_values(db: Database, actor: Actor, scan_id: int) -> dict[str, object]:
    """Values the template's titles may use: organisation, measurement, respondents (n)."""
    facts = scan_facts(db, actor, scan_id)
    return {"organisation": facts.organisation, "measurement": facts.measurement.capitalize(),
            "respondents": facts.respondents}  # fmt: skip


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def research_design(facts: ScanFacts) -> list[Block]:
    """The Onderzoeksopzet's numbers as paragraphs, in the seed's order: documents, survey, interviews."""
    blocks: list[Block] = []
    kind = t(f"report.design.measurement.{facts.measurement}") if facts.measurement in ("nulmeting", "vervolgmeting") \
        else facts.measurement  # fmt: skip
    blocks.append(("p", t("report.design.intro", organisation=facts.organisation, measurement=kind)))
    if facts.documents:
        blocks.append(("p", t("report.design.documents", count=_count(len(facts.documents), "document", "documenten"))))
    if facts.survey_respondents:
        blocks.append(("p", t("report.design.survey", n=facts.survey_respondents)))
    total = facts.individual + facts.group
    if total:
        blocks.append(("p", t(
            "report.design.interviews",
            interviews=_count(total, "gesprek", "gesprekken"),
            individual=_count(facts.individual, "individueel gesprek", "individuele gesprekken"),
            group=_count(facts.group, "groepsgesprek", "groepsgesprekken"),
            respondents=facts.respondents,
        )))  # fmt: skip
    else:
        blocks.append(("p", t("report.design.no_interviews")))
    period = facts.period or (f"{dutch_date(facts.dates[0])} – {dutch_date(facts.dates[1])}" if facts.dates else "")
    if period:
        blocks.append(("p", t("report.design.period", period=period)))
    if facts.departments:
        listed = ", ".join(f"{name} ({n})" for name, n in facts.departments)
        blocks.append(("p", t("report.design.departments", departments=listed)))
    return blocks


def appendix(generator: str, facts: ScanFacts, db: Database, actor: Actor, scan_id: int) -> list[Block]:
    """The blocks of one generated appendix (or of the Onderzoeksopzet)."""
    if generator == "research_design":
        return research_design(facts)
    if generator == "documents":
        if not facts.documents:
            return [("p", t("report.appendix.no_documents"))]
        header = [t("report.appendix.doc.title"), t("report.appendix.doc.kind"), t("report.appendix.doc.owner"),
                  t("report.appendix.doc.date")]  # fmt: skip
        return [
            (
                "table",
                [header]
                + [
                    [d["title"], d["kind"], d["owner"], dutch_date(d["date"]) if d["date"] else ""]
                    for d in facts.documents
                ],
            )
        ]
    if generator == "survey_questions":
        if not facts.survey_questions:
            return [("p", t("report.appendix.no_survey"))]
        return [("bullet", text) for text in facts.survey_questions]
    if generator == "respondents":
        if not facts.roles:
            return [("p", t("report.appendix.no_respondents"))]
        blocks: list[Block] = []
        for role, n in facts.roles:
            blocks.extend(("bullet", role) for _ in range(n))  # one line per respondent, as in the seed
        return blocks
    if generator == "codebook":
        with db.session() as session:
            scan = session.get(s.Scan, scan_id)
            assert scan is not None
            codebook = codebook_data(session, scan.codebook_id)
        rows = [[t("report.appendix.code"), t("report.appendix.code_name"), t("report.appendix.code_description")]]
        for pillar in codebook.pillars:
            rows.append([pillar.code, pillar.name, pillar.description])
            rows.extend([theme.code, theme.name, theme.description] for theme in pillar.themes)
        return [("table", rows)]
    if generator == "followup":  # "Ontwikkeling sinds de nulmeting" (issue 18)
        from models.followup_report import development_blocks

        return development_blocks(db, actor, scan_id)
    raise ValueError(generator)
