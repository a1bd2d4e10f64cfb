"""Questions from the phone page in headless Chromium: ask, upvote, take back, offline, moderation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.support.decks import SINGLE
from tests.support.serving import Server

SMALL: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture
def phones(browser: Browser, server: Server) -> Iterator[list[Page]]:
    """Two participants' phones (each its own storage, so its own ticket)."""
    contexts: list[BrowserContext] = []
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True,
                                      has_touch=True)  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
        page.get_by_role("button", name="Fragen (0)").click()
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def everything(server: Server) -> list[dict[str, object]]:
    status, listed = server.call("GET", "/api/questions", token=server.token)
    assert status == 200 and isinstance(listed, dict)
    return list(listed["questions"])


def ask(page: Page, text: str, name: str = "") -> None:
    page.get_by_label("Ihre Frage an die Vortragenden").fill(text)
    if name:
        page.get_by_role("textbox", name="Ihr Name (freiwillig – sonst anonym)").fill(name)
    page.get_by_role("button", name="Frage senden").click()


def test_ask_approve_upvote_and_take_back(phones: list[Page], server: Server,
                                          tmp_path: Path) -> None:  # fmt: skip
    inge, karl = phones
    ask(inge, "Wie viel Zeit kostet ein Redaktionsplan pro Woche?", "Inge")
    expect(inge.locator("#ask-note")).to_have_text("Ihre Frage ist angekommen ✓")
    expect(inge.locator(".q")).to_contain_text("wartet auf Freigabe")
    expect(karl.locator("#question-list")).to_contain_text("Noch keine Fragen")
    (question,) = everything(server)
    assert question["state"] == "pending" and question["name"] == "Inge"

    server.call("POST", f"/api/questions/{question['id']}/approve", token=server.token)
    upvote = karl.get_by_role("button", name="Frage unterstützen, 0 bisher")
    expect(upvote).to_be_visible()  # arrived through the event stream, no reload
    expect(karl.get_by_role("button", name="Fragen (1)")).to_be_visible()
    upvote.click()
    expect(karl.locator(".q button")).to_have_attribute("aria-pressed", "true")
    expect(karl.locator(".q button")).to_have_text("▲ 1")
    expect(inge.locator(".q button")).to_have_text("▲ 1", timeout=5000)  # the room sees it
    assert everything(server)[0]["upvotes"] == 1
    karl.screenshot(path=str(tmp_path / "fragen-360.png"), full_page=True)

    karl.locator(".q button").click()  # taken back
    expect(karl.locator(".q button")).to_have_attribute("aria-pressed", "false")
    expect(inge.locator(".q button")).to_have_text("▲ 0", timeout=5000)
    assert everything(server)[0]["upvotes"] == 0

    server.call("POST", f"/api/questions/{question['id']}/answer", token=server.token)
    expect(karl.locator(".q")).to_contain_text("✓ beantwortet")
    server.call("POST", f"/api/questions/{question['id']}/hide", token=server.token)
    expect(karl.locator("#question-list")).to_contain_text("Noch keine Fragen")
    karl.reload()  # after a reload, too
    karl.get_by_role("button", name="Fragen (0)").click()
    expect(karl.locator("#question-list")).to_contain_text("Noch keine Fragen")


def test_offline_question_and_upvote_count_once(phones: list[Page], server: Server) -> None:
    inge, karl = phones
    server.call("PUT", "/api/questions/moderation", {"mode": "post"}, token=server.token)
    ask(inge, "Welche Kanäle zuerst?")
    expect(karl.get_by_role("button", name="Frage unterstützen, 0 bisher")).to_be_visible()

    karl.context.set_offline(True)
    ask(karl, "Was, wenn niemand liest?")
    karl.get_by_role("button", name="Frage unterstützen, 0 bisher").click()
    expect(karl.locator("#offline")).to_contain_text("Keine Verbindung")
    assert len(everything(server)) == 1
    karl.context.set_offline(False)
    expect(karl.locator("#ask-note")).to_have_text("Ihre Frage ist angekommen ✓", timeout=15000)
    expect(karl.locator("#offline")).to_be_hidden()
    karl.reload()  # nothing left in the outbox to send twice
    karl.get_by_role("button", name="Fragen (2)").click()
    expect(karl.locator(".q")).to_have_count(2)
    questions = {q["text"]: q["upvotes"] for q in everything(server)}
    assert questions == {"Welche Kanäle zuerst?": 1, "Was, wenn niemand liest?": 0}


def test_newest_first_and_an_opening_poll_comes_to_the_front(
    phones: list[Page], server: Server
) -> None:
    inge, karl = phones
    server.call("PUT", "/api/questions/moderation", {"mode": "post"}, token=server.token)
    ask(inge, "Erste Frage?")
    expect(karl.locator(".q")).to_have_count(1)
    ask(inge, "Zweite Frage?")
    expect(karl.locator(".q")).to_have_count(2)
    karl.locator(".q button").first.click()  # "Erste" gets an upvote: it stays on top
    expect(karl.locator(".q p").first).to_contain_text("Erste Frage?")
    karl.get_by_role("button", name="Neu").click()
    expect(karl.locator(".q p").first).to_contain_text("Zweite Frage?")
    server.control(SINGLE, "open")
    expect(karl.locator("#question")).to_have_text("Was ist das Thema für Ihr Haus?")
    expect(karl.get_by_role("button", name="Abstimmung")).to_have_attribute("aria-pressed", "true")


def test_the_questions_view_is_accessible_and_english(browser: Browser, server: Server) -> None:
    server.call("PUT", "/api/questions/moderation", {"mode": "post"}, token=server.token)
    context = browser.new_context(viewport=SMALL, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
    page.get_by_role("button", name="Questions (0)").click()
    ask_box = page.get_by_label("Your question to the speaker")
    ask_box.fill("How do we measure success?")
    page.get_by_role("button", name="Send question").click()
    expect(page.get_by_role("button", name="Support this question, 0 so far")).to_be_visible()
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"]) for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert serious == []
    context.close()
