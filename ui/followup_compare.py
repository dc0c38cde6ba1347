"""The comparison per pillar and the statement matching (the page ``pages/followup.py`` draws them).

User text (statements, labels, notes) is shown with ``st.text`` / tables, never as markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.compare import change_sentence
from models.auth import Actor
from models.comparison import Comparison, decide_match, match_proposals
from models.db import Database
from texts import WeerbaarError, t
from ui.followup_charts import statement_figure, theme_figure
from ui.safe import md


def _statements(comparison: Comparison, index: int) -> None:
    pillar = comparison.pillars[index]
    for number, item in enumerate(pillar.statements):
        st.plotly_chart(statement_figure(item), key=f"followup_stmt_{index}_{number}", width="stretch")
        st.text(change_sentence(item))
        if item.after_text:
            st.text(t("followup.page.reworded", text=item.after_text))
        if item.chi_square is not None and item.chi_square.warning:
            st.text(t("followup.page.small_expected", cells=item.chi_square.small_expected))


def _themes(comparison: Comparison, index: int) -> None:
    pillar = comparison.pillars[index]
    shown = [x for x in pillar.themes if x.before.fragments or x.after.fragments]
    if not shown:
        return
    st.plotly_chart(theme_figure(shown, comparison.theme_names, comparison.interviews_before,
                                 comparison.interviews_after), key=f"followup_themes_{index}", width="stretch")  # fmt: skip
    rows = [{
        t("followup.col.theme"): comparison.theme_names.get(x.theme, x.theme),
        t("followup.col.per_interview_before"): round(x.before.per_interview, 2),
        t("followup.col.per_interview_after"): round(x.after.per_interview, 2),
        t("followup.col.share_before"): round(x.before.share_of_interviews),
        t("followup.col.share_after"): round(x.after.share_of_interviews),
    } for x in shown]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"followup_themes_table_{index}")


def comparison_view(comparison: Comparison) -> None:
    """Per pillar: statements side by side with their sentence, themes, checklist and actions."""
    st.text(t("followup.cli.title", scan=comparison.scan, baseline=comparison.baseline,
              before=comparison.interviews_before, after=comparison.interviews_after))  # fmt: skip
    for note in comparison.instrument_notes:
        st.warning(md(note))
    if comparison.pending_matches:
        st.info(t("followup.cli.pending", count=len(comparison.pending_matches)))
    for index, pillar in enumerate(comparison.pillars):
        with st.expander(md(f"{pillar.pillar} — {pillar.name}".strip(" —")), expanded=index == 0):
            if not (pillar.statements or pillar.themes or pillar.checklist or pillar.actions):
                st.caption(t("followup.page.nothing"))
            _statements(comparison, index)
            _themes(comparison, index)
            moved = [m for m in pillar.checklist if m.direction != "gelijk"]
            if moved:
                st.dataframe(pd.DataFrame([{
                    t("followup.col.instrument"): m.label, t("followup.col.before"): m.before or "–",
                    t("followup.col.after"): m.after or "–", t("followup.col.direction"): t(f"followup.direction.{m.direction}"),
                } for m in moved]), hide_index=True, key=f"followup_checklist_{index}")  # fmt: skip
            if pillar.actions:
                st.dataframe(pd.DataFrame([{
                    t("followup.col.number"): a.number, t("followup.col.recommendation"): a.title,
                    t("followup.col.status"): t(f"followup.status.{a.status}"),
                } for a in pillar.actions]), hide_index=True, key=f"followup_actions_{index}")  # fmt: skip


def matching_view(db: Database, actor: Actor, scan_id: int, baseline_id: int) -> None:
    """Changed wordings proposed by similarity: the analyst confirms or rejects each (nothing is matched silently)."""
    found = match_proposals(db, actor, scan_id, baseline_id)
    st.caption(t("followup.page.matches_auto", count=len(found["pairs"])))
    if not found["pending"]:
        st.info(t("followup.page.no_pending"))
    for number, proposal in enumerate(found["pending"]):
        with st.container(border=True):
            st.text(t("followup.page.match_before", text=found["before"][proposal.before].text))
            st.text(t("followup.page.match_after", text=found["after"][proposal.after].text))
            st.caption(t("followup.page.match_score", score=round(100 * proposal.score)))
            yes, no = st.columns(2)
            for column, confirmed, label in ((yes, True, "followup.page.confirm"), (no, False, "followup.page.reject")):
                if column.button(t(label), key=f"followup_match_{number}_{int(confirmed)}"):
                    try:
                        decide_match(db, actor, scan_id, proposal.before, proposal.after, confirmed=confirmed)
                    except WeerbaarError as exc:
                        st.error(md(exc.message()))
                    else:
                        st.rerun()
