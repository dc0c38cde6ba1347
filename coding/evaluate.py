"""Evaluation of the auto-coder on labelled sentences (JSON lines).

A gold file has one ``{"text": str, "pillar": "BEW|INF|BEL|INT|COM" | null}``
per line, optionally ``"themes": [...]``; ``null`` means the fragment should
get no code. A line with a ``doc_kind`` (``other_orgs.jsonl``) is a passage of a
document and is coded as document text (furniture rules apply, see
:mod:`coding.furniture`); lines without one are coded as document text when the
file reads as written rather than spoken (:mod:`coding.register`);
``source`` in :func:`evaluate` overrides both. Macro-F1 is over the five pillars on the items that have one, an
abstention on such an item counting as wrong; with ``null`` items the result
also has ``abstain`` (recall on the null items, false-abstain rate on the rest).

Learning from labelled examples goes through the same path as analysts'
decisions: every example becomes an ``accept`` :class:`~coding.coder.DecisionExample`
(a null item an ``irrelevant`` one); examples from ``--train`` count as
decisions of another scan. Texts that are both learned from and evaluated on
are never allowed; near-duplicates (same normalised text, or character-3-gram
Jaccard >= 0.8) are kept in one fold, and the codebook is checked for runs of
8 or more words shared with the gold file (a warning names them).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from coding.codebook import PILLAR_CODES, Codebook
from coding.coder import (
    AutoCoder,
    CoderConfig,
    DecisionExample,
    FragmentInput,
    Prediction,
    expected_calibration_error,
)
from coding.embedders import EmbeddingCache, MemoryEmbeddingCache
from coding.register import guess_written

log = logging.getLogger(__name__)


class OverlapError(ValueError):
    """Training and gold data share texts."""


@dataclass(frozen=True)
class GoldItem:
    """A labelled sentence."""

    text: str
    pillar: str | None
    themes: tuple[str, ...] = ()
    document: bool | None = None  # a document passage (the gold line has a doc_kind); None: not known
    group: str | None = None  # the document it comes from (the gold line's ``source``), for the document context


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
        value = raw.get("pillar")
        pillar = None if value is None else str(value).strip().upper()
        if not text or (pillar is not None and pillar not in PILLAR_CODES):
            raise ValueError(f"{path}:{number}: needs 'text' and a 'pillar' in {', '.join(PILLAR_CODES)} or null")
        themes = tuple(str(t) for t in raw.get("themes") or [])
        group = str(raw["source"]) if raw.get("source") else None
        items.append(GoldItem(text, pillar, themes, document=True if raw.get("doc_kind") else None, group=group))
    return items


def to_decisions(items: Sequence[GoldItem], *, own_scan: bool = True) -> list[DecisionExample]:
    """Labelled examples as decisions: ``accept`` (pillar, and each theme), ``irrelevant`` for null items."""
    decisions: list[DecisionExample] = []
    for item in items:
        if item.pillar is None:
            decisions.append(DecisionExample(item.text, "", "irrelevant", own_scan=own_scan))
            continue
        decisions.append(DecisionExample(item.text, item.pillar, "accept", own_scan=own_scan))
        decisions.extend(DecisionExample(item.text, theme, "accept", own_scan=own_scan) for theme in item.themes)
    return decisions


SOURCES: tuple[str, ...] = ("auto", "speech", "document")


def resolve_sources(items: Sequence[GoldItem]) -> list[GoldItem]:
    """Items whose source is not known get one: document text if they read as written
    (:func:`coding.register.guess_written`, judged over all such items at once)."""
    unknown = [i for i, item in enumerate(items) if item.document is None]
    out = list(items)
    for i, written in zip(unknown, guess_written([items[i].text for i in unknown]), strict=True):
        out[i] = replace(items[i], document=written)
    return out


def inputs(items: Sequence[GoldItem], source: str = "auto") -> list[FragmentInput]:
    """Gold items as coder input: document text when the item is a document passage (``auto``) or always/never.

    ``auto`` takes an unknown source as speech; :func:`evaluate` resolves unknown sources first.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}")
    documents = [bool(item.document) if source == "auto" else source == "document" for item in items]
    return [FragmentInput(item.text, source="document" if d else "speech", group=item.group if d else None)
            for item, d in zip(items, documents, strict=True)]


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
    """Per-pillar precision/recall/F1, macro-F1, accuracy, ECE, theme micro-F1 and abstention.

    Only items with a pillar enter macro-F1, accuracy and ECE; an abstention
    on such an item counts as a wrong answer (``-`` in the confusion matrix).
    """
    pairs = [(g, p) for g, p in zip(gold, predictions, strict=True) if g.pillar is not None]
    y_true = [g.pillar for g, _ in pairs]
    y_pred = [None if p.abstained else p.primary_pillar for _, p in pairs]
    per_pillar: dict[str, dict[str, float]] = {}
    confusion = {p: {q: 0 for q in (*PILLAR_CODES, "-")} for p in PILLAR_CODES}
    for t, p in zip(y_true, y_pred, strict=True):
        confusion[str(t)][p or "-"] += 1
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
    ece = expected_calibration_error(np.array([p.confidence for _, p in pairs]), correct)
    theme_f1: float | None = None
    if any(g.themes for g, _ in pairs):
        tp = fp = fn = 0
        for item, prediction in pairs:
            if not item.themes:
                continue
            truth, guessed = set(item.themes), set() if prediction.abstained else set(prediction.themes)
            tp += len(truth & guessed)
            fp += len(guessed - truth)
            fn += len(truth - guessed)
        theme_f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    extra: dict[str, Any] = {}
    nulls = [p for g, p in zip(gold, predictions, strict=True) if g.pillar is None]
    if nulls:
        extra["abstain"] = {
            "n": len(nulls),
            "recall": round(sum(p.abstained for p in nulls) / len(nulls), 4),
            "false_abstain_rate": round(sum(p.abstained for _, p in pairs) / len(pairs), 4) if pairs else 0.0,
        }
    return EvalResult(
        n=len(pairs),
        macro_f1=macro,
        accuracy=accuracy,
        per_pillar=per_pillar,
        seconds=seconds,
        ece=ece,
        theme_micro_f1=theme_f1,
        extra=extra,
        confusion=confusion,
    )


# --- leakage checks ---------------------------------------------------------------
_RUN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _run_words(text: str) -> list[str]:
    return [w.casefold() for w in _RUN_WORD.findall(text)]


def codebook_strings(raw: Any) -> list[str]:
    """Every string inside a codebook mapping (names, definitions, examples, keywords)."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        return [s for value in raw.values() for s in codebook_strings(value)]
    if isinstance(raw, list | tuple):
        return [s for value in raw for s in codebook_strings(value)]
    return []


def shared_runs(codebook_texts: Sequence[str], gold: Sequence[GoldItem], *, min_words: int = 8) -> list[tuple[int, str]]:
    """Runs of at least ``min_words`` consecutive words that a gold text shares with the codebook.

    Returns ``(gold line number, run)`` pairs (line numbers from 1), longest run per stretch.
    """
    grams: set[tuple[str, ...]] = set()
    for text in codebook_texts:
        words = _run_words(text)
        grams.update(tuple(words[i : i + min_words]) for i in range(len(words) - min_words + 1))
    found: list[tuple[int, str]] = []
    for number, item in enumerate(gold, start=1):
        words = _run_words(item.text)
        hits = [i for i in range(len(words) - min_words + 1) if tuple(words[i : i + min_words]) in grams]
        start = None
        for position, i in enumerate(hits):
            if start is None:
                start = i
            if position + 1 == len(hits) or hits[position + 1] != i + 1:
                found.append((number, " ".join(words[start : i + min_words])))
                start = None
    return found


def _trigrams(text: str) -> set[str]:
    key = _key(text)
    return {key[i : i + 3] for i in range(max(len(key) - 2, 1))}


def near_duplicate_groups(texts: Sequence[str], *, jaccard: float = 0.8) -> list[int]:
    """A group id per text: equal normalised texts and character-3-gram Jaccard >= ``jaccard`` share one."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_trigrams(t) for t in texts]
    sizes = [len(g) for g in grams]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            small, large = sorted((sizes[i], sizes[j]))
            if not large or small / large < jaccard:
                continue  # Jaccard cannot reach the bar
            inter = len(grams[i] & grams[j])
            if inter / (sizes[i] + sizes[j] - inter) >= jaccard:
                parent[find(i)] = find(j)
    roots = [find(i) for i in range(len(texts))]
    ids = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [ids[r] for r in roots]


def assign_folds(gold: Sequence[GoldItem], folds: int, *, seed: int) -> np.ndarray:
    """Fold per item, stratified by label, near-duplicates in the same fold."""
    groups = near_duplicate_groups([g.text for g in gold])
    label_of: dict[int, str] = {}
    for item, group in zip(gold, groups, strict=True):
        label_of.setdefault(group, item.pillar or "-")
    rng = np.random.default_rng(seed)
    fold_of: dict[int, int] = {}
    for label in (*PILLAR_CODES, "-"):
        members = [g for g, lab in label_of.items() if lab == label]
        rng.shuffle(members)
        for position, group in enumerate(members):
            fold_of[group] = position % folds
    return np.array([fold_of[g] for g in groups], dtype=int)


def _curve_sample(gold: Sequence[GoldItem], n: int, rng: np.random.Generator) -> list[int]:
    """``n`` item indices drawn stratified by label (proportional, at least one per label where possible)."""
    by_label: dict[str, list[int]] = {}
    for i, item in enumerate(gold):
        by_label.setdefault(item.pillar or "-", []).append(i)
    n = min(n, len(gold) - 1)
    labels = sorted(by_label)
    quota = {lab: max(1, int(round(n * len(by_label[lab]) / len(gold)))) for lab in labels}
    while sum(quota.values()) > n:
        largest = max(labels, key=lambda lab: quota[lab])
        quota[largest] -= 1
    chosen: list[int] = []
    for lab in labels:
        rows = list(by_label[lab])
        rng.shuffle(rows)
        chosen.extend(rows[: quota[lab]])
    rest = [i for i in range(len(gold)) if i not in set(chosen)]
    rng.shuffle(rest)
    chosen.extend(rest[: n - len(chosen)])
    return chosen


def curve_runs(
    gold: Sequence[GoldItem],
    n: int,
    *,
    coder: AutoCoder,
    train: Sequence[GoldItem] = (),
    repeats: int = 5,
    source: str = "auto",
) -> Iterator[tuple[EvalResult, EvalResult]]:
    """Per seeded repeat, the scores of the codebook alone and after learning from ``n`` gold items.

    The ``n`` items become the scan's own decisions (plus ``train`` as other-scan
    decisions); both score the rest, without the near-duplicates of learned items.
    The coder is left without a learner.
    """
    groups = near_duplicate_groups([g.text for g in gold])
    try:
        for repeat in range(repeats):
            chosen = _curve_sample(gold, n, np.random.default_rng(1000 + 17 * repeat + n))
            learned_groups = {groups[i] for i in chosen}
            rest = [gold[i] for i in range(len(gold)) if groups[i] not in learned_groups]
            coder.set_learner(None)
            zero_shot = score(rest, coder.predict(inputs(rest, source)), seconds=0.0)
            coder.set_learner(coder.train([*to_decisions(train, own_scan=False),
                                           *to_decisions([gold[i] for i in chosen])]))
            yield zero_shot, score(rest, coder.predict(inputs(rest, source)), seconds=0.0)
    finally:
        coder.set_learner(None)


def learning_curve(
    gold: Sequence[GoldItem],
    sizes: Sequence[int],
    *,
    coder: AutoCoder,
    train: Sequence[GoldItem] = (),
    repeats: int = 5,
    source: str = "auto",
) -> dict[str, dict[str, float]]:
    """Macro-F1 (mean and sd over ``repeats`` fixed seeds) after learning from ``n`` gold items
    (:func:`curve_runs`). ``zero_shot`` is the mean macro-F1 of the codebook alone on the same
    held-out items (the fair comparison: the held-out items differ per ``n``).
    """
    out: dict[str, dict[str, float]] = {}
    for n in sizes:
        runs = list(curve_runs(gold, n, coder=coder, train=train, repeats=repeats, source=source))
        scores = [learned.macro_f1 for _, learned in runs]
        out[str(n)] = {"macro_f1": round(float(np.mean(scores)), 4), "sd": round(float(np.std(scores, ddof=1)), 4)
                       if len(scores) > 1 else 0.0,
                       "zero_shot": round(float(np.mean([zero.macro_f1 for zero, _ in runs])), 4)}
    return out


def evaluate(
    gold: Sequence[GoldItem],
    *,
    codebook: Codebook,
    train: Sequence[GoldItem] = (),
    config: CoderConfig | None = None,
    folds: int | None = None,
    curve: Sequence[int] = (),
    cache: EmbeddingCache | None = None,
    drop_overlap: bool = False,
    seed: int = 0,
    codebook_texts: Sequence[str] | None = None,
    source: str = "auto",
) -> EvalResult:
    """Code ``gold`` and score it.

    Args:
        gold: Labelled sentences to evaluate on (``pillar`` ``None`` = no code expected).
        codebook: The codebook (the only knowledge source zero-shot).
        train: Labelled sentences to learn from first, as decisions of another scan.
        config: Coder settings.
        folds: If set, K-fold cross-validation that also learns from the other
            folds of ``gold`` (stratified by label, near-duplicates kept together, fixed ``seed``);
            ``folds_zero_shot`` is the codebook alone on the same fold batches.
        curve: Learning-curve sizes (see :func:`learning_curve`), added as ``curve``.
        cache: Embedding cache shared across folds.
        drop_overlap: Leave shared texts out of ``train`` instead of refusing.
        seed: Seed of the fold assignment.
        codebook_texts: Codebook strings to check for shared 8-word runs
            (default: every string of ``codebook``).
        source: ``auto`` (document passages, i.e. gold lines with a ``doc_kind``, and
            lines without one in a file that reads as written, are coded as document
            text), ``speech`` or ``document`` (all items).

    Raises:
        OverlapError: If ``train`` and ``gold`` share texts and ``drop_overlap`` is false.
    """
    config = config or CoderConfig()
    cache = cache if cache is not None else MemoryEmbeddingCache()
    train = check_overlap(train, gold, drop=drop_overlap)
    gold = resolve_sources(gold)
    texts = codebook_strings(codebook.to_dict()) if codebook_texts is None else list(codebook_texts)
    runs = shared_runs(texts, gold)
    for number, run in runs:
        log.warning("The codebook shares a run of %d words with gold line %d: %r", len(run.split()), number, run)
    started = time.perf_counter()
    coder = AutoCoder(codebook, config=config, cache=cache)
    extra: dict[str, Any] = {"embedder": coder.embedder.name, "signals": list(config.signals)}
    documents = sum(i.source == "document" for i in inputs(gold, source))
    if documents:
        extra["documents"] = documents
    if not folds or folds < 2:
        if train:
            coder.set_learner(coder.train(to_decisions(train, own_scan=False)))
            extra["trained_on"] = len(train)
        predictions = coder.predict(inputs(gold, source))
        extra["temperature"] = round(coder.temperature, 4)
    else:
        assignment = assign_folds(gold, folds, seed=seed)
        slots: list[Prediction | None] = [None] * len(gold)
        baseline: list[Prediction | None] = [None] * len(gold)
        for fold in range(folds):
            held = [i for i in range(len(gold)) if assignment[i] == fold]
            learn = [gold[i] for i in range(len(gold)) if assignment[i] != fold]
            coder.set_learner(None)  # the codebook alone on the same batches (the per-batch steps see them too)
            for i, prediction in zip(held, coder.predict(inputs([gold[i] for i in held], source)), strict=True):
                baseline[i] = prediction
            coder.set_learner(coder.train([*to_decisions(train, own_scan=False), *to_decisions(learn)]))
            for i, prediction in zip(held, coder.predict(inputs([gold[i] for i in held], source)), strict=True):
                slots[i] = prediction
        predictions = [p for p in slots if p is not None]
        extra["folds"] = folds
        extra["folds_zero_shot"] = round(score(gold, [p for p in baseline if p is not None], seconds=0.0).macro_f1, 4)
        coder.set_learner(None)
    result = score(gold, predictions, seconds=0.0)
    extra.update(result.extra)
    if curve:
        extra["curve"] = learning_curve(gold, curve, coder=coder, train=train, source=source)
    if runs:
        extra["codebook_shared_runs"] = [{"line": n, "words": len(r.split()), "run": r} for n, r in runs]
    result.seconds = time.perf_counter() - started
    result.extra = extra
    return result


def format_table(result: EvalResult) -> str:
    """A readable per-pillar table with the confusion matrix."""
    lines = [f"{'pillar':<8}{'precision':>10}{'recall':>10}{'f1':>8}{'n':>6}   confusion (rows gold, cols predicted)"]
    header = "".join(f"{p:>5}" for p in (*PILLAR_CODES, "-"))
    lines[0] += "\n" + " " * 42 + header
    for pillar, scores in result.per_pillar.items():
        n_true = sum(result.confusion.get(pillar, {}).values())
        row = "".join(f"{result.confusion.get(pillar, {}).get(q, 0):>5}" for q in (*PILLAR_CODES, "-"))
        lines.append(
            f"{pillar:<8}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>8.3f}{n_true:>6}   {row}"
        )
    lines.append(f"macro-F1 {result.macro_f1:.3f}  accuracy {result.accuracy:.3f}  ECE {result.ece:.3f}  n {result.n}")
    if result.theme_micro_f1 is not None:
        lines.append(f"theme micro-F1 {result.theme_micro_f1:.3f}")
    lines.append(f"{result.seconds:.2f} s")
    return "\n".join(lines)
