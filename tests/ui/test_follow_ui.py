"""Participants read along on their phones: the real app, its server, the page in Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, phone_in_the_room
from tests.support.chromium import text
from workshop_app.session.presentation_state import Blank
from workshop_app.ui.presenting_session import PresentingSession


def slide_text(page: Page) -> str:
    return text(page, "#slide")


def test_the_phone_follows_the_room_never_ahead_and_without_notes(
    qtbot: QtBot,
    shipped_live: PresentingSession,
    browser: Browser,
    tmp_path: Path,
) -> None:
    with phone_in_the_room(browser, shipped_live) as phone:
        deck = shipped_live.state.deck

        def shows(index: int) -> bool:
            return deck.slides[index].title in slide_text(phone)

        qtbot.waitUntil(lambda: shows(0), timeout=WAIT_MS)
        shipped_live.state.go(2)
        qtbot.waitUntil(lambda: shows(2), timeout=WAIT_MS)
        assert "Folie 3 von 24" in text(phone, "#wait-text")
        phone.screenshot(path=str(tmp_path / "mitlesen-360.png"), full_page=True)
        seen = [slide_text(phone)]

        shipped_live.state.toggle_freeze()  # the room keeps slide 3 while the speaker moves on
        shipped_live.state.go(4)
        qtbot.wait(600)
        assert shows(2) and not shows(4)
        shipped_live.state.toggle_freeze()
        qtbot.waitUntil(lambda: shows(4), timeout=WAIT_MS)
        seen.append(slide_text(phone))

        shipped_live.state.toggle_blank(Blank.BLACK)
        qtbot.waitUntil(lambda: slide_text(phone) == "", timeout=WAIT_MS)
        shipped_live.state.toggle_blank(Blank.BLACK)
        qtbot.waitUntil(lambda: shows(4), timeout=WAIT_MS)

        shipped_live.console.follow_button.click()  # the speaker switches it off, shipped_live
        qtbot.waitUntil(lambda: slide_text(phone) == "", timeout=WAIT_MS)
        assert "Gleich geht es los" in text(phone, "#wait-text")
        shipped_live.console.follow_button.click()
        qtbot.waitUntil(lambda: shows(4), timeout=WAIT_MS)

        # Never a later slide, never the speaker's notes.
        for index in (5, 6, 23):
            assert deck.slides[index].title not in " ".join(seen)
        for index in (0, 2, 4):
            words = " ".join(deck.slides[index].notes.split()[:4])
            assert words and all(words not in shown for shown in seen)


def test_a_speaker_clicking_fast_leaves_the_room_and_the_server_on_the_last_slide(
    qtbot: QtBot, shipped_live: PresentingSession, browser: Browser
) -> None:
    # Before: each key press sent its own PUTs, and Qt spreads requests to one host
    # over six connections, so an earlier slide could land after a later one and
    # the phones (and a restarted app) stayed on a slide the room had left.
    from tests.support.app import recorded_slide

    with phone_in_the_room(browser, shipped_live) as phone:
        deck = shipped_live.state.deck
        qtbot.waitUntil(lambda: deck.slides[0].title in slide_text(phone), timeout=WAIT_MS)
        for _ in range(3):  # a clicker held down, then back: 2 × 23 key presses in a burst
            for index in (*range(1, 24), *range(22, -1, -1)):
                shipped_live.state.go(index)
            shipped_live.state.go(7)
            qtbot.wait(10)
        qtbot.waitUntil(lambda: deck.slides[7].title in slide_text(phone), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: recorded_slide(shipped_live) == 7, timeout=WAIT_MS)
        qtbot.wait(500)  # nothing older lands later
        assert deck.slides[7].title in slide_text(phone) and recorded_slide(shipped_live) == 7
