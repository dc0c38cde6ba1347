"""The action plan made from the report: every numbered recommendation becomes an action.

Apart from :mod:`models.action_plan` because it reads the report (:mod:`models.reports`),
whose follow-up chapter in turn shows the action plan (``reports`` → ``report_generated`` →
``followup_report`` → ``comparison`` → ``action_plan``): here neither imports the other back.
"""

from __future__ import annotations

from models.action_plan import EDIT, RecommendationRef, sync_actions
from models.auth import Actor
from models.db import Database
from models.errors import InputError
from models.reports import list_recommendations, report_id_for_scan
from texts import t


def sync_from_report(db: Database, actor: Actor, scan_id: int) -> int:
    """Make the action plan from the scan's report: every numbered recommendation becomes an action.

    Returns the number of new actions; raises a Dutch :class:`InputError` when the
    scan has no report or the report no recommendations yet.
    """
    actor.require(EDIT, scan_id)
    report_id = report_id_for_scan(db, actor, scan_id)
    recommendations = list_recommendations(db, actor, report_id) if report_id is not None else []
    if not recommendations:
        raise InputError(t("followup.error.no_recommendations"))
    refs = [RecommendationRef(r.id, r.number, r.pillar, r.title) for r in recommendations]
    return sync_actions(db, actor, scan_id, refs)
