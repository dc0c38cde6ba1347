"""Topic discovery over respondent fragments with BERTopic.

Finds recurring subjects across a scan (or a selection of interviews) that the
codebook may miss. Everything here is pure: the caller passes fragment ids,
texts, space-joined lemmas and the *cached* embeddings of each fragment; nothing
is embedded here and no embedder is ever loaded (BERTopic gets
``embedding_model=None`` and the embeddings as an argument).

The pipeline is BERTopic's own: PCA pre-reduction and UMAP (one reducer object
that also reports progress), HDBSCAN, then c-TF-IDF on the lemmatised text without
Dutch or English stop words (:mod:`coding.topic_words`). Parameters scale with the
number of fragments (:meth:`TopicSettings.for_size`) so the same code behaves on 200 fragments and
on 20,000, and a fixed ``random_state`` makes the same data give the same topics.

Example:
    >>> result, model = find_topics(ids, texts, lemmas, embeddings, codes=codes)
    >>> for topic in result.topics:
    ...     print(topic.label, topic.size, topic.is_gap)
    >>> figures = topic_figures(model, result)  # coding.topic_figures
"""

from __future__ import annotations

import functools
import json
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from coding.topic_coverage import coverage
from coding.topic_words import INTERVIEW_FILLERS, dutch_stop_words, topic_vectorizer
from texts import count, t

__all__ = [
    "INTERVIEW_FILLERS",
    "PILLARS",
    "TooFewFragments",
    "Topic",
    "TopicResult",
    "TopicSettings",
    "dutch_stop_words",
    "find_topics",
    "theme_suggestion",
]

logger = logging.getLogger(__name__)

PILLARS: tuple[str, ...] = ("BEW", "INF", "BEL", "INT", "COM")
"""Pillar codes of the resilience scan; theme codes look like ``"INF.meldpunt"``."""

ProgressCallback = Callable[[float, str], None]


class TooFewFragments(ValueError):
    """There are too few fragments to discover topics; the message is Dutch.

    Attributes:
        n: How many fragments were passed.
        needed: How many are needed at least.
    """

    def __init__(self, n: int, needed: int) -> None:
        self.n = n
        self.needed = needed
        super().__init__(t("topics.too_few", n=n, needed=needed))


@dataclass(frozen=True, kw_only=True)
class TopicSettings:
    """Tunable settings of topic discovery; ``None`` means "scaled from the corpus size".

    Call :meth:`for_size` to fill in every ``None`` for ``n`` fragments; the
    filled-in settings are stored with a result (:meth:`to_dict`) so a reload
    shows what was used without recomputing.

    Attributes:
        min_fragments: Fewer fragments than this raise :class:`TooFewFragments`.
        min_topic_size: Smallest topic (HDBSCAN ``min_cluster_size``).
        min_samples: HDBSCAN ``min_samples``; lower gives fewer outliers, higher fewer splits.
        n_neighbors: UMAP neighbourhood size.
        n_components: UMAP output dimensions that HDBSCAN clusters.
        pca_components: PCA pre-reduction before UMAP (0 switches it off).
        n_epochs: UMAP optimisation epochs; fewer for big corpora.
        init: UMAP initialisation; spectral is better but slow on big corpora, so
            those start from PCA.
        min_dist: UMAP ``min_dist`` (0 packs clusters tightly, good for clustering).
        metric: UMAP metric on the (pre-reduced) embeddings.
        low_memory: UMAP/pynndescent low-memory nearest neighbours.
        random_state: Seed for PCA and UMAP; the same data gives the same topics.
        top_n_words: Words kept per topic.
        label_words: Words in a topic label.
        n_representatives: Representative fragments per topic.
        representative_max_similarity: Representatives more similar than this
            (cosine) to an earlier pick are skipped as near-duplicates.
        ngram_range: Word n-grams of the topic words.
        core_dist_n_jobs: HDBSCAN worker processes for core distances.
        pillars: Known pillar codes; spread is normalised over their number.
        gap_share: A topic is a possible gap when at least this share of its
            fragments carries no theme (see :mod:`coding.topic_coverage`).
        extra_stop_words: Stop words on top of :func:`coding.topic_words.topic_stop_words`.
    """

    min_fragments: int = 50
    min_topic_size: int | None = None
    min_samples: int | None = None
    n_neighbors: int | None = None
    n_components: int = 5
    pca_components: int = 50
    n_epochs: int | None = None
    init: str | None = None
    min_dist: float = 0.0
    metric: str = "cosine"
    low_memory: bool = True
    random_state: int = 42
    top_n_words: int = 10
    label_words: int = 4
    n_representatives: int = 3
    representative_max_similarity: float = 0.9
    ngram_range: tuple[int, int] = (1, 1)
    core_dist_n_jobs: int = 2
    pillars: tuple[str, ...] = PILLARS
    gap_share: float = 0.5
    extra_stop_words: tuple[str, ...] = ()

    def for_size(self, n: int) -> TopicSettings:
        """Return these settings with every ``None`` scaled for ``n`` fragments.

        Topics grow with the corpus (about 1 % of the fragments, 10 to 150) while
        ``min_samples`` stays at most 10 (so big corpora do not lose most
        fragments as outliers), the UMAP neighbourhood grows slowly (15 to 25),
        and big corpora get fewer epochs and a PCA start so 20,000 fragments
        take well under two minutes on two cores.

        Args:
            n: Number of fragments.

        Returns:
            Settings without ``None`` values.
        """
        min_topic_size = self.min_topic_size or int(np.clip(round(n / 100), 10, 150))
        min_samples = self.min_samples or min(min_topic_size, 10)
        n_neighbors = self.n_neighbors or int(np.clip(round(math.sqrt(n) / 3), 15, 25))
        if self.n_epochs is not None:
            n_epochs = self.n_epochs
        elif n <= 2_000:
            n_epochs = 200
        elif n <= 10_000:
            n_epochs = 120
        else:
            n_epochs = 80
        return replace(
            self,
            min_topic_size=min_topic_size,
            min_samples=min(min_samples, min_topic_size),
            n_neighbors=min(n_neighbors, max(2, n - 1)),
            n_epochs=n_epochs,
            init=self.init or ("spectral" if n <= 5_000 else "pca"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as plain JSON-ready data (tuples become lists)."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TopicSettings:
        """Rebuild settings from :meth:`to_dict` output; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {
            key: tuple(value) if isinstance(value, list) else value for key, value in data.items() if key in known
        }
        return cls(**values)


@dataclass
class Topic:
    """One discovered topic.

    Attributes:
        id: BERTopic topic id (0 is the largest topic; outliers are not topics).
        size: Number of fragments.
        words: Top words with their c-TF-IDF weight, best first.
        label: The first few words joined.
        fragment_ids: Fragments in this topic.
        representative_ids: Fragments closest to the topic centroid, closest first.
        pillar_counts: Fragments per pillar among the codes passed in.
        theme_counts: Fragments per theme code (``"INF.meldpunt"``).
        uncoded: Fragments without any code.
        without_theme: Fragments without a theme (uncoded, or a pillar alone).
        novelty: 0..1, share without a theme plus spread over pillars: what the codebook misses.
        is_gap: At least half of the fragments carry no theme: the codebook does not cover the topic.
        x: Horizontal position of the topic on the 2-D document map.
        y: Vertical position of the topic on the 2-D document map.
    """

    id: int
    size: int
    words: list[tuple[str, float]]
    label: str
    fragment_ids: list[int]
    representative_ids: list[int]
    pillar_counts: dict[str, int] = field(default_factory=dict)
    theme_counts: dict[str, int] = field(default_factory=dict)
    uncoded: int = 0
    without_theme: int = 0
    novelty: float = 0.0
    is_gap: bool = False
    x: float = 0.0
    y: float = 0.0


@dataclass
class TopicResult:
    """Topics of one run, ready to be stored.

    Attributes:
        topics: Topics, largest first; outliers are not a topic.
        outliers: Fragments that belong to no topic.
        settings: The filled-in :class:`TopicSettings` as a dict.
        seconds: Wall-clock time of the run.
        n: Number of fragments.
    """

    topics: list[Topic]
    outliers: int
    settings: dict[str, Any]
    seconds: float
    n: int

    def to_json(self) -> str:
        """Serialise the result for storage in the database."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TopicResult:
        """Load a result stored with :meth:`to_json`.

        A result stored before topics counted their fragments without a theme
        flagged a topic spread over pillars as a gap; it is read with the
        current rule on what it knows (its uncoded fragments).
        """
        data = json.loads(text)
        topics = [
            Topic(**{**topic, "words": [(str(word), float(weight)) for word, weight in topic["words"]]})
            for topic in data.pop("topics")
        ]
        for topic, raw in zip(topics, json.loads(text)["topics"], strict=True):
            if "without_theme" not in raw:
                topic.without_theme = topic.uncoded
                topic.is_gap = topic.size > 0 and topic.uncoded / topic.size >= 0.5
        return cls(topics=topics, **data)

    def topic_of(self) -> dict[int, int]:
        """Map each fragment id in a topic to its topic id (outliers are absent)."""
        return {fragment_id: topic.id for topic in self.topics for fragment_id in topic.fragment_ids}


def find_topics(
    fragment_ids: list[int],
    texts: list[str],
    lemmas: list[str],
    embeddings: np.ndarray,
    *,
    codes: dict[int, list[str]] | None = None,
    settings: TopicSettings | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[TopicResult, Any]:
    """Discover topics across fragments with BERTopic on cached embeddings.

    Args:
        fragment_ids: Id of each fragment.
        texts: Text of each fragment (kept for the document map; topic words come from ``lemmas``).
        lemmas: Space-joined lemmas of each fragment; c-TF-IDF is computed on these.
        embeddings: ``n × d`` cached embeddings, one row per fragment; never recomputed.
        codes: Fragment id to the codes it carries (``"BEW"``, ``"INF.meldpunt"``).
        settings: Settings; ``None`` values are scaled to the number of fragments.
        progress: Called as ``progress(fraction, dutch_message)`` at each stage.

    Returns:
        The result and the fitted BERTopic model (for BERTopic's own figures,
        see :func:`coding.topic_figures.topic_figures`).

    Raises:
        TooFewFragments: Fewer fragments than ``settings.min_fragments``.
        ValueError: The inputs do not have the same length.
    """
    started = time.perf_counter()
    n = len(fragment_ids)
    vectors = np.asarray(embeddings, dtype=np.float32)
    if not (len(texts) == len(lemmas) == n == (vectors.shape[0] if vectors.ndim == 2 else -1)):
        raise ValueError(
            t(
                "topics.bad_input",
                fragments=n,
                texts=len(texts),
                lemmas=len(lemmas),
                embeddings=vectors.shape[0] if vectors.ndim == 2 else 0,
            )
        )
    settings = (settings or TopicSettings()).for_size(n)
    if n < settings.min_fragments:
        raise TooFewFragments(n, settings.min_fragments)

    report = progress or _no_progress
    report(0.0, t("topics.progress.preparing"))
    vectors = _normalise(vectors)
    model = _build_model(settings, n, report)
    logger.info("topics: %d fragments, settings %s", n, settings.to_dict())
    labels = np.asarray(model.fit_transform(lemmas, embeddings=vectors)[0], dtype=int)
    model.umap_model.report = _no_progress  # drop the caller's callback: the model stays picklable
    model.hdbscan_model.on_fitted = None

    report(0.9, t("topics.progress.summarising"))
    document_map = model.umap_model.map_2d_
    topics = [
        _describe(model, topic_id, labels, fragment_ids, vectors, document_map, codes or {}, settings)
        for topic_id in sorted(set(labels.tolist()) - {-1})
    ]
    result = TopicResult(
        topics=topics,
        outliers=int((labels == -1).sum()),
        settings=settings.to_dict(),
        seconds=round(time.perf_counter() - started, 3),
        n=n,
    )
    report(
        1.0,
        t(
            "topics.progress.done",
            topics=count(len(topics), "onderwerp"),
            outliers=count(result.outliers, "fragment"),
        ),
    )
    return result, model


def theme_suggestion(topic: Topic) -> tuple[str, str]:
    """Suggest a Dutch theme name and description for a topic ("Nieuw thema maken").

    Args:
        topic: A discovered topic.

    Returns:
        ``(name, description)``, e.g. ``("Meldpunt, signaal en melden", "Nieuw thema ...")``.
    """
    words = [word for word, _ in topic.words if word]
    name = _join_dutch(words[:3]) or t("topics.no_words", id=topic.id)
    description = t(
        "topics.theme_description",
        fragments=count(topic.size, "fragment"),
        uncoded=topic.uncoded,
        words=_join_dutch(words[:8]) or name,
    )
    return name[:1].upper() + name[1:], description




# --- pipeline ------------------------------------------------------------------


class _Reducer:
    """PCA pre-reduction then UMAP, in BERTopic's ``umap_model`` contract, with progress.

    After fitting, ``map_2d_`` holds a cheap 2-D view (PCA of the UMAP output)
    for the document map.
    """

    def __init__(self, settings: TopicSettings, n: int, report: ProgressCallback) -> None:
        self.settings = settings
        self.n = n
        self.report = report
        self.pca: Any = None
        self.umap: Any = None
        self.map_2d_: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: Any = None) -> _Reducer:
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: np.ndarray, y: Any = None) -> np.ndarray:
        from sklearn.decomposition import PCA
        from umap import UMAP

        settings = self.settings
        self.report(0.05, t("topics.progress.reducing", fragments=count(self.n, "fragment")))
        reduced = X
        if 0 < settings.pca_components < min(X.shape):
            self.pca = PCA(n_components=settings.pca_components, random_state=settings.random_state)
            reduced = self.pca.fit_transform(X)
        self.umap = UMAP(
            n_neighbors=settings.n_neighbors,
            n_components=settings.n_components,
            min_dist=settings.min_dist,
            metric=settings.metric,
            n_epochs=settings.n_epochs,
            init=settings.init,
            low_memory=settings.low_memory,
            random_state=settings.random_state,
            n_jobs=1,
        )
        embedded = np.asarray(self.umap.fit_transform(reduced, y=y))
        self.map_2d_ = _plane(embedded)
        self.report(0.55, t("topics.progress.clustering"))
        return embedded

    def transform(self, X: np.ndarray) -> np.ndarray:
        reduced = self.pca.transform(X) if self.pca is not None else X
        return np.asarray(self.umap.transform(reduced))


@functools.cache
def _reporting_hdbscan() -> type:
    """Return an HDBSCAN subclass that calls ``on_fitted()`` when clustering is done."""
    import hdbscan

    class ReportingHDBSCAN(hdbscan.HDBSCAN):
        on_fitted: Callable[[], None] | None = None

        def fit(self, X: np.ndarray, y: Any = None) -> ReportingHDBSCAN:
            super().fit(X, y)
            if self.on_fitted is not None:
                self.on_fitted()
            return self

    ReportingHDBSCAN.__qualname__ = ReportingHDBSCAN.__name__ = "ReportingHDBSCAN"
    ReportingHDBSCAN.__module__ = __name__  # pickled by name, found again via __getattr__ below
    return ReportingHDBSCAN


def __getattr__(name: str) -> Any:
    """Resolve ``ReportingHDBSCAN`` lazily (it subclasses an optional heavy import)."""
    if name == "ReportingHDBSCAN":
        return _reporting_hdbscan()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _build_model(settings: TopicSettings, n: int, report: ProgressCallback) -> Any:
    """Assemble BERTopic from its stages; no embedder is created or loaded."""
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    clusterer = _reporting_hdbscan()(
        min_cluster_size=settings.min_topic_size,
        min_samples=settings.min_samples,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=False,
        core_dist_n_jobs=settings.core_dist_n_jobs,
    )
    clusterer.on_fitted = lambda: report(0.7, t("topics.progress.describing"))
    vectorizer = topic_vectorizer(settings.extra_stop_words, settings.ngram_range)
    return BERTopic(
        language="dutch",  # only stops BERTopic's English-only text cleaning; no embedder is loaded
        embedding_model=None,
        umap_model=_Reducer(settings, n, report),
        hdbscan_model=clusterer,
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=settings.top_n_words,
        min_topic_size=settings.min_topic_size,
        calculate_probabilities=False,
        low_memory=True,
        verbose=False,
    )


def _describe(
    model: Any,
    topic_id: int,
    labels: np.ndarray,
    fragment_ids: Sequence[int],
    vectors: np.ndarray,
    document_map: np.ndarray | None,
    codes: dict[int, list[str]],
    settings: TopicSettings,
) -> Topic:
    """Turn one BERTopic topic into a :class:`Topic` with code counts and novelty."""
    members = np.flatnonzero(labels == topic_id)
    member_ids = [int(fragment_ids[int(i)]) for i in members]
    words = [(str(word), round(float(weight), 6)) for word, weight in (model.get_topic(topic_id) or []) if word]

    representatives = _representatives(vectors[members], settings)

    covered = coverage(member_ids, codes, n_pillars=len(settings.pillars), gap_share=settings.gap_share)
    x, y = document_map[members].mean(axis=0).tolist() if document_map is not None else (0.0, 0.0)
    return Topic(
        id=int(topic_id),
        size=len(member_ids),
        words=words,
        label=", ".join(word for word, _ in words[: settings.label_words]) or t("topics.no_words", id=topic_id),
        fragment_ids=member_ids,
        representative_ids=[member_ids[i] for i in representatives],
        pillar_counts=covered.pillar_counts,
        theme_counts=covered.theme_counts,
        uncoded=covered.uncoded,
        without_theme=covered.without_theme,
        novelty=covered.novelty,
        is_gap=covered.is_gap,
        x=round(float(x), 4),
        y=round(float(y), 4),
    )


def _representatives(members: np.ndarray, settings: TopicSettings) -> list[int]:
    """Pick fragments closest to the topic centroid, skipping near-duplicates of earlier picks.

    Args:
        members: Unit-length embeddings of the topic's fragments.
        settings: Supplies ``n_representatives`` and ``representative_max_similarity``.

    Returns:
        Row indices into ``members``, most central first.
    """
    order = np.argsort(-(members @ members.mean(axis=0)), kind="stable")
    chosen: list[int] = []
    for index in order[: max(50, 10 * settings.n_representatives)].tolist():
        if all(float(members[index] @ members[other]) < settings.representative_max_similarity for other in chosen):
            chosen.append(index)
            if len(chosen) == settings.n_representatives:
                return chosen
    # Too few distinct fragments: fill up with the most central remaining ones.
    return (
        chosen + [index for index in order.tolist() if index not in chosen][: settings.n_representatives - len(chosen)]
    )


def _normalise(vectors: np.ndarray) -> np.ndarray:
    """Return unit-length rows (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _plane(points: np.ndarray) -> np.ndarray:
    """Project points onto their first two principal axes (deterministic)."""
    centred = points - points.mean(axis=0)
    if centred.shape[1] <= 2:
        return np.pad(centred, ((0, 0), (0, 2 - centred.shape[1])))
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    vt *= np.sign(vt[:, :1] + 1e-12)  # fix the sign so reruns draw the same picture
    return np.asarray(centred @ vt[:2].T)


def _join_dutch(words: list[str]) -> str:
    """Join words Dutch-style: ``"a, b en c"``."""
    if len(words) < 2:
        return "".join(words)
    return t("topics.words_and", head=", ".join(words[:-1]), last=words[-1])


def _no_progress(fraction: float, message: str) -> None:
    """Progress callback that does nothing."""
