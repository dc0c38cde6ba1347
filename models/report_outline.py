"""The report's structure as data: the shipped template (``data/report_template.yaml``),
the library of recommendations (``data/recommendations.yaml``) and the outline of one
scan's report (the template expanded over the scan's codebook).

Pure: no storage. :func:`outline` gives chapters (Heading 1) with sections (Heading 2) and,
for sections marked ``per_theme``, one subsection per theme (Heading 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coding.codebook import Codebook, load_yaml
from texts import WeerbaarError

DATA = Path(__file__).resolve().parent.parent / "data"
TEMPLATE_FILE = DATA / "report_template.yaml"
LIBRARY_FILE = DATA / "recommendations.yaml"
KINDS = ("written", "generated", "recommendations", "recommendations_overview")
GENERATORS = ("research_design", "documents", "survey_questions", "respondents", "codebook", "followup")


class ReportError(WeerbaarError, ValueError):
    """A problem with the report a user can read about (catalogue keys ``report.error.*``)."""

    key_prefix = "report.error."


@dataclass(frozen=True)
class Section:
    """One place in the report that holds text: a section or a theme subsection."""

    key: str
    title: str | None
    kind: str
    level: int  # heading level of the title: 2 for a section, 3 for a theme
    generator: str | None = None
    pillar: str | None = None
    theme: str | None = None


@dataclass
class Chapter:
    key: str
    title: str
    number: int | None
    pillar: str | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title


@dataclass(frozen=True)
class LibraryRecommendation:
    """A recommendation of the seed report, quoted."""

    key: str
    pillar: str
    title: str
    text: str
    seed_number: int


def load_template(path: Path | None = None) -> dict[str, Any]:
    """The report template as a dict, checked (kinds, generators, unique keys)."""
    raw = load_yaml((path or TEMPLATE_FILE).read_text(encoding="utf-8"))
    validate_template(raw)
    return raw


def validate_template(raw: dict[str, Any]) -> None:
    """Raise :class:`ReportError` when the template does not follow the schema."""
    chapters = raw.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        raise ReportError("template", detail="chapters")
    seen: set[str] = set()
    for chapter in chapters:
        if not isinstance(chapter, dict) or not chapter.get("key") or not chapter.get("title"):
            raise ReportError("template", detail=str(chapter)[:80])
        for section in chapter.get("sections") or []:
            key = str(section.get("key") or "")
            scoped = f"{chapter['key']}/{key}" if chapter.get("per_pillar") else key
            if not key or scoped in seen:
                raise ReportError("template", detail=key or "key")
            seen.add(scoped)
            if section.get("kind") not in KINDS:
                raise ReportError("template", detail=f"{key}: kind {section.get('kind')}")
            if section.get("kind") == "generated" and section.get("generator") not in GENERATORS:
                raise ReportError("template", detail=f"{key}: generator {section.get('generator')}")


def load_library(path: Path | None = None) -> list[LibraryRecommendation]:
    raw = load_yaml((path or LIBRARY_FILE).read_text(encoding="utf-8"))
    return [
        LibraryRecommendation(
            key=str(item["key"]),
            pillar=str(item["pillar"]),
            title=str(item["title"]),
            text=str(item.get("text") or ""),
            seed_number=int(item.get("seed_number") or 0),
        )
        for item in raw.get("recommendations") or []
    ]


def _fill(text: str, values: dict[str, object]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def outline(template: dict[str, Any], codebook: Codebook, values: dict[str, object] | None = None) -> list[Chapter]:
    """Expand the template over the codebook's pillars and themes.

    Per-pillar chapters are numbered 1 … 5 in codebook order (as in the seed); their
    section keys are ``PILLAR.key`` and theme subsections ``PILLAR.key.THEME``.
    """
    values = dict(values or {})
    chapters: list[Chapter] = []
    number = 0
    for spec in template["chapters"]:
        only = spec.get("measurement")  # a chapter only for a nulmeting or only for a vervolgmeting
        if only and str(values.get("measurement", "")).lower() != str(only).lower():
            continue
        pillars = codebook.pillars if spec.get("per_pillar") else [None]
        for pillar in pillars:
            local = dict(values)
            if pillar is not None:
                local.update(pillar=pillar.code, pillar_name=pillar.name)
            numbered = bool(spec.get("numbered"))
            if numbered:
                number += 1
            chapter = Chapter(
                key=f"{pillar.code}" if pillar is not None else str(spec["key"]),
                title=_fill(str(spec["title"]), local),
                number=number if numbered else None,
                pillar=pillar.code if pillar is not None else None,
            )
            for section in spec.get("sections") or []:
                base = str(section["key"])
                key = f"{pillar.code}.{base}" if pillar is not None else base
                title = section.get("title")
                chapter.sections.append(
                    Section(
                        key=key,
                        title=_fill(str(title), local) if title else None,
                        kind=str(section["kind"]),
                        level=2,
                        generator=section.get("generator"),
                        pillar=chapter.pillar,
                    )
                )
                if section.get("per_theme") and pillar is not None:
                    for theme in pillar.themes:
                        chapter.sections.append(
                            Section(
                                key=f"{key}.{theme.code}",
                                title=theme.name,
                                kind=str(section["kind"]),
                                level=3,
                                pillar=pillar.code,
                                theme=theme.code,
                            )
                        )
            chapters.append(chapter)
    return chapters


def sections(chapters: list[Chapter]) -> list[Section]:
    return [section for chapter in chapters for section in chapter.sections]


def heading_outline(chapters: list[Chapter]) -> list[tuple[int, str]]:
    """(level, text) of every heading the export writes, in order."""
    out: list[tuple[int, str]] = []
    for chapter in chapters:
        out.append((1, chapter.heading))
        out.extend((section.level, section.title) for section in chapter.sections if section.title)
    return out
