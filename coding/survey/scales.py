"""Answer scales: Dutch (and English) Likert labels with their order, and missing answers.

Each known label has a *family* (agree, frequency, likelihood…) and a *rank*
that grows towards the positive end, so a scale is recognised whichever way the
survey tool lists it ("Helemaal mee oneens … Helemaal mee eens" or "Helemaal
eens … Helemaal oneens"). "Weet niet", "n.v.t.", "geen mening" and the codes
9, 99, −1 are missing answers, never a scale point.
"""

from __future__ import annotations

import re

NEUTRAL = "neutral"

_FAMILIES: dict[str, dict[str, float]] = {
    "agree": {
        "helemaal mee oneens": 1, "helemaal oneens": 1, "zeer oneens": 1, "volledig oneens": 1, "geheel oneens": 1,
        "sterk oneens": 1, "totaal oneens": 1, "strongly disagree": 1,
        "mee oneens": 2, "oneens": 2, "disagree": 2, "enigszins oneens": 2.5,
        "neutraal": 3, "niet eens niet oneens": 3, "niet eens en niet oneens": 3, "niet mee eens niet mee oneens": 3,
        "niet mee eens en niet mee oneens": 3, "neither agree nor disagree": 3, "neutral": 3,
        "enigszins eens": 3.5, "mee eens": 4, "eens": 4, "agree": 4,
        "helemaal mee eens": 5, "helemaal eens": 5, "zeer eens": 5, "volledig eens": 5, "geheel eens": 5,
        "sterk eens": 5, "totaal eens": 5, "strongly agree": 5,
    },
    "frequency": {
        "nooit": 1, "never": 1, "zelden": 2, "bijna nooit": 2, "rarely": 2, "af en toe": 3, "soms": 3,
        "sometimes": 3, "regelmatig": 4, "vaak": 4, "often": 4, "heel vaak": 5, "zeer vaak": 5, "bijna altijd": 5,
        "very often": 5, "altijd": 6, "always": 6,
    },
    "likelihood": {
        "zeer onwaarschijnlijk": 1, "heel onwaarschijnlijk": 1, "onwaarschijnlijk": 2, "neutraal": 3,
        "waarschijnlijk": 4, "zeer waarschijnlijk": 5, "heel waarschijnlijk": 5,
        "very unlikely": 1, "unlikely": 2, "likely": 4, "very likely": 5,
    },
    "satisfaction": {
        "zeer ontevreden": 1, "ontevreden": 2, "neutraal": 3, "niet tevreden niet ontevreden": 3, "tevreden": 4,
        "zeer tevreden": 5,
    },
    "quality": {
        "zeer slecht": 1, "heel slecht": 1, "slecht": 2, "onvoldoende": 2.5, "matig": 2.5, "neutraal": 3,
        "niet goed niet slecht": 3, "voldoende": 3.5, "redelijk": 3.5, "goed": 4, "zeer goed": 5, "heel goed": 5,
        "uitstekend": 5.5,
    },
    "importance": {
        "helemaal niet belangrijk": 1, "niet belangrijk": 2, "neutraal": 3, "enigszins belangrijk": 3.5,
        "belangrijk": 4, "zeer belangrijk": 5, "heel belangrijk": 5,
    },
    "amount": {"niet": 1, "weinig": 2, "soms": 3, "veel": 4, "zeer veel": 5, "heel veel": 5},
    "familiarity": {
        "nee ik ken de regeling niet en ik weet niet wat erin staat": 1,
        "nee ik weet dat er een regeling is maar ik ken de inhoud niet": 2,
        "ja ik ben ermee bekend maar ik ken de inhoud slechts een beetje": 3,
        "ja ik ben ermee bekend en ik ken de inhoud": 4,
    },
    "extent": {
        "helemaal niet": 1, "niet": 2, "nauwelijks": 2, "een beetje": 3, "enigszins": 3, "in zekere mate": 3,
        "grotendeels": 4, "in grote mate": 4, "helemaal": 5, "volledig": 5, "in zeer grote mate": 5,
    },
}  # fmt: skip


_MISSING_LABELS = (
    "weet niet", "weet ik niet", "weet ik niet meer", "geen mening", "nvt", "niet van toepassing",
    "wil ik niet zeggen", "zeg ik liever niet", "geen antwoord", "geen idee", "kan ik niet beoordelen",
    "dont know", "don t know", "prefer not to say", "not applicable", "n a", "no answer", "onbekend",
)  # fmt: skip
MISSING_CODES: frozenset[str] = frozenset({"9", "99", "999", "-1", "-9", "-99", "-999"})
"""Codes that mean "no answer" in survey exports, when outside the scale's own codes."""


def normalise_label(label: str) -> str:
    """Lower-case, without numbering (``"1 - "``, ``"5. "``) and punctuation, single spaces."""
    text = label.strip().lower().replace("’", "'")
    text = re.sub(r"^\(?\d{1,2}\)?\s*[-.=:)]\s*", "", text)
    text = re.sub(r"\s*[-=:(]\s*\d{1,2}\)?$", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def is_missing_label(label: str) -> bool:
    """Whether ``label`` is a "don't know / not applicable" answer."""
    norm = normalise_label(label)
    if not norm:
        return False
    compact = norm.replace(" ", "")
    return any(norm == m or norm.startswith(m + " ") or compact == m.replace(" ", "") for m in _MISSING_LABELS)


def rank(label: str, family: str | None = None) -> tuple[str, float] | None:
    """The (family, rank) of a scale label, or ``None`` when it is no known scale point."""
    norm = normalise_label(label)
    if family is not None:
        value = _FAMILIES.get(family, {}).get(norm)
        return (family, value) if value is not None else None
    for name, labels in _FAMILIES.items():
        if norm in labels and norm not in ("neutraal", "neutral"):
            return name, labels[norm]
    if norm in ("neutraal", "neutral"):
        return NEUTRAL, 3
    return None


def detect_scale(labels: list[str]) -> tuple[str, list[str]] | None:
    """Recognise an ordinal scale among ``labels`` (missing labels already left out).

    Returns:
        The family and the labels ordered from negative to positive, or
        ``None`` when fewer than two labels are scale points of one family or
        any label is not a scale point.
    """
    if len(labels) < 2:
        return None
    votes: dict[str, int] = {}
    for label in labels:
        norm = normalise_label(label)
        for name, known in _FAMILIES.items():
            if norm in known:
                votes[name] = votes.get(name, 0) + 1
    if not votes:
        return None
    family = max(votes, key=lambda name: (votes[name], -list(_FAMILIES).index(name)))
    ranked = []
    for label in labels:
        found = rank(label, family)
        if found is None:
            return None
        ranked.append((found[1], label))
    if len({value for value, _ in ranked}) < 2:
        return None
    if family == "extent" and len(labels) < 3:
        return None
    return family, [label for _, label in sorted(ranked)]


def midpoint(family: str | None) -> float:
    """The middle of a family's ranks: above it is positive, below it negative."""
    ranks = [value for value in _FAMILIES.get(family or "", {}).values()]
    return (min(ranks) + max(ranks)) / 2 if ranks else 3.0


def is_positive(label: str, family: str | None) -> bool:
    """Whether ``label`` lies on the positive side of its scale ("(helemaal) eens", "vaak", "veel")."""
    found = rank(label, family) if family else rank(label)
    return found is not None and found[1] > midpoint(found[0])


def is_negative(label: str, family: str | None) -> bool:
    """Whether ``label`` lies on the negative side of its scale ("(helemaal) oneens", "zelden")."""
    found = rank(label, family) if family else rank(label)
    return found is not None and found[1] < midpoint(found[0])


def order_choices(labels: list[str], counts: dict[str, int] | None = None) -> list[str]:
    """A natural order for unordered options: year ranges by number, Ja before Nee, else by frequency."""
    norms = {label: normalise_label(label) for label in labels}
    if labels and all(re.search(r"\d", label) for label in labels):

        def key(label: str) -> tuple[int, float]:
            norm = norms[label]
            number = float(re.search(r"\d+(?:[.,]\d+)?", label).group().replace(",", "."))  # type: ignore[union-attr]
            return (0 if norm.startswith(("minder dan", "korter dan", "less than")) else
                    2 if norm.startswith(("meer dan", "langer dan", "more than")) else 1, number)  # fmt: skip

        return sorted(labels, key=key)
    yes_no = {"ja": 0, "yes": 0, "nee": 1, "no": 1}
    if labels and all(norms[label] in yes_no for label in labels):
        return sorted(labels, key=lambda label: yes_no[norms[label]])
    counts = counts or {}
    return sorted(labels, key=lambda label: (-counts.get(label, 0), labels.index(label)))
