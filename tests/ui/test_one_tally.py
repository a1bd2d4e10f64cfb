"""One tally through every surface: the same numbers and the same base everywhere.

A multiple-choice poll is counted from four phones and a show of hands, then read
back from the projector (what the renderer draws), the phone page in Chromium, the
API's JSON, the PDF handout, the CSV and the JSON export. Before the shared
results model the projector, PDF and CSV divided by ticks (4 of 10 = 40 %) and the
phone by phone ballots (4 of 4 = 100 %); the base is 6 voters (4 phones, and 2
people raised a hand for the most-raised answer), so LinkedIn's 4 are 67 %.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from playwright.sync_api import Browser, expect
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, call, click, open_poll, start_live, state_of, vote
from tests.support.commands import impuls
from tests.support.decks import MULTIPLE
from tests.support.drawn import drawn_text
from tests.support.pdfs import pdftotext
from workshop_app.session.model import PollState
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

POLL = MULTIPLE  # multiple choice: LinkedIn, Xing, Instagram, Facebook, YouTube, …
PHONES = ([0, 1], [0], [0, 2], [2, 4])  # LinkedIn 3, Xing 1, Instagram 2, YouTube 1
HANDS = [1, 0, 2, 0, 0, 0, 0]  # the most-raised answer: 2 people
VOTERS = 6
# answer letter → (total, percent with one place) as every surface must say it
EXPECTED = {"A": (4, "66,7"), "B": (1, "16,7"), "C": (4, "66,7"), "D": (0, "0,0"), "E": (1, "16,7")}
# "100 %" holds together (a no-break space); text read back from a drawing or a PDF
# has it as a plain space.
BASE_NOTE = "Anteile von 6 Abstimmenden (Mehrfachauswahl: zusammen über 100\u00a0% möglich)"
READ_BACK = BASE_NOTE.replace("\u00a0", " ")


def whole(percent: str) -> str:
    return str(round(float(percent.replace(",", "."))))


def count_on_the_console(qtbot: QtBot, running: PresentingSession) -> None:
    open_poll(qtbot, running, POLL, reveal=True)
    for device, choice in enumerate(PHONES):
        vote(running, POLL, device, choice)
    running.console.polls.ask_hands()
    dialog = running.console.polls.dialog
    assert dialog is not None
    for spin, count in zip(dialog.spins, HANDS, strict=True):
        spin.setValue(count)
    dialog.accept()

    def counted() -> bool:
        tally = running.slideshow.live[POLL].tally
        return tally is not None and tally.ballots == 4 and tally.hands == tuple(HANDS)

    qtbot.waitUntil(counted, timeout=WAIT_MS)
    click(qtbot, running, "close")  # phones show results once voting has closed
    qtbot.waitUntil(lambda: state_of(running, POLL) == (PollState.CLOSED, True), timeout=WAIT_MS)


def test_one_tally_says_the_same_on_every_surface(
    qtbot: QtBot,
    poll_deck: PreparedDeck,
    settings: Settings,
    tmp_path: Path,
    browser: Browser,
) -> None:
    session = tmp_path / "event.impuls"
    running = start_live(qtbot, poll_deck, settings, session)
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="de-DE")
    try:
        assert running.live is not None
        count_on_the_console(qtbot, running)

        # The projector: count and whole percent beside each bar, and the base below.
        drawn = drawn_text(running.slideshow.renderer, running.state.index)
        for total, percent in EXPECTED.values():
            assert f"{total} · {whole(percent)} %" in drawn
        assert READ_BACK in drawn

        # The API a phone reads them from.
        status, answer = call(running, "GET", f"/api/polls/{POLL}/results", as_phone=0)
        assert status == 200 and (answer["base"], answer["base_count"]) == ("voters", VOTERS)
        assert answer["percent"][:5] == [float(p.replace(",", ".")) for _, p in EXPECTED.values()]

        # The phone page, as a participant sees it after the reveal.
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{running.live.info.port}/?code={running.live.info.join_code}")
        bars = phone.locator("#bars .bar")
        expect(bars.first).to_be_visible(timeout=WAIT_MS)
        shown = bars.all_inner_texts()
        for letter, (total, percent) in EXPECTED.items():
            assert any(
                t.startswith(f"{letter} ") and t.endswith(f": {total} · {whole(percent)} %")
                for t in shown
            ), (letter, shown)
        expect(phone.locator("#summary")).to_contain_text(BASE_NOTE)
    finally:
        context.close()
        running.stop()

    # The organizer's files, from the session file alone.
    pdf, table, data = tmp_path / "h.pdf", tmp_path / "o.csv", tmp_path / "s.json"
    result = impuls("export", session, "--pdf", pdf, "--csv", table, "--json", data)
    assert result.returncode == 0, result.stderr
    printed = " ".join(pdftotext(pdf).split())
    assert READ_BACK in printed
    for letter, (total, percent) in EXPECTED.items():
        # pdftotext may drop the thin spaces of a short label ("0·0%")
        assert re.search(rf"\b{total} ?· ?{whole(percent)} ?%", printed), letter  # beside the bar
        assert re.search(rf"{letter} \S+ \d+ \d+ {total} {percent} %", printed), letter  # table

    with table.open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["poll"] == POLL]
    assert [r["option"] for r in rows][:5] == [
        "LinkedIn",
        "Xing",
        "Instagram",
        "Facebook",
        "YouTube",
    ]
    for row, (total, percent) in zip(rows, EXPECTED.values(), strict=False):
        assert (int(row["total"]), row["percent"]) == (total, percent.replace(",", "."))
        assert (row["percent_base"], row["base_count"]) == ("voters", str(VOTERS))

    exported = next(p for p in json.loads(data.read_text())["polls"] if p["id"] == POLL)
    counted = exported["results"]
    assert (counted["base"], counted["base_count"]) == ("voters", VOTERS)
    expected_percent = [float(p.replace(",", ".")) for _, p in EXPECTED.values()]
    assert counted["percent"][:5] == expected_percent
    assert counted["total"][:5] == [total for total, _ in EXPECTED.values()]
