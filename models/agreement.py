"""Intercoder agreement rounds: a blind sample coded by several coders, compared and resolved.

The statistics (Cohen's/Fleiss' kappa, Krippendorff's alpha, the sample) are
pure and live in :mod:`coding.agreement`; this module stores the rounds, the
round codings (rows with ``round_id``, kept apart from the working codings)
and the resolutions. The screen is ``pages/agreement.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.agreement import AgreementReport, agreement_report, disagreements, sample_fragments
from coding.codebook import PILLAR_CODES
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.decisions import (
    code_row,
    fragment_row,
    fragment_snapshot,
    fragment_top_codes,
    pillar_of,
    recode_in_session,
    scan_codes,
)
from models.errors import InputError, NotFound
from models.events import record_event
from models.review_queue import question_before
from models.status import CodingSource, CodingStatus, FragmentStatus
from texts import t


@dataclass(frozen=True)
class RoundInfo:
    id: int
    name: str
    coders: list[str]
    fragment_ids: list[int]
    resolutions: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class RoundItem:
    """A fragment in a coder's blind round queue: only the text and that coder's own choice."""

    fragment_id: int
    text: str
    question: str | None
    pillar: str | None
    theme: str | None
    done: bool
    left_uncoded: bool


def _round(session: Session, actor: Actor, round_id: int, permission: str = "code") -> s.AgreementRound:
    row = session.get(s.AgreementRound, round_id)
    if row is None:
        raise NotFound("round", round_id)
    actor.require(permission, row.scan_id)
    return row


def _round_info(row: s.AgreementRound) -> RoundInfo:
    return RoundInfo(
        id=row.id,
        name=row.name,
        coders=[str(c) for c in row.coders],
        fragment_ids=[int(f) for f in row.fragment_ids],
        resolutions=dict(row.resolutions or {}),
        created_at=row.created_at,
    )


def create_round(
    db: Database,
    actor: Actor,
    scan_id: int,
    name: str,
    coders: Sequence[str],
    n: int,
    stratify: bool = True,
    seed: int = 0,
) -> int:
    """Draw a sample of the scan's respondent fragments for blind double coding.

    Args:
        coders: Two or more coder names.
        n: Sample size (all fragments when there are fewer).
        stratify: Spread the sample over the interviews in proportion to size.
        seed: Random seed; the same seed gives the same sample.

    Returns:
        The round's id.
    """
    actor.require("code", scan_id)
    name = name.strip()
    names = list(dict.fromkeys(c.strip() for c in coders if c and c.strip()))
    if not name:
        raise InputError(t("review.error.round_name"))
    if len(names) < 2:
        raise InputError(t("review.error.round_coders"))
    if n < 1:
        raise InputError(t("review.error.round_n"))
    with db.session() as session:
        rows = session.execute(
            select(s.Fragment.id, s.Fragment.interview_id)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .where(s.Fragment.scan_id == scan_id, s.Turn.speaker_role != "interviewer")
            .order_by(s.Fragment.id)
        ).all()
        if not rows:
            raise InputError(t("review.error.round_no_fragments"))
        frame = pd.DataFrame(rows, columns=["fragment_id", "interview_id"])
        sample = sample_fragments(frame, n, stratify_by="interview_id" if stratify else None, seed=seed)
        row = s.AgreementRound(scan_id=scan_id, name=name, coders=names, fragment_ids=sample, resolutions={})
        session.add(row)
        session.flush()
        record_event(
            session,
            actor,
            "round.create",
            entity="agreement_round",
            entity_id=row.id,
            scan_id=scan_id,
            after={"name": name, "coders": names, "n": len(sample), "stratify": stratify, "seed": seed},
        )
        return row.id


def list_rounds(db: Database, actor: Actor, scan_id: int) -> list[RoundInfo]:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        rows = session.scalars(
            select(s.AgreementRound).where(s.AgreementRound.scan_id == scan_id).order_by(s.AgreementRound.id.desc())
        )
        return [_round_info(row) for row in rows]


def get_round(db: Database, actor: Actor, round_id: int) -> RoundInfo:
    with db.session() as session:
        return _round_info(_round(session, actor, round_id, "scan.view"))


def _round_choices(session: Session, round_id: int) -> dict[tuple[str, int], tuple[str | None, list[str]]]:
    """Each coder's choice per fragment in a round: (pillar, themes); pillar None = left uncoded."""
    choices: dict[tuple[str, int], tuple[str | None, list[str]]] = {}
    for event in session.scalars(
        select(s.Event)
        .where(s.Event.action == "round.uncoded", s.Event.entity == "agreement_round", s.Event.entity_id == round_id)
        .order_by(s.Event.id)
    ):
        after = event.after or {}
        choices[(str(after["coder"]), int(after["fragment_id"]))] = (None, [])
    coded: dict[tuple[str, int], tuple[str | None, list[str]]] = {}
    for coder, fid, code in session.execute(
        select(s.Coding.coder, s.Coding.fragment_id, s.Code.code)
        .join(s.Code, s.Code.id == s.Coding.code_id)
        .where(s.Coding.round_id == round_id)
        .order_by(s.Coding.id)
    ).all():
        pillar, themes = coded.get((coder, fid), (None, []))
        if "." in code:
            themes = [*themes, code]
            pillar = pillar or pillar_of(code)
        else:
            pillar = code
        coded[(coder, fid)] = (pillar, themes)
    for key in coded:
        choices.pop(key, None)
    choices.update(coded)
    return choices


def round_queue(db: Database, actor: Actor, round_id: int, coder: str) -> list[RoundItem]:
    """The round's fragments for one coder, blind.

    Shows the fragment text and the question asked, plus only this coder's own
    choices: never another coder's, never the auto-coder's suggestion.
    """
    with db.session() as session:
        row = _round(session, actor, round_id)
        if coder not in row.coders:
            raise InputError(t("review.error.round_coder", coder=coder))
        choices = _round_choices(session, round_id)
        ids = [int(f) for f in row.fragment_ids]
        found = session.execute(
            select(s.Fragment.id, s.Fragment.text, s.Turn.interview_id, s.Turn.seq)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .where(s.Fragment.id.in_(ids))
        ).all()
        by_id = {fid: (text, interview_id, seq) for fid, text, interview_id, seq in found}
        items: list[RoundItem] = []
        for fid in ids:
            if fid not in by_id:
                continue
            text, interview_id, seq = by_id[fid]
            choice = choices.get((coder, fid))
            items.append(
                RoundItem(
                    fragment_id=fid,
                    text=text,
                    question=question_before(session, interview_id, seq),
                    pillar=choice[0] if choice else None,
                    theme=(choice[1][0] if choice and choice[1] else None),
                    done=choice is not None,
                    left_uncoded=choice is not None and choice[0] is None,
                )
            )
        return items


def round_code(
    db: Database,
    actor: Actor,
    round_id: int,
    coder: str,
    fragment_id: int,
    pillar: str | None,
    theme: str | None = None,
) -> None:
    """Store one coder's blind choice for a round fragment (replacing an earlier one).

    ``pillar`` and ``theme`` both ``None`` records "left uncoded" (counts as
    seen, see :mod:`coding.agreement`). A theme alone implies its pillar.
    """
    with db.session() as session:
        row = _round(session, actor, round_id)
        if coder not in row.coders:
            raise InputError(t("review.error.round_coder", coder=coder))
        if fragment_id not in {int(f) for f in row.fragment_ids}:
            raise InputError(t("review.error.round_fragment"))
        pillar = pillar or (pillar_of(theme) if theme else None)
        if theme and pillar_of(theme) != pillar:
            raise InputError(t("review.error.theme_pillar", theme=theme, pillar=pillar))
        codes = scan_codes(session, row.scan_id)
        for code in (pillar, theme):
            if code and code not in codes:
                raise InputError(t("review.error.unknown_code", code=code))
        for old in session.scalars(
            select(s.Coding).where(
                s.Coding.round_id == round_id, s.Coding.coder == coder, s.Coding.fragment_id == fragment_id
            )
        ):
            session.delete(old)
        for code in (pillar, theme):
            if code:
                session.add(
                    s.Coding(
                        fragment_id=fragment_id,
                        code_id=codes[code].id,
                        source=CodingSource.MANUAL,
                        status=CodingStatus.ACCEPTED,
                        coder=coder,
                        round_id=round_id,
                    )
                )
        record_event(
            session,
            actor,
            "round.code" if pillar else "round.uncoded",
            entity="agreement_round",
            entity_id=round_id,
            scan_id=row.scan_id,
            after={"coder": coder, "fragment_id": fragment_id, "pillar": pillar, "theme": theme},
        )


def _round_records(session: Session, row: s.AgreementRound) -> list[dict[str, Any]]:
    return [
        {"fragment_id": fid, "coder": coder, "pillar": pillar, "themes": themes}
        for (coder, fid), (pillar, themes) in sorted(_round_choices(session, row.id).items(), key=lambda kv: kv[0][1])
        if coder in row.coders
    ]


def round_records(db: Database, actor: Actor, round_id: int) -> list[dict[str, Any]]:
    """The round's codings as records for :mod:`coding.agreement` (after coding is done)."""
    with db.session() as session:
        return _round_records(session, _round(session, actor, round_id, "scan.view"))


def round_report(db: Database, actor: Actor, round_id: int) -> AgreementReport:
    """Cohen's κ per pillar and theme, percent agreement and Krippendorff's α for a round.

    Themes are reported when at least one coder used them in the round.
    """
    with db.session() as session:
        row = _round(session, actor, round_id, "scan.view")
        records = _round_records(session, row)
        order = list(scan_codes(session, row.scan_id))
    used = {code for record in records for code in record["themes"]}
    themes = [code for code in order if code in used]
    return agreement_report(records, pillars=list(PILLAR_CODES), themes=themes)


def round_disagreements(db: Database, actor: Actor, round_id: int) -> pd.DataFrame:
    """The fragments the coders differ on, side by side, with text and resolution.

    Columns: those of :func:`coding.agreement.disagreements` plus ``text`` and
    ``resolution`` (the resolved code or ``None``).
    """
    with db.session() as session:
        row = _round(session, actor, round_id, "scan.view")
        frame = disagreements(_round_records(session, row))
        ids = [int(f) for f in frame["fragment_id"]] if not frame.empty else []
        texts = dict(session.execute(select(s.Fragment.id, s.Fragment.text).where(s.Fragment.id.in_(ids))).all())
        resolutions = dict(row.resolutions or {})
    frame.insert(1, "text", [texts.get(int(fid), "") for fid in frame["fragment_id"]])
    frame["resolution"] = [resolutions.get(str(int(fid))) for fid in frame["fragment_id"]]
    return frame


def resolve(db: Database, actor: Actor, round_id: int, fragment_id: int, code: str) -> None:
    """Settle a disagreement: store the code in the round and apply it as the fragment's accepted code."""
    with db.session() as session:
        row = _round(session, actor, round_id)
        if fragment_id not in {int(f) for f in row.fragment_ids}:
            raise InputError(t("review.error.round_fragment"))
        fragment = fragment_row(session, actor, fragment_id)
        target = code_row(session, row.scan_id, code)
        before = fragment_snapshot(fragment)
        resolutions = dict(row.resolutions or {})
        previous_resolution = resolutions.get(str(fragment_id))
        resolutions[str(fragment_id)] = target.code
        row.resolutions = resolutions
        same = target.code in fragment_top_codes(fragment) and fragment.status == FragmentStatus.SUGGESTED
        previous = recode_in_session(session, actor, fragment, target, "accept" if same else "recode")
        record_event(
            session,
            actor,
            "round.resolve",
            entity="agreement_round",
            entity_id=round_id,
            scan_id=row.scan_id,
            before={"fragment_id": fragment_id, "resolution": previous_resolution, **before},
            after={"fragment_id": fragment_id, "resolution": target.code, "previous_code": previous},
        )
