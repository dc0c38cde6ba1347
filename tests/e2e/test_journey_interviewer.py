"""Issue 12: the app used as an interviewer uses it, in Chromium, asserting what is on screen.

Log in, create a scan and two respondents; an individual interview of eight
answers with a probe, a skipped question, back, an own question and a citaat,
pause and resume, a reload in the middle with an unsent draft (log in again:
same scan, same interview, same place, draft back); finish with one
confirmation; then a group interview with two speakers switched from the
keyboard (Alt+1/Alt+2). Shared parts: ``tests/e2e/journey.py``.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import schema as s
from tests.browser import CHROMIUM, Steps
from tests.e2e.journey import PASSWORD, USERNAME, expect, open_browser, query, sidebar_scan
from texts import t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


def test_journey_interviewer(team_server: tuple[str, int], db_url: str) -> None:
    base, _ = team_server
    playwright, browser, context = open_browser(base)
    steps = Steps(context.new_page(), base)
    steps.username, steps.password = USERNAME, PASSWORD
    page = steps.page
    try:
        steps.start()
        steps.login()
        steps.shot("journey-interviewer-logged-in")
        # a scan of its own and two respondents; the sidebar names the new scan from then on
        steps.open("nav.scans")
        page.get_by_text(t("scans.new"), exact=True).click()  # folded away: the demo scan exists already
        steps.key("scans_name").locator("input").fill("Journeyscan")
        steps.key("scans_organisation").locator("input").fill("Gemeente Oostdam")
        steps.click(page.get_by_role("button", name=t("scans.create")))
        page.get_by_text(t("scans.created", name="Journeyscan")).wait_for()
        assert sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
        for code in ("R01", "R02"):
            steps.click(page.get_by_role("button", name=t("scans.add")))
            page.get_by_text(code).first.wait_for(state="attached")
        steps.shot("journey-interviewer-scan-and-respondents")

        # an individual interview of eight answers
        steps.open("nav.interview")
        assert sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
        steps.key("interview_new_title").locator("input").fill("Interview E2E")
        steps.pick_many("interview_new_participants", ["R01"])
        steps.click(page.get_by_role("button", name=t("interview.create")))
        steps.expect_interview_selected("Interview E2E")
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        expect(box).to_be_in_viewport()  # the controls are on screen, not below the fold
        steps.shot("journey-interviewer-individual-opened")

        def turns(title: str) -> list[tuple[str, str | None, bool, str]]:
            return query(
                db_url,
                lambda session: [
                    (turn.kind, turn.respondent.code if turn.respondent else None, turn.quote_marked, turn.text)
                    for turn in session.scalars(
                        select(s.Turn).join(s.Interview).where(s.Interview.title == title).order_by(s.Turn.seq)
                    )
                ],
            )

        individual = _individual_interview(steps, db_url, lambda: turns("Interview E2E"))
        answers = [(code, quoted, text) for kind, code, quoted, text in individual if kind == "answer"]
        assert [text for _, _, text in answers] == INDIVIDUAL_ANSWERS, "every answer once, in order, over the reload"
        assert {code for code, _, _ in answers} == {"R01"}
        assert [text for _, quoted, text in answers if quoted] == [INDIVIDUAL_ANSWERS[4]]  # the citaat
        kinds = [kind for kind, _, _, _ in individual]
        assert {"probe", "skip", "own"} <= set(kinds), kinds
        assert _statuses(db_url, "Interview E2E")[-3:] == ["gepauzeerd", "bezig", "afgerond"]

        # a group interview: the speaker switched from the keyboard (Alt+1 / Alt+2)
        page.get_by_text(t("interview.new"), exact=True).click()
        steps.key("interview_new_title").locator("input").fill("Groepsgesprek E2E")
        steps.key("interview_new_kind").get_by_text(t("interview.kind.groep"), exact=True).click()
        steps.pick_many("interview_new_participants", ["R01", "R02"])
        steps.click(page.get_by_role("button", name=t("interview.create")))
        steps.expect_interview_selected("Groepsgesprek E2E")
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        for text, key in (
            ("Ik werk hier twaalf jaar, bij vergunningen.", "Alt+1"),
            ("Als Bibob-coördinator zie ik vooral de horeca.", "Alt+2"),
            ("Ondermijning merken we vooral bij vastgoed.", None),  # the speaker stays R02
            ("Dat bespreken we in het driehoeksoverleg.", "Alt+1"),
        ):
            if key:
                box.click()
                page.keyboard.press(key)
                steps.settle()
                expect(
                    page.get_by_role("radio", name={"Alt+1": "R01", "Alt+2": "R02"}[key], exact=False)
                ).to_be_checked()
            steps.answer(text)
        steps.shot("journey-interviewer-group")
        steps.click(page.get_by_role("button", name=t("interview.finish")))
        steps.click(steps.key("interview_finish").get_by_role("button"))
        page.get_by_text(t("interview.finished")).wait_for()
        group = [(code, text) for kind, code, _, text in turns("Groepsgesprek E2E") if kind == "answer"]
        assert [code for code, _ in group] == ["R01", "R02", "R02", "R01"], group
        scans = query(
            db_url,
            lambda session: set(
                session.scalars(
                    select(s.Scan.name)
                    .join(s.Interview)
                    .where(s.Interview.title.in_(["Interview E2E", "Groepsgesprek E2E"]))
                )
            ),
        )
        assert scans == {"Journeyscan"}, "both interviews in the scan the sidebar named"
    except BaseException:
        steps.shot_failure()
        raise
    finally:
        browser.close()
        playwright.stop()


INDIVIDUAL_ANSWERS = [
    "Ik werk hier twaalf jaar, nu als afdelingshoofd vergunningen.",
    "Ondermijning merken we vooral bij vastgoed en in de horeca.",
    "Dat bespreken we in het driehoeksoverleg met politie en OM.",  # the answer to a probe
    "Toch nog een aanvulling op de vorige vraag: de Bibob-toets.",  # after skip and back
    "Bedreigingen melden we altijd bij de teamleider.",  # the answer to an own question, a citaat
    "Na de pauze: er is geen vertrouwenspersoon voor dit soort zaken.",
    "Dit concept is na het herladen teruggekomen en nu verstuurd.",  # the unsent draft, kept over the reload
    "Laatste antwoord: integriteit staat elk jaar op de agenda.",
]


def _individual_interview(steps: Steps, db_url: str, turns):  # type: ignore[no-untyped-def]
    """Eight answers with a probe, a skip, back, an own question, a citaat, pause/resume, a reload; finish."""
    page = steps.page
    steps.interview = "Interview E2E"  # steps.answer checks the sidebar still holds it after every answer
    steps.answer(INDIVIDUAL_ANSWERS[0])
    kind, _, _, question = turns()[-1]
    assert kind == "question"  # one action per turn: Enter stored the answer and asked the next question
    page.get_by_text(question, exact=True).first.wait_for()
    steps.answer(INDIVIDUAL_ANSWERS[1])
    page.get_by_text(t("interview.probes"), exact=True).first.click()
    steps.click(page.get_by_role("button", name=t("interview.ask_probe")).first)
    assert turns()[-1][0] == "probe"
    steps.answer(INDIVIDUAL_ANSWERS[2])
    steps.click(page.get_by_role("button", name=t("interview.skip")))
    assert turns()[-2][0] == "skip" and turns()[-1][0] == "question"
    steps.click(page.get_by_role("button", name=t("interview.back")))
    steps.answer(INDIVIDUAL_ANSWERS[3])
    page.get_by_text(t("interview.own_question"), exact=True).click()
    interview_id = query(
        db_url,
        lambda session: session.scalars(select(s.Interview.id).where(s.Interview.title == "Interview E2E")).one(),
    )
    steps.key(f"interview_own_text_{interview_id}").locator("input").fill("Hoe gaat u om met bedreigingen?")
    steps.click(steps.key("interview_own_ask").get_by_role("button"))
    steps.answer(INDIVIDUAL_ANSWERS[4])
    steps.click(steps.key("interview_mark_quote").get_by_role("button"))
    steps.shot("journey-interviewer-individual-citaat")
    steps.click(steps.key("interview_pause").get_by_role("button"))
    page.get_by_text(t("interview.paused")).wait_for()
    steps.shot("journey-interviewer-paused")
    steps.click(steps.key("interview_resume").get_by_role("button"))
    expect(
        page.get_by_text(t("interview.status_line", status="bezig", kind=t("interview.kind.individueel")))
    ).to_be_visible()
    steps.answer(INDIVIDUAL_ANSWERS[5])
    # a reload with an unsent draft: log in again, same scan, same interview, same place, the draft back
    before = turns()
    box = page.get_by_placeholder(t("interview.answer_placeholder"))
    box.fill(INDIVIDUAL_ANSWERS[6])
    page.wait_for_timeout(500)
    page.reload()
    steps.settle()
    steps.login()
    box = page.get_by_placeholder(t("interview.answer_placeholder"))
    expect(box).to_have_value(INDIVIDUAL_ANSWERS[6])
    expect(box).to_be_in_viewport()
    assert sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
    steps.expect_interview_selected("Interview E2E")
    page.get_by_text(before[-1][3], exact=True).first.wait_for()  # the question that was open
    assert turns() == before  # the reload asked nothing new and lost nothing
    steps.shot("journey-interviewer-after-reload")
    box.press("Enter")
    steps.settle()
    page.get_by_text(INDIVIDUAL_ANSWERS[6]).first.wait_for()
    steps.answer(INDIVIDUAL_ANSWERS[7])
    steps.click(page.get_by_role("button", name=t("interview.finish")))
    steps.click(steps.key("interview_finish").get_by_role("button"))
    page.get_by_text(t("interview.finished")).wait_for()
    steps.shot("journey-interviewer-individual-finished")
    steps.interview = ""
    return turns()


def _statuses(db_url: str, title: str) -> list[str]:
    return query(
        db_url,
        lambda session: [
            event.after["status"]
            for event in session.scalars(
                select(s.Event)
                .join(s.Interview, s.Interview.id == s.Event.entity_id)
                .where(s.Event.entity == "interview", s.Event.action == "interview.status")
                .where(s.Interview.title == title)
                .order_by(s.Event.id)
            )
        ],
    )
