"""A printed voting card scanned by a phone: the PDF read back, its QR code decoded, the
address opened in headless Chromium, the card's vote cast."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.support.cards import decoded
from tests.support.commands import impuls
from tests.support.decks import CARDS_MOTION, CARDS_OPEN, cards_talk
from tests.support.serving import Server, free_port, start_server
from workshop_app.voting.listening import DEFAULT_PORT

PHONE: ViewportSize = {"width": 360, "height": 740}
SHOTS = Path("/tmp/cards")


@pytest.fixture
def printed(tmp_path: Path) -> Iterator[tuple[Server, list[str]]]:
    """Cards printed for a server on a known port, the QR codes' addresses, the server:
    started as the app and `serve` start it, asking for the default port, it keeps the
    port the cards name."""
    deck, session, pdf = cards_talk(tmp_path), tmp_path / "mv.impuls", tmp_path / "karten.pdf"
    port = free_port()
    done = impuls("cards", "--count", 3, deck, "--session", session, "--pdf", pdf,
                  "--url", f"http://127.0.0.1:{port}")  # fmt: skip
    assert done.returncode == 0, done.stderr
    urls = sorted(text for sheet in decoded(pdf) for text, _ in sheet)
    server = start_server(session, deck, options=("--port", str(DEFAULT_PORT)))
    assert (server.port, server.notice) == (port, "")
    yield server, urls
    server.stop()


def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True, has_touch=True)
    return context.new_page()


def test_a_scanned_card_joins_shows_its_number_and_votes(
    browser: Browser, printed: tuple[Server, list[str]]
) -> None:
    server, urls = printed
    assert len(urls) == 3
    page = phone(browser)
    page.goto(urls[0])  # what the camera app opens
    expect(page.locator("#card")).to_have_text("Stimmkarte 1")
    expect(page.locator("#wait-text")).to_be_visible()
    server.control(CARDS_OPEN, "open")
    expect(page.locator("#question")).to_have_text("Wie ist die Stimmung?")
    page.get_by_label("Gut").check()
    page.get_by_role("button", name="Abstimmen").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(CARDS_OPEN) == [1, 0]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-card.png"))
    page.reload()  # the card stays with the phone: the page keeps it
    expect(page.locator("#card")).to_have_text("Stimmkarte 1")
    page.context.close()


def test_a_card_typed_into_the_code_field(
    browser: Browser, printed: tuple[Server, list[str]]
) -> None:
    server, urls = printed
    code = urls[1].rsplit("=", 1)[1]
    page = phone(browser)
    page.goto(f"http://127.0.0.1:{server.port}/")
    page.locator("#code").fill(f"{code[:4]}-{code[4:]}".lower())  # as printed, in lower case
    page.get_by_role("button", name="Teilnehmen").click()
    expect(page.locator("#card")).to_have_text("Stimmkarte 2")
    page.context.close()


NEED_CARD = "Nur mit Stimmkarte: Scannen Sie den QR-Code der Karte mit der Kamera."
MOVED = "Ihre Stimmkarte gilt jetzt auf einem anderen Handy."


def test_a_motion_takes_the_cards_vote_and_tells_a_phone_without_one_at_once(
    browser: Browser, printed: tuple[Server, list[str]]
) -> None:
    server, urls = printed
    carded, plain = phone(browser), phone(browser)
    carded.goto(urls[2])
    expect(carded.locator("#card")).to_have_text("Stimmkarte 3")
    assert "code=" not in carded.url  # the card's code left the address: a reload keeps it
    plain.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
    expect(plain.locator("#wait-text")).to_be_visible()
    assert plain.locator("#card").text_content() == ""
    server.control(CARDS_MOTION, "open")
    # The phone without a card sees the motion and, at once, how to take part: no form.
    expect(plain.locator("#question")).to_have_text("Wird der Vorstand entlastet?")
    expect(plain.locator("#hint")).to_have_text(NEED_CARD)
    expect(plain.get_by_role("button", name="Abstimmen")).to_be_hidden()
    expect(plain.get_by_label("Ja")).to_be_hidden()
    SHOTS.mkdir(exist_ok=True)
    plain.screenshot(path=str(SHOTS / "phone-no-card.png"))
    carded.get_by_label("Ja").check()
    carded.get_by_role("button", name="Abstimmen").click()
    expect(carded.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(CARDS_MOTION) == [1, 0, 0]
    carded.context.close()
    plain.context.close()


def test_a_phone_learns_its_card_moved_to_another(
    browser: Browser, printed: tuple[Server, list[str]]
) -> None:
    server, urls = printed
    before, after = phone(browser), phone(browser)
    before.goto(urls[0])
    expect(before.locator("#card")).to_have_text("Stimmkarte 1")
    server.control(CARDS_MOTION, "open")
    expect(before.get_by_role("button", name="Abstimmen")).to_be_visible()
    after.goto(urls[0])  # the card handed on, scanned by the next phone
    expect(after.locator("#card")).to_have_text("Stimmkarte 1")
    # The first phone hears it at once, says so kindly, and no longer offers the card's vote.
    expect(before.locator("#card")).to_have_text(MOVED)
    expect(before.locator("#hint")).to_have_text(NEED_CARD)
    expect(before.get_by_role("button", name="Abstimmen")).to_be_hidden()
    SHOTS.mkdir(exist_ok=True)
    before.screenshot(path=str(SHOTS / "phone-card-moved.png"))
    before.reload()  # a reload does not take the card back
    expect(before.locator("#hint")).to_have_text(NEED_CARD)
    assert before.locator("#card").text_content() == ""
    after.get_by_label("Ja").check()
    after.get_by_role("button", name="Abstimmen").click()
    expect(after.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(CARDS_MOTION) == [1, 0, 0]
    before.context.close()
    after.context.close()
