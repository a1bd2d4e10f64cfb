"""The whole way: a phone in headless Chromium votes, the app's audience window shows it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, accent_share, open_poll, start_live
from tests.support.decks import SINGLE
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.settings import Settings

POLL = SINGLE


def test_a_phone_votes_and_the_shared_screen_shows_it_live(
    qtbot: QtBot,
    poll_deck: PreparedDeck,
    settings: Settings,
    tmp_path: Path,
    browser: Browser,
) -> None:
    live = start_live(qtbot, poll_deck, settings, tmp_path / "event.impuls")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="de-DE", is_mobile=True, has_touch=True
    )
    try:
        assert live.live is not None
        open_poll(qtbot, live, POLL, reveal=True)
        renderer = live.slideshow.renderer
        results = renderer.layout(live.state.index).results
        assert results is not None
        # Option B ("Kür") is the second row of bars.
        row = results.height() / 4
        bar = results.adjusted(results.width() * 0.4, row + 30, -results.width() * 0.2, 0)
        bar.setHeight(40)
        accent = renderer.theme.colors.accent

        def bar_filled() -> float:
            image = live.audience.view.grab().toImage().scaled(renderer.canvas)
            return accent_share(image, bar, accent)

        assert bar_filled() < 0.05
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{live.live.info.port}/?code={live.live.info.join_code}")
        expect(phone.locator("#question")).to_have_text("Was ist das Thema für Ihr Haus?")
        phone.get_by_label("Kür").check()
        phone.get_by_role("button", name="Abstimmen").click()
        expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
        qtbot.waitUntil(lambda: bar_filled() > 0.5, timeout=WAIT_MS)
        tally = live.slideshow.live[POLL].tally
        assert tally is not None and tally.digital == (0, 1, 0, 0)
    finally:
        context.close()
        live.stop()
