"""The demo's vervolgmeting ``demo-vervolg`` (``data/demo_followup.yaml``), through the services.

The demo report's recommendations become the action plan (with a few statuses set), the
vervolgmeting is created from ``demo``, gets two follow-up interviews and a changed survey:
one statement reworded (the analyst must match it), answers on the agree scales a step
more positive for about a third of the respondents.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random

from coding.codebook import DATA_DIR, load_yaml
from coding.survey.demo import demo_survey_csv
from coding.survey.scales import rank
from coding.survey.template import Template, load_template
from models import action_plan, action_sync
from models.auth import Actor
from models.db import Database
from models.decisions import accept
from models.errors import InputError
from models.followup import create_followup
from models.fragments import list_fragments
from models.interviews import add_turn, create_interview, list_interviews, set_interview_status
from models.scans import add_respondent, delete_scan, scan_by_name
from models.status import INTERVIEW_KINDS, FragmentStatus, InterviewStatus, SpeakerRole, TurnKind
from models.surveys import import_file
from texts import t

DEMO_FOLLOWUP = DATA_DIR / "demo_followup.yaml"


def changed_survey(raw: dict[str, object], *, seed: int = 28, respondents: int = 150) -> bytes:
    """The follow-up's survey CSV: the demo survey with reworded statements and more positive agree answers."""
    template = load_template()
    reworded = dict(raw.get("reworded") or {})  # type: ignore[call-overload]
    questions = [dataclasses.replace(q, text=str(reworded.get(q.code, q.text))) for q in template.questions]
    changed = Template(name=template.name, questions=questions)
    rows = list(csv.reader(io.StringIO(demo_survey_csv(seed, respondents, changed).decode("utf-8-sig")), delimiter=";"))
    rng, share = random.Random(seed), float(raw.get("shift", 0.3))  # type: ignore[arg-type]
    for column, question in enumerate(questions, start=2):
        ranked = [rank(option, "agree") for option in question.options]
        if question.type != "likert" or None in ranked:
            continue
        order = sorted(question.options, key=lambda o: rank(o, "agree")[1])  # type: ignore[index]
        for row in rows[1:]:
            if row[column] in order[:-1] and rng.random() < share:
                row[column] = order[order.index(row[column]) + 1]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _interviews(db: Database, actor: Actor, scan_id: int, raw: dict[str, object]) -> None:
    keys = {}
    for item in raw["respondents"]:  # type: ignore[attr-defined]
        keys[item["key"]] = add_respondent(db, actor, scan_id, role=item["role"], department=item["department"],
                                           consent=item["consent"]).id  # fmt: skip
    for item in raw["interviews"]:  # type: ignore[attr-defined]
        interview_id = create_interview(db, actor, scan_id, title=item["title"], kind=item["kind"],
                                        date=str(item["date"]), interviewer="Onderzoeker RIEC", participant_ids=[keys[k] for k in item["participants"]])  # fmt: skip
        for turn in item["turns"]:
            if turn["speaker"] == "interviewer":
                add_turn(db, actor, interview_id, kind=TurnKind.QUESTION, text=turn["text"],
                         speaker_role=SpeakerRole.INTERVIEWER, speaker_label=t("speaker.interviewer"),
                         question_id=turn.get("question"))  # fmt: skip
            else:
                add_turn(db, actor, interview_id, kind=TurnKind.ANSWER, text=turn["text"],
                         speaker_role=SpeakerRole.RESPONDENT, respondent_id=keys[turn["speaker"]])  # fmt: skip
        set_interview_status(db, actor, interview_id, InterviewStatus.FINISHED)


def _checklist(db: Database, actor: Actor, baseline_id: int, scan_id: int, changes: dict[str, str]) -> None:
    """The follow-up's checklist: the nulmeting's statuses, with the instruments that changed since."""
    from models.checklist import list_checklist, update_item

    before = {item.key: item.effective_status for item in list_checklist(db, actor, baseline_id)}
    for item in list_checklist(db, actor, scan_id):
        status = changes.get(item.key) or before.get(item.key)
        if status and status != "onbekend":
            update_item(db, actor, item.id, status=status)


def accept_suggestions(db: Database, actor: Actor, scan_id: int) -> int:
    """Accept every suggested interview fragment of a scan, as a demo analyst would (logged decisions)."""
    accepted = 0
    for interview in list_interviews(db, actor, scan_id):
        if interview.kind not in INTERVIEW_KINDS:
            continue
        for fragment in list_fragments(db, interview.id):
            if fragment.status == FragmentStatus.SUGGESTED:
                try:
                    accept(db, actor, fragment.id)
                    accepted += 1
                except InputError:
                    continue
    return accepted


def add_demo_followup(db: Database, actor: Actor, baseline_id: int, *, autocode: bool = True) -> int:
    """The action plan of ``demo`` and its vervolgmeting ``demo-vervolg``; returns the follow-up's id."""
    actor.require("scan.create")  # it replaces and creates a scan
    actor.require(action_plan.EDIT, baseline_id)
    raw = load_yaml(DEMO_FOLLOWUP.read_text(encoding="utf-8"))
    existing = scan_by_name(db, raw["scan"]["name"])
    if existing is not None:
        delete_scan(db, actor, existing.id)
    action_sync.sync_from_report(db, actor, baseline_id)
    for action, change in zip(action_plan.list_actions(db, actor, baseline_id), raw["actions"], strict=False):
        action_plan.update_action(db, actor, action.id, **{k: str(v) for k, v in change.items()})
    scan_id = create_followup(db, actor, baseline_id, name=raw["scan"]["name"], period=str(raw["scan"]["period"]))
    _interviews(db, actor, scan_id, raw)
    _checklist(db, actor, baseline_id, scan_id, dict(raw.get("checklist") or {}))
    import_file(db, actor, scan_id, changed_survey(raw), "demo-vervolg-enquete.csv", name=t("survey.demo_name"),
                code=False)  # fmt: skip
    if autocode:
        from models.autocode import autocode as run_autocode

        run_autocode(db, scan_id=scan_id, actor=actor)
        accept_suggestions(db, actor, baseline_id)
        accept_suggestions(db, actor, scan_id)
    return scan_id
