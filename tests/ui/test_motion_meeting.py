"""A members' meeting, the whole way (issue 35, item 2): phones in headless Chromium vote
on two motions over the real server, the back row's show of hands is entered on the
console, the chair reveals; the projector, the console, each phone and the handout say
the same verdict with the rule applied, from one results model."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, click, open_poll, start_live, state_of
from tests.support.commands import impuls
from tests.support.decks import ENTLASTUNG, SATZUNG, meeting
from tests.support.drawn import drawn_text
from tests.support.pdfs import pdftotext
from workshop_app.session.model import PollState
from workshop_app.ui.live import LiveClient
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

SHOTS = Path("/tmp/motions")  # looked at by whoever changes the look (not asserted)
# Per phone: its vote on the statute change (two thirds) and on the discharge (simple).
PHONES = [("Ja", "Ja"), ("Ja", "Nein"), ("Ja", "Ja"), ("Nein", "Enthaltung"),
          ("Enthaltung", "Ja")]  # fmt: skip
REJECTED = ("Abgelehnt: 3 Ja, 2 Nein, 1 Enthaltung (davon per Handzeichen: 0 Ja, 1 Nein);"
            " erforderlich: zwei Drittel der abgegebenen Stimmen (4 Ja).")  # fmt: skip
ADOPTED = "Angenommen: 3 Ja, 1 Nein, 1 Enthaltung; erforderlich: einfache Mehrheit."


def vote(phone: Page, pick: str, question: str, shot: str = "") -> None:
    expect(phone.locator("#question")).to_have_text(question)
    choice = phone.get_by_role("radio", name=pick)  # one pick of three: radios
    phone.locator("label.choice", has_text=pick).first.click()
    expect(choice).to_be_checked()
    if shot:
        phone.screenshot(path=str(SHOTS / shot), full_page=True)
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")


def counted(live: LiveClient, poll: str) -> int:
    found = live.polls.get(poll)
    return found.tally.ballots if found is not None and found.tally is not None else 0


def reveal(qtbot: QtBot, running: PresentingSession, poll: str) -> None:
    click(qtbot, running, "reveal")  # an open motion closes as it is revealed
    qtbot.waitUntil(lambda: state_of(running, poll) == (PollState.CLOSED, True), timeout=WAIT_MS)


def test_a_members_meeting_on_phones_the_console_the_projector_and_the_handout(
    qtbot: QtBot, settings: Settings, tmp_path: Path, browser: Browser
) -> None:
    SHOTS.mkdir(exist_ok=True)
    session = tmp_path / "versammlung.impuls"
    running = start_live(qtbot, prepare_deck(meeting(tmp_path)), settings, session)
    contexts: list[BrowserContext] = []
    try:
        live = running.live
        assert live is not None
        phones = []
        for _ in PHONES:
            contexts.append(browser.new_context(viewport={"width": 360, "height": 740},
                                                locale="de-DE"))  # fmt: skip
            phones.append(contexts[-1].new_page())
            phones[-1].goto(f"http://127.0.0.1:{live.info.port}/?code={live.info.join_code}")

        # The statute change: three Ja of four votes cast would be two thirds, but the
        # back row raises one more Nein, and three of five is not.
        open_poll(qtbot, running, SATZUNG)
        for n, (phone, (pick, _)) in enumerate(zip(phones, PHONES, strict=True)):
            vote(phone, pick, "Wird § 7 der Satzung wie vorgelegt geändert?",
                 "phone-motion.png" if n == 0 else "")  # fmt: skip
        qtbot.waitUntil(lambda: counted(live, SATZUNG) == 5, timeout=WAIT_MS)
        assert not running.console.polls.outcome.isVisible()  # open: nothing decided yet
        running.console.polls.ask_hands()
        dialog = running.console.polls.dialog
        assert dialog is not None and len(dialog.spins) == 3  # Ja, Nein, Enthaltung
        dialog.spins[1].setValue(1)
        dialog.accept()
        qtbot.waitUntil(lambda: live.polls[SATZUNG].tally.hands == (0, 1, 0),  # type: ignore[union-attr]
                        timeout=WAIT_MS)  # fmt: skip
        reveal(qtbot, running, SATZUNG)
        for phone in phones:
            verdict = phone.locator("#bars > p").first
            expect(verdict).to_have_text(REJECTED)
            expect(verdict).to_have_class("notice")
        phones[0].screenshot(path=str(SHOTS / "phone-rejected.png"), full_page=True)
        outcome = running.console.polls.outcome
        qtbot.waitUntil(outcome.isVisible, timeout=WAIT_MS)
        assert outcome.text() == f"ABGELEHNT\n{REJECTED}"
        qtbot.waitUntil(lambda: REJECTED in drawn_text(running.slideshow.renderer,
                                                       running.state.index), timeout=WAIT_MS)  # fmt: skip
        assert "ABGELEHNT" in drawn_text(running.slideshow.renderer, running.state.index)
        running.audience.view.grab().save(str(SHOTS / "projector-meeting.png"))
        running.console.grab().save(str(SHOTS / "console-meeting.png"))

        # The discharge: a simple majority, phones alone.
        open_poll(qtbot, running, ENTLASTUNG)
        for phone, (_, pick) in zip(phones, PHONES, strict=True):
            vote(phone, pick, "Wird der Vorstand für 2025 entlastet?")
        qtbot.waitUntil(lambda: counted(live, ENTLASTUNG) == 5, timeout=WAIT_MS)
        reveal(qtbot, running, ENTLASTUNG)
        for phone in phones:
            expect(phone.locator("#bars > p").first).to_have_text(ADOPTED)
            expect(phone.locator("#bars > p").first).to_have_class("ok")
        phones[0].screenshot(path=str(SHOTS / "phone-adopted.png"), full_page=True)
        qtbot.waitUntil(lambda: running.console.polls.outcome.text() == f"ANGENOMMEN\n{ADOPTED}",
                        timeout=WAIT_MS)  # fmt: skip
    finally:
        for context in contexts:
            context.close()
        running.stop()

    # The handout, from the session file alone, says both, and `verify` checks them.
    pdf = tmp_path / "versammlung.pdf"
    made = impuls("export", session, "--pdf", pdf, "--layout", "results")
    assert made.returncode == 0, made.stderr
    printed = " ".join(pdftotext(pdf).split())
    assert f"ABGELEHNT {REJECTED}" in printed
    assert f"ANGENOMMEN {ADOPTED}" in printed
    checked = impuls("verify", session, pdf)
    assert checked.returncode == 0, checked.stdout + checked.stderr
