"""REFI-QDA: schema-valid .qdpx/.qdc exports, offsets, round-trip into an empty database, import warnings."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from models import refiqda
from models import schema as s
from models.auth import LOCAL
from models.content import load_codebook, save_codebook, template_codebook_id
from models.errors import InputError
from models.interviews import add_turn
from models.startup import connect_database
from tests.factories import ANALYST, code_fragment
from tests.factories import FOREIGN_PROJECT as FOREIGN

NS = {"q": refiqda.PROJECT_NS}


@pytest.fixture
def rich_scan(db, scan):
    """The quote test scan plus an auto-coded accepted fragment and memos on a fragment, code and interview."""
    code_fragment(db, scan["fragments"]["ja"][1], "INF.meldpunt", source="auto")
    with db.session() as session:
        code_id = session.scalar(select(s.Code.id).where(s.Code.code == "INF.meldpunt").order_by(s.Code.id.desc()))
        session.add_all(
            [
                s.Memo(
                    scan_id=scan["scan_id"],
                    target_type="fragment",
                    target_id=scan["fragments"]["ja"][0],
                    author="analist",
                    text="Sterk citaat",
                ),
                s.Memo(
                    scan_id=scan["scan_id"],
                    target_type="code",
                    target_id=code_id,
                    author="analist",
                    text="Let op: meldpunt of vertrouwenspersoon?",
                ),
                s.Memo(
                    scan_id=scan["scan_id"],
                    target_type="interview",
                    target_id=scan["interview_id"],
                    author="analist",
                    text="Goed gesprek",
                ),
            ]
        )
    return scan


def unzip(data: bytes) -> tuple[bytes, dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "project.qde" in names
        assert all(n == "project.qde" or (n.startswith("sources/") and n.count("/") == 1) for n in names)
        return archive.read("project.qde"), {
            n.removeprefix("sources/"): archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")
        }


def summary(data: bytes) -> dict[str, object]:
    """GUID-independent content of a .qdpx: codes, sources, selections, codings, cases, notes."""
    qde, files = unzip(data)
    root = etree.fromstring(qde)
    guid_names: dict[str, str] = {}
    for element in root.iter():
        if element.get("guid"):
            guid_names[element.get("guid")] = element.get("name") or ""

    def codes(parent):
        return sorted(
            (c.get("name"), c.get("color"), c.findtext("q:Description", namespaces=NS) or "", codes(c))
            for c in parent.findall("q:Code", NS)
        )

    sources, selections, codings = [], [], []
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        text = files[source.get("plainTextPath").removeprefix("internal://")]
        sources.append((source.get("name"), text))
        for sel in source.findall("q:PlainTextSelection", NS):
            span = (source.get("name"), int(sel.get("startPosition")), int(sel.get("endPosition")))
            selections.append(span)
            for coding in sel.findall("q:Coding", NS):
                code = guid_names[coding.find("q:CodeRef", NS).get("targetGUID")]
                codings.append((*span, code, guid_names[coding.get("creatingUser")]))
    cases = sorted(
        (c.get("name"), tuple(v.findtext("q:TextValue", namespaces=NS) for v in c.findall("q:VariableValue", NS)))
        for c in root.iterfind("q:Cases/q:Case", NS)
    )
    notes = sorted(n.findtext("q:PlainTextContent", namespaces=NS) for n in root.iterfind("q:Notes/q:Note", NS))
    return {
        "codes": codes(root.find("q:CodeBook/q:Codes", NS)),
        "sources": sorted(sources),
        "selections": sorted(selections),
        "codings": sorted(codings),
        "cases": cases,
        "notes": notes,
    }


def test_refiqda_schemas_copied_from_spec():
    for name in ("Project-mrt2019.xsd", "Codebook-mrt2019.xsd"):
        text = (refiqda.SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert "REFI-QDA" not in text  # no page headers left from the PDF
        assert "[0-9a-fA-F]{4}-[0-9a-fA-F]{12})|(" in text  # the GUID pattern joined again
    assert refiqda.schema("project") is not None and refiqda.schema("codebook") is not None


def test_refiqda_qdpx_validates_and_offsets_point_at_fragments(db, rich_scan):
    data = refiqda.export_qdpx(db, ANALYST, rich_scan["scan_id"])
    qde, files = unzip(data)
    assert refiqda.validate(qde, "project") == []
    root = etree.fromstring(qde)
    source = root.find("q:Sources/q:TextSource", NS)
    text = files[source.get("plainTextPath").removeprefix("internal://")]
    assert text.startswith("Interviewer: Hoe kijkt u naar ondermijning?\n\nR01: Er moet niet")
    with db.session() as session:
        fragments = {f.text for f in session.scalars(select(s.Fragment))}
    found = {
        text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
        for sel in source.findall("q:PlainTextSelection", NS)
    }
    assert found == fragments
    users = {u.get("name"): u.get("id") for u in root.iterfind("q:Users/q:User", NS)}
    # one User per analyst (the factory's accepted auto coding was decided by "auto"); the open
    # suggestion belongs to the auto-coder's own User
    assert users == {
        "analist": "weerbaar-manual:analist",
        "auto": "weerbaar-manual:auto",
        "Weerbaar automatische codeur": refiqda.AUTO_USER_ID,
    }
    pillars = [c.get("name") for c in root.iterfind("q:CodeBook/q:Codes/q:Code", NS)]
    assert pillars[0] == "BEW Bewustwording en organisatie" and len(pillars) == 5
    case = root.find("q:Cases/q:Case", NS)
    assert case.get("name") == "R01"
    assert [v.findtext("q:TextValue", namespaces=NS) for v in case.findall("q:VariableValue", NS)] == [
        "Afdelingshoofd",
        "VTH",
        "ja",
    ]
    assert "Anna" not in qde.decode("utf-8") and "Anna" not in text


def test_refiqda_unicode_offsets_are_code_points(db, scan):
    turn = add_turn(
        db,
        LOCAL,
        scan["interview_id"],
        kind="answer",
        text="Café’s 🙂 zijn kwetsbaar. Echt waar.",
        speaker_role="respondent",
        respondent_id=scan["people"]["ja"].id,
    )
    from tests.factories import add_fragments

    ids = add_fragments(db, turn, scan["scan_id"], scan["interview_id"])
    code_fragment(db, ids[1], "BEW.bewustwording")
    qde, files = unzip(refiqda.export_qdpx(db, ANALYST, scan["scan_id"]))
    text = next(iter(files.values()))
    spans = [
        text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
        for sel in etree.fromstring(qde).iterfind(".//q:PlainTextSelection", NS)
    ]
    assert "Echt waar." in spans and "Café’s 🙂 zijn kwetsbaar." in spans


def test_refiqda_guids_are_stable(db, rich_scan):
    first, _ = unzip(refiqda.export_qdpx(db, ANALYST, rich_scan["scan_id"]))
    second, _ = unzip(refiqda.export_qdpx(db, ANALYST, rich_scan["scan_id"]))
    guids = lambda xml: [e.get("guid") for e in etree.fromstring(xml).iter() if e.get("guid")]  # noqa: E731
    assert guids(first) == guids(second)


def test_refiqda_qdc_validates(db, scan):
    qdc = refiqda.export_qdc(db, ANALYST, scan["scan_id"])
    assert refiqda.validate(qdc, "codebook") == []
    root = etree.fromstring(qdc)
    codes = root.findall("{urn:QDA-XML:codebook:1.0}Codes/{urn:QDA-XML:codebook:1.0}Code")
    assert [c.get("name").split()[0] for c in codes] == ["BEW", "INF", "BEL", "INT", "COM"]


def test_refiqda_round_trip_into_empty_database(db, rich_scan, tmp_path):
    first = refiqda.export_qdpx(db, ANALYST, rich_scan["scan_id"])
    empty = connect_database(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    result = refiqda.import_qdpx(empty, LOCAL, first, filename="testscan.qdpx")
    assert result.warnings == []
    assert (result.sources, result.codings, result.suggestions) == (1, 5, 1)  # the open suggestion too
    assert result.scan_id is not None
    second = refiqda.export_qdpx(empty, LOCAL, result.scan_id)
    qde, _ = unzip(second)
    assert refiqda.validate(qde, "project") == []
    assert summary(second) == summary(first)
    with empty.session() as session:
        respondent = session.scalar(select(s.Respondent).where(s.Respondent.code == "R02"))
        assert respondent is not None and respondent.consent == "anoniem" and respondent.role == "Teamleider"
        memo_targets = sorted(m.target_type for m in session.scalars(select(s.Memo)))
        assert memo_targets == ["code", "fragment", "interview"]


def test_refiqda_qdc_round_trip(db, scan, tmp_path):
    with db.session() as session:
        codebook_id = session.get(s.Scan, scan["scan_id"]).codebook_id
    book = load_codebook(db, codebook_id)
    book.pillars[0].themes[0].description = "Aangepaste omschrijving"
    book.pillars[0].themes.pop()  # one theme fewer
    save_codebook(db, LOCAL, codebook_id, book)
    first = refiqda.export_qdc(db, ANALYST, scan["scan_id"])
    empty = connect_database(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    result = refiqda.import_qdc(empty, LOCAL, first)
    assert result.warnings == []
    with empty.session() as session:
        template = template_codebook_id(session)
    assert refiqda.codebook_xml(load_codebook(empty, template)) == refiqda.codebook_xml(load_codebook(db, codebook_id))


def foreign_qdpx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", FOREIGN)
        archive.writestr(
            "sources/77777777-7777-7777-7777-777777777777.txt",
            b"Jan de Vries: We hebben een meldpunt, maar niemand weet het.",
        )
        archive.writestr("sources/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa.pdf", b"%PDF-1.4")
    return buffer.getvalue()


def test_refiqda_import_warns_about_what_it_cannot_carry(tmp_path):
    assert refiqda.validate(FOREIGN, "project") == []
    empty = connect_database(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    result = refiqda.import_qdpx(empty, LOCAL, foreign_qdpx(), filename="vreemd.qdpx")
    text = "\n".join(result.warnings)
    for expected in (
        "PDFSource",
        "AudioSource",
        "Beleidsnota.pdf",
        "Set",
        "Graph",
        "Link",
        "Leeftijd",
        "Breakfast food",
    ):
        assert expected in text
    assert (result.sources, result.fragments, result.codings) == (1, 2, 1)
    with empty.session() as session:
        fragment = session.scalars(select(s.Fragment).order_by(s.Fragment.id)).first()
        assert fragment is not None and fragment.text == "We hebben een meldpunt, maar"
        coding = session.scalars(select(s.Coding)).one()
        assert coding.code.code == "INF.meldpunt" and coding.coder == "Onderzoeker"
        respondent = session.scalars(select(s.Respondent)).one()
        assert (respondent.code, respondent.real_name) == ("R01", "Jan de Vries")
        new_theme = session.scalars(select(s.Code).where(s.Code.name == "Nieuw thema")).one()
        assert new_theme.code == "INF.nieuw_thema"


@pytest.mark.parametrize("payload", [b"geen zip", b"PK\x03\x04kapot"])
def test_refiqda_import_rejects_non_qdpx(tmp_path, payload):
    empty = connect_database(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    with pytest.raises(InputError, match="geen geldig REFI-QDA"):
        refiqda.import_qdpx(empty, LOCAL, payload, filename="x.qdpx")


def test_refiqda_import_file_by_extension(tmp_path):
    empty = connect_database(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    path = tmp_path / "codeboek.txt"
    path.write_text("x")
    with pytest.raises(InputError, match="qdpx"):
        refiqda.import_file(empty, LOCAL, path)
    assert Path(refiqda.SCHEMA_DIR).is_dir()
