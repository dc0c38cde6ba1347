"""Small builders of test data through the service layer, shared by the test modules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database
from models.interviews import add_turn, create_interview
from models.scans import add_respondent, create_scan


def new_interview(
    db: Database,
    scan_id: int | None = None,
    *,
    scan_name: str = "Toets",
    organisation: str = "Gemeente Toets",
    kind: str = "gemeente",
    role: str = "beleidsadviseur",
    real_name: str | None = None,
    title: str = "Gesprek",
    date: str = "2025-01-01",
    interviewer: str = "Onderzoeker",
) -> tuple[int, int, int]:
    """An individual interview with one new respondent (in a new scan unless ``scan_id`` is given).

    Returns:
        ``(scan_id, respondent_id, interview_id)``.
    """
    if scan_id is None:
        scan_id = create_scan(db, LOCAL, name=scan_name, organisation=organisation, kind=kind)
    respondent = add_respondent(db, LOCAL, scan_id, role=role, real_name=real_name)
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title=title,
        kind="individueel",
        date=date,
        interviewer=interviewer,
        participant_ids=[respondent.id],
    )
    return scan_id, respondent.id, interview_id


# --- the quote basket's scan (fixture ``scan``) ------------------------------------
ANSWERS = {
    "ja": "Er moet niet lichtzinnig worden gedacht over milieuvergunningen. Mevrouw Jansen van het RIEC weet dat ook.",
    "anoniem": "We hebben een meldpunt, maar niemand weet het te vinden. Dat moet beter.",
    "nee": "Ik wil dit liever niet in een rapport zien.",
}


def add_fragments(db: Database, turn: s.Turn, scan_id: int, interview_id: int) -> list[int]:
    """Sentences of a turn as Fragment rows (independent of the segmenter)."""
    ids = []
    with db.session() as session:
        for match in re.finditer(r"[^.!?]+[.!?]", turn.text):
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            row = s.Fragment(
                turn_id=turn.id,
                interview_id=interview_id,
                scan_id=scan_id,
                start=start,
                end=match.end(),
                text=turn.text[start : match.end()],
                text_hash=text_hash(turn.text[start : match.end()]),
            )
            session.add(row)
            session.flush()
            ids.append(row.id)
    return ids


def code_fragment(
    db: Database, fragment_id: int, code: str, *, status: str = "accepted", source: str = "manual"
) -> None:
    with db.session() as session:
        fragment = session.get(s.Fragment, fragment_id)
        assert fragment is not None
        scan = session.get(s.Scan, fragment.scan_id)
        assert scan is not None
        code_id = session.scalar(select(s.Code.id).where(s.Code.codebook_id == scan.codebook_id, s.Code.code == code))
        assert code_id is not None
        session.add(
            s.Coding(
                fragment_id=fragment_id,
                code_id=code_id,
                status=status,
                source=source,
                coder="auto" if source == "auto" else "analist",
                confidence=0.8 if source == "auto" else None,
            )
        )
        fragment.status = status


def quote_scan(db: Database) -> dict[str, object]:
    """A province scan, one group interview with three consents, five codings (the ``scan`` fixture)."""
    scan_id = create_scan(db, LOCAL, name="Testscan", organisation="Provincie Groningen", kind="provincie")
    people = {
        consent: add_respondent(db, LOCAL, scan_id, role=role, department="VTH", consent=consent, real_name=name)
        for consent, role, name in [
            ("ja", "Afdelingshoofd", "Anna Visser"),
            ("anoniem", "Teamleider", "Piet de Boer"),
            ("nee", "Jurist", None),
        ]
    }
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Groepsinterview VTH",
        kind="groep",
        date="2024-03-01",
        interviewer="Onderzoeker",
        participant_ids=[p.id for p in people.values()],
    )
    add_turn(
        db, LOCAL, interview_id, kind="question", text="Hoe kijkt u naar ondermijning?", speaker_role="interviewer"
    )
    fragments: dict[str, list[int]] = {}
    for consent, person in people.items():
        turn = add_turn(
            db,
            LOCAL,
            interview_id,
            kind="answer",
            text=ANSWERS[consent],
            speaker_role="respondent",
            respondent_id=person.id,
        )
        fragments[consent] = add_fragments(db, turn, scan_id, interview_id)
    code_fragment(db, fragments["ja"][0], "BEL.vth_omgevingsdienst")
    code_fragment(db, fragments["ja"][1], "BEW.bewustwording")
    code_fragment(db, fragments["anoniem"][0], "INF.meldpunt")
    code_fragment(db, fragments["anoniem"][1], "INF.meldpunt", status="suggested", source="auto")
    code_fragment(db, fragments["nee"][0], "BEW.bewustwording")
    return {"scan_id": scan_id, "fragments": fragments, "people": people, "interview_id": interview_id}


ANALYST = Actor(username="analist", role="analyst")


# --- the analyst's desk scan (fixture ``built``) ----------------------------------
INTERVIEWS: list[tuple[str, int, list[tuple[str, str | list[str]]]]] = [
    (
        "Interview bestuur",
        0,
        [
            ("question", "Waar kunnen medewerkers een vermoeden van ondermijning melden?"),
            (
                "answer",
                [
                    "Er is geen intern meldpunt voor signalen van ondermijning.",
                    "Collega's weten niet waar ze een vermoeden kunnen melden.",
                ],
            ),
            ("question", "Hoe staat ondermijning op de bestuurlijke agenda?"),
            (
                "answer",
                [
                    "De burgemeester heeft ondermijning hoog op de agenda gezet.",
                    "We hebben een Bibob-beleid vastgesteld.",
                ],
            ),
        ],
    ),
    (
        "Interview VTH",
        1,
        [
            ("question", "Hoe gaat de organisatie om met integriteit?"),
            (
                "answer",
                [
                    "We screenen nieuwe medewerkers op integriteit en vragen een VOG aan.",
                    "Over ondermijning communiceren we nauwelijks naar buiten.",
                ],
            ),
        ],
    ),
]
# per fragment in creation order: (pillar, theme, confidence, margin) or None (uncoded)
SUGGESTIONS: list[tuple[str, str | None, float, float] | None] = [
    ("INF", "INF.meldpunt", 0.91, 0.60),
    ("INF", "INF.meldpunt", 0.55, 0.05),
    ("BEW", "BEW.visie_bestuur", 0.70, 0.30),
    ("BEL", "BEL.bibob", 0.88, 0.45),
    ("INT", "INT.integriteitsbeleid", 0.62, 0.10),
    None,
]


@dataclass
class Built:
    scan_id: int
    interview_ids: list[int] = field(default_factory=list)
    respondent_ids: list[int] = field(default_factory=list)
    fragment_ids: list[int] = field(default_factory=list)


def build_scan(db: Database, name: str = "Scan Toetsdam") -> Built:
    """A scan with two interviews, six fragments and auto suggestions on five of them."""
    from coding.segmenter import lemmatize_many

    scan_id = create_scan(db, LOCAL, name=name, organisation="Gemeente Toetsdam", kind="gemeente")
    built = Built(scan_id)
    for role, department, real_name in (
        ("Wethouder", "Bestuur", "Jan Geheimnaam"),
        ("Beleidsmedewerker", "VTH", None),
    ):
        built.respondent_ids.append(
            add_respondent(db, LOCAL, scan_id, role=role, department=department, real_name=real_name).id
        )
    pending: list[tuple[int, int, int, int, str]] = []  # turn, interview, start, end, text
    for title, who, turns in INTERVIEWS:
        respondent_id = built.respondent_ids[who]
        interview_id = create_interview(
            db,
            LOCAL,
            scan_id,
            title=title,
            kind="individueel",
            date="2026-11-01",
            interviewer="Onderzoeker",
            participant_ids=[respondent_id],
        )
        built.interview_ids.append(interview_id)
        for kind, content in turns:
            if kind == "question":
                add_turn(db, LOCAL, interview_id, kind="question", text=str(content), speaker_role="interviewer")
                continue
            sentences = list(content)
            text = " ".join(sentences)
            turn = add_turn(
                db,
                LOCAL,
                interview_id,
                kind="answer",
                text=text,
                speaker_role="respondent",
                respondent_id=respondent_id,
                speaker_label="Jan Geheimnaam",
            )
            start = 0
            for sentence in sentences:
                pending.append((turn.id, interview_id, start, start + len(sentence), sentence))
                start += len(sentence) + 1
    lemmas = lemmatize_many([p[4] for p in pending])
    with db.session() as session:
        codes = {
            c.code: c.id
            for c in session.scalars(
                select(s.Code).join(s.Scan, s.Scan.codebook_id == s.Code.codebook_id).where(s.Scan.id == scan_id)
            )
        }
        for (turn_id, interview_id, start, end, text), words, suggestion in zip(
            pending, lemmas, SUGGESTIONS, strict=True
        ):
            fragment = s.Fragment(
                turn_id=turn_id,
                interview_id=interview_id,
                scan_id=scan_id,
                start=start,
                end=end,
                text=text,
                text_hash=text_hash(text),
                lemmas=" ".join(words),
            )
            session.add(fragment)
            session.flush()
            built.fragment_ids.append(fragment.id)
            if suggestion is None:
                continue
            pillar, theme, confidence, margin = suggestion
            fragment.status, fragment.top_pillar, fragment.top_theme = "suggested", pillar, theme
            fragment.confidence, fragment.margin = confidence, margin
            for code in (pillar, theme):
                if code:
                    session.add(
                        s.Coding(
                            fragment_id=fragment.id,
                            code_id=codes[code],
                            source="auto",
                            status="suggested",
                            coder="auto",
                            coder_version="test",
                            confidence=confidence,
                        )
                    )
    return built


def codings_of(db: Database, fragment_id: int) -> dict[str, tuple[str, str, str]]:
    with db.session() as session:
        rows = session.execute(
            select(s.Code.code, s.Coding.source, s.Coding.status, s.Coding.coder)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(s.Coding.fragment_id == fragment_id, s.Coding.round_id.is_(None))
        ).all()
    return {code: (source, status, coder) for code, source, status, coder in rows}


def fragment_of(db: Database, fragment_id: int) -> s.Fragment:
    with db.session() as session:
        row = session.get(s.Fragment, fragment_id)
        assert row is not None
        return row


def decisions_of(db: Database, fragment_id: int) -> list[s.Decision]:
    with db.session() as session:
        return list(
            session.scalars(select(s.Decision).where(s.Decision.fragment_id == fragment_id).order_by(s.Decision.id))
        )


_REFLECTED: dict[tuple[str, tuple[str, ...]], Any] = {}


def _reflected(db: Database) -> Any:
    """The database's tables as reflected, reused while the dialect and the set of table names stay the same."""
    from sqlalchemy import MetaData, inspect

    key = (db.engine.dialect.name, tuple(sorted(inspect(db.engine).get_table_names())))
    if key not in _REFLECTED:
        metadata = MetaData()
        metadata.reflect(bind=db.engine)
        _REFLECTED[key] = metadata
    return _REFLECTED[key]


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (sorted), to prove a failed import changed nothing at all."""
    from sqlalchemy import select as select_rows

    metadata = _reflected(db)
    rows: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            rows[name] = sorted((tuple(row) for row in connection.execute(select_rows(table))), key=repr)
    return rows


# --- a REFI-QDA project from another package (tests of models.refiqda) ---------------
FOREIGN_PROJECT = b"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Vreemd project" origin="Ander pakket">
 <Users><User guid="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" name="Onderzoeker"/></Users>
 <CodeBook><Codes>
  <Code guid="11111111-1111-1111-1111-111111111111" name="Informatiepositie en -huishouding" isCodable="true">
   <Code guid="22222222-2222-2222-2222-222222222222" name="Intern meldpunt voor signalen" isCodable="true"/>
   <Code guid="33333333-3333-3333-3333-333333333333" name="Nieuw thema" isCodable="true"/>
  </Code>
  <Code guid="44444444-4444-4444-4444-444444444444" name="Breakfast food" isCodable="true"/>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="55555555-5555-5555-5555-555555555555" name="Leeftijd" typeOfVariable="Integer"/>
 </Variables>
 <Cases><Case guid="66666666-6666-6666-6666-666666666666" name="Jan de Vries"/></Cases>
 <Sources>
  <TextSource guid="77777777-7777-7777-7777-777777777777" name="Gesprek" plainTextPath="internal://77777777-7777-7777-7777-777777777777.txt">
   <PlainTextSelection guid="88888888-8888-8888-8888-888888888888" startPosition="14" endPosition="42">
    <Coding guid="99999999-9999-9999-9999-999999999999" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="88888888-8888-8888-8888-888888888889" startPosition="14" endPosition="21">
    <Coding guid="99999999-9999-9999-9999-999999999990" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">
     <CodeRef targetGUID="44444444-4444-4444-4444-444444444444"/>
    </Coding>
   </PlainTextSelection>
  </TextSource>
  <PDFSource guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" name="Beleidsnota.pdf" path="internal://aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa.pdf"/>
  <AudioSource guid="bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb" name="Opname.m4a" path="internal://bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb.m4a"/>
 </Sources>
 <Links><Link guid="cccccccc-cccc-cccc-cccc-cccccccccccc" name="hangt samen met"/></Links>
 <Sets><Set guid="dddddddd-dddd-dddd-dddd-dddddddddddd" name="Favorieten"/></Sets>
 <Graphs><Graph guid="eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee" name="Netwerk"/></Graphs>
</Project>
"""
