"""A small scan with accepted fragments in two pillars, built through the services (shared by the report tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coding.embedders import text_hash
from models import decisions, interviews, scans
from models import schema as s
from models.auth import LOCAL
from models.db import Database

ANSWERS = [
    ("ja", "Afdelingshoofd", "Omgeving en Milieu", [
        ("BEW.bewustwording", "Ondermijning is bij ons nog geen vanzelfsprekend onderwerp in het dagelijkse werk."),
        ("BEW.bewustwording", "Veel collega's weten niet goed hoe signalen van ondermijning eruitzien."),
        ("INF.meldpunt", "We hebben geen intern meldpunt waar je een vermoeden kwijt kunt."),
    ]),
    ("anoniem", "Vertrouwenspersoon", "Personeel en Organisatie", [
        ("BEW.bewustwording", "Bewustwording hangt sterk af van de functie die iemand heeft."),
        ("INF.meldpunt", "Een meldpunt zou helpen, als er ook terugkoppeling naar de melder komt."),
    ]),
    ("ja", "Bibob-coördinator", "Bestuur, Juridische Zaken en Communicatie", [
        ("BEW.training", "Een training met praktijkvoorbeelden zou de bewustwording echt vergroten."),
        ("BEW.bewustwording", "Het thema ondermijning leeft vooral bij de mensen die met vergunningen werken."),
    ]),
]  # fmt: skip


@dataclass
class ReportScan:
    scan_id: int
    fragments: dict[str, list[int]] = field(default_factory=dict)  # theme -> fragment ids
    respondents: list[int] = field(default_factory=list)


def build_scan(db: Database, *, name: str = "Rapportscan") -> ReportScan:
    """Three individual interviews, one respondent each, answers coded by hand (accepted)."""
    scan_id = scans.create_scan(db, LOCAL, name=name, organisation="Provincie Voorbeeld", kind="provincie",
                                period="voorjaar 2025", measurement="nulmeting")  # fmt: skip
    built = ReportScan(scan_id)
    for number, (consent, role, department, answers) in enumerate(ANSWERS, start=1):
        person = scans.add_respondent(db, LOCAL, scan_id, role=role, department=department, consent=consent)
        built.respondents.append(person.id)
        interview_id = interviews.create_interview(db, LOCAL, scan_id, title=f"Gesprek {number}", kind="individueel",
                                              date=f"2025-03-0{number}", interviewer="Onderzoeker", participant_ids=[person.id])  # fmt: skip
        for theme, text in answers:
            interviews.add_turn(db, LOCAL, interview_id, kind="question", text="Wat ziet u?", speaker_role="interviewer")
            turn = interviews.add_turn(db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent",
                                     respondent_id=person.id)  # fmt: skip
            fragment_id = _fragment(db, turn.id, scan_id, interview_id, text)
            decisions.code_manually(db, LOCAL, fragment_id, theme)
            built.fragments.setdefault(theme, []).append(fragment_id)
    return built


def _fragment(db: Database, turn_id: int, scan_id: int, interview_id: int, text: str) -> int:
    match = re.search(r"\S.*\S", text)
    assert match is not None
    with db.session() as session:
        row = s.Fragment(turn_id=turn_id, interview_id=interview_id, scan_id=scan_id, start=match.start(),
                         end=match.end(), text=match.group(), text_hash=text_hash(match.group()))  # fmt: skip
        session.add(row)
        session.flush()
        return row.id
