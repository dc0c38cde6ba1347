"""Topics: BERTopic over a scan's fragments, to find what the codebook misses."""

import streamlit as st

from coding.codebook import PILLAR_CODES
from coding.topic_figures import topic_figures
from coding.topics import TooFewFragments
from models import topics as service
from models.content import load_codebook
from models.interviews import list_interviews
from texts import WeerbaarError, count, t
from ui.dutch import placeholder_many
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db, progress_bar, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("topics.title"))
scan_id = current_scan_id()
if scan_id is None:
    st.info(t("scans.none"))
    st.stop()
st.write(t("topics.intro"))

interviews = list_interviews(db, actor, scan_id, include_documents=True)
titles = {i.id: i.title for i in interviews}
chosen = st.multiselect(
    t("topics.selection"),
    list(titles),
    format_func=titles.__getitem__,
    key="topics_interviews",
    placeholder=placeholder_many(),
    select_all=False,
)
if st.button(t("topics.run"), key="topics_run"):
    report, remove_bar = progress_bar(t("topics.busy"))
    try:
        discovered, model = service.discover(db, actor, scan_id, interview_ids=chosen or None, progress=report)
    except TooFewFragments as exc:
        remove_bar()
        st.warning(md(exc))
        st.stop()
    # the fitted model draws the map of every fragment, for this scan's run only
    st.session_state["topics_model"] = (scan_id, discovered, model)
    seconds = f"{discovered.seconds:.1f}".replace(".", ",")
    report(1.0, t("topics.done", topics=count(len(discovered.topics), "onderwerp"), seconds=seconds))

result = service.latest_run(db, scan_id)
if result is None:
    st.info(t("topics.none"))
    st.stop()
st.caption(
    t(
        "topics.summary",
        fragments=count(result.n, "fragment"),
        topics=count(len(result.topics), "onderwerp"),
        outliers=count(result.outliers, "fragment"),
    )
)
stored_model = st.session_state.get("topics_model")
model = stored_model[2] if stored_model and stored_model[0] == scan_id and stored_model[1] == result else None
for name, figure in topic_figures(model, result).items():
    st.plotly_chart(figure, key=f"topics_fig_{name}", width="stretch")

scan = scan_or_stop(scan_id)
codebook = load_codebook(db, scan.codebook_id)
names = {p.code: p.name for p in codebook.pillars} | {th.code: th.name for th in codebook.themes()}
for topic in result.topics:
    header = t("topics.topic", label=md(topic.label), fragments=count(topic.size, "fragment"))
    if topic.is_gap:
        header = "⚠️ " + header + " — " + t("topics.gap")
    with st.expander(header, expanded=topic.is_gap):
        st.text(", ".join(word for word, _ in topic.words))
        coded = ", ".join(f"{md(names.get(code, code))} ({n})" for code, n in topic.pillar_counts.items())
        if topic.is_gap:
            st.warning(
                t("topics.gap_reason", without_theme=topic.without_theme, fragments=count(topic.size, "fragment"))
            )
        novelty = f"{topic.novelty:.2f}".replace(".", ",")
        st.caption(
            t(
                "topics.coded",
                coded=coded or "—",
                without_theme=topic.without_theme,
                uncoded=topic.uncoded,
                novelty=novelty,
            )
        )
        texts = service.fragment_texts(db, topic.representative_ids)
        for fragment_id in topic.representative_ids:
            st.text(f"‘{texts.get(fragment_id, '')}’")
        if actor.can("content.edit"):
            name, description = service.theme_suggestion(topic)
            with st.form(f"topics_theme_{topic.id}"):
                pillar = st.selectbox(t("topics.pillar"), PILLAR_CODES, key=f"topics_pillar_{topic.id}")
                theme_name = st.text_input(t("topics.theme_name"), value=name, key=f"topics_name_{topic.id}")
                theme_description = st.text_area(
                    t("topics.theme_description_label"), value=description, key=f"topics_desc_{topic.id}"
                )
                if st.form_submit_button(t("topics.make_theme")):
                    try:
                        code = service.create_theme_from_topic(
                            db,
                            actor,
                            scan_id,
                            pillar=pillar,
                            name=theme_name,
                            description=theme_description,
                            keywords=[word for word, _ in topic.words],
                            fragment_ids=topic.fragment_ids,
                        )
                    except WeerbaarError as exc:
                        st.error(md(exc.message()))
                    else:
                        st.success(
                            t("topics.theme_made", code=md(code), fragments=count(len(topic.fragment_ids), "fragment"))
                        )
