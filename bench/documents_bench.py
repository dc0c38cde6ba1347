"""Benchmark: a 60-page policy PDF read, segmented and coded; optionally real PDFs from a folder.

Usage::

    python bench/documents_bench.py [--pages 60] [--real-pdfs DIR] [--store]

Builds a policy PDF of ``--pages`` pages with reportlab (Dutch policy text written
for this bench: numbered chapters and sections, body paragraphs), then times
reading (pypdf text layer, headings, pages), segmenting (the interview
segmenter) and coding (``AutoCoder`` with the default codebook and the default
offline embedder). With ``--store`` (phase 2) the import goes through
``models.documents.import_documents`` into a fresh SQLite database, which also
segments and auto-codes the stored fragments, and that time is reported instead.

Real public Dutch policy PDFs cannot be downloaded here; put them in a folder and
pass ``--real-pdfs DIR`` (or set ``WEERBAAR_REAL_PDFS``): each is read and
segmented, and per file the pages, empty pages, headings, fragments, guessed kind
and date, or the Dutch refusal, are printed.

The last line is JSON (``bench/_runner.py``): ``{"bench": "documents", "figures":
{"pages", "paragraphs", "headings", "fragments", "read_s", "segment_s", "code_s",
"total_s", ["store_total_s", ...,] "real": [...]}, "target", "met"}``.
Target: the import (``store_total_s`` with ``--store``, else ``total_s``) <= 10 s.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import time
from pathlib import Path

import _runner

TARGET_S = 10.0

CHAPTERS = [
    ("Inleiding", ["Aanleiding", "Doel van dit beleid", "Reikwijdte"]),
    ("Integriteit in de organisatie", ["Kernwaarden", "Rol van de leidinggevende", "Ambtseed en gedragscode"]),
    ("Melden van vermoedens van misstanden", ["Meldroutes", "Vertrouwenspersonen", "Bescherming van de melder"]),
    ("Bestuurlijke aanpak en Bibob", ["Toepassing van de Wet Bibob", "Samenwerking met het RIEC", "Vergunningen"]),
    ("Subsidies en misbruik", ["Toetsing van aanvragers", "Steekproeven", "Terugvordering"]),
    ("Informatieveiligheid", ["Toegang tot systemen", "Bewustwording", "Incidenten"]),
    ("Agressie en geweld", ["Norm voor acceptabel gedrag", "Opvang na een incident", "Aangifte"]),
    ("Communicatie", ["Interne communicatie", "Externe communicatie", "Successen delen"]),
    ("Uitvoering en evaluatie", ["Verantwoordelijkheden", "Monitoring", "Evaluatie"]),
]
SUBJECTS = [
    "De provincie",
    "Het college",
    "De directie",
    "Elke leidinggevende",
    "De afdeling Vergunningen",
    "Het Subsidieteam",
    "De Bibob-coördinator",
    "De vertrouwenspersoon",
    "De CISO",
    "Het team Handhaving",
    "De concerncontroller",
    "De afdeling Inkoop",
]
ACTIONS = [
    "bespreekt integriteitsdilemma's ten minste twee keer per jaar in het werkoverleg",
    "toetst aanvragen voor een omgevingsvergunning aan de signalen uit het RIEC",
    "legt elke melding van een vermoeden van een misstand vast in een centraal register",
    "controleert bij subsidies boven de vijfentwintigduizend euro de tussentijdse rapportage",
    "vraagt bij indiensttreding in een integriteitsgevoelige functie een verklaring omtrent het gedrag",
    "zorgt dat medewerkers weten waar zij signalen van ondermijning kunnen melden",
    "start een Bibob-onderzoek wanneer een aanvraag betrekking heeft op een afvalverwerkend bedrijf",
    "houdt bij wie toegang heeft tot vertrouwelijke informatie en trekt rechten in bij vertrek",
    "biedt medewerkers na een agressie-incident opvang en nazorg aan",
    "doet aangifte bij de politie bij bedreiging of intimidatie van een medewerker",
    "voert jaarlijks steekproeven uit om misbruik en oneigenlijk gebruik van subsidies te ontdekken",
    "deelt resultaten van de aanpak van ondermijning via het intranet en in teamoverleggen",
    "betrekt de omgevingsdienst bij de vroegsignalering van milieucriminaliteit",
    "laat het informatiebeveiligingsbeleid jaarlijks toetsen door een externe auditor",
]
REASONS = [
    "zodat signalen tijdig worden herkend en opgevolgd",
    "omdat criminelen misbruik kunnen maken van de besluiten van de overheid",
    "zodat de melder weet wat er met de melding gebeurt",
    "omdat een open organisatiecultuur de basis is van een integere organisatie",
    "zodat de provincie als één overheid optreedt met haar gemeenten",
    "omdat kennis van het instrumentarium anders wegzakt",
    "zodat inwoners en ondernemers zien dat overtreding gevolgen heeft",
    "omdat informatie alleen beschikbaar mag zijn voor wie haar nodig heeft",
]


def policy_paragraph(rng: random.Random) -> str:
    """One body paragraph of three to five sentences."""
    sentences = []
    for _ in range(rng.randint(3, 5)):
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)}, {rng.choice(REASONS)}."
        sentences.append(sentence)
    return " ".join(sentences)


def build_policy_pdf(pages: int, seed: int = 11) -> bytes:
    """A policy PDF of exactly ``pages`` pages: title page, numbered chapters and sections."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    rng = random.Random(seed)
    styles = getSampleStyleSheet()

    def render(paragraphs_per_section: int) -> tuple[bytes, int]:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title="Integriteits- en weerbaarheidsbeleid provincie Testland 2022",
            author="Provincie Testland",
        )
        story = [
            Paragraph("Integriteits- en weerbaarheidsbeleid provincie Testland 2022", styles["Title"]),
            Paragraph("Vastgesteld door Gedeputeerde Staten op 8 maart 2022, versie 1.3.", styles["BodyText"]),
            PageBreak(),
        ]
        local = random.Random(rng.random())
        for number, (chapter, sections) in enumerate(CHAPTERS, start=1):
            story.append(Paragraph(f"{number} {chapter}", styles["Heading1"]))
            for sub, section in enumerate(sections, start=1):
                story.append(Paragraph(f"{number}.{sub} {section}", styles["Heading2"]))
                for _ in range(paragraphs_per_section):
                    story.append(Paragraph(policy_paragraph(local), styles["BodyText"]))
        document.build(story)
        data = buffer.getvalue()
        from pypdf import PdfReader

        return data, len(PdfReader(io.BytesIO(data)).pages)

    per_section = max(1, pages // 4)
    data, count = render(per_section)
    while count > pages and per_section > 1:
        per_section -= 1
        data, count = render(per_section)
    while count < pages:
        per_section += 1
        data, count = render(per_section)
    return data


def bench_synthetic(pages: int) -> dict[str, object]:
    """Read, segment and code the generated policy PDF; times in seconds."""
    from coding.codebook import default_codebook
    from coding.coder import AutoCoder, FragmentInput
    from coding.documents import read_document, segment_document
    from coding.segmenter import get_pipeline

    data = build_policy_pdf(pages)
    get_pipeline()  # the pipeline is loaded once per process, like in the app
    coder = AutoCoder(default_codebook())
    coder.predict(["Een korte zin om de coder op te warmen."])
    start = time.perf_counter()
    document = read_document(data, "beleid.pdf")
    read_s = time.perf_counter() - start
    fragments = segment_document(document)
    segment_s = time.perf_counter() - start - read_s
    coder.predict([FragmentInput(fragment.text, source="document") for fragment in fragments])
    total_s = time.perf_counter() - start
    return {
        "pages": document.pages,
        "paragraphs": len(document.paragraphs),
        "headings": sum(1 for block in document.blocks if block.kind == "heading"),
        "fragments": len(fragments),
        "read_s": round(read_s, 2),
        "segment_s": round(segment_s, 2),
        "code_s": round(total_s - read_s - segment_s, 2),
        "total_s": round(total_s, 2),
    }


def bench_store(pages: int, workdir: Path) -> dict[str, object]:
    """Phase 2: the same PDF through the import service (store, segment, auto-code) into SQLite."""
    from models.auth import LOCAL
    from models.documents import import_documents
    from models.scans import create_scan
    from models.startup import connect_database

    data = build_policy_pdf(pages)
    db = connect_database(f"sqlite:///{workdir / 'bench.sqlite'}")
    scan_id = create_scan(db, LOCAL, name="bench", organisation="Provincie Testland", kind="provincie")
    start = time.perf_counter()
    result = import_documents(db, LOCAL, scan_id, [("beleid.pdf", data)], autocode=True)
    total_s = time.perf_counter() - start
    return {"stored_fragments": result.fragments, "stored_pages": result.pages, "store_total_s": round(total_s, 2)}


def bench_real(folder: Path) -> list[dict[str, object]]:
    """Read and segment every PDF/DOCX in ``folder``; refusals are reported, not raised."""
    from coding.documents import DocumentError, read_document_file, segment_document

    rows: list[dict[str, object]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".pdf", ".docx", ".txt", ".md"):
            continue
        start = time.perf_counter()
        try:
            document = read_document_file(path)
            fragments = segment_document(document)
        except DocumentError as exc:
            rows.append({"file": path.name, "refused": exc.code, "reason": exc.message()})
            continue
        rows.append(
            {
                "file": path.name,
                "pages": document.pages,
                "empty_pages": len(document.empty_pages),
                "headings": sum(1 for block in document.blocks if block.kind == "heading"),
                "fragments": len(fragments),
                "kind": document.metadata.kind,
                "title": document.metadata.title,
                "date": document.metadata.date.isoformat() if document.metadata.date else None,
                "seconds": round(time.perf_counter() - start, 2),
            }
        )
        print(json.dumps(rows[-1], ensure_ascii=False))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last printed line is the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--real-pdfs", type=Path, default=os.environ.get("WEERBAAR_REAL_PDFS") or None)
    parser.add_argument("--store", action="store_true", help="also import through models.documents (phase 2)")
    args = parser.parse_args(argv)
    result: dict[str, object] = bench_synthetic(args.pages)
    _runner.line("synthetic policy PDF", "read, segmented and coded")
    if args.store:
        import tempfile

        with tempfile.TemporaryDirectory() as workdir:
            result.update(bench_store(args.pages, Path(workdir)))
        _runner.line("through the import service", "stored, segmented and auto-coded")
    real: list[dict[str, object]] = []
    if args.real_pdfs:
        folder = Path(args.real_pdfs)
        real = bench_real(folder) if folder.is_dir() else [{"folder": str(folder), "error": "not a folder"}]
    else:
        print("no real PDFs: pass --real-pdfs DIR or set WEERBAAR_REAL_PDFS")
    timed = float(result["store_total_s"] if "store_total_s" in result else result["total_s"])  # type: ignore[arg-type]
    result["real"] = real
    what = "store_total_s" if "store_total_s" in result else "total_s"
    return _runner.report("documents", result, target=f"{what} <= {TARGET_S:g} s", met=timed <= TARGET_S)


if __name__ == "__main__":
    raise SystemExit(main())
