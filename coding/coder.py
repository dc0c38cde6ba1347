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
    A fragment answering a guide question inherits its pillar and themes as a
    log-prior (``CoderConfig.question_prior``), not as the answer.

Per fragment, the lexicon and embedding scores are standardised across the
classes (z-scores; a signal that sees nothing gives zeros, i.e. no opinion), so
that the signals are on one scale without per-signal tuning, weighted, summed
with the structure log-prior and divided by a temperature. The zero-shot
temperature is fitted (maximum likelihood) on the interview guide's questions and
probes, labelled by their section (never part of an evaluation set). When analysts' decisions exist, a
:class:`~coding.learner.Learner` blends a classifier trained on them with this
zero-shot distribution, trusted in proportion to the evidence (see
:mod:`coding.learner` and :func:`train_learner`).

"Geen code" is an outcome of its own (:mod:`coding.abstain`): non-Dutch, backchannel
and procedural fragments, document furniture, fragments far from every pillar and
fragments like those an analyst marked "niet relevant" are abstained, with a
reason. A batch of at least ``calibration_min_items`` fragments (a scan coded as
a whole) gets a prior correction so one pillar cannot swallow the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from coding.abstain import (
    LEARNED_KEYWORD_MAX,
    LEARNED_NONE_WITH_KEYWORD,
    far_documents,
    off_topic_threshold,
    rule_reasons,
)
from coding.background import background_margin, closer_to_background, shipped_texts
from coding.bounded_cache import BoundedCache
from coding.codebook import Codebook, Guide
from coding.coder_inputs import ACTIONS as ACTIONS
from coding.coder_inputs import SIGNALS as SIGNALS
from coding.coder_inputs import CoderConfig as CoderConfig
from coding.coder_inputs import DecisionExample as DecisionExample
from coding.coder_inputs import FragmentInput as FragmentInput
from coding.coder_inputs import Signals, prototype_texts
from coding.embedders import Embedder, EmbeddingCache, MemoryEmbeddingCache, embed_cached, select_embedder
from coding.learner import Learner as Learner
from coding.learner import self_train
from coding.lexicon import Lexicon
from coding.scoring import (
    context_prior,
    fit_temperature,
    group_max,
    one_thread_matmul,
    prior_correction,
    softmax,
    standardise,
)
from coding.scoring import expected_calibration_error as expected_calibration_error

log = logging.getLogger(__name__)

# 5: far_document, self-training yields to the scan's own decisions; 4: document context, fitted
# "niet relevant" threshold; 3: background domains
CODER_VERSION = "5"
Progress = Callable[[float, str], None]


# --- outputs -------------------------------------------------------------------
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
        abstained: No code proposed ("geen code"); probabilities stay for an analyst.
        abstain_reason: Why (one of :data:`coding.abstain.REASONS`), else ``None``.
    """

    pillar_probs: dict[str, float]
    theme_probs: dict[str, float]
    primary_pillar: str
    primary_theme: str | None
    confidence: float
    margin: float
    pillars: list[str]
    themes: list[str]
    abstained: bool = False
    abstain_reason: str | None = None


def codebook_fingerprint(codebook: Codebook) -> str:
    """Short hash of the codebook content (changes with any edit)."""
    raw = json.dumps(codebook.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]


# --- the coder -----------------------------------------------------------------
# prototype vectors and fitted temperatures, per embedder, codebook (and guide): bounded, shared by threads
_CACHE: BoundedCache[object] = BoundedCache(maxsize=64)


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
        wants_lexicon = "lexicon" in self.config.signals or self.config.abstain
        self.lexicon = Lexicon(codebook) if wants_lexicon else None
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
        key = ("prototypes", self.embedder.name, self.fingerprint)
        return _CACHE.get_or_compute(key, self._build_prototypes)  # type: ignore[return-value]

    def _prototype_rows(self) -> tuple[list[str], list[int], list[int]]:
        texts: list[str] = []
        pillar_of: list[int] = []
        theme_of: list[int] = []
        for pi, pillar in enumerate(self.codebook.pillars):
            for text in prototype_texts(pillar):
                texts.append(text)
                pillar_of.append(pi)
                theme_of.append(-1)
            for theme in pillar.themes:
                ti = self.theme_codes.index(theme.code)
                for text in prototype_texts(theme):
                    texts.append(text)
                    pillar_of.append(pi)
                    theme_of.append(ti)
        return texts, pillar_of, theme_of

    def _build_prototypes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        texts, pillar_of, theme_of = self._prototype_rows()
        vectors = embed_cached(self.embedder, texts, self.cache)
        return vectors, np.array(pillar_of), np.array(theme_of), np.array(texts, dtype=object)

    def codebook_texts(self) -> list[str]:
        """Every text the coder embeds besides the fragments: prototypes and the guide texts of the temperature.

        Embedding these beforehand (with progress, into the cache) makes the
        coder's first use in a process a matter of cache look-ups.
        """
        guide = self._guide_texts()
        return [*self._prototype_rows()[0], *(guide[0] if guide is not None else []), *shipped_texts()]

    def prototype_table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Prototype vectors, their pillar and theme index (-1 = none) and their texts."""
        return self._prototypes()

    def _similarities(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        protos, pillar_of, theme_of, _ = self._prototypes()
        sims = one_thread_matmul(vectors, protos.T)
        return group_max(sims, pillar_of, len(self.pillar_codes)), group_max(sims, theme_of, len(self.theme_codes))

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

    def signals(self, items: Sequence[FragmentInput]) -> Signals:
        """Weighted logits of every active signal for ``items`` (before temperature)."""
        texts = [item.text for item in items]
        vectors = embed_cached(self.embedder, texts, self.cache)
        pillar: dict[str, np.ndarray] = {}
        theme: dict[str, np.ndarray] = {}
        config = self.config
        hits: np.ndarray | None = None
        best: np.ndarray | None = None
        if self.lexicon is not None:
            lp, lt = self.lexicon.score(texts)
            hits = lp.max(axis=1) if lp.shape[1] else np.zeros(len(texts))
            if "lexicon" in config.signals:
                pillar["lexicon"] = config.lexicon_weight * standardise(lp)
                theme["lexicon"] = config.lexicon_weight * standardise(lt)
        if "embedding" in config.signals or config.abstain:
            ep, et = self._similarities(vectors)
            best = ep.max(axis=1) if ep.shape[1] else np.zeros(len(texts))
            if "embedding" in config.signals:
                pillar["embedding"] = config.embedding_weight * standardise(ep)
                theme["embedding"] = config.embedding_weight * standardise(et)
        if "structure" in config.signals:
            sp, st = self._structure(items)
            pillar["structure"] = sp
            theme["structure"] = st
        background = None
        if config.abstain and len(texts):
            background = one_thread_matmul(vectors, self._background().T).max(axis=1)
        return Signals(pillar, theme, vectors, hits, best, background)

    def _background(self) -> np.ndarray:
        # the shipped domains are read once per process, so the embedder names the vectors
        key = ("background", self.embedder.name)
        return _CACHE.get_or_compute(key, lambda: embed_cached(self.embedder, list(shipped_texts()), self.cache))  # type: ignore[return-value]

    @property
    def temperature(self) -> float:
        """Zero-shot temperature (fitted on the guide unless configured)."""
        if self._temperature is None:
            self._temperature = self._fit_guide_temperature()
        return self._temperature

    def _guide_texts(self) -> tuple[list[str], list[int]] | None:
        """The guide's questions and probes with their pillar index (``None`` without a guide)."""
        guide = self._guide
        if guide is None:
            try:
                from coding.codebook import shipped_guide

                guide = shipped_guide()
            except Exception as exc:  # no guide shipped: fall back to 1
                log.warning("No guide to calibrate the zero-shot temperature on (%s); using 1.0", exc)
                return None
        texts: list[str] = []
        labels: list[int] = []
        for question in guide.questions:
            if question.pillar not in self.pillar_codes:
                continue
            for text in [question.text, *question.probes]:
                texts.append(text)
                labels.append(self.pillar_codes.index(question.pillar))
        return texts, labels

    def _fit_guide_temperature(self) -> float:
        rows = self._guide_texts()
        if rows is None or not rows[0]:
            return 1.0
        texts, labels = rows
        guide_key = hashlib.sha256(json.dumps([texts, labels], ensure_ascii=False).encode()).hexdigest()[:16]
        key = ("temperature", self.embedder.name, self.fingerprint, repr(self.config), guide_key)

        def fit() -> float:
            signals = self.signals([FragmentInput(t) for t in texts])
            logits = sum(signals.pillar.values())
            temperature = fit_temperature(np.asarray(logits), np.array(labels))
            log.info("Zero-shot temperature %.3f fitted on %d guide texts", temperature, len(texts))
            return temperature

        return float(_CACHE.get_or_compute(key, fit))  # type: ignore[arg-type]

    def _priors(self, signals: Signals, level: Literal["pillar", "theme"]) -> list[np.ndarray]:
        parts = signals.pillar if level == "pillar" else signals.theme
        t = self.temperature
        return [parts[name] / t for name in self.config.signals if name in parts]

    def zero_shot_logits(self, items: Sequence[FragmentInput]) -> tuple[np.ndarray, np.ndarray, Signals]:
        """Zero-shot pillar and theme logits (signals over the temperature) and the signals."""
        signals = self.signals(items)
        n = len(items)
        pillar = sum(self._priors(signals, "pillar"), np.zeros((n, len(self.pillar_codes))))
        theme = sum(self._priors(signals, "theme"), np.zeros((n, len(self.theme_codes))))
        return np.asarray(pillar), np.asarray(theme), signals

    def logits(self, items: Sequence[FragmentInput]) -> tuple[np.ndarray, np.ndarray]:
        """Pillar and theme log-probabilities (zero-shot blended with the learner)."""
        pillar, theme, _, _ = self._scored(items)
        return pillar, theme

    def _scored(self, items: Sequence[FragmentInput]) -> tuple[np.ndarray, np.ndarray, np.ndarray, Signals]:
        """Logits per level, the learned "niet relevant" probability and the signals."""
        pillar, theme, signals = self.zero_shot_logits(items)
        p_none = np.zeros(len(items))
        learner = self.learner
        if learner is not None and learner.features is not None:
            x = learner.features.transform([i.text for i in items], signals.embeddings)
            strength = self.config.reject_strength
            if learner.pillar is not None and learner.pillar.codes == self.pillar_codes:
                pillar, p_none = learner.pillar.adjust(pillar, x, learner.features, strength)
            if learner.theme is not None and learner.theme.codes == self.theme_codes:
                theme, _ = learner.theme.adjust(theme, x, learner.features, strength)
        return pillar, theme, p_none, signals

    # -- abstention and calibration
    def off_topic_threshold(self) -> float:
        """Maximum-similarity threshold under which a keyword-less fragment is off topic."""
        return off_topic_threshold(self.embedder.name, self.config.off_topic_similarity)

    def abstentions(self, items: Sequence[FragmentInput], signals: Signals, p_none: np.ndarray) -> list[str | None]:
        """The reason each fragment gets no code, or ``None``."""
        if not self.config.abstain:
            return [None] * len(items)
        keyword = signals.keyword_hits
        reasons = rule_reasons([i.text for i in items], [i.source == "document" for i in items], keyword)
        similarity = signals.max_similarity
        threshold = self.off_topic_threshold()
        far = np.zeros(len(items), dtype=bool)
        if signals.background is not None and keyword is not None and similarity is not None:
            margin = background_margin(self.embedder.name, self.config.background_margin)
            far = closer_to_background(signals.background, similarity, keyword, margin)
        none_at = self.config.none_threshold
        if self.learner is not None and self.learner.pillar is not None:
            none_at = max(none_at, self.learner.pillar.none_threshold)
        for row, reason in enumerate(reasons):
            if reason is not None:
                continue
            weak = keyword is None or keyword[row] < LEARNED_KEYWORD_MAX
            if p_none[row] > (none_at if weak else max(none_at, LEARNED_NONE_WITH_KEYWORD)):
                reasons[row] = "learned"
            elif keyword is not None and similarity is not None and keyword[row] <= 0 and similarity[row] < threshold:
                reasons[row] = "off_topic"
            elif far[row]:
                reasons[row] = "other_domain"
        return reasons

    def calibrate(self, logits: np.ndarray, keep: np.ndarray, groups: np.ndarray | None = None,
                  spare: np.ndarray | None = None) -> np.ndarray:
        """Per-batch prior correction over the rows in ``keep`` (see ``CoderConfig.batch_calibration``);
        rows in ``spare`` are left as they are."""
        if int(keep.sum()) < self.config.calibration_min_items:
            return logits
        out = prior_correction(logits, keep, self.config.batch_calibration, groups)
        if spare is not None and spare.any():
            out[spare] = logits[spare]
        return out

    # -- prediction
    def predict(self, items: Sequence[FragmentInput | str], progress: Progress | None = None) -> list[Prediction]:
        """Code ``items`` (fragments or plain texts) as one batch.

        Args:
            items: Fragments to code; a plain string is a fragment without question.
            progress: Optional callback ``progress(fraction, message)``.

        Returns:
            One :class:`Prediction` per item, in order; abstained ones have
            ``abstained`` set and an ``abstain_reason``.
        """
        fragments = [FragmentInput(i) if isinstance(i, str) else i for i in items]
        parts_p: list[np.ndarray] = []
        parts_t: list[np.ndarray] = []
        reasons: list[str | None] = []
        keywords: list[np.ndarray] = []
        batch = 256
        total = max(len(fragments), 1)
        for start in range(0, len(fragments), batch):
            chunk = fragments[start : start + batch]
            pillar_logits, theme_logits, p_none, signals = self._scored(chunk)
            parts_p.append(pillar_logits)
            parts_t.append(theme_logits)
            reasons.extend(self.abstentions(chunk, signals, p_none))
            if signals.keyword_hits is not None:
                keywords.append(signals.keyword_hits)
            if progress is not None:
                progress(min(1.0, (start + len(chunk)) / total), f"{start + len(chunk)}/{len(fragments)}")
        if progress is not None and not fragments:
            progress(1.0, "0/0")
        if not fragments:
            return []
        pillar_logits = np.vstack(parts_p)
        theme_logits = np.vstack(parts_t)
        groups = [f.group if f.source == "document" else None for f in fragments]
        if self.config.abstain and self.config.far_document and any(g is not None for g in groups):
            reasons = far_documents(reasons, groups, np.concatenate(keywords) if keywords else None,
                                    window=self.config.group_window)
        keep = np.array([r is None for r in reasons])
        # one document (or a few) is no cross-section of a scan: its paragraphs are not pulled toward even shares
        spared = np.array([g is not None for g in groups])
        if len({g for g in groups if g is not None}) >= self.config.calibration_min_documents:
            spared[:] = False
        pillar_logits = self.calibrate(pillar_logits, keep & ~spared, spare=spared)
        # the batch's confident guesses teach less as the analysts' own decisions in this scan teach more
        # (decisions of other scans say nothing about this scan's batch)
        learned = self.learner.pillar if self.learner is not None else None
        own = learned.own_weight if learned is not None else 0.0
        self_training = self.config.self_training * (1.0 - self.config.self_training_yield * own)
        if self_training > 0 and int(keep.sum()) >= self.config.calibration_min_items:
            pillar_logits = self_train([f.text for f in fragments], pillar_logits, keep, self.pillar_codes,
                                       share=self.config.self_training_share, weight=self_training,
                                       c=self.config.learner_c)
        if any(g is not None for g in groups):
            pillar_logits = context_prior(pillar_logits, keep, groups, self.config.group_prior,
                                          self.config.group_smoothing, self.config.group_window)
        theme_logits = self.calibrate(theme_logits, keep & ~spared, self.theme_pillar, spare=spared)
        results = self._decode(pillar_logits, theme_logits)
        for prediction, reason in zip(results, reasons, strict=True):
            if reason is not None:
                prediction.abstained = True
                prediction.abstain_reason = reason
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
        pillar_lists, theme_lists, order_lists = pillar_probs.tolist(), theme_probs.tolist(), pillar_order.tolist()
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
        """Learn from ``decisions`` (see :func:`coding.training.train` and :mod:`coding.learner`)."""
        from coding.training import train

        return train(self, decisions)


def train_learner(
    decisions: Sequence[DecisionExample],
    *,
    codebook: Codebook,
    embedder: str | Embedder | None = None,
    cache: EmbeddingCache | None = None,
    config: CoderConfig | None = None,
) -> Learner:
    """Learn from analysts' decisions what :class:`AutoCoder` blends with the codebook.

    accept/add/recode make ``code`` a positive, reject lowers ``code`` on
    similar fragments, irrelevant teaches "geen code"; decisions of other scans
    weigh ``config.other_scan_weight``. See :mod:`coding.learner`.

    Returns:
        A :class:`~coding.learner.Learner` for :class:`AutoCoder`.
    """
    coder = AutoCoder(codebook, embedder=embedder, cache=cache, config=config)
    return coder.train(decisions)

