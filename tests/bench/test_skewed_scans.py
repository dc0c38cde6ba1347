"""``bench/skewed_scans.py``: skewed subsets of a gold file, coded zero-shot and with 5-fold learning."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


PHRASES = {
    "BEW": ["ondermijning is bestuurlijke prioriteit", "de coördinator ondermijning", "bewustwording bij medewerkers",
            "het actieplan ondermijning", "een e-learning over ondermijning", "de portefeuillehouder veiligheid"],
    "INF": ["signalen worden vastgelegd", "informatie delen met het RIEC", "het meldpunt voor signalen",
            "het convenant voor gegevensdeling", "de informatiebeveiliging van systemen", "een datalek melden"],
    "BEL": ["de Bibob-toets bij een vergunning", "handhaving door de omgevingsdienst", "de APV en artikel 13b",
            "de beleidsregels Bibob", "toezicht op panden", "een integriteitstoets bij aanbesteding"],
    "INT": ["de vertrouwenspersoon integriteit", "een vermoeden van een misstand melden", "de gedragscode",
            "nevenfuncties van medewerkers", "agressie tegen medewerkers", "de ambtseed afleggen"],
    "COM": ["een campagne voor inwoners", "communicatie over Meld Misdaad Anoniem", "de woordvoerder",
            "voorlichting aan ondernemers", "een nieuwsbrief over de aanpak", "berichten op sociale media"],
    None: ["deze regeling treedt in werking", "de citeertitel van deze regeling", "vastgesteld in de vergadering",
           "bijlage twee van dit document", "paginanummer en kenmerk", "de inhoudsopgave"],
}
FILLER = ["gemeente", "provincie", "team", "afdeling", "jaar", "plan", "verslag", "overleg", "college", "raad", "wijk", "regio"]


def _gold(path: Path) -> Path:
    """60 passages per pillar (and "geen code"), each its own mix, so no two are near-duplicates."""
    rng = random.Random(7)
    lines = []
    for pillar, phrases in PHRASES.items():
        for i in range(60):
            words = [*rng.sample(phrases, 3), *rng.sample(FILLER, 4)]
            rng.shuffle(words)
            lines.append(json.dumps({"text": f"{' en '.join(words).capitalize()} ({i}).", "pillar": pillar}))
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


def test_no_repeats_is_refused_in_dutch(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "bench/skewed_scans.py", "--repeats", "0", "--cache-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Het aantal herhalingen moet minstens 1 zijn." in done.stderr
    assert not done.stdout.strip() and not any(tmp_path.iterdir())
