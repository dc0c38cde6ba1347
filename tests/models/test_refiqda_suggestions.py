"""REFI-QDA carries what the analyst sees (issue 12): accepted codings under the analyst who decided them,
open suggestions under the user "Weerbaar automatische codeur", rejections never; and back again."""

from __future__ import annotations

import argparse
import importlib
import io
import zipfile

import pytest
from lxml import etree
from sqlalchemy import select

from models import decisions, refiqda
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.commands import export as export_command
from models.db import Database
from models.events import list_events
from models.startup import connect_database
from tests.factories import ANALYST, Built

import_command = importlib.import_module("models.commands.import")

NS = {"q": refiqda.PROJECT_NS}
AUTO_NAME = "Weerbaar automatische codeur"
SECOND = Actor(username="tweede", role="analyst")
Row = tuple[str, str, str]  # fragment text, code, coder or user name


@pytest.fixture
def reviewed(db: Database, built: Built) -> Built:
    """The desk scan after review by two analysts: accepted, recoded, rejected and still open suggestions.

    Fragment 0 accepted by ``analist``, 1 rejected by ``analist``, 2 recoded by
    ``tweede`` (pillar kept, suggested theme rejected, a manual theme), 3
    accepted by ``tweede``, 4 still open (pillar and theme), 5 never coded.
    """
    ids = built.fragment_ids
    decisions.accept(db, ANALYST, ids[0])
    decisions.reject(db, ANALYST, ids[1])
    decisions.recode(db, SECOND, ids[2], "BEW.bewustwording")
    decisions.accept(db, SECOND, ids[3])
    return built


def stored(db: Database, scan_id: int) -> dict[str, set[Row]]:
    """The scan's working codings by status: ``(fragment text, code, coder)``."""
    rows: dict[str, set[Row]] = {"accepted": set(), "suggested": set(), "rejected": set()}
    with db.session() as session:
        for coding, code, text in session.execute(
            select(s.Coding, s.Code.code, s.Fragment.text)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .where(s.Fragment.scan_id == scan_id, s.Coding.round_id.is_(None))
        ):
            rows[coding.status].add((text, code, coding.coder))
    return rows


def exported(db: Database, data: bytes) -> tuple[set[Row], dict[str, str]]:
    """A schema-valid ``.qdpx``'s codings ``(selected text, code, user name)`` and its users (name → id)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde")
        files = {n.removeprefix("sources/"): archive.read(n).decode("utf-8") for n in archive.namelist()}
    assert refiqda.validate(qde, "project") == []
    root = etree.fromstring(qde)
    users = {u.get("guid"): (u.get("name"), u.get("id")) for u in root.iterfind("q:Users/q:User", NS)}
    assert len(users) == len({name for name, _ in users.values()})  # one User per name
    in_codebook = {c.get("guid") for c in root.iterfind("q:CodeBook//q:Code", NS)}
    with db.session() as session:
        codes = {refiqda.code_guid(code): code for code in session.scalars(select(s.Code.code))}
    codings: set[Row] = set()
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        text = files[source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.findall("q:PlainTextSelection", NS):
            selected = text[int(selection.get("startPosition")) : int(selection.get("endPosition"))]
            for coding in selection.findall("q:Coding", NS):
                target = coding.find("q:CodeRef", NS).get("targetGUID")
                assert target in in_codebook
                row = (selected, codes[target], users[coding.get("creatingUser")][0])
                assert row not in codings
                codings.add(row)
    return codings, dict(users.values())


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def user_guids(data: bytes) -> dict[str, str]:
    root = etree.fromstring(members(data)["project.qde"])
    return {u.get("name"): u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}


def with_user_ids(data: bytes, user_id) -> bytes:  # type: ignore[no-untyped-def]
    """The archive with every ``User``'s ``id`` replaced by ``user_id(name)`` (``None``: no ``id``)."""
    files = members(data)
    root = etree.fromstring(files["project.qde"])
    for user in root.iterfind("q:Users/q:User", NS):
        del user.attrib["id"]
        if user_id(user.get("name")) is not None:
            user.set("id", user_id(user.get("name")))
    files["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def as_user(rows: set[Row], name: str) -> set[Row]:
    return {(text, code, name) for text, code, _ in rows}


def test_refiqda_export_accepted_under_their_analyst_open_under_the_auto_coder(db, reviewed):
    before = stored(db, reviewed.scan_id)
    assert len(before["accepted"]) == 6 and len(before["suggested"]) == 2 and len(before["rejected"]) == 3
    assert {coder for _, _, coder in before["accepted"]} == {"analist", "tweede"}
    codings, users = exported(db, refiqda.export_qdpx(db, ANALYST, reviewed.scan_id))
    assert users == {
        "analist": "weerbaar-manual:analist",
        "tweede": "weerbaar-manual:tweede",
        AUTO_NAME: "weerbaar-auto",
    }
    assert codings == before["accepted"] | as_user(before["suggested"], AUTO_NAME)
    # rejected suggestions never: not under the auto-coder, not under the analyst who rejected them
    assert not {(text, code) for text, code, _ in codings} & {(text, code) for text, code, _ in before["rejected"]}
    fragment_4 = {(code, user) for text, code, user in codings if text.startswith("We screenen")}
    assert fragment_4 == {("INT", AUTO_NAME), ("INT.integriteitsbeleid", AUTO_NAME)}


def test_refiqda_export_accepted_only_leaves_the_auto_coder_out(db, reviewed):
    codings, users = exported(db, refiqda.export_qdpx(db, ANALYST, reviewed.scan_id, accepted_only=True))
    assert AUTO_NAME not in users and set(users) == {"analist", "tweede"}
    assert codings == stored(db, reviewed.scan_id)["accepted"]
    events = [e for e in list_events(db, LOCAL, entity="scan", entity_id=reviewed.scan_id) if e.action == "export"]
    assert [e.after["accepted_only"] for e in events] == [True]


def test_refiqda_auto_coder_user_is_the_same_in_every_scan(db, reviewed):
    from tests.factories import build_scan

    other = build_scan(db, name="Scan Elders")
    guids = [
        user_guids(refiqda.export_qdpx(db, ANALYST, scan_id))[AUTO_NAME]
        for scan_id in (reviewed.scan_id, other.scan_id)
    ]
    assert guids[0] == guids[1]
    assert user_guids(refiqda.export_qdpx(db, SECOND, reviewed.scan_id)) == user_guids(
        refiqda.export_qdpx(db, ANALYST, reviewed.scan_id)
    )  # who exports does not change who coded


def test_refiqda_export_checks_the_scan_first(db, reviewed):
    outsider = Actor(username="buiten", role="analyst", scan_ids=frozenset({reviewed.scan_id + 100}))
    with pytest.raises(PermissionDenied):
        refiqda.export_qdpx(db, outsider, reviewed.scan_id, accepted_only=True)
    assert [e for e in list_events(db, LOCAL, entity="scan", entity_id=reviewed.scan_id) if e.action == "export"] == []


def test_refiqda_round_trip_keeps_accepted_and_suggested_apart(db, reviewed, tmp_path):
    before = stored(db, reviewed.scan_id)
    first = refiqda.export_qdpx(db, ANALYST, reviewed.scan_id)
    fresh = connect_database(f"sqlite:///{tmp_path / 'vers.sqlite'}")
    result = refiqda.import_qdpx(fresh, LOCAL, first, filename="toetsdam.qdpx")
    assert result.warnings == []
    assert (result.sources, result.fragments, result.codings, result.suggestions) == (2, 6, 6, 2)
    assert result.scan_id is not None
    after = stored(fresh, result.scan_id)
    assert after["accepted"] == before["accepted"]  # the same analysts
    assert after["suggested"] == as_user(before["suggested"], AUTO_NAME)
    assert after["rejected"] == set()
    with fresh.session() as session:
        sources = {c.source for c in session.scalars(select(s.Coding).where(s.Coding.status == "suggested"))}
        statuses = {f.text[:12]: (f.status, f.top_pillar, f.top_theme) for f in session.scalars(select(s.Fragment))}
    assert sources == {"auto"}
    assert statuses["We screenen "] == ("suggested", "INT", "INT.integriteitsbeleid")  # in the review queue
    assert statuses["Er is geen i"][0] == "accepted" and statuses["Collega's we"][0] == "uncoded"
    # a second round trip exports the same thing, and the imported suggestion can be decided on
    assert exported(fresh, refiqda.export_qdpx(fresh, LOCAL, result.scan_id))[0] == exported(db, first)[0]
    with fresh.session() as session:
        open_id = session.scalar(select(s.Fragment.id).where(s.Fragment.status == "suggested"))
    assert decisions.accept(fresh, ANALYST, open_id) == ["INT", "INT.integriteitsbeleid"]


def test_refiqda_import_reads_the_auto_coder_by_name_from_another_tool(db, reviewed, tmp_path):
    """ATLAS.ti or QualCoder may keep a user's name and drop Weerbaar's ``id``: the name is enough."""
    data = with_user_ids(refiqda.export_qdpx(db, ANALYST, reviewed.scan_id), lambda name: None)
    fresh = connect_database(f"sqlite:///{tmp_path / 'vers.sqlite'}")
    result = refiqda.import_qdpx(fresh, LOCAL, data, filename="uit-atlas.qdpx")
    assert (result.codings, result.suggestions) == (6, 2)
    after = stored(fresh, result.scan_id)
    assert after["accepted"] == stored(db, reviewed.scan_id)["accepted"]
    assert {coder for _, _, coder in after["suggested"]} == {AUTO_NAME}


def test_refiqda_older_weerbaar_export_stays_accepted(db, reviewed, tmp_path):
    """Before issue 12 an accepted auto coding had a user ``weerbaar-auto:<analyst>``: it stays accepted (auto)."""
    data = with_user_ids(
        refiqda.export_qdpx(db, ANALYST, reviewed.scan_id, accepted_only=True), lambda name: f"weerbaar-auto:{name}"
    )
    fresh = connect_database(f"sqlite:///{tmp_path / 'vers.sqlite'}")
    result = refiqda.import_qdpx(fresh, LOCAL, data, filename="oud.qdpx")
    assert (result.codings, result.suggestions) == (6, 0)
    with fresh.session() as session:
        assert {(c.source, c.status) for c in session.scalars(select(s.Coding))} == {("auto", "accepted")}


def cli(module, argv: list[str]) -> int:  # type: ignore[no-untyped-def]
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return int(module.run(parser.parse_args(argv)))


def test_refiqda_cli_accepted_only_flag(db, reviewed, tmp_path, capsys, monkeypatch):
    both, accepted = tmp_path / "alles.qdpx", tmp_path / "geaccepteerd.qdpx"
    base = ["--scan", "Scan Toetsdam", "--format", "qdpx", "--out"]
    assert cli(export_command, [*base, str(both)]) == 0
    assert cli(export_command, [*base, str(accepted), "--accepted-only"]) == 0
    assert AUTO_NAME in exported(db, both.read_bytes())[1]
    codings, users = exported(db, accepted.read_bytes())
    assert AUTO_NAME not in users and codings == stored(db, reviewed.scan_id)["accepted"]
    # the flag means nothing for another format: refused in Dutch, nothing written
    docx = tmp_path / "citaten.docx"
    capsys.readouterr()
    assert (
        cli(export_command, ["--scan", "Scan Toetsdam", "--format", "docx", "--out", str(docx), "--accepted-only"]) == 2
    )
    assert "--accepted-only geldt alleen voor het REFI-QDA-project" in capsys.readouterr().err
    assert not docx.exists()
    # and the import command says how many suggestions came back
    monkeypatch.setenv("WEERBAAR_DATABASE_URL", f"sqlite:///{tmp_path / 'vers.sqlite'}")
    assert cli(import_command, [str(both), "--scan", "Toetsdam terug"]) == 0
    assert "6 geaccepteerde coderingen, 2 open voorstellen van de automatische codeur" in capsys.readouterr().out
