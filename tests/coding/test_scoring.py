from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.parametrize("rows", [1, 3, 256, 900])
def test_one_thread_matmul_gives_the_plain_product_up_to_rounding_and_restores_the_threads(rows: int) -> None:
    from threadpoolctl import threadpool_info

    from coding.scoring import one_thread_matmul

    rng = np.random.default_rng(rows)
    a = rng.standard_normal((rows, 4096)).astype(np.float32)
    b = rng.standard_normal((70, 4096)).astype(np.float32).T
    before = [(i["filepath"], i["num_threads"]) for i in threadpool_info()]
    # Bit-identical on some CPUs, not on all (OpenBLAS may split the sums per thread
    # on others): what must hold is float32 rounding, far below any score difference.
    np.testing.assert_allclose(one_thread_matmul(a, b), a @ b, rtol=0, atol=1e-5 * float(np.abs(a @ b).max()) + 1e-6)
    assert [(i["filepath"], i["num_threads"]) for i in threadpool_info()] == before


def test_group_max_takes_the_best_column_of_each_group() -> None:
    from coding.scoring import group_max

    sims = np.array([[0.1, 0.5, 0.3, 0.9], [0.4, 0.2, 0.8, 0.0]])
    assert group_max(sims, np.array([0, 0, 1, -1]), 2).tolist() == [[0.5, 0.3], [0.4, 0.8]]


def test_context_prior_leans_a_paragraph_toward_the_rest_of_its_document() -> None:
    from coding.scoring import context_prior, softmax

    even = [0.0, 0.0, 0.0]
    logits = np.array([even, [3.0, 0.0, 0.0], [3.0, 0.0, 0.0], even, [0.0, 0.0, 5.0]])
    keep = np.array([True, True, True, True, False])
    groups: list[str | None] = ["policy", "policy", "policy", None, "policy"]
    probs = softmax(context_prior(logits, keep, groups, 1.0))
    assert probs[0].argmax() == 0 and probs[0, 0] > 0.8  # its two neighbours are about class 0
    assert np.allclose(probs[3], 1 / 3)  # no document: left alone
    # the abstained row lends nothing to the others (class 2 would pull row 0 otherwise) ...
    assert probs[0, 2] < probs[0, 1] + 1e-9
    # ... but is leaned too, so an analyst who codes it anyway sees its document's lean
    assert softmax(logits)[4, 0] < probs[4, 0]
    assert np.array_equal(context_prior(logits, keep, groups, 0.0), logits)


def test_context_prior_smoothing_lets_one_neighbour_decide_less() -> None:
    from coding.scoring import context_prior, softmax

    logits = np.array([[0.0, 0.0], [4.0, 0.0]])
    keep = np.array([True, True])
    sharp = softmax(context_prior(logits, keep, ["a", "a"], 1.0))[0, 0]
    smooth = softmax(context_prior(logits, keep, ["a", "a"], 1.0, smoothing=1.0))[0, 0]
    assert 0.5 < smooth < sharp
    # a document of one paragraph has no neighbour: unchanged
    alone = context_prior(logits, keep, ["a", "b"], 1.0, smoothing=1.0)
    assert np.array_equal(alone, logits)


def test_context_prior_window_keeps_each_chapter_of_a_long_report_its_own_lean() -> None:
    from coding.scoring import context_prior, softmax

    # a report of two chapters (ten paragraphs about class 0, then ten about class 1) and one
    # undecided paragraph early in the first chapter
    logits = np.array([[3.0, 0.0]] * 10 + [[0.0, 3.0]] * 10)
    logits[2] = [0.0, 0.0]
    keep = np.ones(20, dtype=bool)
    groups: list[str | None] = ["report"] * 20
    local = softmax(context_prior(logits, keep, groups, 1.0, window=5))[2]
    whole = softmax(context_prior(logits, keep, groups, 1.0))[2]
    assert local[0] > 0.85  # its own chapter
    assert abs(whole[0] - 0.5) < 0.1  # the report as a whole has no lean
