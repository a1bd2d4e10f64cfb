"""An evening presented from the app: three talks (and one added) on one server and one
join, phones staying joined through the switches, each talk's votes in its own session,
and a crashed server resumed in the talk it was in, with the same code."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.app import (
    WAIT_MS,
    call,
    next_talk,
    open_poll,
    phone_in_the_room,
    start_evening,
    ticket_of,
    vote,
)
from tests.support.evenings import FRAGE, evening_program, talk_deck
from tests.support.serving import join
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.session.program import Program, Talk, load_program, talk_sessions, talk_titles
from workshop_app.ui import evening_run
from workshop_app.ui.settings import Settings

CLAP = DEFAULT_REACTIONS[0]
SHOTS = Path("/tmp/evening")  # the console around a switch, to look at


def raw_votes(session: Path) -> list[str]:
    db = sqlite3.connect(f"file:{session}?mode=ro", uri=True)
    try:
        return sorted(raw for (raw,) in db.execute("SELECT raw FROM votes WHERE poll_id = ?",
                                                   (FRAGE,)))  # fmt: skip
    finally:
        db.close()


def test_an_evening_of_three_talks_and_one_added(
    qtbot: QtBot, settings: Settings, browser: Browser, tmp_path: Path
) -> None:
    program_file = evening_program(tmp_path / "abend")
    data = tmp_path / "daten"
    running = start_evening(qtbot, settings, program_file, data)
    try:
        assert running.live is not None
        code, port = running.live.info.join_code, running.live.info.port
        assert running.console.program.isVisibleTo(running.console)
        assert "Vortrag 2" in running.console.program.next_button.text()
        with phone_in_the_room(browser, running) as phone:
            expect(phone.locator("#title")).to_have_text("Vortrag 1")
            phone.evaluate("window.stayed = true")  # gone if the page were loaded again
            for talk in (1, 2, 3):
                if talk > 1:
                    next_talk(qtbot, running, f"Vortrag {talk}")
                    assert running.live.info.join_code == code and running.live.info.port == port
                    expect(phone.locator("#title")).to_have_text(f"Vortrag {talk}")
                open_poll(qtbot, running, FRAGE)
                vote(running, FRAGE, 1, talk - 1)  # the same phone, a voice in each talk
                vote(running, FRAGE, 2, 2)
                phone.get_by_label(("Ja", "Nein", "Vielleicht")[talk % 3]).check()
                phone.get_by_role("button", name="Abstimmen").click()
                expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
            assert phone.evaluate("window.stayed") is True
            # A talk added during the evening: written into the program, then on.
            assert running.evening is not None
            with qtbot.waitSignal(running.evening.program_changed, timeout=WAIT_MS):
                running.evening.add(Talk(talk_deck(program_file.parent, 4).name, "Dora"))
            assert len(load_program(program_file).talks) == 4
            qtbot.waitUntil(running.console.program.next_button.isEnabled, timeout=WAIT_MS)
            qtbot.mouseClick(running.console.program.next_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: running.state.deck.title == "Vortrag 4", timeout=WAIT_MS)
            expect(phone.locator("#title")).to_have_text("Vortrag 4")
        status, info = call(running, "GET", "/api/session", as_phone=1)
        assert status == 200 and (info["index"], info["count"]) == (3, 4)
    finally:
        running.stop()
    sessions = [
        data / path.name for path in talk_sessions(program_file, load_program(program_file))
    ]
    # Each talk's three votes in its own file: two phones over HTTP, one in Chromium.
    assert [raw_votes(session) for session in sessions[:3]] == [
        ["0", "1", "2"],
        ["1", "2", "2"],
        ["0", "2", "2"],
    ]


def test_a_crash_in_talk_two_resumes_in_talk_two_with_the_same_code(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    program_file = evening_program(tmp_path / "abend")
    data = tmp_path / "daten"
    running = start_evening(qtbot, settings, program_file, data)
    assert running.live is not None and running.voting is not None
    code = running.live.info.join_code
    held = ticket_of(running, 7)
    try:
        next_talk(qtbot, running, "Vortrag 2")
        open_poll(qtbot, running, FRAGE)
        vote(running, FRAGE, 7, 1)
        os.kill(running.voting.process.processId(), signal.SIGKILL)  # the server dies
        qtbot.waitUntil(lambda: running.voting is not None
                        and running.voting.process.state().name == "NotRunning",
                        timeout=WAIT_MS)  # fmt: skip
    finally:
        running.stop()
    again = start_evening(qtbot, settings, program_file, data)  # as a restarted app does
    try:
        assert again.live is not None and again.evening is not None
        assert again.state.deck.title == "Vortrag 2" and again.evening.on == 1
        assert again.live.info.join_code == code
        # The phone rejoins with the ticket it held and keeps its one voice in talk 2.
        ticket = join(again.live.info.port, code, held=held)
        status, receipt = call(again, "POST", f"/api/polls/{FRAGE}/votes", {
            "code": code, "device": ticket, "vote_id": "nach-dem-absturz", "choice": 2,
        })  # fmt: skip
        assert status == 200 and receipt["replaced_earlier"] is True
    finally:
        again.stop()


def test_the_reaction_meter_starts_from_zero_in_the_next_talk(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    # Before: the console's meter kept the last talk's counts per slide number, so the
    # next talk's first slide showed talk 1's claps; the projector's lane rose on.
    program_file = evening_program(tmp_path / "abend")
    running = start_evening(qtbot, settings, program_file, tmp_path / "daten")
    meter, lane = running.console.reactions, running.audience.reactions
    try:
        assert running.live is not None

        def tap(phone: int) -> None:
            assert running.live is not None
            status, said = call(running, "POST", "/api/reactions", {
                "code": running.live.info.join_code, "device": ticket_of(running, phone),
                "emoji": CLAP,
            })  # fmt: skip
            assert status == 200, said

        for phone in (1, 2, 3):
            tap(phone)
        qtbot.waitUntil(lambda: meter.totals.get(meter.slide) == {CLAP: 3}, timeout=WAIT_MS)
        assert meter.recent_taps(CLAP) == 3 and lane.rising
        next_talk(qtbot, running, "Vortrag 2")
        assert meter.slide == 0 and meter.totals == {} and meter.recent_taps(CLAP) == 0
        assert lane.rising == [] and lane.shown == {}
        tap(4)
        qtbot.waitUntil(lambda: meter.totals.get(meter.slide) == {CLAP: 1}, timeout=WAIT_MS)
        assert meter.recent_taps(CLAP) == 1
        SHOTS.mkdir(exist_ok=True)
        running.console.grab().save(str(SHOTS / "console-after-switch.png"))
    finally:
        running.stop()


def test_the_program_lists_talks_not_yet_read_by_their_titles(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: a talk whose deck was not read yet was listed by its file name
    # ("3. vortrag-3"), and one added during the evening too.
    read_in: list[threading.Thread] = []

    def titles(program_file: Path, program: Program) -> list[str]:
        read_in.append(threading.current_thread())
        return talk_titles(program_file, program)

    monkeypatch.setattr(evening_run, "talk_titles", titles)
    program_file = evening_program(tmp_path / "abend")
    running = start_evening(qtbot, settings, program_file, tmp_path / "daten")
    panel = running.console.program
    listed = lambda: [panel.talks.item(n).text() for n in range(panel.talks.count())]  # noqa: E731
    try:
        assert running.evening is not None
        qtbot.waitUntil(lambda: "3. Vortrag 3 – Clara Probe" in listed()[2], timeout=WAIT_MS)
        with qtbot.waitSignal(running.evening.program_changed, timeout=WAIT_MS):
            running.evening.add(Talk(talk_deck(program_file.parent, 4).name, "Dora"))
        qtbot.waitUntil(lambda: len(listed()) == 4 and "4. Vortrag 4 – Dora" in listed()[3],
                        timeout=WAIT_MS)  # fmt: skip
        assert not any("vortrag-" in name for name in listed())
        assert read_in and threading.main_thread() not in read_in  # off the GUI thread
        SHOTS.mkdir(exist_ok=True)
        running.console.grab().save(str(SHOTS / "console-program-titles.png"))
    finally:
        running.stop()
