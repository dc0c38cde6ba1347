"""Gold files without a document kind: written text is coded as document text, speech is not."""

from __future__ import annotations

from coding.register import guess_written, spoken_batch

POLICY = [
    "Het college stelt jaarlijks een integriteitsplan vast.",
    "Medewerkers melden een vermoeden van een misstand bij de vertrouwenspersoon.",
    "De burgemeester kan een Bibob-advies aanvragen bij het Landelijk Bureau Bibob.",
    "Artikel 4 Inwerkingtreding",
    "Informatie over verdachte transacties wordt gedeeld binnen het RIEC.",
]
SPEECH = [
    "Nou, eh, bij ons gaat dat eigenlijk best goed.",
    "Ja, dat klopt wel.",
    "Ik weet niet of de Bibob-coördinator dat ook zo ziet.",
    "We hebben daar gewoon geen overleg over.",
    "Dat vind ik lastig, zeg maar.",
]


def test_policy_text_reads_as_written_and_a_quoted_reply_stays_speech() -> None:
    assert not spoken_batch(POLICY)
    report = POLICY * 3  # a report of 15 passages, one of which quotes a respondent
    quoted = [*report, "Ik vind dat lastig, zei een afdelingshoofd."]
    assert guess_written(quoted) == [True] * len(report) + [False]


def test_interview_speech_is_never_coded_as_document_text() -> None:
    assert spoken_batch(SPEECH)
    assert guess_written([*SPEECH, "Artikel 4 Inwerkingtreding"]) == [False] * 6


def test_evaluate_abstains_on_a_heading_in_a_written_file_without_doc_kind() -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import GoldItem, evaluate
    from tests.coding._tiny_codebook import tiny_codebook

    gold = [GoldItem(t, "BEL") for t in POLICY if not t.startswith("Artikel")]
    gold.append(GoldItem("Artikel 4 Inwerkingtreding", None))
    written = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0))
    spoken = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0), source="speech")
    assert written.extra["documents"] == len(gold)
    assert written.extra["abstain"]["recall"] == 1.0
    assert "documents" not in spoken.extra
