"""What a new user's rehearsed evening found on six phones and the speaker's remote
(issue L, 1–7): Chromium at 360 px, a real `serve` process, the console's real panel."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.support.decks import AFTER, RANKING, SINGLE, TEXT, poll_talk
from tests.support.serving import Server, start_server
from workshop_app.ui.remote_panel import RemotePanel

SMALL: ViewportSize = {"width": 360, "height": 740}
ERROR = "rgb(161, 38, 13)"  # phone.css: .error
SLIDES = 8  # tests/support/decks.py POLL_TALK: the questions slide is the last
LAST_POLL_SLIDE, QUESTIONS_SLIDE = 6, 7  # "Nachher" (AFTER), "Ihre Fragen"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def join(page: Page, server: Server) -> None:
    page.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")


def room(server: Server, slide: int) -> None:
    body = {"slide": slide, "blank": "none", "follow": True}
    assert server.call("PUT", "/api/room", body, token=server.token)[0] == 200


def results(server: Server, poll: str) -> dict[str, object]:
    status, body = server.call("GET", f"/api/polls/{poll}/results?lang=de", token=server.token)
    assert status == 200 and isinstance(body, dict)
    return body


def test_phones_follow_the_slides_after_the_last_revealed_poll(phone: Page, server: Server) -> None:
    # Before: on the questions slide and on the last one the phones still showed the
    # results of the last poll: a closed, revealed poll stayed, slides were ignored.
    room(server, LAST_POLL_SLIDE)
    server.control(AFTER, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_have_text(
        "Und nach dem Vortrag – was ist das Thema für Ihr Haus?"
    )
    server.vote(AFTER, "other", "o1", 0)
    server.control(AFTER, "close")
    server.control(AFTER, "reveal")
    bars = phone.locator("#bars")
    expect(bars).to_contain_text("Stimmen: 1")  # its results stay while its slide is shown
    room(server, QUESTIONS_SLIDE)  # the speaker moves on
    expect(phone.locator("#results")).to_be_hidden()
    expect(phone.locator("#wait-text")).to_have_text(
        f"Folie {QUESTIONS_SLIDE + 1} von {SLIDES} – wie auf der Leinwand"
    )
    expect(phone.locator("#slide")).to_contain_text("Ihre Fragen")
    room(server, LAST_POLL_SLIDE)  # back to the poll's slide: its results again
    expect(bars).to_contain_text("Stimmen: 1")
    expect(phone.locator("#wait")).to_be_hidden()
    room(server, QUESTIONS_SLIDE)
    expect(phone.locator("#slide")).to_contain_text("Ihre Fragen")
    # A phone that reloads (or joins late) follows from the next slide change, too.
    phone.reload()
    expect(bars).to_contain_text("Stimmen: 1")
    room(server, 0)
    expect(phone.locator("#slide")).to_contain_text("Probevortrag")
    # A poll that opens still takes over.
    server.control(SINGLE, "open")
    expect(phone.locator("#question")).to_have_text("Was ist das Thema für Ihr Haus?")


def test_a_phone_says_calmly_that_the_talk_is_gone(browser: Browser, tmp_path: Path) -> None:
    # Before: when the app stopped, phones kept the last result and said nothing; the
    # banner, had it shown, said "Ihre Stimme wird gesendet" with nothing to send.
    running = start_server(tmp_path / "abend.impuls", poll_talk(tmp_path))
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True)
    phone = context.new_page()
    try:
        running.control(TEXT, "open")
        join(phone, running)
        expect(phone.locator("#question")).to_be_visible()
        phone.wait_for_function("() => state.events && state.events.readyState === 1")
        banner = phone.locator("#offline")
        expect(banner).to_be_hidden()
    finally:
        assert running.stop() == 0, running.stderr
    expect(banner).to_have_text(
        "Verbindung zum Vortrag getrennt – die Seite verbindet sich von selbst"
        " wieder, sobald es weitergeht."
    )
    # Something to send: now, and only now, the banner says it waits.
    phone.get_by_role("textbox").fill("Zu teuer")
    phone.get_by_role("button", name="Antwort senden").click()
    expect(banner).to_have_text(
        "Keine Verbindung – Ihre Stimme wird gesendet, sobald das WLAN wieder da ist."
    )
    context.close()


def test_a_free_text_receipt_says_answer(phone: Page, server: Server) -> None:
    # Before: "Ihre Wahl: Zu teuer" for a sentence the voter wrote.
    server.control(TEXT, "open")
    join(phone, server)
    phone.get_by_role("textbox").fill("Zu teuer")
    phone.get_by_role("button", name="Antwort senden").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Antwort ist angekommen ✓")
    expect(phone.locator("#receipt-choice")).to_have_text("Ihre Antwort: Zu teuer")


def test_the_ranking_confirmation_is_no_error(phone: Page, server: Server) -> None:
    # Before: "Ist das Ihre Reihenfolge? …" in bold red, as a refusal is printed.
    server.control(RANKING, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_be_visible()
    phone.get_by_role("button", name="Abstimmen").click()
    asked = phone.locator("#vote-error")
    expect(asked).to_have_text(
        "Ist das Ihre Reihenfolge? Zum Bestätigen noch einmal tippen – oder mit ↑ und ↓ ändern."
    )
    expect(asked).not_to_have_css("color", ERROR)
    expect(asked).to_have_css("font-weight", "400")
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")


def test_the_phone_prints_the_projectors_counts_with_a_show_of_hands(
    phone: Page, server: Server
) -> None:
    # Before: "Anteile von 13 Stimmen" over "Stimmen: 6", hands not mentioned; the
    # projector said "Stimmen: 6 · dazu per Handzeichen: 7 · Anteile von 13 Stimmen".
    server.control(AFTER, "open")
    for n in range(6):
        server.vote(AFTER, f"other-{n}", f"o{n}", n % 2)
    body = {"counts": [2, 0, 5, 0]}
    status, _ = server.call("POST", f"/api/polls/{AFTER}/hands", body, token=server.token)
    assert status == 200
    server.control(AFTER, "close")
    server.control(AFTER, "reveal")
    said = results(server, AFTER)["summary"]
    assert said == ["Stimmen: 6", "dazu per Handzeichen: 7", "Anteile von 13 Stimmen"]
    join(phone, server)
    summary = phone.locator("#summary")
    expect(summary).to_have_text("Stimmen: 6 · dazu per Handzeichen: 7 · Anteile von 13 Stimmen")
    # Said once, not twice: no "Anteile …" line of its own above it.
    assert phone.locator("#bars p").all_inner_texts() == [summary.inner_text()]


def test_without_hands_the_counts_are_said_once(phone: Page, server: Server) -> None:
    server.control(SINGLE, "open")
    for n in range(3):
        server.vote(SINGLE, f"other-{n}", f"o{n}", 1)
    server.control(SINGLE, "close")
    server.control(SINGLE, "reveal")
    join(phone, server)
    expect(phone.locator("#summary")).to_have_text("Stimmen: 3 · Anteile von 3 Stimmen")
    assert phone.locator("#bars p").count() == 1


def test_the_remote_offline_says_entries_not_tips(browser: Browser, tmp_path: Path) -> None:
    # Before: "Keine Verbindung – Tipps warten …": "Tipps" reads as hints.
    running = start_server(tmp_path / "abend.impuls", poll_talk(tmp_path))
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True)
    page = context.new_page()
    try:
        _, made = running.call("POST", "/api/remote/pairing", token=running.token)
        assert isinstance(made, dict)
        page.goto(f"http://127.0.0.1:{running.port}{made['path']}")
        expect(page.locator("#controls")).to_be_visible()
        page.wait_for_function("() => state.events && state.events.readyState === 1")
    finally:
        assert running.stop() == 0, running.stderr
    expect(page.locator("#message")).to_have_text(
        "Keine Verbindung – Ihre Eingaben warten und werden gesendet, sobald das WLAN wieder"
        " da ist."
    )
    context.close()


def test_the_console_shows_the_pairing_link_and_it_pairs(
    qtbot: QtBot, browser: Browser, server: Server
) -> None:
    # Before: under the QR code "Oder im Browser des Handys öffnen: http://…/remote",
    # and that page only asked to scan the QR code: a dead end for a phone whose
    # camera would not read it. Now the link the code holds, whole, selectable, copied
    # with one click; still single-use and short-lived (the server's secret).
    panel = RemotePanel()
    qtbot.addWidget(panel)
    panel.resize(480, 720)
    panel.show()
    _, made = server.call("POST", "/api/remote/pairing", token=server.token)
    assert isinstance(made, dict)
    url = f"http://127.0.0.1:{server.port}{made['path']}"
    panel.show_pairing(url)
    found = re.search(r"http[^<\s]+", panel.address.text())
    assert found is not None and found.group(0) == url
    assert panel.address.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert panel.address.width() <= panel.width()
    qtbot.mouseClick(panel.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url
    assert panel.copy.text() == "Link kopiert ✓"
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True)
    bare = context.new_page()
    bare.goto(f"http://127.0.0.1:{server.port}/remote")  # the bare address says where to look
    expect(bare.locator("#message")).to_contain_text("oder den Link darunter")
    remote = context.new_page()
    remote.goto(found.group(0))  # typed, or opened from a message sent to oneself
    expect(remote.locator("#controls")).to_be_visible()
    expect(remote.locator("#message")).to_be_hidden()
    context.close()
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True)
    other = context.new_page()
    other.goto(found.group(0))  # the same link on another phone: used up
    expect(other.locator("#message")).to_contain_text("falsch, abgelaufen oder schon benutzt")
    context.close()
