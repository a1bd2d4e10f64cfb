"""A quiz round, the whole way (issue 34, item 1): six phones in headless Chromium answer
two quiz questions, right and wrong, with and without nicknames; the speaker reveals from
the console; the projector, each phone, the leaderboard, the handout and the CSV say who
was right, from one results model and one set of standings."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, accent_share, click, open_poll, start_live, state_of
from tests.support.commands import impuls
from tests.support.decks import QUIZ_MULTIPLE, QUIZ_SINGLE, quiz_talk
from tests.support.drawn import drawn_svg, drawn_text
from tests.support.pdfs import pdftotext
from workshop_app.session.model import PollState
from workshop_app.session.quiz import Standing, Standings
from workshop_app.ui.live import LiveClient
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings
from workshop_app.ui.slide_renderer import SlideRenderer

# Per phone: its nickname ("" none), its answer to the single and to the multiple question.
# Hostile names come from a stranger's phone like any other: markup and a direction trick.
PHONES = [
    ("Anna", "Berlin", ["2", "5"]),  # right, right
    ("", "Berlin", ["2"]),  # right, half right is wrong
    ("<b>Bernd</b>", "Bonn", ["5", "2"]),  # wrong, right
    ("\u202eCarla", "Berlin", ["2", "5", "9"]),  # right, one too many is wrong
    ("", "Köln", ["4"]),  # wrong, wrong
    ("Dora", "Berlin", ["2", "5"]),  # right, right
]
SHOTS = Path("/tmp/quiz")  # looked at by whoever changes the look (not asserted)


def answer(phone: Page, name: str, picks: list[str], question: str, shot: str = "") -> None:
    expect(phone.locator("#question")).to_have_text(question)
    expect(phone.locator("#nick-row")).to_be_visible()  # a quiz question offers a nickname
    for pick in picks:
        phone.locator("label.choice", has_text=pick).first.click()
    if name:
        phone.locator("#nick").fill(name)
    if shot:
        phone.screenshot(path=str(SHOTS / shot), full_page=True)
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")


def reveal(qtbot: QtBot, running: PresentingSession, poll: str) -> None:
    click(qtbot, running, "reveal")  # an open quiz question closes as it is revealed
    qtbot.waitUntil(lambda: state_of(running, poll) == (PollState.CLOSED, True), timeout=WAIT_MS)


def counted(live: LiveClient, poll: str) -> int:
    found = live.polls.get(poll)
    return found.tally.ballots if found is not None and found.tally is not None else 0


def bar_ink(running: PresentingSession, rows: int, row: int) -> tuple[float, float]:
    """(accent, muted) share of the start of answer `row`'s bar, as the projector shows it
    (see ResultsPainter.bars: the bars start right of the labels, 36 % of the width)."""
    renderer = running.slideshow.renderer
    results = renderer.layout(running.state.index).results
    assert results is not None
    height = min(results.adjusted(0, 0, 0, -96).height() / rows, 118)
    bar = QRectF(results.left() + results.width() * 0.36 + 30,
                 results.top() + row * height + height * 0.4, 12, height * 0.2)  # fmt: skip
    image = renderer.image(running.state.index)
    colors = renderer.theme.colors
    return accent_share(image, bar, colors.accent), accent_share(image, bar, colors.muted)


def test_a_quiz_round_on_six_phones_the_projector_the_handout_and_the_csv(
    qtbot: QtBot, settings: Settings, tmp_path: Path, browser: Browser
) -> None:
    session = tmp_path / "quiz.impuls"
    running = start_live(qtbot, prepare_deck(quiz_talk(tmp_path)), settings, session)
    contexts: list[BrowserContext] = []
    try:
        live = running.live
        assert live is not None
        info = live.info
        phones = []
        for _ in PHONES:
            contexts.append(browser.new_context(viewport={"width": 360, "height": 740},
                                                locale="de-DE"))  # fmt: skip
            phones.append(contexts[-1].new_page())
            phones[-1].goto(f"http://127.0.0.1:{info.port}/?code={info.join_code}")

        # Question 1, single choice: four right, two wrong.
        open_poll(qtbot, running, QUIZ_SINGLE)
        for n, (phone, (name, single, _)) in enumerate(zip(phones, PHONES, strict=True)):
            answer(phone, name, [single], "Wo sitzt die Bundesregierung?",
                   "phone-question.png" if n == 0 else "")  # fmt: skip
        qtbot.waitUntil(lambda: counted(live, QUIZ_SINGLE) == 6, timeout=WAIT_MS)
        reveal(qtbot, running, QUIZ_SINGLE)
        for phone, (_, single, _) in zip(phones, PHONES, strict=True):
            verdict = "Richtig!" if single == "Berlin" else "Richtig wäre: B Berlin"
            expect(phone.locator("#bars > p").first).to_have_text(verdict)
            expect(phone.locator("#bars > p").first).to_have_class(
                "ok" if single == "Berlin" else "notice"
            )
            expect(phone.locator("#bars .bar").nth(1)).to_contain_text("✓ B Berlin")
            expect(phone.locator("#summary")).to_contain_text("Richtig: 4 von 6 Handys (67\u00a0%)")
        phones[0].screenshot(path=str(SHOTS / "phone-right.png"), full_page=True)
        phones[4].screenshot(path=str(SHOTS / "phone-wrong.png"), full_page=True)
        drawn = drawn_text(running.slideshow.renderer, running.state.index)
        assert "✓ Berlin" in drawn and "Richtig: 4 von 6 Handys (67 %)" in drawn
        assert "✓ Bonn" not in drawn and "✓ Köln" not in drawn
        running.audience.view.grab().save(str(SHOTS / "projector-reveal.png"))
        # The right answer's bar in the accent, the wrong ones' stepped back.
        qtbot.waitUntil(lambda: bar_ink(running, 3, 1)[0] > 0.5, timeout=WAIT_MS)
        assert bar_ink(running, 3, 0)[0] < 0.05 and bar_ink(running, 3, 0)[1] > 0.5

        # Question 2, multiple choice: exactly 2 and 5 is right; three phones have it.
        open_poll(qtbot, running, QUIZ_MULTIPLE)
        for phone, (name, _, picks) in zip(phones, PHONES, strict=True):
            expect(phone.locator("#nick")).to_have_value(name)  # the phone kept its name
            answer(phone, "", picks, "Welche sind Primzahlen?")
        qtbot.waitUntil(lambda: counted(live, QUIZ_MULTIPLE) == 6, timeout=WAIT_MS)
        reveal(qtbot, running, QUIZ_MULTIPLE)
        for phone, (_, _, picks) in zip(phones, PHONES, strict=True):
            verdict = "Richtig!" if sorted(picks) == ["2", "5"] else "Richtig wäre: A 2, C 5"
            expect(phone.locator("#bars > p").first).to_have_text(verdict)

        # The leaderboard: by nickname, guests as "Gast", names as text.
        running.state.go(running.state.deck.slides[-1].index)
        qtbot.waitUntil(lambda: live.standings is not None and live.standings.phones == 6,
                        timeout=WAIT_MS)  # fmt: skip
        standings = live.standings
        assert standings is not None
        assert standings.lines(5) == [
            ("1.", "Anna", "2 Punkte"), ("1.", "Dora", "2 Punkte"),
            ("3.", "<b>Bernd</b>", "1 Punkt"), ("3.", "Carla", "1 Punkt"),
            ("3.", "Gast", "1 Punkt"),
        ]  # fmt: skip
        qtbot.waitUntil(lambda: "Dora" in drawn_text(running.slideshow.renderer,
                                                       running.state.index), timeout=WAIT_MS)  # fmt: skip
        board = drawn_text(running.slideshow.renderer, running.state.index)
        assert "1. Anna 2 Punkte" in board and "3. Gast 1 Punkt" in board
        # Markup in a name is drawn as its characters.
        assert "&lt;b&gt;Bernd&lt;/b&gt;" in drawn_svg(
            running.slideshow.renderer, running.state.index
        )
        running.audience.view.grab().save(str(SHOTS / "projector-leaderboard.png"))
    finally:
        for context in contexts:
            context.close()
        running.stop()

    # The organizer's files, from the session file alone.
    pdf, table = tmp_path / "quiz.pdf", tmp_path / "quiz.csv"
    made = impuls("export", session, "--pdf", pdf, "--layout", "results", "--csv", table)
    assert made.returncode == 0, made.stderr
    printed = " ".join(pdftotext(pdf).split())
    assert "Richtig: 4 von 6 Handys (67 %)" in printed
    assert "Richtig: 3 von 6 Handys (50 %)" in printed
    # The right answers ticked beside their bars (pdftotext may drop a space).
    for ticked in ("B ?Berlin", "A ?2", "C ?5"):
        assert re.search(f"✓ ?{ticked} ", printed), ticked
    assert not re.search("✓ ?(A ?Bonn|C ?Köln|B ?4|D ?9) ", printed)
    # The leaderboard as the room saw it, and nowhere else: not beside a poll, not in a file.
    board = printed[printed.index("Rangliste 1. Anna") :]
    assert board.startswith("Rangliste 1. Anna · 2 Punkte 1. Dora · 2 Punkte 3. <b>Bernd</b>")
    assert "Im Schnitt 1,2 von 2 Punkten · 6 Handys" in board
    for nickname in ("Anna", "Bernd", "Carla", "Dora"):
        assert printed.count(nickname) == 1, nickname
        assert nickname not in table.read_text("utf-8")
    with table.open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["poll"] == QUIZ_SINGLE]
    assert [(r["option"], r["correct"], r["right_percent"]) for r in rows] == [
        ("Bonn", "0", "66.7"), ("Berlin", "1", "66.7"), ("Köln", "0", "66.7")]  # fmt: skip


def test_a_leaderboard_without_names_shows_the_average_and_no_name(tmp_path: Path) -> None:
    renderer = SlideRenderer(prepare_deck(quiz_talk(tmp_path, names=False)))
    board = len(renderer.deck.slides) - 1
    assert "Noch hat niemand eine Quizfrage beantwortet" in drawn_text(renderer, board)
    renderer.standings = Standings(
        (Standing(1, "Anna", 2.0, 2), Standing(2, None, 1.0, 1), Standing(3, None, 0.0, 0)),
        most=2.0, speed=False,
    )  # fmt: skip
    drawn = drawn_text(renderer, board)
    assert "Im Schnitt 1,0 von 2 Punkten · 3 Handys" in drawn
    assert "Anna" not in drawn and "Gast" not in drawn
