"""Tests for coding/agreement.py: κ, α, percent agreement, disagreements, sampling."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from coding.agreement import (
    AgreementReport,
    agreement_report,
    cohen_kappa,
    disagreements,
    sample_fragments,
)
from texts import t

PILLARS = ["BEW", "INF", "BEL", "INT", "COM"]


def _records(
    codes: Mapping[str, Sequence[str | None]], themes: Mapping[str, list[list[str]]] | None = None
) -> list[dict[str, Any]]:
    """Records for fragments 1..n from each coder's list of primary pillars."""
    rows = []
    for coder, pillars in codes.items():
        for i, pillar in enumerate(pillars):
            rows.append(
                {
                    "fragment_id": i + 1,
                    "coder": coder,
                    "pillar": pillar,
                    "themes": themes[coder][i] if themes else [],
                }
            )
    return rows


def test_agreement_cohen_kappa_hand_computed() -> None:
    # 2x2 table: both yes 4, only A 1, only B 1, both no 4 (n = 10).
    # p_o = 8/10 = 0.8; p_yes(A) = p_yes(B) = 0.5
    # p_e = 0.5*0.5 + 0.5*0.5 = 0.5; κ = (0.8 - 0.5) / (1 - 0.5) = 0.6
    a = ["y"] * 4 + ["y"] + ["n"] + ["n"] * 4
    b = ["y"] * 4 + ["n"] + ["y"] + ["n"] * 4
    assert cohen_kappa(a, b) == pytest.approx(0.6)


def test_agreement_high_chance_agreement_gives_low_kappa() -> None:
    # 20 fragments: both coders code BEW on 18; on one A says BEW and B INF, on
    # another A says INF and B BEW.
    # p_o = 18/20 = 0.90; A: BEW 19/20, INF 1/20; B: BEW 19/20, INF 1/20
    # p_e = 0.95*0.95 + 0.05*0.05 = 0.905
    # κ = (0.90 - 0.905) / (1 - 0.905) = -0.005 / 0.095 = -0.0526
    a = ["BEW"] * 18 + ["BEW", "INF"]
    b = ["BEW"] * 18 + ["INF", "BEW"]
    report = agreement_report(_records({"A": a, "B": b}), pillars=PILLARS, themes=[])
    assert report.percent_agreement == pytest.approx(90.0)
    assert report.kappa_primary == pytest.approx(-0.005 / 0.095)
    # Binary κ for BEW: both 18, only A 1, only B 1, neither 0 → same numbers.
    bew = report.per_pillar["BEW"]
    assert bew["percent"] == pytest.approx(90.0)
    assert bew["kappa"] == pytest.approx(-0.005 / 0.095)
    # Positive agreement 2*18 / (2*18 + 2) = 36/38.
    assert bew["positive"] == pytest.approx(100 * 36 / 38)


def test_agreement_alpha_hand_computed() -> None:
    # A: BEW BEW INF INF; B: BEW INF INF INF (4 units, 8 pairable values).
    # Coincidences: BEW-BEW 2, BEW-INF 1, INF-BEW 1, INF-INF 4;
    # n_BEW = 3, n_INF = 5, n = 8.
    # α = 1 - (n - 1) * Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 - 7 * 2 / (2*3*5)
    #   = 1 - 14/30 = 16/30 = 0.5333
    # κ: p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 0.5; κ = 0.25/0.5 = 0.5
    report = agreement_report(
        _records({"A": ["BEW", "BEW", "INF", "INF"], "B": ["BEW", "INF", "INF", "INF"]}),
        pillars=PILLARS,
        themes=[],
    )
    assert report.alpha == pytest.approx(16 / 30)
    assert report.kappa_primary == pytest.approx(0.5)
    assert report.percent_agreement == pytest.approx(75.0)


def test_agreement_one_uncoded_is_disagreement_and_missing_for_alpha() -> None:
    # As above plus fragment 5: A codes BEW, B leaves it uncoded.
    # κ labels A: BEW BEW INF INF BEW; B: BEW INF INF INF (uncoded)
    # p_o = 3/5 = 0.6; p_e = (3/5)(1/5) + (2/5)(3/5) + 0*(1/5) = 9/25 = 0.36
    # κ = (0.6 - 0.36) / (1 - 0.36) = 0.24 / 0.64 = 0.375
    # α: fragment 5 has one value only (uncoded = missing), so α stays 16/30.
    report = agreement_report(
        _records(
            {
                "A": ["BEW", "BEW", "INF", "INF", "BEW"],
                "B": ["BEW", "INF", "INF", "INF", None],
            }
        ),
        pillars=PILLARS,
        themes=[],
    )
    assert report.percent_agreement == pytest.approx(60.0)
    assert report.kappa_primary == pytest.approx(0.375)
    assert report.alpha == pytest.approx(16 / 30)
    assert report.n_compared == 5


def test_agreement_uncoded_by_both_does_not_inflate() -> None:
    base = {"A": ["BEW", "BEW", "INF", "INF"], "B": ["BEW", "INF", "INF", "BEL"]}
    padded = {coder: codes + [None] * 6 for coder, codes in base.items()}
    before = agreement_report(_records(base), pillars=PILLARS, themes=[])
    after = agreement_report(_records(padded), pillars=PILLARS, themes=[])
    assert after.n_fragments == before.n_fragments + 6
    assert after.n_compared == before.n_compared == 4
    assert after.percent_agreement == pytest.approx(before.percent_agreement) == 50.0
    assert after.kappa_primary == pytest.approx(before.kappa_primary)
    assert after.alpha == pytest.approx(before.alpha)
    for code in PILLARS:
        assert after.per_pillar[code]["percent"] == pytest.approx(before.per_pillar[code]["percent"], nan_ok=True)
        assert after.per_pillar[code]["n"] == 4


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("n_labels", [2, 3, 5])
def test_agreement_cohen_kappa_matches_sklearn(seed: int, n_labels: int) -> None:
    rng = np.random.default_rng(seed)
    labels = PILLARS[:n_labels]
    a = list(rng.choice(labels, size=40))
    # Make b agree with a about half the time so κ is not always ~0.
    b = [x if rng.random() < 0.5 else str(rng.choice(labels)) for x in a]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_agreement_cohen_kappa_undefined_returns_none() -> None:
    # Both coders always BEW: p_o = 1, p_e = 1, κ = 0/0 → undefined.
    assert cohen_kappa(["BEW"] * 5, ["BEW"] * 5) is None
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError):
        cohen_kappa(["BEW"], [])


def test_agreement_report_undefined_cases_give_reasons() -> None:
    report = agreement_report(_records({"A": ["BEW"] * 5, "B": ["BEW"] * 5}), pillars=PILLARS, themes=["COM.x"])
    assert report.percent_agreement == 100.0
    assert report.kappa_primary is None
    assert report.notes["kappa_primary"] == t("agreement.reason.no_variation")
    assert report.alpha is None
    assert report.notes["alpha"] == t("agreement.reason.alpha_one_value")
    assert report.per_pillar["COM"]["kappa"] is None
    assert report.per_pillar["COM"]["positive"] is None
    assert report.per_pillar["COM"]["reason"]
    assert report.per_theme["COM.x"]["kappa"] is None


def test_agreement_report_too_few_and_empty_do_not_crash() -> None:
    single = agreement_report(_records({"A": ["BEW"], "B": ["INF"]}), pillars=PILLARS, themes=[])
    assert single.kappa_primary is None
    assert single.notes["kappa_primary"] == t("agreement.reason.too_few", minimum=2)
    assert single.percent_agreement == 0.0

    empty = agreement_report([], pillars=PILLARS, themes=[])
    assert empty.n_fragments == empty.n_compared == 0
    assert math.isnan(empty.percent_agreement)
    assert empty.kappa_primary is None and empty.alpha is None
    assert not empty.to_frame().empty

    all_uncoded = agreement_report(_records({"A": [None, None], "B": [None, None]}), pillars=PILLARS, themes=[])
    assert all_uncoded.n_compared == 0
    assert math.isnan(all_uncoded.percent_agreement)
    assert all_uncoded.alpha is None
    assert all_uncoded.notes["alpha"] == t("agreement.reason.alpha_no_pairs")


def test_agreement_three_coders_light_kappa_and_alpha() -> None:
    codes: dict[str, list[str | None]] = {
        "A": ["BEW", "BEW", "INF", "INF", "BEL", "COM"],
        "B": ["BEW", "INF", "INF", "INF", "BEL", "COM"],
        "C": ["BEW", "BEW", "INF", "BEL", "BEL", "INT"],
    }
    report = agreement_report(_records(codes), pillars=PILLARS, themes=[])
    pairs = [("A", "B"), ("A", "C"), ("B", "C")]
    light = np.mean([cohen_kappa_score(codes[x], codes[y]) for x, y in pairs])
    assert report.coders == ["A", "B", "C"]
    assert report.kappa_primary == pytest.approx(light)
    # Pooled percent: A-B 5/6, A-C 4/6, B-C 3/6 → 12/18.
    assert report.percent_agreement == pytest.approx(100 * 12 / 18)
    assert report.alpha is not None and -1 <= report.alpha <= 1


def test_agreement_multilabel_pillars_and_themes() -> None:
    # Fragment 1: A codes BEW with theme INF.meldpunt (so also applies INF);
    # B codes INF.meldpunt only (primary INF). Fragment 2: both BEL.
    records = [
        {"fragment_id": 1, "coder": "A", "pillar": "BEW", "themes": ["INF.meldpunt"]},
        {"fragment_id": 1, "coder": "B", "pillar": None, "themes": ["INF.meldpunt"]},
        {"fragment_id": 2, "coder": "A", "pillar": "BEL", "themes": []},
        {"fragment_id": 2, "coder": "B", "pillar": "BEL", "themes": []},
    ]
    report = agreement_report(pd.DataFrame(records), pillars=["BEW", "INF", "BEL"], themes=["INF.meldpunt"])
    assert report.percent_agreement == pytest.approx(50.0)  # BEW vs INF, BEL = BEL
    assert report.per_pillar["INF"]["percent"] == pytest.approx(100.0)
    assert report.per_pillar["INF"]["kappa"] == pytest.approx(1.0)
    assert report.per_pillar["BEW"]["percent"] == pytest.approx(50.0)
    assert report.per_theme["INF.meldpunt"]["positive"] == pytest.approx(100.0)


def test_agreement_to_frame_has_dutch_columns() -> None:
    report = agreement_report(
        _records({"A": ["BEW", "INF", "INF"], "B": ["BEW", "INF", "BEL"]}),
        pillars=PILLARS,
        themes=["INF.meldpunt"],
    )
    assert isinstance(report, AgreementReport)
    frame = report.to_frame()
    assert {t("agreement.col.kappa"), t("agreement.col.alpha"), t("agreement.col.percent")} <= set(frame.columns)
    assert len(frame) == 1 + len(PILLARS) + 1
    assert list(frame[t("agreement.col.code")])[1:6] == PILLARS


def test_agreement_uncoded_rule_text_exists() -> None:
    assert "onenigheid" in t("agreement.uncoded_rule")


def test_agreement_disagreements_lists_exactly_differing_fragments() -> None:
    records = _records(
        {
            "A": ["BEW", "BEW", "INF", None, None, "COM"],
            "B": ["BEW", "INF", "INF", None, "BEL", "COM"],
        },
        themes={
            "A": [["BEW.x"], [], ["INF.meldpunt"], [], [], []],
            "B": [["BEW.x"], [], ["INF.delen"], [], [], []],
        },
    )
    # Fragment 7 is coded by A only: nothing to compare, so not listed.
    records.append({"fragment_id": 7, "coder": "A", "pillar": "INT", "themes": []})
    table = disagreements(records)
    assert list(table["fragment_id"]) == [2, 3, 5]
    assert list(table[t("agreement.col.difference")]) == [
        t("agreement.diff.pillar"),
        t("agreement.diff.themes"),
        t("agreement.diff.pillar"),
    ]
    row5 = table.set_index("fragment_id").loc[5]
    assert row5[t("agreement.col.coder_pillar", coder="A")] == t("agreement.uncoded")
    assert row5[t("agreement.col.coder_pillar", coder="B")] == "BEL"
    row3 = table.set_index("fragment_id").loc[3]
    assert row3[t("agreement.col.coder_themes", coder="B")] == "INF.delen"


def test_agreement_disagreements_empty_when_all_agree() -> None:
    table = disagreements(_records({"A": ["BEW", None], "B": ["BEW", None]}))
    assert table.empty
    assert "fragment_id" in table.columns


@pytest.fixture
def fragments() -> pd.DataFrame:
    sizes = {10: 30, 11: 12, 12: 5, 13: 2, 14: 1}  # interview_id → fragments
    interview_ids = [iid for iid, size in sizes.items() for _ in range(size)]
    return pd.DataFrame({"fragment_id": range(100, 100 + len(interview_ids)), "interview_id": interview_ids})


def test_agreement_stratified_sample_covers_every_interview(fragments: pd.DataFrame) -> None:
    sample = sample_fragments(fragments, 10, seed=3)
    assert len(sample) == len(set(sample)) == 10
    chosen = fragments[fragments["fragment_id"].isin(sample)]
    assert set(chosen["interview_id"]) == set(fragments["interview_id"])
    # Proportional beyond the one-each minimum: the largest interview gets most.
    counts = chosen["interview_id"].value_counts()
    assert counts[10] == counts.max()


def test_agreement_sample_is_deterministic_per_seed(fragments: pd.DataFrame) -> None:
    assert sample_fragments(fragments, 10, seed=1) == sample_fragments(fragments, 10, seed=1)
    assert sample_fragments(fragments, 10, seed=1) != sample_fragments(fragments, 10, seed=2)
    plain = sample_fragments(fragments, 7, stratify_by=None, seed=5)
    assert plain == sample_fragments(fragments, 7, stratify_by=None, seed=5)
    assert len(plain) == 7 and set(plain) <= set(fragments["fragment_id"])


def test_agreement_sample_edge_cases(fragments: pd.DataFrame) -> None:
    assert sample_fragments(fragments, 0) == []
    assert sample_fragments(fragments, 1000) == sorted(fragments["fragment_id"])
    assert len(sample_fragments(fragments, 3, seed=0)) == 3  # fewer than interviews
    with pytest.raises(ValueError):
        sample_fragments(fragments, 5, stratify_by="department")
