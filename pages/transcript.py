"""Transcript: read an interview, correct turns, download it, see and run the coding."""

import streamlit as st

from models.content import load_codebook
from models.fragments import list_fragments, merge_fragments, segment_interview, split_fragment, split_points
from models.interviews import get_interview, list_interviews, list_turns, update_turn
from models.scans import list_respondents, respondent_label
from models.status import CodingStatus, SpeakerRole, TurnKind
from models.surveys import is_interview
from models.transcript_export import transcript_docx, transcript_txt
from texts import WeerbaarError, count, t
from ui.format import transcript_filename
from ui.safe import md
from ui.state import current_actor, current_interview_id, current_scan_id, get_db, progress_bar, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("transcript.title"))
scan_id = current_scan_id()
if scan_id is None:
    st.info(t("scans.none"))
    st.stop()
interviews = [i for i in list_interviews(db, actor, scan_id) if is_interview(i)]
if not interviews:
    st.info(t("transcript.none"))
    st.stop()
interview_id = current_interview_id(interviews, key="transcript_interview")
assert interview_id is not None
interview = get_interview(db, actor, interview_id)
scan = scan_or_stop(scan_id)
codebook = load_codebook(db, scan.codebook_id)
names = {p.code: p.name for p in codebook.pillars} | {th.code: th.name for th in codebook.themes()}
respondents = {r.id: r for r in list_respondents(db, actor, scan_id)}

left, right = st.columns(2)
left.download_button(
    t("transcript.download_txt"),
    transcript_txt(db, actor, interview_id).encode("utf-8"),
    file_name=transcript_filename(scan.name, interview.title, "txt"),
    mime="text/plain",
    key="transcript_download_txt",
)
right.download_button(
    t("transcript.download_docx"),
    transcript_docx(db, actor, interview_id),
    file_name=transcript_filename(scan.name, interview.title, "docx"),
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="transcript_download_docx",
)

tab_text, tab_codes = st.tabs([t("transcript.title"), t("transcript.fragments")])

with tab_text:
    for turn in list_turns(db, interview_id):
        speaker = (
            t("speaker.interviewer") if turn.speaker_role == SpeakerRole.INTERVIEWER else respondent_label(turn.respondent)
        )
        if turn.ignored:
            speaker = t("transcript.ignored", label=turn.speaker_label or speaker)
        marker = f" · {t('transcript.marker.quote')}" if turn.quote_marked else ""
        question = f" · {turn.question_id}" if turn.question_id and turn.kind == TurnKind.QUESTION else ""
        st.markdown(f"**{md(speaker)}**{md(question)}{marker}")
        st.text(turn.text)
        if turn.speaker_role != SpeakerRole.INTERVIEWER and not turn.ignored and actor.can("interview.edit", scan_id):
            with st.expander(t("transcript.edit")), st.form(f"transcript_edit_{turn.id}"):
                text = st.text_area(t("transcript.edit_text"), turn.text, key=f"transcript_text_{turn.id}")
                options = list(respondents)
                speaker_id = st.selectbox(
                    t("transcript.edit_speaker"),
                    options,
                    index=options.index(turn.respondent_id) if turn.respondent_id in options else 0,
                    format_func=lambda rid: respondent_label(respondents[rid]),
                    key=f"transcript_speaker_{turn.id}",
                )
                if st.form_submit_button(t("transcript.save")):
                    try:
                        update_turn(db, actor, turn.id, text=text, respondent_id=speaker_id)
                    except WeerbaarError as exc:
                        st.error(md(exc.message()))
                    else:
                        st.success(t("transcript.saved"))
                        st.rerun()

with tab_codes:
    from models.autocode import autocode, scan_config

    cols = st.columns(3)
    if cols[0].button(t("autocode.button_interview"), key="transcript_autocode_interview"):
        report, _ = progress_bar(t("autocode.busy"))
        result = autocode(
            db, scan_id=scan_id, interview_id=interview_id, actor=actor, progress=report, config=scan_config()
        )
        st.success(t("autocode.done", fragments=count(result.coded, "fragment")))
    if cols[1].button(t("autocode.button_scan"), key="transcript_autocode_scan"):
        report, _ = progress_bar(t("autocode.busy"))
        result = autocode(db, scan_id=scan_id, actor=actor, progress=report, config=scan_config())
        st.success(t("autocode.done", fragments=count(result.coded, "fragment")))
    if cols[2].button(t("transcript.segment"), key="transcript_segment"):
        outcome = segment_interview(db, interview_id)
        st.info(
            t(
                "transcript.segmented",
                turns=outcome.turns_segmented,
                created=outcome.fragments_created,
                kept=outcome.fragments_kept,
            )
        )
    fragments = list_fragments(db, interview_id)
    if not fragments:
        st.info(t("transcript.no_fragments"))
    from models.decisions import code_manually

    code_options = [p.code for p in codebook.pillars] + [th.code for th in codebook.themes()]
    for index, fragment in enumerate(fragments):
        following = fragments[index + 1] if index + 1 < len(fragments) else None
        with st.container(border=True):
            st.text(fragment.text)
            if actor.can("code", scan_id):
                left, right = st.columns(2)
                if (
                    following is not None
                    and following.turn_id == fragment.turn_id
                    and left.button(t("transcript.merge_next"), key=f"transcript_merge_{fragment.id}")
                ):
                    merge_fragments(db, actor, fragment.id, following.id)
                    st.rerun()
                points = split_points(db, fragment.id)
                if points:
                    labels = {offset: fragment.turn.text[offset : offset + 40] + "…" for offset in points}
                    at = right.selectbox(
                        t("transcript.split_at"),
                        points,
                        format_func=labels.__getitem__,
                        key=f"transcript_split_at_{fragment.id}",
                    )
                    if right.button(t("transcript.split"), key=f"transcript_split_{fragment.id}") and at is not None:
                        split_fragment(db, actor, fragment.id, int(at))
                        st.rerun()
            shown = [c for c in fragment.codings if c.round_id is None and c.status != CodingStatus.REJECTED]
            if shown:
                st.caption(
                    md(" · ".join(
                        f"{c.code.code} {names.get(c.code.code, '')}"
                        + (f" ({c.confidence:.0%})" if c.confidence is not None else "")
                        + f" — {t('coding.status.' + c.status)}"
                        + (f" {t('coding.stale')}" if c.stale else "")
                        for c in shown
                    ))
                )
            if actor.can("code", scan_id):
                pick = st.selectbox(
                    t("transcript.manual_code"),
                    [None, *code_options],
                    format_func=lambda c: "—" if c is None else f"{c} — {names.get(c, '')}",
                    key=f"transcript_code_{fragment.id}",
                )
                if pick and st.button(t("transcript.manual_code_save"), key=f"transcript_code_save_{fragment.id}"):
                    code_manually(db, actor, fragment.id, pick)
                    st.rerun()
