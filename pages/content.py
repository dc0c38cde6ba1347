"""Guide and codebook: view, edit, import and export as YAML.

Guides are versioned: saving makes a new version; interviews keep the version
they used. Editing a scan's codebook marks affected auto suggestions stale.
"""

import pandas as pd
import streamlit as st

from coding.codebook import Codebook, Guide, Pillar, Theme, dump_yaml, load_yaml
from models.content import guide_version, latest_guide, load_codebook, save_codebook, save_guide
from texts import WeerbaarError, count, t
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db, progress_bar, scan_or_stop

db, actor = get_db(), current_actor()
st.title(t("content.title"))
can_edit = actor.can("content.edit")
tab_guide, tab_codebook = st.tabs([t("content.guide"), t("content.codebook")])

with tab_guide:
    guide_id, guide = latest_guide(db)
    st.caption(t("content.guide_version", name=md(guide.name), version=guide.version))
    rows = [
        {
            "id": q.id,
            "pijler": q.pillar or "",
            "vraag": q.text,
            "thema's": ", ".join(q.themes),
            "doorvragen": " | ".join(q.probes),
            "rollen": ", ".join(q.roles),
        }
        for q in guide.questions
    ]
    edited = st.data_editor(
        pd.DataFrame(rows),
        num_rows="dynamic",
        disabled=not can_edit,
        width="stretch",
        key="content_guide_editor",
    )
    st.download_button(
        t("content.download_yaml"),
        dump_yaml(guide.to_dict()).encode("utf-8"),
        file_name="leidraad.yaml",
        key="content_guide_download",
    )
    if can_edit and st.button(t("content.save_guide"), key="content_guide_save"):
        raw = guide.to_dict()
        sections: dict[str, list[dict]] = {}
        for row in edited.fillna("").to_dict("records"):
            if not str(row["id"]).strip():
                continue
            sections.setdefault(str(row["pijler"]), []).append(
                {
                    "id": str(row["id"]).strip(),
                    "text": str(row["vraag"]),
                    "themes": [x.strip() for x in str(row["thema's"]).split(",") if x.strip()],
                    "probes": [x.strip() for x in str(row["doorvragen"]).split("|") if x.strip()],
                    "roles": [x.strip() for x in str(row["rollen"]).split(",") if x.strip()],
                }
            )
        raw["sections"] = [{"pillar": pillar, "questions": qs} for pillar, qs in sections.items()]
        try:
            new_id = save_guide(db, actor, Guide.from_dict(raw))
        except WeerbaarError as exc:
            st.error(md(exc.message()))
        else:
            st.success(t("content.guide_saved", version=guide_version(db, new_id).version))
    upload = st.file_uploader(t("content.upload_guide"), type=["yaml", "yml"], key="content_guide_upload")
    if upload is not None and can_edit and st.button(t("content.import_guide"), key="content_guide_import"):
        try:
            new_id = save_guide(db, actor, Guide.from_dict(load_yaml(upload.getvalue().decode("utf-8"))))
        except (WeerbaarError, UnicodeDecodeError) as exc:
            st.error(t("content.import_error", error=md(exc)))
        else:
            st.success(t("content.guide_saved", version=guide_version(db, new_id).version))

with tab_codebook:
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("scans.none"))
        st.stop()
    scan = scan_or_stop(scan_id)
    codebook = load_codebook(db, scan.codebook_id)
    st.caption(t("content.codebook_version", name=md(codebook.name), version=codebook.version, scan=md(scan.name)))
    items: list[Pillar | Theme] = []
    for pillar in codebook.pillars:
        items += [pillar, *pillar.themes]
    code_rows = [
        {
            "code": item.code,
            "naam": item.name,
            "omschrijving": item.description,
            "trefwoorden": ", ".join(item.keywords),
        }
        for item in items
    ]
    edited_codes = st.data_editor(
        pd.DataFrame(code_rows),
        num_rows="dynamic",
        disabled=not can_edit,
        width="stretch",
        key="content_codebook_editor",
    )
    st.download_button(
        t("content.download_yaml"),
        dump_yaml(codebook.to_dict()).encode("utf-8"),
        file_name="codeboek.yaml",
        key="content_codebook_download",
    )

    def _save(new: Codebook) -> None:
        from models.autocode import mark_stale_after_codebook_edit

        changed = save_codebook(db, actor, scan.codebook_id, new)
        stale = mark_stale_after_codebook_edit(db, scan.codebook_id, changed)
        st.session_state["content_stale"] = stale
        st.success(t("content.codebook_saved", changed=len(changed), stale=stale))

    if can_edit and st.button(t("content.save_codebook"), key="content_codebook_save"):
        raw = codebook.to_dict()
        by_code = {
            str(r["code"]).strip(): r for r in edited_codes.fillna("").to_dict("records") if str(r["code"]).strip()
        }
        for pillar in raw["pillars"]:
            row = by_code.pop(pillar["code"], None)
            if row:
                pillar.update(name=row["naam"], description=row["omschrijving"])
                pillar["keywords"] = [k.strip() for k in str(row["trefwoorden"]).split(",") if k.strip()]
            themes = []
            for theme in pillar["themes"]:
                row = by_code.pop(theme["code"], None)
                if row is None:
                    continue
                themes.append(
                    {
                        "code": theme["code"],
                        "name": row["naam"],
                        "description": row["omschrijving"],
                        "keywords": [k.strip() for k in str(row["trefwoorden"]).split(",") if k.strip()],
                    }
                )
            pillar["themes"] = themes
        for code, row in by_code.items():
            parent = next((p for p in raw["pillars"] if code.startswith(p["code"] + ".")), None)
            if parent is None:
                st.error(t("content.unknown_pillar", code=md(code)))
                st.stop()
            parent["themes"].append(
                {
                    "code": code,
                    "name": row["naam"],
                    "description": row["omschrijving"],
                    "keywords": [k.strip() for k in str(row["trefwoorden"]).split(",") if k.strip()],
                }
            )
        try:
            _save(Codebook.from_dict(raw))
        except WeerbaarError as exc:
            st.error(md(exc.message()))
    upload_cb = st.file_uploader(t("content.upload_codebook"), type=["yaml", "yml"], key="content_codebook_upload")
    if upload_cb is not None and can_edit and st.button(t("content.import_codebook"), key="content_codebook_import"):
        try:
            _save(Codebook.from_dict(load_yaml(upload_cb.getvalue().decode("utf-8"))))
        except (WeerbaarError, UnicodeDecodeError) as exc:
            st.error(t("content.import_error", error=md(exc)))
    if st.session_state.get("content_stale"):
        st.warning(t("content.recode_offer", n=st.session_state["content_stale"]))
        if st.button(t("autocode.button_scan"), key="content_recode"):
            from models.autocode import autocode, scan_config

            report, _ = progress_bar(t("autocode.busy"))
            result = autocode(db, scan_id=scan_id, actor=actor, progress=report, config=scan_config())
            st.session_state["content_stale"] = 0
            st.success(t("autocode.done", fragments=count(result.coded, "fragment")))
