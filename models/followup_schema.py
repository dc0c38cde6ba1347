"""Tables of the action plan and the follow-up scan (issue 18).

Kept apart from :mod:`models.schema` on the same declarative ``Base``. A
vervolgmeting's link to its nulmeting is ``scans.baseline_scan_id`` (with the
reused instrument versions in ``scans.instruments``), in :mod:`models.schema`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models import report_schema  # noqa: F401  (the table actions.recommendation_id points at)
from models.schema import Base, now


class Action(Base):
    """One action of a scan's action plan: a recommendation of its report with owner, deadline and status.

    ``number``, ``pillar`` and ``title`` are copied from the recommendation when the
    plan is made (and refreshed when it is synchronised again), so the plan stays
    readable when the report changes later. ``owner_role`` is a role ("teamleider
    VTH"); ``owner_name`` a person, set by an admin only.
    """

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_recommendations.id", ondelete="SET NULL"), index=True
    )
    number: Mapped[int] = mapped_column(Integer, default=0)
    pillar: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(200), default="")
    owner_name: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[str] = mapped_column(String(10), default="")  # ISO date, "" when not set
    status: Mapped[str] = mapped_column(String(20), default="gepland")  # gepland | bezig | gereed | vervallen
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    __table_args__ = (UniqueConstraint("scan_id", "recommendation_id"),)


class StatementMatch(Base):
    """An analyst's decision that a follow-up statement is (or is not) the nulmeting's statement.

    Identical and normalised-identical wording is matched without a row here; a
    changed wording counts only with a row ``confirmed=1``; ``confirmed=0`` rejects
    an automatic or proposed pair.
    """

    __tablename__ = "statement_matches"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), index=True)  # the follow-up
    baseline_key: Mapped[str] = mapped_column(String(300))  # "<survey name>/<question code>"
    followup_key: Mapped[str] = mapped_column(String(300))
    confirmed: Mapped[int] = mapped_column(Integer, default=1)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    __table_args__ = (UniqueConstraint("scan_id", "baseline_key", "followup_key"),)
