"""The comparison of a vervolgmeting with its nulmeting, per pillar (issue 18).

Per pillar: the survey statements asked in both scans (:mod:`coding.compare` does
the statistics), the interview themes normalised by the number of interviews, the
checklist of instruments, and the status of the nulmeting's recommendations in
the action plan at the time of the follow-up: the snapshot taken when the follow-up was
created (:func:`models.followup.recorded_actions`), so later edits of the plan do not
rewrite it; the plan's current status only for a follow-up without a snapshot.

Statements are paired across the two surveys by :func:`coding.compare.propose_matches`:
identical and normalised-identical wording automatically, changed wording only once
the analyst confirmed it (:func:`decide_match`, stored in ``statement_matches``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding import compare as c
from coding.survey.scales import is_positive, rank
from models import followup_schema as f
from models import schema as s
from models.action_plan import EDIT, ActionView, list_actions, status_counts
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.followup import followup_scan, instrument_changes, recorded_actions
from models.status import INTERVIEW_KINDS, CodingStatus
from texts import t


@dataclass
class Statement:
    """A Likert statement of one scan's survey: its key ``survey/code``, text, labels and counts."""

    key: str
    text: str
    pillar: str | None
    labels: list[str]
    counts: list[int]
    positive: list[int]
    scale: str | None = None


@dataclass
class PillarComparison:
    pillar: str
    name: str
    statements: list[c.StatementComparison] = field(default_factory=list)
    themes: list[c.ThemeChange] = field(default_factory=list)
    checklist: list[c.Transition] = field(default_factory=list)
    actions: list[ActionView] = field(default_factory=list)


@dataclass
class Comparison:
    scan: str
    baseline: str
    interviews_before: int
    interviews_after: int
    pillars: list[PillarComparison]
    theme_names: dict[str, str]
    instrument_notes: list[str]
    pending_matches: list[c.MatchProposal]
    statement_texts: dict[str, str]
    actions_as_of: str = ""  # the date of the action plan's snapshot; "" when it is the current plan

    @property
    def statements(self) -> list[c.StatementComparison]:
        return [item for pillar in self.pillars for item in pillar.statements]

    @property
    def themes(self) -> list[c.ThemeChange]:
        return [item for pillar in self.pillars for item in pillar.themes]

    def summary(self) -> dict[str, Any]:
        """The command line's last line."""
        actions = [action for pillar in self.pillars for action in pillar.actions]
        return {
            "pillars": len(self.pillars),
            "statements_compared": len(self.statements),
            "significant": sum(1 for item in self.statements if item.meaningful),
            "themes_compared": len(self.themes),
            "recommendations": {
                key: status_counts(actions)[key] for key in ("gereed", "bezig", "gepland", "vervallen")
            },
        }


# --- survey statements -------------------------------------------------------------------
def _positive(labels: list[str], scale: str | None) -> list[int]:
    """Indices of the positive side of a scale ("(helemaal) eens"); above its middle when the labels are unknown."""
    found = [i for i, label in enumerate(labels) if is_positive(label, scale)] if scale else []
    if found:
        return found
    middle = (len(labels) - 1) / 2
    return [i for i in range(len(labels)) if i > middle]


def align_scales(first: Statement, second: Statement) -> tuple[list[str], list[int], list[int], list[int]] | None:
    """Both statements on one scale: labels, counts before and after, positive indices; ``None`` when they differ.

    A survey export lists only the options someone chose, so one scan may lack a
    scale point the other has: labels of one known family are then merged in
    their scale order (an unchosen point counts 0). Other differences are a changed scale.
    """
    norm_first = [c.normalise_text(x) for x in first.labels]
    norm_second = [c.normalise_text(x) for x in second.labels]
    if norm_first == norm_second:
        return second.labels, first.counts, second.counts, second.positive
    scale = second.scale
    if not scale or first.scale != scale:
        return None
    ranks: dict[str, tuple[float, str]] = {}
    for label in [*first.labels, *second.labels]:
        found = rank(label, scale)
        if found is None:
            return None
        ranks.setdefault(c.normalise_text(label), (found[1], label))
    if len({value for value, _ in ranks.values()}) != len(ranks):
        return None
    order = sorted(ranks, key=lambda key: ranks[key][0])
    labels = [ranks[key][1] for key in order]
    count_first = dict(zip(norm_first, first.counts, strict=True))
    count_second = dict(zip(norm_second, second.counts, strict=True))
    return (labels, [count_first.get(k, 0) for k in order], [count_second.get(k, 0) for k in order],
            _positive(labels, scale))  # fmt: skip


def survey_statements(session: Session, scan_id: int) -> dict[str, Statement]:
    """The scan's Likert statements with counts per valid scale point (missing answers left out)."""
    survey, question, answer = s.Survey, s.SurveyQuestion, s.SurveyAnswer
    out: dict[str, Statement] = {}
    rows = session.execute(
        select(question, survey.name)
        .join(survey, survey.id == question.survey_id)
        .where(survey.scan_id == scan_id, question.type == "likert")
        .order_by(survey.id, question.position)
    ).all()
    ids = [row.id for row, _ in rows]
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    if ids:
        query = (
            select(answer.question_id, answer.option_index, func.count())
            .where(answer.question_id.in_(ids), answer.option_index.is_not(None))
            .group_by(answer.question_id, answer.option_index)
        )
        for question_id, index, count in session.execute(query):
            if index is not None:
                counts[int(question_id)][int(index)] = int(count)
    for row, survey_name in rows:
        options = list((row.options or {}).get("options", []))
        valid = [(i, str(o.get("label", ""))) for i, o in enumerate(options) if not o.get("missing")]
        labels = [label for _, label in valid]
        scale = (row.options or {}).get("scale")
        out[f"{survey_name}/{row.code}"] = Statement(
            key=f"{survey_name}/{row.code}", text=row.text, pillar=row.pillar, labels=labels,
            counts=[counts[row.id].get(i, 0) for i, _ in valid], positive=_positive(labels, scale), scale=scale,
        )  # fmt: skip
    return out


def _decisions(session: Session, scan_id: int) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    rows = session.scalars(select(f.StatementMatch).where(f.StatementMatch.scan_id == scan_id)).all()
    confirmed = [(r.baseline_key, r.followup_key) for r in rows if r.confirmed]
    rejected = {(r.baseline_key, r.followup_key) for r in rows if not r.confirmed}
    return confirmed, rejected


def _pairs(
    before: dict[str, Statement], after: dict[str, Statement], session: Session, scan_id: int
) -> tuple[list[tuple[str, str]], list[c.MatchProposal]]:
    proposals = c.propose_matches({k: v.text for k, v in before.items()}, {k: v.text for k, v in after.items()})
    confirmed, rejected = _decisions(session, scan_id)
    kept = [p for p in proposals if (p.before, p.after) not in rejected]
    pairs = [pair for pair in c.confirmed_pairs(kept, confirmed) if pair[0] in before and pair[1] in after]
    paired = {a for a, _ in pairs} | {b for _, b in pairs}
    pending = [p for p in kept if not p.automatic and p.before not in paired and p.after not in paired]
    return pairs, pending


def match_proposals(db: Database, actor: Actor, scan_id: int, baseline_scan_id: int) -> dict[str, Any]:
    """Statements of both scans, the pairs that count, and the changed wordings awaiting the analyst."""
    _check(db, actor, scan_id, baseline_scan_id)
    with db.session() as session:
        before = survey_statements(session, baseline_scan_id)
        after = survey_statements(session, scan_id)
        pairs, pending = _pairs(before, after, session, scan_id)
    return {"before": before, "after": after, "pairs": pairs, "pending": pending}


def decide_match(
    db: Database, actor: Actor, scan_id: int, baseline_key: str, followup_key: str, *, confirmed: bool
) -> None:
    """The analyst confirms (or rejects) that two statements are the same question (logged)."""
    actor.require(EDIT, scan_id)
    with db.session() as session:
        scan, baseline_id = followup_scan(session, actor, scan_id)  # the nulmeting's statements are read too
        if baseline_key not in survey_statements(session, baseline_id):
            raise InputError(t("followup.error.match", statement=baseline_key))
        if followup_key not in survey_statements(session, scan_id):
            raise InputError(t("followup.error.match", statement=followup_key))
        row = session.scalar(select(f.StatementMatch).where(
            f.StatementMatch.scan_id == scan_id, f.StatementMatch.baseline_key == baseline_key,
            f.StatementMatch.followup_key == followup_key))  # fmt: skip
        before = None if row is None else {"confirmed": bool(row.confirmed)}
        if row is None:
            row = f.StatementMatch(scan_id=scan_id, baseline_key=baseline_key, followup_key=followup_key)
            session.add(row)
        row.confirmed, row.decided_by = int(confirmed), actor.username
        session.flush()
        record_event(session, actor, "followup.match", entity="statement_match", entity_id=row.id, scan_id=scan_id,
                     before=before, after={"baseline": baseline_key, "followup": followup_key,
                                           "confirmed": confirmed})  # fmt: skip


# --- themes ------------------------------------------------------------------------------
def _interviews(session: Session, scan_id: int) -> int:
    return int(session.scalar(select(func.count(s.Interview.id)).where(
        s.Interview.scan_id == scan_id, s.Interview.kind.in_(INTERVIEW_KINDS))) or 0)  # fmt: skip


def theme_codings(session: Session, scan_id: int) -> list[tuple[int, int, str]]:
    """``(interview_id, fragment_id, theme)`` of accepted theme codings in the scan's interviews."""
    query = (
        select(s.Fragment.interview_id, s.Fragment.id, s.Code.code)
        .join(s.Coding, s.Coding.fragment_id == s.Fragment.id)
        .join(s.Code, s.Code.id == s.Coding.code_id)
        .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
        .where(
            s.Fragment.scan_id == scan_id,
            s.Coding.status == CodingStatus.ACCEPTED,
            s.Coding.round_id.is_(None),
            s.Code.parent_id.is_not(None),
            s.Interview.kind.in_(INTERVIEW_KINDS),
        )
    )
    return [(int(a), int(b), str(code)) for a, b, code in session.execute(query)]


# --- checklist ---------------------------------------------------------------------------
def _checklist(session: Session, scan_id: int) -> list[tuple[str, str, str, str]]:
    item = s.ChecklistItem
    rows = session.scalars(select(item).where(item.scan_id == scan_id).order_by(item.position, item.id))
    return [(r.key, r.pillar, r.label, r.status or r.proposed_status or "onbekend") for r in rows]


# --- the comparison ----------------------------------------------------------------------
def _check(db: Database, actor: Actor, scan_id: int, baseline_scan_id: int) -> tuple[s.Scan, s.Scan]:
    actor.require(EDIT, scan_id)
    actor.require(EDIT, baseline_scan_id)
    if scan_id == baseline_scan_id:
        raise InputError(t("followup.error.same_scan"))
    with db.session() as session:
        scan, baseline = session.get(s.Scan, scan_id), session.get(s.Scan, baseline_scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        if baseline is None:
            raise NotFound("scan", baseline_scan_id)
        if scan.baseline_scan_id != baseline.id:
            raise InputError(t("followup.error.no_baseline", name=scan.name, baseline=baseline.name))
        return scan, baseline


def compare_scans(db: Database, actor: Actor, scan_id: int, baseline_scan_id: int) -> Comparison:
    """The comparison of the vervolgmeting ``scan_id`` with its nulmeting, per pillar of the follow-up's codebook."""
    scan, baseline = _check(db, actor, scan_id, baseline_scan_id)
    recorded = recorded_actions(db, actor, scan_id)
    actions, as_of = recorded if recorded is not None else (list_actions(db, actor, baseline_scan_id), "")
    with db.session() as session:
        book = codebook_data(session, scan.codebook_id)
        names = {p.code: p.name for p in book.pillars}
        theme_names = {theme.code: theme.name for p in book.pillars for theme in p.themes}
        before = survey_statements(session, baseline_scan_id)
        after = survey_statements(session, scan_id)
        pairs, pending = _pairs(before, after, session, scan_id)
        n_before, n_after = _interviews(session, baseline_scan_id), _interviews(session, scan_id)
        themes = c.compare_themes(
            c.theme_frequencies(theme_codings(session, baseline_scan_id), n_before),
            c.theme_frequencies(theme_codings(session, scan_id), n_after), n_before, n_after,
        )  # fmt: skip
        moves = c.checklist_transitions(_checklist(session, baseline_scan_id), _checklist(session, scan_id))
    inputs = []
    for a, b in pairs:
        first, second = before[a], after[b]
        aligned = align_scales(first, second)
        if aligned is not None:
            labels, counts_before, counts_after, positive = aligned
        else:  # a changed scale: only the share on each scan's own positive side is compared
            x1, x2 = sum(first.counts[i] for i in first.positive), sum(second.counts[i] for i in second.positive)
            labels = [t("followup.label.other"), t("followup.label.positive")]
            counts_before, counts_after, positive = [sum(first.counts) - x1, x1], [sum(second.counts) - x2, x2], [1]
        inputs.append(c.StatementInput(
            key=f"{a} → {b}", text=first.text, labels=labels, before=counts_before, after=counts_after,
            positive=positive, pillar=second.pillar or first.pillar, same_scale=aligned is not None,
            after_text=second.text if second.text != first.text else None, scale=second.scale,
        ))  # fmt: skip
    compared = c.compare_statements(inputs)
    pillars = list(names) + sorted({x.pillar for x in compared if x.pillar and x.pillar not in names})
    out = []
    for pillar in pillars:
        out.append(PillarComparison(
            pillar=pillar, name=names.get(pillar, pillar),
            statements=[x for x in compared if x.pillar == pillar],
            themes=[x for x in themes if x.theme.split(".")[0] == pillar],
            checklist=[x for x in moves if x.pillar == pillar],
            actions=[x for x in actions if x.pillar == pillar],
        ))  # fmt: skip
    unplaced = [x for x in compared if not x.pillar]
    if unplaced:
        out.append(PillarComparison(pillar="", name=t("followup.no_pillar"), statements=unplaced))
    texts = {**{k: v.text for k, v in before.items()}, **{k: v.text for k, v in after.items()}}
    return Comparison(scan.name, baseline.name, n_before, n_after, out, theme_names,
                      instrument_changes(db, actor, scan_id, baseline_scan_id), pending, texts, as_of)  # fmt: skip


def comparison_by_name(db: Database, actor: Actor, scan: str, baseline: str) -> Comparison:
    """:func:`compare_scans` by scan names (the command line).

    A name the actor may not see is refused exactly like a scan the actor is not
    assigned to, so the refusal does not tell whether a scan of that name exists;
    only an actor who sees every scan is told that a name is unknown.
    """
    actor.require(EDIT)
    with db.session() as session:
        ids = {}
        for name in (scan, baseline):
            found = session.scalar(select(s.Scan.id).where(s.Scan.name == name))
            if found is None:
                if not actor.sees_every_scan:
                    actor.refuse(EDIT)
                raise InputError(t("followup.error.scan_name", name=name))
            actor.require(EDIT, found)
            ids[name] = found
    return compare_scans(db, actor, ids[scan], ids[baseline])
