"""Scans and respondents. The only screen that shows respondents' real names."""

import pandas as pd
import streamlit as st

from coding.codebook import default_guide
from models.scans import (
    CONSENTS,
    MEASUREMENTS,
    SCAN_KINDS,
    add_respondent,
    create_scan,
    list_respondents,
    list_scans,
    update_respondent,
)
from texts import WeerbaarError, count, t
from ui.safe import md
from ui.state import choose_scan, current_actor, current_scan_id, get_db, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("scans.title"))

with st.expander(t("scans.new"), expanded=not list_scans(db, actor)):
    with st.form("scans_new_form", clear_on_submit=True):
        name = st.text_input(t("scans.field.name"), key="scans_name")
        organisation = st.text_input(t("scans.field.organisation"), key="scans_organisation")
        kind = st.selectbox(t("scans.field.kind"), SCAN_KINDS, key="scans_kind")
        period = st.text_input(t("scans.field.period"), key="scans_period")
        measurement = st.selectbox(t("scans.field.measurement"), MEASUREMENTS, key="scans_measurement")
        if st.form_submit_button(t("scans.create")):
            try:
                new_id = create_scan(
                    db, actor, name=name, organisation=organisation, kind=kind, period=period, measurement=measurement
                )
            except WeerbaarError as exc:
                st.error(md(exc.message()))
            else:
                choose_scan(new_id)
                st.success(t("scans.created", name=md(name)))

scan_id = current_scan_id()
if scan_id is None:
    st.info(t("scans.none"))
    st.stop()

scan = scan_or_stop(scan_id)
st.subheader(t("scans.respondents", name=md(scan.name)))
respondents = list_respondents(db, actor, scan_id)
show_names = actor.can("respondent.real_name", scan_id)
if respondents:
    columns = {"role": t("scans.col.role"), "department": t("scans.col.department"), "consent": t("scans.col.consent")}
    if show_names:
        columns["real_name"] = t("scans.col.real_name")
    consent_label = {str(c): t(f"consent.{c}") for c in CONSENTS}
    table = pd.DataFrame(
        [
            {
                t("scans.col.code"): r.code,
                columns["role"]: r.role,
                columns["department"]: r.department,
                columns["consent"]: consent_label[r.consent],
                **({columns["real_name"]: r.real_name or ""} if show_names else {}),
            }
            for r in respondents
        ]
    )
    can_edit = actor.can("respondent.edit", scan_id)
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        disabled=[t("scans.col.code")] if can_edit else True,
        column_config={
            columns["consent"]: st.column_config.SelectboxColumn(
                columns["consent"], options=list(consent_label.values()), required=True
            )
        },
        key=f"scans_respondents_{scan_id}",
    )
    if can_edit and st.button(t("scans.save_respondents"), key="scans_save_respondents"):
        by_label = {label: code for code, label in consent_label.items()}
        changed = 0
        try:
            for respondent, (_, row) in zip(respondents, edited.iterrows(), strict=True):
                new = {key: str(row[label] or "").strip() for key, label in columns.items()}
                new["consent"] = by_label.get(new["consent"], respondent.consent)
                old = {key: (getattr(respondent, key) or "") for key in columns}
                changes = {key: value for key, value in new.items() if value != old[key]}
                if changes:
                    update_respondent(db, actor, respondent.id, **changes)
                    changed += 1
        except WeerbaarError as exc:
            st.error(exc.message())
        else:
            st.success(t("scans.respondents_saved", respondents=count(changed, "respondent")))
else:
    st.info(t("scans.no_respondents"))

roles = default_guide().roles
with st.form("scans_respondent_form", clear_on_submit=True):
    st.markdown(f"**{t('scans.add_respondent')}**")
    role_choice = st.selectbox(t("scans.field.role"), [*roles, t("scans.role.other")], key="scans_role")
    role_other = st.text_input(t("scans.field.role_other"), key="scans_role_other")
    department = st.text_input(t("scans.field.department"), key="scans_department")
    consent = st.radio(
        t("scans.field.consent"),
        CONSENTS,
        format_func=lambda c: t(f"consent.{c}"),
        horizontal=True,
        key="scans_consent",
    )
    real_name = (
        st.text_input(t("scans.field.real_name"), help=t("scans.real_name_help"), key="scans_real_name")
        if show_names  # only admins store real names
        else ""
    )
    if st.form_submit_button(t("scans.add")):
        role = role_other if role_choice == t("scans.role.other") else role_choice
        try:
            respondent = add_respondent(
                db, actor, scan_id, role=role, department=department, consent=consent, real_name=real_name
            )
        except WeerbaarError as exc:
            st.error(md(exc.message()))
        else:
            st.success(t("scans.added", code=md(respondent.code)))
            st.rerun()
