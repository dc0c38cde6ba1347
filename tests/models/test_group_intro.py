"""A group interview is opened and closed in words for a group ("jullie"), an individual one for one person ("u")."""

from __future__ import annotations

import re

from coding.codebook import Guide, default_guide, dump_yaml, load_yaml
from models import interview_service as flow
from models.auth import LOCAL
from models.content import latest_guide
from models.db import Database
from models.interviews import create_interview, list_turns
from models.scans import add_respondent, create_scan

ONE_PERSON = re.compile(r"\b(u|uw|je|jij|jouw)\b", re.IGNORECASE)


def _interview(db: Database, kind: str) -> int:
    scan_id = create_scan(db, LOCAL, name=f"Scan {kind}", organisation="Gemeente Toets", kind="gemeente")
    people = [add_respondent(db, LOCAL, scan_id, role=role).id for role in ("jurist", "toezichthouder")]
    return create_interview(
        db,
        LOCAL,
        scan_id,
        title=f"Gesprek {kind}",
        kind=kind,
        date="2026-11-28",
        interviewer="Onderzoeker",
        participant_ids=people if kind == "groep" else people[:1],
    )


def test_group_interview_opens_with_the_group_intro(db: Database) -> None:
    guide = latest_guide(db)[1]
    interview_id = _interview(db, "groep")
    run = flow.resume(db, LOCAL, flow.open_run(db, LOCAL, interview_id))
    (opening,) = list_turns(db, interview_id)
    assert opening.question_id == guide.opening.id  # the same place in the plan, so resuming works as before
    assert opening.text == guide.opening.group_text != guide.opening.text
    assert "jullie" in opening.text and not ONE_PERSON.search(opening.text), opening.text
    probes = run.question(guide.opening.id).probes
    assert probes and all("jullie" in probe and not ONE_PERSON.search(probe) for probe in probes), probes


def test_individual_interview_keeps_the_intro_for_one_person(db: Database) -> None:
    guide = latest_guide(db)[1]
    interview_id = _interview(db, "individueel")
    run = flow.resume(db, LOCAL, flow.open_run(db, LOCAL, interview_id))
    (opening,) = list_turns(db, interview_id)
    assert opening.text == guide.opening.text and " u " in opening.text and "jullie" not in opening.text
    assert run.question(guide.opening.id).probes == guide.opening.probes


def test_group_closing_addresses_the_group_too() -> None:
    closing = default_guide().closing.for_kind("groep")
    assert "jullie" in closing.text and not ONE_PERSON.search(closing.text)
    assert all(not ONE_PERSON.search(probe) for probe in closing.probes)
    assert default_guide().closing.for_kind("individueel").text == default_guide().closing.text


def test_guide_without_group_wording_asks_a_group_the_same_and_round_trips() -> None:
    raw = default_guide().to_dict()
    assert raw["opening"]["group_text"] and "group_text" not in raw["sections"][0]["questions"][0]
    again = Guide.from_dict(load_yaml(dump_yaml(raw)))
    assert again.opening.group_text == default_guide().opening.group_text
    raw["opening"].pop("group_text")
    raw["opening"].pop("group_probes")
    plain = Guide.from_dict(raw)  # an older guide, stored before groups had their own intro
    assert plain.opening.for_kind("groep") == plain.opening
