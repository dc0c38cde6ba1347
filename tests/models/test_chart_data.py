"""The coded-fragments frame behind the charts (models/chart_data.py)."""

from __future__ import annotations

from models.auth import LOCAL
from models.chart_data import coded_frame
from models.db import Database
from models.decisions import (
    accept,
    recode,
)
from tests.factories import Built


def test_review_coded_frame_accepted_only_by_default(db: Database, built: Built) -> None:
    assert coded_frame(db, LOCAL, built.scan_id).empty
    accept(db, LOCAL, built.fragment_ids[0])
    recode(db, LOCAL, built.fragment_ids[5], "COM")
    frame = coded_frame(db, LOCAL, built.scan_id)
    assert list(frame.columns) == ["fragment_id", "interview", "role", "department", "pillar", "theme"]
    rows = {(fid, pillar, theme if isinstance(theme, str) else None) for fid, pillar, theme in
            frame[["fragment_id", "pillar", "theme"]].itertuples(index=False)}
    assert rows == {(built.fragment_ids[0], "INF", "INF.meldpunt"), (built.fragment_ids[5], "COM", None)}
    assert set(frame["role"]) == {"Wethouder", "Beleidsmedewerker"}
    with_suggestions = coded_frame(db, LOCAL, built.scan_id, include_suggestions=True)
    assert with_suggestions["fragment_id"].nunique() == 6
