"""Topic discovery on a stored scan: cached embeddings, stored runs, new themes."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from coding.topics import TooFewFragments
from models import schema as s
from models import topics as service
from models.auth import LOCAL, Actor
from models.content import load_codebook
from models.db import Database
from models.interviews import add_turn, create_interview, set_interview_status
from models.scans import add_respondent, create_scan, get_scan

SUBJECTS = {
    "meldpunt": [
        "Een melding van een vermoeden gaat naar het meldpunt",
        "Collega's weten niet waar ze signalen moeten melden",
        "Het meldpunt registreert elke melding centraal",
        "Wie een vermoeden heeft, meldt dat bij het interne meldpunt",
    ],
    "bibob": [
        "Bij een vergunningaanvraag doen we een Bibob-toets",
        "De Bibob-coördinator adviseert over de vergunning",
        "Het Bibob-onderzoek leidde tot weigering van de vergunning",
        "Voor afvalbedrijven starten we standaard een Bibob-onderzoek",
    ],
    "agressie": [
        "Een medewerker werd thuis bedreigd door een boze burger",
        "Agressie aan de balie melden we bij de teamleider",
        "Intimidatie en bedreiging van ambtenaren nemen toe",
        "Na een bedreiging doen we altijd aangifte bij de politie",
    ],
}


SUBJECT_OF: dict[str, str] = {}
"""Fragment text -> its subject, filled by :func:`_scan_with_fragments` (the texts carry no label)."""


def _scan_with_fragments(db: Database, n_per_subject: int) -> int:
    rng = random.Random(7)
    scan_id = create_scan(db, LOCAL, name="Onderwerpen", organisation="Gemeente O", kind="gemeente")
    respondent = add_respondent(db, LOCAL, scan_id, role="afdelingshoofd")
    interview_id = create_interview(
        db, LOCAL, scan_id, title="O", kind="individueel", date="", interviewer="", participant_ids=[respondent.id]
    )
    fillers = ["eigenlijk", "in de praktijk", "volgens mij", "bij ons", "soms", "vaak"]
    for subject, sentences in SUBJECTS.items():
        for i in range(n_per_subject):
            text = f"{rng.choice(sentences)}, {rng.choice(fillers)} {rng.choice(sentences).lower()} ({i})."
            SUBJECT_OF[text] = subject
            add_turn(
                db,
                LOCAL,
                interview_id,
                kind="answer",
                text=text,
                speaker_role="respondent",
                respondent_id=respondent.id,
            )
    set_interview_status(db, LOCAL, interview_id, "afgerond")
    return scan_id


@pytest.mark.slow  # fits BERTopic (UMAP + HDBSCAN, numba compilation)
def test_topics_service_finds_subjects_stores_run_and_reuses_it(db: Database) -> None:
    scan_id = _scan_with_fragments(db, 40)
    result, model = service.discover(db, LOCAL, scan_id)
    assert model is not None and len(result.topics) >= 3
    texts = service.fragment_texts(db, [f for topic in result.topics for f in topic.fragment_ids])
    for topic in result.topics:  # every topic is about one subject
        subjects = {SUBJECT_OF[texts[f]] for f in topic.fragment_ids}
        assert len(subjects) == 1, (topic.label, subjects)
    with db.session() as session:
        embedded = session.scalar(select(func.count()).select_from(s.Embedding))
        assert session.scalar(select(func.count()).select_from(s.TopicRun)) == 1
    again, again_model = service.discover(db, LOCAL, scan_id)
    assert again_model is None and again.to_json() == result.to_json()  # stored, not recomputed
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(s.Embedding)) == embedded  # never re-embedded


@pytest.mark.slow  # fits BERTopic (UMAP + HDBSCAN, numba compilation)
def test_topics_service_new_theme_makes_suggested_codings(db: Database) -> None:
    scan_id = _scan_with_fragments(db, 40)
    result, _ = service.discover(db, LOCAL, scan_id)
    topic = result.topics[0]
    name, description = service.theme_suggestion(topic)
    code = service.create_theme_from_topic(
        db,
        LOCAL,
        scan_id,
        pillar="INF",
        name=name,
        description=description,
        keywords=[w for w, _ in topic.words],
        fragment_ids=topic.fragment_ids,
    )
    assert code.startswith("INF.")
    scan = get_scan(db, LOCAL, scan_id)
    assert code in {th.code for th in load_codebook(db, scan.codebook_id).themes()}
    with db.session() as session:
        suggested = session.scalars(
            select(s.Coding.fragment_id).join(s.Code).where(s.Code.code == code, s.Coding.status == "suggested")
        ).all()
    assert sorted(suggested) == sorted(topic.fragment_ids)


def test_topics_service_too_few_fragments_gives_dutch_message(db: Database) -> None:
    scan_id = _scan_with_fragments(db, 10)
    with pytest.raises(TooFewFragments, match="Te weinig fragmenten"):
        service.discover(db, LOCAL, scan_id)


def test_topics_service_new_theme_needs_codebook_right(db: Database) -> None:
    scan_id = _scan_with_fragments(db, 10)
    analyst = Actor("analist", "analyst", frozenset({scan_id}))
    from models.auth import PermissionDenied

    with pytest.raises(PermissionDenied):
        service.create_theme_from_topic(
            db, analyst, scan_id, pillar="INF", name="x", description="", keywords=[], fragment_ids=[]
        )
