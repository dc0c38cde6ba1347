"""Actieplan en vervolgmeting: the action plan of a nulmeting, and a vervolgmeting compared with it.

On a nulmeting: the action plan (recommendations → actions, table editor, overview per
pillar, Excel and Word downloads) and creating its vervolgmeting. On a vervolgmeting: the
comparison per pillar, matching changed statements, and the nulmeting's action plan.
"""

from __future__ import annotations

import streamlit as st

from models import action_plan, action_sync
from models.comparison import compare_scans
from models.content import load_codebook
from models.followup import create_followup, recorded_actions, snapshot_actions
from models.schema import Scan
from texts import WeerbaarError, t
from ui.followup_compare import comparison_view, matching_view
from ui.followup_plan import plan_editor
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db, scan_or_stop


def _plan(scan: Scan) -> None:
    db, actor = get_db(), current_actor()
    if st.button(t("followup.page.sync"), key="followup_sync"):
        try:
            created = action_sync.sync_from_report(db, actor, scan.id)
        except WeerbaarError as exc:
            st.error(md(exc.message()))
        else:
            st.success(t("followup.page.synced", count=created))
    pillars = [p.code for p in load_codebook(db, scan.codebook_id).pillars]
    plan_editor(db, actor, scan.id, pillars, names=actor.can(action_plan.OWNER_NAME, scan.id))


def _snapshot(scan: Scan) -> None:
    """On a vervolgmeting: the date of the plan's recorded status, and taking it again."""
    db, actor = get_db(), current_actor()
    recorded = recorded_actions(db, actor, scan.id)
    st.caption(t("followup.page.snapshot_help"))
    if recorded is not None:
        st.info(t("followup.page.snapshot_as_of", date=recorded[1]))
    if st.button(t("followup.page.snapshot"), key="followup_snapshot"):
        st.success(t("followup.page.snapshot_done", count=snapshot_actions(db, actor, scan.id)))


def _create(scan: Scan) -> None:
    db, actor = get_db(), current_actor()
    st.caption(t("followup.page.create_help"))
    if not actor.can("scan.create"):
        st.info(t("followup.page.create_admin"))
        return
    with st.form("followup_create_form"):
        name = st.text_input(t("followup.page.name"), value=f"{scan.name}-vervolg", key="followup_create_name")
        period = st.text_input(t("followup.page.period"), key="followup_create_period")
        submitted = st.form_submit_button(t("followup.page.create"))
    if submitted:
        try:
            create_followup(db, actor, scan.id, name=name, period=period)
        except WeerbaarError as exc:
            st.error(md(exc.message()))
        else:
            st.success(t("followup.page.created", name=md(name)))


def main() -> None:
    st.header(t("followup.page.title"))
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("scans.none"))
        return
    scan = scan_or_stop(scan_id)
    db, actor = get_db(), current_actor()
    if not actor.can(action_plan.EDIT, scan_id):
        st.warning(t("followup.page.no_access"))
        return
    try:
        if scan.baseline_scan_id is None:
            plan_tab, create_tab = st.tabs([t("followup.page.tab_plan"), t("followup.page.tab_create")])
            with plan_tab:
                _plan(scan)
            with create_tab:
                _create(scan)
            return
        baseline = scan_or_stop(scan.baseline_scan_id)
        compare_tab, match_tab, plan_tab = st.tabs(
            [t("followup.page.tab_compare"), t("followup.page.tab_match"), t("followup.page.tab_baseline_plan")]
        )
        with compare_tab:
            comparison_view(compare_scans(db, actor, scan_id, baseline.id))
        with match_tab:
            matching_view(db, actor, scan_id, baseline.id)
        with plan_tab:
            _snapshot(scan)
            _plan(baseline)
    except WeerbaarError as exc:
        st.error(md(exc.message()))


main()
