"""A phone through an evening's talk switch: what it sent for the last talk is not
counted in the next, it says so kindly, and a question typed is not lost.

The real `serve` process with a program of three talks (each with a poll of the same
id), the phone page in Chromium at 360 px. A vote and a question are held in flight
(Playwright's route) while the speaker puts the next talk on, then sent on: the
server refuses them with 409 talk_changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.support.evenings import FRAGE, evening_program
from tests.support.serving import Server, start_server

SHOTS = Path("/tmp/evening")  # looked at by whoever changes the page
MOVED = "Inzwischen hat der nächste Vortrag begonnen."


@pytest.fixture
def evening(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path / "daten", evening_program(tmp_path / "abend"))
    yield running
    if running.process.poll() is None:
        assert running.stop() == 0, running.stderr


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE",
                                  is_mobile=True, has_touch=True)  # fmt: skip
    yield context.new_page()
    context.close()


def switch(server: Server, index: int) -> None:
    status, on = server.call("POST", "/api/talk", {"talk": index}, token=server.token)
    assert status == 200, on


def held_until_switched(server: Server, index: int) -> tuple[list[int], Callable[[Route], None]]:
    """A route handler that puts talk `index` on, then lets the request go on."""
    done: list[int] = []

    def handle(route: Route) -> None:
        if route.request.method == "POST" and not done:
            switch(server, index)
            done.append(index)
        route.continue_()

    return done, handle


def test_a_vote_and_a_question_sent_as_the_next_talk_begins(evening: Server, phone: Page) -> None:
    SHOTS.mkdir(exist_ok=True)
    # Talk 2's poll was left open (the speaker went back to talk 1): the vote for talk
    # 1's poll of the same id would have counted there.
    switch(evening, 1)
    evening.control(FRAGE, "open")
    switch(evening, 0)
    evening.control(FRAGE, "open")
    phone.goto(f"http://127.0.0.1:{evening.port}/?code={evening.join_code}")
    expect(phone.locator("#title")).to_have_text("Vortrag 1")
    expect(phone.locator("#question")).to_have_text("Frage zu Vortrag 1?")
    phone.evaluate("window.stayed = true")  # gone if the page were loaded again
    phone.screenshot(path=str(SHOTS / "phone-1-talk-one.png"))

    switched, hold = held_until_switched(evening, 1)
    phone.route("**/api/polls/*/votes", hold)
    phone.get_by_label("Ja").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.locator("#offline")).to_have_text(MOVED)
    assert switched == [1]
    expect(phone.locator("#title")).to_have_text("Vortrag 2")
    expect(phone.locator("#question")).to_have_text("Frage zu Vortrag 2?")  # its poll, open
    phone.screenshot(path=str(SHOTS / "phone-2-vote-refused.png"))
    assert evening.totals(FRAGE) == [0, 0, 0]  # talk 2's poll: nothing of talk 1's vote
    phone.unroute("**/api/polls/*/votes")
    # The word gives way once the phone sends again; this vote counts in talk 2.
    phone.get_by_label("Nein").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    expect(phone.locator("#offline")).to_be_hidden()
    assert evening.totals(FRAGE) == [0, 1, 0]

    # A question typed for talk 2, sent as talk 3 begins: back in its field, not lost.
    switched, hold = held_until_switched(evening, 2)
    phone.route("**/api/questions", hold)
    phone.locator("#tab-questions").click()
    typed = "Wie geht es nach dem Vortrag weiter?"
    phone.locator("#ask-text").fill(typed)
    phone.locator("#ask-send").click()
    expect(phone.locator("#offline")).to_have_text(MOVED)
    assert switched == [2]
    expect(phone.locator("#title")).to_have_text("Vortrag 3")
    expect(phone.locator("#ask-text")).to_have_value(typed)
    expect(phone.locator("#ask-note")).to_have_text("")
    phone.screenshot(path=str(SHOTS / "phone-3-question-kept.png"))
    status, listed = evening.call("GET", "/api/questions", token=evening.token)
    assert status == 200 and isinstance(listed, dict) and listed["questions"] == []
    phone.unroute("**/api/questions")
    phone.locator("#ask-send").click()  # sent again, now to talk 3
    expect(phone.locator("#ask-note")).to_have_text("Ihre Frage ist angekommen ✓")
    expect(phone.locator("#ask-text")).to_have_value("")
    status, listed = evening.call("GET", "/api/questions", token=evening.token)
    assert isinstance(listed, dict) and [q["text"] for q in listed["questions"]] == [typed]
    assert phone.evaluate("window.stayed") is True
