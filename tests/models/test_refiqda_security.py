"""Hostile REFI-QDA projects: refused with a Dutch message, the database unchanged, the good file still imports."""

from __future__ import annotations

import argparse
import importlib
import zipfile

import pytest

from models import refiqda
from models.auth import LOCAL
from models.errors import InputError
from tests import hostile
from tests.factories import FOREIGN_PROJECT as FOREIGN
from tests.factories import dump

SOURCE = "sources/77777777-7777-7777-7777-777777777777.txt"
GOOD_TEXT = b"Jan de Vries: We hebben een meldpunt, maar niemand weet het."
DUPLICATE_CASES = FOREIGN.replace(
    b'<Cases><Case guid="66666666-6666-6666-6666-666666666666" name="Jan de Vries"/></Cases>',
    b'<Cases><Case guid="66666666-6666-6666-6666-666666666666" name="Jan de Vries"/>'
    b'<Case guid="66666666-6666-6666-6666-666666666667" name="Jan de Vries"/></Cases>',
)


def qdpx(qde: bytes = FOREIGN, source: bytes = GOOD_TEXT) -> bytes:
    return hostile.zip_bytes({"project.qde": qde, SOURCE: source})


BROKEN = {
    "position_not_a_number": (
        qdpx(FOREIGN.replace(b'startPosition="14" endPosition="42"', b'startPosition="abc" endPosition="42"')),
        "geheel getal",
    ),
    "position_negative": (
        qdpx(FOREIGN.replace(b'startPosition="14" endPosition="21"', b'startPosition="-3" endPosition="21"')),
        "geheel getal",
    ),
    "end_before_start": (
        qdpx(FOREIGN.replace(b'startPosition="14" endPosition="21"', b'startPosition="30" endPosition="21"')),
        "einde",
    ),
    "bad_utf8_source": (qdpx(source=b"Jan de Vries: caf\xe9 \xff\xfe kapot"), "geen geldige UTF-8"),
    "duplicate_cases": (qdpx(DUPLICATE_CASES), "twee of meer cases"),
    "xxe": (qdpx(hostile.XXE_PROJECT), "DOCTYPE"),
    "billion_laughs": (qdpx(hostile.BILLION_LAUGHS), "DOCTYPE"),
    "broken_xml": (qdpx(hostile.BROKEN_XML), "geen geldig REFI-QDA"),
    "zip_bomb": (b"", "zip-bom"),  # built in the test: 210 MB to compress is no work for collection
}


SLOW_BOMB = pytest.mark.slow  # compressing and opening 210 MB


def _broken(case: str) -> tuple[bytes, str]:
    data, message = BROKEN[case]
    if case == "zip_bomb":
        data = hostile.zip_bytes({"project.qde": FOREIGN, SOURCE: b"0" * (210 * 1024 * 1024)})
    return data, message


@pytest.mark.parametrize("case", [pytest.param(c, marks=SLOW_BOMB) if c == "zip_bomb" else c for c in sorted(BROKEN)])
def test_refiqda_broken_project_changes_nothing_and_good_file_imports_after(db, case):
    data, message = _broken(case)
    before = dump(db)
    with pytest.raises(InputError, match=message):
        refiqda.import_qdpx(db, LOCAL, data, filename=f"{case}.qdpx")
    assert dump(db) == before
    result = refiqda.import_qdpx(db, LOCAL, qdpx(), filename="goed.qdpx")
    assert result.scan_id is not None and result.sources == 1


def test_refiqda_failure_while_writing_rolls_back_the_scan(db, monkeypatch):
    from models.refiqda import importer

    before = dump(db)
    real = importer.record_event

    def broken_event(session, actor, action, **kwargs):
        if action == "import.refiqda":  # the last write: scan, codes, turns and fragments are already flushed
            raise RuntimeError("schijf vol")
        real(session, actor, action, **kwargs)

    monkeypatch.setattr(importer, "record_event", broken_event)
    with pytest.raises(RuntimeError):
        refiqda.import_qdpx(db, LOCAL, qdpx(), filename="goed.qdpx")
    assert dump(db) == before


def test_refiqda_validate_never_raises_on_hostile_xml():
    assert refiqda.validate(hostile.XXE_PROJECT, "project")
    assert refiqda.validate(hostile.BILLION_LAUGHS, "project")
    assert refiqda.validate(hostile.BROKEN_XML, "project")


def test_refiqda_qdc_with_entities_refused(db):
    qdc = (
        b'<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x"><Codes/></CodeBook>'
    )
    before = dump(db)
    with pytest.raises(InputError, match="DOCTYPE"):
        refiqda.import_qdc(db, LOCAL, qdc, filename="x.qdc")
    assert dump(db) == before


@pytest.mark.parametrize("case", ["xxe", "broken_xml", pytest.param("zip_bomb", marks=SLOW_BOMB)])
def test_refiqda_cli_shows_dutch_message(db, tmp_path, capsys, case):
    command = importlib.import_module("models.commands.import")
    path = tmp_path / f"{case}.qdpx"
    path.write_bytes(_broken(case)[0])
    code = command.run(argparse.Namespace(path=path, scan=None))
    err = capsys.readouterr().err
    assert code == 2
    assert BROKEN[case][1] in err
    assert "Traceback" not in err and "XMLSyntaxError" not in err


def test_refiqda_zip_with_too_many_members_refused(db, monkeypatch):
    from models.refiqda import importer

    monkeypatch.setattr(importer, "QDPX_MAX_MEMBERS", 20)
    data = hostile.zip_bytes(
        {"project.qde": FOREIGN, SOURCE: GOOD_TEXT, **{f"sources/x{i}.txt": b"x" for i in range(30)}}
    )
    with pytest.raises(InputError, match="onderdelen"):
        refiqda.import_qdpx(db, LOCAL, data, filename="veel.qdpx")
    assert zipfile.is_zipfile(__import__("io").BytesIO(data))
