"""Who coded what in a REFI-QDA project: its ``User`` elements and the codings of an imported selection.

Weerbaar exports accepted codings under the analyst who decided them and the
auto-coder's open suggestions under its own ``User`` "Weerbaar automatische
codeur" (``id`` :data:`~models.refiqda.common.AUTO_USER_ID`); import reads
them back the same way, so the split between accepted and suggested survives
a round trip.
"""

from __future__ import annotations

from lxml import etree
from sqlalchemy.orm import Session

from models import schema as s
from models.refiqda.common import AUTO_USER_ID, MANUAL_USER_ID, _q
from models.status import CodingSource, CodingStatus, FragmentStatus
from texts import t

SUGGESTING_USER = "suggest"
"""Kind of the auto-coder's own ``User`` (see :func:`project_users`): its codings are open suggestions."""


def project_users(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Every ``User`` of a project by lower-case GUID: ``(name, kind)``.

    ``kind`` is :data:`SUGGESTING_USER` for the auto-coder's own user (``id``
    exactly :data:`AUTO_USER_ID`, or, without a Weerbaar ``id``, the name
    "Weerbaar automatische codeur", as another tool may keep only the name);
    ``auto`` for a ``weerbaar-auto:<name>`` user of an older Weerbaar export
    (accepted auto codings); ``manual`` for everyone else.
    """
    users: dict[str, tuple[str, str]] = {}
    for element in root.iter(_q("User")):
        name, user_id = (element.get("name") or "").strip(), (element.get("id") or "").strip()
        if user_id == AUTO_USER_ID or (
            not user_id.startswith((f"{AUTO_USER_ID}:", f"{MANUAL_USER_ID}:"))
            and name.casefold() == t("refiqda.auto_coder").casefold()
        ):
            kind = SUGGESTING_USER
        else:
            kind = "auto" if user_id.startswith(f"{AUTO_USER_ID}:") else "manual"
        users[(element.get("guid") or "").lower()] = (name or user_id, kind)
    return users


def add_codings(
    session: Session, fragment: s.Fragment, codes: dict[str, s.Code], found: list[tuple[str, str, str]]
) -> tuple[int, int]:
    """Store a selection's codings; returns how many are accepted and how many open suggestions.

    Codings of the auto-coder's own user come back as open auto suggestions
    (unless the same code is also accepted on the selection); every other
    user's are accepted under that user. The fragment is accepted when it has
    an accepted coding, else waits for review when it has suggestions.
    """
    accepted = [code for code, _, kind in found if kind != SUGGESTING_USER]
    suggested: list[str] = []
    for code, coder, kind in found:
        if kind == SUGGESTING_USER and (code in accepted or code in suggested):
            continue
        session.add(
            s.Coding(
                fragment_id=fragment.id,
                code_id=codes[code].id,
                source=CodingSource.MANUAL if kind == "manual" else CodingSource.AUTO,
                status=CodingStatus.SUGGESTED if kind == SUGGESTING_USER else CodingStatus.ACCEPTED,
                coder=coder,
            )
        )
        if kind == SUGGESTING_USER:
            suggested.append(code)
    chosen = accepted or suggested
    if chosen:
        fragment.status = FragmentStatus.ACCEPTED if accepted else FragmentStatus.SUGGESTED
        fragment.top_pillar = chosen[0].split(".", 1)[0]
        fragment.top_theme = next((c for c in chosen if c.startswith(fragment.top_pillar + ".")), None)
    return len(accepted), len(suggested)
