"""Tables of the report (issue 17): a report per scan, its sections with versions,
recommendations and the items (quotes, figures, figure sentences) inserted into the text.

Kept apart from :mod:`models.schema` on the same declarative ``Base`` so the report's
storage can be read in one place; :mod:`models.reports` imports it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.schema import Base, now


class Report(Base):
    """The report of one scan; ``template`` is its structure now (version ``template_version``).

    It starts as a copy of the shipped YAML; an analyst may change it in the app, every
    saved structure is kept in :class:`ReportTemplateVersion`. ``pii_waivers`` are the
    analyst's accepted PII findings in their own text (``[{"where", "finding", "reason",
    "user", "at"}]``), like a quote's waivers.
    """

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    template: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    template_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    pii_waivers: Mapped[list[Any] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class ReportTemplateVersion(Base):
    """Every saved structure (chapters and sections) of a report, kept."""

    __tablename__ = "report_template_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    template: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_by: Mapped[str] = mapped_column(String(100), default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    __table_args__ = (UniqueConstraint("report_id", "version"),)


class ReportSection(Base):
    """The analyst's text of one section (key from the outline); ``version`` grows with every save."""

    __tablename__ = "report_sections"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    versions: Mapped[list[ReportSectionVersion]] = relationship(
        back_populates="section", order_by="ReportSectionVersion.version", cascade="all, delete-orphan"
    )
    __table_args__ = (UniqueConstraint("report_id", "key"),)


class ReportSectionVersion(Base):
    """Every saved text of a section, kept."""

    __tablename__ = "report_section_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("report_sections.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(String(100), default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    section: Mapped[ReportSection] = relationship(back_populates="versions")
    __table_args__ = (UniqueConstraint("section_id", "version"),)


class ReportRecommendation(Base):
    """A recommendation, tied to a pillar and to the evidence it rests on; numbered across the report."""

    __tablename__ = "report_recommendations"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    pillar: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    library_key: Mapped[str | None] = mapped_column(String(100))
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"kind": "fragment"|"section"|"item", "id"}]
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class ReportItem(Base):
    """A quote, figure or figure sentence inserted into a section's text as ``[[kind:id]]``.

    ``numbers`` keeps the figures at insertion (n, counts, shares) so a later change
    of the data is detected; ``consent`` and ``attribution`` keep the quote's state then.
    """

    __tablename__ = "report_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    section_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # quote | figure | sentence
    fragment_id: Mapped[int | None] = mapped_column(ForeignKey("fragments.id", ondelete="SET NULL"))
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL"))
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id", ondelete="SET NULL"))
    question_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    display_text: Mapped[str] = mapped_column(Text, default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    numbers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    consent: Mapped[str] = mapped_column(String(20), default="")
    attribution: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
