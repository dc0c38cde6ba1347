"""Agreement rounds between coders (models/agreement.py): blind queue, kappa/alpha, resolution."""

from __future__ import annotations

import math

import pytest

from models.agreement import (
    create_round,
    get_round,
    resolve,
    round_code,
    round_disagreements,
    round_queue,
    round_report,
)
from models.auth import LOCAL
from models.db import Database
from models.errors import InputError
from tests.factories import Built, codings_of, decisions_of, fragment_of


def _round(db: Database, built: Built) -> int:
    return create_round(db, LOCAL, built.scan_id, "Ronde 1", ["anna", "bram"], 6, stratify=True, seed=1)


def test_review_round_samples_respondent_fragments(db: Database, built: Built) -> None:
    round_id = create_round(db, LOCAL, built.scan_id, "Ronde", ["anna", "bram"], 3, stratify=True, seed=3)
    info = get_round(db, LOCAL, round_id)
    assert len(info.fragment_ids) == 3 and set(info.fragment_ids) <= set(built.fragment_ids)
    again = create_round(db, LOCAL, built.scan_id, "Ronde b", ["anna", "bram"], 3, stratify=True, seed=3)
    assert get_round(db, LOCAL, again).fragment_ids == info.fragment_ids
    with pytest.raises(InputError):
        create_round(db, LOCAL, built.scan_id, "Solo", ["anna"], 3, stratify=True, seed=0)


def test_review_round_queue_is_blind(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    round_code(db, LOCAL, round_id, "anna", built.fragment_ids[0], "INF", "INF.meldpunt")
    items = round_queue(db, LOCAL, round_id, "bram")
    assert len(items) == 6
    assert all(item.pillar is None and not item.done for item in items)  # neither anna's code nor the suggestion
    own = {item.fragment_id: item for item in round_queue(db, LOCAL, round_id, "anna")}
    assert own[built.fragment_ids[0]].theme == "INF.meldpunt" and own[built.fragment_ids[0]].done
    # round codings never touch the scan's working codings
    assert codings_of(db, built.fragment_ids[0])["INF"][1] == "suggested"
    with pytest.raises(InputError):
        round_queue(db, LOCAL, round_id, "carla")


def test_review_round_report_kappa_and_alpha(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    f = built.fragment_ids
    anna = [("INF", "INF.meldpunt"), ("INF", None), ("BEW", None), ("BEL", "BEL.bibob"), ("INT", None), (None, None)]
    bram = [("INF", "INF.meldpunt"), ("INT", None), ("BEW", None), ("BEL", "BEL.bibob"), ("INT", None), ("COM", None)]
    for fid, (a, b) in zip(f, zip(anna, bram, strict=True), strict=True):
        round_code(db, LOCAL, round_id, "anna", fid, *a)
        round_code(db, LOCAL, round_id, "bram", fid, *b)
    report = round_report(db, LOCAL, round_id)
    assert report.n_compared == 6
    assert math.isclose(report.percent_agreement, 100 * 4 / 6)
    assert report.kappa_primary is not None and 0 < report.kappa_primary < 1
    assert report.alpha is not None
    assert report.per_pillar["BEW"]["kappa"] == pytest.approx(1.0)
    assert "BEL.bibob" in report.per_theme and "COM.intern" not in report.per_theme
    assert not report.to_frame().empty
    diff = round_disagreements(db, LOCAL, round_id)
    assert sorted(diff["fragment_id"]) == [f[1], f[5]]
    assert diff.loc[diff["fragment_id"] == f[1], "text"].item().startswith("Collega's")
    # recoding replaces the earlier choice
    round_code(db, LOCAL, round_id, "anna", f[1], "INT", None)
    assert sorted(round_disagreements(db, LOCAL, round_id)["fragment_id"]) == [f[5]]


def test_review_resolve_applies_code_and_stores_resolution(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    fid = built.fragment_ids[1]
    resolve(db, LOCAL, round_id, fid, "INT.vertrouwenspersoon_melden")
    assert get_round(db, LOCAL, round_id).resolutions == {str(fid): "INT.vertrouwenspersoon_melden"}
    fragment = fragment_of(db, fid)
    assert (fragment.status, fragment.top_theme) == ("accepted", "INT.vertrouwenspersoon_melden")
    assert decisions_of(db, fid)[-1].action == "recode"
