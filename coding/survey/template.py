"""The default survey template (the seed's questionnaire) and matching imported questions to it.

``data/survey_template.yaml`` holds the questions of the seed's appendix
"Vragen in de digitale enquête", each with its pillar and (best effort) theme.
:func:`template_xlsx` makes the Excel a researcher builds the survey from;
:func:`match_template` maps an imported survey's questions onto it by
normalised text similarity and leaves the rest for the analyst.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import yaml

from coding.survey.errors import SurveyError
from coding.survey.questions import QuestionSpec
from coding.yamlsafe import safe_load
from texts import t

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "data" / "survey_template.yaml"
MATCH_THRESHOLD = 0.62
"""Smallest similarity (0–1) at which an imported question counts as the template's."""

_STOP = {
    "de", "het", "een", "en", "van", "u", "uw", "in", "op", "te", "dat", "die", "is", "om", "voor", "met", "aan",
    "binnen", "bent", "zijn", "heeft", "kunt", "welke", "volgende", "organisatie", "provincie", "gemeente",
    "groningen", "omgevingsdienst", "waterschap", "wat", "hoe", "of", "er", "dit", "zich", "mij", "ik",
}  # fmt: skip


@dataclass
class TemplateQuestion:
    """One question (or one statement of a grid) of the template."""

    code: str
    text: str
    type: str
    pillar: str
    theme: str | None = None
    options: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    group: str | None = None
    group_text: str | None = None
    breakdown: str | None = None


@dataclass
class Template:
    name: str
    questions: list[TemplateQuestion]


def load_template(path: Path | None = None) -> Template:
    """Read the template; grid questions become one :class:`TemplateQuestion` per statement."""
    try:
        data = safe_load((path or TEMPLATE_PATH).read_text(encoding="utf-8"))
        scales = data.get("scales", {})
        questions: list[TemplateQuestion] = []
        for item in data["questions"]:
            options = list(scales[item["scale"]]) if "scale" in item else list(item.get("options", []))
            common = {
                "type": item["type"], "pillar": item["pillar"], "theme": item.get("theme"), "options": options,
                "missing": list(item.get("missing", [])), "breakdown": item.get("breakdown"),
            }  # fmt: skip
            if item.get("items"):
                for number, statement in enumerate(item["items"], start=1):
                    questions.append(
                        TemplateQuestion(
                            code=f"{item['code']}_{number}",
                            text=statement,
                            group=item["code"],
                            group_text=item["text"],
                            **common,
                        )  # fmt: skip
                    )
            else:
                questions.append(TemplateQuestion(code=item["code"], text=item["text"], **common))
    except (OSError, KeyError, TypeError, yaml.YAMLError) as error:
        raise SurveyError("template", detail=str(error)[:200]) from error
    return Template(name=str(data.get("name", "")), questions=questions)


def template_xlsx(template: Template | None = None) -> bytes:
    """The template as an Excel workbook (bytes): one row per question or statement."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    template = template or load_template()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("survey.template.sheet")
    headers = [
        t(f"survey.template.col.{key}") for key in ("code", "text", "item", "type", "options", "pillar", "theme")
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in template.questions:
        row = [
            question.code,
            question.group_text or question.text,
            question.text if question.group else "",
            t(f"survey.type.{question.type}"),
            " | ".join(question.options + question.missing),
            question.pillar,
            question.theme or "",
        ]
        sheet.append(row)
    for cell_row in sheet.iter_rows(min_row=2):
        for cell in cell_row:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (22, 60, 50, 24, 50, 8, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def normalise_text(text: str) -> list[str]:
    """Content words of a question, lower-case, without punctuation and placeholders."""
    return list(_content_words(text))


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-zà-ÿ0-9]+", text.lower().replace("’", "'"))
    return tuple(word for word in words if word not in _STOP)


def similarity(left: str, right: str) -> float:
    """Similarity of two question texts (0–1): mean of word overlap and sequence ratio."""
    score = _similarity_from(left, right, 0.0)
    return 0.0 if score is None else score


def _similarity_from(left: str, right: str, floor: float) -> float | None:
    """:func:`similarity`, or ``None`` as soon as it is certain to stay below ``floor``.

    The word overlap is cheap; the sequence ratio is not, so its quick upper bounds
    are tried first (a survey of 60 questions against a template of 60 is 3,600 pairs).
    """
    a, b = _content_words(left), _content_words(right)
    if not a or not b:
        return 0.0 if floor <= 0 else None
    words_a, words_b = set(a), set(b)
    overlap = len(words_a & words_b) / len(words_a | words_b)
    if (overlap + 1) / 2 < floor:
        return None
    matcher = SequenceMatcher(None, " ".join(a), " ".join(b))
    if (overlap + matcher.real_quick_ratio()) / 2 < floor or (overlap + matcher.quick_ratio()) / 2 < floor:
        return None
    return (overlap + matcher.ratio()) / 2


def match_template(specs: list[QuestionSpec], template: Template | None = None) -> dict[str, tuple[str, float]]:
    """Map imported questions onto template questions and fill pillar, theme and template code.

    Each template question is used at most once (best pairs first). Questions
    without a match above :data:`MATCH_THRESHOLD` keep their pillar and theme
    (``None`` by default) for the analyst.

    Returns:
        Question code → (template code, similarity) for the matched questions.
    """
    template = template or load_template()
    pairs = []
    for spec in specs:
        text = spec.text if spec.group is None else f"{spec.text}"
        for question in template.questions:
            grouped = bool(spec.group and question.group_text and spec.group_text)
            # a grouped pair reaches the threshold through (score + group similarity) / 2 at best
            floor = 2 * MATCH_THRESHOLD - 1 if grouped else MATCH_THRESHOLD
            found = _similarity_from(text, question.text, floor)
            if found is None:
                continue
            score = found
            if grouped and spec.group_text and question.group_text:
                score = max(score, (score + similarity(spec.group_text, question.group_text)) / 2)
            if score >= MATCH_THRESHOLD:
                pairs.append((score, spec.code, question))
    matched: dict[str, tuple[str, float]] = {}
    used: set[str] = set()
    by_code = {spec.code: spec for spec in specs}
    for score, code, question in sorted(pairs, key=lambda pair: -pair[0]):
        if code in matched or question.code in used:
            continue
        matched[code] = (question.code, score)
        used.add(question.code)
        spec = by_code[code]
        spec.template_code, spec.pillar, spec.theme = question.code, question.pillar, question.theme
        spec.breakdown = spec.breakdown or question.breakdown
    return matched
