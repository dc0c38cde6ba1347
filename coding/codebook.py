"""The codebook and the interview guide as plain data (YAML in, YAML out).

The five pillars have fixed codes (BEW, INF, BEL, INT, COM); themes are coded
``PILLAR.slug``. These classes carry no database state: ``models`` keeps
versions of them in the database, the auto-coder in ``coding/`` reads them.
They live in ``coding`` (the lower layer) so the auto-coder needs nothing of
``models``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from coding.yamlsafe import safe_load
from texts import WeerbaarError

PILLAR_CODES: tuple[str, ...] = ("BEW", "INF", "BEL", "INT", "COM")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class ContentError(WeerbaarError, ValueError):
    """A codebook or guide file that does not follow the schema (Dutch message).

    Codes: ``codebook_fields``, ``codebook_pillars``, ``theme_pillar``,
    ``theme_double``, ``guide_fields``, ``guide_ids``, ``yaml_invalid``,
    ``yaml_not_mapping``.
    """

    key_prefix = "content.error."


@dataclass
class Theme:
    """A theme inside a pillar, e.g. ``INF.meldpunt``."""

    code: str
    name: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    short: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""

    @property
    def pillar(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass
class Pillar:
    """One of the five pillars with its themes."""

    code: str
    name: str
    description: str = ""
    color: str = "#888888"
    keywords: list[str] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    short: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""


@dataclass
class Codebook:
    """Pillars and themes; the unit the auto-coder and the exports work on."""

    name: str
    version: int
    pillars: list[Pillar]

    def pillar(self, code: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.code == code:
                return pillar
        raise KeyError(code)

    def themes(self) -> list[Theme]:
        return [theme for pillar in self.pillars for theme in pillar.themes]

    def theme(self, code: str) -> Theme:
        for theme in self.themes():
            if theme.code == code:
                return theme
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Codebook:
        try:
            pillars = [
                Pillar(
                    code=str(p["code"]),
                    name=str(p["name"]),
                    description=str(p.get("description") or "").strip(),
                    color=str(p.get("color") or "#888888"),
                    keywords=[str(k) for k in p.get("keywords") or []],
                    themes=[
                        Theme(
                            code=str(th["code"]),
                            name=str(th["name"]),
                            description=str(th.get("description") or "").strip(),
                            keywords=[str(k) for k in th.get("keywords") or []],
                            **_guidance(th),
                        )
                        for th in p.get("themes") or []
                    ],
                    **_guidance(p),
                )
                for p in raw["pillars"]
            ]
            codebook = cls(name=str(raw["name"]), version=int(raw.get("version", 1)), pillars=pillars)
        except (KeyError, TypeError, ValueError) as exc:
            raise ContentError("codebook_fields", error=exc) from exc
        codebook.validate()
        return codebook

    def validate(self) -> None:
        """Raise :class:`ContentError` when codes are missing, unknown or doubled."""
        codes = [p.code for p in self.pillars]
        if sorted(codes) != sorted(PILLAR_CODES):
            raise ContentError("codebook_pillars", pillars=", ".join(PILLAR_CODES))
        seen: set[str] = set()
        for pillar in self.pillars:
            for theme in pillar.themes:
                if theme.pillar != pillar.code:
                    raise ContentError("theme_pillar", theme=theme.code, pillar=pillar.code)
                if theme.code in seen:
                    raise ContentError("theme_double", theme=theme.code)
                seen.add(theme.code)


GUIDANCE_FIELDS: tuple[str, ...] = ("short", "when_to_use", "when_not_to_use", "example")


def _guidance(raw: dict[str, Any]) -> dict[str, str]:
    """The optional researcher's-codebook fields (short definition, when (not) to use, example)."""
    return {name: str(raw.get(name) or "").strip() for name in GUIDANCE_FIELDS}


GROUP_KIND = "groep"
"""The interview kind whose participants are addressed together ("jullie")."""


@dataclass
class Question:
    """A guide question with its probes (doorvragen).

    ``group_text`` and ``group_probes`` are the wording for a group interview
    (addressing "jullie" instead of "u"); empty means the question reads the
    same for a group. The opening and closing of the shipped guide have them.
    """

    id: str
    text: str
    pillar: str | None = None
    themes: list[str] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    group_text: str = ""
    group_probes: list[str] = field(default_factory=list)

    @property
    def is_core(self) -> bool:
        """Asked to everyone; otherwise only when a participant has one of ``roles``."""
        return not self.roles

    def for_kind(self, kind: str) -> Question:
        """The question as asked in an interview of ``kind``: a group gets its own wording when there is one."""
        if kind != GROUP_KIND or not (self.group_text or self.group_probes):
            return self
        return replace(self, text=self.group_text or self.text, probes=list(self.group_probes or self.probes))


@dataclass
class Guide:
    """An interview guide: opening, questions per pillar, closing, known roles."""

    name: str
    version: int
    roles: list[str]
    opening: Question
    questions: list[Question]
    closing: Question

    def question(self, question_id: str) -> Question:
        for question in self.all_questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def all_questions(self) -> list[Question]:
        return [self.opening, *self.questions, self.closing]

    def to_dict(self) -> dict[str, Any]:
        sections: list[dict[str, Any]] = []
        for question in self.questions:
            if not sections or sections[-1]["pillar"] != question.pillar:
                sections.append({"pillar": question.pillar, "questions": []})
            sections[-1]["questions"].append(_question_dict(question))
        return {
            "name": self.name,
            "version": self.version,
            "roles": list(self.roles),
            "opening": _question_dict(self.opening),
            "sections": sections,
            "closing": _question_dict(self.closing),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Guide:
        try:
            questions = [
                _question(q, pillar=str(section["pillar"])) for section in raw["sections"] for q in section["questions"]
            ]
            guide = cls(
                name=str(raw["name"]),
                version=int(raw.get("version", 1)),
                roles=[str(r) for r in raw.get("roles") or []],
                opening=_question(raw["opening"], pillar=None),
                questions=questions,
                closing=_question(raw["closing"], pillar=None),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ContentError("guide_fields", error=exc) from exc
        ids = [q.id for q in guide.all_questions()]
        if len(ids) != len(set(ids)):
            raise ContentError("guide_ids")
        return guide

    def plan_for(self, roles: list[str]) -> list[str]:
        """Question ids for participants with ``roles``: core questions plus role-tailored ones."""
        wanted = {r.casefold() for r in roles}
        return [q.id for q in self.questions if q.is_core or any(r.casefold() in wanted for r in q.roles)]


def _question(raw: dict[str, Any], *, pillar: str | None) -> Question:
    return Question(
        id=str(raw["id"]),
        text=str(raw["text"]).strip(),
        pillar=pillar,
        themes=[str(t) for t in raw.get("themes") or []],
        probes=[str(p) for p in raw.get("probes") or []],
        roles=[str(r) for r in raw.get("roles") or []],
        group_text=str(raw.get("group_text") or "").strip(),
        group_probes=[str(p) for p in raw.get("group_probes") or []],
    )


def _question_dict(question: Question) -> dict[str, Any]:
    raw = asdict(question)
    raw.pop("pillar")
    for key in ("group_text", "group_probes"):  # only where a group is addressed differently
        if not raw[key]:
            raw.pop(key)
    return raw


def load_yaml(text: str) -> dict[str, Any]:
    """Parse YAML text into a mapping, with a Dutch error for anything else."""
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError("yaml_invalid", error=exc) from exc
    if not isinstance(raw, dict):
        raise ContentError("yaml_not_mapping")
    return raw


def dump_yaml(raw: dict[str, Any]) -> str:
    """Serialise a mapping to YAML that keeps Dutch characters readable."""
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)


def default_codebook() -> Codebook:
    """The shipped codebook from ``data/codebook.yaml``."""
    return Codebook.from_dict(load_yaml((DATA_DIR / "codebook.yaml").read_text(encoding="utf-8")))


def default_guide() -> Guide:
    """The shipped interview guide from ``data/guide.yaml``."""
    return Guide.from_dict(load_yaml((DATA_DIR / "guide.yaml").read_text(encoding="utf-8")))


_SHIPPED_GUIDE: dict[tuple[str, int, int], Guide] = {}


def shipped_guide() -> Guide:
    """:func:`default_guide`, parsed once per version of the file: shared, so only read it.

    The coder fits its zero-shot temperature on it (the fit itself is cached by
    the guide's texts, which are read for every new coder).
    """
    path = DATA_DIR / "guide.yaml"
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    guide = _SHIPPED_GUIDE.get(key)
    if guide is None:
        guide = default_guide()
        _SHIPPED_GUIDE.clear()
        _SHIPPED_GUIDE[key] = guide
    return guide
