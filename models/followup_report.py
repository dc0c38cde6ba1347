"""The follow-up report's chapter "Ontwikkeling sinds de nulmeting", built from the comparison (issue 18).

:func:`development_blocks` returns the report's generated *blocks* (``("p", text)``,
``("bullet", text)``, ``("table", rows)``, see :mod:`models.report_generated`): per pillar
the statements' change sentences, the themes per interview, the checklist instruments that
moved, and the status of the nulmeting's recommendations in the action plan.
"""

from __future__ import annotations

from typing import Any

from coding.compare import change_sentence
from models import schema as s
from models.auth import Actor
from models.comparison import compare_scans
from models.db import Database
from texts import t

Block = tuple[str, Any]


def _decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def development_blocks(db: Database, actor: Actor, scan_id: int) -> list[Block]:
    """The chapter's blocks; a nulmeting gets one sentence saying there is nothing to compare yet."""
    actor.require("report", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        baseline_id = scan.baseline_scan_id if scan is not None else None
    if baseline_id is None:
        return [("p", t("followup.report.no_baseline"))]
    comparison = compare_scans(db, actor, scan_id, baseline_id)
    blocks: list[Block] = [("p", t("followup.report.intro", baseline=comparison.baseline,
                                   before=comparison.interviews_before, after=comparison.interviews_after))]  # fmt: skip
    blocks.append(("p", t("followup.report.method")))
    blocks += [("p", note) for note in comparison.instrument_notes]
    for pillar in comparison.pillars:
        if not (pillar.statements or pillar.themes or pillar.checklist or pillar.actions):
            continue
        blocks.append(("p", t("followup.report.pillar", name=pillar.name)))
        blocks += [("bullet", change_sentence(item)) for item in pillar.statements]
        themes = [x for x in pillar.themes if x.before.fragments or x.after.fragments]
        if themes:
            rows = [[t("followup.col.theme"), t("followup.col.per_interview_before"),
                     t("followup.col.per_interview_after"), t("followup.col.share_before"),
                     t("followup.col.share_after")]]  # fmt: skip
            rows += [[comparison.theme_names.get(x.theme, x.theme), _decimal(x.before.per_interview),
                      _decimal(x.after.per_interview), f"{round(x.before.share_of_interviews)} %",
                      f"{round(x.after.share_of_interviews)} %"] for x in themes]  # fmt: skip
            blocks.append(("table", rows))
        blocks += [
            ("bullet", t("followup.report.checklist", label=m.label, before=m.before or "–", after=m.after or "–",
                         direction=t(f"followup.direction.{m.direction}")))
            for m in pillar.checklist if m.direction not in ("gelijk",)
        ]  # fmt: skip
        if pillar.actions:
            if comparison.actions_as_of:
                blocks.append(("p", t("followup.report.actions_as_of", date=comparison.actions_as_of)))
            rows = [[t("followup.col.number"), t("followup.col.recommendation"), t("followup.col.owner"),
                     t("followup.col.status")]]  # fmt: skip
            rows += [[str(a.number), a.title, a.owner_role, t(f"followup.status.{a.status}")] for a in pillar.actions]
            blocks.append(("table", rows))
    return blocks
