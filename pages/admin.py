"""Beheer (admin only): users and roles, the event log, backups and restores."""

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from models import users
from models.auth import ROLES, Actor
from models.backup import BackupError, backup, backup_dir, list_backups, restore
from models.cells import csv_bytes
from models.scans import list_scans
from texts import WeerbaarError, dutch_date, t
from ui.dutch import placeholder_many
from ui.safe import md
from ui.state import current_actor, get_db

db, actor = get_db(), current_actor()
st.title(t("admin.title"))
logged_in = isinstance(st.session_state.get("actor"), Actor)
if not actor.can("users.manage") or (users.users_configured(db) and not logged_in):
    st.error(t("admin.denied"))
    st.stop()


def _role_label(role: str) -> str:
    return t(f"role.{role}")


tab_users, tab_events, tab_backup = st.tabs([t("admin.tab.users"), t("admin.tab.events"), t("admin.tab.backup")])

# --- users -----------------------------------------------------------------------
with tab_users:
    all_users = users.list_users(db, actor)
    scans = {scan.id: scan.name for scan in list_scans(db, actor)}
    if all_users:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("admin.users.col.username"): u.username,
                        t("admin.users.col.name"): u.display_name,
                        t("admin.users.col.role"): _role_label(u.role),
                        t("admin.users.col.active"): u.active,
                        t("admin.users.col.scans"): ", ".join(scans.get(i, str(i)) for i in u.scan_ids),
                    }
                    for u in all_users
                ]
            ),
            hide_index=True,
            width="stretch",
            key="admin_users_table",
        )
    else:
        st.info(t("admin.users.none"))
        st.caption(t("admin.users.first_hint"))

    with st.expander(t("admin.users.new"), expanded=not all_users):
        with st.form("admin_new_user", clear_on_submit=True):
            new_username = st.text_input(t("admin.users.username"), key="admin_new_username")
            new_display = st.text_input(t("admin.users.display_name"), key="admin_new_display")
            new_password = st.text_input(t("admin.users.password"), type="password", key="admin_new_password")
            new_role = st.selectbox(
                t("admin.users.role"),
                ROLES,
                index=ROLES.index("admin") if not all_users else 0,
                format_func=_role_label,
                key="admin_new_role",
            )
            if st.form_submit_button(t("admin.users.create"), type="primary"):
                try:
                    users.create_user(db, actor, new_username, new_password, new_role, display_name=new_display)
                except WeerbaarError as exc:
                    st.error(md(exc.message()))
                else:
                    st.success(t("admin.users.created", username=md(new_username.strip())))
                    st.rerun()

    if all_users:
        st.subheader(t("admin.users.edit"))
        names = [u.username for u in all_users]
        chosen = st.selectbox(t("admin.users.choose"), names, key="admin_edit_user")
        user = next(u for u in all_users if u.username == chosen)
        with st.form("admin_edit_form"):
            role = st.selectbox(
                t("admin.users.role"),
                ROLES,
                index=ROLES.index(user.role),
                format_func=_role_label,
                key=f"admin_edit_role_{user.id}",
            )
            assigned = st.multiselect(
                t("admin.users.scans"),
                list(scans),
                default=[i for i in user.scan_ids if i in scans],
                format_func=lambda i: scans[i],
                key=f"admin_edit_scans_{user.id}",
                help=t("admin.users.admin_all_scans"),
                placeholder=placeholder_many(),
                select_all=False,
            )
            if st.form_submit_button(t("admin.users.save")):
                try:
                    users.set_role(db, actor, user.username, role)
                    for scan_id in scans:
                        users.assign_scan(db, actor, user.username, scan_id, assigned=scan_id in assigned)
                except WeerbaarError as exc:
                    st.error(md(exc.message()))
                else:
                    st.success(t("admin.users.saved", username=md(user.username)))
                    st.rerun()
        left, right = st.columns(2)
        with left, st.form("admin_reset_form", clear_on_submit=True):
            password = st.text_input(t("admin.users.new_password"), type="password", key="admin_reset_password")
            if st.form_submit_button(t("admin.users.reset")):
                try:
                    users.set_password(db, actor, user.username, password)
                except WeerbaarError as exc:
                    st.error(md(exc.message()))
                else:
                    st.success(t("admin.users.reset_done", username=md(user.username)))
        with right:
            label = t("admin.users.deactivate") if user.active else t("admin.users.activate")
            if st.button(label, key=f"admin_toggle_{user.id}"):
                try:
                    users.deactivate(db, actor, user.username, active=not user.active)
                except WeerbaarError as exc:
                    st.error(md(exc.message()))
                else:
                    done = "admin.users.deactivated" if user.active else "admin.users.activated"
                    st.success(t(done, username=md(user.username)))
                    st.rerun()

# --- event log ---------------------------------------------------------------------
with tab_events:
    actions, event_users = users.event_filters(db, actor)
    col_action, col_user, col_search, col_limit = st.columns([2, 2, 3, 1])
    action = col_action.selectbox(t("admin.events.filter_action"), ["", *actions], key="admin_events_action")
    who = col_user.selectbox(t("admin.events.filter_user"), ["", *event_users], key="admin_events_user")
    search = col_search.text_input(t("admin.events.filter_text"), key="admin_events_search")
    limit = int(col_limit.number_input(t("admin.events.limit"), 10, 100_000, 1000, step=100, key="admin_events_limit"))
    rows = users.event_rows(db, actor, action=action or None, user=who or None, search=search, limit=limit)
    if not rows:
        st.info(t("admin.events.none"))
    else:
        columns = ["at", "user", "action", "entity", "entity_id", "scan_id", "before", "after"]
        frame = pd.DataFrame(rows)[columns]
        frame["at"] = [dutch_date(value) for value in frame["at"]]  # the CSV below keeps ISO for machines
        frame = frame.rename(columns={c: t(f"admin.events.col.{c}") for c in columns})
        st.dataframe(frame, hide_index=True, width="stretch", key="admin_events_table")
        st.download_button(
            t("admin.events.export"),
            csv_bytes(pd.DataFrame(rows)),
            file_name=f"weerbaar-logboek-{datetime.now(UTC):%Y%m%d-%H%M%S}.csv",
            mime="text/csv",
            key="admin_events_export",
        )

# --- backup and restore -------------------------------------------------------------
with tab_backup:
    st.write(t("admin.backup.intro"))
    if st.button(t("admin.backup.make"), key="admin_backup_make", type="primary"):
        try:
            st.session_state["admin_backup_last"] = str(backup(db, actor=actor))
        except (WeerbaarError, BackupError) as exc:
            st.error(t("admin.error", error=md(exc)))
    last = st.session_state.get("admin_backup_last")
    if last and Path(last).exists():
        st.success(t("admin.backup.made", path=last))
        st.download_button(
            t("admin.backup.download"),
            Path(last).read_bytes(),
            file_name=Path(last).name,
            mime="application/octet-stream",
            key="admin_backup_download",
        )
    existing = list_backups()
    st.caption(t("admin.backup.list", folder=backup_dir()))
    if existing:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "bestand": p.name,
                        "MB": round(p.stat().st_size / 1_000_000, 2),
                        "gemaakt": dutch_date(datetime.fromtimestamp(p.stat().st_mtime, UTC)),
                    }
                    for p in existing[:50]
                ]
            ),
            hide_index=True,
            key="admin_backup_table",
        )
    else:
        st.write(t("admin.backup.none"))

    st.subheader(t("admin.restore.title"))
    st.warning(t("admin.restore.warning"))
    upload = st.file_uploader(t("admin.restore.upload"), type=["sqlite", "dump"], key="admin_restore_upload")
    confirmed = st.checkbox(t("admin.restore.confirm"), key="admin_restore_confirm")
    if st.button(t("admin.restore.button"), key="admin_restore_button", disabled=upload is None or not confirmed):
        assert upload is not None
        target = backup_dir() / f"upload-{datetime.now(UTC):%Y%m%dT%H%M%S%f}{Path(upload.name).suffix}"
        target.touch(mode=0o600)
        target.write_bytes(upload.getvalue())
        try:
            previous = restore(db, target, actor=actor)
        except (WeerbaarError, BackupError) as exc:
            st.error(t("admin.error", error=md(exc)))
        else:
            st.success(t("admin.restore.done", path=previous))
