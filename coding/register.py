"""Spoken or written? The register of Dutch fragments whose source is not known.

In the app every fragment knows where it comes from (an interview turn, an
imported transcript, a studied document). A labelled file handed to
``python -m coding evaluate`` may not say so. Written text (a policy, a
council letter, a report) is then coded as document text, so that its
furniture - headings, legal formulae, metadata - gets no code; interview
speech is not, because a short answer is not a heading.

Spoken Dutch gives itself away by words that written policy text almost never
uses: fillers and backchannels (``eh``, ``nou``, ``oké``, ``ja``/``nee`` as a
reply), ``zeg maar`` / ``weet je``, the first person singular and ``jij``.
Looser signs (``we``, ``je``, ``gewoon``, ``eigenlijk``, ``wel``) also occur in
web and policy text, so they only count in bulk. A batch is *spoken* when
either kind is common in it; in a written batch a single fragment with strong
signs of speech (a quote in a report) is still coded as speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_STRONG = re.compile(
    r"(?<![\w'’-])(?:ik|ikzelf|'k|m'n|jij|eh+m?|uh+m?|euh|hm+|nou|oké|okay|joh|hè|ja|nee|jawel|zeg maar|weet je)(?![\w-])",
    re.IGNORECASE,
)
_LOOSE = re.compile(
    r"(?<![\w'’-])(?:ik|mij|me|mijn|jij|je|jou|jouw|jullie|we|wij|ons|onze|eh+m?|uh+m?|nou|oké|okay|ja|nee|"
    r"gewoon|eigenlijk|natuurlijk|toch|echt|best|wel|soms|heel|hè)(?![\w-])",
    re.IGNORECASE,
)
# Shares of fragments with a sign, above which a batch is spoken. Written policy and report text:
# strong 0.8-1.2 %, loose 9-18 %; Dutch interview speech: strong 19-33 %, loose 44-77 %.
STRONG_SHARE = 0.08
LOOSE_SHARE = 0.35


def spoken_signs(text: str) -> bool:
    """Whether the fragment has a strong sign of speech (a filler, a reply, ``ik``, ``jij``)."""
    return _STRONG.search(text) is not None


def spoken_batch(texts: Sequence[str]) -> bool:
    """Whether a batch of fragments reads as speech (see the module docstring); an empty batch does."""
    if not texts:
        return True
    strong = sum(spoken_signs(t) for t in texts) / len(texts)
    loose = sum(_LOOSE.search(t) is not None for t in texts) / len(texts)
    return strong >= STRONG_SHARE or loose >= LOOSE_SHARE


def guess_written(texts: Sequence[str]) -> list[bool]:
    """Per fragment: code it as document text? Only in a written batch, and not when it has signs of speech."""
    if spoken_batch(texts):
        return [False] * len(texts)
    return [not spoken_signs(t) for t in texts]
