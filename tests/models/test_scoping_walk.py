"""Scan scoping, walked over EVERY public service function of ``models``.

Each public function taking ``(db, actor, …)`` is called by an interviewer and
by an analyst who are assigned to scan A (and its follow-ups) only, with the ids
of rows in scan B (interview, turn, fragment, quote, memo, round, report, section,
recommendation, action, follow-up, …). Every such call must be refused with
:class:`PermissionDenied`, reads included. Functions taking two scans (a follow-up
and its nulmeting) are refused with scan B in either place (:data:`PAIRS`), and
scan A's own report or plan is refused scan B's things in it (:data:`MIXED`).
Functions that are global by design assert the scoping of what they return
instead (``list_scans``, ``list_events``), or are refused by role. Admins see
every scan by design (``Actor.can``), so they are not walked. A new service
function fails this test until it is added to the walk, :data:`GLOBAL` or :data:`SELF`.
The two scans are built once per run and copied per test (``built_db``).
"""

from __future__ import annotations

import copy
import functools
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
from models.action_plan import RecommendationRef
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from tests.factories import add_fragments, code_fragment

SKIP_MODULES = (".migrations", ".commands")
SURVEY_CODE = "V7_1"  # a Likert statement of the demo survey, as imported (the template's ``bewust_1``)


@functools.cache
def service_functions() -> dict[str, Callable[..., Any]]:
    """``module.function`` -> function, for every public ``(db, actor, ...)`` function in ``models``.

    Walked once per process: the parametrisation and every test read the same map.
    """
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
    """A scan with a respondent, an interview with a question and an answer, coded fragments, a quote, a memo,
    a survey, a document and a checklist item, and its report, action plan and follow-up (:func:`_report_world`)."""
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
        **_report_world(db, name, scan_id, fragments, survey_id),
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


def _report_world(db: Database, name: str, scan_id: int, fragments: list[int], survey_id: int) -> dict[str, Any]:
    """The scan's report (a section with a quote and a figure in its text, a recommendation), the action plan
    made of it, and a follow-up with a reworded survey statement awaiting the analyst's match."""
    from models import action_plan, action_sync, comparison, followup, reports, surveys
    from models.demo_followup import changed_survey

    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    section_key = "BEW.conclusie"
    quote = reports.insert_quote(db, LOCAL, report_id, section_key, fragments[0], pillar="BEW",
                                 theme="BEW.bewustwording")  # fmt: skip
    figure = reports.insert_survey_item(db, LOCAL, report_id, section_key, kind="figure", survey_id=survey_id,
                                        codes=[SURVEY_CODE])  # fmt: skip
    reports.save_section(
        db, LOCAL, report_id, section_key, f"Conclusie.\n{quote.token}\n{figure.token}", base_version=0
    )
    evidence = [{"kind": "fragment", "id": fragments[0]}]
    recommendation_id = reports.add_recommendation(db, LOCAL, report_id, pillar="BEW", title="Train", evidence=evidence)
    action_sync.sync_from_report(db, LOCAL, scan_id)
    action = action_plan.list_actions(db, LOCAL, scan_id)[0]
    followup_name = f"{name} vervolg"
    followup_id = followup.create_followup(db, LOCAL, scan_id, name=followup_name)
    statement = "Ik ben voldoende bewust van ondermijning en in staat om signalen ervan te herkennen"
    reworded = changed_survey({"reworded": {"bewust_2": statement}, "shift": 0}, respondents=6)
    surveys.import_file(db, LOCAL, followup_id, reworded, "enquete.csv", code=False)
    pending = comparison.match_proposals(db, LOCAL, followup_id, scan_id)["pending"][0]
    return {
        "report_id": report_id,
        "key": section_key,
        "section_key": section_key,
        "report_item_id": figure.id,
        "codes": [SURVEY_CODE],
        "evidence": evidence,
        "recommendation_id": recommendation_id,
        "recommendations": [RecommendationRef(recommendation_id, action.number, action.pillar, action.title)],
        "action_id": action.id,
        "followup_id": followup_id,
        "baseline_scan_id": scan_id,
        "baseline_id": scan_id,
        "baseline_key": pending.before,
        "followup_key": pending.after,
        "scan": followup_name,
        "baseline": name,
    }


def _build_world(db: Database) -> dict[str, dict[str, Any]]:
    from models.followup import create_followup

    a, b = _scan_world(db, "Eigen scan"), _scan_world(db, "Andere scan")
    # a follow-up of B the actors are assigned to (not to B), and one of A they are not assigned to
    cross = {
        "own_followup_of_b": create_followup(db, LOCAL, b["scan_id"], name="Eigen vervolg van B"),
        "other_followup_of_a": create_followup(db, LOCAL, a["scan_id"], name="Ander vervolg van A"),
    }
    return {"A": a, "B": b, "cross": cross}


@pytest.fixture
def walked(built_db) -> tuple[Database, dict[str, dict[str, Any]]]:
    """A fresh database holding the two scans (built once per run, copied per test) and their ids."""
    database, world = built_db("scoping-walk", _build_world)
    return database, copy.deepcopy(world)


@pytest.fixture
def db(walked) -> Database:
    return walked[0]


@pytest.fixture
def world(walked) -> dict[str, dict[str, Any]]:
    return walked[1]


def _own(world: dict[str, dict[str, Any]]) -> frozenset[int]:
    """Scan A, its follow-up (which gets A's users) and the own follow-up of scan B."""
    return frozenset({world["A"]["scan_id"], world["A"]["followup_id"], world["cross"]["own_followup_of_b"]})


def _actors(world: dict[str, dict[str, Any]]) -> list[Actor]:
    own = _own(world)
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
    "where": "BEW.conclusie",
    "template": {"chapters": [{"key": "k", "title": "K", "sections": [{"key": "s", "kind": "written"}]}]},
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
    "prepared": [],
    "survey": None,
    "spec": {},
    "confirmed": True,
    "base_version": 1,
}


# Valid ``**changes`` per function (a programming error in the field names is not what is walked).
VAR_CHANGES: dict[str, dict[str, Any]] = {
    "documents.update_document": {"title": "Nieuw"},
    "action_plan.update_action": {"status": "bezig"},
    "reports.update_recommendation": {"title": "Nieuw"},
}
# Per function, parameters whose world value is under another name.
RENAMED: dict[str, dict[str, str]] = {"reports.refresh_item": {"item_id": "report_item_id"}}


def _call(
    name: str, function: Callable[..., Any], db: Database, actor: Actor, ids: dict[str, Any],
    changes: dict[str, Any] | None = None,
) -> Any:  # fmt: skip
    ids = {**ids, **{param: ids[key] for param, key in RENAMED.get(name, {}).items()}}
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
            kwargs.update(changes if changes is not None else VAR_CHANGES.get(name, PLAIN["changes"]))
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


# Functions about a vervolgmeting: walked with scan B and with B's follow-up as ``scan_id`` (baseline: B).
ABOUT_FOLLOWUP = {
    "comparison.compare_scans",
    "comparison.decide_match",
    "comparison.match_proposals",
    "followup.baseline_of",
    "followup.instrument_changes",
    "followup.recorded_actions",
    "followup.snapshot_actions",
    "followup.survey_structure",
    "followup_report.development_blocks",
    "surveys.import_template",
}


def _leaks(name: str, db: Database, world: dict[str, dict[str, Any]], ids: dict[str, Any],
           changes: dict[str, Any] | None = None) -> list[str]:  # fmt: skip
    """What each actor got other than :class:`PermissionDenied` (empty when both were refused)."""
    function = service_functions()[name]
    leaks = []
    for actor in _actors(world):
        try:
            _call(name, function, db, actor, ids, changes)
        except PermissionDenied:
            continue
        except Exception as exc:  # any other outcome is a leak or a bug: the check must come first
            leaks.append(f"{actor.role}: {type(exc).__name__}: {exc}")
            continue
        leaks.append(f"{actor.role}: allowed")
    return leaks


@pytest.fixture(scope="module")
def refused_walk(shared_built_db):
    """The two scans in one copy for the whole refusal walk: a refused call changes nothing.

    A test that finds a call going through spoils the copy, so the next one starts
    from a new copy (the same world as ``walked``, without copying it 200 times).
    """
    return shared_built_db("scoping-walk", _build_world)


@pytest.mark.parametrize("name", sorted(set(service_functions()) - GLOBAL - SELF - SCOPED - INTERNAL))
def test_scoping_walk_refuses_another_scan(refused_walk, name, tmp_path, monkeypatch):
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    db, world = refused_walk.get()
    b = world["B"]
    variants = [b, {**b, "scan_id": b["followup_id"]}] if name in ABOUT_FOLLOWUP else [b]
    leaks = [leak for ids in variants for leak in _leaks(name, db, world, ids)]
    if leaks:
        refused_walk.spoil()
    assert leaks == [], f"{name} does not refuse scan B: {leaks}"


# Functions taking a follow-up (``scan_id``) and its nulmeting (``baseline_scan_id``).
TWO_SCANS = ("comparison.compare_scans", "comparison.match_proposals", "followup.instrument_changes")
# Scan B, or a scan that is not the actors', in either place; linked as follow-up and baseline or not.
PAIRS = {
    "own follow-up of B, baseline B": ("cross.own_followup_of_b", "B.scan_id"),
    "own follow-up of A, baseline B": ("A.followup_id", "B.scan_id"),
    "follow-up of B, own baseline A": ("B.followup_id", "A.scan_id"),
    "other follow-up of A, own baseline A": ("cross.other_followup_of_a", "A.scan_id"),
    "own A, baseline B": ("A.scan_id", "B.scan_id"),
    "B, own baseline A": ("B.scan_id", "A.scan_id"),
}
# Functions that read a follow-up's nulmeting: the actors' own follow-up of scan B is refused.
OF_BASELINE = ("comparison.decide_match", "followup.recorded_actions", "followup.snapshot_actions",
               "followup_report.development_blocks")
# The actors' own report or plan of scan A with one thing of scan B in it (these parameters from B).
MIXED = {
    "reports.insert_quote": ("fragment_id",),
    "reports.insert_survey_item": ("survey_id", "codes"),
    "reports.add_recommendation": ("evidence",),
    "reports.update_recommendation": ("evidence",),
    "action_plan.sync_actions": ("recommendations",),
}


def _ref(world: dict[str, dict[str, Any]], ref: str) -> int:
    part, key = ref.split(".")
    return int(world[part][key])


@pytest.mark.parametrize("pair", sorted(PAIRS))
@pytest.mark.parametrize("name", TWO_SCANS)
def test_scoping_walk_two_scans_refuse_scan_b_in_either_place(db, world, name, pair):
    followup, baseline = (_ref(world, ref) for ref in PAIRS[pair])
    leaks = _leaks(name, db, world, {**world["A"], "scan_id": followup, "baseline_scan_id": baseline})
    assert leaks == [], f"{name} does not refuse {pair}: {leaks}"


@pytest.mark.parametrize("name", OF_BASELINE)
def test_scoping_walk_own_followup_of_scan_b_refused(db, world, name):
    leaks = _leaks(name, db, world, {**world["B"], "scan_id": world["cross"]["own_followup_of_b"]})
    assert leaks == [], f"{name} reads scan B through an own follow-up of it: {leaks}"


@pytest.mark.parametrize("name", sorted(MIXED))
def test_scoping_walk_own_report_refuses_scan_b_in_it(db, world, name):
    taken = {key: world["B"][key] for key in MIXED[name]}
    changes = taken if name == "reports.update_recommendation" else None
    leaks = _leaks(name, db, world, {**world["A"], **taken}, changes)
    assert leaks == [], f"{name} takes {sorted(taken)} of scan B into scan A: {leaks}"


@pytest.mark.parametrize("name", sorted({*TWO_SCANS, *OF_BASELINE, *MIXED}))
def test_scoping_walk_analyst_may_on_own_scans(db, world, name):
    """The refusals above are about scan B: the same calls on the analyst's own scans go through."""
    a = world["A"]
    ids = {**a, "scan_id": a["followup_id"]} if name in TWO_SCANS + OF_BASELINE else {**a, "kind": "figure"}
    changes = {"evidence": a["evidence"]} if name == "reports.update_recommendation" else None
    _call(name, service_functions()[name], db, _actors(world)[1], ids, changes)


def test_scoping_walk_comparison_by_name_does_not_tell_whether_a_scan_exists(db, world):
    from models.comparison import comparison_by_name
    from models.errors import InputError

    a, b, unknown = world["A"], world["B"], "Bestaat niet"
    names = [(b["scan"], b["baseline"]), (unknown, b["baseline"]), (b["scan"], unknown), (unknown, unknown),
             (a["scan"], b["baseline"]), (a["scan"], unknown), (unknown, a["baseline"]),
             ("Eigen vervolg van B", b["baseline"])]  # fmt: skip
    for actor in _actors(world):
        refusals = set()
        for scan, baseline in names:
            with pytest.raises(PermissionDenied) as refused:
                comparison_by_name(db, actor, scan, baseline)
            refusals.add((refused.value.code, refused.value.message()))
        assert len(refusals) == 1, f"{actor.role} is refused differently: {refusals}"
    assert comparison_by_name(db, _actors(world)[1], a["scan"], a["baseline"]).baseline == a["baseline"]
    with pytest.raises(InputError):  # who sees every scan is told that a name is unknown
        comparison_by_name(db, LOCAL, unknown, a["baseline"])


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
        assert {scan.id for scan in scans.list_scans(db, actor)} == _own(world)


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
            assert all(e.scan_id in _own(world) for e in shown_events), f"{actor.role}: only the own scans' history"
