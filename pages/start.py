"""Start page: what Weerbaar does, the demo, which Dutch pipeline is active."""

import streamlit as st

from texts import t
from ui.auth import mode_notice
from ui.state import current_actor, get_db

st.title(t("app.title"))
st.caption(t("app.tagline"))
st.markdown(t("start.intro"))

db, actor = get_db(), current_actor()

st.info(mode_notice())

left, right = st.columns(2)
with left:
    st.subheader(t("start.demo.title"))
    st.write(t("start.demo.body"))
    if st.button(t("start.demo.button"), key="start_demo", disabled=not actor.can("scan.create")):
        from models.demo import load_demo

        with st.spinner(t("start.demo.busy")):
            scan_id = load_demo(db, actor, replace=True)
        st.session_state["scan_id"] = scan_id
        st.success(t("start.demo.done"))
with right:
    st.subheader(t("start.pipeline.title"))
    from coding.segmenter import pipeline_name

    st.write(t("start.pipeline.body", name=pipeline_name()))
    st.caption(t("start.database", url=db.engine.url.render_as_string(hide_password=True)))
