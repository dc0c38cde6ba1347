"""``python -m models compare --scan NAME --baseline NAME``: the vervolgmeting against its nulmeting.

Prints a readable table per pillar and, as the last line, the JSON summary
``{"pillars", "statements_compared", "significant", "themes_compared", "recommendations"}``.
"""

from __future__ import annotations

import argparse
import json
import sys

from coding.compare import change_sentence
from models.auth import LOCAL
from models.comparison import Comparison, comparison_by_name
from models.startup import connect_database
from texts import WeerbaarError, t

HELP = t("followup.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help=t("followup.cli.scan"))
    parser.add_argument("--baseline", required=True, help=t("followup.cli.baseline"))


def _points(value: float) -> str:
    return f"{value:+.1f}".replace(".", ",")


def table_lines(comparison: Comparison) -> list[str]:
    """The comparison as plain text lines (Dutch), pillar by pillar."""
    lines = [t("followup.cli.title", scan=comparison.scan, baseline=comparison.baseline,
               before=comparison.interviews_before, after=comparison.interviews_after)]  # fmt: skip
    lines += [f"! {note}" for note in comparison.instrument_notes]
    if comparison.pending_matches:
        lines.append(t("followup.cli.pending", count=len(comparison.pending_matches)))
    for pillar in comparison.pillars:
        lines += ["", f"== {pillar.pillar} {pillar.name}".rstrip()]
        for item in pillar.statements:
            share = item.share
            if share is None:
                lines.append(f"  {change_sentence(item)}")
                continue
            low, high = share.newcombe
            flag = "*" if item.meaningful else " "
            delta = item.mann_whitney.delta if item.mann_whitney else None
            lines.append(t(
                "followup.cli.statement", flag=flag, text=item.text[:60],
                positive="(helemaal) eens" if item.scale in (None, "agree") else "/".join(item.positive_labels), before=round(100 * share.p1), n1=share.n1,
                after=round(100 * share.p2), n2=share.n2, change=_points(100 * share.difference),
                low=_points(100 * low), high=_points(100 * high),
                p="–" if item.p_holm is None else f"{item.p_holm:.3f}".replace(".", ","),
                delta="–" if delta is None else f"{delta:+.2f}".replace(".", ","),
            ))  # fmt: skip
        for theme in pillar.themes:
            lines.append(t(
                "followup.cli.theme", theme=comparison.theme_names.get(theme.theme, theme.theme)[:50],
                before=f"{theme.before.per_interview:.2f}".replace(".", ","),
                after=f"{theme.after.per_interview:.2f}".replace(".", ","),
                share_before=round(theme.before.share_of_interviews), share_after=round(theme.after.share_of_interviews),
            ))  # fmt: skip
        for move in pillar.checklist:
            if move.direction != "gelijk":
                lines.append(t("followup.cli.checklist", label=move.label, before=move.before or "–",
                               after=move.after or "–", direction=t(f"followup.direction.{move.direction}")))  # fmt: skip
        for action in pillar.actions:
            lines.append(t("followup.cli.action", number=action.number, title=action.title[:60],
                           status=t(f"followup.status.{action.status}")))  # fmt: skip
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        db = connect_database()
        comparison = comparison_by_name(db, LOCAL, args.scan, args.baseline)
    except WeerbaarError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    for line in table_lines(comparison):
        print(line)
    print(json.dumps(comparison.summary(), ensure_ascii=False))
    return 0
