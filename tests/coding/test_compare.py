"""coding/compare.py: the statistics against hand-computed and published values, and against scipy/statsmodels."""

from __future__ import annotations

import pytest
from scipy.stats import chi2_contingency, mannwhitneyu
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from coding import compare as c


def test_compare_distribution_percentages_of_n():
    table = c.distribution(["oneens", "neutraal", "eens"], [1, 1, 2])
    assert table.n == 4
    assert table.percentages == [25.0, 25.0, 50.0]


def test_compare_wilson_hand_computed_zero_successes():
    # x = 0: lower 0, upper z²/(n + z²) = 3.8415 / 13.8415
    lower, upper = c.wilson(0, 10)
    assert lower == 0.0
    assert upper == pytest.approx(c.Z95**2 / (10 + c.Z95**2), abs=1e-12)
    assert upper == pytest.approx(0.2775, abs=1e-4)


@pytest.mark.parametrize(("x", "n"), [(0, 10), (3, 10), (56, 70), (81, 263), (10, 10)])
def test_compare_wilson_matches_statsmodels(x, n):
    expected = proportion_confint(x, n, method="wilson")
    assert c.wilson(x, n) == pytest.approx(expected, abs=1e-10)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "published"),
    [
        # Newcombe (1998), Stat Med 17:873-890, table II, method 10: 56/70 - 48/80 and 9/10 - 3/10
        (48, 80, 56, 70, (0.0524, 0.3339)),
        (3, 10, 9, 10, (0.1705, 0.8090)),
    ],
)
def test_compare_newcombe_published_values(x1, n1, x2, n2, published):
    change = c.difference_of_proportions(x1, n1, x2, n2)
    assert change.difference == pytest.approx(x2 / n2 - x1 / n1)
    assert change.newcombe == pytest.approx(published, abs=5e-5)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2"), [(61, 146, 81, 133), (5, 40, 0, 35), (30, 30, 12, 25)])
def test_compare_newcombe_and_wald_match_statsmodels(x1, n1, x2, n2):
    change = c.difference_of_proportions(x1, n1, x2, n2)
    newcombe = confint_proportions_2indep(x2, n2, x1, n1, method="newcomb", compare="diff")
    wald = confint_proportions_2indep(x2, n2, x1, n1, method="wald", compare="diff")
    assert change.newcombe == pytest.approx(newcombe, abs=1e-10)
    assert change.wald == pytest.approx(wald, abs=1e-10)


def test_compare_mann_whitney_hand_computed():
    # nulmeting answers 1, 2; follow-up 2, 2: pairs (2>1) twice, (2=2) twice -> U = 2 + 2*0.5 = 3, delta = 0.5
    result = c.mann_whitney([1, 1], [0, 2])
    assert result.u == 3.0
    assert result.delta == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([10, 25, 30, 40, 41], [5, 10, 37, 50, 31]),
        ([3, 2, 0, 1, 0], [0, 1, 2, 2, 4]),
        ([50, 0, 0, 0, 1], [49, 0, 0, 0, 3]),
    ],
)
def test_compare_mann_whitney_matches_scipy(before, after):
    xs = [i for i, count in enumerate(before) for _ in range(count)]
    ys = [i for i, count in enumerate(after) for _ in range(count)]
    expected = mannwhitneyu(ys, xs, alternative="two-sided", method="asymptotic", use_continuity=True)
    result = c.mann_whitney(before, after)
    assert result.u == pytest.approx(expected.statistic)
    assert result.p == pytest.approx(expected.pvalue, rel=1e-9)
    # Cliff's delta directly from the pairs
    greater = sum(1 for y in ys for x in xs if y > x)
    smaller = sum(1 for y in ys for x in xs if y < x)
    assert result.delta == pytest.approx((greater - smaller) / (len(xs) * len(ys)))


def test_compare_chi_square_hand_computed():
    # expected 15 in every cell: chi² = 4 * 25/15 = 6.667, df 1, V = sqrt(6.667/60) = 1/3
    result = c.chi_square([10, 20], [20, 10])
    assert result.statistic == pytest.approx(20 / 3)
    assert result.df == 1
    assert result.cramers_v == pytest.approx(1 / 3)
    assert not result.warning


def test_compare_chi_square_matches_scipy_and_warns_on_small_expected():
    before, after = [4, 10, 30, 2, 0], [1, 12, 25, 9, 0]
    result = c.chi_square(before, after)
    statistic, p, df, expected = chi2_contingency([[4, 1], [10, 12], [30, 25], [2, 9]], correction=False)
    assert result.statistic == pytest.approx(statistic)
    assert result.p == pytest.approx(p)
    assert result.df == df == 3  # the category nobody chose is left out
    assert result.small_expected == int((expected < 5).sum()) > 0
    assert result.warning


def test_compare_holm_hand_computed_and_statsmodels():
    p = [0.01, 0.04, 0.03]
    assert c.holm(p) == pytest.approx([0.03, 0.06, 0.06])
    assert c.holm(p) == pytest.approx(list(multipletests(p, method="holm")[1]))


def _statement(key, before, after, positive=(3, 4)):
    labels = ["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"]
    return c.StatementInput(key, f"Stelling {key}", labels, list(before), list(after), list(positive))


def test_compare_large_sample_tiny_change_is_significant_but_not_flagged():
    # 5,000 per scan, 3 points more "eens": p < 0.05 but delta 0.03 and change 3 points
    result = c.compare_statements([_statement("a", [0, 2500, 0, 2500, 0], [0, 2350, 0, 2650, 0])])[0]
    assert result.significant
    assert abs(result.mann_whitney.delta) < c.SMALL_DELTA
    assert abs(result.change_points) < c.SMALL_SHARE_CHANGE
    assert not result.meaningful


def test_compare_big_change_in_small_sample_not_flagged_and_holm_applied():
    items = [
        _statement("klein", [3, 2, 0, 1, 0], [1, 1, 1, 2, 1]),
        _statement("groot", [20, 30, 40, 40, 16], [5, 10, 30, 60, 28]),
    ]
    results = c.compare_statements(items)
    raw = [r.mann_whitney.p for r in results]
    assert [r.p_holm for r in results] == pytest.approx(c.holm(raw))
    small, big = results
    assert not small.meaningful
    assert big.meaningful and big.change_points > 5


def test_compare_changed_scale_gives_share_only():
    item = _statement("x", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    item.same_scale = False
    result = c.compare_statements([item])[0]
    assert result.share is not None and result.mann_whitney is None and result.p_holm is None
    assert not result.meaningful


def test_compare_sentence_in_dutch():
    # 61/146 = 41.8 % -> 42 %, 81/133 = 60.9 % -> 61 %
    item = c.StatementInput("s", "Ik weet waar ik signalen kan melden", ["oneens", "eens"], [85, 61], [52, 81], [1])
    result = c.compare_statements([item])[0]
    sentence = c.change_sentence(result)
    assert sentence.startswith(
        "Het aandeel dat het (helemaal) eens is met de stelling ‘Ik weet waar ik signalen kan melden’ "
        "steeg van 42 % (n=146) naar 61 % (n=133)."
    )
    assert result.meaningful and "betekenisvolle verandering" in sentence


def test_compare_sentence_down_and_not_meaningful():
    item = c.StatementInput("s", "Stelling", ["oneens", "eens"], [5, 5], [6, 4], [1])
    sentence = c.change_sentence(c.compare_statements([item])[0])
    assert "daalde van 50 % (n=10) naar 40 % (n=10)" in sentence
    assert "niet betekenisvol" in sentence


def test_compare_theme_frequencies_normalised_by_interviews():
    codings = [(1, 10, "BEW.x"), (1, 10, "BEW.x"), (1, 11, "BEW.x"), (2, 20, "BEW.x"), (2, 21, "INT.y")]
    freq = c.theme_frequencies(codings, interviews=4)
    assert freq["BEW.x"].fragments == 3  # fragment 10 counted once
    assert freq["BEW.x"].per_interview == 0.75
    assert freq["BEW.x"].share_of_interviews == 50.0
    changes = c.compare_themes(freq, c.theme_frequencies([(7, 70, "INT.y")], 2), 4, 2)
    by_theme = {change.theme: change for change in changes}
    assert by_theme["BEW.x"].after.fragments == 0
    assert by_theme["INT.y"].change_per_interview == pytest.approx(0.5 - 0.25)


def test_compare_checklist_transitions():
    before = [("a", "BEW", "visie", "ontbreekt"), ("b", "INT", "meldregeling", "aanwezig"), ("c", "INF", "bio", "")]
    after = [
        ("a", "BEW", "visie", "aanwezig"),
        ("b", "INT", "meldregeling", "verouderd"),
        ("d", "COM", "plan", "aanwezig"),
    ]
    moves = {m.key: m.direction for m in c.checklist_transitions(before, after)}
    assert moves == {"a": "verbeterd", "b": "verslechterd", "c": "vervallen", "d": "nieuw"}


def test_compare_matching_exact_normalised_and_similar_never_silent():
    before = {
        "q1": "Ik weet waar ik signalen van ondermijning kan melden.",
        "q2": "Mijn leidinggevende bespreekt integriteit regelmatig",
        "q3": "Ik voel me veilig om een melding te doen",
        "q4": "De organisatie heeft een actueel beleid",
    }
    after = {
        "n1": "Ik weet waar ik signalen van ondermijning kan melden.",
        "n2": "mijn leidinggevende bespreekt integriteit regelmatig!",
        "n3": "Ik voel me veilig genoeg om een melding te maken",
        "n4": "Hoe vaak heeft u contact met de politie?",
    }
    proposals = {p.before: p for p in c.propose_matches(before, after)}
    assert proposals["q1"].kind == c.MATCH_EXACT and proposals["q1"].automatic
    assert proposals["q2"].kind == c.MATCH_NORMALISED and proposals["q2"].automatic
    assert proposals["q3"].kind == c.MATCH_SIMILAR and proposals["q3"].after == "n3"
    assert not proposals["q3"].automatic
    assert "q4" not in proposals  # unrelated text is not proposed at all
    pairs = c.confirmed_pairs(proposals.values(), [])
    assert sorted(pairs) == [("q1", "n1"), ("q2", "n2")]  # the reworded statement does not count unconfirmed
    assert ("q3", "n3") in c.confirmed_pairs(proposals.values(), [("q3", "n3")])


def test_compare_confirmed_pair_overrides_automatic():
    proposals = c.propose_matches({"a": "Tekst", "b": "Andere tekst"}, {"x": "Tekst"})
    pairs = c.confirmed_pairs(proposals, [("b", "x")])
    assert pairs == [("b", "x")]
