from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from coding.codebook import PILLAR_CODES

if TYPE_CHECKING:
    from coding.coder import Prediction

ROOT = Path(__file__).resolve().parents[2]
GOLD: list[dict[str, Any]] = [
    {"text": "Medewerkers melden signalen bij het interne meldpunt.", "pillar": "INF", "themes": ["INF.meldpunt"]},
    {"text": "Voor horecavergunningen doen we een Bibob-onderzoek.", "pillar": "BEL"},
    {"text": "Er zijn twee vertrouwenspersonen voor integriteitsschendingen.", "pillar": "INT"},
    {"text": "Er komt een nieuwsbrief op intranet over ondermijning.", "pillar": "COM"},
    {"text": "Iedereen volgde een bewustwordingstraining over ondermijning.", "pillar": "BEW"},
]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _run(*args: str, scan_embedder: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if scan_embedder is not None:
        env["WEERBAAR_SCAN_EMBEDDER"] = scan_embedder
    return subprocess.run(
        [sys.executable, "-m", "coding", "evaluate", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )


@pytest.mark.slow  # starts a subprocess
def test_evaluate_cli_last_line_is_json_with_schema(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    done = _run("--gold", str(gold))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(result)[:5] == ["n", "macro_f1", "accuracy", "per_pillar", "seconds"]
    assert result["n"] == 5
    # every pillar is in GOLD once, so macro-F1 is the mean over all five
    assert result["macro_f1"] == pytest.approx(sum(s["f1"] for s in result["per_pillar"].values()) / 5, abs=1e-3)
    assert set(result["per_pillar"]) == {"BEW", "INF", "BEL", "INT", "COM"}
    assert set(result["per_pillar"]["INF"]) == {"precision", "recall", "f1"}
    assert "theme_micro_f1" in result and "ece" in result


@pytest.mark.slow  # starts a subprocess
def test_evaluate_cli_measures_the_coder_that_codes_a_scan_unless_told_otherwise(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    by_default = json.loads(_run("--gold", str(gold), scan_embedder="char-ngram").stdout.strip().splitlines()[-1])
    assert by_default["embedder"].startswith("char-ngram")  # the strong path's setting, not the fast path
    told = json.loads(_run("--gold", str(gold), "--embedder", "tfidf", scan_embedder="char-ngram")
                      .stdout.strip().splitlines()[-1])
    assert told["embedder"].startswith("tfidf")


@pytest.mark.slow  # starts a subprocess
def test_evaluate_cli_refuses_train_gold_overlap(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    train = _write(tmp_path / "train.jsonl", GOLD[:2] + [{"text": "Iets anders over beleid.", "pillar": "BEL"}])
    done = _run("--gold", str(gold), "--train", str(train))
    assert done.returncode == 2
    assert "refusing" in done.stderr
    dropped = _run("--gold", str(gold), "--train", str(train), "--drop-overlap")
    assert dropped.returncode == 0, dropped.stderr
    assert json.loads(dropped.stdout.strip().splitlines()[-1])["trained_on"] == 1


def test_evaluate_folds_learn_from_other_folds() -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import GoldItem, evaluate
    from tests.coding._tiny_codebook import tiny_codebook

    # labels the codebook alone gets wrong (every pillar rotated), each text 4 times with a different
    # second sentence (so the copies are no near-duplicates, which would share a fold): zero-shot scores 0,
    # cross-validation learns the labels from the copies in the other fold and follows them
    rotated = {"INF": "BEL", "BEL": "INT", "INT": "COM", "COM": "BEW", "BEW": "INF"}
    tails = ["Dat zei de wethouder gisteren.", "Zo gaat het al jaren op het stadhuis van Assen.",
             "Daar hoorde ik in maart over tijdens een lunch.", "Volgens mij klopt dat voor de hele regio wel."]
    gold = [GoldItem(f"{r['text']} {tail}", rotated[str(r["pillar"])]) for tail in tails for r in GOLD]
    config = CoderConfig(temperature=1.0)
    zero_shot = evaluate(gold, codebook=tiny_codebook(), config=config)
    learned = evaluate(gold, codebook=tiny_codebook(), config=config, folds=2)
    assert learned.n == 20 and learned.extra["folds"] == 2
    assert learned.extra["folds_zero_shot"] == 0.0  # the codebook alone on the same fold batches
    assert zero_shot.accuracy == 0.0
    assert learned.accuracy == 1.0 and learned.macro_f1 == 1.0


def test_evaluate_reports_abstention_and_counts_it_wrong_on_pillar_items() -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import GoldItem, evaluate
    from tests.coding._tiny_codebook import tiny_codebook

    gold = [GoldItem(str(r["text"]), str(r["pillar"])) for r in GOLD]
    gold += [GoldItem("Thank you so much, see you next week.", None), GoldItem("Opnemen mag dat?", None)]
    result = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0)).to_json()
    assert result["n"] == 5
    assert result["abstain"] == {"n": 2, "recall": 1.0, "false_abstain_rate": 0.0}
    silenced = evaluate([GoldItem("Thank you.", "COM"), *gold[:5]], codebook=tiny_codebook(),
                        config=CoderConfig(temperature=1.0))
    assert silenced.confusion["COM"]["-"] == 1 and silenced.per_pillar["COM"]["recall"] < 1.0


def test_evaluate_curve_has_mean_and_sd_per_size() -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import GoldItem, evaluate
    from tests.coding._tiny_codebook import tiny_codebook

    words = ["archief", "kantine", "fietsenstalling", "parkeerplaats", "lift", "printer", "rooster", "agenda"]
    gold = [GoldItem(f"{t} over de {w}", str(p)) for w in words for t, p in
            ((r["text"], r["pillar"]) for r in GOLD)]
    result = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0), curve=[10, 20])
    curve = result.to_json()["curve"]
    assert set(curve) == {"10", "20"}
    assert all(set(v) == {"macro_f1", "sd", "zero_shot"} and 0.0 <= v["macro_f1"] <= 1.0 for v in curve.values())


def test_curve_compares_with_the_zero_shot_on_the_same_held_out_items() -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import GoldItem, evaluate
    from tests.coding._tiny_codebook import tiny_codebook

    # labels the codebook alone gets wrong (every pillar rotated), each text with four different second
    # sentences (no near-duplicates, so copies of a learned text stay among the held-out items)
    rotated = {"INF": "BEL", "BEL": "INT", "INT": "COM", "COM": "BEW", "BEW": "INF"}
    tails = ["Dat zei de wethouder gisteren.", "Zo gaat het al jaren op het stadhuis van Assen.",
             "Daar hoorde ik in maart over tijdens een lunch.", "Volgens mij klopt dat voor de hele regio wel."]
    gold = [GoldItem(f"{r['text']} {tail}", rotated[str(r["pillar"])]) for tail in tails for r in GOLD]
    curve = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0), curve=[10]).extra["curve"]
    assert curve["10"]["zero_shot"] == 0.0
    assert curve["10"]["macro_f1"] > 0.5


def test_evaluate_names_codebook_runs_shared_with_gold() -> None:
    from coding.evaluate import GoldItem, shared_runs

    codebook = ["Medewerkers melden signalen van ondermijning bij het interne meldpunt van de gemeente."]
    gold = [GoldItem("Zoals bekend melden signalen van ondermijning bij het interne meldpunt van de gemeente.", "INF"),
            GoldItem("Medewerkers melden signalen bij het meldpunt.", "INF")]
    runs = shared_runs(codebook, gold)
    assert runs == [(1, "melden signalen van ondermijning bij het interne meldpunt van de gemeente")]


def test_near_duplicates_share_a_fold() -> None:
    from coding.evaluate import GoldItem, assign_folds, near_duplicate_groups

    base = "Wij doen bij elke horecavergunning een uitgebreid Bibob-onderzoek naar de aanvrager."
    texts = [base, base.upper(), base.replace("elke", "iedere"), "Er is een vertrouwenspersoon."]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] == groups[2] != groups[3]
    gold = [GoldItem(t, "BEL") for t in texts] + [GoldItem(f"Een andere zin nummer {i}.", "BEL") for i in range(8)]
    for seed in range(5):
        folds = assign_folds(gold, 3, seed=seed)
        assert folds[0] == folds[1] == folds[2]



def _prediction(pillar: str, confidence: float = 0.9) -> Prediction:
    from coding.coder import Prediction

    probs = {p: (confidence if p == pillar else (1 - confidence) / 4) for p in PILLAR_CODES}
    return Prediction(probs, {}, pillar, None, confidence, confidence - (1 - confidence) / 4, [pillar], [])


def test_evaluate_score_perfect_predictions_give_one() -> None:
    from coding.evaluate import GoldItem, score

    gold = [GoldItem(str(r["text"]), str(r["pillar"])) for r in GOLD]
    result = score(gold, [_prediction(g.pillar) for g in gold], seconds=0.0)
    assert result.macro_f1 == 1.0 and result.accuracy == 1.0
    assert all(result.per_pillar[p] == {"precision": 1.0, "recall": 1.0, "f1": 1.0} for p in PILLAR_CODES)


def test_evaluate_score_known_confusion_gives_hand_computed_f1() -> None:
    from coding.evaluate import GoldItem, score

    # truth BEW BEW INF INF, predicted BEW INF INF INF:
    # BEW precision 1, recall 1/2, F1 2/3; INF precision 2/3, recall 1, F1 4/5; macro over present pillars
    gold = [GoldItem(f"zin {i}", pillar) for i, pillar in enumerate(["BEW", "BEW", "INF", "INF"])]
    predictions = [_prediction(p) for p in ["BEW", "INF", "INF", "INF"]]
    result = score(gold, predictions, seconds=0.0)
    assert result.per_pillar["BEW"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    assert result.per_pillar["INF"] == pytest.approx({"precision": 2 / 3, "recall": 1.0, "f1": 0.8})
    assert result.per_pillar["BEL"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result.macro_f1 == pytest.approx((2 / 3 + 0.8) / 2)
    assert result.accuracy == 0.75
    assert result.confusion["BEW"]["INF"] == 1 and result.confusion["INF"]["INF"] == 2



def test_gold_lines_with_a_doc_kind_are_coded_as_document_text(tmp_path: Path) -> None:
    from coding.coder import CoderConfig
    from coding.evaluate import evaluate, load_gold
    from tests.coding._tiny_codebook import tiny_codebook

    rows = [{**r, "doc_kind": "beleidsregel"} for r in GOLD] + [
        {"text": "Hoofdstuk 2 Meldregeling integriteit", "pillar": None, "doc_kind": "beleidsregel"},
        {"text": "Deze beleidsregels treden in werking op de dag na die van de bekendmaking.", "pillar": None,
         "doc_kind": "beleidsregel"},
    ]
    gold = load_gold(_write(tmp_path / "gold.jsonl", rows))
    assert all(item.document for item in gold)
    assert not any(item.document for item in load_gold(_write(tmp_path / "plain.jsonl", GOLD)))
    config = CoderConfig(temperature=1.0)
    documents = evaluate(gold, codebook=tiny_codebook(), config=config).to_json()
    assert documents["documents"] == 7 and documents["abstain"]["recall"] == 1.0
    assert documents["abstain"]["false_abstain_rate"] == 0.0 and documents["n"] == 5
    speech = evaluate(gold, codebook=tiny_codebook(), config=config, source="speech").to_json()
    assert "documents" not in speech and speech["abstain"]["recall"] < 1.0
    with pytest.raises(ValueError, match="source"):
        evaluate(gold, codebook=tiny_codebook(), config=config, source="pdf")


@pytest.mark.slow  # starts a subprocess
def test_evaluate_cli_source_flag(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", [{**r, "doc_kind": "beleidsregel"} for r in GOLD])
    done = _run("--gold", str(gold), "--source", "speech")
    assert done.returncode == 0, done.stderr
    assert "documents" not in json.loads(done.stdout.strip().splitlines()[-1])
    assert json.loads(_run("--gold", str(gold)).stdout.strip().splitlines()[-1])["documents"] == 5
    assert _run("--gold", str(gold), "--source", "pdf").returncode == 2
