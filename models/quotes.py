"""The quote basket: from an accepted fragment to a quote in the report.

A quote (:class:`models.schema.Quote`) points at its fragment and keeps an
editable display version (trimmed with ``[…]``, completed with ``(…)``,
spelling fixed); the original is always the fragment's text. One fragment can
be quoted under two pillars (two rows). Within a pillar and theme, quotes are
ordered by ``position``; :func:`move_quote` swaps with the neighbour.

Attribution never uses a real name. The scan's ``citation_style`` decides:

* ``respondent``: ``‘…’ (respondent uit de interviews)``, as in the reports;
* ``role``: ``‘…’ (een afdelingshoofd)``.

Consent rules: a respondent with consent ``nee`` cannot be quoted
(:func:`add_quote` refuses; a quote added before consent was withdrawn blocks
the export). A respondent with consent ``anoniem`` may be quoted, but only in
the ``respondent`` style: under the ``role`` style their quotes *fall back* to
``(respondent uit de interviews)`` so their function is never shown; the page
says so beside the quote. Quotes whose speaker is not known (e.g. an unassigned
group-interview turn) get ``(een respondent)`` in the role style.

PII: :func:`check_quote` runs :func:`coding.pii.find_pii` over the display
text with the scan's respondent names and codes. A finding blocks the export
until the text is edited or the finding is waived with a reason
(:func:`waive_finding`, kept in ``Quote.pii_waivers`` and the event log).
Waivers are keyed by :attr:`coding.pii.PiiFinding.key` (kind + text), so they
survive edits elsewhere in the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coding.codebook import PILLAR_CODES
from coding.pii import PiiFinding, find_pii
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.status import CodingStatus, Consent, InterviewKind
from texts import t

CITATION_STYLES: tuple[str, ...] = ("respondent", "role")
MIN_REASON_CHARS = 5
QUOTE_CHARS = "‘’“”'\"„‚"


@dataclass
class FragmentChoice:
    """An accepted fragment that can go into the basket."""

    fragment_id: int
    text: str
    interview_title: str
    respondent_code: str
    codes: list[str]
    consent: str
    pillar: str = ""
    theme: str | None = None


def placement(codes: list[str]) -> tuple[str, str | None]:
    """Where a fragment goes in the basket by default: the pillar and theme of its accepted coding.

    A theme code (``BEL.bibob``) gives its pillar and itself; a pillar code
    alone gives that pillar without a theme; without a usable code: ``("", None)``.
    """
    for code in codes:
        pillar, _, rest = code.partition(".")
        if rest and pillar in PILLAR_CODES:
            return pillar, code
    for code in codes:
        if code in PILLAR_CODES:
            return code, None
    return "", None


def _latest_first(coding: s.Coding) -> tuple[float, int]:
    """Sort key: the most recently decided coding first."""
    return (-(coding.updated_at.timestamp() if coding.updated_at else 0.0), -coding.id)


@dataclass
class QuoteView:
    """A quote with everything the page and the exports show."""

    id: int
    scan_id: int
    fragment_id: int
    pillar: str
    theme: str | None
    display_text: str
    original_text: str
    position: int
    respondent_code: str
    respondent_role: str
    consent: str
    interview_title: str
    attribution: str
    anonymous_fallback: bool
    findings: list[PiiFinding] = field(default_factory=list)
    waivers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open_findings(self) -> list[PiiFinding]:
        """Findings not waived: each blocks the export of this quote."""
        waived = {w.get("finding") for w in self.waivers}
        return [f for f in self.findings if f.key not in waived]

    @property
    def citation(self) -> str:
        """The quote as it appears in the report: ‘text’ (attribution)."""
        return format_citation(self.display_text, self.attribution)


@dataclass
class Blocker:
    """Why one quote cannot be exported."""

    quote_id: int
    pillar: str
    kind: str  # pii | consent
    message: str
    finding: PiiFinding | None = None


def format_citation(display_text: str, attribution: str) -> str:
    """``‘text’ (attribution).`` with typographic single quotes, as in the reports."""
    text = display_text.strip().strip(QUOTE_CHARS).strip()
    return f"‘{text}’ ({attribution})."


def attribution(style: str, respondent: s.Respondent | None) -> tuple[str, bool]:
    """The attribution of a quote and whether the anonymous fallback applied.

    Args:
        style: The scan's citation style (``respondent`` or ``role``).
        respondent: The speaker of the fragment, if known.

    Returns:
        The text inside the parentheses, and ``True`` when a respondent with
        consent ``anoniem`` got the respondent style instead of their role.
    """
    if style != "role":
        return t("quotes.attribution.respondent"), False
    if respondent is None or not respondent.role.strip():
        return t("quotes.attribution.unknown"), False
    if respondent.consent == Consent.ANONYMOUS:
        return t("quotes.attribution.respondent"), True
    role = respondent.role.strip()
    if not (len(role) > 1 and role[:2].isupper()):
        role = role[0].lower() + role[1:]
    return t("quotes.attribution.role", role=role), False


# --- reading ---------------------------------------------------------------------
def accepted_fragments(
    db: Database, actor: Actor, scan_id: int, *, search: str = "", limit: int = 200
) -> list[FragmentChoice]:
    """Fragments of a scan with at least one accepted coding, optionally filtered by text."""
    actor.require("quote", scan_id)
    with db.session() as session:
        query = (
            select(s.Fragment)
            .join(s.Coding, s.Coding.fragment_id == s.Fragment.id)
            .where(s.Fragment.scan_id == scan_id, s.Coding.status == CodingStatus.ACCEPTED, s.Coding.round_id.is_(None))
            .distinct()
            .order_by(s.Fragment.interview_id, s.Fragment.id)
            .options(
                selectinload(s.Fragment.codings).selectinload(s.Coding.code),
                selectinload(s.Fragment.turn).selectinload(s.Turn.respondent),
                selectinload(s.Fragment.turn).selectinload(s.Turn.interview),
            )
        )
        needle = search.strip().casefold()
        choices = []
        for fragment in session.scalars(query):
            if needle and needle not in fragment.text.casefold() and needle not in (fragment.lemmas or ""):
                continue
            respondent = fragment.turn.respondent
            accepted = [c for c in fragment.codings if c.status == CodingStatus.ACCEPTED and c.round_id is None]
            accepted.sort(key=_latest_first)
            pillar, theme = placement([c.code.code for c in accepted])
            choices.append(
                FragmentChoice(
                    fragment_id=fragment.id,
                    text=fragment.text,
                    interview_title=fragment.turn.interview.title,
                    respondent_code=respondent.code if respondent else "",
                    codes=sorted(
                        {c.code.code for c in fragment.codings if c.status == CodingStatus.ACCEPTED and c.round_id is None}
                    ),
                    consent=respondent.consent if respondent else "",
                    pillar=pillar,
                    theme=theme,
                )
            )
            if len(choices) >= limit:
                break
        return choices


def _scan_respondents(session: Session, scan_id: int) -> tuple[list[str], list[str]]:
    rows = session.scalars(select(s.Respondent).where(s.Respondent.scan_id == scan_id)).all()
    return [r.real_name for r in rows if r.real_name], [r.code for r in rows]


def _theme_order(session: Session, scan_id: int) -> dict[str, int]:
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise NotFound("scan", scan_id)
    codes = session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id)).all()
    return {c.code: c.position for c in codes}


def _document_source(session: Session, quote: s.Quote) -> Any:
    from models.documents import document_context  # a studied document is cited by title, year and page

    return document_context(session, quote.fragment.interview_id, quote.fragment.turn_id)


def _view(session: Session, quote: s.Quote, style: str, names: list[str], codes: list[str]) -> QuoteView:
    respondent = quote.fragment.turn.respondent
    if quote.fragment.turn.interview.kind == InterviewKind.ENQUETE:  # a survey's open answer (models.surveys)
        text, fallback = t("survey.attribution"), False
    elif (source := _document_source(session, quote)) is not None:
        from coding.documents import source_label

        text, fallback = source_label(source.title, source.year, source.page), False
    else:
        text, fallback = attribution(style, respondent)
    return QuoteView(
        id=quote.id,
        scan_id=quote.scan_id,
        fragment_id=quote.fragment_id,
        pillar=quote.pillar,
        theme=quote.theme,
        display_text=quote.display_text,
        original_text=quote.fragment.text,
        position=quote.position,
        respondent_code=respondent.code if respondent else "",
        respondent_role=respondent.role if respondent else "",
        consent=respondent.consent if respondent else "",
        interview_title=quote.fragment.turn.interview.title,
        attribution=text,
        anonymous_fallback=fallback,
        findings=find_pii(quote.display_text, respondent_names=names, respondent_codes=codes),
        waivers=list(quote.pii_waivers or []),
    )


def list_quotes(db: Database, actor: Actor, scan_id: int) -> list[QuoteView]:
    """The basket in report order: pillar (BEW…COM), theme (codebook order), position."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        order = _theme_order(session, scan_id)
        names, codes = _scan_respondents(session, scan_id)
        rows = session.scalars(
            select(s.Quote)
            .where(s.Quote.scan_id == scan_id)
            .options(
                selectinload(s.Quote.fragment).selectinload(s.Fragment.turn).selectinload(s.Turn.respondent),
                selectinload(s.Quote.fragment).selectinload(s.Fragment.turn).selectinload(s.Turn.interview),
            )
        ).all()
        rows = sorted(
            rows,
            key=lambda q: (
                PILLAR_CODES.index(q.pillar) if q.pillar in PILLAR_CODES else 99,
                -1 if q.theme is None else order.get(q.theme, 10_000),
                q.position,
                q.id,
            ),
        )
        return [_view(session, q, scan.citation_style, names, codes) for q in rows]


def get_quote(db: Database, actor: Actor, quote_id: int) -> QuoteView:
    with db.session() as session:
        quote = session.get(s.Quote, quote_id)
        if quote is None:
            raise NotFound("quote", quote_id)
        actor.require("scan.view", quote.scan_id)
        scan = session.get(s.Scan, quote.scan_id)
        assert scan is not None
        names, codes = _scan_respondents(session, quote.scan_id)
        return _view(session, quote, scan.citation_style, names, codes)


def check_quote(db: Database, actor: Actor, quote_id: int) -> list[PiiFinding]:
    """PII findings in a quote's display text that are not waived (each blocks the export)."""
    return get_quote(db, actor, quote_id).open_findings


def export_blockers(db: Database, actor: Actor, scan_id: int) -> list[Blocker]:
    """Everything that stops the quote appendix of a scan from being exported.

    Unwaived PII findings, and quotes of respondents whose consent is now ``nee``.
    """
    blockers: list[Blocker] = []
    for view in list_quotes(db, actor, scan_id):
        if view.consent == Consent.NO:
            message = t("quotes.blocker.consent", id=view.id, pillar=view.pillar, respondent=view.respondent_code)
            blockers.append(Blocker(view.id, view.pillar, "consent", message))
        for finding in view.open_findings:
            message = t("quotes.blocker.pii", id=view.id, pillar=view.pillar, label=finding.label, text=finding.text)
            blockers.append(Blocker(view.id, view.pillar, "pii", message, finding))
    return blockers


# --- changing --------------------------------------------------------------------
def add_quote(db: Database, actor: Actor, fragment_id: int, pillar: str | None = None, theme: str | None = None) -> int:
    """Put an accepted fragment in the basket under ``pillar`` (and ``theme``); returns the quote id.

    Without ``pillar`` the quote goes where the fragment's accepted coding puts
    it (:func:`placement`, the latest decision first); it can be moved later
    with :func:`place_quote`.

    Raises:
        InputError: The fragment has no accepted coding, the pillar or theme is
            unknown, the respondent refused consent, or the fragment is already
            in the basket under this pillar and theme.
    """
    with db.session() as session:
        fragment = session.get(s.Fragment, fragment_id)
        if fragment is None:
            raise NotFound("fragment", fragment_id)
        actor.require("quote", fragment.scan_id)
        accepted = session.scalar(
            select(func.count())
            .select_from(s.Coding)
            .where(s.Coding.fragment_id == fragment_id, s.Coding.status == CodingStatus.ACCEPTED, s.Coding.round_id.is_(None))
        )
        if not accepted:
            raise InputError(t("quotes.error.not_accepted"))
        if pillar is None:
            rows = session.scalars(
                select(s.Coding)
                .where(s.Coding.fragment_id == fragment_id, s.Coding.status == CodingStatus.ACCEPTED, s.Coding.round_id.is_(None))
                .options(selectinload(s.Coding.code))
            ).all()
            pillar, theme = placement([c.code.code for c in sorted(rows, key=_latest_first)])
        if pillar not in PILLAR_CODES:
            raise InputError(t("quotes.error.pillar", pillar=pillar, choices=", ".join(PILLAR_CODES)))
        theme = (theme or "").strip() or None
        if theme is not None and (
            not theme.startswith(pillar + ".") or theme not in _theme_order(session, fragment.scan_id)
        ):
            raise InputError(t("quotes.error.theme", theme=theme, pillar=pillar))
        respondent = fragment.turn.respondent
        if respondent is not None and respondent.consent == Consent.NO:
            raise InputError(t("quotes.error.consent_nee", respondent=respondent.code))
        duplicate = session.scalar(
            select(s.Quote.id).where(
                s.Quote.fragment_id == fragment_id,
                s.Quote.pillar == pillar,
                s.Quote.theme.is_(None) if theme is None else s.Quote.theme == theme,
            )
        )
        if duplicate is not None:
            raise InputError(t("quotes.error.duplicate", pillar=pillar, theme=theme or "-"))
        last = session.scalar(
            select(func.max(s.Quote.position)).where(s.Quote.scan_id == fragment.scan_id, s.Quote.pillar == pillar)
        )
        quote = s.Quote(
            scan_id=fragment.scan_id,
            fragment_id=fragment_id,
            pillar=pillar,
            theme=theme,
            display_text=fragment.text,
            position=(last if last is not None else -1) + 1,
            pii_waivers=[],
            created_by=actor.username,
        )
        session.add(quote)
        session.flush()
        record_event(
            session,
            actor,
            "quote.add",
            entity="quote",
            entity_id=quote.id,
            scan_id=fragment.scan_id,
            after={"fragment_id": fragment_id, "pillar": pillar, "theme": theme, "position": quote.position},
        )
        return quote.id


def _quote_for_change(session: Session, actor: Actor, quote_id: int) -> s.Quote:
    quote = session.get(s.Quote, quote_id)
    if quote is None:
        raise NotFound("quote", quote_id)
    actor.require("quote", quote.scan_id)
    return quote


def edit_quote(db: Database, actor: Actor, quote_id: int, display_text: str) -> None:
    """Change the display version of a quote; the fragment text stays the original."""
    text = display_text.replace("\r\n", "\n").strip()
    if not text:
        raise InputError(t("quotes.error.empty"))
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        if text == quote.display_text:
            return
        before = quote.display_text
        quote.display_text = text
        record_event(
            session,
            actor,
            "quote.edit",
            entity="quote",
            entity_id=quote_id,
            scan_id=quote.scan_id,
            before={"display_text": before},
            after={"display_text": text},
        )


def reset_quote(db: Database, actor: Actor, quote_id: int) -> None:
    """Put the original fragment text back as display version."""
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        original = quote.fragment.text
    edit_quote(db, actor, quote_id, original)


def move_quote(db: Database, actor: Actor, quote_id: int, direction: int) -> None:
    """Move a quote one place up (``-1``) or down (``+1``) within its pillar and theme.

    Positions within the pillar are first made distinct (stable by current
    order), then the quote swaps places with its neighbour; at the top or the
    bottom nothing changes.
    """
    if direction not in (-1, 1):
        raise ValueError(direction)
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        pillar_rows = list(
            session.scalars(
                select(s.Quote)
                .where(s.Quote.scan_id == quote.scan_id, s.Quote.pillar == quote.pillar)
                .order_by(s.Quote.position, s.Quote.id)
            )
        )
        for i, row in enumerate(pillar_rows):
            row.position = i
        group = [row for row in pillar_rows if row.theme == quote.theme]
        index = group.index(quote)
        target = index + direction
        if not 0 <= target < len(group):
            return
        other = group[target]
        before = quote.position
        quote.position, other.position = other.position, quote.position
        record_event(
            session,
            actor,
            "quote.move",
            entity="quote",
            entity_id=quote_id,
            scan_id=quote.scan_id,
            before={"position": before},
            after={"position": quote.position, "swapped_with": other.id},
        )


def place_quote(db: Database, actor: Actor, quote_id: int, pillar: str, theme: str | None = None) -> None:
    """File a quote under another pillar and theme (it goes to the end of that pillar); logged.

    Raises:
        InputError: The pillar or theme is unknown, the theme is not of that
            pillar, or the fragment is already quoted there.
    """
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        theme = (theme or "").strip() or None
        if pillar not in PILLAR_CODES:
            raise InputError(t("quotes.error.pillar", pillar=pillar, choices=", ".join(PILLAR_CODES)))
        if theme is not None and (
            not theme.startswith(pillar + ".") or theme not in _theme_order(session, quote.scan_id)
        ):
            raise InputError(t("quotes.error.theme", theme=theme, pillar=pillar))
        if (quote.pillar, quote.theme) == (pillar, theme):
            return
        duplicate = session.scalar(
            select(s.Quote.id).where(
                s.Quote.fragment_id == quote.fragment_id,
                s.Quote.id != quote.id,
                s.Quote.pillar == pillar,
                s.Quote.theme.is_(None) if theme is None else s.Quote.theme == theme,
            )
        )
        if duplicate is not None:
            raise InputError(t("quotes.error.duplicate", pillar=pillar, theme=theme or "-"))
        before = {"pillar": quote.pillar, "theme": quote.theme, "position": quote.position}
        if quote.pillar != pillar:
            last = session.scalar(
                select(func.max(s.Quote.position)).where(s.Quote.scan_id == quote.scan_id, s.Quote.pillar == pillar)
            )
            quote.position = (last if last is not None else -1) + 1
        quote.pillar, quote.theme = pillar, theme
        record_event(
            session,
            actor,
            "quote.place",
            entity="quote",
            entity_id=quote_id,
            scan_id=quote.scan_id,
            before=before,
            after={"pillar": pillar, "theme": theme, "position": quote.position},
        )


def remove_quote(db: Database, actor: Actor, quote_id: int) -> None:
    """Take a quote out of the basket (the fragment and its codings stay)."""
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        record_event(
            session,
            actor,
            "quote.remove",
            entity="quote",
            entity_id=quote_id,
            scan_id=quote.scan_id,
            before={"fragment_id": quote.fragment_id, "pillar": quote.pillar, "display_text": quote.display_text},
        )
        session.delete(quote)


def set_citation_style(db: Database, actor: Actor, scan_id: int, style: str) -> None:
    """Choose how the report attributes quotes: ``respondent`` or ``role``."""
    if style not in CITATION_STYLES:
        raise InputError(t("quotes.error.style", style=style))
    actor.require("quote", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        if scan.citation_style == style:
            return
        before = scan.citation_style
        scan.citation_style = style
        record_event(
            session,
            actor,
            "scan.citation_style",
            entity="scan",
            entity_id=scan_id,
            scan_id=scan_id,
            before={"citation_style": before},
            after={"citation_style": style},
        )


def waive_finding(db: Database, actor: Actor, quote_id: int, finding_key: str, reason: str) -> None:
    """Accept a PII finding in a quote with a reason (e.g. "naam van een publieke functionaris").

    Raises:
        InputError: The reason is too short or the finding is not (any more) in the quote.
    """
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_CHARS:
        raise InputError(t("quotes.error.reason", min=MIN_REASON_CHARS))
    with db.session() as session:
        quote = _quote_for_change(session, actor, quote_id)
        names, codes = _scan_respondents(session, quote.scan_id)
        keys = {f.key for f in find_pii(quote.display_text, respondent_names=names, respondent_codes=codes)}
        if finding_key not in keys:
            raise InputError(t("quotes.error.finding_unknown"))
        waiver = {
            "finding": finding_key,
            "reason": reason,
            "user": actor.username,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        quote.pii_waivers = [w for w in quote.pii_waivers or [] if w.get("finding") != finding_key] + [waiver]
        record_event(
            session,
            actor,
            "quote.pii_waive",
            entity="quote",
            entity_id=quote_id,
            scan_id=quote.scan_id,
            after=waiver,
        )
