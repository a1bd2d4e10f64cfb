"""Reactions from the phone page in headless Chromium at 360 px: the row of the talk's
emoji, tapped, reaches the presenter's stream and the session's counts."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.phone.test_questions_page import SMALL
from tests.support.commands import impuls
from tests.support.serving import Server, start_server
from tests.voting.test_reactions_api import Heard
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.paths import SLIDES_DIR
from workshop_app.session.cards import load_key

CLAP, HEART, LAUGH, THINK = DEFAULT_REACTIONS


def test_a_phone_taps_reactions_and_the_console_hears_them(
    browser: Browser, server: Server
) -> None:
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
        row = phone.get_by_role("group", name="Resonanz")
        expect(row).to_be_visible()
        buttons = row.get_by_role("button")
        expect(buttons).to_have_count(4)
        assert buttons.all_inner_texts() == list(DEFAULT_REACTIONS)
        # The four share the phone's width, each a thumb's target, all on screen.
        boxes = [button.bounding_box() for button in buttons.all()]
        assert all(b is not None and b["width"] >= 70 and b["height"] >= 48 for b in boxes)
        assert all(b is not None and b["x"] + b["width"] <= 360 for b in boxes)
        heard = Heard(server, until=4)
        for emoji in (CLAP, CLAP, HEART, THINK):
            row.get_by_role("button", name=emoji).tap()
        events = heard.wait()
        assert events[-1]["totals"] == {CLAP: 2, HEART: 1, THINK: 1}
        assert Axe().run(phone).violations_count == 0
    finally:
        context.close()


def test_a_talk_without_reactions_shows_no_row(browser: Browser, tmp_path: Path) -> None:
    deck = tmp_path / "still.md"
    deck.write_text("---\ntitle: Still\nreactions: false\n---\n# Eins\n", encoding="utf-8")
    server = start_server(tmp_path / "still.impuls", deck)
    context = browser.new_context(viewport=SMALL, locale="de-DE")
    try:
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
        expect(phone.locator("#wait-text")).to_be_visible()
        expect(phone.locator("#react")).to_be_hidden()
    finally:
        context.close()
        assert server.stop() == 0, server.stderr


def test_the_row_makes_way_for_a_poll_s_form(browser: Browser, tmp_path: Path) -> None:
    # From the association's evening: at 360 x 740 the row, sticky at the bottom, covered
    # half of "Abstimmen" under the members' meeting's longest motion.
    deck, session = SLIDES_DIR / "mitgliederversammlung.md", tmp_path / "mv.impuls"
    printed = impuls("cards", "--count", 1, deck, "--session", session,
                     "--pdf", tmp_path / "karten.pdf")  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    key = load_key(session)
    assert key is not None
    server = start_server(session, deck)
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()  # a member with a voting card: the motion counts cards
        phone.goto(f"http://127.0.0.1:{server.port}/?code={key.code(1)}")
        row = phone.get_by_role("group", name="Resonanz")
        expect(row).to_be_visible()  # between polls: the room's reactions
        server.control("satzung", "open")
        send = phone.get_by_role("button", name="Abstimmen", exact=True)
        expect(send).to_be_visible()
        expect(row).to_be_hidden()
        box = send.bounding_box()
        assert box is not None and box["y"] + box["height"] <= SMALL["height"]  # all of it
        server.control("satzung", "close")
        expect(row).to_be_visible()
    finally:
        context.close()
        assert server.stop() == 0, server.stderr
