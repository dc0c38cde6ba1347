"""The document study as a service: policy documents as sources of a scan.

A document is stored as an interview of kind ``document`` (the source
container) with a :class:`~models.schema.Document` row for its metadata, and one
turn per paragraph (``speaker_role`` ``document``, no respondent, no question,
``page`` and ``heading`` set). Its fragments are written in the same
transaction, so segmentation, auto-coding, the review desk, quotes and exports
treat it like an interview.

Import of several files is all or nothing for the whole batch: one refused file
(listed with its Dutch reason) and nothing of the batch is stored. The checklist lives in
:mod:`models.checklist`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coding.documents import DocumentError, DocumentLimits, ParsedDocument, read_document
from coding.documents.metadata import KINDS
from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.status import InterviewKind, InterviewSource, InterviewStatus, SpeakerRole, TurnKind
from texts import parse_dutch_date, t

PERMISSION = "documents"
HEADING_SEPARATOR = " > "
DOCUMENT_KIND = InterviewKind.DOCUMENT
DOCUMENT_ROLE = SpeakerRole.DOCUMENT
Progress = Callable[[float, str], None]


@dataclass
class DocumentInput:
    """A file to import, with the analyst's corrections of its metadata (``None`` = as read)."""

    filename: str
    data: bytes
    title: str | None = None
    doc_kind: str | None = None
    owner: str | None = None
    date: str | None = None  # ISO date or ""
    version: str | None = None
    parsed: ParsedDocument | None = None


@dataclass
class Refusal:
    """A file that was not imported, and why (Dutch)."""

    file: str
    reason: str


@dataclass
class ImportResult:
    """What :func:`import_documents` stored."""

    document_ids: list[int] = field(default_factory=list)
    fragments: int = 0
    pages: int = 0
    refused: list[Refusal] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    coded: int = 0

    @property
    def documents(self) -> int:
        """Number of documents stored."""
        return len(self.document_ids)


@dataclass
class DocumentView:
    """A stored document as the screens and the report show it."""

    id: int
    interview_id: int
    title: str
    doc_kind: str
    owner: str
    date: str
    version: str
    filename: str
    format: str
    pages: int | None
    fragments: int
    warnings: list[str]

    @property
    def year(self) -> int | None:
        """The year of the document's date, if known."""
        return int(self.date[:4]) if self.date[:4].isdigit() else None


@dataclass
class DocumentFragmentView:
    """A fragment of a document with where it is."""

    fragment_id: int
    text: str
    page: int | None
    heading: str
    status: str
    top_pillar: str | None
    top_theme: str | None


def parse_upload(filename: str, data: bytes, *, limits: DocumentLimits | None = None) -> ParsedDocument:
    """Read an uploaded file (for the metadata form); raises :class:`DocumentError` in Dutch."""
    return read_document(data, filename, limits=limits)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _check_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if len(value) == 4 and value.isdigit():
        return f"{value}-01-01"
    try:
        day = parse_dutch_date(value)
    except ValueError:
        raise InputError(t("documents.error.date", value=value)) from None
    return day.isoformat() if day else ""


def _values(item: DocumentInput, parsed: ParsedDocument) -> dict[str, str]:
    meta = parsed.metadata
    kind = item.doc_kind if item.doc_kind is not None else meta.kind
    if kind not in KINDS:
        raise InputError(t("documents.error.kind", kind=kind))
    title = (item.title if item.title is not None else meta.title).strip() or parsed.filename
    return {
        "title": title[:300],
        "doc_kind": kind,
        "owner": (item.owner if item.owner is not None else meta.owner).strip()[:200],
        "date": _check_date(item.date if item.date is not None else _iso(meta.date)),
        "version": (item.version if item.version is not None else meta.version).strip()[:50],
    }


@dataclass
class PreparedDocument:
    """A file read, checked and segmented, ready to be stored with the rest of its batch."""

    item: DocumentInput
    parsed: ParsedDocument
    values: dict[str, str]
    fragments: list[object]
    lemmas: list[list[str]]
    digest: str


def prepare_documents(
    db: Database,
    actor: Actor,
    scan_id: int,
    files: Sequence[DocumentInput | tuple[str, bytes]],
    *,
    limits: DocumentLimits | None = None,
    progress: Progress | None = None,
) -> tuple[list[PreparedDocument], list[Refusal]]:
    """Read, check and segment every file of a batch without storing anything.

    Returns:
        The prepared files and, for every file that cannot be imported, its
        refusal with the Dutch reason (unreadable, no text layer, bad date,
        already in the scan or twice in the batch).
    """
    actor.require(PERMISSION, scan_id)
    from coding.documents import segment_document
    from coding.segmenter import lemmatize_many

    report = progress or (lambda _f, _m: None)
    inputs = [item if isinstance(item, DocumentInput) else DocumentInput(item[0], item[1]) for item in files]
    with db.session() as session:
        if session.get(s.Scan, scan_id) is None:
            raise InputError(t("documents.error.scan"))
    prepared: list[PreparedDocument] = []
    refused: list[Refusal] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(inputs):
        report(0.8 * index / max(len(inputs), 1), t("documents.progress.reading", name=item.filename))
        try:
            parsed = item.parsed or read_document(item.data, item.filename, limits=limits)
            values = _values(item, parsed)
            digest = hashlib.sha256(item.data).hexdigest()
            with db.session() as session:
                duplicate = session.scalar(
                    select(s.Document.title).where(s.Document.scan_id == scan_id, s.Document.sha256 == digest)
                )
            if duplicate is None and digest in seen:
                raise InputError(t("documents.error.twice", name=item.filename, other=seen[digest]))
            if duplicate is not None:
                raise InputError(t("documents.error.duplicate", name=item.filename, title=duplicate))
            seen[digest] = item.filename
            fragments = segment_document(parsed)
            lemmas = lemmatize_many([fragment.text for fragment in fragments])
        except (DocumentError, InputError) as exc:
            reason = exc.message() if isinstance(exc, DocumentError) else str(exc)
            refused.append(Refusal(item.filename, reason))
            continue
        prepared.append(PreparedDocument(item, parsed, values, list(fragments), lemmas, digest))
    return prepared, refused


def import_documents(
    db: Database,
    actor: Actor,
    scan_id: int,
    files: Sequence[DocumentInput | tuple[str, bytes]],
    *,
    autocode: bool = True,
    limits: DocumentLimits | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Store policy documents as sources of a scan, segment them and (optionally) auto-code them.

    The batch is all or nothing: when one file is refused, nothing of the batch is
    stored and :attr:`ImportResult.refused` names every refused file with its Dutch
    reason; otherwise every document is stored in one transaction.

    Args:
        db: The database.
        actor: Who imports (analyst or admin of the scan).
        scan_id: The scan.
        files: The files, as :class:`DocumentInput` or ``(filename, bytes)``.
        autocode: Run the auto-coder on the new fragments.
        limits: Reader limits; default from the environment.
        progress: Optional ``progress(fraction, message)`` callback.

    Returns:
        What was stored, or (nothing stored) what was refused.
    """
    prepared, refused = prepare_documents(db, actor, scan_id, files, limits=limits, progress=progress)
    if refused:
        return ImportResult(refused=refused)
    return store_documents(db, actor, scan_id, prepared, autocode=autocode, progress=progress)


def store_documents(
    db: Database,
    actor: Actor,
    scan_id: int,
    prepared: Sequence[PreparedDocument],
    *,
    autocode: bool = True,
    progress: Progress | None = None,
) -> ImportResult:
    """Store prepared documents in one transaction (all or none), then auto-code them."""
    actor.require(PERMISSION, scan_id)
    report = progress or (lambda _f, _m: None)
    result = ImportResult()
    with db.session() as session:
        for document in prepared:
            result.document_ids.append(_store(session, actor, scan_id, document))
            result.fragments += len(document.fragments)
            result.pages += document.parsed.pages or 0
            if document.parsed.warnings:
                result.warnings[document.item.filename] = list(document.parsed.warnings)
    if autocode and result.document_ids:
        report(0.9, t("documents.progress.coding"))
        from models.autocode import autocode as run_autocode

        with db.session() as session:
            interview_ids = list(
                session.scalars(select(s.Document.interview_id).where(s.Document.id.in_(result.document_ids)))
            )
        for interview_id in interview_ids:
            result.coded += run_autocode(db, scan_id=scan_id, interview_id=interview_id, actor=actor).coded
    report(1.0, t("documents.progress.done"))
    return result


def _store(session: Session, actor: Actor, scan_id: int, prepared: PreparedDocument) -> int:
    """The source container, the document row, its paragraphs and fragments (in the caller's transaction)."""
    from coding.documents import DocumentFragment

    item, parsed, values, fragments, lemmas = (
        prepared.item, prepared.parsed, prepared.values, prepared.fragments, prepared.lemmas
    )  # fmt: skip
    interview = s.Interview(
        scan_id=scan_id,
        title=values["title"],
        kind=DOCUMENT_KIND,
        date=values["date"],
        plan=[],
        status=InterviewStatus.FINISHED,
        source=InterviewSource.IMPORT,
        source_filename=parsed.filename,
        owner=actor.username,
    )
    session.add(interview)
    session.flush()
    document = s.Document(
        scan_id=scan_id,
        interview_id=interview.id,
        filename=parsed.filename,
        format=parsed.format,
        pages=parsed.pages,
        sha256=prepared.digest,
        warnings=list(parsed.warnings),
        created_by=actor.username,
        **values,
    )
    session.add(document)
    turns: list[s.Turn] = []
    for seq, block in enumerate(parsed.paragraphs, start=1):
        turn = s.Turn(
            interview_id=interview.id,
            seq=seq,
            kind=TurnKind.ANSWER,
            speaker_role=DOCUMENT_ROLE,
            speaker_label="",
            text=block.text,
            page=block.page,
            heading=HEADING_SEPARATOR.join(block.headings) or None,
            segmented_version=1,
            created_by=actor.username,
        )
        session.add(turn)
        turns.append(turn)
    session.flush()
    for fragment, words in zip(fragments, lemmas, strict=True):
        assert isinstance(fragment, DocumentFragment)
        session.add(
            s.Fragment(
                turn_id=turns[fragment.paragraph].id,
                interview_id=interview.id,
                scan_id=scan_id,
                start=fragment.start,
                end=fragment.end,
                text=fragment.text,
                text_hash=text_hash(fragment.text),
                lemmas=" ".join(words),
            )
        )
    session.flush()
    record_event(
        session,
        actor,
        "document.import",
        entity="document",
        entity_id=document.id,
        scan_id=scan_id,
        after={
            **values,
            "file": parsed.filename,
            "format": parsed.format,
            "pages": parsed.pages,
            "paragraphs": len(turns),
            "fragments": len(fragments),
        },
    )
    del item
    return document.id


def _view(document: s.Document, fragments: int) -> DocumentView:
    return DocumentView(
        id=document.id,
        interview_id=document.interview_id,
        title=document.title,
        doc_kind=document.doc_kind,
        owner=document.owner,
        date=document.date,
        version=document.version,
        filename=document.filename,
        format=document.format,
        pages=document.pages,
        fragments=fragments,
        warnings=list(document.warnings or []),
    )


def list_documents(db: Database, actor: Actor, scan_id: int) -> list[DocumentView]:
    """The scan's studied documents, by title."""
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        counts = dict(
            session.execute(
                select(s.Fragment.interview_id, func.count(s.Fragment.id))
                .join(s.Document, s.Document.interview_id == s.Fragment.interview_id)
                .where(s.Document.scan_id == scan_id)
                .group_by(s.Fragment.interview_id)
            ).all()
        )
        rows = session.scalars(select(s.Document).where(s.Document.scan_id == scan_id).order_by(s.Document.title))
        return [_view(row, counts.get(row.interview_id, 0)) for row in rows]


def _document(session: Session, actor: Actor, document_id: int) -> s.Document:
    document = session.get(s.Document, document_id)
    if document is None:
        raise InputError(t("documents.error.not_found_id", id=document_id))
    actor.require(PERMISSION, document.scan_id)
    return document


def get_document(db: Database, actor: Actor, document_id: int) -> DocumentView:
    """One document."""
    with db.session() as session:
        document = _document(session, actor, document_id)
        count = session.scalar(
            select(func.count(s.Fragment.id)).where(s.Fragment.interview_id == document.interview_id)
        )
        return _view(document, int(count or 0))


def document_fragments(db: Database, actor: Actor, document_id: int) -> list[DocumentFragmentView]:
    """A document's fragments in reading order, each with its page and heading path."""
    with db.session() as session:
        document = _document(session, actor, document_id)
        rows = session.execute(
            select(s.Fragment, s.Turn.page, s.Turn.heading)
            .join(s.Turn, s.Fragment.turn_id == s.Turn.id)
            .where(s.Fragment.interview_id == document.interview_id)
            .order_by(s.Turn.seq, s.Fragment.start)
        ).all()
        return [
            DocumentFragmentView(
                fragment.id,
                fragment.text,
                page,
                heading or "",
                fragment.status,
                fragment.top_pillar,
                fragment.top_theme,
            )
            for fragment, page, heading in rows
        ]


EDITABLE = ("title", "doc_kind", "owner", "date", "version")


def update_document(db: Database, actor: Actor, document_id: int, **changes: str) -> None:
    """Correct a document's metadata (title, kind, owner, date, version); logged with before and after."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with db.session() as session:
        document = _document(session, actor, document_id)
        if "doc_kind" in changes and changes["doc_kind"] not in KINDS:
            raise InputError(t("documents.error.kind", kind=changes["doc_kind"]))
        if "date" in changes:
            changes["date"] = _check_date(changes["date"])
        if "title" in changes:
            changes["title"] = changes["title"].strip()
            if not changes["title"]:
                raise InputError(t("documents.error.title"))
        before = {key: getattr(document, key) for key in changes}
        for key, value in changes.items():
            setattr(document, key, value.strip() if isinstance(value, str) else value)
        interview = session.get(s.Interview, document.interview_id)
        if interview is not None:
            interview.title, interview.date = document.title, document.date
        record_event(
            session,
            actor,
            "document.edit",
            entity="document",
            entity_id=document_id,
            scan_id=document.scan_id,
            before=before,
            after=dict(changes),
        )


def delete_document(db: Database, actor: Actor, document_id: int) -> None:
    """Remove a document with its paragraphs, fragments and codings, and unlink it from the checklist."""
    with db.session() as session:
        document = _document(session, actor, document_id)
        scan_id, interview_id = document.scan_id, document.interview_id
        before = {"title": document.title, "file": document.filename, "sha256": document.sha256}
        for item in session.scalars(select(s.ChecklistItem).where(s.ChecklistItem.scan_id == scan_id)):
            if document_id in (item.document_ids or []):
                item.document_ids = [i for i in item.document_ids if i != document_id]
        session.flush()
        # the database cascades: interview -> turns -> fragments -> codings, decisions, quotes; and the document
        session.execute(delete(s.Document).where(s.Document.id == document_id))
        session.execute(delete(s.Interview).where(s.Interview.id == interview_id))
        record_event(
            session, actor, "document.delete", entity="document", entity_id=document_id, scan_id=scan_id, before=before
        )


@dataclass(frozen=True)
class SourceContext:
    """Where a document fragment comes from: for the review desk and the quote attribution."""

    title: str
    year: int | None
    page: int | None
    heading: str


def document_context(session: Session, interview_id: int, turn_id: int | None = None) -> SourceContext | None:
    """The document behind an interview id (``None`` for a real interview), with the turn's page/heading."""
    document = session.scalar(select(s.Document).where(s.Document.interview_id == interview_id))
    if document is None:
        return None
    page: int | None = None
    heading = ""
    if turn_id is not None:
        turn = session.get(s.Turn, turn_id)
        if turn is not None:
            page, heading = turn.page, turn.heading or ""
    year = int(document.date[:4]) if document.date[:4].isdigit() else None
    return SourceContext(document.title, year, page, heading.split(HEADING_SEPARATOR)[-1] if heading else "")
