"""The demo scan shows data on every screen: accepted codings, memos, an agreement round, quotes in three pillars."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy import func, select

from models import agreement, exports, memos, quotes
from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo


def test_demo_has_analysis_in_every_screen(db: Database) -> None:
    scan_id = load_demo(db, LOCAL)
    with db.session() as session:
        accepted = session.scalar(
            select(func.count()).select_from(s.Coding).where(s.Coding.status == "accepted", s.Coding.round_id.is_(None))
        )
    assert accepted and accepted >= 20
    assert len(memos.memos(db, LOCAL, scan_id)) == 2
    (round_info,) = agreement.list_rounds(db, LOCAL, scan_id)
    report = agreement.round_report(db, LOCAL, round_info.id)
    assert report.n_compared == len(round_info.fragment_ids) > 0
    assert 0 < report.percent_agreement < 100  # a real round: mostly agreeing, some disagreements to resolve
    basket = quotes.list_quotes(db, LOCAL, scan_id)
    # the demo analyst's three quotes (BEW, INF, BEL); the demo report adds quotes of its own
    assert {"BEL", "BEW", "INF"} <= {view.pillar for view in basket}
    headings = [
        p.text
        for p in Document(io.BytesIO(exports.export_docx(db, LOCAL, scan_id))).paragraphs
        if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[:3] == [
        "1. Bewustwording en organisatie",
        "2. Informatiepositie en -huishouding",
        "3. Beleid en handhaving",
    ]
    # Overzicht: every chart has data, and themes occur together (the analyst gave some fragments a second theme)
    import numpy as np

    from coding.charts import theme_cooccurrence
    from models.chart_data import coded_frame

    frame = coded_frame(db, LOCAL, scan_id)
    assert frame["fragment_id"].nunique() >= 20 and frame["role"].notna().any() and frame["department"].notna().any()
    pairs = theme_cooccurrence(frame).to_numpy().copy()
    np.fill_diagonal(pairs, 0)
    assert (pairs > 0).sum() // 2 >= 5, "the co-occurrence heatmap of the demo would be empty"
