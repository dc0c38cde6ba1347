"""``bench/skewed_scans.py``: skewed subsets of a gold file, coded zero-shot and with 5-fold learning."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _gold(path: Path) -> Path:
    lines = []
    texts = {
        "BEW": "De gemeente maakt ondermijning tot bestuurlijke prioriteit en stelt een coördinator aan ({i}).",
        "INF": "Signalen van ondermijning worden vastgelegd en gedeeld met het RIEC ({i}).",
        "BEL": "Bij een vergunningaanvraag voert de gemeente een Bibob-toets uit ({i}).",
        "INT": "Medewerkers melden een vermoeden van een integriteitsschending bij de vertrouwenspersoon ({i}).",
        "COM": "De gemeente communiceert via een campagne met inwoners over Meld Misdaad Anoniem ({i}).",
        None: "Deze regeling treedt in werking op de dag na bekendmaking ({i}).",
    }
    for pillar, text in texts.items():
        lines += [json.dumps({"text": text.format(i=i), "pillar": pillar}) for i in range(60)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_every_shape_is_drawn_with_its_pillar_counts_and_measured(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "bench/skewed_scans.py", "--gold", str(_gold(tmp_path / "gold.jsonl")), "--embedder", "tfidf",
         "--repeats", "1", "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.splitlines()[-1])
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from skewed_scans import SHAPES
    finally:
        sys.path.remove(str(ROOT / "bench"))
    figures = summary["figures"]
    assert summary["bench"] == "skewed_scans" and figures["embedder"] == "tfidf"
    for label, shape in SHAPES.items():
        row = figures[label]
        assert row["n"] == sum(shape.values())
        for key in ("zero_shot", "five_fold", "five_fold_zero_shot", "accuracy_five_fold", "curve", "curve_zero_shot"):
            assert 0.0 < row[key] <= 1.0, (label, key, row)
    assert (tmp_path / "cache" / "tfidf.pkl").exists()  # a second run only re-codes
    assert isinstance(summary["met"], bool)
