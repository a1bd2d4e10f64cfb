"""A talk driven from the speaker's phone: the real app, its real server, the remote in Chromium.

Playwright's calls and Qt's event loop take turns: each wait below polls the page
from inside qtbot.waitUntil, so the app goes on working while the phone is watched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route
from pytestqt.qtbot import QtBot

from tests.support.app import (
    WAIT_MS,
    click,
    open_poll,
    phone_in_the_room,
    start_live,
    state_of,
    totals,
    vote,
)
from tests.support.chromium import text
from tests.support.decks import ENTLASTUNG, meeting
from tests.support.drawn import on_slide_of, pixels_like
from workshop_app.session.model import PollState
from workshop_app.session.presentation_state import Blank
from workshop_app.ui.marks import LASER_RED
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

SHOTS = Path("/tmp/evening")  # the remote's verdict, to look at


@pytest.fixture
def remote(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE",
                                  is_mobile=True, has_touch=True)  # fmt: skip
    yield context.new_page()
    context.close()


def until(qtbot: QtBot, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=WAIT_MS)


def test_pair_drive_the_talk_survive_a_drop_and_be_revoked(
    qtbot: QtBot, shipped_live: PresentingSession, remote: Page, tmp_path: Path
) -> None:
    panel = shipped_live.console.remote
    until(qtbot, lambda: "/remote#pair=" in panel.qr.text)  # the QR code, on the console only
    assert shipped_live.console.side.isTabVisible(2)
    remote.goto(panel.qr.text)
    until(qtbot, lambda: text(remote, "#position") == "1 / 24")
    assert "#pair=" not in remote.url  # the used secret is not kept in the history
    until(qtbot, lambda: panel.paired.count() == 1 and "Handy 1" in panel.paired.item(0).text())
    assert "Offene Runde" not in text(remote, "#notes")  # notes of slide 1, not of others

    remote.get_by_role("button", name="Weiter ▶").click()
    until(qtbot, lambda: shipped_live.state.index == 1)  # the audience window follows
    until(qtbot, lambda: text(remote, "#position") == "2 / 24")
    notes = shipped_live.state.deck.slides[1].notes.split()[0]
    until(qtbot, lambda: notes in text(remote, "#notes"))
    until(
        qtbot, lambda: (remote.locator("#preview").get_attribute("src") or "").startswith("blob:")
    )
    remote.screenshot(path=str(tmp_path / "fernbedienung-360.png"), full_page=True)

    # Two taps while the Wi-Fi is gone: sent once it is back, each carried out once.
    remote.context.set_offline(True)
    remote.get_by_role("button", name="Weiter ▶").click()
    remote.get_by_role("button", name="Weiter ▶").click()
    until(qtbot, lambda: "Keine Verbindung" in text(remote, "#message"))
    assert shipped_live.state.index == 1
    remote.context.set_offline(False)
    remote.evaluate("window.dispatchEvent(new Event('online'))")
    until(qtbot, lambda: shipped_live.state.index == 3)
    qtbot.wait(1500)  # time for a repeated command to show itself
    assert shipped_live.state.index == 3

    remote.get_by_role("button", name="Schwarz").click()
    until(qtbot, lambda: shipped_live.state.blank is Blank.BLACK)
    until(qtbot, lambda: "SCHWARZ" in text(remote, "#mode"))

    # Revoked from the console: the phone can do nothing more, and says how to pair again.
    token = remote.evaluate("localStorage.getItem('impuls.remote')")
    panel.paired.item(0).setSelected(True)
    panel.revoke.click()
    until(qtbot, lambda: "Kopplungscode" in text(remote, "#message"))
    assert remote.locator("#controls").is_hidden()
    status = remote.evaluate(
        """(token) => fetch('/api/remote/commands', {method: 'POST', headers: {
               'Content-Type': 'application/json', 'Authorization': 'Remote ' + token},
             body: JSON.stringify({command_id: 'after', action: 'next'})}).then(r => r.status)""",
        token,
    )
    assert status == 401 and shipped_live.state.index == 3


@pytest.mark.slow
def test_the_shipped_talk_from_the_phone_alone_while_the_room_reads_along(
    qtbot: QtBot, shipped_live: PresentingSession, remote: Page, browser: Browser
) -> None:
    panel = shipped_live.console.remote
    until(qtbot, lambda: "/remote#pair=" in panel.qr.text)
    remote.goto(panel.qr.text)
    until(qtbot, lambda: text(remote, "#position") == "1 / 24")
    with phone_in_the_room(browser, shipped_live) as participant:
        deck = shipped_live.state.deck
        for index in range(1, shipped_live.state.count):
            remote.get_by_role("button", name="Weiter ▶").click()
            until(qtbot, lambda i=index: shipped_live.state.index == i)  # type: ignore[misc]
            title = deck.slides[index].title
            until(qtbot, lambda t=title: t in text(participant, "#slide"))  # type: ignore[misc]
            until(qtbot, lambda i=index: text(remote, "#position") == f"{i + 1} / 24")  # type: ignore[misc]
        assert remote.get_by_role("button", name="Weiter ▶").is_disabled()  # the last slide
        assert "Danke!" in text(participant, "#slide")


def test_the_remote_points_on_its_picture_of_the_slide(
    qtbot: QtBot, shipped_live: PresentingSession, remote: Page
) -> None:
    """Issue 34, item 4: a finger on the remote's picture of the current slide puts the
    laser dot there on the projector, and lifting it takes the dot away."""
    panel = shipped_live.console.remote
    until(qtbot, lambda: "/remote#pair=" in panel.qr.text)
    remote.goto(panel.qr.text)
    until(qtbot, lambda: text(remote, "#position") == "1 / 24")
    remote.get_by_role("button", name="Zeigen", exact=True).click()
    assert remote.locator("#point").get_attribute("aria-pressed") == "true"
    until(qtbot, lambda: "Laserpunkt" in text(remote, "#next-title"))
    picture = remote.locator("#preview")
    until(qtbot, lambda: remote.evaluate("document.getElementById('preview').naturalWidth") > 0)
    box = picture.bounding_box()
    assert box is not None
    width = min(box["width"], box["height"] * 16 / 9)
    left = box["x"] + (box["width"] - width) / 2
    top = box["y"] + (box["height"] - width * 9 / 16) / 2
    remote.mouse.move(left + 0.2 * width, top + 0.3 * width * 9 / 16)
    remote.mouse.down()
    remote.mouse.move(left + 0.7 * width, top + 0.6 * width * 9 / 16, steps=5)

    def near(x: float, y: float) -> bool:
        at = shipped_live.state.pointer
        return at is not None and abs(at.x - x) < 0.02 and abs(at.y - y) < 0.02

    until(qtbot, lambda: near(0.7, 0.6))  # the latest place, not one of the way there
    view = shipped_live.audience.view
    centre = on_slide_of(view, shipped_live.slideshow.renderer, 0.7, 0.6)
    assert pixels_like(view.grab().toImage(), centre, 12, LASER_RED) > 20  # the laser dot
    remote.mouse.up()
    until(qtbot, lambda: shipped_live.state.pointer is None)
    assert shipped_live.state.index == 0  # pointing turned no slide


def test_a_picture_the_server_did_not_have_yet_is_asked_for_again(
    qtbot: QtBot, shipped_live: PresentingSession, remote: Page
) -> None:
    """CI, stop 40: the state event came from one worker and the picture was asked of
    another that had not yet heard of it (404). The remote took the version as seen
    and never asked again, so the finger had no picture to point on."""
    refused: list[str] = []
    asked: list[str] = []

    def not_yet(route: Route) -> None:
        if "slide=current" in route.request.url:
            asked.append(route.request.url)
        if asked and not refused:
            refused.append(route.request.url)  # the lagging worker, once
            route.fulfill(status=404, content_type="application/problem+json", body="{}")
        else:
            route.continue_()

    panel = shipped_live.console.remote
    until(qtbot, lambda: "/remote#pair=" in panel.qr.text)
    remote.goto(panel.qr.text)
    until(qtbot, lambda: text(remote, "#position") == "1 / 24")
    # Both pictures published and the remote told of them: the next ask is for a version it knows.
    until(qtbot, lambda: remote.evaluate("state.talk && state.talk.current") == 1)
    until(
        qtbot, lambda: (remote.locator("#preview").get_attribute("src") or "").startswith("blob:")
    )
    remote.route("**/api/remote/preview.png*", not_yet)
    remote.get_by_role("button", name="Zeigen", exact=True).click()
    until(qtbot, lambda: text(remote, "#next-title") != "" and bool(refused))
    # Asked for again (after the refusal took the old picture away), and shown. The page
    # is asked first: Playwright answers routed requests only while a call of it runs.
    shown = "document.getElementById('preview').naturalWidth"
    until(qtbot, lambda: remote.evaluate(shown) > 0 and len(asked) >= 2)


def test_the_remote_says_a_motions_verdict_once_revealed(
    qtbot: QtBot, settings: Settings, tmp_path: Path, remote: Page
) -> None:
    # Before: the remote showed the motion's rows, never whether it passed.
    running = start_live(
        qtbot, prepare_deck(meeting(tmp_path)), settings, tmp_path / "versammlung.impuls"
    )
    try:
        panel = running.console.remote
        until(qtbot, lambda: "/remote#pair=" in panel.qr.text)
        remote.goto(panel.qr.text)
        until(qtbot, lambda: text(remote, "#position").startswith("1 / "))
        open_poll(qtbot, running, ENTLASTUNG)
        for phone, choice in enumerate((0, 0, 1)):  # Ja, Ja, Nein
            vote(running, ENTLASTUNG, phone, choice)
        assert running.live is not None
        live = running.live
        qtbot.waitUntil(lambda: totals(running, ENTLASTUNG) == [2, 1, 0], timeout=WAIT_MS)
        until(qtbot, lambda: "Nein: 1" in text(remote, "#poll-results"))
        assert remote.locator("#poll-motion").is_hidden()  # not decided while it is open
        click(qtbot, running, "reveal")  # an open motion closes as it is revealed
        qtbot.waitUntil(lambda: state_of(running, ENTLASTUNG) == (PollState.CLOSED, True),
                        timeout=WAIT_MS)  # fmt: skip
        made = live.polls[ENTLASTUNG].results
        assert made is not None and made.motion is not None
        sentence = made.motion.sentence()  # the one results model's, as the projector's
        assert sentence.startswith("Angenommen: 2 Ja, 1 Nein")
        until(qtbot, lambda: text(remote, "#poll-motion") == sentence)
        remote.screenshot(path=str(SHOTS / "remote-motion.png"), full_page=True)
    finally:
        running.stop()
