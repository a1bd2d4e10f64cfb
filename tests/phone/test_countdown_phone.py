"""The phone page's countdown in headless Chromium, 360 px wide (issue 34, item 2)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, ViewportSize, expect

from tests.support.chromium import pump_until
from tests.support.decks import TIMED
from tests.support.serving import Server
from workshop_app.i18n import tr

SMALL: ViewportSize = {"width": 360, "height": 740}
TIME_UP = tr("phone.time_up")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def join(page: Page, server: Server) -> None:
    page.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")
    expect(page.locator("#wait-text")).to_be_visible()


def closed(server: Server) -> bool:
    _, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list)
    return bool(polls[0]["state"] == "closed")


def test_the_phone_counts_down_and_says_when_the_time_is_up(
    phone: Page, countdown_server: Server, tmp_path: Path
) -> None:
    join(phone, countdown_server)
    countdown_server.control(TIMED, "open")
    expect(phone.locator("#question")).to_have_text("Wer ist zuerst fertig?")
    clock = phone.locator("#clock")
    expect(clock).to_have_text(re.compile(r"^0:0[1-5]$"))
    seen = clock.text_content()
    expect(clock).not_to_have_text(seen or "")  # it counts: the next second shows
    phone.screenshot(path=str(tmp_path / "phone-countdown.png"))
    expect(clock).to_have_text(TIME_UP)  # at zero, by the phone's own clock
    expect(phone.locator("#poll")).to_be_hidden()  # the vote is no longer offered
    pump_until(phone, lambda: closed(countdown_server))
    expect(clock).to_have_text(TIME_UP)  # and it stays said once the server closed it
    phone.screenshot(path=str(tmp_path / "phone-time-up.png"))


def test_a_vote_that_arrives_too_late_is_told_not_lost(
    phone: Page, countdown_server: Server
) -> None:
    join(phone, countdown_server)
    countdown_server.control(TIMED, "open")
    expect(phone.locator("#question")).to_be_visible()
    held: list[Route] = []
    phone.route("**/votes", lambda route: held.append(route))  # Wi-Fi holds it past the end
    phone.get_by_label("Ich").check()
    phone.get_by_role("button", name="Abstimmen").click()
    pump_until(phone, lambda: bool(held))
    pump_until(phone, lambda: closed(countdown_server))
    held[0].continue_()
    pump_until(phone, lambda: phone.evaluate("localStorage.getItem('impuls.outbox')") == "[]")
    expect(phone.locator("#clock")).to_have_text(TIME_UP)
    expect(phone.get_by_role("status")).to_be_hidden()  # no receipt: it was not counted
    voted = json.loads(phone.evaluate("localStorage.getItem('impuls.voted') || '{}'"))
    assert not any(TIMED in key for key in voted)
    assert countdown_server.totals(TIMED) == [0, 0]


def test_the_remote_shows_the_polls_time_and_gives_it_30_s_more(
    browser: Browser, countdown_server: Server, tmp_path: Path
) -> None:
    server = countdown_server
    server.control(TIMED, "open")
    state = {"slide": 1, "count": 2, "title": "Schnell!", "notes": "", "blank": "none",
             "frozen": False, "elapsed": 75, "remaining": None, "paused": False,
             "next_title": "Ohne Uhr", "poll": {"id": TIMED, "question": "Wer ist zuerst fertig?",
                                                "state": "open", "revealed": False, "left": 4.5,
                                                "results": None}}  # fmt: skip
    assert server.call("PUT", "/api/remote/state", state, token=server.token)[0] == 200
    _, made = server.call("POST", "/api/remote/pairing", token=server.token)
    assert isinstance(made, dict)
    context = browser.new_context(viewport=SMALL, locale="de-DE")
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}{made['path']}")
    expect(page.locator("#poll-left")).to_have_text(re.compile(r"^noch 0:0[1-5]$"))
    page.screenshot(path=str(tmp_path / "remote-countdown.png"), full_page=True)
    page.get_by_role("button", name=tr("polls.extend")).click()

    def left() -> float:
        _, polls = server.call("GET", "/api/polls", token=server.token)
        assert isinstance(polls, list)
        return float(polls[0]["left"] or 0)

    pump_until(page, lambda: left() > 30)  # the server's countdown, 30 s longer
    page.get_by_role("button", name=tr("polls.halt")).click()
    pump_until(page, lambda: left() == 0)  # no countdown: `left` is null
    context.close()
