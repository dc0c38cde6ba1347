"""The checklist of the document study: which instruments are there, outdated or missing.

The shipped checklist (``data/checklist.yaml``) lists the instruments a scan expects,
per pillar. :func:`propose` matches the studied documents against each instrument
and proposes a status with its evidence:

* a document matches an instrument when its kind is one of the instrument's kinds,
  its title contains one of the instrument's terms, or (unless ``headings: false``)
  one of its headings does; an instrument with ``require`` also needs one of those
  words somewhere in the document;
* the newest matching document decides: ``aanwezig`` when it is at most
  ``max_age`` years older than the reference year, ``verouderd`` when older,
  ``onbekend`` when it has no date;
* no matching document: ``ontbreekt`` when documents were studied, ``onbekend``
  when none were.

The analyst confirms or changes every proposal; :func:`finding` turns the status
the analyst settled on into a sentence for the report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coding.yamlsafe import safe_load
from texts import t

CHECKLIST_PATH = Path(__file__).resolve().parents[2] / "data" / "checklist.yaml"
PILLARS = ("BEW", "INF", "BEL", "INT", "COM")
STATUSES = ("aanwezig", "verouderd", "ontbreekt", "onbekend")
DEFAULT_MAX_AGE = 5
MAX_EVIDENCE_TERMS = 3


class ChecklistError(ValueError):
    """The checklist file is not valid (a developer's error, not a user's)."""


@dataclass(frozen=True)
class Instrument:
    """An expected instrument (policy, regulation, protocol) of one pillar."""

    key: str
    pillar: str
    label: str
    description: str = ""
    kinds: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    headings: bool = True
    max_age: int = DEFAULT_MAX_AGE
    neuter: bool = False
    """A het-word: "geen actueel agressieprotocol" rather than "geen actuele Bibob-beleidslijn"."""


@dataclass(frozen=True)
class DocumentFacts:
    """What the matcher needs to know about a studied document."""

    id: int | str
    title: str
    kind: str = "overig"
    date: dt.date | None = None
    headings: tuple[str, ...] = ()
    text: str = ""
    owner: str = ""
    version: str = ""

    @property
    def year(self) -> int | None:
        """The document's year, if dated."""
        return self.date.year if self.date else None


@dataclass
class Proposal:
    """The proposed status of one instrument, with the documents and reasons behind it."""

    instrument: Instrument
    status: str
    documents: list[DocumentFacts] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def latest(self) -> DocumentFacts | None:
        """The newest matching document (undated ones last)."""
        return self.documents[0] if self.documents else None


def _tuple(raw: Any, key: str, name: str) -> tuple[str, ...]:
    value = raw.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ChecklistError(f"instrument {key}: {name} must be a list of strings")
    return tuple(value)


def parse_checklist(raw: Any) -> list[Instrument]:
    """Validate a checklist loaded from YAML and return its instruments in order."""
    if not isinstance(raw, dict) or not isinstance(raw.get("instruments"), list):
        raise ChecklistError("checklist must be a mapping with a list 'instruments'")
    instruments: list[Instrument] = []
    seen: set[str] = set()
    for item in raw["instruments"]:
        if not isinstance(item, dict):
            raise ChecklistError("every instrument must be a mapping")
        key, pillar, label = str(item.get("key", "")), str(item.get("pillar", "")), str(item.get("label", ""))
        if not key or key in seen:
            raise ChecklistError(f"instrument key {key!r} missing or duplicated")
        if pillar not in PILLARS:
            raise ChecklistError(f"instrument {key}: unknown pillar {pillar!r}")
        max_age = item.get("max_age", DEFAULT_MAX_AGE)
        if not label or not isinstance(max_age, int) or max_age < 1:
            raise ChecklistError(f"instrument {key}: label and a positive max_age are needed")
        seen.add(key)
        instruments.append(
            Instrument(
                key=key,
                pillar=pillar,
                label=label,
                description=str(item.get("description", "")).strip(),
                kinds=_tuple(item, key, "kinds"),
                terms=_tuple(item, key, "terms"),
                require=_tuple(item, key, "require"),
                headings=bool(item.get("headings", True)),
                max_age=max_age,
                neuter=bool(item.get("neuter", False)),
            )
        )
    return instruments


def load_checklist(path: Path | None = None) -> list[Instrument]:
    """The shipped checklist (or the one at ``path``)."""
    with open(path or CHECKLIST_PATH, encoding="utf-8") as handle:
        return parse_checklist(safe_load(handle))


def _contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term.lower())}", text.lower()) is not None


def _match(instrument: Instrument, document: DocumentFacts) -> list[str]:
    """The reasons ``document`` is this instrument; empty when it is not."""
    reasons: list[str] = []
    if document.kind in instrument.kinds:
        reasons.append(t("documents.evidence.kind", kind=t(f"documents.kind.{document.kind}")))
    title_terms = [term for term in instrument.terms if _contains(document.title, term)]
    if title_terms:
        reasons.append(t("documents.evidence.title", term=title_terms[0]))
    if not reasons and instrument.headings:
        for heading in document.headings:
            found = [term for term in instrument.terms if _contains(heading, term)]
            if found:
                reasons.append(t("documents.evidence.heading", heading=heading))
                break
    if reasons and instrument.require:
        body = f"{document.title}\n{document.text}"
        if not any(_contains(body, word) for word in instrument.require):
            return []
    return reasons


def propose(
    instruments: Sequence[Instrument], documents: Sequence[DocumentFacts], *, reference_year: int | None = None
) -> list[Proposal]:
    """Propose a status per instrument from the studied documents.

    Args:
        instruments: The scan's checklist.
        documents: The studied documents.
        reference_year: The year the scan looks from (default: this year).

    Returns:
        One proposal per instrument, in the checklist's order.
    """
    year_now = reference_year or dt.date.today().year
    proposals = []
    for instrument in instruments:
        matches: list[tuple[DocumentFacts, list[str]]] = []
        for document in documents:
            reasons = _match(instrument, document)
            if reasons:
                matches.append((document, reasons))
        matches.sort(key=lambda pair: (pair[0].date is not None, pair[0].date or dt.date.min), reverse=True)
        if not matches:
            status = "ontbreekt" if documents else "onbekend"
            key = "documents.evidence.none" if documents else "documents.evidence.no_documents"
            proposals.append(Proposal(instrument, status, [], [t(key, count=len(documents))]))
            continue
        latest, reasons = matches[0]
        evidence = [f"{latest.title}: {'; '.join(reasons)}"]
        if latest.year is None:
            status = "onbekend"
            evidence.append(t("documents.evidence.undated"))
        elif year_now - latest.year > instrument.max_age:
            status = "verouderd"
            evidence.append(t("documents.evidence.date", year=latest.year))
            evidence.append(t("documents.evidence.too_old", max_age=instrument.max_age, ref_year=year_now))
        else:
            status = "aanwezig"
            evidence.append(t("documents.evidence.date", year=latest.year))
        proposals.append(Proposal(instrument, status, [document for document, _ in matches], evidence))
    return proposals


def finding(label: str, status: str, latest: DocumentFacts | None = None, *, neuter: bool = False) -> str:
    """The report sentence for an instrument whose status the analyst settled on.

    Args:
        label: The instrument's label ("Bibob-beleidslijn").
        status: One of :data:`STATUSES`.
        latest: The newest linked document, if any.
        neuter: The label is a het-word ("geen actueel agressieprotocol").
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if status == "ontbreekt":
        return t("documents.finding.missing", label=label)
    if status == "onbekend":
        return t("documents.finding.unknown", label=label)
    if status == "verouderd":
        current = t("documents.finding.current_neuter" if neuter else "documents.finding.current")
        if latest is not None and latest.year is not None:
            return t("documents.finding.outdated", label=label, year=latest.year, current=current)
        return t("documents.finding.outdated_undated", label=label, current=current)
    if latest is not None and latest.year is not None and str(latest.year) not in latest.title:
        return t("documents.finding.present", label=label, title=latest.title, year=latest.year)
    if latest is not None:
        return t("documents.finding.present_undated", label=label, title=latest.title)
    return t("documents.finding.present_undated", label=label, title=t("documents.finding.no_document"))


def appendix(documents: Sequence[DocumentFacts]) -> list[dict[str, str]]:
    """The appendix "Bestudeerde documenten": one row per document, sorted by title."""
    rows = []
    for document in sorted(documents, key=lambda item: item.title.lower()):
        rows.append(
            {
                "title": document.title,
                "kind": t(f"documents.kind.{document.kind}") if f"documents.kind.{document.kind}" in _kinds() else "",
                "owner": document.owner or t("documents.appendix.owner_unknown"),
                "date": document.date.strftime("%d-%m-%Y") if document.date else t("documents.appendix.date_unknown"),
                "version": document.version,
            }
        )
    return rows


def _kinds() -> set[str]:
    from texts import T

    return {key for key in T if key.startswith("documents.kind.")}
