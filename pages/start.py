"""Start page: what Weerbaar does, the demo, which Dutch pipeline is active."""

import streamlit as st

from models.scans import get_scan, list_scans
from texts import t
from ui.auth import mode_notice
from ui.state import SCAN_KEY, choose_scan, current_actor, current_scan_id, get_db

st.title(t("app.title"))
st.caption(t("app.tagline"))
st.markdown(t("start.intro"))

db, actor = get_db(), current_actor()
scan_id = current_scan_id()

st.info(mode_notice())

left, right = st.columns(2)
with left:
    st.subheader(t("start.demo.title"))
    st.write(t("start.demo.body"))
    if st.button(t("start.demo.button"), key="start_demo", disabled=not actor.can("scan.create")):
        from models.demo import load_demo

        before = st.session_state.get(SCAN_KEY)
        with st.spinner(t("start.demo.busy")):
            demo_id = load_demo(db, actor, replace=True)
        if before is None or before not in {scan.id for scan in list_scans(db, actor)}:
            choose_scan(demo_id)  # nothing chosen, or the chosen scan was the old demo: say so below
        st.session_state["start_demo_ready"] = demo_id
        st.rerun()
    ready = st.session_state.get("start_demo_ready")
    if ready is not None and ready == scan_id:
        st.success(t("start.demo.done"))
    elif ready is not None and scan_id is not None:
        st.info(t("start.demo.ready_other", current=get_scan(db, actor, scan_id).name))
        if st.button(t("start.demo.switch"), key="start_demo_switch"):
            choose_scan(int(ready))
            st.rerun()
with right:
    st.subheader(t("start.pipeline.title"))
    from coding.segmenter import pipeline_name

    st.write(t("start.pipeline.body", name=pipeline_name()))
    st.caption(t("start.database", url=db.engine.url.render_as_string(hide_password=True)))
