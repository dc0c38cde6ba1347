"""The auto-coder: pillar and theme probabilities for interview fragments.

Every fragment gets a probability for each pillar and each theme, a primary
pillar and theme, a calibrated confidence and a margin. Signals, each turned
into one logit per class:

``lexicon``
    Codebook keywords found in the fragment (lemmas, Dutch compounds split),
    IDF-weighted over the codebook (:class:`coding.lexicon.Lexicon`).
``embedding``
    Cosine similarity of the fragment to prototype vectors of every theme
    (name + description, and keywords) and pillar; a pillar scores the best of
    its own prototypes and its themes' (themes as sub-prototypes).
``structure``
    A fragment that answers a guide question inherits the question's pillar and
    themes as a prior (a log-prior, not the answer): the question's pillar gets
    prior probability ``CoderConfig.question_prior``.

Per fragment, the lexicon and embedding scores are standardised across the
classes (z-scores; a signal that sees nothing gives zeros, i.e. no opinion), so
that the signals are on one scale without per-signal tuning, weighted, summed
with the structure log-prior and divided by a temperature. The zero-shot
temperature is fitted (maximum likelihood) on the shipped interview guide: its
questions and probes are labelled by the section they belong to, and the guide
is never part of an evaluation set. When analysts' decisions exist, a
:class:`Learner` adds a regularised correction to these logits (see
:func:`train_learner`), which also re-fits the weight of each signal, i.e. the
temperature.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from threadpoolctl import threadpool_limits

from coding.codebook import Codebook, Guide
from coding.embedders import Embedder, EmbeddingCache, MemoryEmbeddingCache, embed_cached, select_embedder
from coding.lexicon import Lexicon

log = logging.getLogger(__name__)

CODER_VERSION = "1"
SIGNALS: tuple[str, ...] = ("lexicon", "embedding", "structure")
ACTIONS: tuple[str, ...] = ("accept", "reject", "recode", "add")
Progress = Callable[[float, str], None]


# --- inputs, outputs, settings -------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CoderConfig:
    """Settings of the auto-coder (keyword-only; every tunable lives here).

    Attributes:
        embedder: Embedder name for the embedding signal (see
            :func:`coding.embedders.select_embedder`).
        signals: Signals to combine; any of ``lexicon``, ``embedding``,
            ``structure``. The learned layer is used whenever a learner is given.
        lexicon_weight: Weight of the standardised lexicon scores.
        embedding_weight: Weight of the standardised embedding similarities.
        question_prior: Prior probability of the pillar of the question a
            fragment answers (the rest is spread evenly); the same for its themes
            within the pillar.
        temperature: Zero-shot temperature; ``None`` fits it on the guide.
        suggestion_threshold: Minimum probability of a pillar or theme to be
            stored as a suggestion.
        multi_label_threshold: Minimum probability for a second pillar or theme
            to be listed next to the primary one.
        learner_l2: L2 penalty of the learned correction (larger = more shrinkage
            toward the codebook prior).
        learner_scale_l2: Penalty pulling the re-fitted signal weights back to 1.
        learner_max_iter: Optimiser iterations when training a learner.
        learner_dim: Embeddings longer than this are folded to it for the learner.
    """

    embedder: str = "tfidf"
    signals: tuple[str, ...] = SIGNALS
    lexicon_weight: float = 1.0
    embedding_weight: float = 1.0
    question_prior: float = 0.5
    temperature: float | None = None
    suggestion_threshold: float = 0.35
    multi_label_threshold: float = 0.3
    learner_l2: float = 1.0
    learner_scale_l2: float = 10.0
    learner_max_iter: int = 200
    learner_dim: int = 512

    def __post_init__(self) -> None:
        unknown = set(self.signals) - set(SIGNALS)
        if unknown:
            raise ValueError(f"Unknown signal(s) {sorted(unknown)}; choose from {', '.join(SIGNALS)}")
        if not 0.0 < self.question_prior < 1.0:
            raise ValueError("question_prior must lie strictly between 0 and 1")


@dataclass(frozen=True)
class FragmentInput:
    """A fragment to code, with the guide question it answers (if known)."""

    text: str
    question_pillar: str | None = None
    question_themes: tuple[str, ...] = ()


@dataclass
class Prediction:
    """The coder's answer for one fragment.

    Attributes:
        pillar_probs: Probability per pillar (sums to 1).
        theme_probs: Probability per theme (P(pillar) * P(theme | pillar)).
        primary_pillar: Most probable pillar.
        primary_theme: Most probable theme of the primary pillar.
        confidence: Calibrated probability of the primary pillar.
        margin: Top-1 minus top-2 pillar probability.
        pillars: Pillars at or above the multi-label threshold (primary first).
        themes: Themes at or above the multi-label threshold (best first).
    """

    pillar_probs: dict[str, float]
    theme_probs: dict[str, float]
    primary_pillar: str
    primary_theme: str | None
    confidence: float
    margin: float
    pillars: list[str]
    themes: list[str]


@dataclass(frozen=True)
class DecisionExample:
    """One analyst decision as training data.

    ``action``: ``accept``/``add`` (``code`` is right), ``reject`` (``code`` is
    wrong) or ``recode`` (``code`` is right, ``previous_code`` was wrong). Codes
    are pillars (``INF``) or themes (``INF.meldpunt``).
    """

    text: str
    code: str
    action: str = "accept"
    previous_code: str | None = None


# --- small numeric helpers -----------------------------------------------------
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


def codebook_fingerprint(codebook: Codebook) -> str:
    """Short hash of the codebook content (changes with any edit)."""
    raw = json.dumps(codebook.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]


# --- the learned layer ---------------------------------------------------------
@dataclass
class _Head:
    """Correction for one label set: logits = sum_s scale_s * prior_s + X @ weights + bias."""

    codes: list[str]
    weights: np.ndarray
    bias: np.ndarray
    scales: np.ndarray

    def logits(self, priors: list[np.ndarray], features: np.ndarray) -> np.ndarray:
        total = sum(s * p for s, p in zip(self.scales, priors, strict=True))
        return np.asarray(total + features @ self.weights + self.bias)


@dataclass
class Learner:
    """What the coder learned from analysts' decisions; adjusts the codebook prior.

    Serialise with :meth:`to_bytes` / :meth:`from_bytes` (numpy ``.npz``, no pickle
    needed; the object is picklable too).
    """

    embedder: str
    signals: tuple[str, ...]
    n_decisions: int
    pillar: _Head | None = None
    theme: _Head | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """Short content hash, part of :attr:`AutoCoder.version`."""
        return hashlib.sha256(self.to_bytes()).hexdigest()[:8]

    def to_bytes(self) -> bytes:
        arrays: dict[str, np.ndarray] = {}
        header: dict[str, Any] = {
            "embedder": self.embedder,
            "signals": list(self.signals),
            "n_decisions": self.n_decisions,
            "meta": self.meta,
        }
        for name in ("pillar", "theme"):
            head: _Head | None = getattr(self, name)
            if head is None:
                continue
            header[f"{name}_codes"] = head.codes
            arrays[f"{name}_weights"] = head.weights.astype(np.float32)
            arrays[f"{name}_bias"] = head.bias
            arrays[f"{name}_scales"] = head.scales
        arrays["header"] = np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Learner:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            header = json.loads(bytes(npz["header"]).decode("utf-8"))
            heads: dict[str, _Head | None] = {}
            for name in ("pillar", "theme"):
                if f"{name}_codes" in header:
                    heads[name] = _Head(
                        header[f"{name}_codes"],
                        npz[f"{name}_weights"].astype(np.float64),
                        npz[f"{name}_bias"],
                        npz[f"{name}_scales"],
                    )
                else:
                    heads[name] = None
        return cls(
            embedder=header["embedder"],
            signals=tuple(header["signals"]),
            n_decisions=int(header["n_decisions"]),
            pillar=heads["pillar"],
            theme=heads["theme"],
            meta=header.get("meta", {}),
        )


def _fit_head(
    codes: list[str],
    priors: list[np.ndarray],
    features: np.ndarray,
    positives: list[tuple[int, int]],
    negatives: list[tuple[int, int]],
    *,
    l2: float,
    scale_l2: float,
    max_iter: int,
) -> _Head:
    """MAP fit of the correction: softmax log-loss on positives, log(1-p) on negatives.

    The Gaussian penalty on weights and bias (``l2``) does not grow with the
    number of decisions, so with few decisions the correction stays near zero
    and the codebook prior rules; with many, the data does.
    """
    n, d = features.shape
    k = len(codes)
    s = len(priors)
    pos_rows = np.array([i for i, _ in positives], dtype=int)
    pos_cols = np.array([c for _, c in positives], dtype=int)
    neg_rows = np.array([i for i, _ in negatives], dtype=int)
    neg_cols = np.array([c for _, c in negatives], dtype=int)
    stacked = np.stack(priors)  # (s, n, k)

    def unpack(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        weights = theta[: d * k].reshape(d, k)
        bias = theta[d * k : d * k + k]
        scales = theta[d * k + k :]
        return weights, bias, scales

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias, scales = unpack(theta)
        logits = np.tensordot(scales, stacked, axes=1) + features @ weights + bias
        probs = softmax(logits)
        grad_logits = np.zeros_like(probs)
        loss = 0.0
        if len(pos_rows):
            loss -= float(np.log(probs[pos_rows, pos_cols] + 1e-12).sum())
            np.add.at(grad_logits, pos_rows, probs[pos_rows])
            np.add.at(grad_logits, (pos_rows, pos_cols), -1.0)
        if len(neg_rows):
            p = np.clip(probs[neg_rows, neg_cols], 1e-12, 1 - 1e-9)
            loss -= float(np.log(1.0 - p).sum())
            factor = (p / (1.0 - p))[:, None]
            onehot = np.zeros((len(neg_rows), k))
            onehot[np.arange(len(neg_rows)), neg_cols] = 1.0
            np.add.at(grad_logits, neg_rows, factor * (onehot - probs[neg_rows]))
        loss += 0.5 * l2 * (float((weights**2).sum()) + float((bias**2).sum()))
        loss += 0.5 * scale_l2 * float(((scales - 1.0) ** 2).sum())
        g_weights = features.T @ grad_logits + l2 * weights
        g_bias = grad_logits.sum(axis=0) + l2 * bias
        g_scales = np.einsum("snk,nk->s", stacked, grad_logits) + scale_l2 * (scales - 1.0)
        return loss, np.concatenate([g_weights.ravel(), g_bias, g_scales])

    theta0 = np.concatenate([np.zeros(d * k + k), np.ones(s)])
    # small matrices: BLAS threads only add contention here
    with threadpool_limits(limits=1):
        result = minimize(objective, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    weights, bias, scales = unpack(result.x)
    return _Head(codes, weights.copy(), bias.copy(), scales.copy())


# --- the coder -----------------------------------------------------------------
@dataclass
class _Signals:
    """Per-signal logits (already weighted), in codebook order."""

    pillar: dict[str, np.ndarray]
    theme: dict[str, np.ndarray]
    embeddings: np.ndarray


def _group_max(sims: np.ndarray, group_of: np.ndarray, n_groups: int) -> np.ndarray:
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


_PROTOTYPES: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
_TEMPERATURES: dict[tuple[str, ...], float] = {}


class AutoCoder:
    """Codes fragments with a codebook; see the module docstring for the method.

    Args:
        codebook: The codebook (pillars with themes and keywords).
        embedder: Embedder name or object; default ``config.embedder``.
        cache: Embedding cache (fragments are embedded only once); default an
            in-memory cache.
        config: Settings; default :class:`CoderConfig`.
        learner: What was learned from decisions (:func:`train_learner`), or ``None``.
        guide: Guide used to fit the zero-shot temperature when
            ``config.temperature`` is ``None``; default the shipped guide.
    """

    def __init__(
        self,
        codebook: Codebook,
        *,
        embedder: str | Embedder | None = None,
        cache: EmbeddingCache | None = None,
        config: CoderConfig | None = None,
        learner: Learner | None = None,
        guide: Guide | None = None,
    ) -> None:
        self.codebook = codebook
        self.config = config or CoderConfig()
        self.embedder = select_embedder(embedder if embedder is not None else self.config.embedder)
        self.cache: EmbeddingCache = cache if cache is not None else MemoryEmbeddingCache()
        self.pillar_codes = [p.code for p in codebook.pillars]
        self.theme_codes = [t.code for t in codebook.themes()]
        self._theme_index = {code: i for i, code in enumerate(self.theme_codes)}
        self.theme_pillar = np.array([self.pillar_codes.index(t.split(".", 1)[0]) for t in self.theme_codes])
        self.fingerprint = codebook_fingerprint(codebook)
        self.lexicon = Lexicon(codebook) if "lexicon" in self.config.signals else None
        self._guide = guide
        self._temperature: float | None = self.config.temperature
        self.learner: Learner | None = None
        if learner is not None:
            self.set_learner(learner)

    # -- identity
    @property
    def version(self) -> str:
        """``coder version + embedder + codebook version + learner hash`` (at most 100 chars)."""
        embedder = self.embedder.name
        if len(embedder) > 40:
            embedder = embedder[:31] + "~" + hashlib.sha256(embedder.encode()).hexdigest()[:8]
        learner = self.learner.digest if self.learner is not None else "none"
        signals = "".join(s[0] for s in self.config.signals)
        return (
            f"ac{CODER_VERSION}-{signals}|{embedder}|cb{self.codebook.version}-{self.fingerprint}|l-{learner}"
        )[:100]

    def set_learner(self, learner: Learner | None) -> None:
        """Use ``learner`` (or none); a learner for another embedder is ignored with a warning."""
        if learner is not None and learner.embedder != self.embedder.name:
            log.warning(
                "Learner was trained with embedder %s, coder uses %s; ignoring it",
                learner.embedder,
                self.embedder.name,
            )
            learner = None
        self.learner = learner

    # -- signals
    def _prototypes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Prototype vectors and which pillar/theme each belongs to (cached per embedder+codebook)."""
        key = (self.embedder.name, self.fingerprint)
        if key not in _PROTOTYPES:
            texts: list[str] = []
            pillar_of: list[int] = []
            theme_of: list[int] = []
            for pi, pillar in enumerate(self.codebook.pillars):
                texts.append(f"{pillar.name}. {pillar.description}")
                pillar_of.append(pi)
                theme_of.append(-1)
                if pillar.keywords:
                    texts.append(", ".join(pillar.keywords))
                    pillar_of.append(pi)
                    theme_of.append(-1)
                for theme in pillar.themes:
                    ti = self.theme_codes.index(theme.code)
                    texts.append(f"{theme.name}. {theme.description}")
                    pillar_of.append(pi)
                    theme_of.append(ti)
                    if theme.keywords:
                        texts.append(", ".join(theme.keywords))
                        pillar_of.append(pi)
                        theme_of.append(ti)
            vectors = embed_cached(self.embedder, texts, self.cache)
            _PROTOTYPES[key] = (vectors, np.array(pillar_of), np.array(theme_of), np.array(texts, dtype=object))
        return _PROTOTYPES[key]

    def _similarities(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        protos, pillar_of, theme_of, _ = self._prototypes()
        sims = vectors @ protos.T
        return _group_max(sims, pillar_of, len(self.pillar_codes)), _group_max(sims, theme_of, len(self.theme_codes))

    def _structure(self, items: Sequence[FragmentInput]) -> tuple[np.ndarray, np.ndarray]:
        n_p, n_t = len(self.pillar_codes), len(self.theme_codes)
        pillar = np.zeros((len(items), n_p))
        theme = np.zeros((len(items), n_t))
        q = self.config.question_prior
        boost_p = np.log(q * (n_p - 1) / (1.0 - q))
        for row, item in enumerate(items):
            if item.question_pillar in self.pillar_codes:
                pillar[row, self.pillar_codes.index(item.question_pillar)] = boost_p
            known = [t for t in item.question_themes if t in self.theme_codes]
            if known:
                # themes compete within their pillar: spread the prior over that pillar's themes
                pillar_index = self.theme_pillar[self.theme_codes.index(known[0])]
                siblings = int((self.theme_pillar == pillar_index).sum())
                others = max(siblings - len(known), 1)
                share = q / len(known)
                boost_t = np.log(share * others / (1.0 - q)) if share < 1 else 0.0
                for t in known:
                    theme[row, self.theme_codes.index(t)] = max(boost_t, 0.0)
        return pillar, theme

    def signals(self, items: Sequence[FragmentInput]) -> _Signals:
        """Weighted logits of every active signal for ``items`` (before temperature)."""
        texts = [item.text for item in items]
        vectors = embed_cached(self.embedder, texts, self.cache)
        pillar: dict[str, np.ndarray] = {}
        theme: dict[str, np.ndarray] = {}
        config = self.config
        if "lexicon" in config.signals and self.lexicon is not None:
            lp, lt = self.lexicon.score(texts)
            pillar["lexicon"] = config.lexicon_weight * standardise(lp)
            theme["lexicon"] = config.lexicon_weight * standardise(lt)
        if "embedding" in config.signals:
            ep, et = self._similarities(vectors)
            pillar["embedding"] = config.embedding_weight * standardise(ep)
            theme["embedding"] = config.embedding_weight * standardise(et)
        if "structure" in config.signals:
            sp, st = self._structure(items)
            pillar["structure"] = sp
            theme["structure"] = st
        return _Signals(pillar, theme, vectors)

    @property
    def temperature(self) -> float:
        """Zero-shot temperature (fitted on the guide unless configured)."""
        if self._temperature is None:
            self._temperature = self._fit_guide_temperature()
        return self._temperature

    def _fit_guide_temperature(self) -> float:
        key = (self.embedder.name, self.fingerprint, repr(self.config))
        if key in _TEMPERATURES:
            return _TEMPERATURES[key]
        guide = self._guide
        if guide is None:
            try:
                from coding.codebook import default_guide

                guide = default_guide()
            except Exception as exc:  # no guide shipped: fall back to 1
                log.warning("No guide to calibrate the zero-shot temperature on (%s); using 1.0", exc)
                _TEMPERATURES[key] = 1.0
                return 1.0
        texts: list[str] = []
        labels: list[int] = []
        for question in guide.questions:
            if question.pillar not in self.pillar_codes:
                continue
            for text in [question.text, *question.probes]:
                texts.append(text)
                labels.append(self.pillar_codes.index(question.pillar))
        if not texts:
            _TEMPERATURES[key] = 1.0
            return 1.0
        signals = self.signals([FragmentInput(t) for t in texts])
        logits = sum(signals.pillar.values())
        temperature = fit_temperature(np.asarray(logits), np.array(labels))
        log.info("Zero-shot temperature %.3f fitted on %d guide texts", temperature, len(texts))
        _TEMPERATURES[key] = temperature
        return temperature

    def _priors(self, signals: _Signals, level: Literal["pillar", "theme"]) -> list[np.ndarray]:
        parts = signals.pillar if level == "pillar" else signals.theme
        t = self.temperature
        return [parts[name] / t for name in self.config.signals if name in parts]

    def _features(self, signals: _Signals) -> np.ndarray:
        """Learner features: the embedding, folded to at most ``learner_dim`` dimensions.

        Folding sums blocks of coordinates (a fixed random projection for hashed
        vectors), then rows are re-normalised; it keeps retraining fast.
        """
        vectors = signals.embeddings.astype(np.float64)
        dim = self.config.learner_dim
        if vectors.shape[1] > dim and vectors.shape[1] % dim == 0:
            vectors = vectors.reshape(len(vectors), -1, dim).sum(axis=1)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            vectors = vectors / norms
        return vectors

    def logits(self, items: Sequence[FragmentInput]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated pillar and theme logits (prior plus learned correction)."""
        signals = self.signals(items)
        priors_p = self._priors(signals, "pillar")
        priors_t = self._priors(signals, "theme")
        n = len(items)
        zero_p = np.zeros((n, len(self.pillar_codes)))
        zero_t = np.zeros((n, len(self.theme_codes)))
        learner = self.learner
        pillar_head = learner.pillar if learner is not None else None
        if pillar_head is not None and pillar_head.codes != self.pillar_codes:
            pillar_head = None
        theme_head = learner.theme if learner is not None else None
        if theme_head is not None and theme_head.codes != self.theme_codes:
            theme_head = None
        # the learner's features are only needed when one of its heads is used
        features = self._features(signals) if pillar_head is not None or theme_head is not None else zero_p
        pillar_logits = pillar_head.logits(priors_p, features) if pillar_head is not None else sum(priors_p, zero_p)
        theme_logits = theme_head.logits(priors_t, features) if theme_head is not None else sum(priors_t, zero_t)
        return np.asarray(pillar_logits), np.asarray(theme_logits)

    # -- prediction
    def predict(self, items: Sequence[FragmentInput | str], progress: Progress | None = None) -> list[Prediction]:
        """Code ``items`` (fragments or plain texts).

        Args:
            items: Fragments to code; a plain string is a fragment without question.
            progress: Optional callback ``progress(fraction, message)``.

        Returns:
            One :class:`Prediction` per item, in order.
        """
        fragments = [FragmentInput(i) if isinstance(i, str) else i for i in items]
        results: list[Prediction] = []
        batch = 256
        total = max(len(fragments), 1)
        for start in range(0, len(fragments), batch):
            chunk = fragments[start : start + batch]
            pillar_logits, theme_logits = self.logits(chunk)
            results.extend(self._decode(pillar_logits, theme_logits))
            if progress is not None:
                progress(min(1.0, (start + len(chunk)) / total), f"{start + len(chunk)}/{len(fragments)}")
        if progress is not None and not fragments:
            progress(1.0, "0/0")
        return results

    def _decode(self, pillar_logits: np.ndarray, theme_logits: np.ndarray) -> list[Prediction]:
        pillar_probs = softmax(pillar_logits)
        theme_probs = np.zeros_like(theme_logits)
        for pi in range(len(self.pillar_codes)):
            cols = np.flatnonzero(self.theme_pillar == pi)
            if len(cols):
                theme_probs[:, cols] = softmax(theme_logits[:, cols]) * pillar_probs[:, [pi]]
        threshold = self.config.multi_label_threshold
        out: list[Prediction] = []
        pillar_order = np.argsort(-pillar_probs, axis=1)
        pillar_lists = pillar_probs.tolist()
        theme_lists = theme_probs.tolist()
        order_lists = pillar_order.tolist()
        n_rows, n_themes = theme_probs.shape
        # primary theme: the first most probable theme of the row's top pillar
        primary: list[int | None] = [None] * n_rows
        if n_rows and n_themes and pillar_order.shape[1]:
            own = self.theme_pillar[None, :] == pillar_order[:, :1]
            best = np.where(own, theme_probs, -np.inf).argmax(axis=1)
            primary = [int(b) if has else None for b, has in zip(best.tolist(), own.any(axis=1).tolist(), strict=True)]
        above: list[list[int]] = [[] for _ in range(n_rows)]
        for r, c in zip(*(a.tolist() for a in np.nonzero(theme_probs >= threshold)), strict=True):
            above[r].append(c)
        pillar_codes, theme_codes = self.pillar_codes, self.theme_codes
        for row in range(n_rows):
            pp = pillar_lists[row]
            order = order_lists[row]
            top = order[0]
            second = pp[order[1]] if len(order) > 1 else 0.0
            tp = theme_lists[row]
            index = primary[row]
            primary_theme = theme_codes[index] if index is not None else None
            pillars = [pillar_codes[i] for i in order if i == top or pp[i] >= threshold]
            themes = [theme_codes[i] for i in sorted(above[row], key=lambda i: -tp[i])]
            if primary_theme is not None and primary_theme not in themes:
                themes.insert(0, primary_theme)
            out.append(
                Prediction(
                    pillar_probs=dict(zip(pillar_codes, pp, strict=True)),
                    theme_probs=dict(zip(theme_codes, tp, strict=True)),
                    primary_pillar=pillar_codes[top],
                    primary_theme=primary_theme,
                    confidence=pp[top],
                    margin=pp[top] - second,
                    pillars=pillars,
                    themes=themes,
                )
            )
        return out

    # -- learning
    def train(self, decisions: Sequence[DecisionExample]) -> Learner:
        """Learn a correction of this coder's prior from ``decisions`` (see :func:`train_learner`)."""
        started = time.perf_counter()
        pillar_pos: list[tuple[int, int]] = []
        pillar_neg: list[tuple[int, int]] = []
        theme_pos: list[tuple[int, int]] = []
        theme_neg: list[tuple[int, int]] = []
        texts: list[str] = []
        index: dict[str, int] = {}

        def row_of(text: str) -> int:
            if text not in index:
                index[text] = len(texts)
                texts.append(text)
            return index[text]

        def add(text: str, code: str | None, positive: bool) -> None:
            if not code:
                return
            row = row_of(text)
            pillar = code.split(".", 1)[0]
            if "." in code:
                if code not in self.theme_codes:
                    return
                (theme_pos if positive else theme_neg).append((row, self.theme_codes.index(code)))
                if positive and pillar in self.pillar_codes:
                    pillar_pos.append((row, self.pillar_codes.index(pillar)))
            elif pillar in self.pillar_codes:
                (pillar_pos if positive else pillar_neg).append((row, self.pillar_codes.index(pillar)))

        used = 0
        for d in decisions:
            if d.action not in ACTIONS:
                log.warning("Ignoring decision with unknown action %r", d.action)
                continue
            used += 1
            if d.action in ("accept", "add"):
                add(d.text, d.code, True)
            elif d.action == "reject":
                add(d.text, d.code, False)
            else:  # recode
                add(d.text, d.code, True)
                if d.previous_code and d.previous_code != d.code:
                    add(d.text, d.previous_code, False)
        learner = Learner(embedder=self.embedder.name, signals=tuple(self.config.signals), n_decisions=used)
        if not texts:
            return learner
        saved, self.learner = self.learner, None
        try:
            signals = self.signals([FragmentInput(t) for t in texts])
        finally:
            self.learner = saved
        features = self._features(signals)
        config = self.config
        if pillar_pos or pillar_neg:
            learner.pillar = _fit_head(
                self.pillar_codes, self._priors(signals, "pillar"), features, pillar_pos, pillar_neg,
                l2=config.learner_l2, scale_l2=config.learner_scale_l2, max_iter=config.learner_max_iter,
            )
        if theme_pos or theme_neg:
            learner.theme = _fit_head(
                self.theme_codes, self._priors(signals, "theme"), features, theme_pos, theme_neg,
                l2=config.learner_l2, scale_l2=config.learner_scale_l2, max_iter=config.learner_max_iter,
            )
        learner.meta = {
            "seconds": round(time.perf_counter() - started, 3),
            "codebook": self.fingerprint,
            "temperature": self.temperature,
        }
        return learner


def train_learner(
    decisions: Sequence[DecisionExample],
    *,
    codebook: Codebook,
    embedder: str | Embedder | None = None,
    cache: EmbeddingCache | None = None,
    config: CoderConfig | None = None,
) -> Learner:
    """Learn from analysts' decisions a correction that is ADDED to the codebook prior.

    Each decision is training data: accept/add make ``code`` a positive, reject
    makes it a negative (``-log(1 - p)``), recode does both (``code`` positive,
    ``previous_code`` negative). A theme decision also informs its pillar when
    positive. The correction per class is a linear function of the fragment's
    embedding plus a bias, and each signal's weight (the temperature) is re-fitted;
    all are fitted by L-BFGS with a fixed Gaussian penalty, so the correction
    shrinks toward zero when decisions are few and learning from one organisation
    barely moves the coding of another.

    Args:
        decisions: The decisions.
        codebook: Codebook the codes belong to.
        embedder: Embedder (must match the coder that will use the learner).
        cache: Embedding cache.
        config: Coder settings (signals, penalties).

    Returns:
        A :class:`Learner` for :class:`AutoCoder`.
    """
    coder = AutoCoder(codebook, embedder=embedder, cache=cache, config=config)
    return coder.train(decisions)


def config_with(config: CoderConfig | None, **changes: Any) -> CoderConfig:
    """A copy of ``config`` (or the default) with ``changes``."""
    return replace(config or CoderConfig(), **changes)


def config_dict(config: CoderConfig) -> dict[str, Any]:
    """Settings as a plain dict (for logs and evaluation output)."""
    return asdict(config)
