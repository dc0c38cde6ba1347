"""The demo scan: a fictional municipality with respondents and interviews (``data/demo.yaml``)."""

from __future__ import annotations

import logging

from sqlalchemy import select

from coding.codebook import DATA_DIR, load_yaml
from models import schema as s
from models.auth import Actor
from models.content import template_codebook_id
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.interviews import add_turn, create_interview, set_interview_status
from models.scans import add_respondent, create_scan, scan_by_name
from models.status import InterviewStatus, SpeakerRole, TurnKind
from texts import t

log = logging.getLogger(__name__)
DEMO_FILE = DATA_DIR / "demo.yaml"


def delete_scan(db: Database, actor: Actor, scan_id: int) -> None:
    """Delete a scan with everything in it (logged)."""
    actor.require("scan.create")
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            return
        codebook_id = scan.codebook_id
        record_event(session, actor, "scan.delete", entity="scan", entity_id=scan_id, before={"name": scan.name})
        session.delete(scan)
        session.flush()
        if session.scalar(select(s.Scan.id).where(s.Scan.codebook_id == codebook_id)) is None:
            book = session.get(s.Codebook, codebook_id)
            if book is not None and codebook_id != template_codebook_id(session):
                session.delete(book)


def load_demo(db: Database, actor: Actor, *, replace: bool = False, autocode: bool = True) -> int:
    """Create the scan ``demo``; with ``replace`` an existing one is deleted first.

    Interviews are stored turn by turn through the same services the chat
    screen uses, finished (which segments them) and auto-coded.
    """
    raw = load_yaml(DEMO_FILE.read_text(encoding="utf-8"))
    spec = raw["scan"]
    existing = scan_by_name(db, spec["name"])
    if existing is not None:
        if not replace:
            raise InputError(t("demo.exists"))
        delete_scan(db, actor, existing.id)
    scan_id = create_scan(
        db,
        actor,
        name=spec["name"],
        organisation=spec["organisation"],
        kind=spec["kind"],
        period=str(spec.get("period", "")),
        measurement=spec.get("measurement", "nulmeting"),
    )
    keys: dict[str, int] = {}
    for item in raw["respondents"]:
        respondent = add_respondent(
            db, actor, scan_id, role=item["role"], department=item.get("department", ""), consent=item["consent"]
        )
        keys[item["key"]] = respondent.id
    for item in raw["interviews"]:
        interview_id = create_interview(
            db,
            actor,
            scan_id,
            title=item["title"],
            kind=item["kind"],
            date=str(item["date"]),
            interviewer=item.get("interviewer", ""),
            participant_ids=[keys[k] for k in item["participants"]],
        )
        for turn in item["turns"]:
            if turn["speaker"] == "interviewer":
                add_turn(
                    db,
                    actor,
                    interview_id,
                    kind=TurnKind.QUESTION if turn.get("question") else TurnKind.OWN,
                    text=turn["text"],
                    speaker_role=SpeakerRole.INTERVIEWER,
                    speaker_label=t("speaker.interviewer"),
                    question_id=turn.get("question"),
                )
            else:
                add_turn(
                    db,
                    actor,
                    interview_id,
                    kind=TurnKind.ANSWER,
                    text=turn["text"],
                    speaker_role=SpeakerRole.RESPONDENT,
                    respondent_id=keys[turn["speaker"]],
                )
        set_interview_status(db, actor, interview_id, InterviewStatus.FINISHED)
    from coding.survey.demo import demo_survey_csv
    from models.surveys import import_file as import_survey

    import_survey(db, actor, scan_id, demo_survey_csv(), "demo-enquete.csv", name=t("survey.demo_name"), code=False)
    if autocode:
        from models.autocode import autocode as run_autocode

        run_autocode(db, scan_id=scan_id, actor=actor)
    from models.demo_documents import add_demo_documents  # the document study (issue 16)

    add_demo_documents(db, actor, scan_id, autocode=autocode)
    return scan_id
