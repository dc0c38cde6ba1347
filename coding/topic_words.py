"""The words that may describe a topic: Dutch content words, no stop words of either language.

Split from :mod:`coding.topics`: the stop-word lists and the c-TF-IDF vectorizer
built from them. A topic's top words must say what the topic is about, so Dutch
stop words (spaCy's list), spoken-Dutch fillers ("nou", "gewoon", "eigenlijk"),
English stop words (a Teams transcript quotes English: "the, that, to, so"),
numbers and one-letter tokens are never topic words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

# fmt: off
INTERVIEW_FILLERS: tuple[str, ...] = (
    "ja", "nee", "nou", "eigenlijk", "gewoon", "wel", "heel", "even", "dus", "natuurlijk", "beetje", "echt",
    "zeg", "zeggen", "weet", "weten", "denk", "denken", "vind", "vinden", "soort", "ding", "dingen", "zo'n",
    "zo’n", "hè", "he", "hoor", "toch", "oké", "oke", "okay", "uh", "uhm", "eh", "ehm", "hmm", "goed", "precies",
    "inderdaad", "misschien", "best", "gaan", "komen", "maken", "zien", "staan", "zitten", "liggen", "krijgen",
    "geven", "vrij", "redelijk", "wellicht", "eens", "allemaal", "iets", "mens", "mensen", "keer", "gaat", "ga",
    "gedaan", "via", "daar", "hier", "nog", "ook", "tja", "jij", "jullie",
)
# fmt: on
"""Words that fill spoken Dutch but say nothing about a topic (surface forms and lemmas)."""

DUTCH_WORDS_IN_ENGLISH_STOP_WORDS: frozenset[str] = frozenset({"been", "detail", "front", "last", "made", "top"})
"""English stop words that are also Dutch content words ("de ambtelijke top", "last hebben van"): kept."""

TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
"""Tokens of two or more letters: no numbers, no one-letter leftovers."""

_TOKEN = re.compile(TOKEN_PATTERN)


@functools.cache
def dutch_stop_words() -> list[str]:
    """Return Dutch stop words for the topic words: spaCy's list plus interview fillers.

    Multi-part entries (``"zo'n"``) also contribute their parts, so the list is
    consistent with the tokenizer.
    """
    from spacy.lang.nl.stop_words import STOP_WORDS

    words = {word.lower() for word in STOP_WORDS} | set(INTERVIEW_FILLERS)
    words |= {part for word in list(words) for part in _TOKEN.findall(word)}
    return sorted(words)


@functools.cache
def english_stop_words() -> list[str]:
    """English stop words (scikit-learn's list) that are not also Dutch content words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(set(ENGLISH_STOP_WORDS) - DUTCH_WORDS_IN_ENGLISH_STOP_WORDS)


def topic_stop_words(extra: Iterable[str] = ()) -> list[str]:
    """Every word that may not describe a topic: Dutch and English stop words, fillers and ``extra``."""
    return sorted(set(dutch_stop_words()) | set(english_stop_words()) | {word.lower() for word in extra} | {"emptydoc"})


def topic_vectorizer(extra_stop_words: Iterable[str] = (), ngram_range: tuple[int, int] = (1, 1)) -> Any:
    """The word counter behind the c-TF-IDF topic words (scikit-learn ``CountVectorizer``)."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        stop_words=topic_stop_words(extra_stop_words),
        token_pattern=TOKEN_PATTERN,
        ngram_range=ngram_range,
        lowercase=True,
    )
