"""The default template: the seed's questionnaire mapped to pillars, its Excel, and matching."""

from __future__ import annotations

import io

import yaml
from openpyxl import load_workbook

from coding.survey.preview import build_preview
from coding.survey.template import TEMPLATE_PATH, load_template, match_template, similarity, template_xlsx
from tests.coding.survey_files import csv_bytes

PILLARS = {"BEW", "INF", "BEL", "INT", "COM"}


def test_survey_template_every_question_has_a_pillar_and_a_known_theme() -> None:
    template = load_template()
    codebook = yaml.safe_load((TEMPLATE_PATH.parent / "codebook.yaml").read_text(encoding="utf-8"))
    themes = {theme["code"] for pillar in codebook["pillars"] for theme in pillar.get("themes", [])}
    assert len({q.group or q.code for q in template.questions}) >= 16  # the seed's appendix has 16 questions
    for question in template.questions:
        assert question.pillar in PILLARS
        assert question.theme is None or question.theme.split(".")[0] == question.pillar
        if question.theme is not None and themes:
            assert question.theme in themes, question.theme


def test_survey_template_xlsx_lists_every_question() -> None:
    workbook = load_workbook(io.BytesIO(template_xlsx()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Code", "Vraag")
    assert len(rows) - 1 == len(load_template().questions)
    assert any(row[1] and "weerbaar(der)" in row[1] for row in rows)


def test_survey_template_matches_reworded_questions_and_leaves_the_rest() -> None:
    rows = [["Hoe lang bent u werkzaam voor de gemeente Zwolle?", "Wat is uw lievelingskleur?"]]
    rows += [["3-5 jaar", "rood"], ["6-10 jaar", "blauw"], ["1-2 jaar", "rood"]] * 4
    preview = build_preview(csv_bytes(rows), "z.csv")
    matched = match_template(preview.questions)
    years, colour = preview.questions
    assert matched[years.code][0] == "jaren" and years.pillar == "BEW"
    assert colour.code not in matched and colour.pillar is None


def test_survey_template_similarity_ignores_the_organisation_name() -> None:
    a = "Weet u waar u uw vermoedens binnen de provincie Groningen kan melden?"
    b = "Weet u waar u uw vermoedens binnen de organisatie kan melden?"
    assert similarity(a, b) > 0.9
    assert similarity(a, "Wat is uw lievelingskleur?") < 0.3
