"""The one Dutch NLP toolkit of Weerbaar: a spaCy pipeline and lemmas, loaded once.

Segmentation (:mod:`coding.segmenter`), codebook matching
(:mod:`coding.lexicon`), topic discovery (:mod:`coding.topics`, ``python -m
coding topics``) and the person names of the PII check (:mod:`coding.pii`) all
take their Dutch pipeline and lemmas from here, so they lemmatise alike and the
pipeline is built once per process.

The pipeline is a trained Dutch pipeline (``nl_core_news_md``, ``_sm`` or
``_lg``) when one is installed, else ``spacy.blank("nl")`` with a sentencizer
and the lookup lemmatizer from spacy-lookups-data. Nothing is downloaded. A
trained pipeline's NER is loaded but disabled: only :func:`entity_docs` runs it.

Thread safety: the live interview assistant uses these functions from a
background thread while a page uses them in the main thread. Building the
pipeline and loading the lookup table happen under a lock (once); after that
the objects are only read. spaCy's ``select_pipes`` changes the pipeline while
it is active, so runs that select pipes are serialised with a second lock.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when the pipeline is built, so importing this module stays cheap
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

BATCH_SIZE = 64
TRAINED_PIPELINES = ("nl_core_news_md", "nl_core_news_sm", "nl_core_news_lg")
"""Trained Dutch pipelines used instead of the blank one when installed, in this order."""

_BUILD_LOCK = threading.Lock()
_RUN_LOCK = threading.RLock()
_PIPELINE: Language | None = None
_LOOKUP: tuple[dict[str, str], frozenset[str]] | None = None


def get_pipeline() -> Language:
    """Return the Dutch pipeline, built once (thread-safe).

    Returns:
        The shared pipeline; do not change it.
    """
    global _PIPELINE
    if _PIPELINE is not None:
        return _PIPELINE
    with _BUILD_LOCK:
        if _PIPELINE is None:
            _PIPELINE = _build_pipeline()
        return _PIPELINE


def _build_pipeline() -> Language:
    import spacy

    for name in TRAINED_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            try:
                nlp = spacy.load(name, disable=["ner"])  # only entity_docs() runs the NER
            except Exception:  # a broken model install must not stop the app
                logger.warning("could not load %s; using the blank Dutch pipeline", name, exc_info=True)
                break
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            logger.info("using trained pipeline %s", name)
            return nlp
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def pipeline_name() -> str:
    """Say which pipeline is active, e.g. ``"nl_core_news_md 3.8.0"``."""
    nlp = get_pipeline()
    if nlp.meta.get("name") and nlp.meta.get("name") != "pipeline":
        return f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta.get('version', '')}".strip()
    return "spacy.blank('nl') + sentencizer + lookup-lemmatizer"


def sentence_pipes(nlp: Language) -> list[str]:
    """Pipes to run for sentence boundaries: the sentence pipe and what it listens to."""
    names = nlp.pipe_names
    if "sentencizer" in names:
        return ["sentencizer"]
    if "senter" in names:
        return [name for name in names if name in ("tok2vec", "senter")]
    return [name for name in names if name in ("tok2vec", "tagger", "morphologizer", "parser")]


def lemma_pipes(nlp: Language) -> list[str]:
    """Pipes needed for lemmas (everything before and including the lemmatizer, except sentence pipes)."""
    names = nlp.pipe_names
    if "lemmatizer" not in names:
        return []
    needed = names[: names.index("lemmatizer") + 1]
    return [name for name in needed if name not in ("sentencizer", "senter", "parser", "ner")]


def docs(texts: Iterable[str], pipes: list[str]) -> Iterator[Doc]:
    """Run only ``pipes`` of the shared pipeline over ``texts`` (batched, one run at a time)."""
    nlp = get_pipeline()
    with _RUN_LOCK:
        texts = list(texts)  # the lock must not be held across the caller's iteration
        with nlp.select_pipes(enable=pipes):
            done = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    yield from done


def tokenize(text: str) -> Doc:
    """Only the tokenizer of the shared pipeline over ``text`` (no pipes run): for rule matching."""
    nlp = get_pipeline()
    with _RUN_LOCK:
        return nlp.make_doc(text)


NER_PIPE = "ner"
NOT_FOR_ENTITIES = ("lemmatizer", "parser")
"""Pipes the entity recogniser does not need (skipped for speed)."""


def has_entities() -> bool:
    """Whether the shared pipeline can recognise named entities (a trained pipeline; the blank one cannot).

    Without an installed trained pipeline this answers without building the pipeline.
    """
    if _PIPELINE is None and not any(importlib.util.find_spec(name) for name in TRAINED_PIPELINES):
        return False
    return NER_PIPE in get_pipeline().component_names


def entity_docs(texts: Iterable[str]) -> list[Doc]:
    """Run the shared pipeline with its NER over ``texts`` (one run at a time); ``[]`` without NER.

    The NER is enabled only during this run and disabled again afterwards, under
    the run lock, so the other users of the pipeline never run it.
    """
    nlp = get_pipeline()
    if NER_PIPE not in nlp.component_names:
        return []
    with _RUN_LOCK:
        texts = list(texts)
        was_disabled = NER_PIPE in nlp.disabled
        if was_disabled:
            nlp.enable_pipe(NER_PIPE)
        try:
            with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name not in NOT_FOR_ENTITIES]):
                return list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        finally:
            if was_disabled:
                nlp.disable_pipe(NER_PIPE)


def lemmatize(text: str) -> list[str]:
    """Return the lower-case lemmas of the word tokens in ``text``.

    Example:
        ``lemmatize("Wij liepen naar huis.")`` gives ``["wij", "lopen", "naar", "huis"]``.
    """
    return lemmatize_many([text])[0]


def lemmatize_many(texts: list[str]) -> list[list[str]]:
    """Lemmatize many texts at once with ``nlp.pipe`` (sentence boundaries are skipped)."""
    nlp = get_pipeline()
    return [doc_lemmas(doc) for doc in docs(texts, lemma_pipes(nlp))]


def lemma_texts(texts: list[str]) -> list[str]:
    """The space-joined lower-case lemmas of each text (the input of topic representations)."""
    return [" ".join(lemmas) for lemmas in lemmatize_many(texts)]


def doc_lemmas(doc: Doc) -> list[str]:
    """Lower-case lemmas of the word tokens of a processed ``doc``."""
    return [
        (token.lemma_ or token.text).lower()
        for token in doc
        if not (token.is_punct or token.is_space) and any(char.isalnum() for char in token.text)
    ]


def lookup_table() -> tuple[dict[str, str], frozenset[str]]:
    """spaCy's Dutch lemma lookup table (form -> lemma) and every form and lemma in it (thread-safe).

    The table is the ``lemma_lookup`` data of ``spacy-lookups-data`` (the data
    of the blank pipeline's lookup lemmatizer) as a plain ``dict`` keyed by the
    word form, without a hash per lookup. Loaded once.

    Raises:
        ValueError: When spacy-lookups-data has no Dutch table.
    """
    global _LOOKUP
    if _LOOKUP is not None:
        return _LOOKUP
    with _BUILD_LOCK:
        if _LOOKUP is None:
            _LOOKUP = _load_lookup()
        return _LOOKUP


def _load_lookup() -> tuple[dict[str, str], frozenset[str]]:
    from spacy.lookups import load_language_data
    from spacy.util import registry

    if "nl" not in registry.lookups or "lemma_lookup" not in registry.lookups.get("nl"):
        raise ValueError("No Dutch lemma_lookup table; install spacy-lookups-data")
    data = load_language_data(registry.lookups.get("nl")["lemma_lookup"])
    if not isinstance(data, dict):
        raise ValueError("Unexpected format of the Dutch lemma_lookup table")
    table = {str(k): str(v) for k, v in data.items()}
    return table, frozenset(table) | frozenset(table.values())
