"""Intercoder agreement: Cohen's κ, percent agreement and Krippendorff's α.

Input is the coding of one sample of fragments by two or more named coders:
records (or DataFrame rows) with ``fragment_id``, ``coder``, ``pillar`` (a code
such as ``"BEW"``, or ``None`` when the coder left the fragment uncoded) and
``themes`` (a list of codes such as ``"INF.meldpunt"``). Several rows for the
same fragment and coder are merged: the first pillar given is the *primary*
pillar, and the coder *applied* every pillar given plus the pillar of every
theme given (multi-label). Without a pillar the primary pillar is the pillar of
the first theme.

Rule for uncoded fragments (``t("agreement.uncoded_rule")`` tells the user):

* A fragment that none of the compared coders coded is left out of every κ and
  every percent agreement; "both left it empty" never counts as agreement.
* A fragment that one coder coded and the other left uncoded is compared and
  counts as a disagreement (for the primary pillar "uncoded" is a category of
  its own; for a pillar or theme the uncoded coder simply did not apply it).
* A fragment a coder has no record for (not in that coder's sample) is not
  compared for that coder.
* For Krippendorff's α an uncoded fragment is a missing value (``np.nan``), as
  is a fragment the coder did not see; units with fewer than two values drop
  out, as α prescribes.

Per pillar and per theme κ is the binary κ of "applied / not applied" over the
compared fragments. Because a pillar that is rarely used yields many
"both did not apply it" agreements, each row also carries the *positive*
(specific) agreement ``2·both / (2·both + one only)``, which ignores them.

With more than two coders κ is Light's κ (the mean of the pairwise κ over the
pairs for which it is defined) and percent agreement is pooled over all coder
pairs. Percentages are on a 0–100 scale. Undefined values are ``None`` (κ, α,
positive agreement) or ``nan`` (percent) with a Dutch reason, never an error.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np
import pandas as pd

from texts import t

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS: tuple[str, ...] = ("fragment_id", "coder", "pillar")
MIN_UNITS = 2
"""Fewer compared fragments than this gives κ ``None`` (too few units)."""

_UNCODED = "\x00uncoded"
"""Category for "left uncoded" in the nominal κ on the primary pillar."""


@dataclass(frozen=True)
class Decision:
    """What one coder decided for one fragment (several rows merged)."""

    primary: str | None
    pillars: frozenset[str]
    themes: frozenset[str]

    @property
    def coded(self) -> bool:
        """Whether the coder gave the fragment any pillar or theme."""
        return bool(self.pillars)


@dataclass
class AgreementReport:
    """Agreement between coders on one sample of fragments.

    Attributes:
        n_fragments: Distinct fragments in the input.
        n_compared: Fragments compared for at least one coder pair (seen by
            both, coded by at least one).
        coders: Coder names in order of first appearance.
        percent_agreement: Agreement on the primary pillar, 0–100, pooled over
            coder pairs; ``nan`` when nothing could be compared.
        kappa_primary: Cohen's κ (Light's κ for more than two coders) on the
            primary pillar as a nominal variable, or ``None``.
        alpha: Krippendorff's α (nominal) on the primary pillar, or ``None``.
        per_pillar: Per pillar code: ``kappa``, ``percent``, ``positive``,
            ``n`` (compared fragments), ``n_applied`` (fragments at least one
            coder applied it to) and ``reason`` (Dutch, or ``None``).
        per_theme: The same per theme code.
        notes: Dutch reasons keyed by ``"kappa_primary"``, ``"alpha"`` or
            ``"percent_agreement"`` when that value is undefined or partial.
    """

    n_fragments: int
    n_compared: int
    coders: list[str]
    percent_agreement: float
    kappa_primary: float | None
    alpha: float | None
    per_pillar: dict[str, dict[str, Any]]
    per_theme: dict[str, dict[str, Any]]
    notes: dict[str, str] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Return the report as a table with Dutch column names for display.

        One row for the primary pillar (with α), one per pillar and one per
        theme. κ and α are rounded to three decimals, percentages to one.
        """
        rows: list[dict[str, Any]] = [
            {
                t("agreement.col.level"): t("agreement.level.total"),
                t("agreement.col.code"): "",
                t("agreement.col.kappa"): _round(self.kappa_primary, 3),
                t("agreement.col.alpha"): _round(self.alpha, 3),
                t("agreement.col.percent"): _round(self.percent_agreement, 1),
                t("agreement.col.positive"): None,
                t("agreement.col.n"): self.n_compared,
                t("agreement.col.note"): " ".join(
                    self.notes[key] for key in ("kappa_primary", "alpha") if key in self.notes
                ),
            }
        ]
        for level, table in (
            (t("agreement.level.pillar"), self.per_pillar),
            (t("agreement.level.theme"), self.per_theme),
        ):
            for code, stats in table.items():
                rows.append(
                    {
                        t("agreement.col.level"): level,
                        t("agreement.col.code"): code,
                        t("agreement.col.kappa"): _round(stats["kappa"], 3),
                        t("agreement.col.alpha"): None,
                        t("agreement.col.percent"): _round(stats["percent"], 1),
                        t("agreement.col.positive"): _round(stats["positive"], 1),
                        t("agreement.col.n"): stats["n"],
                        t("agreement.col.note"): stats["reason"] or "",
                    }
                )
        return pd.DataFrame(rows)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ for two coders' nominal labels on the same units.

    ``κ = (p_o - p_e) / (1 - p_e)`` with ``p_o`` the observed share of equal
    labels and ``p_e`` the chance agreement from each coder's own label shares.
    ``None`` counts as a label of its own.

    Args:
        a: Labels of the first coder, one per unit.
        b: Labels of the second coder, in the same unit order.

    Returns:
        κ, or ``None`` when undefined: no units, or chance agreement is 1
        (both coders used one and the same label throughout).

    Raises:
        ValueError: When ``a`` and ``b`` differ in length.
    """
    if len(a) != len(b):
        raise ValueError(f"label sequences differ in length: {len(a)} != {len(b)}")
    n = len(a)
    if n == 0:
        return None
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    counts_a = pd.Series(list(a), dtype=object).value_counts(dropna=False)
    counts_b = pd.Series(list(b), dtype=object).value_counts(dropna=False)
    p_e = float(sum(count * counts_b.get(label, 0) for label, count in counts_a.items())) / (n * n)
    if math.isclose(p_e, 1.0):
        return None
    return (p_o - p_e) / (1.0 - p_e)


def agreement_report(
    records: list[dict[str, Any]] | pd.DataFrame,
    *,
    pillars: list[str],
    themes: list[str],
) -> AgreementReport:
    """Compute intercoder agreement on a coded sample.

    Args:
        records: Rows with ``fragment_id``, ``coder``, ``pillar`` (``None`` =
            uncoded) and optionally ``themes`` (list of theme codes).
        pillars: Pillar codes to report per pillar (e.g. the five fixed codes).
        themes: Theme codes to report per theme.

    Returns:
        The report; see the module docstring for how uncoded fragments count.
    """
    decisions, coders = _decisions(records)
    pairs = list(combinations(coders, 2))
    units = {pair: _pair_units(decisions, *pair) for pair in pairs}
    compared = {fid for fids in units.values() for fid in fids}
    notes: dict[str, str] = {}

    percent, kappa, reason = _agreement(decisions, units, _primary_label)
    if reason:
        notes["kappa_primary"] = reason
    if math.isnan(percent):
        notes["percent_agreement"] = t("agreement.reason.too_few", minimum=1)

    alpha, alpha_reason = _alpha(decisions, coders)
    if alpha_reason:
        notes["alpha"] = alpha_reason

    per_pillar = {code: _binary_stats(decisions, units, _applies_pillar(code)) for code in pillars}
    per_theme = {code: _binary_stats(decisions, units, _applies_theme(code)) for code in themes}
    report = AgreementReport(
        n_fragments=len(decisions),
        n_compared=len(compared),
        coders=coders,
        percent_agreement=percent,
        kappa_primary=kappa,
        alpha=alpha,
        per_pillar=per_pillar,
        per_theme=per_theme,
        notes=notes,
    )
    logger.info(
        "agreement: %d coders, %d of %d fragments compared, kappa=%s alpha=%s",
        len(coders),
        report.n_compared,
        report.n_fragments,
        kappa,
        alpha,
    )
    return report


def disagreements(records: list[dict[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """List the fragments on which coders differ, each coder side by side.

    A fragment differs when at least two coders have a record for it and their
    primary pillar, set of applied pillars or set of themes is not the same.
    Fragments all coders left uncoded do not differ.

    Args:
        records: The same input as :func:`agreement_report`.

    Returns:
        One row per differing fragment (sorted by ``fragment_id``): column
        ``fragment_id``, a Dutch column saying what differs, and per coder a
        pillar column and a themes column (themes joined by ", "; uncoded as
        ``t("agreement.uncoded")``; ``None`` when the coder has no record).
    """
    decisions, coders = _decisions(records)
    col_difference = t("agreement.col.difference")
    columns = ["fragment_id", col_difference]
    for coder in coders:
        columns += [
            t("agreement.col.coder_pillar", coder=coder),
            t("agreement.col.coder_themes", coder=coder),
        ]
    rows: list[dict[str, Any]] = []
    for fid in _sorted_ids(decisions):
        by_coder = decisions[fid]
        if len(by_coder) < 2:
            continue
        seen = list(by_coder.values())
        pillar_differs = len({(d.primary if d.coded else None, d.pillars) for d in seen}) > 1
        themes_differ = len({d.themes for d in seen}) > 1
        if not (pillar_differs or themes_differ):
            continue
        row: dict[str, Any] = {
            "fragment_id": fid,
            col_difference: t(
                "agreement.diff.both"
                if pillar_differs and themes_differ
                else "agreement.diff.pillar"
                if pillar_differs
                else "agreement.diff.themes"
            ),
        }
        for coder in coders:
            decision = by_coder.get(coder)
            pillar_col = t("agreement.col.coder_pillar", coder=coder)
            themes_col = t("agreement.col.coder_themes", coder=coder)
            if decision is None:
                row[pillar_col] = row[themes_col] = None
            elif not decision.coded:
                row[pillar_col] = t("agreement.uncoded")
                row[themes_col] = ""
            else:
                row[pillar_col] = decision.primary
                row[themes_col] = ", ".join(sorted(decision.themes))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def sample_fragments(
    fragments: pd.DataFrame,
    n: int,
    *,
    stratify_by: str | None = "interview_id",
    seed: int = 0,
) -> list[int]:
    """Draw fragments for double coding, at random or stratified by interview.

    Stratified sampling allocates ``n`` over the groups in proportion to their
    size, but gives every group at least one fragment while ``n`` allows it
    (largest-remainder rounding, capped at the group size). When ``n`` is
    smaller than the number of groups, ``n`` groups are drawn at random and a
    warning is logged.

    Args:
        fragments: One row per fragment, with column ``fragment_id`` (or
            ``id``) and, when stratifying, the ``stratify_by`` column.
        n: Number of fragments wanted; all fragments if ``n`` exceeds them.
        stratify_by: Column to stratify on, or ``None`` for a simple random
            sample.
        seed: Random seed; the same seed and input give the same sample.

    Returns:
        The sampled fragment ids, sorted.

    Raises:
        ValueError: When the id column or the stratification column is missing.
    """
    if "fragment_id" in fragments.columns:
        ids = fragments["fragment_id"]
    elif "id" in fragments.columns:
        ids = fragments["id"]
    else:
        raise ValueError(t("agreement.error.fragment_column"))
    if stratify_by is not None and stratify_by not in fragments.columns:
        raise ValueError(t("agreement.error.stratify_column", column=stratify_by))
    ids = ids.reset_index(drop=True)
    if n <= 0 or ids.empty:
        return []
    if n >= len(ids):
        return sorted(int(i) for i in ids)
    rng = np.random.default_rng(seed)
    if stratify_by is None:
        chosen = rng.choice(len(ids), size=n, replace=False)
        return sorted(int(ids.iloc[i]) for i in chosen)

    strata = fragments[stratify_by].reset_index(drop=True).astype(object)
    strata = strata.where(strata.notna(), "")
    groups = {key: list(idx) for key, idx in strata.groupby(strata, sort=False).groups.items()}
    keys = sorted(groups, key=str)
    sizes = {key: len(groups[key]) for key in keys}
    allocation = _allocate(sizes, n, rng)
    picked: list[int] = []
    for key in keys:
        take = allocation.get(key, 0)
        if take:
            members = groups[key]
            chosen = rng.choice(len(members), size=take, replace=False)
            picked += [int(ids.iloc[members[i]]) for i in chosen]
    return sorted(picked)


# --- helpers --------------------------------------------------------------------


def _decisions(
    records: list[dict[str, Any]] | pd.DataFrame,
) -> tuple[dict[Any, dict[str, Decision]], list[str]]:
    """Merge the input rows into one :class:`Decision` per fragment and coder."""
    rows = records.to_dict("records") if isinstance(records, pd.DataFrame) else list(records)
    missing = sorted({col for col in REQUIRED_COLUMNS for row in rows if col not in row})
    if isinstance(records, pd.DataFrame) and records.empty:
        missing = [col for col in REQUIRED_COLUMNS if col not in records.columns]
    if missing:
        raise ValueError(t("agreement.error.columns", columns=", ".join(missing)))

    merged: dict[Any, dict[str, dict[str, list[str]]]] = {}
    coders: list[str] = []
    for row in rows:
        fid = row["fragment_id"]
        coder = str(row["coder"])
        if coder not in coders:
            coders.append(coder)
        entry = merged.setdefault(fid, {}).setdefault(coder, {"pillars": [], "themes": []})
        pillar = _clean(row.get("pillar"))
        if pillar is not None:
            entry["pillars"].append(pillar)
        entry["themes"] += _theme_list(row.get("themes"))

    decisions: dict[Any, dict[str, Decision]] = {}
    for fid, by_coder in merged.items():
        decisions[fid] = {}
        for coder, entry in by_coder.items():
            theme_codes = entry["themes"]
            given = entry["pillars"]
            primary = given[0] if given else (_pillar_of(theme_codes[0]) if theme_codes else None)
            applied = frozenset(given) | {_pillar_of(code) for code in theme_codes}
            decisions[fid][coder] = Decision(primary, frozenset(applied), frozenset(theme_codes))
    return decisions, coders


def _clean(value: Any) -> str | None:
    """Return a code as a stripped string, or ``None`` for empty / NaN."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _theme_list(value: Any) -> list[str]:
    """Accept a list/tuple/set of theme codes, one code, or nothing."""
    if isinstance(value, str):
        items: Iterable[Any] = [value]
    elif isinstance(value, Iterable):
        items = value
    else:
        items = []
    return [code for code in (_clean(item) for item in items) if code is not None]


def _primary_label(decision: Decision) -> Hashable:
    return decision.primary if decision.coded else _UNCODED


def _applies_pillar(code: str) -> Callable[[Decision], bool]:
    return lambda decision: code in decision.pillars


def _applies_theme(code: str) -> Callable[[Decision], bool]:
    return lambda decision: code in decision.themes


def _pillar_of(theme_code: str) -> str:
    return theme_code.split(".", 1)[0]


def _pair_units(decisions: dict[Any, dict[str, Decision]], a: str, b: str) -> list[Any]:
    """Fragments both coders have a record for and at least one of them coded."""
    return [
        fid
        for fid in _sorted_ids(decisions)
        if a in decisions[fid] and b in decisions[fid] and (decisions[fid][a].coded or decisions[fid][b].coded)
    ]


def _agreement(
    decisions: dict[Any, dict[str, Decision]],
    units: dict[tuple[str, str], list[Any]],
    label: Callable[[Decision], Hashable],
) -> tuple[float, float | None, str | None]:
    """Pooled percent agreement and Light's κ of ``label(decision)`` over pairs."""
    agree = total = 0
    kappas: list[float] = []
    reasons: list[str] = []
    for (a, b), fids in units.items():
        labels_a = [label(decisions[fid][a]) for fid in fids]
        labels_b = [label(decisions[fid][b]) for fid in fids]
        agree += sum(x == y for x, y in zip(labels_a, labels_b, strict=True))
        total += len(fids)
        if len(fids) < MIN_UNITS:
            reasons.append(t("agreement.reason.too_few", minimum=MIN_UNITS))
            continue
        kappa = cohen_kappa(labels_a, labels_b)
        if kappa is None:
            reasons.append(t("agreement.reason.no_variation"))
        else:
            kappas.append(kappa)
    percent = 100.0 * agree / total if total else math.nan
    if not units:
        return percent, None, t("agreement.reason.too_few", minimum=MIN_UNITS)
    if not kappas:
        return percent, None, reasons[0]
    reason = t("agreement.reason.some_pairs", defined=len(kappas), total=len(units)) if reasons else None
    return percent, float(np.mean(kappas)), reason


def _binary_stats(
    decisions: dict[Any, dict[str, Decision]],
    units: dict[tuple[str, str], list[Any]],
    applied: Callable[[Decision], bool],
) -> dict[str, Any]:
    """κ, percent and positive agreement for one pillar or theme (binary)."""
    percent, kappa, reason = _agreement(decisions, units, applied)
    both = one = 0
    fids_all: set[Any] = set()
    fids_applied: set[Any] = set()
    for (a, b), fids in units.items():
        fids_all.update(fids)
        for fid in fids:
            x, y = applied(decisions[fid][a]), applied(decisions[fid][b])
            both += x and y
            one += x != y
            if x or y:
                fids_applied.add(fid)
    positive = 100.0 * 2 * both / (2 * both + one) if both + one else None
    return {
        "kappa": kappa,
        "percent": percent,
        "positive": positive,
        "n": len(fids_all),
        "n_applied": len(fids_applied),
        "reason": reason,
    }


def _alpha(decisions: dict[Any, dict[str, Decision]], coders: list[str]) -> tuple[float | None, str | None]:
    """Krippendorff's α (nominal) on the primary pillar; uncoded = missing."""
    fids = _sorted_ids(decisions)
    categories = sorted({d.primary for by in decisions.values() for d in by.values() if d.coded and d.primary})
    index = {code: float(i) for i, code in enumerate(categories)}
    matrix = np.full((len(coders), len(fids)), np.nan)
    for j, fid in enumerate(fids):
        for i, coder in enumerate(coders):
            decision = decisions[fid].get(coder)
            if decision is not None and decision.coded and decision.primary:
                matrix[i, j] = index[decision.primary]
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    if not pairable.any():
        return None, t("agreement.reason.alpha_no_pairs")
    values = matrix[:, pairable]
    if len(np.unique(values[~np.isnan(values)])) < 2:
        return None, t("agreement.reason.alpha_one_value")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
        except ValueError as error:  # the package's own "undefined" checks
            logger.info("alpha undefined: %s", error)
            return None, t("agreement.reason.alpha_one_value")
    if not math.isfinite(alpha):
        return None, t("agreement.reason.alpha_one_value")
    return alpha, None


def _allocate(sizes: dict[Any, int], n: int, rng: np.random.Generator) -> dict[Any, int]:
    """Split ``n`` over groups: one each first, then proportional to size."""
    keys = list(sizes)
    if n < len(keys):
        logger.warning("sample of %d cannot cover all %d groups; drawing %d groups", n, len(keys), n)
        chosen = rng.choice(len(keys), size=n, replace=False)
        return {keys[i]: 1 for i in chosen}
    allocation = {key: 1 for key in keys}
    rest = n - len(keys)
    spare = {key: sizes[key] - 1 for key in keys}
    while rest > 0:
        capacity = sum(spare.values())
        if capacity == 0:
            break
        quotas = {key: rest * spare[key] / capacity for key in keys}
        whole = {key: min(int(quotas[key]), spare[key]) for key in keys}
        given = sum(whole.values())
        if given == 0:
            # Largest remainder (ties broken by group order) gets the rest.
            order = sorted(keys, key=lambda k: (-(quotas[k] - whole[k]), keys.index(k)))
            for key in order:
                if rest == 0:
                    break
                if spare[key] > 0:
                    allocation[key] += 1
                    spare[key] -= 1
                    rest -= 1
            continue
        for key in keys:
            allocation[key] += whole[key]
            spare[key] -= whole[key]
        rest -= given
    return allocation


def _sorted_ids(decisions: dict[Any, Any]) -> list[Any]:
    """Fragment ids sorted (by value when comparable, else as text)."""
    try:
        return sorted(decisions)
    except TypeError:
        return sorted(decisions, key=str)


def _round(value: float | None, digits: int) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(value, digits)
