"""Small numeric helpers of the auto-coder: softmax, z-scores, temperature, ECE."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar

__all__ = [
    "context_prior", "expected_calibration_error", "fit_temperature", "group_max", "one_thread_matmul",
    "prior_correction", "softmax", "standardise",
]

_BLAS_LOCK = threading.Lock()
_BLAS: list[Any] = []  # the threadpoolctl controller, made on first use


def one_thread_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` on one BLAS thread (the plain product up to float32 rounding; bit-identical on most CPUs).

    The coder's products are small (a batch of fragments times some 70 prototypes). On the
    server's two shared cores a second BLAS thread costs more than it saves: under load, 256
    fragments took 1.1 ms (median) but 12 ms (p90) on two threads, 1.4 and 3.6 ms on one.
    """
    with _BLAS_LOCK:
        if not _BLAS:
            from threadpoolctl import ThreadpoolController

            _BLAS.append(ThreadpoolController())
        with _BLAS[0].limit(limits=1, user_api="blas"):
            return np.asarray(a @ b)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def standardise(scores: np.ndarray) -> np.ndarray:
    """Z-scores across the classes of each row; rows without spread become zeros."""
    mean = scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True)
    out = np.zeros_like(scores, dtype=np.float64)
    ok = std[:, 0] > 1e-9
    out[ok] = (scores[ok] - mean[ok]) / std[ok]
    return out


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood of ``labels`` (class indices)."""
    if len(labels) == 0:
        return 1.0

    def nll(log_t: float) -> float:
        probs = softmax(logits / np.exp(log_t))
        return float(-np.log(probs[np.arange(len(labels)), labels] + 1e-12).mean())

    result = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded")
    return float(np.exp(result.x))


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, *, bins: int = 10) -> float:
    """ECE: mean |accuracy - confidence| over equal-width confidence bins, weighted by size."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (confidence > lo) & (confidence <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)



def group_max(sims: np.ndarray, group_of: np.ndarray, n_groups: int) -> np.ndarray:
    """Row-wise maximum of ``sims`` over the columns of each group (``group_of``; -1 = none)."""
    out = np.full((len(sims), n_groups), -1.0)
    keep = np.flatnonzero(group_of >= 0)
    order = keep[np.argsort(group_of[keep], kind="stable")]
    sizes = np.bincount(group_of[order], minlength=n_groups)
    if len(sims) and n_groups and len(sizes) == n_groups and (sizes > 0).all():
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        out[:] = np.maximum.reduceat(sims[:, order], starts, axis=1)
    else:  # an empty group (or no rows): column by column, as a max over no prototypes fails loudly
        for g in range(n_groups):
            out[:, g] = sims[:, group_of == g].max(axis=1)
    return out


def prior_correction(logits: np.ndarray, keep: np.ndarray, strength: float,
                     groups: np.ndarray | None = None) -> np.ndarray:
    """Shift logits by ``-strength * log(share * K)`` of the mean probabilities over the rows in ``keep``.

    Transductive: a batch (a scan coded as a whole) where one class takes far
    more than its share is pulled back toward even shares. ``groups`` (for
    themes: the pillar of each column) applies the correction within each group.
    """
    if strength <= 0 or not keep.any():
        return logits
    out = logits.copy()
    group_of = groups if groups is not None else np.zeros(logits.shape[1], dtype=int)
    for g in np.unique(group_of):
        cols = np.flatnonzero(group_of == g)
        sub = logits[keep][:, cols]
        probs = softmax(sub)
        share = np.maximum(probs.mean(axis=0), 1e-6)
        out[:, cols] = logits[:, cols] - strength * np.log(share * len(cols))
    return out


def context_prior(logits: np.ndarray, keep: np.ndarray, groups: list[str | None], strength: float,
                  smoothing: float = 0.0, window: int | None = None) -> np.ndarray:
    """Add ``strength * log`` of the mean probabilities of the neighbouring kept rows of each row's group.

    Transductive, for the paragraphs of one studied document: a paragraph of an
    integrity code is more likely about integrity than the same words in a Bibob
    policy. The neighbours are the group's other rows within ``window`` places in
    batch order (document order; ``None``: the whole group), so the chapters of a
    long report each keep their own lean. The mean counts ``smoothing`` extra rows
    of even probabilities (a small group lends little). A row without a group, or
    without a kept neighbour, is left alone; rows not in ``keep`` (abstained) lend
    nothing but are shifted too, so an analyst who codes one anyway sees the lean.
    """
    if strength <= 0 or not logits.size:
        return logits
    probs = softmax(logits)
    members: dict[str, list[int]] = {}
    for row, group in enumerate(groups):
        if group is not None:
            members.setdefault(group, []).append(row)
    out = logits.copy()
    even = smoothing / logits.shape[1]
    for rows in members.values():
        lent = np.array([bool(keep[r]) for r in rows], dtype=float)
        # running sums over the group's rows, so each window costs O(1)
        sums = np.vstack([np.zeros(logits.shape[1]), np.cumsum(probs[rows] * lent[:, None], axis=0)])
        counts = np.concatenate([[0.0], np.cumsum(lent)])
        reach = len(rows) if window is None else int(window)
        for j, row in enumerate(rows):
            lo, hi = max(0, j - reach), min(len(rows), j + reach + 1)
            total = sums[hi] - sums[lo] - probs[row] * lent[j]
            count = counts[hi] - counts[lo] - lent[j]
            if count <= 0:
                continue
            out[row] = logits[row] + strength * np.log(np.maximum((total + even) / (count + smoothing), 1e-6))
    return out
