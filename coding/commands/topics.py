"""``python -m coding topics --jsonl FILE``: discover topics in fragments from a JSONL file.

Each line is ``{"text": ...}`` (optionally ``"id"`` and ``"codes"``). The texts
are embedded with a small offline stand-in embedder (character n-gram TF-IDF
followed by truncated SVD) and lemmatised with spaCy's Dutch lookup tables; the
app itself passes the cached embeddings of its real embedder instead. The
result is printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

from texts import T, t

logger = logging.getLogger(__name__)

HELP = T["topics.cli.help"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``topics`` options to ``parser``."""
    parser.add_argument("--jsonl", required=True, type=Path, help=T["topics.cli.jsonl"])
    parser.add_argument("--min-topic-size", type=int, default=None, help=T["topics.cli.min_topic_size"])


def run(args: argparse.Namespace) -> int:
    """Read fragments, embed them offline, find topics and print the result as JSON."""
    from coding.topics import TooFewFragments, TopicSettings, find_topics

    path: Path = args.jsonl
    if not path.is_file():
        print(t("topics.cli.no_file", path=path), file=sys.stderr)
        return 2
    ids: list[int] = []
    texts: list[str] = []
    codes: dict[int, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = str(row["text"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            print(t("topics.cli.bad_line", line=number, path=path, error=error), file=sys.stderr)
            return 2
        fragment_id = int(row.get("id", len(ids)))
        ids.append(fragment_id)
        texts.append(text)
        if row.get("codes"):
            codes[fragment_id] = [str(code) for code in row["codes"]]

    settings = TopicSettings(min_topic_size=args.min_topic_size)
    try:
        result, _ = find_topics(
            ids, texts, lemmatise(texts), char_ngram_embeddings(texts), codes=codes, settings=settings
        )
    except TooFewFragments as error:
        print(error, file=sys.stderr)
        return 1
    print(result.to_json())
    return 0


def char_ngram_embeddings(texts: list[str], *, dimensions: int = 256, random_state: int = 42) -> np.ndarray:
    """Embed texts offline: character 2-4-gram TF-IDF reduced with truncated SVD.

    A quick stand-in for a sentence embedder (used by this command, the
    benchmark and the tests); similar wording gives similar vectors.

    Args:
        texts: Texts to embed.
        dimensions: Output dimensions (fewer when the vocabulary is smaller).
        random_state: Seed of the randomised SVD.

    Returns:
        An ``n × dimensions`` float32 array with unit-length rows.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=50_000)
    matrix = tfidf.fit_transform(texts)
    components = max(2, min(dimensions, matrix.shape[1] - 1, len(texts) - 1))
    reduced = TruncatedSVD(n_components=components, random_state=random_state).fit_transform(matrix)
    return np.asarray(normalize(reduced), dtype=np.float32)


def lemmatise(texts: list[str]) -> list[str]:
    """Return the space-joined lowercase lemmas of each text (spaCy Dutch lookup lemmatizer).

    Uses a blank Dutch pipeline, so no trained spaCy model is needed.
    """
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return [
        " ".join(token.lemma_.lower() for token in doc if not (token.is_punct or token.is_space))
        for doc in nlp.pipe(texts, batch_size=256)
    ]
