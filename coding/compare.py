"""Comparing a follow-up scan with its nulmeting: pure statistics, no storage.

For one ordinal (Likert) statement asked in both scans (answers as counts per
scale point, negative → positive, missing answers already left out):

* the distributions side by side (:func:`distribution`: counts and percentages of n);
* the change in the share on the positive side ("(helemaal) eens", top-2 box) with a
  95 % confidence interval for the difference of two independent proportions by
  Newcombe's hybrid score method (his method 10, built on Wilson intervals), and
  the Wald interval as a check (:func:`difference_of_proportions`);
* a test suited to ordinal answers: Mann-Whitney U, two-sided, normal approximation
  with tie correction and continuity correction (as ``scipy.stats.mannwhitneyu``
  with ``method="asymptotic"``), with Cliff's delta as effect size (for two groups
  equal to the rank-biserial correlation); and a chi-square test on the categories
  (no Yates correction) with Cramér's V, warning when an expected count is below 5;
* Holm's correction across all statements compared (:func:`holm`);
* the flag (:func:`compare_statements`): a change counts as *meaningful* only when
  the Holm-adjusted Mann-Whitney p is below :data:`ALPHA` **and** the effect is at
  least small: ``|delta| >= SMALL_DELTA`` (Romano et al.'s threshold for a small
  Cliff's delta) or a change of the top-2 share of at least
  :data:`SMALL_SHARE_CHANGE` (5 percentage points).

Also: theme frequency per scan normalised by the number of interviews
(:func:`theme_frequencies`), checklist transitions (:func:`checklist_transitions`)
and matching statements across versions of a survey (:func:`propose_matches`):
identical or normalised-identical wording is matched automatically, changed wording
is only *proposed* (by similarity) and counts only once the analyst confirms it.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scipy.stats import chi2 as chi2_distribution
from scipy.stats import norm

from texts import t

ALPHA = 0.05
"""Significance level after Holm's correction."""
SMALL_DELTA = 0.147
"""Smallest |Cliff's delta| that counts as a small effect (Romano et al. 2006)."""
SMALL_SHARE_CHANGE = 5.0
"""Smallest change of the top-2 share, in percentage points, that counts as meaningful."""
MIN_EXPECTED = 5.0
"""Chi-square warns when an expected cell count is below this."""
SIMILAR = 0.6
"""Similarity from which a changed wording is proposed as the same statement."""
Z95 = float(norm.ppf(0.975))


# --- distributions and proportions ---------------------------------------------------------
@dataclass
class Distribution:
    """Counts per scale point and their percentage of ``n`` (missing answers left out)."""

    labels: list[str]
    counts: list[int]
    n: int
    percentages: list[float]


def distribution(labels: Sequence[str], counts: Sequence[int]) -> Distribution:
    """Counts with their share of n (0–100); n is the sum of the counts."""
    if len(labels) != len(counts):
        raise ValueError("labels and counts differ in length")
    n = int(sum(counts))
    return Distribution(list(labels), [int(c) for c in counts], n, [100.0 * c / n if n else 0.0 for c in counts])


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion; ``(0, 1)`` when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class ProportionChange:
    """Share before (``p1``) and after (``p2``), the difference ``p2 - p1`` and its 95 % intervals (0–1)."""

    x1: int
    n1: int
    x2: int
    n2: int
    p1: float
    p2: float
    difference: float
    newcombe: tuple[float, float]
    wald: tuple[float, float]


def difference_of_proportions(x1: int, n1: int, x2: int, n2: int, z: float = Z95) -> ProportionChange:
    """Difference ``p2 - p1`` of two independent proportions with Newcombe's hybrid score interval.

    Args:
        x1, n1: positive answers and n in the nulmeting.
        x2, n2: the same in the follow-up.
    """
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both groups need at least one answer")
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p2 - p1
    lower = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return ProportionChange(x1, n1, x2, n2, p1, p2, d, (lower, upper), (d - z * se, d + z * se))


# --- tests ---------------------------------------------------------------------------------
@dataclass
class MannWhitney:
    """Mann-Whitney U of the follow-up against the nulmeting.

    ``u`` is the follow-up's U (pairs where the follow-up answer is higher, ties
    half); ``delta`` is Cliff's delta, positive when follow-up answers are higher.
    """

    u: float
    z: float
    p: float
    delta: float


def mann_whitney(before: Sequence[int], after: Sequence[int]) -> MannWhitney:
    """Two-sided Mann-Whitney U from counts per ordered category, tie- and continuity-corrected."""
    if len(before) != len(after):
        raise ValueError("both scans need the same scale points")
    n1, n2 = int(sum(before)), int(sum(after))
    if n1 == 0 or n2 == 0:
        raise ValueError("both groups need at least one answer")
    below = 0
    u2 = 0.0
    for a, b in zip(before, after, strict=True):
        u2 += b * (below + a / 2)
        below += a
    n = n1 + n2
    ties = sum((a + b) ** 3 - (a + b) for a, b in zip(before, after, strict=True))
    mean = n1 * n2 / 2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))) if n > 1 else 0.0
    delta = 2 * u2 / (n1 * n2) - 1
    if variance <= 0:
        return MannWhitney(u2, 0.0, 1.0, delta)
    distance = abs(u2 - mean) - 0.5
    z = max(distance, 0.0) / math.sqrt(variance)
    z = math.copysign(z, u2 - mean)
    return MannWhitney(u2, z, min(1.0, 2 * float(norm.sf(abs(z)))), delta)


@dataclass
class ChiSquare:
    """Chi-square on the categories (categories nobody chose left out) with Cramér's V."""

    statistic: float
    df: int
    p: float
    cramers_v: float
    min_expected: float
    small_expected: int  # cells with an expected count below MIN_EXPECTED

    @property
    def warning(self) -> bool:
        return self.small_expected > 0


def chi_square(before: Sequence[int], after: Sequence[int]) -> ChiSquare:
    """Pearson's chi-square of the 2 × k table (no continuity correction)."""
    rows = [(a, b) for a, b in zip(before, after, strict=True) if a + b > 0]
    n1, n2 = sum(a for a, _ in rows), sum(b for _, b in rows)
    n = n1 + n2
    if len(rows) < 2 or n1 == 0 or n2 == 0:
        return ChiSquare(0.0, 0, 1.0, 0.0, 0.0, 0)
    statistic, smallest, small = 0.0, math.inf, 0
    for a, b in rows:
        for observed, column in ((a, n1), (b, n2)):
            expected = (a + b) * column / n
            statistic += (observed - expected) ** 2 / expected
            smallest = min(smallest, expected)
            small += expected < MIN_EXPECTED
    df = len(rows) - 1
    return ChiSquare(statistic, df, float(chi2_distribution.sf(statistic, df)), math.sqrt(statistic / n), smallest,
                     small)  # fmt: skip


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in the order given."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


# --- one statement, many statements --------------------------------------------------------
@dataclass
class StatementInput:
    """A statement asked in both scans; counts per scale point (negative → positive, missing left out)."""

    key: str
    text: str
    labels: list[str]
    before: list[int]
    after: list[int]
    positive: list[int]  # indices of the positive scale points (top-2 box)
    pillar: str | None = None
    same_scale: bool = True
    after_text: str | None = None
    scale: str | None = None  # the Likert family ("agree", "frequency" …) when known


@dataclass
class StatementComparison:
    key: str
    text: str
    pillar: str | None
    before: Distribution
    after: Distribution
    share: ProportionChange | None
    mann_whitney: MannWhitney | None
    chi_square: ChiSquare | None
    p_holm: float | None = None
    significant: bool = False
    meaningful: bool = False
    same_scale: bool = True
    after_text: str | None = None
    scale: str | None = None
    positive_labels: list[str] = field(default_factory=list)

    @property
    def change_points(self) -> float | None:
        """Change of the top-2 share in percentage points."""
        return None if self.share is None else 100.0 * self.share.difference


def compare_statement(item: StatementInput) -> StatementComparison:
    """The figures of one statement; tests only when both scans have answers on the same scale."""
    before, after = distribution(item.labels, item.before), distribution(item.labels, item.after)
    share = mw = chi = None
    if before.n and after.n:
        positive = set(item.positive)
        x1 = sum(c for i, c in enumerate(item.before) if i in positive)
        x2 = sum(c for i, c in enumerate(item.after) if i in positive)
        share = difference_of_proportions(x1, before.n, x2, after.n)
        if item.same_scale:
            mw = mann_whitney(item.before, item.after)
            chi = chi_square(item.before, item.after)
    return StatementComparison(item.key, item.text, item.pillar, before, after, share, mw, chi,
                               same_scale=item.same_scale, after_text=item.after_text, scale=item.scale,
                               positive_labels=[item.labels[i] for i in item.positive])  # fmt: skip


def is_meaningful(comparison: StatementComparison) -> bool:
    """Significant after Holm and at least a small effect (see the module docstring)."""
    if comparison.p_holm is None or comparison.mann_whitney is None or comparison.p_holm >= ALPHA:
        return False
    points = comparison.change_points
    return abs(comparison.mann_whitney.delta) >= SMALL_DELTA or (
        points is not None and abs(points) >= SMALL_SHARE_CHANGE
    )


def compare_statements(items: Iterable[StatementInput]) -> list[StatementComparison]:
    """Compare every statement, correct the Mann-Whitney p-values by Holm and flag meaningful changes."""
    results = [compare_statement(item) for item in items]
    tested = [r for r in results if r.mann_whitney is not None]
    for result, adjusted in zip(tested, holm([r.mann_whitney.p for r in tested if r.mann_whitney]), strict=True):
        result.p_holm = adjusted
        result.significant = adjusted < ALPHA
        result.meaningful = is_meaningful(result)
    return results


# --- sentences -----------------------------------------------------------------------------
def percent(value: float) -> str:
    """``42 %`` (rounded, with a space as in Dutch house style)."""
    return f"{round(value):d} %"


def decimal(value: float, digits: int = 3) -> str:
    """A number with a Dutch decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def positive_phrase(comparison: StatementComparison) -> str:
    """Who the top-2 share counts: "het (helemaal) eens is met", or the scale's own top answers."""
    if comparison.scale in (None, "agree") or not comparison.positive_labels or not comparison.same_scale:
        return t("followup.compare.phrase.agree")
    labels = " of ".join(f"‘{label.lower()}’" for label in comparison.positive_labels)
    return t("followup.compare.phrase.labels", labels=labels)


def change_sentence(comparison: StatementComparison, phrase: str | None = None) -> str:
    """The Dutch sentence of a statement's change in top-2 share (and its test, when meaningful)."""
    share = comparison.share
    if share is None:
        return t("followup.compare.sentence.no_data", text=comparison.text)
    values = {
        "phrase": phrase or positive_phrase(comparison),
        "text": comparison.text,
        "before": percent(100 * share.p1),
        "after": percent(100 * share.p2),
        "n1": share.n1,
        "n2": share.n2,
    }
    before_pct, after_pct = round(100 * share.p1), round(100 * share.p2)
    key = "up" if after_pct > before_pct else "down" if after_pct < before_pct else "same"
    sentence = t(f"followup.compare.sentence.{key}", **values)
    if comparison.meaningful and comparison.p_holm is not None:
        sentence += " " + t("followup.compare.sentence.meaningful", p=decimal(comparison.p_holm))
    elif comparison.mann_whitney is not None:
        sentence += " " + t("followup.compare.sentence.not_meaningful")
    if not comparison.same_scale:
        sentence += " " + t("followup.compare.sentence.scale_changed")
    return sentence


# --- interview themes ----------------------------------------------------------------------
@dataclass
class ThemeFrequency:
    """How often a theme came up in one scan, normalised by its number of interviews."""

    theme: str
    fragments: int
    interviews_mentioning: int
    interviews: int

    @property
    def per_interview(self) -> float:
        return self.fragments / self.interviews if self.interviews else 0.0

    @property
    def share_of_interviews(self) -> float:
        """Share (0–100) of the interviews with at least one accepted fragment of the theme."""
        return 100.0 * self.interviews_mentioning / self.interviews if self.interviews else 0.0


def theme_frequencies(codings: Iterable[tuple[int, int, str]], interviews: int) -> dict[str, ThemeFrequency]:
    """Per theme: distinct fragments with an accepted coding, and the interviews mentioning it.

    Args:
        codings: ``(interview_id, fragment_id, theme)`` of accepted codings (duplicates allowed).
        interviews: how many interviews the scan has (the denominator).
    """
    fragments: dict[str, set[int]] = {}
    mentioning: dict[str, set[int]] = {}
    for interview_id, fragment_id, theme in codings:
        fragments.setdefault(theme, set()).add(fragment_id)
        mentioning.setdefault(theme, set()).add(interview_id)
    return {
        theme: ThemeFrequency(theme, len(fragments[theme]), len(mentioning[theme]), interviews)
        for theme in sorted(fragments)
    }


@dataclass
class ThemeChange:
    theme: str
    before: ThemeFrequency
    after: ThemeFrequency

    @property
    def change_per_interview(self) -> float:
        return self.after.per_interview - self.before.per_interview

    @property
    def change_share(self) -> float:
        return self.after.share_of_interviews - self.before.share_of_interviews


def compare_themes(
    before: dict[str, ThemeFrequency], after: dict[str, ThemeFrequency], interviews_before: int, interviews_after: int
) -> list[ThemeChange]:
    """Every theme present in either scan, with zero counts where it did not come up."""
    out = []
    for theme in sorted(set(before) | set(after)):
        out.append(ThemeChange(
            theme, before.get(theme, ThemeFrequency(theme, 0, 0, interviews_before)),
            after.get(theme, ThemeFrequency(theme, 0, 0, interviews_after)),
        ))  # fmt: skip
    return out


# --- checklist -----------------------------------------------------------------------------
CHECKLIST_ORDER = {"ontbreekt": 0, "verouderd": 1, "aanwezig": 2}
"""How far an instrument is in order; ``onbekend`` (and an empty status) has no place in it."""


@dataclass
class Transition:
    key: str
    label: str
    pillar: str
    before: str | None  # None: not on the nulmeting's checklist
    after: str | None  # None: no longer on the follow-up's checklist

    @property
    def direction(self) -> str:
        """``verbeterd``, ``verslechterd``, ``gelijk``, ``nieuw``, ``vervallen`` or ``onbekend``."""
        if self.before is None:
            return "nieuw"
        if self.after is None:
            return "vervallen"
        if self.before == self.after:
            return "gelijk"
        if self.before in CHECKLIST_ORDER and self.after in CHECKLIST_ORDER:
            return "verbeterd" if CHECKLIST_ORDER[self.after] > CHECKLIST_ORDER[self.before] else "verslechterd"
        return "onbekend"


def checklist_transitions(
    before: Iterable[tuple[str, str, str, str]], after: Iterable[tuple[str, str, str, str]]
) -> list[Transition]:
    """Match checklist items on their key; items are ``(key, pillar, label, status)``."""
    first = {key: (pillar, label, status or "onbekend") for key, pillar, label, status in before}
    second = {key: (pillar, label, status or "onbekend") for key, pillar, label, status in after}
    out = []
    for key in list(first) + [k for k in second if k not in first]:
        pillar, label, _ = second.get(key) or first[key]
        out.append(Transition(key, label, pillar, first[key][2] if key in first else None,
                              second[key][2] if key in second else None))  # fmt: skip
    return out


# --- matching statements across versions ---------------------------------------------------
def normalise_text(text: str) -> str:
    """Lower case, accents, quotes, punctuation and spacing removed: for matching only."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def similarity(first: str, second: str) -> float:
    """Mean of the word overlap (Jaccard) and the character sequence ratio of the normalised texts."""
    a, b = normalise_text(first), normalise_text(second)
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()), set(b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b)
    return (jaccard + difflib.SequenceMatcher(None, a, b).ratio()) / 2


MATCH_EXACT = "exact"
MATCH_NORMALISED = "normalised"
MATCH_SIMILAR = "similar"


@dataclass
class MatchProposal:
    """A proposed pair of statements; ``automatic`` pairs count without confirmation, similar ones never."""

    before: str  # question key in the nulmeting
    after: str  # question key in the follow-up
    kind: str  # exact | normalised | similar
    score: float
    automatic: bool = field(default=False)


def propose_matches(
    before: dict[str, str], after: dict[str, str], *, threshold: float = SIMILAR
) -> list[MatchProposal]:
    """Propose one-to-one pairs of statements (key → text) of two surveys.

    Identical and normalised-identical texts are paired automatically. Of the rest,
    pairs with a similarity of at least ``threshold`` are proposed, best first, each
    statement at most once; they count only after the analyst confirms them.
    """
    proposals: list[MatchProposal] = []
    used_before: set[str] = set()
    used_after: set[str] = set()
    by_normal: dict[str, list[str]] = {}
    for key, text in after.items():
        by_normal.setdefault(normalise_text(text), []).append(key)
    for key, text in before.items():
        exact = [k for k in after if after[k] == text and k not in used_after]
        normal = [k for k in by_normal.get(normalise_text(text), []) if k not in used_after]
        if exact or normal:
            partner = (exact or normal)[0]
            kind = MATCH_EXACT if exact else MATCH_NORMALISED
            proposals.append(MatchProposal(key, partner, kind, 1.0, automatic=True))
            used_before.add(key)
            used_after.add(partner)
    candidates = sorted(
        (
            (similarity(before[a], after[b]), a, b)
            for a in before
            if a not in used_before
            for b in after
            if b not in used_after
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for score, a, b in candidates:
        if score < threshold:
            break
        if a in used_before or b in used_after:
            continue
        proposals.append(MatchProposal(a, b, MATCH_SIMILAR, score, automatic=False))
        used_before.add(a)
        used_after.add(b)
    return proposals


def confirmed_pairs(proposals: Iterable[MatchProposal], confirmed: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs that count: automatic ones plus those the analyst confirmed (proposed or chosen by hand).

    A confirmed pair replaces any automatic pair that uses one of its statements.
    """
    chosen = list(dict.fromkeys(confirmed))
    taken_before = {a for a, _ in chosen}
    taken_after = {b for _, b in chosen}
    out = list(chosen)
    for proposal in proposals:
        if proposal.automatic and proposal.before not in taken_before and proposal.after not in taken_after:
            out.append((proposal.before, proposal.after))
    return out
