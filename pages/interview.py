"""Interview: the chat screen an interviewer uses during an interview.

Every answer is stored the moment it is entered; the position is recomputed
from the stored turns on every run, so a refresh or a new session resumes at
the right question.
"""

import uuid
from datetime import date

import streamlit as st

from coding.codebook import PILLAR_CODES
from models import interview_service
from models.content import latest_guide, load_codebook
from models.interview_plan import OWN_PREFIX, untouched_themes
from models.interviews import (
    INTERVIEW_KINDS,
    MAX_TURN_CHARS,
    create_interview,
    get_interview,
    list_interviews,
    set_interview_status,
    set_quote_marked,
)
from models.live_assistant import after_answer, last_failure, open_suggestions, resolve_suggestion, touched_themes
from models.scans import list_respondents, respondent_label
from models.status import InterviewStatus, SpeakerRole, SuggestionStatus, TurnKind
from models.surveys import is_interview
from texts import WeerbaarError, t
from ui.safe import md
from ui.state import chosen_scan_id, current_actor, get_db, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("interview.title"))
scan_id = chosen_scan_id()

respondents = {r.id: r for r in list_respondents(db, actor, scan_id)}
all_interviews = [i for i in list_interviews(db, actor, scan_id) if is_interview(i)]


def _token() -> str:
    return uuid.uuid4().hex


def _new_interview_form() -> None:
    if not respondents:
        st.info(t("interview.need_respondents"))
        return
    _, guide = latest_guide(db)
    with st.form("interview_new_form"):
        title = st.text_input(t("interview.field.title"), key="interview_new_title")
        kind = st.radio(
            t("interview.field.kind"),
            INTERVIEW_KINDS,
            horizontal=True,
            format_func=lambda k: t(f"interview.kind.{k}"),
            key="interview_new_kind",
        )
        when = st.date_input(t("interview.field.date"), value=date.today(), key="interview_new_date")
        interviewer = st.text_input(
            t("interview.field.interviewer"), value=actor.username, key="interview_new_interviewer"
        )
        participants = st.multiselect(
            t("interview.field.participants"),
            list(respondents),
            format_func=lambda rid: respondent_label(respondents[rid]),
            key="interview_new_participants",
        )
        pillars = st.multiselect(
            t("interview.field.pillars"),
            list(PILLAR_CODES),
            default=list(PILLAR_CODES),
            key="interview_new_pillars",
            help=t("interview.field.pillars_help"),
        )
        if st.form_submit_button(t("interview.create")):
            roles = [respondents[rid].role for rid in participants]
            plan = [q for q in guide.plan_for(roles) if guide.question(q).pillar in pillars]
            try:
                interview_id = create_interview(
                    db,
                    actor,
                    scan_id,
                    title=title,
                    kind=kind,
                    date=when.isoformat(),
                    interviewer=interviewer,
                    participant_ids=participants,
                    plan=plan,
                )
            except WeerbaarError as exc:
                st.error(md(exc.message()))
            else:
                st.session_state["interview_id"] = interview_id
                st.rerun()


ids = [i.id for i in all_interviews]
labels = {i.id: i.title for i in all_interviews}  # stable labels: a changing label would reset the selector
if st.session_state.get("interview_id") not in ids:
    st.session_state["interview_id"] = None
with st.expander(t("interview.new"), expanded=not ids):
    _new_interview_form()
if not ids:
    st.stop()
interview_id = st.sidebar.selectbox(
    t("interview.choose"),
    [None, *ids],
    format_func=lambda i: t("interview.choose_none") if i is None else labels[i],
    key="interview_id",
)
if interview_id is None:
    st.info(t("interview.pick"))
    st.stop()

run = interview_service.open_run(db, actor, interview_id)
interview = get_interview(db, actor, interview_id)
st.caption(t("interview.status_line", status=t(f"interview.status.{interview.status}"), kind=t(f"interview.kind.{interview.kind}")))
opened = st.session_state.setdefault("interview_opened", set())
if interview_id not in opened and interview.status != InterviewStatus.FINISHED and actor.can("interview.conduct", scan_id):
    opened.add(interview_id)
    run = interview_service.resume(db, actor, run, token=_token())

participants = [p for p in interview.participants]
state = run.state

codebook = load_codebook(db, scan_or_stop(scan_id).codebook_id)
names = {theme.code: theme.name for theme in codebook.themes()}

# --- sidebar: progress per pillar and untouched themes -------------------------
with st.sidebar:
    st.subheader(t("interview.progress"))
    for item in state.progress:
        st.progress(
            item.asked / item.planned if item.planned else 0.0,
            text=t("interview.progress_line", pillar=md(item.pillar), asked=item.asked, planned=item.planned),
        )
    st.caption(t("interview.elapsed", minutes=round(state.elapsed_minutes)))

    touched = touched_themes(db, interview_id)
    open_themes = untouched_themes(run.guide, run.plan, state.asked, touched)
    if open_themes:
        st.markdown(f"**{t('interview.untouched')}**")
        st.markdown("\n".join(f"- {md(names.get(code, code))}" for code in open_themes))
    if touched:
        st.markdown(f"**{t('live.touched')}**")
        st.markdown("\n".join(f"- {md(names.get(code, code))}" for code in sorted(touched)))

# --- the conversation --------------------------------------------------------------
for turn in run.turns:
    if turn.speaker_role == SpeakerRole.INTERVIEWER:
        with st.chat_message("assistant", avatar="❓" if turn.kind != TurnKind.SKIP else "⏭️"):
            prefix = {"own": t("interview.own_marker"), "probe": t("interview.probe_marker")}.get(turn.kind, "")
            st.text(f"{prefix}{turn.text}")
    else:
        with st.chat_message("user", avatar="💬"):
            label = respondent_label(turn.respondent)
            st.caption(md(label) + (f" · {t('interview.quote_marker')}" if turn.quote_marked else ""))
            st.text(turn.text)

if interview.status == InterviewStatus.FINISHED:
    st.success(t("interview.finished"))
    st.stop()

if state.current_question_id and not state.current_question_id.startswith(OWN_PREFIX):
    question = run.guide.question(state.current_question_id)
    if st.session_state.get(f"interview_show_probes_{interview_id}") and question.probes:
        with st.container(border=True):
            st.markdown(f"**{t('interview.probes')}**")
            for index, probe in enumerate(question.probes):
                cols = st.columns([6, 1])
                cols[0].text(probe)
                if cols[1].button(t("interview.ask_probe"), key=f"interview_probe_{interview_id}_{index}"):
                    interview_service.ask_probe(db, actor, run, probe, token=_token())
                    st.rerun()

# --- the assistant's suggestions ------------------------------------------------------
if st.session_state.pop(f"interview_live_pending_{interview_id}", False):
    st.caption(t("live.background"))
if (failure := last_failure(interview_id)) is not None:
    st.warning(failure)
for suggestion in open_suggestions(db, interview_id)[-2:]:
    with st.container(border=True):
        st.markdown(f"**{t('live.title')}**")
        st.text(suggestion.text)
        action_cols = st.columns(3)
        actions = [(SuggestionStatus.TAKEN, "live.take"), (SuggestionStatus.SKIPPED, "live.skip")]
        if suggestion.kind == "probe":
            actions.append((SuggestionStatus.NOT_RELEVANT, "live.not_relevant"))
        for col, (action, label) in zip(action_cols, actions, strict=False):
            if col.button(t(label), key=f"interview_suggestion_{suggestion.id}_{action}"):
                resolve_suggestion(db, actor, suggestion.id, action)
                st.rerun()

# --- controls -------------------------------------------------------------------------
buttons = st.columns(7)
if buttons[0].button(t("interview.next"), key="interview_next", disabled=state.next_question_id is None):
    interview_service.ask_next(db, actor, run, token=_token())
    st.rerun()
if buttons[1].button(t("interview.show_probes"), key="interview_probes"):
    key = f"interview_show_probes_{interview_id}"
    st.session_state[key] = not st.session_state.get(key, False)
    st.rerun()
if buttons[2].button(t("interview.skip"), key="interview_skip"):
    interview_service.skip(db, actor, run, token=_token())
    st.rerun()
if buttons[3].button(t("interview.back"), key="interview_back", disabled=state.previous_question_id is None):
    interview_service.go_back(db, actor, run, token=_token())
    st.rerun()
last = interview_service.last_answer(run)
if buttons[4].button(t("interview.mark_quote"), key="interview_mark_quote", disabled=last is None) and last:
    set_quote_marked(db, actor, last.id, True)
    st.toast(t("interview.quote_marked"))
    st.rerun()
if buttons[5].button(t("interview.pause"), key="interview_pause"):
    set_interview_status(db, actor, interview_id, InterviewStatus.PAUSED)
    opened.discard(interview_id)
    st.session_state["interview_id"] = None
    st.rerun()
if buttons[6].button(t("interview.finish"), key="interview_finish"):
    set_interview_status(db, actor, interview_id, InterviewStatus.FINISHED)
    st.rerun()

with st.expander(t("interview.own_question")):
    own = st.text_input(t("interview.own_question_field"), key=f"interview_own_text_{interview_id}")
    if st.button(t("interview.own_question_ask"), key="interview_own_ask"):
        try:
            interview_service.ask_own(db, actor, run, own, token=_token())
        except WeerbaarError as exc:
            st.error(md(exc.message()))
        else:
            st.rerun()

speaker_id = participants[0].id
if len(participants) > 1:
    speaker_key = f"interview_speaker_{interview_id}"
    speaker_id = st.radio(
        t("interview.speaker"),
        [p.id for p in participants],
        format_func=lambda rid: md(respondent_label(respondents.get(rid))),
        horizontal=True,
        key=speaker_key,
    )

typed = st.chat_input(t("interview.answer_placeholder"), key="interview_answer", max_chars=MAX_TURN_CHARS)
if typed is not None:
    try:
        turn = interview_service.answer(db, actor, run, typed, respondent_id=int(speaker_id), token=_token())
    except WeerbaarError as exc:
        st.warning(md(exc.message()))
    else:
        outcome = after_answer(db, actor, interview_id, turn.id)
        st.session_state[f"interview_live_pending_{interview_id}"] = not outcome.done
        st.rerun()
