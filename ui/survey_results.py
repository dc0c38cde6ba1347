"""The results tab of the survey screen: per question the chart, the figure sentence, n and break-downs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.survey.charts import fig_question
from coding.survey.preview import ImportedSurvey
from coding.survey.questions import QuestionSpec
from coding.survey.sentences import figure_sentence
from coding.survey.stats import breakdown, breakdown_csv, frequencies, grid_csv, rounded, table_csv
from texts import t
from ui.survey_common import chart_downloads, plain, slug


def question_blocks(survey: ImportedSurvey, pillar: str | None) -> list[list[QuestionSpec]]:
    """Questions grouped as they are charted: the statements of one grid together."""
    blocks: dict[str, list[QuestionSpec]] = {}
    for spec in survey.questions:
        if pillar and spec.pillar != pillar:
            continue
        blocks.setdefault(spec.group or spec.code, []).append(spec)
    return list(blocks.values())


def render_block(survey: ImportedSurvey, members: list[QuestionSpec], *, breakdown_field: str | None) -> None:
    first = members[0]
    title = (first.group_text or first.text) if first.group else first.text
    st.subheader(plain(title), anchor=False)
    tables = [frequencies(spec, survey.answers[spec.code]) for spec in members]
    key = slug(f"{first.code}_{title}")
    if first.type == "open":
        answers = [a for a in survey.answers[first.code] if a]
        st.write(t("survey.page.open_count", n=len(answers)))
        return
    fig = fig_question(tables, title if first.group else None)
    st.plotly_chart(fig, key=f"survey_{key}_chart", width="stretch")
    for table in tables:
        sentence = figure_sentence(table)
        if sentence is not None:
            st.markdown(plain(sentence.text))
        st.caption(t("survey.page.n_line", n=table.n, missing=table.missing))
    chart_downloads(fig, grid_csv(tables) if len(tables) > 1 else table_csv(tables[0]), key)
    if breakdown_field and first.type in ("likert", "choice", "multi"):
        groups = [getattr(respondent, breakdown_field) for respondent in survey.respondents]
        for spec in members:
            rows = breakdown(spec, survey.answers[spec.code], groups)
            with st.expander(
                t("survey.page.breakdown_of", field=t(f"survey.breakdown.{breakdown_field}"), question=plain(spec.text))
            ):
                st.dataframe(
                    _breakdown_frame(rows), hide_index=True, width="stretch", key=f"survey_{key}_{spec.code}_bd"
                )
                st.download_button(
                    t("survey.page.csv"), data=breakdown_csv(rows), file_name=f"{key}_{breakdown_field}.csv",
                    mime="text/csv", key=f"survey_{key}_{spec.code}_bdcsv", on_click="ignore",
                )  # fmt: skip


def _breakdown_frame(rows: list) -> pd.DataFrame:
    records = []
    for row in rows:
        record: dict[str, object] = {
            t("survey.csv.group"): row.group,
            t("survey.csv.n"): row.n if not row.suppressed else "",
        }
        if row.suppressed:
            record[t("survey.page.col.note")] = row.suppressed
        for item in row.rows:
            record[item.label] = f"{rounded(item.pct)}%"
        records.append(record)
    return pd.DataFrame(records).fillna("")
