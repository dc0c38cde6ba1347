"""The data behind the charts and the Word report: accepted codes per fragment, and the legend."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import or_, select

from models import schema as s
from models.auth import Actor
from models.db import Database
from models.decisions import pillar_of, scan_codes
from models.status import CodingStatus, FragmentStatus

CHART_COLUMNS: tuple[str, ...] = ("fragment_id", "interview", "role", "department", "pillar", "theme")


def coded_frame(db: Database, actor: Actor, scan_id: int, *, include_suggestions: bool = False) -> pd.DataFrame:
    """Coded fragments of a scan, one row per (fragment, pillar, theme), for :mod:`coding.charts`.

    Only accepted working codings count, unless ``include_suggestions`` adds
    the open top suggestion of fragments still waiting for review. A pillar
    with themes on a fragment gives one row per theme; a pillar without
    themes gives one row with ``theme`` ``None``.
    """
    actor.require("scan.view", scan_id)
    statuses = [CodingStatus.ACCEPTED, CodingStatus.SUGGESTED] if include_suggestions else [CodingStatus.ACCEPTED]
    with db.session() as session:
        rows = session.execute(
            select(
                s.Coding.fragment_id,
                s.Code.code,
                s.Coding.status,
                s.Fragment.top_pillar,
                s.Fragment.top_theme,
                s.Interview.title,
                s.Respondent.role,
                s.Respondent.department,
            )
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .outerjoin(s.Respondent, s.Respondent.id == s.Turn.respondent_id)
            .where(
                s.Fragment.scan_id == scan_id,
                s.Coding.round_id.is_(None),
                s.Coding.status.in_(statuses),
                or_(s.Coding.status == CodingStatus.ACCEPTED, s.Fragment.status == FragmentStatus.SUGGESTED),
            )
            .order_by(s.Coding.fragment_id, s.Coding.id)
        ).all()
    info: dict[int, tuple[str, str | None, str | None]] = {}
    codes: dict[int, dict[str, list[str]]] = {}
    for fid, code, status, top_pillar, top_theme, title, role, department in rows:
        if status == CodingStatus.SUGGESTED and code not in (top_pillar, top_theme):
            continue
        info[fid] = (title, role, department or None)
        themes = codes.setdefault(fid, {}).setdefault(pillar_of(code), [])
        if "." in code and code not in themes:
            themes.append(code)
    records = [
        {
            "fragment_id": fid,
            "interview": info[fid][0],
            "role": info[fid][1],
            "department": info[fid][2],
            "pillar": pillar,
            "theme": theme,
        }
        for fid, pillars in codes.items()
        for pillar, themes in pillars.items()
        for theme in (list[str | None](themes) or [None])
    ]
    return pd.DataFrame(records, columns=list(CHART_COLUMNS))


def chart_legend(db: Database, actor: Actor, scan_id: int) -> tuple[dict[str, str], dict[str, str]]:
    """Names (code → Dutch name) and colours (pillar code → colour) of the scan's codebook."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        rows = scan_codes(session, scan_id)
    names = {code: row.name for code, row in rows.items()}
    colors = {code: row.color for code, row in rows.items() if row.parent_id is None}
    return names, colors
