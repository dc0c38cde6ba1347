"""The demo scan's report (``data/demo_report.yaml``): text in the first sections and in two
pillars, with quotes from the demo's fragments, a survey chart and figure sentence, and
recommendations from the library, all through the report's services.

The demo's auto-coded suggestions of the chosen themes are accepted first (as a demo
analyst would), because only accepted fragments can be quoted.
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress

from sqlalchemy import select

from coding.codebook import DATA_DIR, load_yaml
from models import reports, surveys
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.decisions import accept
from models.report_outline import load_library
from models.status import INTERVIEW_KINDS, FragmentStatus
from texts import WeerbaarError

DEMO_REPORT = DATA_DIR / "demo_report.yaml"
QUOTES_PER_PILLAR = 2


def _theme_fragments(db: Database, scan_id: int, pillar: str, preferred: set[str]) -> tuple[str | None, list[int]]:
    """The pillar's theme with the most suggested interview fragments (a theme the survey also asks
    about first), and those fragments."""
    with db.session() as session:
        rows = session.execute(
            select(s.Fragment.id, s.Fragment.top_theme)
            .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .where(s.Fragment.scan_id == scan_id, s.Fragment.top_pillar == pillar, s.Fragment.top_theme.is_not(None),
                   s.Fragment.status.in_((FragmentStatus.SUGGESTED, FragmentStatus.ACCEPTED)), s.Interview.kind.in_(INTERVIEW_KINDS))
            .order_by(s.Fragment.id)
        ).all()  # fmt: skip
    if not rows:
        return None, []
    counts = Counter(theme for _id, theme in rows)
    theme = max(counts, key=lambda th: (th in preferred, counts[th]))
    return theme, [fid for fid, th in rows if th == theme]


def _survey_codes(db: Database, actor: Actor, scan_id: int, theme: str) -> tuple[int, list[str], str | None] | None:
    for info in surveys.list_surveys(db, actor, scan_id):
        survey = surveys.load_survey(db, actor, info.id)
        specs = [q for q in survey.questions if q.theme == theme and q.type != "open"]
        if specs:
            group = [q.code for q in specs if q.group and q.group == specs[0].group] or [specs[0].code]
            single = next((q.code for q in specs if q.type == "choice"), specs[0].code)
            return info.id, group, single
    return None


def add_demo_report(db: Database, actor: Actor, scan_id: int) -> int:
    """Write the demo report; returns its id."""
    raw = load_yaml(DEMO_REPORT.read_text(encoding="utf-8"))
    report = reports.ensure_report(db, actor, scan_id)
    for key, text in (raw.get("sections") or {}).items():
        current = reports.get_section(db, actor, report.id, key)
        reports.save_section(db, actor, report.id, key, str(text).strip(), base_version=current.version)
    library = {rec.key: rec for rec in load_library()}
    mapped = {q.theme for info in surveys.list_surveys(db, actor, scan_id)
              for q in surveys.load_survey(db, actor, info.id).questions if q.theme and q.type != "open"}  # fmt: skip
    for pillar, spec in (raw.get("pillars") or {}).items():
        theme, fragment_ids = _theme_fragments(db, scan_id, pillar, mapped)
        if theme is not None:
            key = f"{pillar}.resultaten.{theme}"
            parts = [str(spec.get("theme_text", "")).strip()]
            quoted = 0
            for fragment_id in fragment_ids:
                if quoted >= QUOTES_PER_PILLAR:
                    break
                try:
                    accept(db, actor, fragment_id)
                    item = reports.insert_quote(db, actor, report.id, key, fragment_id, pillar=pillar, theme=theme)
                except (WeerbaarError, ValueError):  # no consent, or nothing to accept
                    continue
                parts.append(item.token)
                quoted += 1
            found = _survey_codes(db, actor, scan_id, theme)
            if found is not None:
                survey_id, grid, single = found
                parts.append(reports.insert_survey_item(db, actor, report.id, key, kind="figure", survey_id=survey_id,
                                                        codes=grid).token)  # fmt: skip
                if single is not None:
                    with suppress(WeerbaarError):  # a question without a figure sentence
                        parts.append(reports.insert_survey_item(db, actor, report.id, key, kind="sentence",
                                                                survey_id=survey_id, codes=[single]).token)  # fmt: skip
            reports.save_section(db, actor, report.id, key, "\n\n".join(p for p in parts if p),
                                 base_version=reports.get_section(db, actor, report.id, key).version)  # fmt: skip
        reports.save_section(db, actor, report.id, f"{pillar}.conclusie", str(spec.get("conclusion", "")).strip(),
                             base_version=reports.get_section(db, actor, report.id, f"{pillar}.conclusie").version)  # fmt: skip
        for lib_key in spec.get("library") or []:
            rec = library[lib_key]
            reports.add_recommendation(db, actor, report.id, pillar=pillar, title=rec.title, text=rec.text,
                                       library_key=rec.key)  # fmt: skip
    return report.id
