"""Import: bring a Teams/Zoom/Word/text transcript in and map its speakers."""

import logging

import streamlit as st

from coding.transcripts import TranscriptError, max_upload_bytes, read_transcript
from models.imports import IGNORE, INTERVIEWER, NewRespondent, guess_interviewer, import_transcript, language_warning
from models.scans import CONSENTS, list_respondents, respondent_label
from texts import WeerbaarError, t
from ui.safe import md
from ui.state import choose_interview, current_actor, current_scan_id, get_db

log = logging.getLogger(__name__)
db, actor = get_db(), current_actor()
st.title(t("import.title"))
scan_id = current_scan_id()
if scan_id is None:
    st.info(t("scans.none"))
    st.stop()
st.write(t("import.intro"))

upload = st.file_uploader(t("import.file"), type=["txt", "md", "docx", "vtt", "srt"], key="import_file")
if upload is None:
    st.stop()
try:
    parsed = read_transcript(upload.getvalue(), upload.name, max_bytes=max_upload_bytes())
except TranscriptError as exc:
    st.error(md(exc.message()))
    st.stop()
except Exception as exc:  # a parser bug must not show a traceback; nothing has been stored
    log.exception("reading %r failed", upload.name)
    st.error(t("import.error.unexpected", error=type(exc).__name__))
    st.stop()

st.success(t("import.parsed", turns=len(parsed.turns), speakers=len(parsed.speakers), format=parsed.format.upper()))
language = language_warning(parsed)
if language:
    st.warning(language)
for warning in parsed.warnings:
    st.caption(md(warning))
with st.expander(t("import.preview")):
    for turn in parsed.turns[:8]:
        st.markdown(f"**{md(turn.speaker or t('speaker.unknown'))}**")
        st.text(turn.text[:400])

respondents = list_respondents(db, actor, scan_id)
NEW = "__new__"
options = [INTERVIEWER, *[r.id for r in respondents], NEW, IGNORE]


def _label(option: object) -> str:
    if option == INTERVIEWER:
        return t("speaker.interviewer")
    if option == NEW:
        return t("import.new_respondent")
    if option == IGNORE:
        return t("import.ignore")
    return respondent_label(next(r for r in respondents if r.id == option))


st.subheader(t("import.mapping"))
st.caption(t("import.mapping_help"))
interviewer_guess = guess_interviewer(parsed.speakers)
labels = list(parsed.speakers)
has_unlabelled = any(turn.speaker is None for turn in parsed.turns)
if has_unlabelled:
    labels.append("")
mapping: dict[str, object] = {}
for index, label in enumerate(labels):
    default = 0 if label == interviewer_guess else options.index(NEW)
    shown = label or t("import.unlabelled")
    with st.container(border=True):
        cols = st.columns([2, 2, 2, 3])
        choice = cols[0].selectbox(shown, options, index=default, format_func=_label, key=f"import_map_{index}")
        if choice == NEW:  # only a new respondent needs role, department and consent
            role = cols[1].text_input(t("import.new_role"), key=f"import_role_{index}")
            department = cols[2].text_input(t("import.new_department"), key=f"import_dept_{index}")
            consent = cols[3].radio(
                t("import.consent", label=md(shown)),
                CONSENTS,
                index=CONSENTS.index("nee"),
                format_func=lambda c: t(f"consent.{c}"),
                horizontal=True,
                key=f"import_consent_{index}",
                help=t("import.consent_help"),
            )
            mapping[label] = NewRespondent(role=role, department=department, consent=consent)
        else:
            mapping[label] = choice
title = st.text_input(t("interview.field.title"), value=upload.name, key="import_title")
when = st.text_input(t("interview.field.date"), key="import_date", placeholder=t("import.date_placeholder"))
if st.button(t("import.submit"), key="import_submit", type="primary"):
    unlabelled = mapping.pop("", None) if has_unlabelled else None
    try:
        interview_id = import_transcript(
            db,
            actor,
            scan_id,
            parsed,
            mapping,  # type: ignore[arg-type]
            title=title,
            date=when,
            filename=upload.name,
            unlabelled=unlabelled,  # type: ignore[arg-type]
        )
    except WeerbaarError as exc:
        st.error(md(exc.message()))
    except Exception as exc:  # the import rolled back; the user reads Dutch, the log keeps the traceback
        log.exception("import of %r failed", upload.name)
        st.error(t("import.error.unexpected", error=type(exc).__name__))
    else:
        choose_interview(interview_id)
        st.success(t("import.done"))
