"""Citaten: the quote basket per pillar and theme, PII checks, and the exports."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from coding.charts import ChartExportError
from coding.codebook import PILLAR_CODES
from coding.codebook import Codebook as CodebookData
from models import exports, quotes
from models.content import load_codebook
from texts import T, WeerbaarError, t
from ui.format import display_user
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db, progress_bar, scan_or_stop

FLASH = "quotes_flash"
FILES = "quotes_files"


def flash(kind: str, message: str) -> None:
    """Show ``message`` after the next rerun."""
    st.session_state[FLASH] = (kind, message)
    st.rerun()


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH, (None, ""))
    if kind == "success":
        st.success(md(message))
    elif kind == "error":
        st.error(md(message))


def style_choice(scan_id: int, current: str) -> None:
    style = st.radio(
        T["quotes.page.style"],
        quotes.CITATION_STYLES,
        index=quotes.CITATION_STYLES.index(current) if current in quotes.CITATION_STYLES else 0,
        format_func=lambda value: T[f"quotes.style.{value}"],
        horizontal=True,
        key="quotes_style",
    )
    if style != current:
        try:
            quotes.set_citation_style(get_db(), current_actor(), scan_id, style)
        except WeerbaarError as exc:
            flash("error", exc.message())
        else:
            flash("success", T["quotes.page.style_saved"])


def place_fields(codebook: CodebookData, key: str, pillar: str, theme: str | None) -> tuple[str, str | None]:
    """Pillar and theme pickers, starting at the given placement (the fragment's accepted coding)."""
    codes = list(PILLAR_CODES)
    left, right = st.columns(2)
    chosen = left.selectbox(
        T["quotes.page.pillar"],
        codes,
        index=codes.index(pillar) if pillar in codes else 0,
        format_func=lambda code: f"{code} {codebook.pillar(code).name}",
        key=f"{key}_pillar",
    )
    themes: list[str | None] = [None, *(item.code for item in codebook.pillar(chosen).themes)]
    names = {item.code: item.name for item in codebook.themes()}
    picked = right.selectbox(
        T["quotes.page.theme"],
        themes,
        index=themes.index(theme) if theme in themes else 0,
        format_func=lambda code: names.get(code, T["quotes.page.no_theme"]) if code else T["quotes.page.no_theme"],
        key=f"{key}_theme_{chosen}",
    )
    return chosen, picked


def add_form(scan_id: int, codebook: CodebookData) -> None:
    db, actor = get_db(), current_actor()
    with st.expander(T["quotes.page.add_header"], expanded=True):
        search = st.text_input(T["quotes.page.search"], key="quotes_search")
        choices = quotes.accepted_fragments(db, actor, scan_id, search=search)
        if not choices:
            st.caption(T["quotes.page.no_fragments"])
            return
        by_id = {choice.fragment_id: choice for choice in choices}
        fragment_id = st.selectbox(
            T["quotes.page.fragment"],
            list(by_id),
            format_func=lambda fid: (
                f"{by_id[fid].respondent_code or '?'} · {', '.join(by_id[fid].codes)} · {by_id[fid].text[:120]}"
            ),
            key="quotes_fragment",
        )
        choice = by_id[fragment_id]
        pillar, theme = place_fields(codebook, f"quotes_new_{fragment_id}", choice.pillar, choice.theme)
        if st.button(T["quotes.page.add"], key="quotes_add", type="primary"):
            try:
                quotes.add_quote(db, actor, int(fragment_id), pillar, theme)
            except WeerbaarError as exc:
                flash("error", exc.message())
            else:
                flash("success", T["quotes.page.added"])


def quote_card(view: quotes.QuoteView, theme_names: dict[str, str], codebook: CodebookData) -> None:
    db, actor = get_db(), current_actor()
    with st.container(border=True):
        st.caption(
            md(
                f"{theme_names.get(view.theme or '', T['quotes.page.no_theme'])} · "
                f"{T['quotes.page.respondent']} {view.respondent_code or '?'} · {view.interview_title}"
            )
        )
        left, right = st.columns(2)
        left.markdown(f"**{T['quotes.page.original']}**")
        left.markdown(md(view.original_text))
        text = right.text_area(
            T["quotes.page.display"],
            value=view.display_text,
            help=T["quotes.page.display_help"],
            key=f"quotes_text_{view.id}",
        )
        buttons = st.columns(4)
        if buttons[0].button(T["quotes.page.save"], key=f"quotes_save_{view.id}"):
            try:
                quotes.edit_quote(db, actor, view.id, text)
            except WeerbaarError as exc:
                flash("error", exc.message())
            else:
                flash("success", T["quotes.page.saved"])
        for column, label, direction in ((buttons[1], "up", -1), (buttons[2], "down", +1)):
            if column.button(T[f"quotes.page.{label}"], key=f"quotes_{label}_{view.id}"):
                try:
                    quotes.move_quote(db, actor, view.id, direction)
                except WeerbaarError as exc:
                    flash("error", exc.message())
                st.rerun()
        if buttons[3].button(T["quotes.page.remove"], key=f"quotes_remove_{view.id}"):
            try:
                quotes.remove_quote(db, actor, view.id)
            except WeerbaarError as exc:
                flash("error", exc.message())
            else:
                flash("success", T["quotes.page.removed"])
        with st.popover(t("quotes.page.place")):
            pillar, theme = place_fields(codebook, f"quotes_place_{view.id}", view.pillar, view.theme)
            if st.button(t("quotes.page.place_save"), key=f"quotes_place_save_{view.id}"):
                try:
                    quotes.place_quote(db, actor, view.id, pillar, theme)
                except WeerbaarError as exc:
                    flash("error", exc.message())
                else:
                    flash("success", t("quotes.page.placed"))
        st.caption(T["quotes.page.preview"])
        st.markdown(f"> {md(view.citation)}")
        if view.anonymous_fallback:
            st.caption(t("quotes.anonymous_fallback", respondent=view.respondent_code))
        waivers = {waiver.get("finding"): waiver for waiver in view.waivers}
        for index, finding in enumerate(view.findings):
            waiver = waivers.get(finding.key)
            if waiver is not None:
                st.caption(
                    t("quotes.page.finding", label=md(finding.label), text=md(finding.text))
                    + " — "
                    + t(
                        "quotes.page.waived", user=display_user(waiver.get("user", "")), reason=waiver.get("reason", "")
                    )
                )
                continue
            st.warning(t("quotes.page.finding", label=md(finding.label), text=md(finding.text)))
            reason = st.text_input(T["quotes.page.reason"], key=f"quotes_reason_{view.id}_{index}")
            if st.button(T["quotes.page.waive"], key=f"quotes_waive_{view.id}_{index}"):
                try:
                    quotes.waive_finding(db, actor, view.id, finding.key, reason)
                except WeerbaarError as exc:
                    flash("error", exc.message())
                else:
                    flash("success", T["quotes.page.waived_ok"])


def basket(scan_id: int, codebook: CodebookData) -> None:
    st.header(T["quotes.page.basket"])
    views = quotes.list_quotes(get_db(), current_actor(), scan_id)
    if not views:
        st.info(T["quotes.page.empty"])
        return
    theme_names = {theme.code: theme.name for theme in codebook.themes()}
    by_pillar: dict[str, list[quotes.QuoteView]] = defaultdict(list)
    for view in views:
        by_pillar[view.pillar].append(view)
    for number, pillar in enumerate(codebook.pillars, start=1):
        if pillar.code not in by_pillar:
            continue
        st.subheader(f"{number}. {md(pillar.name)}")
        for view in by_pillar[pillar.code]:
            quote_card(view, theme_names, codebook)


def export_section(scan_id: int, scan_name: str) -> None:
    db, actor = get_db(), current_actor()
    if not actor.can("export", scan_id):
        return
    st.header(T["quotes.page.exports"])
    blockers = quotes.export_blockers(db, actor, scan_id)
    if blockers:
        st.error(T["quotes.page.blocked"] + "\n\n" + "\n".join(f"- {b.message}" for b in blockers))
    real_names = False
    if actor.can("export.real_names", scan_id):
        real_names = st.checkbox(T["quotes.page.real_names"], key="quotes_real_names")
    with_charts = st.checkbox(T["quotes.page.with_charts"], key="quotes_with_charts")
    accepted_only = st.checkbox(
        T["quotes.page.accepted_only"],
        value=False,
        key="quotes_accepted_only",
        help=t("quotes.page.accepted_only_help", user=T["refiqda.auto_coder"]),
    )
    if st.button(T["quotes.page.prepare"], key="quotes_prepare"):
        files: dict[str, bytes] = {}
        images = None
        report, remove = progress_bar(t("quotes.page.preparing"))
        if with_charts:
            report(0.05, t("quotes.page.preparing_charts"))
            try:
                images = exports.chart_images(db, actor, scan_id)
            except ChartExportError as exc:
                st.warning(md(str(exc)))
            except WeerbaarError as exc:
                st.error(md(exc.message()))
        for number, fmt in enumerate(exports.FORMATS):
            report(
                0.1 + 0.9 * number / len(exports.FORMATS),
                t("quotes.page.preparing_format", name=T[f"quotes.page.download_{fmt}"]),
            )
            if fmt == "docx" and blockers:
                continue
            try:
                files[fmt] = exports.export(
                    db,
                    actor,
                    scan_id,
                    fmt,
                    real_names=real_names and fmt != "docx",
                    charts=images,
                    accepted_only=accepted_only,
                )
            except WeerbaarError as exc:
                st.error(md(exc.message()))
        remove()
        st.session_state[FILES] = (scan_id, files, accepted_only)
    prepared_scan, files, prepared_accepted_only = st.session_state.get(FILES, (None, {}, False))
    if prepared_scan != scan_id:
        return
    columns = st.columns(len(exports.FORMATS))
    for column, fmt in zip(columns, exports.FORMATS, strict=True):
        if fmt in files:
            column.download_button(
                T[f"quotes.page.download_{fmt}"],
                data=files[fmt],
                file_name=exports.filename(scan_name, fmt),
                mime=exports.MIME_TYPES[fmt],
                key=f"quotes_download_{fmt}",
            )
        if fmt == "qdpx" and fmt in files:  # which variant was prepared, under its button
            column.caption(
                T["quotes.page.qdpx_accepted_only"]
                if prepared_accepted_only
                else t("quotes.page.qdpx_with_suggestions", user=T["refiqda.auto_coder"])
            )


def main() -> None:
    st.title(T["quotes.page.title"])
    show_flash()
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(T["quotes.page.no_scan"])
        return
    db, actor = get_db(), current_actor()
    if not actor.can("quote", scan_id):
        st.warning(T["quotes.page.no_permission"])
        return
    scan = scan_or_stop(scan_id)
    codebook = load_codebook(db, scan.codebook_id)
    style_choice(scan_id, scan.citation_style)
    add_form(scan_id, codebook)
    basket(scan_id, codebook)
    export_section(scan_id, scan.name)


main()
