"""Memos on fragments and codes (models/memos.py)."""

from __future__ import annotations

import pytest

from models.auth import LOCAL
from models.db import Database
from models.decisions import (
    code_id,
)
from models.errors import InputError
from models.memos import add_memo, edit_memo, memos
from tests.factories import Built


def test_review_memos_add_edit_search(db: Database, built: Built) -> None:
    fid = built.fragment_ids[0]
    memo_id = add_memo(db, LOCAL, built.scan_id, "fragment", fid, "Mooi citaat over het meldpunt")
    code_memo = add_memo(
        db, LOCAL, built.scan_id, "code", code_id(db, built.scan_id, "INF.meldpunt"), "Afbakening met protocol"
    )
    add_memo(db, LOCAL, built.scan_id, "interview", built.interview_ids[1], "Respondent was kort van stof")
    assert len(memos(db, LOCAL, built.scan_id)) == 3
    found = memos(db, LOCAL, built.scan_id, query="MELDPUNT")
    assert [m.id for m in found] == [memo_id]
    assert found[0].target_label.startswith("Er is geen intern meldpunt")
    codes = memos(db, LOCAL, built.scan_id, target_type="code")
    assert [m.id for m in codes] == [code_memo]
    assert codes[0].target_label.startswith("INF.meldpunt — ")
    edit_memo(db, LOCAL, memo_id, "Citaat voor hoofdstuk informatie")
    assert memos(db, LOCAL, built.scan_id, query="hoofdstuk")[0].author == "lokaal"
    with pytest.raises(InputError):
        add_memo(db, LOCAL, built.scan_id, "fragment", fid, "   ")
    with pytest.raises(InputError):
        add_memo(db, LOCAL, built.scan_id, "interview", 99999, "x")
