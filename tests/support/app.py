"""The app under test: a talk presented with its real voting server, driven as the
speaker and the phones drive it (real widgets, plain HTTP), and the library window."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.serving import MANY_DEVICES, join
from workshop_app.paths import DEFAULT_DECK, SLIDES_DIR
from workshop_app.session.model import PollState
from workshop_app.ui.evening_run import EveningPlan
from workshop_app.ui.keys import Action
from workshop_app.ui.library import LibraryWindow
from workshop_app.ui.live import VotingSetup
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

WAIT_MS = 15_000


def start_live(
    qtbot: QtBot, deck: PreparedDeck, settings: Settings, session: Path
) -> PresentingSession:
    running = PresentingSession(
        deck,
        settings,
        voting=VotingSetup(session, host="127.0.0.1", port=0, devices_per_address=MANY_DEVICES),
    )
    return started(qtbot, running)


def started(qtbot: QtBot, running: PresentingSession) -> PresentingSession:
    """`running`, its windows in qtbot's care, started and with its session read."""
    qtbot.addWidget(running.console)
    qtbot.addWidget(running.audience)
    running.start()
    qtbot.waitUntil(
        lambda: running.live is not None and running.live.session_loaded, timeout=WAIT_MS
    )
    return running


def start_evening(
    qtbot: QtBot, settings: Settings, program: Path, data: Path | None, port: int = 0
) -> PresentingSession:
    """An evening as the library starts it: in the talk that was on last, else the first
    (`data`: the evening's folder; None: in the data folder, where the library keeps it)."""
    plan = EveningPlan.resume(program, data)
    deck = plan.deck_path()
    assert deck is not None
    running = PresentingSession(
        prepare_deck(deck),
        settings,
        voting=VotingSetup(host="127.0.0.1", port=port, devices_per_address=MANY_DEVICES),
        evening=plan,
    )
    return started(qtbot, running)


def next_talk(qtbot: QtBot, running: PresentingSession, title: str) -> None:
    """The speaker's V, and V again: the next talk is on."""
    assert running.evening is not None
    running.act(Action.NEXT_TALK)
    assert running.console.program.confirm.isVisible()  # asked first, nothing else happened
    running.act(Action.NEXT_TALK)
    qtbot.waitUntil(lambda: running.state.deck.title == title, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: running.live is not None and running.live.session_loaded,
                    timeout=WAIT_MS)  # fmt: skip


def call(
    running: PresentingSession,
    method: str,
    path: str,
    body: object = None,
    *,
    as_phone: int | None = None,
) -> tuple[int, dict[str, Any]]:
    """What a phone does: plain HTTP to the server the app started (as phone number
    `as_phone`, with its ticket, when given)."""
    assert running.live is not None
    connection = http.client.HTTPConnection("127.0.0.1", running.live.info.port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if as_phone is not None:
        headers["Authorization"] = f"Ticket {ticket_of(running, as_phone)}"
    connection.request(method, path, body=None if body is None else json.dumps(body),
                       headers=headers)  # fmt: skip
    response = connection.getresponse()
    data = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, data


TICKETS: dict[tuple[int, int], str] = {}  # (port, phone number) → the phone's ticket


def ticket_of(running: PresentingSession, device: int) -> str:
    """Phone number `device`'s ticket, joining as a phone does the first time."""
    assert running.live is not None
    info = running.live.info
    ticket = TICKETS.get((info.port, device)) or join(info.port, info.join_code)
    TICKETS[(info.port, device)] = ticket
    return ticket


def vote(running: PresentingSession, poll: str, device: int, choice: object) -> None:
    assert running.live is not None
    status, _ = call(running, "POST", f"/api/polls/{poll}/votes", {
        "code": running.live.info.join_code, "device": ticket_of(running, device),
        "vote_id": f"v-{poll}-{device}-{time.monotonic_ns()}", "choice": choice,
    })  # fmt: skip
    assert status == 200


def go_to_poll(qtbot: QtBot, running: PresentingSession, poll_id: str) -> None:
    running.state.go(running.state.deck.slide_of_poll(poll_id).index)
    qtbot.waitUntil(lambda: running.console.polls.poll is not None, timeout=WAIT_MS)


def state_of(running: PresentingSession, poll_id: str) -> tuple[PollState, bool] | None:
    assert running.live is not None
    found = running.live.polls.get(poll_id)
    return None if found is None else (found.status.state, found.status.revealed)


def click(qtbot: QtBot, running: PresentingSession, action: str) -> None:
    button = running.console.polls.buttons[action]
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_poll(
    qtbot: QtBot, running: PresentingSession, poll_id: str, *, reveal: bool = False
) -> None:
    """Go to the poll's slide and press the console's buttons, as the speaker would."""
    go_to_poll(qtbot, running, poll_id)
    click(qtbot, running, "open")
    qtbot.waitUntil(lambda: state_of(running, poll_id) == (PollState.OPEN, False), timeout=WAIT_MS)
    if reveal:
        click(qtbot, running, "reveal")
        qtbot.waitUntil(lambda: state_of(running, poll_id) == (PollState.OPEN, True),
                        timeout=WAIT_MS)  # fmt: skip


def accent_share(image: QImage, area: QRectF, color: str) -> float:
    """The share of pixels in `area` that are the accent colour (a bar drawn there)."""
    wanted = QColor(color)
    hits = total = 0
    for y in range(int(area.top()), int(area.bottom()), 3):
        for x in range(int(area.left()), int(area.right()), 3):
            total += 1
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
                < 30
            ):
                hits += 1
    return hits / max(total, 1)


def recorded_slide(running: PresentingSession) -> int | None:
    """The slide the server has stored for this session (the presenter's view of it)."""
    assert running.live is not None
    connection = http.client.HTTPConnection("127.0.0.1", running.live.info.port, timeout=10)
    connection.request("GET", "/api/session",
                       headers={"Authorization": f"Bearer {running.live.info.presenter_token}"})  # fmt: skip
    slide = json.loads(connection.getresponse().read()).get("slide")
    connection.close()
    return slide if isinstance(slide, int) else None


def totals(running: PresentingSession, poll: str) -> list[int]:
    """The counts as the presenter's token sees them, straight from the server."""
    assert running.live is not None
    connection = http.client.HTTPConnection("127.0.0.1", running.live.info.port, timeout=10)
    connection.request("GET", f"/api/polls/{poll}/results",
                       headers={"Authorization": f"Bearer {running.live.info.presenter_token}"})  # fmt: skip
    response = connection.getresponse()
    assert response.status == 200
    counted = json.loads(response.read())
    connection.close()
    return list(counted["total"])


@contextmanager
def presenting(
    qtbot: QtBot, settings: Settings, prepared: PreparedDeck
) -> Iterator[PresentingSession]:
    """`prepared` presented without a voting server, its console shown."""
    running = PresentingSession(prepared, settings)
    qtbot.addWidget(running.console)
    qtbot.addWidget(running.audience)
    running.start()
    try:
        qtbot.waitExposed(running.console)
        yield running
    finally:
        running.stop()


@contextmanager
def phone_in_the_room(browser: Browser, running: PresentingSession) -> Iterator[Page]:
    """A participant's 360-px phone, joined by the address the QR code gives."""
    assert running.live is not None
    info = running.live.info
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    try:
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{info.port}/?code={info.join_code}")
        yield phone
    finally:
        context.close()


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` key by key (QTest knows ASCII keys only: an umlaut comes as a key
    event that carries its text, as a German keyboard sends it; a line break is Enter)."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def write_deck(path: Path, *slides: str, front: str = "title: Probe") -> Path:
    path.write_text(f"---\n{front}\n---\n\n" + "\n\n---\n\n".join(slides) + "\n", encoding="utf-8")
    return path


def open_window(qtbot: QtBot, settings: Settings, deck: Path = DEFAULT_DECK) -> LibraryWindow:
    window = LibraryWindow(settings, deck, sorted(SLIDES_DIR.glob("*.md")))
    qtbot.addWidget(window)
    window.show()
    return window


def loaded(window: LibraryWindow, path: Path) -> bool:
    p = window.state
    return p is not None and p.deck.path == path.resolve()
