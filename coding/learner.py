"""What the auto-coder learns from analysts' decisions.

A plain classifier (multinomial logistic regression) on strong features of the
decided fragments - character 3-5-gram TF-IDF, plus the coder's sentence
embedding when that is not itself an n-gram hash - is blended with the
codebook's zero-shot distribution in log space::

    log p = max(1 - w, floor) * log p_zero_shot + w * log p_classifier,   w = n / (n + k)

``n`` is the evidence: the sum of the decisions' weights, where decisions from
other scans count ``CoderConfig.other_scan_weight`` and the scan's own count 1.
``k`` is fitted by internal cross-validation on the training decisions only
(the log-likelihood of the blend on held-out decisions), so the classifier is
trusted as far as it proves better than the codebook; the same cross-validation
chooses ``floor`` (``CoderConfig.zero_shot_floor`` or 0: the codebook keeps half a
say unless the analysts keep overruling it). With few decisions the
codebook rules; with many, the classifier does.

Classes the decisions never mention keep their zero-shot probability mass.
``reject`` decisions lower the rejected code for similar fragments (a penalty
on the cosine similarity to the centroid of the rejected fragments of that
code); ``irrelevant`` ("niet relevant") decisions form a class of their own,
``NONE``, which teaches abstention.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

NONE = "NONE"
K_GRID: tuple[float, ...] = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 400.0, 1000.0)
# the learned "niet relevant" probability above which a fragment gets no code: the lowest of these that
# silences at most MAX_SILENCED of the held-out relevant decisions in the internal cross-validation
NONE_GRID: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)
MAX_SILENCED = 0.05
DEFAULT_K = 10.0
MAX_CV_ROWS = 600
N_FEATURES = 2**17


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


# --- features ------------------------------------------------------------------
def _hasher() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=N_FEATURES, alternate_sign=False, norm=None
    )


def char_counts(texts: list[str]) -> sparse.csr_matrix:
    """Hashed character 3-5-gram counts (lower-cased), ``(n, N_FEATURES)``."""
    return sparse.csr_matrix(_hasher().transform(texts))


@dataclass
class Features:
    """TF-IDF over the active n-gram columns, optionally with a dense embedding block."""

    columns: np.ndarray  # active hashed columns (sorted)
    idf: np.ndarray  # idf of those columns
    embedding_scale: float = 0.0

    @classmethod
    def fit(cls, texts: list[str], *, embedding_scale: float, min_df: int = 2) -> Features:
        counts = char_counts(texts)
        df = np.bincount(counts.indices, minlength=N_FEATURES)
        columns = np.flatnonzero(df >= min_df)
        idf = np.log((1.0 + len(texts)) / (1.0 + df[columns])) + 1.0
        return cls(columns.astype(np.int64), idf.astype(np.float32), embedding_scale)

    def transform(self, texts: list[str], embeddings: np.ndarray | None) -> sparse.csr_matrix:
        counts = char_counts(texts)[:, self.columns]
        counts.data = np.log1p(counts.data)
        tfidf = sparse.csr_matrix(counts.multiply(self.idf[None, :]))
        norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        tfidf = sparse.csr_matrix(sparse.diags(1.0 / norms) @ tfidf)
        if self.embedding_scale > 0 and embeddings is not None and embeddings.shape[1]:
            dense = np.asarray(embeddings, dtype=np.float64) * self.embedding_scale
            return sparse.csr_matrix(sparse.hstack([tfidf, sparse.csr_matrix(dense)]))
        return tfidf

    def char_only(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        return sparse.csr_matrix(matrix[:, : len(self.columns)])


# --- the classifier ---------------------------------------------------------------
@dataclass
class Classifier:
    """Linear softmax classifier over ``classes`` (one class: always that class)."""

    classes: list[str]
    coef: np.ndarray  # (len(classes), d)
    intercept: np.ndarray  # (len(classes),)

    def log_proba(self, x: sparse.csr_matrix) -> np.ndarray:
        if len(self.classes) == 1:
            return np.zeros((x.shape[0], 1))
        return log_softmax(np.asarray(x @ self.coef.T.astype(np.float64)) + self.intercept)


def fit_classifier(x: sparse.csr_matrix, labels: list[str], weights: np.ndarray, *, c: float) -> Classifier:
    """Weighted multinomial logistic regression (L2, ``C = c``)."""
    classes = sorted(set(labels))
    if len(classes) == 1:
        return Classifier(classes, np.zeros((1, x.shape[1]), dtype=np.float32), np.zeros(1))
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=300, tol=1e-4)
    with threadpool_limits(limits=1):
        model.fit(x, labels, sample_weight=weights)
    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64)
    if len(classes) == 2:  # sklearn gives one row for the second class: split it symmetrically
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return Classifier([str(k) for k in model.classes_], coef.astype(np.float32), intercept)


def blend(zero_shot_logp: np.ndarray, codes: list[str], classifier: Classifier,
          clf_logp: np.ndarray, w: float, floor: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Blend zero-shot and classifier log-probabilities over ``codes``.

    The zero-shot part weighs ``max(1 - w, floor)``: with ``floor > 0`` the codebook
    keeps a say however many decisions there are (a product of experts).

    Returns the blended log-probabilities over ``codes`` and the classifier's
    probability of ``NONE`` per row (zeros when it has no such class).
    """
    p_zs = np.exp(zero_shot_logp)
    seen = [i for i, code in enumerate(codes) if code in classifier.classes]
    p_none = np.zeros(len(p_zs))
    if not seen:
        return zero_shot_logp, p_none
    p_clf = np.exp(clf_logp)
    if NONE in classifier.classes:
        p_none = p_clf[:, classifier.classes.index(NONE)]
    columns = [classifier.classes.index(codes[i]) for i in seen]
    inside = p_clf[:, columns]
    inside = inside / np.maximum(inside.sum(axis=1, keepdims=True), 1e-12)
    full = p_zs.copy()
    mass = p_zs[:, seen].sum(axis=1, keepdims=True)
    full[:, seen] = inside * mass
    log_full = np.log(np.maximum(full, 1e-12))
    return max(1.0 - w, floor) * zero_shot_logp + w * log_full, p_none


@dataclass
class Head:
    """One level (pillars or themes): classifier, evidence, fitted ``k``, reject centroids."""

    codes: list[str]
    classifier: Classifier | None
    evidence: float
    k: float
    reject_codes: list[str] = field(default_factory=list)
    reject_centroids: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    floor: float = 0.0  # the zero-shot part's least weight (see :func:`blend`)
    none_threshold: float = 0.5  # learned "niet relevant" probability above which there is no code (fit_k)
    own_evidence: float = 0.0  # the part of ``evidence`` from decisions of the scan being coded

    @property
    def weight(self) -> float:
        return self.evidence / (self.evidence + self.k) if self.classifier is not None else 0.0

    @property
    def own_weight(self) -> float:
        """The blend weight the scan's own decisions alone would have: how much they say about this scan."""
        return self.own_evidence / (self.own_evidence + self.k) if self.classifier is not None else 0.0

    def adjust(self, zero_shot_logits: np.ndarray, x: sparse.csr_matrix, features: Features,
               reject_strength: float) -> tuple[np.ndarray, np.ndarray]:
        logp = log_softmax(zero_shot_logits)
        p_none = np.zeros(len(logp))
        if self.classifier is not None:
            logp, p_none = blend(logp, self.codes, self.classifier, self.classifier.log_proba(x), self.weight,
                                 self.floor)
        if self.reject_codes and self.reject_centroids.size:
            sims = np.asarray(features.char_only(x) @ self.reject_centroids.T.astype(np.float64))
            for j, code in enumerate(self.reject_codes):
                if code in self.codes:
                    logp[:, self.codes.index(code)] -= reject_strength * np.clip(sims[:, j], 0.0, 1.0)
        return logp, p_none


@dataclass
class Learner:
    """What the coder learned from analysts' decisions (see the module docstring).

    Serialise with :meth:`to_bytes` / :meth:`from_bytes` (numpy ``.npz``, no
    pickle needed; the object is picklable too).
    """

    embedder: str
    signals: tuple[str, ...]
    n_decisions: int
    features: Features | None = None
    pillar: Head | None = None
    theme: Head | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    _digest: tuple[tuple[int, ...], str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def digest(self) -> str:
        """Short content hash, part of :attr:`coding.coder.AutoCoder.version`.

        Serialising (compressed) costs ~30 ms, and the version is asked for on every
        coded answer, so the hash is kept until one of the parts is replaced.
        """
        key = (id(self.features), id(self.pillar), id(self.theme), self.n_decisions, len(self.meta))
        if self._digest is None or self._digest[0] != key:
            self._digest = (key, hashlib.sha256(self.to_bytes()).hexdigest()[:8])
        return self._digest[1]

    def to_bytes(self) -> bytes:
        arrays: dict[str, np.ndarray] = {}
        header: dict[str, Any] = {
            "embedder": self.embedder,
            "signals": list(self.signals),
            "n_decisions": self.n_decisions,
            "meta": self.meta,
        }
        if self.features is not None:
            arrays["columns"] = self.features.columns
            arrays["idf"] = self.features.idf
            header["embedding_scale"] = self.features.embedding_scale
        for name in ("pillar", "theme"):
            head: Head | None = getattr(self, name)
            if head is None:
                continue
            header[name] = {"codes": head.codes, "evidence": head.evidence, "k": head.k, "floor": head.floor,
                            "none_threshold": head.none_threshold, "own_evidence": head.own_evidence,
                            "reject_codes": head.reject_codes,
                            "classes": head.classifier.classes if head.classifier is not None else None}
            if head.classifier is not None:
                arrays[f"{name}_coef"] = head.classifier.coef.astype(np.float32)
                arrays[f"{name}_intercept"] = head.classifier.intercept
            arrays[f"{name}_rejects"] = head.reject_centroids.astype(np.float32)
        arrays["header"] = np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Learner:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            header = json.loads(bytes(npz["header"]).decode("utf-8"))
            features = None
            if "columns" in npz:
                features = Features(npz["columns"], npz["idf"], float(header.get("embedding_scale", 0.0)))
            heads: dict[str, Head | None] = {}
            for name in ("pillar", "theme"):
                raw = header.get(name)
                if raw is None:
                    heads[name] = None
                    continue
                classifier = None
                if raw["classes"] is not None:
                    classifier = Classifier(list(raw["classes"]), npz[f"{name}_coef"], npz[f"{name}_intercept"])
                heads[name] = Head(list(raw["codes"]), classifier, float(raw["evidence"]), float(raw["k"]),
                                   list(raw["reject_codes"]), npz[f"{name}_rejects"], float(raw.get("floor", 0.0)),
                                   float(raw.get("none_threshold", 0.5)), float(raw.get("own_evidence", 0.0)))
        return cls(
            embedder=header["embedder"],
            signals=tuple(header["signals"]),
            n_decisions=int(header["n_decisions"]),
            features=features,
            pillar=heads["pillar"],
            theme=heads["theme"],
            meta=header.get("meta", {}),
        )


# --- training --------------------------------------------------------------------
def _folds(labels: list[str], n_folds: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    assignment = np.zeros(len(labels), dtype=int)
    for label in sorted(set(labels)):
        rows = [i for i, lab in enumerate(labels) if lab == label]
        rng.shuffle(rows)
        start = int(rng.integers(n_folds))
        for position, row in enumerate(rows):
            assignment[row] = (start + position) % n_folds
    return assignment


@dataclass
class Anchors:
    """Codebook texts that always join the classifier's training rows (never scored, no evidence)."""

    x: sparse.csr_matrix
    labels: list[str]
    weights: np.ndarray


def fit_with_anchors(x: sparse.csr_matrix, labels: list[str], weights: np.ndarray, anchors: Anchors | None,
                     *, c: float) -> Classifier:
    """:func:`fit_classifier` on the rows plus the codebook anchors."""
    if anchors is None or not anchors.labels:
        return fit_classifier(x, labels, weights, c=c)
    return fit_classifier(
        sparse.csr_matrix(sparse.vstack([x, anchors.x])), [*labels, *anchors.labels],
        np.concatenate([weights, anchors.weights]), c=c,
    )


def fit_k(x: sparse.csr_matrix, labels: list[str], weights: np.ndarray, zero_shot_logp: np.ndarray,
          codes: list[str], *, c: float, anchors: Anchors | None = None, n_folds: int = 3, seed: int = 0,
          floor: float = 0.0, none_threshold: float = NONE_GRID[0],
          own: np.ndarray | None = None) -> tuple[float, float, float]:
    """The ``k`` of ``w = n / (n + k)`` that maximises held-out log-likelihood of the blend.

    Returns ``(k, floor, none_threshold)``: the zero-shot floor is ``floor`` or 0,
    whichever fits the held-out decisions better (0 when analysts keep overruling
    the codebook). Only rows whose label is one of ``codes`` are scored (``NONE``
    rows train the classifier but have no zero-shot probability to compare with).
    The "niet relevant" threshold is the lowest of :data:`NONE_GRID` (at least
    ``none_threshold``) that silences at most :data:`MAX_SILENCED` of the held-out
    relevant decisions: when most decisions are "niet relevant" (headings of a
    document study), a classifier that says "niet relevant" to everything
    document-like must not silence the paragraphs that matter.

    ``own`` marks the scan's own decisions: only they are scored. Decisions of
    another scan train the classifier, but how well it fits *their* organisation
    says nothing about this one (learning from the seed report, the fit on its own
    chapters chose a ``k`` that let 326 sentences at weight 0.02 outweigh the
    codebook); with fewer than six own decisions ``k`` is :data:`DEFAULT_K`.
    """
    counts = {label: labels.count(label) for label in set(labels)}
    own = np.ones(len(labels), dtype=bool) if own is None else np.asarray(own, dtype=bool)
    if (sum(1 for n in counts.values() if n >= 2) < 2 or len(labels) < 6 or len(labels) > MAX_CV_ROWS
            or int(own.sum()) < 6):
        return DEFAULT_K, floor, none_threshold  # too few to tell; or so many that w is near 1 for any k
    if sum(1 for n in counts.values() if n >= n_folds) < 2:
        n_folds = 2
    assignment = _folds(labels, n_folds, seed)
    floors = sorted({0.0, floor})
    scores = np.zeros((len(floors), len(K_GRID)))
    relevant_none: list[tuple[float, float]] = []  # (held-out P(NONE), weight) of relevant decisions
    for fold in range(n_folds):
        held = np.flatnonzero(assignment == fold)
        train = np.flatnonzero(assignment != fold)
        classifier = fit_with_anchors(x[train], [labels[i] for i in train], weights[train], anchors, c=c)
        clf_logp = classifier.log_proba(x[held])
        evidence = float(weights[train].sum())
        scored = [j for j, i in enumerate(held) if labels[i] in codes and own[i]]
        if not scored:
            continue
        if NONE in classifier.classes:
            p_none = np.exp(clf_logp[:, classifier.classes.index(NONE)])
            relevant_none.extend((float(p_none[j]), float(weights[held[j]])) for j in scored)
        truth = np.array([codes.index(labels[held[j]]) for j in scored])
        for f, least in enumerate(floors):
            for g, k in enumerate(K_GRID):
                blended, _ = blend(zero_shot_logp[held], codes, classifier, clf_logp, evidence / (evidence + k), least)
                rows = blended[scored]
                logp = rows - np.log(np.exp(rows).sum(axis=1, keepdims=True))
                scores[f, g] += float((logp[np.arange(len(scored)), truth] * weights[held][scored]).sum())
    best_floor, best_k = (int(v) for v in np.unravel_index(int(np.argmax(scores)), scores.shape))
    return float(K_GRID[best_k]), float(floors[best_floor]), _none_threshold(relevant_none, none_threshold)


def _none_threshold(relevant: list[tuple[float, float]], least: float) -> float:
    """The lowest threshold of :data:`NONE_GRID` (≥ ``least``) silencing ≤ :data:`MAX_SILENCED` of ``relevant``."""
    total = sum(w for _, w in relevant)
    for threshold in NONE_GRID:
        if threshold < least:
            continue
        if total <= 0 or sum(w for p, w in relevant if p > threshold) <= MAX_SILENCED * total:
            return threshold
    return NONE_GRID[-1]


def reject_centroids(x_char: sparse.csr_matrix, rejects: list[tuple[int, str]]) -> tuple[list[str], np.ndarray]:
    """Per rejected code, the unit centroid of the fragments it was rejected on."""
    codes = sorted({code for _, code in rejects})
    if not codes:
        return [], np.zeros((0, 0), dtype=np.float32)
    out = np.zeros((len(codes), x_char.shape[1]))
    for row, code in rejects:
        out[codes.index(code)] += x_char[row].toarray().ravel()
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return codes, (out / norms).astype(np.float32)


def self_train(texts: list[str], logits: np.ndarray, keep: np.ndarray, codes: list[str], *,
               share: float, weight: float, c: float) -> np.ndarray:
    """Transductive self-training on one batch (a scan coded as a whole).

    The ``share`` most confident kept fragments per predicted class become
    pseudo-labels of a character-n-gram classifier trained on the batch itself;
    its log-probabilities are blended in with ``weight``. It lets the scan's own
    wording (names of its systems, departments, local terms) carry the codebook's
    judgement to the less clear fragments.
    """
    logp = log_softmax(logits)
    rows = np.flatnonzero(keep)
    if weight <= 0 or len(rows) < 2 * len(codes):
        return logp
    predicted = logp[rows].argmax(axis=1)
    confidence = logp[rows].max(axis=1)
    chosen: list[int] = []
    for k in range(len(codes)):
        mine = rows[predicted == k]
        if len(mine) == 0:
            continue
        order = mine[np.argsort(-confidence[predicted == k])]
        chosen.extend(order[: max(1, int(round(share * len(order))))].tolist())
    labels = [codes[int(logp[i].argmax())] for i in chosen]
    if len(set(labels)) < 2:
        return logp
    features = Features.fit(texts, embedding_scale=0.0)
    x = features.transform(texts, None)
    classifier = fit_classifier(x[chosen], labels, np.ones(len(chosen)), c=c)
    blended, _ = blend(logp, codes, classifier, classifier.log_proba(x), weight)
    return blended
