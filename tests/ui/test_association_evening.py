"""An association's whole evening as one test (issue 35's Proof).

Three talks and the members' meeting (the shipped deck) on one server and one join,
started as the library starts an evening. Twelve phones in Chromium stay joined from
the first talk to the last. Voting cards are printed for the evening's program, read
back from the PDF and scanned: six members scan theirs on arriving, four come late to
the meeting and scan theirs there. So the discharge finds too few cards present (no
quorum), the change of the statutes fails for want of two thirds, and the contribution
rules pass with more than half of the cards issued. The minutes (.docx and PDF) and the
proceedings are read back against the session files, and `verify` passes on each.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytestqt.qtbot import QtBot

from tests.support.app import (
    WAIT_MS,
    click,
    next_talk,
    open_poll,
    start_evening,
    state_of,
    totals,
)
from tests.support.cards import decoded
from tests.support.commands import docx_text, impuls, pdf_text
from tests.support.evenings import FRAGE, OPTIONS, evening_program
from tests.support.serving import free_port
from workshop_app.deck import PollType
from workshop_app.paths import SLIDES_DIR
from workshop_app.session.model import PollAction, PollState
from workshop_app.session.motion import Verdict
from workshop_app.session.program import Talk, load_program, save_program, talk_sessions
from workshop_app.session.snapshot import open_snapshot
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

PHONES = 12
ISSUED = 16  # cards handed out at the door: the quorum (50 %) asks for 8 present
EARLY = 6  # members who scan their card on arriving: phones 0–5 hold cards 1–6
LATE = 4  # members who come to the meeting late: phones 6–9 scan cards 7–10 there
MEETING = "Ordentliche Mitgliederversammlung 2026"
SHOTS = Path("/tmp/proof")


def phone(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE",
                                  is_mobile=True, has_touch=True)  # fmt: skip
    return context, context.new_page()


def cast(page: Page, label: str) -> None:
    page.get_by_role("radio", name=label).check()
    page.get_by_role("button", name="Abstimmen").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")


def motion(
    qtbot: QtBot,
    running: PresentingSession,
    poll_id: str,
    ballots: dict[Page, str],
    shot: Path | None = None,
) -> None:
    """Open the motion from the console, the card holders vote, close it and show it
    (`shot`: the first card holder's phone, the motion on it, as a picture)."""
    open_poll(qtbot, running, poll_id)
    if shot is not None:
        first = next(iter(ballots))
        expect(first.get_by_role("radio", name="Enthaltung")).to_be_visible()
        first.screenshot(path=str(shot))
    for page, label in ballots.items():
        cast(page, label)
    click(qtbot, running, PollAction.CLOSE)
    qtbot.waitUntil(lambda: state_of(running, poll_id) == (PollState.CLOSED, False),
                    timeout=WAIT_MS)  # fmt: skip
    click(qtbot, running, PollAction.REVEAL)
    qtbot.waitUntil(lambda: state_of(running, poll_id) == (PollState.CLOSED, True),
                    timeout=WAIT_MS)  # fmt: skip


def verdict(running: PresentingSession, poll_id: str) -> Verdict | None:
    assert running.live is not None
    found = running.live.polls.get(poll_id)
    results = None if found is None else found.results
    return None if results is None or results.motion is None else results.motion.verdict


@pytest.mark.slow
def test_an_associations_evening_from_the_first_talk_to_the_minutes(
    qtbot: QtBot, settings: Settings, browser: Browser, tmp_path: Path
) -> None:
    SHOTS.mkdir(exist_ok=True)
    program_file = evening_program(tmp_path / "abend")
    shutil.copy(SLIDES_DIR / "mitgliederversammlung.md", program_file.parent)
    program = load_program(program_file).added(Talk("mitgliederversammlung.md", "Vorstand"))
    save_program(program_file, program)
    sessions = talk_sessions(program_file, program)  # in the data folder, as the library's

    # The cards, printed before the evening for the laptop's address, and read back.
    port = free_port()
    cards_pdf = tmp_path / "stimmkarten.pdf"
    printed = impuls("cards", "--count", ISSUED, program_file, "--pdf", cards_pdf,
                     "--url", f"http://127.0.0.1:{port}")  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    card_urls = sorted(text for sheet in decoded(cards_pdf) for text, _ in sheet)
    assert len(card_urls) == ISSUED and len(set(card_urls)) == ISSUED

    running = start_evening(qtbot, settings, program_file, None, port=port)
    contexts: list[BrowserContext] = []
    try:
        assert running.live is not None and running.live.info.port == port
        code = running.live.info.join_code
        phones = []
        for n in range(PHONES):
            context, page = phone(browser)
            contexts.append(context)
            phones.append(page)
            if n < EARLY:  # the card is the member's join: the camera opens its address
                page.goto(card_urls[n])
                expect(page.locator("#card")).to_have_text(f"Stimmkarte {n + 1}")
            else:
                page.goto(f"http://127.0.0.1:{port}/?code={code}")
            expect(page.locator("#title")).to_have_text("Vortrag 1")
            page.evaluate("window.stayed = true")  # gone if the page were loaded again
        running.console.grab().save(str(SHOTS / "console-program.png"))

        expected: list[list[int]] = []
        for talk in (1, 2, 3):
            if talk > 1:
                next_talk(qtbot, running, f"Vortrag {talk}")
                assert running.live.info.join_code == code and running.live.info.port == port
                for page in phones:
                    expect(page.locator("#title")).to_have_text(f"Vortrag {talk}")
            open_poll(qtbot, running, FRAGE)
            chosen = [OPTIONS[0 if n < 3 + talk else 1 + n % 2] for n in range(PHONES)]
            for page, label in zip(phones, chosen, strict=True):
                cast(page, label)
            counted = Counter(chosen)
            expected.append([counted[option] for option in OPTIONS])
            qtbot.waitUntil(lambda: totals(running, FRAGE) == expected[-1], timeout=WAIT_MS)

        next_talk(qtbot, running, MEETING)
        for n, page in enumerate(phones):
            expect(page.locator("#title")).to_have_text(MEETING)
            if n < EARLY:  # the cards scanned in the first talk hold their votes here too
                expect(page.locator("#card")).to_have_text(f"Stimmkarte {n + 1}")

        # TOP 4: six cards of sixteen present, the quorum asks for eight.
        motion(qtbot, running, "entlastung",
               {phones[n]: "Ja" if n < 5 else "Nein" for n in range(EARLY)})  # fmt: skip
        qtbot.waitUntil(lambda: verdict(running, "entlastung") is Verdict.NO_QUORUM,
                        timeout=WAIT_MS)  # fmt: skip
        running.audience.grab().save(str(SHOTS / "projector-no-quorum.png"))

        # Four members come late and scan their cards at the door: ten present.
        for n in range(EARLY, EARLY + LATE):
            phones[n].goto(card_urls[n])
            expect(phones[n].locator("#card")).to_have_text(f"Stimmkarte {n + 1}")
            expect(phones[n].locator("#title")).to_have_text(MEETING)

        # TOP 5: 6 Ja of 10 is 60 %, two thirds would need 7.
        motion(qtbot, running, "satzung",
               {phones[n]: "Ja" if n < 6 else "Nein" for n in range(EARLY + LATE)},
               shot=SHOTS / "phone-card-motion.png")  # fmt: skip
        qtbot.waitUntil(lambda: verdict(running, "satzung") is Verdict.REJECTED,
                        timeout=WAIT_MS)  # fmt: skip
        running.audience.grab().save(str(SHOTS / "projector-rejected.png"))

        # TOP 6: more than half of the sixteen cards issued, 9 Ja.
        motion(qtbot, running, "beitrag",
               {phones[n]: "Ja" if n < 9 else "Enthaltung" for n in range(EARLY + LATE)})  # fmt: skip
        qtbot.waitUntil(lambda: verdict(running, "beitrag") is Verdict.ADOPTED,
                        timeout=WAIT_MS)  # fmt: skip
        running.audience.grab().save(str(SHOTS / "projector-adopted.png"))
        assert totals(running, "entlastung") == [5, 1, 0]  # one vote per card
        assert totals(running, "satzung") == [6, 4, 0]
        assert totals(running, "beitrag") == [9, 0, 1]

        stayed = [n for n in range(PHONES) if not EARLY <= n < EARLY + LATE]
        for n in stayed:  # joined once, never loaded again
            assert phones[n].evaluate("window.stayed") is True, n
    finally:
        for context in contexts:
            context.close()
        running.stop()

    # The store: each talk's own file, each motion decided from its own file.
    snapshots = [open_snapshot(session) for session in sessions]
    for snapshot, held in zip(snapshots[:3], expected, strict=True):
        poll = snapshot.deck.poll(FRAGE)
        results = snapshot.results_of(poll)
        assert results is not None
        assert [row.total for row in sorted(results.rows, key=lambda r: r.index)] == held
    meeting = snapshots[3]
    outcomes = {}
    for poll in meeting.deck.polls:
        if poll.type is PollType.MOTION:
            results = meeting.results_of(poll)
            assert results is not None and results.motion is not None
            outcomes[poll.id] = results.motion
    assert {poll: outcome.verdict for poll, outcome in outcomes.items()} == {
        "entlastung": Verdict.NO_QUORUM,
        "satzung": Verdict.REJECTED,
        "beitrag": Verdict.ADOPTED,
    }
    assert outcomes["entlastung"].cards is not None
    assert (outcomes["entlastung"].cards.issued, outcomes["entlastung"].cards.present) == (16, 6)
    assert outcomes["satzung"].cards is not None and outcomes["satzung"].cards.present == 10

    # The minutes and the proceedings, read back against the store; verify on each.
    docx_path, minutes_pdf = tmp_path / "protokoll.docx", tmp_path / "protokoll.pdf"
    made = impuls("minutes", program_file, "--docx", docx_path, "--pdf", minutes_pdf)
    assert made.returncode == 0, made.stderr
    proceedings = tmp_path / "tagungsband.pdf"
    made = impuls("export", program_file, "--pdf", proceedings)
    assert made.returncode == 0, made.stderr
    for text in (docx_text(docx_path), pdf_text(minutes_pdf), pdf_text(proceedings)):
        for snapshot in snapshots:
            assert snapshot.digest in text
        for outcome in outcomes.values():
            assert outcome.sentence() in text
    for written in (docx_text(docx_path), pdf_text(minutes_pdf)):
        assert written.startswith("Protokoll Jahresversammlung")
        assert "Nicht beschlussfähig: 6 von 16 Stimmkarten anwesend, erforderlich 8." in written
    for document in (minutes_pdf, docx_path, proceedings):
        checked = impuls("verify", program_file, document)
        assert checked.returncode == 0, checked.stderr
        assert checked.stdout.count("Stimmt überein") == len(sessions)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(minutes_pdf),
                        str(SHOTS / "minutes")], check=True)  # fmt: skip
