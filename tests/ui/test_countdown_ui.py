"""The countdown in the app: console "+30 s" and "Stopp", the projector's time (issue 34, 2).

The real `serve` child process decides the time; the console and the projector print
what it said, counted on by the app's clock, redrawn as the shown second changes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, call, click, open_poll, start_live, state_of
from tests.support.decks import COUNTDOWN, TIMED, countdown_talk
from workshop_app.i18n import tr
from workshop_app.session.countdown import clock_text
from workshop_app.session.model import PollAction, PollState
from workshop_app.ui.join_card import poll_clock
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings


@pytest.fixture
def timed(qtbot: QtBot, settings: Settings, tmp_path: Path) -> Iterator[PresentingSession]:
    deck = prepare_deck(countdown_talk(tmp_path))
    running = start_live(qtbot, deck, settings, tmp_path / "uhr.impuls")
    yield running
    running.stop()


def ends(running: PresentingSession) -> float | None:
    results = running.slideshow.live.get(TIMED)
    return None if results is None else results.status.ends


def server_end(running: PresentingSession) -> float | None:
    """The end as the server says it to a phone: its seconds left, from now."""
    status, session = call(running, "GET", "/api/session", as_phone=1)
    assert status == 200
    left = session["current_poll"]["left"]
    return None if left is None else time.time() + left


def projector(running: PresentingSession) -> QImage:
    return running.audience.view.grab().toImage()


def test_the_console_and_projector_show_the_servers_time_and_plus_30_and_stopp(
    qtbot: QtBot, timed: PresentingSession, tmp_path: Path
) -> None:
    panel = timed.console.polls
    assert not panel.buttons[PollAction.HALT].isEnabled()  # nothing counts down yet
    open_poll(qtbot, timed, TIMED)
    qtbot.waitUntil(lambda: ends(timed) is not None, timeout=WAIT_MS)
    # The app's end and the server's agree within 0.2 s (the app counts on by its clock).
    assert abs((ends(timed) or 0) - (server_end(timed) or 0)) < 0.2
    left = tr("remote.remaining", time="")
    qtbot.waitUntil(lambda: left in panel.state.text(), timeout=WAIT_MS)
    clock = poll_clock(timed.slideshow.live[TIMED])  # what the projector prints, big
    assert clock is not None and panel.state.text().endswith(f" · {clock}")
    # The projector redraws as the second changes: its picture changes by itself.
    before = projector(timed)
    shown = panel.state.text()
    qtbot.waitUntil(lambda: panel.state.text() != shown, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: projector(timed) != before, timeout=WAIT_MS)
    timed.console.grab().save(str(tmp_path / "console-countdown.png"))
    projector(timed).save(str(tmp_path / "projector-countdown.png"))

    click(qtbot, timed, PollAction.EXTEND)  # "+30 s"
    qtbot.waitUntil(lambda: (ends(timed) or 0) - time.time() > 30, timeout=WAIT_MS)
    assert abs((ends(timed) or 0) - (server_end(timed) or 0)) < 0.2
    qtbot.waitUntil(
        lambda: (
            tr("remote.remaining", time=clock_text(COUNTDOWN + 29)) in panel.state.text()
            or tr("remote.remaining", time=clock_text(COUNTDOWN + 28)) in panel.state.text()
        ),
        timeout=WAIT_MS,
    )
    click(qtbot, timed, PollAction.HALT)  # "Stopp": no clock, still open
    qtbot.waitUntil(lambda: ends(timed) is None, timeout=WAIT_MS)
    assert state_of(timed, TIMED) == (PollState.OPEN, False)
    qtbot.waitUntil(lambda: left not in panel.state.text(), timeout=WAIT_MS)
    assert not panel.buttons[PollAction.HALT].isEnabled()
    assert poll_clock(timed.slideshow.live[TIMED]) is None


def test_the_poll_runs_out_on_the_projector_and_closes_by_itself(
    qtbot: QtBot, timed: PresentingSession, tmp_path: Path
) -> None:
    open_poll(qtbot, timed, TIMED)
    time_up = tr("phone.time_up")
    qtbot.waitUntil(lambda: time_up in timed.console.polls.state.text(), timeout=WAIT_MS)
    assert poll_clock(timed.slideshow.live[TIMED]) == time_up
    projector(timed).save(str(tmp_path / "projector-time-up.png"))
    qtbot.waitUntil(lambda: state_of(timed, TIMED) == (PollState.CLOSED, False), timeout=WAIT_MS)
    assert time_up not in timed.console.polls.state.text()  # closed says it now
    assert not timed.console.polls.buttons[PollAction.EXTEND].isEnabled()
