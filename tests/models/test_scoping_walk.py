"""Scan scoping, walked over EVERY public service function of ``models``.

Each public function taking ``(db, actor, …)`` is called by an interviewer and
by an analyst who are assigned to scan A only, with the ids of rows in scan B
(interview, turn, fragment, quote, memo, round, …). Every such call must be
refused with :class:`PermissionDenied`, reads included. Functions that are
global by design assert the scoping of what they return instead (``list_scans``,
``list_events``), or are refused by role. Admins see every scan by design
(``Actor.can``), so they are not walked. A new service function fails this test
until it is added to :data:`CALLS`, :data:`GLOBAL` or :data:`SELF`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

import models
from coding.transcripts import ParsedTranscript, ParsedTurn
from models import agreement, content, events, interviews, memos, quotes, scans
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from tests.factories import add_fragments, code_fragment

SKIP_MODULES = (".migrations", ".commands")


def service_functions() -> dict[str, Callable[..., Any]]:
    """``module.function`` -> function, for every public ``(db, actor, ...)`` function in ``models``."""
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.walk_packages(models.__path__, "models."):
        if any(part in info.name for part in SKIP_MODULES):
            continue
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != info.name:
                continue
            params = list(inspect.signature(function).parameters)
            if params[:2] == ["db", "actor"]:
                found[f"{info.name.removeprefix('models.')}.{name}"] = function
    return found


def _scan_world(db: Database, name: str) -> dict[str, Any]:
    """A scan with a respondent, an interview with a question and an answer, coded fragments, a quote, a memo."""
    scan_id = scans.create_scan(db, LOCAL, name=name, organisation=f"Gemeente {name}", kind="gemeente")
    person = scans.add_respondent(db, LOCAL, scan_id, role="beleidsadviseur", real_name="Anna Visser")
    interview_id = interviews.create_interview(
        db,
        LOCAL,
        scan_id,
        title="Gesprek",
        kind="individueel",
        date="2025-01-01",
        interviewer="x",
        participant_ids=[person.id],
    )
    interviews.add_turn(db, LOCAL, interview_id, kind="question", text="Hoe gaat het?", speaker_role="interviewer")
    turn = interviews.add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        speaker_role="respondent",
        respondent_id=person.id,
        text="We screenen nieuwe medewerkers op integriteit. Het RIEC helpt ons daarbij elke maand weer.",
    )
    fragments = add_fragments(db, turn, scan_id, interview_id)
    for fragment_id in fragments:
        code_fragment(db, fragment_id, "BEW.bewustwording")
    quote_id = quotes.add_quote(db, LOCAL, fragments[0], "BEW", "BEW.bewustwording")
    memo_id = memos.add_memo(db, LOCAL, scan_id, "fragment", fragments[0], "Een memo.")
    round_id = agreement.create_round(db, LOCAL, scan_id, "Ronde", ["anna", "piet"], 2)
    with db.session() as session:
        suggestion = s.Suggestion(interview_id=interview_id, turn_id=turn.id, kind="probe", target="BEW", text="?")
        session.add(suggestion)
        session.flush()
        suggestion_id = suggestion.id
        codebook_id = session.get(s.Scan, scan_id).codebook_id
    from coding.survey.demo import demo_survey_csv
    from models import checklist, documents, surveys

    survey_id = surveys.import_file(
        db, LOCAL, scan_id, demo_survey_csv(respondents=6), "enquete.csv", code=False
    ).survey_id
    document_text = b"Beleidsnota ondermijning. De gemeente screent vergunningen met de Bibob-toets."
    document_id = documents.import_documents(
        db, LOCAL, scan_id, [("nota.txt", document_text)], autocode=False
    ).document_ids[0]
    item_id = checklist.add_item(db, LOCAL, scan_id, pillar="BEW", label="Een punt")
    return {
        "survey_id": survey_id,
        "document_id": document_id,
        "item_id": item_id,
        "new": content.load_codebook(db, codebook_id),
        "question_id": content.latest_guide(db)[1].all_questions()[0].id,
        "scan_id": scan_id,
        "respondent_id": person.id,
        "interview_id": interview_id,
        "turn_id": turn.id,
        "fragment_id": fragments[0],
        "first_id": fragments[0],
        "second_id": fragments[1],
        "fragment_ids": fragments,
        "quote_id": quote_id,
        "memo_id": memo_id,
        "round_id": round_id,
        "suggestion_id": suggestion_id,
        "codebook_id": codebook_id,
        "target_type": "fragment",
        "target_id": fragments[0],
    }


@pytest.fixture
def world(db: Database) -> dict[str, dict[str, Any]]:
    return {"A": _scan_world(db, "Eigen scan"), "B": _scan_world(db, "Andere scan")}


def _actors(world: dict[str, dict[str, Any]]) -> list[Actor]:
    own = frozenset({world["A"]["scan_id"]})
    return [
        Actor(username="ingrid", role="interviewer", scan_ids=own),
        Actor(username="anna", role="analyst", scan_ids=own),
    ]


# Values for parameters that are not ids of scan B.
PLAIN: dict[str, Any] = {
    "text": "Nieuwe tekst.",
    "display_text": "Nieuwe tekst.",
    "name": "Nieuw",
    "title": "Nieuw",
    "description": "",
    "code": "BEW.bewustwording",
    "pillar": "BEW",
    "theme": None,
    "kind": "answer",
    "speaker_role": "respondent",
    "status": "afgerond",
    "direction": 1,
    "marked": True,
    "flag": True,
    "themes": [],
    "plan": [],
    "style": "respondent",
    "coder": "anna",
    "coders": ["anna", "piet"],
    "n": 1,
    "finding_key": "x",
    "reason": "omdat",
    "action": "taken",
    "at": 5,
    "fmt": "csv",
    "changes": {"consent": "nee"},
    "mapping": {},
    "search": "",
    "filters": None,
    "min_confidence": 0.0,
    "role": "medewerker",
    "date": "2025-01-01",
    "interviewer": "x",
    "participant_ids": [],
    "keywords": [],
    "data": b"<CodeBook/>",
    "label": "Nieuw punt",
    "filename": "enquete.csv",
    "files": [("nota.txt", b"Een nota over ondermijning.")],
    "survey": None,
}


# Valid ``**changes`` per function (a programming error in the field names is not what is walked).
VAR_CHANGES: dict[str, dict[str, Any]] = {"documents.update_document": {"title": "Nieuw"}}


def _call(name: str, function: Callable[..., Any], db: Database, actor: Actor, ids: dict[str, Any]) -> Any:
    if name.startswith("interview_service.") and name != "interview_service.open_run":
        from models.interview_service import open_run

        ids = {**ids, "run": open_run(db, LOCAL, ids["interview_id"])}
    if name == "imports.import_transcript":
        ids = {**ids, "parsed": ParsedTranscript([ParsedTurn("R", "Tekst.")], "txt", "utf-8", ["R"])}
    if name == "interviews.update_turn":
        ids = {**ids, "text": "Gecorrigeerd."}
    kwargs: dict[str, Any] = {}
    args: list[Any] = [db, actor]
    for param in list(inspect.signature(function).parameters.values())[2:]:
        if param.kind is inspect.Parameter.VAR_KEYWORD:
            kwargs.update(VAR_CHANGES.get(name, PLAIN["changes"]))
            continue
        value = ids.get(param.name, PLAIN.get(param.name, inspect.Parameter.empty))
        if value is inspect.Parameter.empty:
            if param.default is inspect.Parameter.empty:
                raise AssertionError(f"{name}: no value for parameter {param.name!r}; add it to the walk")
            continue
        if param.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return function(*args, **kwargs)


# Functions that take no scan: refused by role for interviewers and analysts (or allowed: SELF).
GLOBAL = {
    "scans.create_scan",
    "content.save_guide",
    "demo.load_demo",
    "refiqda.importer.import_qdpx",
    "refiqda.importer.import_file",
    "users.assign_scan",
    "users.create_user",
    "users.deactivate",
    "users.event_filters",
    "users.event_rows",
    "users.list_users",
    "users.set_password",
    "users.set_role",
}
GLOBAL_ARGS = {
    "scans.create_scan": {"name": "Nieuw", "organisation": "Nieuw", "kind": "gemeente"},
    "content.save_guide": {"guide": None},
    "refiqda.importer.import_qdpx": {"data": b"PK"},
    "refiqda.importer.import_file": {"path": None},
    "users.assign_scan": {"username": "anna", "scan_id": 1},
    "users.create_user": {"username": "nieuw", "password": "lang-genoeg-wachtwoord", "role": "analyst"},
    "users.deactivate": {"username": "anna"},
    "users.set_password": {"username": "anna", "password": "lang-genoeg-wachtwoord"},
    "users.set_role": {"username": "anna", "role": "admin"},
}
# Functions about the actor themself (their own login and logout): allowed for everyone.
SELF = {"users.record_login", "users.record_logout"}
SELF_ARGS = {"users.record_login": {"method": "password"}, "users.record_logout": {}}
# Functions that return only what the actor may see: checked by what they return.
SCOPED = {"scans.list_scans", "events.list_events"}
# Helpers with the (db, actor) signature that are called by services after their own checks.
INTERNAL = {"export_log.log_export"}


def test_scoping_walk_knows_every_service_function():
    unknown = sorted(set(service_functions()) - GLOBAL - SELF - SCOPED - INTERNAL - set(_scan_functions()))
    assert unknown == [], f"add these to the scoping walk: {unknown}"


def _scan_functions() -> list[str]:
    return [name for name in service_functions() if name not in GLOBAL | SELF | SCOPED | INTERNAL]


@pytest.mark.parametrize("name", sorted(set(service_functions()) - GLOBAL - SELF - SCOPED - INTERNAL))
def test_scoping_walk_refuses_another_scan(db, world, name):
    function = service_functions()[name]
    leaks = []
    for actor in _actors(world):
        try:
            _call(name, function, db, actor, world["B"])
        except PermissionDenied:
            continue
        except Exception as exc:  # any other outcome is a leak or a bug: the check must come first
            leaks.append(f"{actor.role}: {type(exc).__name__}: {exc}")
            continue
        leaks.append(f"{actor.role}: allowed")
    assert leaks == [], f"{name} does not refuse scan B: {leaks}"


@pytest.mark.parametrize("name", sorted(GLOBAL))
def test_scoping_walk_global_functions_refused_by_role(db, world, name, tmp_path):
    function = service_functions()[name]
    values = dict(GLOBAL_ARGS.get(name, {}))
    if name == "refiqda.importer.import_file":
        values["path"] = tmp_path / "x.qdpx"
        values["path"].write_bytes(b"PK")
    for actor in _actors(world):
        with pytest.raises(PermissionDenied):
            function(db, actor, **values)


@pytest.mark.parametrize("name", sorted(SELF))
def test_scoping_walk_self_functions_allowed(db, world, name):
    for actor in _actors(world):
        service_functions()[name](db, actor, **SELF_ARGS[name])


def test_scoping_walk_list_scans_only_assigned(db, world):
    for actor in _actors(world):
        assert [scan.id for scan in scans.list_scans(db, actor)] == [world["A"]["scan_id"]]


@pytest.mark.parametrize("entity", [None, "turn", "fragment", "interview", "scan", "respondent", "quote", "memo"])
def test_scoping_walk_list_events_never_shows_another_scan(db, world, entity):
    b = world["B"]
    with db.session() as session:
        b_events = {e.id for e in session.scalars(select(s.Event).where(s.Event.scan_id == b["scan_id"]))}
    for actor in _actors(world):
        for entity_id in (None, b.get(f"{entity}_id") if entity else None):
            try:
                shown_events = events.list_events(db, actor, entity=entity, entity_id=entity_id)
            except PermissionDenied:
                continue
            shown = {e.id for e in shown_events}
            assert not shown & b_events, f"{actor.role} sees events of scan B with entity={entity}"
            assert all(e.scan_id == world["A"]["scan_id"] for e in shown_events), f"{actor.role}: only scan A's history"
