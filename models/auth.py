"""Who is acting, and what they may do. Enforced in the service layer.

Without configured users the app runs as :data:`LOCAL`, a single local user
with every permission (the embedded default). With users configured, every
service call gets the logged-in :class:`Actor`; a call outside the actor's role
or assigned scans raises :class:`PermissionDenied` with a Dutch message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

from models.errors import PermissionDenied
from texts import T

ROLES = ("interviewer", "analyst", "admin")

# permission -> roles that have it
PERMISSIONS: dict[str, frozenset[str]] = {
    "scan.create": frozenset({"admin"}),
    "scan.view": frozenset({"interviewer", "analyst", "admin"}),
    "respondent.edit": frozenset({"interviewer", "analyst", "admin"}),
    "respondent.real_name": frozenset({"admin"}),
    "respondent.consent": frozenset({"analyst", "admin"}),
    "interview.conduct": frozenset({"interviewer", "admin"}),
    "interview.edit": frozenset({"interviewer", "analyst", "admin"}),
    "interview.import": frozenset({"analyst", "admin"}),
    "code": frozenset({"analyst", "admin"}),
    "quote": frozenset({"analyst", "admin"}),
    "documents": frozenset({"analyst", "admin"}),
    "report": frozenset({"analyst", "admin"}),
    "export": frozenset({"analyst", "admin"}),
    "export.real_names": frozenset({"admin"}),
    "content.edit": frozenset({"admin"}),
    "users.manage": frozenset({"admin"}),
    "events.view": frozenset({"admin"}),
    "backup": frozenset({"admin"}),
    "survey.import": frozenset({"analyst", "admin"}),
    "survey.view": frozenset({"analyst", "admin"}),
    "followup.edit": frozenset({"analyst", "admin"}),
    "followup.owner_name": frozenset({"admin"}),
}


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service function runs.

    ``scan_ids`` is ``None`` for access to every scan (admins and the local
    user), else the scans this user is assigned to.
    """

    username: str
    role: str
    scan_ids: frozenset[int] | None = field(default=None)

    def can(self, permission: str, scan_id: int | None = None) -> bool:
        if self.role not in PERMISSIONS[permission]:
            return False
        if scan_id is not None and self.scan_ids is not None and self.role != "admin":
            return scan_id in self.scan_ids
        return True

    @property
    def sees_every_scan(self) -> bool:
        """Whether the actor may see every scan (admins and the local user), not only assigned ones."""
        return self.scan_ids is None or self.role == "admin"

    def require(self, permission: str, scan_id: int | None = None) -> None:
        """Raise :class:`PermissionDenied` unless the actor may do ``permission``."""
        if not self.can(permission, scan_id):
            self.refuse(permission)

    def refuse(self, permission: str) -> NoReturn:
        """Raise the :class:`PermissionDenied` of :meth:`require`: ``role`` when the role never may, else ``scan``.

        Also for a scan the caller could not find, so a refusal never tells whether the scan exists.
        """
        what = T.get(f"permission.{permission}", permission)
        if self.role in PERMISSIONS[permission]:
            raise PermissionDenied("scan", what=what)
        raise PermissionDenied("role", what=what, role=self.role)


LOCAL = Actor(username="lokaal", role="admin")
