"""The quote basket: accepted fragments in, consent and PII rules, ordering, attribution."""

from __future__ import annotations

import io

import pytest

from models import quotes
from models.auth import LOCAL, Actor, PermissionDenied
from models.errors import InputError
from models.events import list_events
from models.scans import update_respondent
from tests.factories import ANALYST, ANSWERS

INTERVIEWER = Actor(username="interviewer", role="interviewer")


def test_quotes_add_accepted_fragment_keeps_link_and_original(db, scan):
    fragment_id = scan["fragments"]["ja"][0]
    quote_id = quotes.add_quote(db, ANALYST, fragment_id, "BEL", "BEL.vth_omgevingsdienst")
    view = quotes.get_quote(db, ANALYST, quote_id)
    assert view.fragment_id == fragment_id
    assert view.display_text == view.original_text == ANSWERS["ja"].split(" Mevrouw")[0]
    assert view.citation == (
        "‘Er moet niet lichtzinnig worden gedacht over milieuvergunningen.’ (respondent uit de interviews)."
    )


def test_quotes_refuses_fragment_without_accepted_coding(db, scan):
    with pytest.raises(InputError, match="geaccepteerde codering"):
        quotes.add_quote(db, ANALYST, scan["fragments"]["anoniem"][1], "INF", "INF.meldpunt")


@pytest.mark.parametrize(
    ("pillar", "theme", "message"),
    [
        ("XYZ", None, "Onbekende pijler"),
        ("BEW", "INF.meldpunt", "hoort niet bij"),
        ("BEW", "BEW.bestaatniet", "hoort niet bij"),
    ],
)
def test_quotes_refuses_unknown_pillar_or_theme(db, scan, pillar, theme, message):
    with pytest.raises(InputError, match=message):
        quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], pillar, theme)


def test_quotes_refuses_respondent_without_consent(db, scan):
    with pytest.raises(InputError, match="geen toestemming"):
        quotes.add_quote(db, ANALYST, scan["fragments"]["nee"][0], "BEW", "BEW.bewustwording")


def test_quotes_needs_quote_permission(db, scan):
    with pytest.raises(PermissionDenied):
        quotes.add_quote(db, INTERVIEWER, scan["fragments"]["ja"][0], "BEL", None)


def test_quotes_one_fragment_serves_two_pillars_but_not_twice_the_same(db, scan):
    fragment_id = scan["fragments"]["ja"][0]
    first = quotes.add_quote(db, ANALYST, fragment_id, "BEL", "BEL.vth_omgevingsdienst")
    second = quotes.add_quote(db, ANALYST, fragment_id, "BEW", "BEW.kwetsbare_processen")
    assert first != second
    assert [q.pillar for q in quotes.list_quotes(db, ANALYST, scan["scan_id"])] == ["BEW", "BEL"]
    with pytest.raises(InputError, match="staat al"):
        quotes.add_quote(db, ANALYST, fragment_id, "BEL", "BEL.vth_omgevingsdienst")


def test_quotes_edit_display_keeps_original_and_logs(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", None)
    quotes.edit_quote(db, ANALYST, quote_id, "Er moet niet lichtzinnig worden gedacht over [milieu]vergunningen […].")
    view = quotes.get_quote(db, ANALYST, quote_id)
    assert view.display_text.endswith("[…].")
    assert view.original_text == "Er moet niet lichtzinnig worden gedacht over milieuvergunningen."
    events = list_events(db, LOCAL, entity="quote", entity_id=quote_id)
    assert [e.action for e in events] == ["quote.edit", "quote.add"]
    assert events[0].before == {"display_text": view.original_text}
    with pytest.raises(InputError, match="leeg"):
        quotes.edit_quote(db, ANALYST, quote_id, "   ")
    quotes.reset_quote(db, ANALYST, quote_id)
    assert quotes.get_quote(db, ANALYST, quote_id).display_text == view.original_text


def test_quotes_move_up_and_down_with_stable_positions(db, scan):
    ids = [
        quotes.add_quote(db, ANALYST, fid, "BEW", "BEW.bewustwording")
        for fid in (scan["fragments"]["ja"][0], scan["fragments"]["ja"][1], scan["fragments"]["anoniem"][0])
    ]
    order = lambda: [q.id for q in quotes.list_quotes(db, ANALYST, scan["scan_id"])]  # noqa: E731
    assert order() == ids
    quotes.move_quote(db, ANALYST, ids[2], -1)
    assert order() == [ids[0], ids[2], ids[1]]
    quotes.move_quote(db, ANALYST, ids[0], -1)  # already at the top: nothing changes
    assert order() == [ids[0], ids[2], ids[1]]
    quotes.move_quote(db, ANALYST, ids[0], +1)
    assert order() == [ids[2], ids[0], ids[1]]
    quotes.move_quote(db, ANALYST, ids[1], +1)  # at the bottom
    assert order() == [ids[2], ids[0], ids[1]]
    positions = [q.position for q in quotes.list_quotes(db, ANALYST, scan["scan_id"])]
    assert positions == sorted(set(positions))


def test_quotes_role_style_and_anonymous_fallback(db, scan):
    named = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", None)
    anonymous = quotes.add_quote(db, ANALYST, scan["fragments"]["anoniem"][0], "INF", "INF.meldpunt")
    quotes.set_citation_style(db, ANALYST, scan["scan_id"], "role")
    assert quotes.get_quote(db, ANALYST, named).citation.endswith("(een afdelingshoofd).")
    view = quotes.get_quote(db, ANALYST, anonymous)
    assert view.citation.endswith("(respondent uit de interviews).")
    assert view.anonymous_fallback
    with pytest.raises(InputError, match="citeerstijl"):
        quotes.set_citation_style(db, ANALYST, scan["scan_id"], "naam")


def test_quotes_pii_finding_blocks_until_edited(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][1], "BEW", "BEW.bewustwording")
    findings = quotes.check_quote(db, ANALYST, quote_id)
    assert [(f.kind, f.text) for f in findings] == [("persoon", "Jansen")]
    blockers = quotes.export_blockers(db, ANALYST, scan["scan_id"])
    assert [(b.quote_id, b.kind) for b in blockers] == [(quote_id, "pii")]
    quotes.edit_quote(db, ANALYST, quote_id, "(Een collega) van het RIEC weet dat ook.")
    assert quotes.check_quote(db, ANALYST, quote_id) == []
    assert quotes.export_blockers(db, ANALYST, scan["scan_id"]) == []


def test_quotes_waive_finding_needs_reason_and_is_logged(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][1], "BEW", None)
    finding = quotes.check_quote(db, ANALYST, quote_id)[0]
    with pytest.raises(InputError, match="reden"):
        quotes.waive_finding(db, ANALYST, quote_id, finding.key, "  ")
    with pytest.raises(InputError, match="niet \\(meer\\)"):
        quotes.waive_finding(db, ANALYST, quote_id, "persoon:iemand anders", "publieke functionaris")
    quotes.waive_finding(db, ANALYST, quote_id, finding.key, "Naam is fictief, geen echte persoon")
    assert quotes.check_quote(db, ANALYST, quote_id) == []
    view = quotes.get_quote(db, ANALYST, quote_id)
    assert view.waivers[0]["reason"] == "Naam is fictief, geen echte persoon"
    assert view.waivers[0]["user"] == "analist"
    events = list_events(db, LOCAL, entity="quote", entity_id=quote_id)
    assert events[0].action == "quote.pii_waive"


def test_quotes_respondent_name_and_code_are_findings(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", None)
    quotes.edit_quote(db, ANALYST, quote_id, "Anna Visser zei tegen R02 dat het beter moet.")
    kinds = [(f.kind, f.text) for f in quotes.check_quote(db, ANALYST, quote_id)]
    assert kinds == [("respondent", "Anna Visser"), ("respondent", "R02")]


def test_quotes_withdrawn_consent_blocks_export(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", None)
    update_respondent(db, LOCAL, scan["people"]["ja"].id, consent="nee")
    blockers = quotes.export_blockers(db, ANALYST, scan["scan_id"])
    assert [(b.quote_id, b.kind) for b in blockers] == [(quote_id, "consent")]


def test_quotes_accepted_fragments_search(db, scan):
    all_ids = {c.fragment_id for c in quotes.accepted_fragments(db, ANALYST, scan["scan_id"])}
    assert all_ids == {
        scan["fragments"]["ja"][0],
        scan["fragments"]["ja"][1],
        scan["fragments"]["anoniem"][0],
        scan["fragments"]["nee"][0],
    }
    found = quotes.accepted_fragments(db, ANALYST, scan["scan_id"], search="meldpunt")
    assert [c.fragment_id for c in found] == [scan["fragments"]["anoniem"][0]]
    assert found[0].codes == ["INF.meldpunt"]


def test_quotes_remove(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", None)
    quotes.remove_quote(db, ANALYST, quote_id)
    assert quotes.list_quotes(db, ANALYST, scan["scan_id"]) == []


def test_quotes_take_the_pillar_and_theme_of_the_accepted_coding(db, scan):
    from docx import Document

    from models import exports

    fragments = scan["fragments"]
    chosen = {fragments["ja"][0]: "BEL", fragments["anoniem"][0]: "INF", fragments["ja"][1]: "BEW"}
    for fragment_id in chosen:
        quote_id = quotes.add_quote(db, ANALYST, fragment_id)  # no pillar given: the accepted coding decides
        for finding in quotes.check_quote(db, ANALYST, quote_id):
            quotes.waive_finding(db, ANALYST, quote_id, finding.key, "Naam is een voorbeeld in deze toets.")
    basket = {view.fragment_id: (view.pillar, view.theme) for view in quotes.list_quotes(db, ANALYST, scan["scan_id"])}
    assert basket == {
        fragments["ja"][0]: ("BEL", "BEL.vth_omgevingsdienst"),
        fragments["anoniem"][0]: ("INF", "INF.meldpunt"),
        fragments["ja"][1]: ("BEW", "BEW.bewustwording"),
    }
    data = exports.export_docx(db, ANALYST, scan["scan_id"])
    pillar_of_paragraph: dict[str, str] = {}
    current = ""
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 1":
            current = paragraph.text
        elif paragraph.text.startswith("‘"):
            pillar_of_paragraph[paragraph.text] = current
    where = {text.split("’")[0].lstrip("‘"): heading for text, heading in pillar_of_paragraph.items()}
    assert where["Er moet niet lichtzinnig worden gedacht over milieuvergunningen."] == "3. Beleid en handhaving"
    assert where["We hebben een meldpunt, maar niemand weet het te vinden."] == "2. Informatiepositie en -huishouding"
    assert where["Mevrouw Jansen van het RIEC weet dat ook."] == "1. Bewustwording en organisatie"


def test_quotes_place_moves_a_quote_later_and_logs_it(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0])
    quotes.place_quote(db, ANALYST, quote_id, "INT", "INT.integriteitsbeleid")
    view = quotes.get_quote(db, ANALYST, quote_id)
    assert (view.pillar, view.theme) == ("INT", "INT.integriteitsbeleid")
    (event,) = [
        e for e in list_events(db, LOCAL, entity="quote", entity_id=quote_id) if e.action == "quote.place"
    ]
    assert event.before["pillar"] == "BEL"
    assert event.after == {"pillar": "INT", "theme": "INT.integriteitsbeleid", "position": 0}
    with pytest.raises(InputError):
        quotes.place_quote(db, ANALYST, quote_id, "BEW", "INF.meldpunt")  # a theme of another pillar
