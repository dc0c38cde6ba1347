"""Pieces of the interview chat screen: the conversation, avatars, the kept draft."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import streamlit as st

from models import schema as s
from models.scans import respondent_label
from models.status import SpeakerRole, TurnKind
from texts import t

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
        st.caption(label + (f" · {t('interview.quote_marker')}" if turn.quote_marked else ""))
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
    with an empty box, and forgotten when it is sent with Enter.
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
