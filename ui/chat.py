"""Pieces of the interview chat screen: the conversation, avatars, the kept draft."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import streamlit as st

from coding.codebook import Question
from models import schema as s
from models.interview_plan import OWN_PREFIX, FlowState
from models.scans import respondent_label
from models.status import SpeakerRole, SuggestionStatus, TurnKind
from texts import t
from ui.safe import md

AVATARS = ("🟦", "🟩", "🟧", "🟪", "🟥", "🟨", "🟫", "⬛")
RECENT_TURNS = 6


def avatar_for(respondent_id: int | None, participant_ids: Sequence[int]) -> str:
    """A different avatar per participant of a group, stable over the interview."""
    if respondent_id is not None and respondent_id in participant_ids:
        return AVATARS[list(participant_ids).index(respondent_id) % len(AVATARS)]
    return "💬"


def draw_turn(turn: s.Turn, participant_ids: Sequence[int]) -> None:
    """One turn as a chat message; user text is shown as plain text, never markdown."""
    if turn.speaker_role == SpeakerRole.INTERVIEWER:
        with st.chat_message("assistant", avatar="❓" if turn.kind != TurnKind.SKIP else "⏭️"):
            prefix = {"own": t("interview.own_marker"), "probe": t("interview.probe_marker")}.get(turn.kind, "")
            st.text(f"{prefix}{turn.text}")
        return
    with st.chat_message("user", avatar=avatar_for(turn.respondent_id, participant_ids)):
        label = respondent_label(turn.respondent)
        st.caption(md(label) + (f" · {t('interview.quote_marker')}" if turn.quote_marked else ""))
        st.text(turn.text)


def draw_conversation(turns: Sequence[s.Turn], participant_ids: Sequence[int]) -> None:
    """The last turns in view (so the controls stay above the fold), earlier ones folded away."""
    earlier, recent = list(turns[:-RECENT_TURNS]), list(turns[-RECENT_TURNS:])
    if earlier and st.toggle(t("interview.earlier_turns", n=len(earlier)), key="interview_show_earlier"):
        for turn in earlier:  # drawn only when asked for: a long interview stays quick to update
            draw_turn(turn, participant_ids)
    for turn in recent:
        draw_turn(turn, participant_ids)


def keep_draft(interview_id: int) -> None:
    """Keep the unsent text of the answer box in the browser (localStorage) across a reload.

    The text is saved on every keystroke, put back when the page comes back
    with an empty box, and forgotten when it is sent with Enter. When the box
    appears (opening the interview, a reload) it is scrolled into view, so the
    controls are never below the fold.
    """
    key = json.dumps(f"weerbaar-draft-{interview_id}")
    st.html(
        f"""<script>
(function() {{
  const doc = document, key = {key}, store = window.localStorage;
  function box() {{ return doc.querySelector('[data-testid="stChatInputTextArea"]'); }}
  function attach() {{
    const area = box();
    if (!area) {{ setTimeout(attach, 200); return; }}
    if (area.dataset.weerbaarDraft === key) return;
    area.dataset.weerbaarDraft = key;
    area.scrollIntoView({{ block: 'center' }});  // after opening or a reload: the answer box and controls in view
    const saved = store.getItem(key);
    if (saved && !area.value) {{
      const setter = Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, 'value').set;
      setter.call(area, saved);
      area.dispatchEvent(new Event('input', {{ bubbles: true }}));
    }}
    area.addEventListener('input', () => store.setItem(key, area.value));
    area.addEventListener('keydown', (e) => {{
      if (e.key === 'Enter' && !e.shiftKey) store.removeItem(key);
    }});
    const send = doc.querySelector('[data-testid="stChatInputSubmitButton"]');
    if (send) send.addEventListener('click', () => store.removeItem(key));
  }}
  attach();
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def speaker_picker(interview_id: int, participant_ids: Sequence[int], label: Callable[[int], str]) -> str | None:
    """Who is speaking in a group: a radio plus one button per speaker with the shortcut Alt+1, Alt+2, …

    Returns the session key holding the chosen respondent id, or ``None`` for an individual interview.
    """
    if len(participant_ids) < 2:
        return None
    speaker_key = f"interview_speaker_{interview_id}"
    keys = st.columns(min(len(participant_ids), 9))
    for number, (col, rid) in enumerate(zip(keys, participant_ids[:9], strict=False), start=1):
        col.button(
            t("interview.speaker_button", avatar=avatar_for(rid, participant_ids), label=label(rid), n=number),
            key=f"interview_speaker_key_{number}",
            shortcut=f"Alt+{number}",
            on_click=st.session_state.__setitem__,
            args=(speaker_key, rid),
        )
    st.radio(
        t("interview.speaker"),
        list(participant_ids),
        format_func=lambda rid: f"{avatar_for(rid, participant_ids)} {label(rid)}",
        horizontal=True,
        key=speaker_key,
        help=t("interview.speaker_keys"),
    )
    return speaker_key


def draw_progress(state: FlowState, open_themes: Sequence[str]) -> None:
    """Progress per pillar and the themes not yet touched, beside the chat (updated with every turn)."""
    with st.expander(t("interview.progress"), expanded=False):
        for item in state.progress:
            st.progress(
                item.asked / item.planned if item.planned else 0.0,
                text=t("interview.progress_line", pillar=md(item.pillar), asked=item.asked, planned=item.planned),
            )
        st.caption(t("interview.elapsed", minutes=round(state.elapsed_minutes)))
        if open_themes:
            st.markdown(f"**{t('interview.untouched')}**")
            st.text("\n".join(f"• {name}" for name in open_themes))


def draw_offers(last: s.Turn | None, offers: Sequence[s.Suggestion], resolve: Callable[[int, str], None]) -> None:
    """The assistant's offers for the latest answer only, each naming that answer, one per text.

    An older offer nobody took does not come back with every answer, and two
    themes offering the same probe text show it once.
    """
    if last is None:
        return
    seen: set[str] = set()
    for offer in offers:
        if offer.turn_id != last.id or offer.text in seen:
            continue
        seen.add(offer.text)
        with st.container(border=True):
            st.caption(t("live.for_answer", start=md(" ".join(last.text.split()[:6]))))
            st.text(offer.text)
            actions = [(SuggestionStatus.TAKEN, "live.take"), (SuggestionStatus.SKIPPED, "live.skip")]
            if offer.kind == "probe":
                actions.append((SuggestionStatus.NOT_RELEVANT, "live.not_relevant"))
            for action, label in actions:
                st.button(
                    t(label),
                    key=f"interview_suggestion_{offer.id}_{action}",
                    width="stretch",
                    on_click=resolve,
                    args=(offer.id, str(action)),
                )


def draw_probes(
    state: FlowState, question_of: Callable[[str], Question], interview_id: int, ask: Callable[[str], None]
) -> None:
    """The probes (doorvragen) of the current guide question, folded beside the chat.

    ``question_of`` looks a question up as this interview asks it (a group interview's own wording).
    """
    if not state.current_question_id or state.current_question_id.startswith(OWN_PREFIX):
        return
    question = question_of(state.current_question_id)
    if not question.probes:
        return
    with st.expander(t("interview.probes"), expanded=False):
        for index, probe in enumerate(question.probes):
            st.text(probe)
            st.button(
                t("interview.ask_probe"), key=f"interview_probe_{interview_id}_{index}", on_click=ask, args=(probe,)
            )
