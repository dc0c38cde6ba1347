from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_evaluate_cli_last_line_is_json_with_schema(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    done = _run("--gold", str(gold))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(result)[:5] == ["n", "macro_f1", "accuracy", "per_pillar", "seconds"]
    assert result["n"] == 5
    assert 0.0 <= result["macro_f1"] <= 1.0 and 0.0 <= result["accuracy"] <= 1.0
    assert set(result["per_pillar"]) == {"BEW", "INF", "BEL", "INT", "COM"}
    assert set(result["per_pillar"]["INF"]) == {"precision", "recall", "f1"}
    assert "theme_micro_f1" in result and "ece" in result


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

    gold = [GoldItem(str(r["text"]), str(r["pillar"])) for r in GOLD] * 2
    gold = [GoldItem(f"{g.text} ({i})", g.pillar) for i, g in enumerate(gold)]
    result = evaluate(gold, codebook=tiny_codebook(), config=CoderConfig(temperature=1.0), folds=2)
    assert result.n == 10 and result.extra["folds"] == 2
