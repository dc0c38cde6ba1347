"""Tables of Weerbaar (SQLAlchemy 2 declarative).

Offsets (``Fragment.start``/``end``) are Python string indices into the turn
text: code points, end exclusive, as in REFI-QDA and spaCy. The ``events``
table is append-only: every change is written there with who, what, when and
the values before and after.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> datetime:
    """Current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


# --- content: guides and codebooks (versioned) -------------------------------
class GuideVersion(Base):
    """One saved version of an interview guide; interviews point at the version they used."""

    __tablename__ = "guide_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    __table_args__ = (UniqueConstraint("name", "version"),)


class Codebook(Base):
    """A codebook: pillars (parent codes) and themes (child codes)."""

    __tablename__ = "codebooks"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    codes: Mapped[list[Code]] = relationship(back_populates="codebook", order_by="Code.position")


class Code(Base):
    """A pillar (``parent_id`` is None, code ``BEW``) or a theme (code ``BEW.slug``)."""

    __tablename__ = "codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    color: Mapped[str] = mapped_column(String(20), default="#888888")
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    codebook: Mapped[Codebook] = relationship(back_populates="codes")
    __table_args__ = (UniqueConstraint("codebook_id", "code"),)


# --- scans, respondents, interviews, turns ------------------------------------
class Scan(Base):
    """A weerbaarheidsscan of one organisation."""

    __tablename__ = "scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # gemeente | provincie | omgevingsdienst | anders
    period: Mapped[str] = mapped_column(String(100), default="")
    measurement: Mapped[str] = mapped_column(String(30), default="nulmeting")  # nulmeting | vervolgmeting
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id"))
    citation_style: Mapped[str] = mapped_column(String(30), default="respondent")  # respondent | role
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    # a vervolgmeting points at its nulmeting; ``instruments`` records the versions it reused (issue 18)
    baseline_scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id", ondelete="SET NULL"), index=True)
    instruments: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    respondents: Mapped[list[Respondent]] = relationship(back_populates="scan", order_by="Respondent.id")
    interviews: Mapped[list[Interview]] = relationship(back_populates="scan", order_by="Interview.id")


class Respondent(Base):
    """An interviewee. ``real_name`` is optional and never shown outside the respondent screen."""

    __tablename__ = "respondents"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(30))  # pseudonym, e.g. R01
    role: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    consent: Mapped[str] = mapped_column(String(20), default="ja")  # ja | nee | anoniem
    real_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    scan: Mapped[Scan] = relationship(back_populates="respondents")
    __table_args__ = (UniqueConstraint("scan_id", "code"),)


class Interview(Base):
    """An individual or group interview, conducted in the app or imported."""

    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="individueel")  # individueel | groep | document
    date: Mapped[str] = mapped_column(String(20), default="")  # ISO date
    interviewer: Mapped[str] = mapped_column(String(200), default="")
    guide_version_id: Mapped[int | None] = mapped_column(ForeignKey("guide_versions.id"))
    plan: Mapped[list[Any]] = mapped_column(JSON, default=list)  # question ids in order
    skipped_themes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # themes marked not relevant
    status: Mapped[str] = mapped_column(String(20), default="gepland")  # gepland|bezig|gepauzeerd|afgerond
    source: Mapped[str] = mapped_column(String(20), default="app")  # app | import
    source_filename: Mapped[str | None] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scan: Mapped[Scan] = relationship(back_populates="interviews")
    participants: Mapped[list[Respondent]] = relationship(secondary="interview_participants")
    turns: Mapped[list[Turn]] = relationship(back_populates="interview", order_by="Turn.seq")


class InterviewParticipant(Base):
    __tablename__ = "interview_participants"
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondents.id", ondelete="CASCADE"), primary_key=True)


class Turn(Base):
    """One turn of the conversation, stored the moment it is entered.

    ``kind``: ``question`` (guide question), ``probe`` (doorvraag), ``own``
    (the interviewer's own question), ``answer``, ``skip`` (question skipped),
    ``note``. ``client_token`` makes storing idempotent: a retried submit of
    the same answer is stored once.
    """

    __tablename__ = "turns"
    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    speaker_role: Mapped[str] = mapped_column(String(20))  # interviewer | respondent | unknown | document
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondents.id", ondelete="SET NULL"))
    speaker_label: Mapped[str] = mapped_column(String(200), default="")
    question_id: Mapped[str | None] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    quote_marked: Mapped[bool] = mapped_column(Boolean, default=False)
    # a speaker the analyst chose to ignore on import: readable as context, never segmented, coded or quoted
    ignored: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    start_ms: Mapped[int | None] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)
    client_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    text_version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on every edit
    page: Mapped[int | None] = mapped_column(Integer)  # document paragraphs: the page it starts on
    heading: Mapped[str | None] = mapped_column(Text)  # document paragraphs: heading path, " > " joined
    segmented_version: Mapped[int] = mapped_column(Integer, default=0)  # text_version last segmented
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    interview: Mapped[Interview] = relationship(back_populates="turns")
    respondent: Mapped[Respondent | None] = relationship()
    fragments: Mapped[list[Fragment]] = relationship(back_populates="turn", order_by="Fragment.start")
    __table_args__ = (UniqueConstraint("interview_id", "seq"),)


# --- fragments, codings, decisions --------------------------------------------
class Fragment(Base):
    """A quotable unit: a sentence or short run of sentences inside one turn."""

    __tablename__ = "fragments"
    id: Mapped[int] = mapped_column(primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # copy of turn.text[start:end]
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    lemmas: Mapped[str] = mapped_column(Text, default="")  # space-joined lemmas for search
    quote_candidate: Mapped[bool] = mapped_column(Boolean, default=False)
    # denormalised for the review queue: filled by the auto-coder and decisions
    status: Mapped[str] = mapped_column(String(20), default="uncoded")  # uncoded|suggested|accepted|rejected
    top_pillar: Mapped[str | None] = mapped_column(String(10))
    top_theme: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float | None] = mapped_column(Float)
    margin: Mapped[float | None] = mapped_column(Float)  # top pillar prob minus second
    # set when the auto-coder proposed no code ("geen code voorgesteld"): coding.abstain.REASONS
    abstain_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    turn: Mapped[Turn] = relationship(back_populates="fragments")
    codings: Mapped[list[Coding]] = relationship(back_populates="fragment")
    __table_args__ = (
        Index("ix_fragments_scan_status_margin", "scan_id", "status", "margin"),
        Index("ix_fragments_scan_pillar", "scan_id", "top_pillar"),
    )


class Coding(Base):
    """A code on a fragment: suggested by the auto-coder or set by an analyst.

    ``source``: ``auto`` | ``manual``. ``status``: ``suggested`` | ``accepted`` |
    ``rejected``. Nothing auto-coded counts until accepted. ``round_id`` ties a
    coding to an intercoder agreement round (blind coding); those are kept
    apart from the scan's working codings.
    """

    __tablename__ = "codings"
    id: Mapped[int] = mapped_column(primary_key=True)
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(10), default="manual")
    status: Mapped[str] = mapped_column(String(12), default="accepted")
    coder: Mapped[str] = mapped_column(String(100), default="")
    coder_version: Mapped[str] = mapped_column(String(100), default="")
    confidence: Mapped[float | None] = mapped_column(Float)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("agreement_rounds.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    fragment: Mapped[Fragment] = relationship(back_populates="codings")
    code: Mapped[Code] = relationship()


class Decision(Base):
    """An analyst's decision on a fragment: the auto-coder's training data.

    ``action``: ``accept`` | ``reject`` | ``recode`` | ``add``. ``code`` is the
    code decided on (for reject: the code rejected).
    """

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), index=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    coder: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(100))
    previous_code: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)  # fragment text at decision time
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Embedding(Base):
    """Cached sentence embedding, keyed by embedder and text hash."""

    __tablename__ = "embeddings"
    id: Mapped[int] = mapped_column(primary_key=True)
    embedder: Mapped[str] = mapped_column(String(200))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little endian
    __table_args__ = (UniqueConstraint("embedder", "text_hash"),)


class Memo(Base):
    """A memo on a fragment, a code or an interview."""

    __tablename__ = "memos"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(String(20))  # fragment | code | interview
    target_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class AgreementRound(Base):
    """An intercoder agreement round: a sample of fragments coded blind by each coder."""

    __tablename__ = "agreement_rounds"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    coders: Mapped[list[Any]] = mapped_column(JSON, default=list)
    fragment_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    resolutions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # fragment id -> resolved code
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# --- quotes --------------------------------------------------------------------
class Quote(Base):
    """A quote in the basket: a link to its fragment and an editable display version."""

    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    fragment_id: Mapped[int] = mapped_column(ForeignKey("fragments.id", ondelete="CASCADE"), index=True)
    pillar: Mapped[str] = mapped_column(String(10))
    theme: Mapped[str | None] = mapped_column(String(100))
    display_text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pii_waivers: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{finding, reason, user, at}]
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    fragment: Mapped[Fragment] = relationship()


# --- live assistant and topics -------------------------------------------------
class Suggestion(Base):
    """A live suggestion offered during an interview, and what the interviewer did with it."""

    __tablename__ = "suggestions"
    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("turns.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # probe | jump
    target: Mapped[str] = mapped_column(String(100))  # theme code or pillar code
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="offered")  # offered|taken|skipped|not_relevant
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class TopicRun(Base):
    """Stored result of a topic discovery run, with the settings used."""

    __tablename__ = "topic_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64), index=True)  # hash of settings + fragment ids + embedder
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[str] = mapped_column(Text)  # TopicResult JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# --- users and the event log ---------------------------------------------------
class User(Base):
    """A configured user; without users the app runs as the single local user."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # interviewer | analyst | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # since the last success
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ScanAssignment(Base):
    __tablename__ = "scan_assignments"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), primary_key=True)


class Event(Base):
    """Append-only log of every change: who, what, when, before and after."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    scan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# --- surveys (enquête) -------------------------------------------------------------
class Survey(Base):
    """One imported survey of a scan (a scan may hold several, e.g. staff and management).

    ``interview_id`` points at the source container of the survey's open
    answers: an ``interviews`` row of kind ``enquete`` whose turns are the
    answers, so they are segmented, coded, reviewed and quoted like interview
    answers.
    """

    __tablename__ = "surveys"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    source_filename: Mapped[str] = mapped_column(String(300), default="")
    layout: Mapped[str] = mapped_column(String(30), default="generic")
    respondent_count: Mapped[int] = mapped_column(Integer, default=0)
    template_name: Mapped[str] = mapped_column(String(200), default="")
    template_matches: Mapped[int] = mapped_column(Integer, default=0)
    dropped_columns: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"name", "reason"}]
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    __table_args__ = (UniqueConstraint("scan_id", "name"),)


class SurveyQuestion(Base):
    """A question (or one statement of a grid) with its type, scale and pillar/theme.

    ``options`` holds ``{"options": [{"code", "label", "missing"}], "scale",
    "direction", "items", "delimiter"}``: the option order and the missing codes.
    """

    __tablename__ = "survey_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))  # likert | choice | multi | numeric | date | open
    pillar: Mapped[str | None] = mapped_column(String(20))
    theme: Mapped[str | None] = mapped_column(String(100))
    group_key: Mapped[str | None] = mapped_column(String(100))
    group_text: Mapped[str | None] = mapped_column(Text)
    breakdown: Mapped[str | None] = mapped_column(String(20))  # department | role | years
    template_code: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    __table_args__ = (UniqueConstraint("survey_id", "code"),)


class SurveyRespondent(Base):
    """A pseudonymous survey respondent; only the non-identifying break-down fields."""

    __tablename__ = "survey_respondents"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    years: Mapped[str | None] = mapped_column(String(100))
    __table_args__ = (UniqueConstraint("survey_id", "pseudonym"),)


class SurveyAnswer(Base):
    """One respondent's answer to one question (unanswered questions have no row).

    ``option_index`` (likert/choice) indexes ``SurveyQuestion.options``;
    ``option_indices`` (multi) lists them; ``number`` (numeric); ``text`` (open
    answers, and ISO dates). ``turn_id`` links an open answer to its turn in
    the survey's ``enquete`` container.
    """

    __tablename__ = "survey_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"), index=True)
    option_index: Mapped[int | None] = mapped_column(Integer)
    option_indices: Mapped[list[Any] | None] = mapped_column(JSON)
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("turns.id", ondelete="SET NULL"))
# --- document study ----------------------------------------------------------------
class Document(Base):
    """A studied policy document of a scan.

    Its text is stored as an interview of kind ``document`` (``interview_id``) with
    one turn per paragraph (``speaker_role`` ``document``, ``page`` and ``heading``
    set), so segmentation, coding, review, quotes and exports treat it like an
    interview.
    """

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    doc_kind: Mapped[str] = mapped_column(String(40), default="overig")
    owner: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[str] = mapped_column(String(20), default="")  # ISO date, "" when unknown
    version: Mapped[str] = mapped_column(String(50), default="")
    filename: Mapped[str] = mapped_column(String(300), default="")
    format: Mapped[str] = mapped_column(String(10), default="")  # pdf | docx | text
    pages: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    __table_args__ = (UniqueConstraint("scan_id", "sha256"),)


class ChecklistItem(Base):
    """An instrument on a scan's checklist (copied from ``data/checklist.yaml`` at first use).

    ``status`` is what the analyst settled on (``""`` until confirmed);
    ``proposed_status`` and ``evidence`` are what Weerbaar proposed from the
    documents; ``document_ids`` are the linked documents.
    """

    __tablename__ = "checklist_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    pillar: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # kinds, terms, require, headings, max_age
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="")  # aanwezig | verouderd | ontbreekt | onbekend
    proposed_status: Mapped[str] = mapped_column(String(20), default="")
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    document_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str | None] = mapped_column(String(100))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    __table_args__ = (UniqueConstraint("scan_id", "key"),)
