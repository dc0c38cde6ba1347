"""Rapport: from coded evidence to the weerbaarheidsscan report, chapter by chapter.

Navigation over the report's chapters and sections (the template over the scan's codebook),
the editor of a written section with the evidence panel beside it, the generated parts,
the recommendations, the check before export and the Word/PDF export.
"""

from __future__ import annotations

import streamlit as st

from models import reports
from models.report_generated import appendix, scan_facts
from models.report_outline import Chapter, Section
from models.reports import parse_token
from texts import WeerbaarError, t
from ui import report_editor, report_evidence, report_export, report_recommendations, report_template
from ui.safe import md
from ui.state import chosen_scan_id, current_actor, get_db, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("report.page.title"))
st.caption(t("report.page.caption"))
scan_id = chosen_scan_id()
scan = scan_or_stop(scan_id)
try:
    info = reports.ensure_report(db, actor, scan_id)
    chapters = reports.report_outline(db, actor, info.id)
except WeerbaarError as error:
    st.error(md(error.message()))
    st.stop()


def section_label(section: Section) -> str:
    indent = "— " if section.level == 3 else ""
    return indent + (section.title or t(f"report.page.untitled.{section.kind}"))


def show_blocks(section: Section) -> None:
    st.info(t("report.page.generated"))
    assert section.generator is not None
    for kind, value in appendix(section.generator, scan_facts(db, actor, scan_id), db, actor, scan_id):
        if kind == "table":
            st.dataframe(value[1:], hide_index=True)
        else:
            st.text(("• " if kind == "bullet" else "") + str(value))


def show_items(section: Section) -> None:
    """What the tokens in the editor stand for, so the analyst reads the quote, not its number."""
    items = reports.list_items(db, actor, info.id)
    text = st.session_state.get(report_editor.text_key(section.key), "")
    for line in text.split("\n"):
        parsed = parse_token(line)
        if parsed and parsed[1] in items:
            item = items[parsed[1]]
            shown = item.display_text or item.caption
            label = f"({item.attribution})" if item.kind == "quote" else f"(n={item.numbers.get('n', '-')})"
            st.text(f"{item.token} {shown[:160]} {label}")


def chapter_view(chapter: Chapter) -> None:
    keys = [section.key for section in chapter.sections]
    by_key = {section.key: section for section in chapter.sections}
    chosen = st.selectbox(t("report.page.section"), keys, format_func=lambda k: section_label(by_key[k]),
                          key=f"report_section_{chapter.key}")  # fmt: skip
    section = by_key[chosen]
    st.header(md(section.title or chapter.heading))
    if section.kind == "generated":
        show_blocks(section)
    elif section.kind == "recommendations" and chapter.pillar is not None:
        themes = [x.theme for x in chapter.sections if x.theme]
        report_recommendations.editor(info.id, scan_id, chapter.pillar, [x for x in themes if x])
    elif section.kind == "recommendations_overview":
        for rec in reports.list_recommendations(db, actor, info.id):
            st.text(t("report.export.recommendation", number=rec.number) + " " + rec.title)
    else:
        left, right = st.columns([3, 2]) if section.pillar else (st.container(), None)
        with left:
            report_editor.editor(info.id, section.key)
            show_items(section)
        if right is not None:
            with right:
                report_evidence.panel(info.id, scan_id, section)


st.text(info.title)
labels = {chapter.key: md(chapter.heading) for chapter in chapters}  # radio options are markdown
chapter_key = st.sidebar.radio(t("report.page.chapter"), list(labels), format_func=labels.__getitem__,
                               key="report_chapter")  # fmt: skip
tab_write, tab_check, tab_structure = st.tabs(
    [t("report.page.editor"), t("report.page.export"), t("report.page.structure")]
)
with tab_write:
    chapter = next((c for c in chapters if c.key == chapter_key), None)
    if chapter is not None:
        chapter_view(chapter)
with tab_check:
    report_export.check(info.id)
    report_export.export(scan_id, scan.name)
with tab_structure:
    report_template.editor(info.id)
