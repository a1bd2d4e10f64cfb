"""The remote page on its own (no app): English, accessible, no request leaves the laptop."""

from __future__ import annotations

import json
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect

from tests.support.chromium import pump_until
from tests.support.decks import SCALE
from tests.support.serving import Server, remote_state

# The talk's clock paused: the page then shows 1:15 however long a busy machine takes
# to look (a running clock read 1:35 under load, and the test failed).
STATE = remote_state(slide=2, title="Worum es geht", notes="Langsam sprechen.", elapsed=75,
                     remaining=1725, paused=True, next_title="Zahlen",
                     poll={"id": SCALE, "question": "Abwarten?", "state": "draft",
                           "revealed": False, "results": None})  # fmt: skip


def poll_state(server: Server, poll: str) -> str:
    _, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list)
    return str({p["id"]: p["state"] for p in polls}[poll])


def paired_remote(browser: Browser, server: Server, locale: str = "de-DE") -> Page:
    """The remote page of a new pairing, at 360 px, showing STATE."""
    assert server.call("PUT", "/api/remote/state", STATE, token=server.token)[0] == 200
    _, made = server.call("POST", "/api/remote/pairing", token=server.token)
    assert isinstance(made, dict)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale,
                                  bypass_csp=True)  # fmt: skip
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}{made['path']}")
    expect(page.locator("#position")).to_have_text("2 / 9")
    return page


@pytest.mark.parametrize(
    ("locale", "words"),
    [("en-GB", ("Next ▶", "1:15 elapsed", "Poll: Abwarten? (not opened yet)", "Open")),
     ("de-DE", ("Weiter ▶", "vergangen 1:15", "Umfrage: Abwarten? (noch nicht geöffnet)", "Öffnen"))],
)  # fmt: skip
def test_the_remote_in_both_languages_is_accessible(
    browser: Browser, server: Server, locale: str, words: tuple[str, str, str, str]
) -> None:
    next_label, elapsed, poll_line, open_label = words
    assert server.call("PUT", "/api/remote/state", STATE, token=server.token)[0] == 200
    _, made = server.call("POST", "/api/remote/pairing", token=server.token)
    assert isinstance(made, dict)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale,
                                  bypass_csp=True)  # fmt: skip
    page = context.new_page()
    base = f"http://127.0.0.1:{server.port}"
    outside: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith((base, "blob:")) else outside.append(r.url)
    )
    page.goto(f"{base}{made['path']}")
    expect(page.locator("#position")).to_have_text("2 / 9")
    expect(page.get_by_role("button", name=next_label)).to_be_visible()
    expect(page.locator("#notes")).to_have_text("Langsam sprechen.")
    expect(page.locator("#times")).to_contain_text(elapsed)
    expect(page.locator("#poll-question")).to_have_text(poll_line)
    page.get_by_role("button", name=open_label).click()  # the poll button reaches the store
    deadline = time.monotonic() + 10
    while poll_state(server, SCALE) != "open" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert poll_state(server, SCALE) == "open"
    expect(page.locator("#message")).to_be_hidden()
    results = Axe().run(page)
    serious = [(v["id"], v["impact"]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert serious == []
    context.close()
    assert outside == []


def test_a_tap_while_one_is_on_its_way_goes_right_after_it(
    browser: Browser, server: Server
) -> None:
    # Before: the outbox ran one flush at a time, but a tap saved while the first
    # was on its way waited for the next tap or a reconnection to be sent.
    page = paired_remote(browser, server)
    held: list[Route] = []
    sent: list[str] = []

    def first_held(route: Route) -> None:
        sent.append(json.loads(route.request.post_data or "{}")["action"])
        if len(sent) == 1:
            held.append(route)
        else:
            route.continue_()

    page.route("**/api/remote/commands", first_held)
    page.get_by_role("button", name="Weiter ▶").click()
    pump_until(page, lambda: len(held) == 1)
    page.get_by_role("button", name="Schwarz").click()  # while "next" is on its way
    assert page.evaluate("() => outbox().length") == 2
    held[0].continue_()
    pump_until(page, lambda: page.evaluate("() => outbox().length") == 0)
    assert sent == ["next", "black"]
    page.context.close()


def test_a_used_up_pairing_asks_to_pair_again_and_a_flood_says_so(
    browser: Browser, server: Server
) -> None:
    # From the red-team pass's limits (issue 33, item 10): a pairing that sent its
    # commands got a 409 "pair_again" and a flood a 429; the remote dropped both taps
    # without a word.
    page = paired_remote(browser, server)
    answers = iter([(429, "too_many"), (409, "pair_again")])

    def refused(route: Route) -> None:
        status, error = next(answers)
        route.fulfill(status=status, content_type="application/json",
                      body=json.dumps({"error": error, "message": "…"}))  # fmt: skip

    page.route("**/api/remote/commands", refused)
    page.get_by_role("button", name="Weiter ▶").click()
    expect(page.locator("#message")).to_have_text(
        "Zu schnell hintereinander – diese Eingabe wurde nicht ausgeführt."
    )
    page.get_by_role("button", name="Weiter ▶").click()
    expect(page.locator("#message")).to_have_text(
        "Diese Kopplung ist aufgebraucht – bitte in der Konsole neu koppeln."
    )
    expect(page.locator("#controls")).to_be_hidden()
    page.context.close()


def test_a_talk_without_a_duration_shows_only_the_time_gone(
    browser: Browser, server: Server
) -> None:
    page = paired_remote(browser, server)
    times = page.locator("#times")
    expect(times).to_have_text("vergangen 1:15 · noch 28:45", use_inner_text=True)
    endless = STATE | {"remaining": None}  # the deck names no `duration`
    assert server.call("PUT", "/api/remote/state", endless, token=server.token)[0] == 200
    expect(times).to_have_text("vergangen 1:15", use_inner_text=True)  # no "·" left over
    page.context.close()
