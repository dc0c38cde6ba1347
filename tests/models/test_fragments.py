"""Fragments of turns (models/fragments.py): merge and split keep offsets valid."""

from __future__ import annotations

import pytest

from models.auth import LOCAL
from models.db import Database
from models.errors import InputError
from models.events import list_events
from models.fragments import list_fragments, merge_fragments, split_fragment, split_points
from models.interviews import (
    add_turn,
    set_interview_status,
)
from tests.factories import new_interview


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(
        db, scan_name="S", organisation="Provincie Toets", kind="provincie", role="jurist",
        real_name="Geheime Naam", title="Gesprek jurist", date="2026-01-05",
    )  # fmt: skip


def test_store_merge_and_split_fragments_keep_offsets_valid(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    text = (
        "We hebben geen intern meldpunt voor signalen van ondermijning. "
        "Collega's melden een vermoeden bij hun leidinggevende of bij de vertrouwenspersoon. "
        "Daarnaast is er veel aandacht voor integriteit bij de ambtseed van nieuwe medewerkers."
    )
    turn = add_turn(
        db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent", respondent_id=respondent_id
    )
    set_interview_status(db, LOCAL, interview_id, "afgerond")
    first, second, *_ = list_fragments(db, interview_id)
    merged_id = merge_fragments(db, LOCAL, first.id, second.id)
    fragments = list_fragments(db, interview_id)
    merged = next(f for f in fragments if f.id == merged_id)
    assert merged.text == text[merged.start : merged.end] and merged.start == first.start and merged.end == second.end
    assert second.id not in {f.id for f in fragments}
    points = split_points(db, merged_id)
    assert second.start in points
    left_id, right_id = split_fragment(db, LOCAL, merged_id, second.start)
    by_id = {f.id: f for f in list_fragments(db, interview_id)}
    for fragment_id in (left_id, right_id):
        fragment = by_id[fragment_id]
        assert fragment.text == turn.text[fragment.start : fragment.end]
    assert by_id[right_id].start == second.start
    with pytest.raises(InputError, match="zinsgrens"):
        split_fragment(db, LOCAL, left_id, by_id[left_id].start + 3)
    third = max(by_id.values(), key=lambda f: f.start)
    with pytest.raises(InputError, match="aangrenzende"):
        merge_fragments(db, LOCAL, left_id, third.id)
    actions = [e.action for e in list_events(db, LOCAL, entity="fragment")]
    assert sorted(actions) == ["fragment.merge", "fragment.split"]
