"""The transcript import screen (pages/import.py): the upload, refusals and unexpected failures in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from models import imports
from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from models.scans import create_scan
from tests import hostile
from texts import t

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "import.py")


def test_import_page_asks_for_a_transcript_file(db: Database) -> None:
    scan_id = load_demo(db, LOCAL, autocode=False)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("import.title")]
    assert t("import.intro") in [markdown.value for markdown in at.markdown]
    uploaders = at.get("file_uploader")
    assert len(uploaders) == 1 and uploaders[0].proto.label == t("import.file")
    assert not at.subheader  # no speaker mapping before a file is read


def test_import_page_without_scan_points_to_scans(db: Database) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception, at.exception
    assert [info.value for info in at.info] == [t("scans.none")]
    assert not at.get("file_uploader")


TRANSCRIPT = (
    b"Interviewer: Hoe gaat uw afdeling om met signalen van ondermijning?\n\n"
    b"Respondent: Wij hebben geen intern meldpunt. Meldingen komen bij de leidinggevende terecht, "
    b"en die weet vaak niet wat hij ermee moet.\n"
)


def _stored(db: Database) -> dict[str, int]:
    tables = {"interviews": s.Interview, "turns": s.Turn, "fragments": s.Fragment, "respondents": s.Respondent}
    with db.session() as session:
        counts = {name: session.scalar(select(func.count()).select_from(table)) or 0 for name, table in tables.items()}
        counts["import events"] = len(
            session.scalars(select(s.Event.id).where(s.Event.action == "interview.import")).all()
        )
    return counts


def _uploaded(db: Database, name: str, data: bytes) -> tuple[AppTest, int]:
    scan_id = create_scan(db, LOCAL, name="Import", organisation="Gemeente Import", kind="gemeente")
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    at.get("file_uploader")[0].upload(name, data, "text/plain").run()
    assert not at.exception, at.exception
    return at, scan_id


def _shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("error", "warning", "success", "info", "markdown") for e in at.get(kind))


def test_import_page_refuses_200_kb_of_latin1_junk_in_dutch_and_stores_nothing(db: Database) -> None:
    before = _stored(db)
    at, _ = _uploaded(db, "rommel.txt", hostile.latin1_junk())
    errors = [error.value for error in at.error]
    assert len(errors) == 1 and "leesbare tekst" in errors[0], errors
    assert "Traceback" not in _shown(at) and "Error" not in _shown(at)
    assert not at.subheader and not at.button  # no speaker mapping, no import button
    assert _stored(db) == before


@pytest.mark.parametrize("step", ["service", "inside the transaction"])
def test_import_page_unexpected_error_is_dutch_and_stores_nothing(
    db: Database, caplog: pytest.LogCaptureFixture, step: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire while importing")

    at, _ = _uploaded(db, "gesprek.txt", TRANSCRIPT)
    before = _stored(db)
    at.text_input(key="import_role_1").input("beleidsadviseur")
    # the page imports import_transcript on each run; record_event runs after respondent, interview, turns, fragments
    with pytest.MonkeyPatch.context() as patch, caplog.at_level("ERROR"):
        patch.setattr(imports, "import_transcript" if step == "service" else "record_event", broken)
        at.button(key="import_submit").click().run()
    assert not at.exception, at.exception
    assert [error.value for error in at.error] == [t("import.error.unexpected", error="RuntimeError")]
    shown = _shown(at)
    assert "disk on fire" not in shown and "Traceback" not in shown
    assert t("import.done") not in shown
    assert _stored(db) == before
    assert "disk on fire" in caplog.text  # the traceback goes to the log, not the screen

    # the same screen, the fault gone: the import goes through
    at.button(key="import_submit").click().run()
    assert not at.exception, at.exception
    assert t("import.done") in [box.value for box in at.success], _shown(at)
    after = _stored(db)
    assert after["interviews"] == 1 and after["fragments"] > 0 and after["import events"] == 1
