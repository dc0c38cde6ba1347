"""Interview: the chat screen an interviewer uses during an interview.

Every answer is stored the moment it is entered; the position is recomputed from the stored
turns on every run, so a refresh or a new session resumes at the right question.
"""

import threading
import uuid
from collections.abc import Callable
from datetime import date

import streamlit as st

from coding.codebook import PILLAR_CODES
from models import interview_service as flow
from models.content import load_codebook, scan_guide
from models.interview_plan import untouched_themes
from models.interviews import (
    MAX_TURN_CHARS,
    create_interview,
    get_interview,
    list_interviews,
    set_interview_status,
    set_quote_marked,
)
from models.live_assistant import after_answer, last_failure, open_suggestions, resolve_suggestion, touched_themes
from models.scans import list_respondents, respondent_label
from models.status import INTERVIEW_KINDS, InterviewStatus
from models.surveys import is_interview
from texts import WeerbaarError, t
from ui.chat import draw_conversation, draw_offers, draw_probes, draw_progress, keep_draft, speaker_picker
from ui.dutch import placeholder_many
from ui.safe import md
from ui.state import choose_interview, chosen_scan_id, current_actor, current_interview_id, get_db, scan_or_stop

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
    _, guide = scan_guide(db, scan_id)
    with st.form("interview_new_form"):
        title = st.text_input(t("interview.field.title"), key="interview_new_title")
        kind = st.radio(
            t("interview.field.kind"),
            INTERVIEW_KINDS,
            horizontal=True,
            format_func=lambda k: t(f"interview.kind.{k}"),
            key="interview_new_kind",
        )
        when = st.date_input(
            t("interview.field.date"), value=date.today(), key="interview_new_date", format="DD-MM-YYYY"
        )
        interviewer = st.text_input(
            t("interview.field.interviewer"), value=actor.username, key="interview_new_interviewer"
        )
        participants = st.multiselect(
            t("interview.field.participants"),
            list(respondents),
            format_func=lambda rid: respondent_label(respondents[rid]),
            key="interview_new_participants",
            placeholder=placeholder_many(),
            select_all=False,
        )
        pillars = st.multiselect(
            t("interview.field.pillars"),
            list(PILLAR_CODES),
            default=list(PILLAR_CODES),
            key="interview_new_pillars",
            placeholder=placeholder_many(),
            select_all=False,
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
                choose_interview(interview_id)
                st.rerun()


with st.expander(t("interview.new"), expanded=not all_interviews, key=f"interview_new_box_{len(all_interviews)}"):
    _new_interview_form()
if not all_interviews:
    st.stop()
picked = current_interview_id(all_interviews, sidebar=True, allow_none=True, key="interview_picker")
if picked is None:
    st.info(t("interview.pick"))
    st.stop()
interview_id: int = picked

interview = get_interview(db, actor, interview_id)


def _status_line() -> None:
    now = get_interview(db, actor, interview_id)
    st.caption(
        t("interview.status_line", status=t(f"interview.status.{now.status}"), kind=t(f"interview.kind.{now.kind}"))
    )


participants = list(interview.participants)
participant_ids = [p.id for p in participants]
can_conduct = actor.can("interview.conduct", scan_id)

if interview.status == InterviewStatus.PAUSED:
    st.info(t("interview.paused"))
    if st.button(t("interview.resume"), key="interview_resume", type="primary", disabled=not can_conduct):
        set_interview_status(db, actor, interview_id, InterviewStatus.RUNNING)
        st.rerun()

session = flow.open_run(db, actor, interview_id)
opened = st.session_state.setdefault("interview_opened", set())
if (
    interview_id not in opened
    and interview.status not in (InterviewStatus.FINISHED, InterviewStatus.PAUSED)
    and can_conduct
):
    opened.add(interview_id)
    session = flow.resume(db, actor, session, token=_token())

codebook = load_codebook(db, scan_or_stop(scan_id).codebook_id)
names = {theme.code: theme.name for theme in codebook.themes()}


if interview.status in (InterviewStatus.FINISHED, InterviewStatus.PAUSED):
    _status_line()
if interview.status == InterviewStatus.FINISHED:
    draw_conversation(session.turns, participant_ids)
    st.success(t("interview.finished"))
    st.stop()
if interview.status == InterviewStatus.PAUSED:
    draw_conversation(session.turns, participant_ids)
    st.stop()


ERROR_KEY, SIDE_ACTED_KEY = f"interview_error_{interview_id}", f"interview_side_acted_{interview_id}"
SIDE_REFRESH_SECONDS = 2.0


def _act(step: Callable[..., object], *args: object, **kwargs: object) -> None:
    """Run one interview step from a widget callback, before the chat is drawn (one run per action)."""
    try:
        step(*args, **kwargs)
    except WeerbaarError as exc:
        st.session_state[ERROR_KEY] = exc.message()


def _side_act(step: Callable[..., object], *args: object, **kwargs: object) -> None:
    st.session_state[SIDE_ACTED_KEY] = True
    _act(step, *args, **kwargs)


def _session() -> flow.InterviewRun:
    return flow.open_run(db, actor, interview_id)


def _answer(speaker_key: str | None) -> None:
    """Enter: store the answer, code it live, and ask the next question — one action per turn."""
    typed = st.session_state.get("interview_answer")
    if typed is None:
        return
    speaker = st.session_state.get(speaker_key) if speaker_key else None
    respondent_id = int(speaker) if speaker in participant_ids else participant_ids[0]
    turn = flow.answer(db, actor, _session(), typed, respondent_id=respondent_id, token=_token())
    answered = _session()
    if answered.state.next_question_id is not None:
        flow.ask_next(db, actor, answered, token=_token())
    # live coding never holds up the next question: it runs beside the chat, the side panel shows its offers
    threading.Thread(target=after_answer, args=(db, actor, interview_id, turn.id), daemon=True).start()


def _pause() -> None:
    set_interview_status(db, actor, interview_id, InterviewStatus.PAUSED)
    opened.discard(interview_id)


def _suggestions(current: flow.InterviewRun) -> None:
    last = flow.last_answer(current)
    offers = open_suggestions(db, interview_id)
    draw_offers(last, offers, lambda sid, action: _side_act(resolve_suggestion, db, actor, sid, action))


@st.fragment(run_every=SIDE_REFRESH_SECONDS)
def _side() -> None:
    """Beside the chat: the assistant's offers, the probes and the progress; refreshed while live coding runs."""
    if get_interview(db, actor, interview_id).status != interview.status:
        st.rerun()  # finished or paused (here or in another tab) since the page was drawn: show that, not the chat
    current = _session()
    if (failure := last_failure(interview_id)) is not None:
        st.warning(failure)
    _suggestions(current)
    draw_probes(
        current.state,
        current.question,
        interview_id,
        lambda text: _side_act(flow.ask_probe, db, actor, _session(), text, token=_token()),
    )
    touched = touched_themes(db, interview_id)
    open_themes = untouched_themes(current.guide, current.plan, current.state.asked, touched)
    draw_progress(current.state, [names.get(code, code) for code in open_themes])
    if st.session_state.pop(SIDE_ACTED_KEY, False):
        st.rerun()  # an offer taken or a probe asked changes the conversation: redraw the whole page


@st.fragment
def _chat() -> None:
    """The conversation and its controls; a turn reruns only this part of the page."""
    current = _session()
    state = current.state
    _status_line()
    if message := st.session_state.pop(ERROR_KEY, None):
        st.warning(message)
    draw_conversation(current.turns, participant_ids)

    bar = st.container(horizontal=True)
    step = lambda fn: lambda: _act(fn, db, actor, _session(), token=_token())  # noqa: E731
    bar.button(
        t("interview.next"), key="interview_next", disabled=state.next_question_id is None, on_click=step(flow.ask_next)
    )
    bar.button(t("interview.skip"), key="interview_skip", on_click=step(flow.skip))
    bar.button(
        t("interview.back"),
        key="interview_back",
        disabled=state.previous_question_id is None,
        on_click=step(flow.go_back),
    )
    last = flow.last_answer(current)
    bar.button(
        t("interview.mark_quote"),
        key="interview_mark_quote",
        disabled=last is None,
        on_click=_act,
        args=(set_quote_marked, db, actor, last.id if last else 0, True),
    )
    if bar.button(t("interview.pause"), key="interview_pause", on_click=_pause):
        st.rerun()  # the whole page: the status changes
    with bar.popover(t("interview.finish")):
        st.write(t("interview.finish_confirm"))
        if st.button(
            t("interview.finish_yes"),
            key="interview_finish",
            type="primary",
            on_click=_act,
            args=(set_interview_status, db, actor, interview_id, InterviewStatus.FINISHED),
        ):
            st.rerun()

    with st.expander(t("interview.own_question")):
        own_key = f"interview_own_text_{interview_id}"
        st.text_input(t("interview.own_question_field"), key=own_key)
        st.button(
            t("interview.own_question_ask"),
            key="interview_own_ask",
            on_click=lambda: _act(
                flow.ask_own, db, actor, _session(), st.session_state.get(own_key, ""), token=_token()
            ),
        )

    speaker_key = speaker_picker(interview_id, participant_ids, lambda rid: respondent_label(respondents.get(rid)))
    st.chat_input(
        t("interview.answer_placeholder"),
        key="interview_answer",
        max_chars=MAX_TURN_CHARS,
        on_submit=_act,
        args=(_answer, speaker_key),
    )
    keep_draft(interview_id)


left, right = st.columns([3, 1])
with left:
    _chat()
with right:
    _side()
