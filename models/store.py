"""The service layer: every change the pages make goes through here.

Each function takes the :class:`~models.db.Database`, the acting
:class:`~models.auth.Actor` and plain values, checks the actor's permission,
commits its own transaction and writes an append-only :class:`Event`. Pages
never write rows themselves, so the same guarantees hold in the browser, on
the command line and in tests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import Actor
from models.codebook import Codebook as CodebookData
from models.codebook import Guide, Pillar, Theme, default_codebook, default_guide
from models.db import Database
from texts import t

log = logging.getLogger(__name__)

SCAN_KINDS = ("gemeente", "provincie", "omgevingsdienst", "anders")
MEASUREMENTS = ("nulmeting", "vervolgmeting")
CONSENTS = ("ja", "nee", "anoniem")
INTERVIEW_KINDS = ("individueel", "groep")
QUESTION_KINDS = ("question", "probe", "own")
MAX_TURN_CHARS = 1_000_000


class InputError(ValueError):
    """Input a user can fix; the message is Dutch and shown as is."""


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity: str = "",
    entity_id: int | None = None,
    scan_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the event log, in the caller's transaction."""
    session.add(
        s.Event(
            user=actor.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            scan_id=scan_id,
            before=before,
            after=after,
        )
    )


# --- content -----------------------------------------------------------------
def ensure_defaults(db: Database) -> None:
    """Load the shipped codebook and guide on first start (idempotent)."""
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(s.GuideVersion)) == 0:
            guide = default_guide()
            session.add(s.GuideVersion(name=guide.name, version=guide.version, content=guide.to_dict()))
        if session.scalar(select(func.count()).select_from(s.Codebook)) == 0:
            _add_codebook(session, default_codebook())


def _add_codebook(session: Session, codebook: CodebookData) -> s.Codebook:
    row = s.Codebook(name=codebook.name, version=codebook.version)
    session.add(row)
    session.flush()
    position = 0
    for pillar in codebook.pillars:
        parent: s.Code | None = None
        items: list[Pillar | Theme] = [pillar, *pillar.themes]
        for item in items:
            code = s.Code(
                codebook_id=row.id,
                parent_id=parent.id if parent else None,
                code=item.code,
                name=item.name,
                description=item.description,
                keywords=list(item.keywords),
                color=pillar.color,
                position=position,
            )
            session.add(code)
            position += 1
            if parent is None:
                session.flush()  # the themes need the pillar's id
                parent = code
    session.flush()
    return row


def template_codebook_id(session: Session) -> int:
    """The codebook new scans copy: the first one (the shipped default)."""
    found = session.scalar(select(s.Codebook.id).order_by(s.Codebook.id).limit(1))
    if found is None:
        raise LookupError("no codebook loaded")
    return found


def load_codebook(db: Database, codebook_id: int) -> CodebookData:
    """A stored codebook as plain data (what the auto-coder and exports read)."""
    with db.session() as session:
        return codebook_data(session, codebook_id)


def codebook_data(session: Session, codebook_id: int) -> CodebookData:
    row = session.get(s.Codebook, codebook_id)
    if row is None:
        raise LookupError(codebook_id)
    codes = session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id).order_by(s.Code.position)).all()
    parents = {c.id: c for c in codes if c.parent_id is None}
    raw = {
        "name": row.name,
        "version": row.version,
        "pillars": [
            {
                "code": p.code,
                "name": p.name,
                "description": p.description,
                "color": p.color,
                "keywords": list(p.keywords or []),
                "themes": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "description": c.description,
                        "keywords": list(c.keywords or []),
                    }
                    for c in codes
                    if c.parent_id == p.id
                ],
            }
            for p in parents.values()
        ],
    }
    return CodebookData.from_dict(raw)


def save_codebook(db: Database, actor: Actor, codebook_id: int, new: CodebookData) -> list[str]:
    """Replace a stored codebook's codes by ``new``; returns the codes that changed.

    Codes keep their ids when their code string stays, so codings survive a
    rename or a new description. Removed themes are deleted with their
    codings. The caller marks auto suggestions of changed codes stale.
    """
    actor.require("content.edit")
    new.validate()
    with db.session() as session:
        old = codebook_data(session, codebook_id)
        rows = {c.code: c for c in session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id))}
        changed: list[str] = []
        position = 0
        for pillar in new.pillars:
            parent = rows[pillar.code]
            if (parent.name, parent.description, list(parent.keywords or []), parent.color) != (
                pillar.name,
                pillar.description,
                pillar.keywords,
                pillar.color,
            ):
                changed.append(pillar.code)
            parent.name, parent.description = pillar.name, pillar.description
            parent.keywords, parent.color, parent.position = list(pillar.keywords), pillar.color, position
            position += 1
            for theme in pillar.themes:
                row = rows.get(theme.code)
                if row is None:
                    row = s.Code(codebook_id=codebook_id, code=theme.code, parent_id=parent.id)
                    session.add(row)
                    changed.append(theme.code)
                elif (row.name, row.description, list(row.keywords or [])) != (
                    theme.name,
                    theme.description,
                    theme.keywords,
                ):
                    changed.append(theme.code)
                row.name, row.description, row.keywords = theme.name, theme.description, list(theme.keywords)
                row.color, row.position, row.parent_id = pillar.color, position, parent.id
                position += 1
        keep = {th.code for th in new.themes()} | {p.code for p in new.pillars}
        for code, row in rows.items():
            if code not in keep:
                changed.append(code)
                session.delete(row)
        book = session.get(s.Codebook, codebook_id)
        assert book is not None
        if changed:
            book.version += 1
            book.name = new.name
        record_event(
            session,
            actor,
            "codebook.edit",
            entity="codebook",
            entity_id=codebook_id,
            before={"version": old.version, "changed": changed},
            after={"version": book.version},
        )
    return changed


def latest_guide(db: Database) -> tuple[int, Guide]:
    """The newest guide version: its row id and its content."""
    with db.session() as session:
        row = session.scalars(select(s.GuideVersion).order_by(s.GuideVersion.id.desc()).limit(1)).one()
        return row.id, Guide.from_dict(row.content)


def guide_version(db: Database, guide_version_id: int) -> Guide:
    with db.session() as session:
        row = session.get(s.GuideVersion, guide_version_id)
        if row is None:
            raise LookupError(guide_version_id)
        return Guide.from_dict(row.content)


def save_guide(db: Database, actor: Actor, guide: Guide) -> int:
    """Store an edited guide as a new version; past interviews keep theirs."""
    actor.require("content.edit")
    with db.session() as session:
        last = session.scalar(select(func.max(s.GuideVersion.version)).where(s.GuideVersion.name == guide.name))
        guide.version = (last or 0) + 1
        row = s.GuideVersion(name=guide.name, version=guide.version, content=guide.to_dict(), created_by=actor.username)
        session.add(row)
        session.flush()
        record_event(session, actor, "guide.edit", entity="guide", entity_id=row.id, after={"version": guide.version})
        return row.id


# --- scans and respondents -----------------------------------------------------
def create_scan(
    db: Database,
    actor: Actor,
    *,
    name: str,
    organisation: str,
    kind: str,
    period: str = "",
    measurement: str = "nulmeting",
) -> int:
    """Create a scan with its own copy of the template codebook."""
    actor.require("scan.create")
    name, organisation = name.strip(), organisation.strip()
    if not name or not organisation:
        raise InputError(t("scan.error.required"))
    if kind not in SCAN_KINDS or measurement not in MEASUREMENTS:
        raise InputError(t("scan.error.kind"))
    with db.session() as session:
        if session.scalar(select(s.Scan.id).where(s.Scan.name == name)) is not None:
            raise InputError(t("scan.error.exists", name=name))
        template = codebook_data(session, template_codebook_id(session))
        book = _add_codebook(session, template)
        scan = s.Scan(
            name=name,
            organisation=organisation,
            kind=kind,
            period=period.strip(),
            measurement=measurement,
            codebook_id=book.id,
            created_by=actor.username,
        )
        session.add(scan)
        session.flush()
        record_event(
            session, actor, "scan.create", entity="scan", entity_id=scan.id, scan_id=scan.id, after={"name": name}
        )
        return scan.id


def list_scans(db: Database, actor: Actor) -> list[s.Scan]:
    """Scans the actor may see, newest first."""
    with db.session() as session:
        query = select(s.Scan).order_by(s.Scan.id.desc())
        if actor.scan_ids is not None and actor.role != "admin":
            query = query.where(s.Scan.id.in_(actor.scan_ids))
        return list(session.scalars(query))


def scan_by_name(db: Database, name: str) -> s.Scan | None:
    with db.session() as session:
        return session.scalar(select(s.Scan).where(s.Scan.name == name))


def get_scan(db: Database, actor: Actor, scan_id: int) -> s.Scan:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise LookupError(scan_id)
        return scan


def add_respondent(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    role: str,
    department: str = "",
    consent: str = "ja",
    real_name: str | None = None,
) -> s.Respondent:
    """Add a respondent with a generated pseudonym code (R01, R02, …)."""
    actor.require("respondent.edit", scan_id)
    role = role.strip()
    if not role:
        raise InputError(t("respondent.error.role"))
    if consent not in CONSENTS:
        raise InputError(t("respondent.error.consent"))
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(s.Respondent).where(s.Respondent.scan_id == scan_id))
        code = f"R{(count or 0) + 1:02d}"
        while session.scalar(select(s.Respondent.id).where(s.Respondent.scan_id == scan_id, s.Respondent.code == code)):
            code = f"R{int(code[1:]) + 1:02d}"
        respondent = s.Respondent(
            scan_id=scan_id,
            code=code,
            role=role,
            department=department.strip(),
            consent=consent,
            real_name=(real_name or "").strip() or None,
        )
        session.add(respondent)
        session.flush()
        record_event(
            session,
            actor,
            "respondent.create",
            entity="respondent",
            entity_id=respondent.id,
            scan_id=scan_id,
            after={"code": code, "role": role, "department": respondent.department, "consent": consent},
        )
        return respondent


def update_respondent(db: Database, actor: Actor, respondent_id: int, **changes: Any) -> None:
    """Change role, department, consent or real name of a respondent."""
    allowed = {"role", "department", "consent", "real_name"}
    with db.session() as session:
        respondent = session.get(s.Respondent, respondent_id)
        if respondent is None:
            raise LookupError(respondent_id)
        actor.require("respondent.edit", respondent.scan_id)
        if "consent" in changes and changes["consent"] not in CONSENTS:
            raise InputError(t("respondent.error.consent"))
        before = {k: getattr(respondent, k) for k in changes if k in allowed and k != "real_name"}
        for key, value in changes.items():
            if key in allowed:
                setattr(respondent, key, (value or None) if key == "real_name" else value)
        record_event(
            session,
            actor,
            "respondent.edit",
            entity="respondent",
            entity_id=respondent_id,
            scan_id=respondent.scan_id,
            before=before,
            after={k: v for k, v in changes.items() if k in allowed and k != "real_name"},
        )


def list_respondents(db: Database, actor: Actor, scan_id: int) -> list[s.Respondent]:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        return list(
            session.scalars(select(s.Respondent).where(s.Respondent.scan_id == scan_id).order_by(s.Respondent.id))
        )


def respondent_label(respondent: s.Respondent | None) -> str:
    """How a respondent is shown everywhere outside the respondent screen: code and role."""
    if respondent is None:
        return t("speaker.unknown")
    return f"{respondent.code} ({respondent.role})"


# --- interviews -----------------------------------------------------------------
def create_interview(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    title: str,
    kind: str,
    date: str,
    interviewer: str,
    participant_ids: Sequence[int],
    plan: Sequence[str] | None = None,
    source: str = "app",
    source_filename: str | None = None,
) -> int:
    """Create an interview; ``plan`` defaults to the guide tailored by the participants' roles."""
    actor.require("interview.import" if source == "import" else "interview.conduct", scan_id)
    if kind not in INTERVIEW_KINDS:
        raise InputError(t("interview.error.kind"))
    if not participant_ids:
        raise InputError(t("interview.error.participants"))
    if kind == "individueel" and len(participant_ids) != 1 and source == "app":
        raise InputError(t("interview.error.individual"))
    guide_id, guide = latest_guide(db)
    with db.session() as session:
        participants = list(
            session.scalars(
                select(s.Respondent).where(s.Respondent.id.in_(participant_ids), s.Respondent.scan_id == scan_id)
            )
        )
        if len(participants) != len(set(participant_ids)):
            raise InputError(t("interview.error.participants"))
        if plan is None:
            plan = guide.plan_for([p.role for p in participants])
        interview = s.Interview(
            scan_id=scan_id,
            title=title.strip() or t("interview.default_title", n=len(participants)),
            kind=kind,
            date=date,
            interviewer=interviewer.strip(),
            guide_version_id=guide_id,
            plan=list(plan),
            source=source,
            source_filename=source_filename,
            owner=actor.username,
        )
        interview.participants = participants
        session.add(interview)
        session.flush()
        record_event(
            session,
            actor,
            "interview.create",
            entity="interview",
            entity_id=interview.id,
            scan_id=scan_id,
            after={"title": interview.title, "kind": kind, "participants": [p.code for p in participants]},
        )
        return interview.id


def get_interview(db: Database, actor: Actor, interview_id: int) -> s.Interview:
    """An interview with participants loaded (turns are read with :func:`list_turns`)."""
    with db.session() as session:
        interview = session.scalar(
            select(s.Interview).where(s.Interview.id == interview_id).options(selectinload(s.Interview.participants))
        )
        if interview is None:
            raise LookupError(interview_id)
        actor.require("scan.view", interview.scan_id)
        if actor.role == "interviewer" and interview.owner not in ("", actor.username):
            actor.require("code", interview.scan_id)
        return interview


def list_interviews(db: Database, actor: Actor, scan_id: int) -> list[s.Interview]:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        query = select(s.Interview).where(s.Interview.scan_id == scan_id).order_by(s.Interview.id)
        if actor.role == "interviewer":
            query = query.where(s.Interview.owner == actor.username)
        return list(session.scalars(query.options(selectinload(s.Interview.participants))))


def set_interview_status(db: Database, actor: Actor, interview_id: int, status: str) -> None:
    """Start, pause or finish an interview; finishing segments it into fragments."""
    if status not in ("bezig", "gepauzeerd", "afgerond"):
        raise InputError(t("interview.error.status"))
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise LookupError(interview_id)
        actor.require("interview.edit", interview.scan_id)
        before = interview.status
        interview.status = status
        if status == "bezig" and interview.started_at is None:
            interview.started_at = datetime.now(UTC)
        if status == "afgerond":
            interview.finished_at = datetime.now(UTC)
        record_event(
            session,
            actor,
            "interview.status",
            entity="interview",
            entity_id=interview_id,
            scan_id=interview.scan_id,
            before={"status": before},
            after={"status": status},
        )
    if status == "afgerond":
        segment_interview(db, interview_id)


def set_skipped_themes(db: Database, actor: Actor, interview_id: int, themes: Iterable[str]) -> None:
    """Remember the themes marked 'not relevant for this respondent'."""
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise LookupError(interview_id)
        actor.require("interview.conduct", interview.scan_id)
        interview.skipped_themes = sorted(set(themes))


def update_plan(db: Database, actor: Actor, interview_id: int, plan: Sequence[str]) -> None:
    """Reorder or change the planned questions of an interview."""
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise LookupError(interview_id)
        actor.require("interview.conduct", interview.scan_id)
        before = list(interview.plan)
        interview.plan = list(plan)
        record_event(
            session,
            actor,
            "interview.plan",
            entity="interview",
            entity_id=interview_id,
            scan_id=interview.scan_id,
            before={"plan": before},
            after={"plan": list(plan)},
        )


# --- turns ------------------------------------------------------------------------
def add_turn(
    db: Database,
    actor: Actor,
    interview_id: int,
    *,
    kind: str,
    text: str,
    speaker_role: str,
    respondent_id: int | None = None,
    speaker_label: str = "",
    question_id: str | None = None,
    client_token: str | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
) -> s.Turn:
    """Store one turn at once (its own transaction) and return it.

    Empty or whitespace-only answers are refused with a Dutch message. With a
    ``client_token`` the call is idempotent: a retry returns the stored turn.
    """
    if kind == "answer" and not text.strip():
        raise InputError(t("turn.error.empty"))
    if kind in QUESTION_KINDS and not text.strip():
        raise InputError(t("turn.error.empty_question"))
    if len(text) > MAX_TURN_CHARS:
        raise InputError(t("turn.error.too_long", limit=f"{MAX_TURN_CHARS:,}".replace(",", ".")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for attempt in range(5):
        try:
            with db.session() as session:
                if client_token:
                    existing = session.scalar(select(s.Turn).where(s.Turn.client_token == client_token))
                    if existing is not None:
                        return existing
                interview = session.get(s.Interview, interview_id)
                if interview is None:
                    raise LookupError(interview_id)
                actor.require("interview.conduct" if interview.source == "app" else "interview.edit", interview.scan_id)
                seq = (session.scalar(select(func.max(s.Turn.seq)).where(s.Turn.interview_id == interview_id)) or 0) + 1
                turn = s.Turn(
                    interview_id=interview_id,
                    seq=seq,
                    kind=kind,
                    speaker_role=speaker_role,
                    respondent_id=respondent_id,
                    speaker_label=speaker_label,
                    question_id=question_id,
                    text=text,
                    client_token=client_token,
                    start_ms=start_ms,
                    end_ms=end_ms,
                    created_by=actor.username,
                )
                session.add(turn)
                if interview.status == "gepland":
                    interview.status = "bezig"
                    interview.started_at = datetime.now(UTC)
                session.flush()
                return turn
        except IntegrityError:
            if attempt == 4:
                raise
            log.info("turn seq collision on interview %s, retrying", interview_id)
    raise AssertionError("unreachable")


def list_turns(db: Database, interview_id: int) -> list[s.Turn]:
    with db.session() as session:
        return list(
            session.scalars(
                select(s.Turn)
                .where(s.Turn.interview_id == interview_id)
                .order_by(s.Turn.seq)
                .options(selectinload(s.Turn.respondent))
            )
        )


def update_turn(
    db: Database,
    actor: Actor,
    turn_id: int,
    *,
    text: str | None = None,
    respondent_id: int | None = None,
) -> None:
    """Correct a stored turn's text or speaker; the original stays in the event log."""
    with db.session() as session:
        turn = session.get(s.Turn, turn_id)
        if turn is None:
            raise LookupError(turn_id)
        interview = session.get(s.Interview, turn.interview_id)
        assert interview is not None
        actor.require("interview.edit", interview.scan_id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if text is not None and text != turn.text:
            if turn.kind == "answer" and not text.strip():
                raise InputError(t("turn.error.empty"))
            before["text"], after["text"] = turn.text, text
            turn.text = text.replace("\r\n", "\n")
            turn.text_version += 1
        if respondent_id is not None and respondent_id != turn.respondent_id:
            before["respondent_id"], after["respondent_id"] = turn.respondent_id, respondent_id
            turn.respondent_id = respondent_id
            turn.speaker_role = "respondent"
        if not after:
            return
        record_event(
            session,
            actor,
            "turn.edit",
            entity="turn",
            entity_id=turn_id,
            scan_id=interview.scan_id,
            before=before,
            after=after,
        )
        interview_id, finished = interview.id, interview.status == "afgerond" or interview.source == "import"
    if finished and "text" in after:
        segment_interview(db, interview_id)


def set_quote_marked(db: Database, actor: Actor, turn_id: int, marked: bool = True) -> None:
    """Mark an answer as a quotable passage (citaat)."""
    with db.session() as session:
        turn = session.get(s.Turn, turn_id)
        if turn is None:
            raise LookupError(turn_id)
        interview = session.get(s.Interview, turn.interview_id)
        assert interview is not None
        actor.require("interview.edit", interview.scan_id)
        turn.quote_marked = marked
        record_event(
            session,
            actor,
            "turn.quote_mark",
            entity="turn",
            entity_id=turn_id,
            scan_id=interview.scan_id,
            after={"quote_marked": marked},
        )


def list_events(
    db: Database, actor: Actor, *, entity: str | None = None, entity_id: int | None = None, limit: int = 1000
) -> list[s.Event]:
    """Events, newest first; admins see all, others only their own scans' entity history."""
    with db.session() as session:
        query = select(s.Event).order_by(s.Event.id.desc()).limit(limit)
        if entity is not None:
            query = query.where(s.Event.entity == entity)
        if entity_id is not None:
            query = query.where(s.Event.entity_id == entity_id)
        if entity is None:
            actor.require("events.view")
        return list(session.scalars(query))


# --- segmentation -------------------------------------------------------------------
@dataclass
class SegmentationResult:
    turns_segmented: int = 0
    fragments_created: int = 0
    fragments_kept: int = 0
    changed_fragment_ids: list[int] = field(default_factory=list)


def segment_interview(db: Database, interview_id: int, *, force: bool = False) -> SegmentationResult:
    """Cut respondent turns into fragments, only for turns whose text changed.

    Fragments whose offsets and text are unchanged keep their id (and so their
    codings and quotes); the others are replaced.
    """
    from coding.segmenter import lemmatize_many, segment_many

    result = SegmentationResult()
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise LookupError(interview_id)
        turns = session.scalars(
            select(s.Turn)
            .where(s.Turn.interview_id == interview_id, s.Turn.kind == "answer", s.Turn.speaker_role != "interviewer")
            .options(selectinload(s.Turn.fragments))
        ).all()
        todo = [turn for turn in turns if force or turn.segmented_version != turn.text_version]
        new_rows: list[s.Fragment] = []
        for turn, segments in zip(todo, segment_many([turn.text for turn in todo]), strict=True):
            old = {(f.start, f.end, f.text): f for f in turn.fragments}
            for segment in segments:
                key = (segment.start, segment.end, segment.text)
                if key in old:
                    old.pop(key)
                    result.fragments_kept += 1
                    continue
                row = s.Fragment(
                    turn_id=turn.id,
                    interview_id=interview_id,
                    scan_id=interview.scan_id,
                    start=segment.start,
                    end=segment.end,
                    text=segment.text,
                    text_hash=text_hash(segment.text),
                )
                session.add(row)
                new_rows.append(row)
            for stale in old.values():
                session.delete(stale)
            turn.segmented_version = turn.text_version
            result.turns_segmented += 1
        if new_rows:
            for row, lemmas in zip(new_rows, lemmatize_many([r.text for r in new_rows]), strict=True):
                row.lemmas = " ".join(lemmas)
            session.flush()
        result.fragments_created = len(new_rows)
        result.changed_fragment_ids = [row.id for row in new_rows]
    return result


def list_fragments(db: Database, interview_id: int) -> list[s.Fragment]:
    """Fragments of an interview in transcript order, with their codings."""
    with db.session() as session:
        return list(
            session.scalars(
                select(s.Fragment)
                .join(s.Turn)
                .where(s.Fragment.interview_id == interview_id)
                .order_by(s.Turn.seq, s.Fragment.start)
                .options(selectinload(s.Fragment.codings).selectinload(s.Coding.code), selectinload(s.Fragment.turn))
            )
        )


def _fragment_row(session: Session, actor: Actor, fragment_id: int) -> tuple[s.Fragment, s.Turn]:
    fragment = session.get(s.Fragment, fragment_id)
    if fragment is None:
        raise LookupError(fragment_id)
    actor.require("code", fragment.scan_id)
    return fragment, fragment.turn


def _set_span(fragment: s.Fragment, start: int, end: int, text: str) -> None:
    from coding.segmenter import lemmatize

    fragment.start, fragment.end, fragment.text = start, end, text
    fragment.text_hash = text_hash(text)
    fragment.lemmas = " ".join(lemmatize(text))


def merge_fragments(db: Database, actor: Actor, first_id: int, second_id: int) -> int:
    """Merge two adjacent fragments of one turn; the first keeps its id, codings and quotes of both.

    Offsets stay valid: the merged fragment is ``turn.text[start:end]``.
    """
    from coding.segmenter import Segment, merge_segments

    with db.session() as session:
        first, turn = _fragment_row(session, actor, first_id)
        second, other_turn = _fragment_row(session, actor, second_id)
        if first.start > second.start:
            first, second = second, first
        try:
            if turn.id != other_turn.id:
                raise ValueError("different turns")
            merged = merge_segments(
                turn.text, Segment(first.start, first.end, first.text), Segment(second.start, second.end, second.text)
            )
        except ValueError as exc:
            raise InputError(t("fragment.error.merge")) from exc
        before = {"fragments": [[first.start, first.end], [second.start, second.end]]}
        _set_span(first, merged.start, merged.end, merged.text)
        present = {(c.code_id, c.round_id, c.coder) for c in first.codings}
        for coding in list(second.codings):
            if (coding.code_id, coding.round_id, coding.coder) not in present:
                coding.fragment_id = first.id
        for quote in session.scalars(select(s.Quote).where(s.Quote.fragment_id == second.id)):
            quote.fragment_id = first.id
        first.quote_candidate = first.quote_candidate or second.quote_candidate
        session.flush()
        session.delete(second)
        record_event(
            session,
            actor,
            "fragment.merge",
            entity="fragment",
            entity_id=first.id,
            scan_id=first.scan_id,
            before=before,
            after={"fragment": [merged.start, merged.end]},
        )
        return first.id


def split_points(db: Database, fragment_id: int) -> list[int]:
    """Offsets (into the turn text) where a fragment may be split: its sentence boundaries."""
    from coding.segmenter import Segment, sentence_boundaries

    with db.session() as session:
        fragment = session.get(s.Fragment, fragment_id)
        if fragment is None:
            raise LookupError(fragment_id)
        return sentence_boundaries(fragment.turn.text, Segment(fragment.start, fragment.end, fragment.text))


def split_fragment(db: Database, actor: Actor, fragment_id: int, at: int) -> tuple[int, int]:
    """Split a fragment at a sentence boundary; the first part keeps id, codings and quotes.

    The second part is a new, uncoded fragment. Offsets stay valid for both.
    """
    from coding.segmenter import Segment, split_segment

    with db.session() as session:
        fragment, turn = _fragment_row(session, actor, fragment_id)
        try:
            left, right = split_segment(turn.text, Segment(fragment.start, fragment.end, fragment.text), at)
        except ValueError as exc:
            raise InputError(t("fragment.error.split")) from exc
        before = {"fragment": [fragment.start, fragment.end]}
        _set_span(fragment, left.start, left.end, left.text)
        new = s.Fragment(
            turn_id=turn.id,
            interview_id=fragment.interview_id,
            scan_id=fragment.scan_id,
            start=0,
            end=0,
            text="",
            text_hash="",
        )
        _set_span(new, right.start, right.end, right.text)
        session.add(new)
        session.flush()
        record_event(
            session,
            actor,
            "fragment.split",
            entity="fragment",
            entity_id=fragment.id,
            scan_id=fragment.scan_id,
            before=before,
            after={"fragments": [[left.start, left.end], [right.start, right.end]]},
        )
        return fragment.id, new.id
