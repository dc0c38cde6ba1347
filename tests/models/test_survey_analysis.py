"""Triangulation per pillar and the coder's mapping suggestions for survey questions."""

from __future__ import annotations

from sqlalchemy import select

from coding.survey.demo import demo_survey_csv
from models import schema as s
from models import survey_analysis, surveys
from models.auth import Actor
from models.db import Database
from models.scans import create_scan

PILLARS = {"BEW", "INF", "BEL", "INT", "COM"}


def _demo(db: Database, actor: Actor) -> tuple[int, int]:
    scan_id = create_scan(db, actor, name="tri", organisation="Gemeente Test", kind="gemeente")
    outcome = surveys.import_file(db, actor, scan_id, demo_survey_csv(respondents=80), "demo.csv", code=False)
    return scan_id, outcome.survey_id


def test_survey_analysis_triangulation_lists_the_pillars_statements_and_only_interview_evidence(
    db: Database, local_actor: Actor
) -> None:
    scan_id, survey_id = _demo(db, local_actor)
    with db.session() as session:  # an analyst accepts a survey fragment under INT.veilige_cultuur
        container = surveys.get_survey(db, local_actor, survey_id).interview_id
        fragment = session.scalars(select(s.Fragment).where(s.Fragment.interview_id == container)).first()
        scan = session.get(s.Scan, scan_id)
        assert fragment is not None and scan is not None
        code = session.scalars(
            select(s.Code).where(s.Code.codebook_id == scan.codebook_id, s.Code.code == "INT.veilige_cultuur")
        ).one()
        session.add(s.Coding(fragment_id=fragment.id, code_id=code.id, status="accepted", source="manual"))
    view = survey_analysis.triangulation(db, local_actor, scan_id, "INT")
    texts = [statement.text for statement in view.statements]
    assert "Belangenverstrengeling tussen werk en privé" in texts
    assert all(statement.sentence and "n=" in statement.sentence for statement in view.statements)
    assert not any(statement.code.startswith("V") and "toelichten" in statement.text for statement in view.statements)
    safe = next(theme for theme in view.themes if theme.code == "INT.veilige_cultuur")
    assert safe.fragments == 0  # the survey's own answer is no interview evidence
    assert safe.survey_statements >= 4


def test_survey_analysis_coder_suggests_a_pillar_per_question(db: Database, local_actor: Actor) -> None:
    _scan_id, survey_id = _demo(db, local_actor)
    suggestions = survey_analysis.suggest_mapping(db, local_actor, survey_id)
    questions = surveys.load_survey(db, local_actor, survey_id).questions
    assert set(suggestions) == {spec.code for spec in questions}
    assert {suggestion.pillar for suggestion in suggestions.values()} <= PILLARS
    assert all(s.theme is None or s.theme.startswith(s.pillar + ".") for s in suggestions.values())
