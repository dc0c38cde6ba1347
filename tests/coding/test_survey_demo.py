"""The demo survey: 180 respondents, partial completion, departments, a few open answers."""

from __future__ import annotations

from coding.survey.demo import demo_survey_csv
from coding.survey.preview import build_preview, finalize
from coding.survey.stats import frequencies


def test_survey_demo_imports_like_a_real_export() -> None:
    preview = build_preview(demo_survey_csv(), "demo.csv")
    assert {d.name for d in preview.dropped} == {"ResponseId", "Startdatum"}
    survey = finalize(preview)
    assert len(survey.respondents) == 180
    by_type = survey.summary()["by_type"]
    assert by_type["likert"] >= 10 and by_type["multi"] == 3 and by_type["open"] == 2
    ns = [frequencies(spec, survey.answers[spec.code]).n for spec in survey.questions if spec.type == "likert"]
    assert min(ns) < max(ns) <= 180  # not everyone answers every question
    departments = {r.department for r in survey.respondents if r.department}
    assert len(departments) == 8
    opens = [spec for spec in survey.questions if spec.type == "open"]
    assert all(0 < sum(1 for a in survey.answers[spec.code] if a) < 40 for spec in opens)


def test_survey_demo_is_reproducible() -> None:
    assert demo_survey_csv(seed=3) == demo_survey_csv(seed=3)
    assert demo_survey_csv(seed=3) != demo_survey_csv(seed=4)
