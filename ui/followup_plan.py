"""The action plan's table editor and its downloads (the page ``pages/followup.py`` draws it)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.action_plan import STATUSES, ActionView, export_docx, export_xlsx, list_actions, overview, update_action
from models.auth import Actor
from models.db import Database
from texts import WeerbaarError, dutch_date, t
from ui.safe import md

COLUMNS = ("number", "pillar", "title", "owner_role", "owner_name", "deadline", "status", "notes")
EDITABLE = ("owner_role", "owner_name", "deadline", "status", "notes")


def _frame(actions: list[ActionView]) -> pd.DataFrame:
    rows = [{column: getattr(a, column) or "" for column in COLUMNS} for a in actions]
    for row in rows:  # the deadline reads and is typed as dd-mm-jjjj; the model stores ISO
        row["deadline"] = dutch_date(row["deadline"]) if row["deadline"] else ""
    return pd.DataFrame(rows, columns=list(COLUMNS), index=[a.id for a in actions])


def plan_editor(db: Database, actor: Actor, scan_id: int, pillars: list[str], *, names: bool) -> None:
    """Edit owner, deadline, status and notes of every action; save changes row by row (each logged)."""
    actions = list_actions(db, actor, scan_id)
    if not actions:
        st.info(t("followup.page.no_actions"))
        return
    frame = _frame(actions)
    config = {
        "number": st.column_config.NumberColumn(t("followup.col.number"), disabled=True, width="small"),
        "pillar": st.column_config.TextColumn(t("followup.col.pillar"), disabled=True, width="small"),
        "title": st.column_config.TextColumn(t("followup.col.recommendation"), disabled=True, width="large"),
        "owner_role": st.column_config.TextColumn(t("followup.col.owner"), max_chars=200),
        "owner_name": st.column_config.TextColumn(t("followup.col.owner_name"), disabled=not names, max_chars=200),
        "deadline": st.column_config.TextColumn(t("followup.col.deadline"), help=t("followup.page.deadline_help")),
        "status": st.column_config.SelectboxColumn(t("followup.col.status"), options=list(STATUSES), required=True),
        "notes": st.column_config.TextColumn(t("followup.col.notes"), max_chars=5000, width="large"),
    }
    edited = st.data_editor(frame, column_config=config, hide_index=True, num_rows="fixed", key="followup_plan_editor",
                            width="stretch")  # fmt: skip
    if st.button(t("followup.page.save"), key="followup_plan_save", type="primary"):
        saved, errors = 0, []
        for action_id, row in edited.iterrows():
            changes = {c: str(row[c] or "") for c in EDITABLE if str(row[c] or "") != str(frame.at[action_id, c] or "")}
            if not names:
                changes.pop("owner_name", None)
            if not changes:
                continue
            try:
                update_action(db, actor, int(str(action_id)), **changes)
                saved += 1
            except WeerbaarError as exc:
                errors.append(t("followup.page.row_error", number=row["number"], message=exc.message()))
        for error in errors:
            st.error(md(error))
        if saved:
            st.success(t("followup.page.saved", count=saved))
    st.subheader(t("followup.page.overview"))
    table = [{t("followup.col.pillar"): row.pillar, **{t(f"followup.status.{k}"): v for k, v in row.counts.items()},
              t("followup.page.total"): row.total} for row in overview(actions, pillars)]  # fmt: skip
    st.dataframe(pd.DataFrame(table), hide_index=True, key="followup_plan_overview")
    left, right = st.columns(2)
    left.download_button(t("followup.page.xlsx"), data=lambda: export_xlsx(db, actor, scan_id), file_name="actieplan.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key="followup_plan_xlsx", on_click="ignore")  # fmt: skip
    right.download_button(t("followup.page.docx"), data=lambda: export_docx(db, actor, scan_id),
                          file_name="bijlage-actieplan.docx",
                          mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          key="followup_plan_docx", on_click="ignore")  # fmt: skip
