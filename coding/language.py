"""Offline language identification for short, spoken fragments.

``py3langid`` alone is unreliable on two or three words ("ja" comes out as
Frisian, "Dat is goed" as 50 % Dutch), so the verdict combines it with counts
of Dutch and English function words, which decide on their own when the
fragment is short. A fragment is *not Dutch* only on clear evidence; a fragment
without evidence either way (a name, a number, "Bibob") is left to the coder.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# closed-class Dutch words (articles, pronouns, auxiliaries, prepositions, conjunctions)
DUTCH_FUNCTION_WORDS = frozenset(
    ["de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "niet", "met", "voor", "zijn", "er", "aan", "ook", "als", "bij", "of", "maar", "om", "dan", "nog", "wel", "geen", "ze", "wat", "naar", "hij", "zij", "je", "jij", "jullie", "ik", "wij", "we", "ons", "onze", "mijn", "uw", "hun", "haar", "hem", "mij", "me", "zich", "worden", "wordt", "werd", "zou", "zouden", "kan", "kunnen", "moet", "moeten", "mag", "mogen", "heb", "hebt", "heeft", "hebben", "had", "was", "waren", "ben", "bent", "deze", "dit", "daar", "hier", "waar", "wie", "welke", "hoe", "waarom", "omdat", "want", "dus", "toch", "al", "nu", "zo", "heel", "erg", "veel", "weinig", "meer", "meest", "door", "over", "uit", "tot", "tegen", "zonder", "onder", "tussen", "naast", "binnen", "buiten", "na", "sinds", "tijdens", "vanuit", "echter", "ofwel", "zowel", "alleen", "eigenlijk", "gewoon", "misschien", "natuurlijk", "nou", "ja", "nee", "jawel", "kijk", "even", "iets", "niets", "niemand", "iemand", "alles", "elke", "ieder", "allemaal", "wordt", "geweest", "gaan", "gaat", "doen", "doet", "gedaan", "zeggen", "zegt", "weet", "weten", "denk", "denken", "vind", "vinden", "zien", "zie", "gezien", "komen", "komt", "kom"]
)
ENGLISH_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "and", "of", "in", "on", "to", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being", "not", "with", "for", "it", "its", "they", "them", "their", "there", "here", "what", "which", "who", "whom", "how", "why", "because", "so", "but", "or", "if", "then", "than", "i", "you", "he", "she", "we", "us", "our", "your", "my", "me", "his", "her", "do", "does", "did", "done", "have", "has", "had", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "just", "about", "from", "into", "over", "under", "after", "before", "very", "really", "yeah", "yes", "okay", "ok", "thanks", "thank", "please", "sorry", "well", "like", "know", "think", "going", "gonna", "want", "get", "got", "let", "let's", "i'm", "it's", "that's", "don't", "can't", "you're", "we're"]
)
# words shared by both lists ("in", "is", ...) are no evidence
_SHARED = DUTCH_FUNCTION_WORDS & ENGLISH_FUNCTION_WORDS
_DUTCH_ONLY = DUTCH_FUNCTION_WORDS - _SHARED
_ENGLISH_ONLY = ENGLISH_FUNCTION_WORDS - _SHARED
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_CANDIDATES = ["nl", "en", "de", "fr", "af", "fy", "es", "it", "pt", "da", "sv", "no", "pl", "tr", "ar"]
_LOCK = threading.Lock()


@dataclass(frozen=True)
class LanguageVerdict:
    """What is known about a fragment's language.

    Attributes:
        language: ISO 639-1 code of the most likely language (``""`` without letters).
        probability: py3langid's normalised probability of ``language``.
        dutch_words: Dutch-only function words in the fragment.
        english_words: English-only function words in the fragment.
        is_dutch: ``True``/``False`` on evidence, ``None`` when undecided.
    """

    language: str
    probability: float
    dutch_words: int
    english_words: int
    is_dutch: bool | None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid.langid as langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(_CANDIDATES)
    return identifier


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters only, with inner apostrophes)."""
    # ``_WORD.findall(text)`` chunk by chunk: no match contains whitespace, and a chunk
    # of letters only (``str.isalpha``) is one match; only the other chunks need the pattern
    found: list[str] = []
    findall = _WORD.findall
    for chunk in text.split():
        if chunk.isalpha():
            found.append(chunk.casefold())  # no apostrophe in a letters-only chunk
        else:
            found.extend(w.casefold().replace("’", "'") for w in findall(chunk))
    return found


def identify(text: str) -> LanguageVerdict:
    """The language verdict for ``text`` (thread-safe, offline, about 40 µs)."""
    return identify_words(words(text))


def identify_words(tokens: list[str]) -> LanguageVerdict:
    """:func:`identify` of a text whose :func:`words` are ``tokens`` (saves tokenising twice)."""
    if not tokens:
        return LanguageVerdict("", 0.0, 0, 0, None)
    nl = sum(1 for w in tokens if w in _DUTCH_ONLY)
    en = sum(1 for w in tokens if w in _ENGLISH_ONLY)
    if nl >= 3 and nl > 3 * en:  # plainly Dutch: no need to ask the character model
        return LanguageVerdict("nl", 1.0, nl, en, True)
    with _LOCK:
        language, probability = _identifier().classify(" ".join(tokens))
    probability = float(probability)
    verdict: bool | None
    if len(tokens) <= 3:
        # too short for the character model: function words decide, or nothing does
        verdict = True if nl > en else False if en > nl else None
    elif en >= 2 and en > 2 * nl:
        verdict = False
    elif nl >= 2 and nl > 2 * en or language == "nl" and probability >= 0.6:
        verdict = True
    elif language not in ("nl", "af", "fy") and probability >= 0.9 and nl <= 1:
        verdict = False
    else:
        verdict = None
    return LanguageVerdict(str(language), probability, nl, en, verdict)


def dutch_share(texts: list[str]) -> float:
    """Share of the words in ``texts`` that sit in fragments judged not-not-Dutch.

    Used to warn when a transcript is mostly not Dutch: undecided fragments
    count as Dutch, so the warning only fires on clear evidence.
    """
    total = 0
    dutch = 0
    for text in texts:
        tokens = words(text)
        n = len(tokens)
        total += n
        if identify_words(tokens).is_dutch is not False:
            dutch += n
    return dutch / total if total else 1.0
