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


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
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

    # labels the codebook alone gets wrong (every pillar rotated), each text 4 times: zero-shot scores 0,
    # cross-validation learns the labels from the copies in the other fold and follows them
    rotated = {"INF": "BEL", "BEL": "INT", "INT": "COM", "COM": "BEW", "BEW": "INF"}
    gold = [GoldItem(f"{r['text']} ({i})", rotated[str(r["pillar"])]) for i, r in enumerate(GOLD * 4)]
    config = CoderConfig(temperature=1.0)
    zero_shot = evaluate(gold, codebook=tiny_codebook(), config=config)
    learned = evaluate(gold, codebook=tiny_codebook(), config=config, folds=2)
    assert learned.n == 20 and learned.extra["folds"] == 2
    assert zero_shot.accuracy == 0.0
    assert learned.accuracy == 1.0 and learned.macro_f1 == 1.0


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
