"""The storage and service layer: migrations, turns, corrections, transcripts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select, text
from sqlalchemy.orm import sessionmaker

from models import schema as s
from models.auth import LOCAL
from models.content import guide_version, latest_guide, save_guide
from models.db import Database, make_engine
from models.errors import InputError
from models.events import list_events
from models.fragments import list_fragments, merge_fragments, split_fragment, split_points
from models.interviews import (
    add_turn,
    create_interview,
    get_interview,
    list_turns,
    set_interview_status,
    set_quote_marked,
    update_turn,
)
from models.migrate import current_revision, head_revision, upgrade_to_head
from models.scans import add_respondent, scan_by_name
from models.startup import connect_database
from models.transcript_export import transcript_docx, transcript_txt
from tests.factories import new_interview


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(
        db, scan_name="S", organisation="Provincie Toets", kind="provincie", role="jurist",
        real_name="Geheime Naam", title="Gesprek jurist", date="2026-01-05",
    )  # fmt: skip


def test_store_migration_from_first_revision_keeps_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'oud.sqlite'}"
    engine = make_engine(url)
    old = Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    upgrade_to_head(old, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO codebooks (id, name, version, created_at) VALUES (1, 'oud', 1, '2025-01-01')")
        )
        connection.execute(
            text(
                "INSERT INTO scans (id, name, organisation, kind, period, measurement, codebook_id, citation_style,"
                " created_at, created_by) VALUES (1, 'oud', 'Gemeente Oud', 'gemeente', '2025', 'nulmeting', 1,"
                " 'respondent', '2025-01-01', '')"
            )
        )
    engine.dispose()

    db = connect_database(url)
    assert current_revision(db) == head_revision(db) != "0001"
    scan = scan_by_name(db, "oud")
    assert scan is not None and scan.organisation == "Gemeente Oud"
    backups = list((tmp_path / "backups").glob("oud-voor-migratie-0001-*.sqlite"))
    assert len(backups) == 1 and backups[0].stat().st_mode & 0o777 == 0o600


def test_store_turn_with_same_token_is_stored_once(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    for _ in range(3):
        add_turn(
            db,
            LOCAL,
            interview_id,
            kind="answer",
            text="Eén keer.",
            speaker_role="respondent",
            respondent_id=respondent_id,
            client_token="abc",
        )
    assert [t.text for t in list_turns(db, interview_id)] == ["Eén keer."]


def test_store_update_turn_keeps_original_in_event_log_and_resegments(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        speaker_role="respondent",
        respondent_id=respondent_id,
        text="We hebben geen meldpunt. Signalen komen bij de leidinggevende terecht.",
    )
    set_interview_status(db, LOCAL, interview_id, "afgerond")
    before = {f.text for f in list_fragments(db, interview_id)}
    other = add_respondent(db, LOCAL, get_interview(db, LOCAL, interview_id).scan_id, role="jurist")
    update_turn(db, LOCAL, turn.id, text="We hebben sinds kort een intern meldpunt.", respondent_id=other.id)
    (event,) = list_events(db, LOCAL, entity="turn", entity_id=turn.id)
    assert event.before == {"text": turn.text, "respondent_id": respondent_id}
    assert event.after["respondent_id"] == other.id
    after = {f.text for f in list_fragments(db, interview_id)}
    assert after == {"We hebben sinds kort een intern meldpunt."} and after != before


def test_store_empty_answer_is_refused_and_nothing_stored(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    with pytest.raises(InputError, match="leeg antwoord"):
        add_turn(
            db, LOCAL, interview_id, kind="answer", text=" \n", speaker_role="respondent", respondent_id=respondent_id
        )
    assert list_turns(db, interview_id) == []


def test_store_guide_edit_makes_new_version_and_keeps_past_interviews(db: Database) -> None:
    scan_id, respondent_id, interview_id = _interview(db)
    used = get_interview(db, LOCAL, interview_id).guide_version_id
    guide_id, guide = latest_guide(db)
    guide.questions[0].text = "Een heel andere openingsvraag over ondermijning?"
    new_id = save_guide(db, LOCAL, guide)
    assert new_id != guide_id and guide_version(db, new_id).version == guide.version
    assert guide_version(db, used).questions[0].text != guide.questions[0].text
    later = create_interview(
        db, LOCAL, scan_id, title="Later", kind="individueel", date="", interviewer="", participant_ids=[respondent_id]
    )
    assert get_interview(db, LOCAL, later).guide_version_id == new_id


def test_store_plan_is_tailored_by_role(db: Database) -> None:
    _, guide = latest_guide(db)
    deep_bel = [q for q in guide.questions if q.pillar == "BEL" and not q.is_core]
    assert deep_bel, "the shipped guide has deeper BEL questions for some roles"
    role = deep_bel[0].roles[0]
    assert deep_bel[0].id in guide.plan_for([role])
    assert deep_bel[0].id not in guide.plan_for(["medewerker communicatie"])


def test_transcript_exports_show_pseudonyms_not_names(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    add_turn(
        db,
        LOCAL,
        interview_id,
        kind="question",
        text="Wat verstaat u onder ondermijning?",
        speaker_role="interviewer",
        question_id="BEW-1",
    )
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        text="Criminaliteit die de overheid aantast.",
        speaker_role="respondent",
        respondent_id=respondent_id,
    )
    set_quote_marked(db, LOCAL, turn.id)
    txt = transcript_txt(db, LOCAL, interview_id)
    assert "R01 (jurist) [citaat]: Criminaliteit die de overheid aantast." in txt
    assert "Interviewer [BEW-1]: Wat verstaat u onder ondermijning?" in txt
    assert "Geheime Naam" not in txt and "\r" not in txt
    document = Document(io.BytesIO(transcript_docx(db, LOCAL, interview_id)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Gesprek jurist"
    assert "R01 (jurist): [citaat] Criminaliteit die de overheid aantast." in paragraphs
    assert not any("Geheime Naam" in p for p in paragraphs)


def test_store_sqlite_runs_with_wal_and_foreign_keys(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite-specific settings")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with db.session() as session:
        assert session.scalar(select(s.Codebook.id)) is not None


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
