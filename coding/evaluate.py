"""Evaluation of the auto-coder on labelled sentences (JSON lines).

A gold file has one ``{"text": str, "pillar": "BEW|INF|BEL|INT|COM"}`` per
line, optionally ``"themes": [...]``. Learning from labelled examples goes
through the same path as analysts' decisions: every example becomes an
``accept`` :class:`~coding.coder.DecisionExample`. Texts that are both learned
from and evaluated on are never allowed.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coding.codebook import PILLAR_CODES, Codebook
from coding.coder import (
    AutoCoder,
    CoderConfig,
    DecisionExample,
    Prediction,
    expected_calibration_error,
)
from coding.embedders import EmbeddingCache, MemoryEmbeddingCache

log = logging.getLogger(__name__)


class OverlapError(ValueError):
    """Training and gold data share texts."""


@dataclass(frozen=True)
class GoldItem:
    """A labelled sentence."""

    text: str
    pillar: str
    themes: tuple[str, ...] = ()


@dataclass
class EvalResult:
    """Scores on the primary pillar (and themes when the gold has them)."""

    n: int
    macro_f1: float
    accuracy: float
    per_pillar: dict[str, dict[str, float]]
    seconds: float
    ece: float
    theme_micro_f1: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The machine-readable summary (required keys first)."""
        out: dict[str, Any] = {
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "per_pillar": {
                p: {k: round(v, 4) for k, v in scores.items()} for p, scores in self.per_pillar.items()
            },
            "seconds": round(self.seconds, 3),
        }
        if self.theme_micro_f1 is not None:
            out["theme_micro_f1"] = round(self.theme_micro_f1, 4)
        out["ece"] = round(self.ece, 4)
        out.update(self.extra)
        return out


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a JSON-lines gold file; blank lines are skipped.

    Raises:
        ValueError: On a line without ``text`` or with an unknown pillar.
    """
    items: list[GoldItem] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        raw = json.loads(line)
        text = str(raw.get("text") or "").strip()
        pillar = str(raw.get("pillar") or "").strip().upper()
        if not text or pillar not in PILLAR_CODES:
            raise ValueError(f"{path}:{number}: needs 'text' and a 'pillar' in {', '.join(PILLAR_CODES)}")
        themes = tuple(str(t) for t in raw.get("themes") or [])
        items.append(GoldItem(text, pillar, themes))
    return items


def to_decisions(items: Sequence[GoldItem]) -> list[DecisionExample]:
    """Labelled examples as ``accept`` decisions (pillar, and each theme)."""
    decisions: list[DecisionExample] = []
    for item in items:
        decisions.append(DecisionExample(item.text, item.pillar, "accept"))
        decisions.extend(DecisionExample(item.text, theme, "accept") for theme in item.themes)
    return decisions


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def check_overlap(train: Sequence[GoldItem], gold: Sequence[GoldItem], *, drop: bool) -> list[GoldItem]:
    """Return ``train`` without texts that are also in ``gold``.

    Raises:
        OverlapError: When they share texts and ``drop`` is false.
    """
    gold_keys = {_key(g.text) for g in gold}
    kept = [t for t in train if _key(t.text) not in gold_keys]
    dropped = len(train) - len(kept)
    if dropped:
        if not drop:
            raise OverlapError(
                f"{dropped} training text(s) also occur in the gold file; refusing to evaluate on data "
                "the coder learned from (use --drop-overlap to leave them out of training)"
            )
        log.warning("Dropped %d training text(s) that also occur in the gold file", dropped)
    return kept


def score(gold: Sequence[GoldItem], predictions: Sequence[Prediction], *, seconds: float) -> EvalResult:
    """Precision, recall and F1 per pillar, macro-F1, accuracy, ECE and theme micro-F1."""
    y_true = [g.pillar for g in gold]
    y_pred = [p.primary_pillar for p in predictions]
    per_pillar: dict[str, dict[str, float]] = {}
    confusion = {p: {q: 0 for q in PILLAR_CODES} for p in PILLAR_CODES}
    for t, p in zip(y_true, y_pred, strict=True):
        confusion[t][p] += 1
    for pillar in PILLAR_CODES:
        tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == pillar and p == pillar)
        n_pred = sum(1 for p in y_pred if p == pillar)
        n_true = sum(1 for t in y_true if t == pillar)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_pillar[pillar] = {"precision": precision, "recall": recall, "f1": f1}
    present = [p for p in PILLAR_CODES if any(t == p for t in y_true)]
    macro = float(np.mean([per_pillar[p]["f1"] for p in present])) if present else 0.0
    correct = np.array([t == p for t, p in zip(y_true, y_pred, strict=True)])
    accuracy = float(correct.mean()) if len(correct) else 0.0
    ece = expected_calibration_error(np.array([p.confidence for p in predictions]), correct)
    theme_f1: float | None = None
    if any(g.themes for g in gold):
        tp = fp = fn = 0
        for item, prediction in zip(gold, predictions, strict=True):
            if not item.themes:
                continue
            truth, guessed = set(item.themes), set(prediction.themes)
            tp += len(truth & guessed)
            fp += len(guessed - truth)
            fn += len(truth - guessed)
        theme_f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return EvalResult(
        n=len(gold),
        macro_f1=macro,
        accuracy=accuracy,
        per_pillar=per_pillar,
        seconds=seconds,
        ece=ece,
        theme_micro_f1=theme_f1,
        confusion=confusion,
    )


def evaluate(
    gold: Sequence[GoldItem],
    *,
    codebook: Codebook,
    train: Sequence[GoldItem] = (),
    config: CoderConfig | None = None,
    folds: int | None = None,
    cache: EmbeddingCache | None = None,
    drop_overlap: bool = False,
    seed: int = 0,
) -> EvalResult:
    """Code ``gold`` and score it.

    Args:
        gold: Labelled sentences to evaluate on.
        codebook: The codebook (the only knowledge source zero-shot).
        train: Labelled sentences to learn from first (as ``accept`` decisions).
        config: Coder settings.
        folds: If set, K-fold cross-validation that also learns from the other
            folds of ``gold`` (stratified by pillar, fixed ``seed``).
        cache: Embedding cache shared across folds.
        drop_overlap: Leave shared texts out of ``train`` instead of refusing.
        seed: Seed of the fold assignment.

    Raises:
        OverlapError: If ``train`` and ``gold`` share texts and ``drop_overlap`` is false.
    """
    config = config or CoderConfig()
    cache = cache if cache is not None else MemoryEmbeddingCache()
    train = check_overlap(train, gold, drop=drop_overlap)
    started = time.perf_counter()
    coder = AutoCoder(codebook, config=config, cache=cache)
    extra: dict[str, Any] = {"embedder": coder.embedder.name, "signals": list(config.signals)}
    if not folds or folds < 2:
        if train:
            coder.set_learner(coder.train(to_decisions(train)))
            extra["trained_on"] = len(train)
        predictions = coder.predict([g.text for g in gold])
        extra["temperature"] = round(coder.temperature, 4)
    else:
        rng = np.random.default_rng(seed)
        assignment = np.zeros(len(gold), dtype=int)
        for pillar in PILLAR_CODES:
            rows = [i for i, g in enumerate(gold) if g.pillar == pillar]
            rng.shuffle(rows)
            for position, row in enumerate(rows):
                assignment[row] = position % folds
        slots: list[Prediction | None] = [None] * len(gold)
        for fold in range(folds):
            held = [i for i in range(len(gold)) if assignment[i] == fold]
            learn = [gold[i] for i in range(len(gold)) if assignment[i] != fold]
            coder.set_learner(coder.train(to_decisions([*train, *learn])))
            for i, prediction in zip(held, coder.predict([gold[i].text for i in held]), strict=True):
                slots[i] = prediction
        predictions = [p for p in slots if p is not None]
        extra["folds"] = folds
    _ = [g.text for g in gold]
    result = score(gold, predictions, seconds=time.perf_counter() - started)
    result.extra = extra
    return result


def format_table(result: EvalResult) -> str:
    """A readable per-pillar table with the confusion matrix."""
    lines = [f"{'pillar':<8}{'precision':>10}{'recall':>10}{'f1':>8}{'n':>6}   confusion (rows gold, cols predicted)"]
    header = "".join(f"{p:>5}" for p in PILLAR_CODES)
    lines[0] += "\n" + " " * 42 + header
    for pillar, scores in result.per_pillar.items():
        n_true = sum(result.confusion.get(pillar, {}).values())
        row = "".join(f"{result.confusion.get(pillar, {}).get(q, 0):>5}" for q in PILLAR_CODES)
        lines.append(
            f"{pillar:<8}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>8.3f}{n_true:>6}   {row}"
        )
    lines.append(f"macro-F1 {result.macro_f1:.3f}  accuracy {result.accuracy:.3f}  ECE {result.ece:.3f}  n {result.n}")
    if result.theme_micro_f1 is not None:
        lines.append(f"theme micro-F1 {result.theme_micro_f1:.3f}")
    lines.append(f"{result.seconds:.2f} s")
    return "\n".join(lines)
