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
