"""``python -m coding topics --jsonl FILE``: discover topics in fragments from a JSONL file.

Each line is ``{"text": ...}`` (optionally ``"id"`` and ``"codes"``). The texts
are embedded with a small offline stand-in embedder (character n-gram TF-IDF
followed by truncated SVD, :mod:`coding.embedders.char_ngram`) and lemmatised
with the shared Dutch pipeline (:mod:`coding.nlp`); the
app itself passes the cached embeddings of its real embedder instead. The
result is printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from texts import T, t

logger = logging.getLogger(__name__)

HELP = T["topics.cli.help"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``topics`` options to ``parser``."""
    parser.add_argument("--jsonl", required=True, type=Path, help=T["topics.cli.jsonl"])
    parser.add_argument("--min-topic-size", type=int, default=None, help=T["topics.cli.min_topic_size"])


def run(args: argparse.Namespace) -> int:
    """Read fragments, embed them offline, find topics and print the result as JSON."""
    from coding.embedders.char_ngram import char_ngram_embeddings
    from coding.nlp import lemma_texts
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
            ids, texts, lemma_texts(texts), char_ngram_embeddings(texts), codes=codes, settings=settings
        )
    except TooFewFragments as error:
        print(error, file=sys.stderr)
        return 1
    print(result.to_json())
    return 0
