"""The demo scan: a fictional municipality with respondents and interviews (``data/demo.yaml``)."""

from __future__ import annotations

import logging

from sqlalchemy import select

from coding.codebook import DATA_DIR, load_yaml
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound
from models.interviews import add_turn, create_interview, set_interview_status
from models.scans import add_respondent, create_scan, delete_scan, scan_by_name
from models.status import CodingStatus, InterviewStatus, SpeakerRole, TurnKind
from texts import t

log = logging.getLogger(__name__)
DEMO_FILE = DATA_DIR / "demo.yaml"


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
        if raw.get("analysis"):
            analyse(db, actor, scan_id, raw["analysis"])
    from models.demo_documents import add_demo_documents  # the document study (issue 16)

    add_demo_documents(db, actor, scan_id, autocode=autocode)
    from models.demo_report import add_demo_report  # the report (issue 17)

    add_demo_report(db, actor, scan_id)
    from models.demo_followup import add_demo_followup  # the action plan and "demo-vervolg" (issue 18)

    add_demo_followup(db, actor, scan_id, autocode=autocode)
    return scan_id


def _fragment_with(db: Database, scan_id: int, snippet: str) -> int:
    with db.session() as session:
        found = session.scalar(
            select(s.Fragment.id)
            .where(s.Fragment.scan_id == scan_id, s.Fragment.text.contains(snippet))
            .order_by(s.Fragment.id)
        )
    if found is None:
        raise NotFound("demo_fragment", snippet)
    return int(found)


def _top_suggestions(db: Database, scan_id: int) -> dict[int, tuple[float, str]]:
    """Per fragment with open suggestions: the highest confidence and its code."""
    with db.session() as session:
        rows = session.execute(
            select(s.Coding.fragment_id, s.Coding.confidence, s.Code.code)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .where(s.Fragment.scan_id == scan_id, s.Coding.status == CodingStatus.SUGGESTED, s.Coding.round_id.is_(None))
        ).all()
    best: dict[int, tuple[float, str]] = {}
    for fragment_id, confidence, code in rows:
        if confidence is not None and confidence > best.get(fragment_id, (-1.0, ""))[0]:
            best[fragment_id] = (float(confidence), code)
    return best


def analyse(db: Database, actor: Actor, scan_id: int, spec: dict[str, object]) -> None:
    """Play the demo analyst: accept sure suggestions, write memos, run an agreement round, fill the basket."""
    from models import agreement, decisions, memos, quotes

    for permission in ("code", "quote"):  # before anything of the scan is read
        actor.require(permission, scan_id)
    threshold = float(spec.get("accept_confidence", 0.8))  # type: ignore[arg-type]
    best = _top_suggestions(db, scan_id)
    chosen = {fid for fid, (confidence, _) in best.items() if confidence >= threshold}
    chosen |= {_fragment_with(db, scan_id, snippet) for snippet in spec.get("accept", [])}  # type: ignore[attr-defined]
    for fragment_id in sorted(chosen):
        decisions.accept(db, actor, fragment_id)
    for item in spec.get("second_codes", []):  # type: ignore[attr-defined]
        fragment_id = _fragment_with(db, scan_id, item["fragment"])
        for code in item["codes"]:
            try:
                decisions.add_code(db, actor, fragment_id, code)
            except InputError:  # the auto-coder already gave (and the analyst accepted) this code
                continue
    for memo in spec.get("memos", []):  # type: ignore[attr-defined]
        memos.add_memo(db, actor, scan_id, "fragment", _fragment_with(db, scan_id, memo["fragment"]), memo["text"])
    round_spec = spec.get("round")
    if isinstance(round_spec, dict):
        second = str(round_spec["second_coder"])
        round_id = agreement.create_round(
            db, actor, scan_id, str(round_spec["name"]), [actor.username, second], int(round_spec.get("size", 10))
        )
        differ = int(round_spec.get("differ_every", 4))
        pillars = ["BEW", "INF", "BEL", "INT", "COM"]
        for index, item in enumerate(agreement.round_queue(db, actor, round_id, actor.username)):
            code = best.get(item.fragment_id, (0.0, "BEW"))[1]
            pillar, _, rest = code.partition(".")
            theme = code if rest else None
            agreement.round_code(db, actor, round_id, actor.username, item.fragment_id, pillar, theme)
            if differ and index % differ == differ - 1:
                other = pillars[(pillars.index(pillar) + 1) % len(pillars)] if pillar in pillars else "BEW"
                agreement.round_code(db, actor, round_id, second, item.fragment_id, other, None)
            else:
                agreement.round_code(db, actor, round_id, second, item.fragment_id, pillar, theme)
    for snippet in spec.get("quotes", []):  # type: ignore[attr-defined]
        quotes.add_quote(db, actor, _fragment_with(db, scan_id, snippet))
