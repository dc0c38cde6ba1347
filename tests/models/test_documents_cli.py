"""``python -m models documents import``: one line per file, the JSON summary as the last line."""

from __future__ import annotations

import json

from coding.cli import run_subcommands
from models.auth import LOCAL
from models.commands import COMMANDS
from models.documents import list_documents
from models.scans import create_scan
from tests.coding._documents_files import policy_docx, policy_pdf, scanned_pdf


def _run(argv, capsys):
    code = run_subcommands("python -m models", "models.commands", COMMANDS, argv)
    return code, capsys.readouterr().out.strip().splitlines()


def test_documents_cli_imports_and_reports_refusals(db, tmp_path, capsys):
    scan_id = create_scan(db, LOCAL, name="cli", organisation="Gemeente Cli", kind="gemeente")
    (tmp_path / "beleid.pdf").write_bytes(policy_pdf())
    (tmp_path / "bibob.docx").write_bytes(policy_docx())
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    files = [str(tmp_path / name) for name in ("beleid.pdf", "bibob.docx", "scan.pdf", "weg.pdf")]
    code, lines = _run(["documents", "import", "--scan", "cli", "--no-autocode", *files], capsys)
    assert code == 1
    assert len(lines) == 5
    assert "beleid.pdf: niet geïmporteerd; een ander bestand is geweigerd" in lines[0]
    assert "scan.pdf: geweigerd" in lines[2] and "OCR nodig" in lines[2]
    assert "weg.pdf: geweigerd" in lines[3]
    summary = json.loads(lines[-1])
    assert set(summary) == {"documents", "fragments", "pages", "refused"}
    assert summary["documents"] == 0 and summary["pages"] == 0 and summary["fragments"] == 0
    assert [item["file"] for item in summary["refused"]] == files[2:]
    assert all(isinstance(item["reason"], str) and item["reason"] for item in summary["refused"])
    assert list_documents(db, LOCAL, scan_id) == []  # all or nothing
    code, lines = _run(["documents", "import", "--scan", "cli", "--no-autocode", *files[:2]], capsys)
    assert code == 0 and len(lines) == 3
    assert "beleid.pdf: geïmporteerd (2 pagina's" in lines[0]
    summary = json.loads(lines[-1])
    assert summary["documents"] == 2 and summary["pages"] == 2 and summary["fragments"] > 0 and summary["refused"] == []
    assert len(list_documents(db, LOCAL, scan_id)) == 2


def test_documents_cli_unknown_scan(db, tmp_path, capsys):
    (tmp_path / "beleid.pdf").write_bytes(policy_pdf())
    code = run_subcommands(
        "python -m models",
        "models.commands",
        COMMANDS,
        ["documents", "import", "--scan", "geen", str(tmp_path / "beleid.pdf")],
    )
    assert code == 2 and "geen scan" in capsys.readouterr().err
