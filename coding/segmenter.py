"""Dutch spaCy pipeline and the fragments (quotable segments) of a turn.

A fragment is a sentence or a short run of sentences inside one turn: very
short sentences (under :data:`MIN_CHARS` characters or :data:`MIN_WORDS` words)
are merged with a neighbour, very long sentences are cut at ``;`` or ``,``
(never mid-word) to stay under ``max_chars``, and fillers and backchannels
("ja", "hm", "precies", "oké") never become a fragment of their own: alone they
are dropped, next to content they are merged into it.

Offsets are Python string indices into the turn text (code points, end
exclusive), pointing at trimmed text, so ``turn_text[start:end] == text``.

Which turns to segment is the caller's decision: interviewer turns are
questions, not quotes, and the caller (who knows the interviewer) leaves them
out. The command line ``python -m coding segment`` cannot know the interviewer
and segments every turn.

The pipeline and the lemmas come from :mod:`coding.nlp` (one Dutch pipeline
per process); ``get_pipeline``, ``pipeline_name``, ``lemmatize`` and
``lemmatize_many`` are re-exported here for existing callers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coding.nlp import docs as _docs
from coding.nlp import get_pipeline, lemmatize, lemmatize_many, pipeline_name
from coding.nlp import sentence_pipes as _sentence_pipes

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MAX_CHARS",
    "Segment",
    "get_pipeline",
    "is_filler",
    "lemmatize",
    "lemmatize_many",
    "merge_segments",
    "pipeline_name",
    "segment_many",
    "segment_text",
    "sentence_boundaries",
    "split_segment",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 600
"""A fragment longer than this is cut (at sentence boundaries, else at ``;``/``,``)."""
MIN_CHARS = 40
"""A sentence shorter than this is merged with its neighbour ..."""
MIN_WORDS = 5
"""... as is a sentence with fewer words than this."""
TARGET_CHARS = 300
"""A short sentence joins the fragment before it only while that stays under this length."""

FILLER_WORDS = frozenset(
    {
        "ja",
        "jaja",
        "jawel",
        "jazeker",
        "nee",
        "neen",
        "hm",
        "hmm",
        "hmhm",
        "hmmm",
        "mm",
        "mmm",
        "mhm",
        "mm-hmm",
        "mmhmm",
        "uh",
        "uhm",
        "uh-huh",
        "eh",
        "ehm",
        "euh",
        "euhm",
        "ah",
        "aha",
        "oh",
        "o",
        "oké",
        "oke",
        "okee",
        "okay",
        "ok",
        "precies",
        "klopt",
        "inderdaad",
        "zeker",
        "nou",
        "tja",
        "ach",
        "goed",
        "prima",
        "juist",
        "helemaal",
        "absoluut",
        "duidelijk",
        "tuurlijk",
        "natuurlijk",
        "zo",
        "echt",
        "yes",
        "yeah",
        "yep",
        "right",
        "sure",
    }
)
"""Words that, on their own or together ("nou ja", "ja ja", "oké, precies"), are a backchannel."""

_ANNOTATION_RE = re.compile(r"^(?:\s*(?:<+[^<>]*>+|\[[^\]]*\]|\([^)]*\)|//[^/]*//)\s*)+$")
_NON_WORD_RE = re.compile(r"[^\w\s-]+")
_SOFT_BREAK_RE = re.compile(r"[;:]\s|,\s|\s[-–—]\s")


@dataclass(frozen=True)
class Segment:
    """A fragment of a turn.

    Attributes:
        start: Offset of the first character in the turn text.
        end: Offset after the last character (exclusive).
        text: ``turn_text[start:end]``.
    """

    start: int
    end: int
    text: str


# -------------------------------------------------------------------- fillers


def is_filler(text: str) -> bool:
    """Whether ``text`` is only a filler or backchannel.

    "ja", "hm", "precies", "oké", "nou ja", "ja ja", "mm-hmm", "klopt" and
    combinations ("Ja, precies."), and annotations alone ("<gelach>",
    "[Tune]", "(lacht)", "//ja//") are fillers; anything with content is not.
    """
    if len(text) > 80:
        return False
    if not text.strip() or _ANNOTATION_RE.match(text):
        return True
    words = [word.strip("-") for word in _NON_WORD_RE.sub(" ", text.lower()).split()]
    return all(not word or word in FILLER_WORDS for word in words)


# --------------------------------------------------------------- segmentation


def segment_text(
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    min_chars: int = MIN_CHARS,
    min_words: int = MIN_WORDS,
) -> list[Segment]:
    """Cut one turn into fragments.

    Args:
        text: The turn text.
        max_chars: Longest fragment; longer sentences are cut at ``;`` or ``,``.
        min_chars: Sentences shorter than this are merged with a neighbour.
        min_words: Sentences with fewer words are merged with a neighbour.

    Returns:
        Fragments in order, with ``text[start:end] == segment.text``. A turn of
        only fillers gives no fragments.
    """
    return segment_many([text], max_chars=max_chars, min_chars=min_chars, min_words=min_words)[0]


def segment_many(
    texts: list[str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    min_chars: int = MIN_CHARS,
    min_words: int = MIN_WORDS,
) -> list[list[Segment]]:
    """Cut many turns into fragments with one batched ``nlp.pipe`` pass.

    Args:
        texts: The turn texts.
        max_chars: See :func:`segment_text`.
        min_chars: See :func:`segment_text`.
        min_words: See :func:`segment_text`.

    Returns:
        One list of fragments per text.
    """
    nlp = get_pipeline()
    results = []
    for text, doc in zip(texts, _docs(texts, _sentence_pipes(nlp)), strict=True):
        spans = _cap(text, _sentences(text, doc), max_chars)
        results.append(_group(text, spans, max_chars, min_chars, min_words))
    return results


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(text: str, doc: Doc) -> list[tuple[int, int]]:
    """Trimmed sentence spans, also cut at line breaks that end a line with punctuation.

    A newline ends a sentence when the line before ends with sentence
    punctuation or the next line starts with a capital (utterances in Teams
    text, paragraphs); a hard-wrapped line in the middle of a sentence does not.
    """
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for match in re.finditer(r"\n+", text[sent.start_char : sent.end_char]):
            cut = sent.start_char + match.start()
            after = text[cut + len(match.group()) : cut + len(match.group()) + 1]
            before = text[start:cut].rstrip()[-1:]
            if before and (before in ".?!…:;\"”'’)" or after.isupper() or not before.isalnum()):
                spans.append((start, cut))
                start = cut + len(match.group())
        spans.append((start, sent.end_char))
    trimmed = [_trim(text, start, end) for start, end in spans]
    return [(start, end) for start, end in trimmed if end > start]


def _cap(text: str, spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Cut sentences longer than ``max_chars`` at ``;``/``:``/``,``/dash, else at a space."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > max_chars:
            window = text[start : min(end, start + max_chars + 1)]  # never look past this sentence
            cuts = [match.end() for match in _SOFT_BREAK_RE.finditer(window) if match.end() > max_chars // 3]
            if not cuts:
                cuts = [match.end() for match in re.finditer(r"\s+", window) if match.end() > max_chars // 3]
            if not cuts:  # one enormous "word": cut at the next whitespace after the limit
                following = re.compile(r"\s").search(text, start + max_chars, end)
                if following is None:
                    break
                cuts = [following.end() - start]  # cuts are offsets into the window
            left = _trim(text, start, start + cuts[-1])
            result.append(left)
            start, end = _trim(text, start + cuts[-1], end)
        if end > start:
            result.append((start, end))
    return result


def _is_short(text: str, min_chars: int, min_words: int) -> bool:
    return len(text) < min_chars or len(text.split()) < min_words


def _group(text: str, spans: list[tuple[int, int]], max_chars: int, min_chars: int, min_words: int) -> list[Segment]:
    """Group sentence spans into fragments: fillers and short sentences join a neighbour."""
    fragments: list[list[int]] = []  # [start, end] of each fragment so far
    pending: int | None = None  # start of fillers waiting for content
    for start, end in spans:
        sentence = text[start:end]
        if is_filler(sentence):
            if fragments and fragments[-1][1] <= start and pending is None:
                fragments[-1][1] = end
            elif pending is None:
                pending = start
            continue
        begin = pending if pending is not None else start
        pending = None
        if fragments:
            last = fragments[-1]
            last_text = text[last[0] : last[1]]
            length = end - last[0]
            if length <= max_chars and (
                _is_short(last_text, min_chars, min_words)
                or (_is_short(sentence, min_chars, min_words) and length <= max(TARGET_CHARS, min_chars))
            ):
                last[1] = end
                continue
        fragments.append([begin, end])
    if fragments and len(fragments) > 1:
        last_text = text[fragments[-1][0] : fragments[-1][1]]
        if _is_short(last_text, min_chars, min_words) and fragments[-1][1] - fragments[-2][0] <= max_chars:
            last = fragments.pop()
            fragments[-1][1] = last[1]
    return [Segment(start, end, text[start:end]) for start, end in fragments]


# --------------------------------------------------------- merging, splitting


def _check(text: str, segment: Segment) -> None:
    if not (0 <= segment.start < segment.end <= len(text)) or text[segment.start : segment.end] != segment.text:
        raise ValueError(f"segment {segment.start}-{segment.end} does not belong to this text")


def merge_segments(text: str, a: Segment, b: Segment) -> Segment:
    """Merge two adjacent fragments of the same turn into one.

    Args:
        text: The turn text.
        a: One fragment.
        b: The fragment right before or after it (only whitespace between).

    Raises:
        ValueError: When the fragments are not of ``text`` or not adjacent.
    """
    _check(text, a)
    _check(text, b)
    first, second = (a, b) if a.start <= b.start else (b, a)
    if first.end > second.start or text[first.end : second.start].strip():
        raise ValueError("only adjacent fragments can be merged")
    return Segment(first.start, second.end, text[first.start : second.end])


def sentence_boundaries(text: str, segment: Segment) -> list[int]:
    """Offsets inside ``segment`` where it may be split: the starts of its later sentences.

    Args:
        text: The turn text.
        segment: A fragment of it.

    Returns:
        Offsets into ``text``, ascending, strictly between start and end.
    """
    _check(text, segment)
    nlp = get_pipeline()
    doc = next(iter(_docs([segment.text], _sentence_pipes(nlp))))
    starts = [segment.start + start for start, _ in _sentences(segment.text, doc)]
    return [offset for offset in starts if segment.start < offset < segment.end]


def split_segment(text: str, segment: Segment, at: int) -> tuple[Segment, Segment]:
    """Split a fragment in two at a sentence boundary.

    Args:
        text: The turn text.
        segment: The fragment to split.
        at: An offset from :func:`sentence_boundaries`.

    Raises:
        ValueError: When ``at`` is not a sentence boundary inside the fragment.
    """
    if at not in sentence_boundaries(text, segment):
        raise ValueError(f"offset {at} is not a sentence boundary inside the fragment")
    left_start, left_end = _trim(text, segment.start, at)
    return (
        Segment(left_start, left_end, text[left_start:left_end]),
        Segment(at, segment.end, text[at : segment.end]),
    )
