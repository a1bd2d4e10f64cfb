"""What a participant tripped over in the second rehearsal (issue 32, 1–4), the phone's
outbox sent twice, and results printed from the tally event: Chromium at 360 px."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request, Route, ViewportSize, expect

from tests.support.chromium import pump_until
from tests.support.decks import SCALE  # 1 to 5
from tests.support.serving import Server

SMALL: ViewportSize = {"width": 360, "height": 740}
SUCCESS, ERROR = "rgb(15, 91, 42)", "rgb(161, 38, 13)"  # phone.css: .ok, .error


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def join(page: Page, server: Server) -> None:
    page.goto(f"http://127.0.0.1:{server.port}/?code={server.join_code}")


def shown(server: Server, poll: str, lang: str = "de") -> list[str]:
    """The rows as the room is told them: the server's own texts, each after its name
    ("1 Längst aktiv: 0 · 0 %", "2: 1 · 25 %": a scale's words at its ends)."""
    status, body = server.call("GET", f"/api/polls/{poll}/results?lang={lang}", token=server.token)
    assert status == 200 and isinstance(body, dict)
    return [f"{name}: {text}" for name, text in zip(body["names"], body["shown"], strict=True)]


def results_asked(page: Page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/results" in r.url else None)
    return asked


def vote_on_the_scale(phone: Page, value: str = "4") -> None:
    expect(phone.locator("#question")).to_be_visible()
    phone.get_by_label(value, exact=True).check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")


def test_a_phone_that_voted_sees_the_revealed_results_live(phone: Page, server: Server) -> None:
    # Before: after the reveal a phone that had voted still showed only its receipt,
    # and saw results only once the poll was closed.
    server.control(SCALE, "open")
    join(phone, server)
    vote_on_the_scale(phone)
    for n, value in enumerate([2, 3, 3]):
        server.vote(SCALE, f"other-{n:012d}", f"o{n}", value)
    server.control(SCALE, "reveal")  # still open
    bars = phone.locator("#bars")
    expect(bars).to_contain_text(shown(server, SCALE)[3])
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    expect(bars).to_contain_text("Stimmen: 4")
    server.vote(SCALE, "other-000000000009", "o9", 5)  # live, as on the projector
    expect(bars).to_contain_text(shown(server, SCALE)[4])
    expect(bars).to_contain_text("Stimmen: 5")
    expect(bars).to_contain_text("Mittelwert 3,4")
    rows = bars.locator(".bar > div:first-child").all_inner_texts()
    assert rows == shown(server, SCALE)
    assert rows[0].startswith("1 ") and rows[1].startswith("2: ")  # the scale's end words
    server.control(SCALE, "hide")
    expect(bars).to_be_hidden()
    expect(phone.get_by_role("status")).to_be_visible()


def test_a_question_that_arrived_looks_like_success(phone: Page, server: Server) -> None:
    # Before: "Ihre Frage ist angekommen ✓" in the error colour, as a refusal is.
    join(phone, server)
    phone.get_by_role("button", name="Fragen (0)").click()
    phone.get_by_role("button", name="Frage senden").click()  # empty: refused by the page
    note = phone.locator("#ask-note")
    phone.get_by_label("Ihre Frage an die Vortragenden").fill("ab")
    phone.get_by_role("button", name="Frage senden").click()
    expect(note).to_have_text("Bitte eine Frage mit mindestens 3 Zeichen.")
    expect(note).to_have_css("color", ERROR)
    phone.get_by_label("Ihre Frage an die Vortragenden").fill("Wie messen Sie den Erfolg?")
    phone.get_by_role("button", name="Frage senden").click()
    expect(note).to_have_text("Ihre Frage ist angekommen ✓")
    expect(note).to_have_css("color", SUCCESS)


def test_own_waiting_question_counts_on_the_tab(phone: Page, server: Server) -> None:
    # Before: after asking, the tab still said "Fragen (0)" while the list showed it.
    join(phone, server)
    phone.get_by_role("button", name="Fragen (0)").click()
    phone.get_by_label("Ihre Frage an die Vortragenden").fill("Wie messen Sie den Erfolg?")
    phone.get_by_role("button", name="Frage senden").click()
    expect(phone.locator("#question-list")).to_contain_text("wartet auf Freigabe")
    expect(phone.locator("#tab-questions")).to_have_text("Fragen (1)")
    phone.reload()  # the server still tells this phone its own waiting question
    expect(phone.locator("#tab-questions")).to_have_text("Fragen (1)")


def test_a_five_step_scale_is_one_row_at_360_px(phone: Page, server: Server) -> None:
    # Before: 1 to 4 on a row and "5" alone on the next.
    server.control(SCALE, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_be_visible()
    boxes = [
        phone.get_by_label(str(v), exact=True).locator("..").bounding_box() for v in range(1, 6)
    ]
    assert all(box is not None for box in boxes)
    assert len({round(box["y"]) for box in boxes if box}) == 1
    assert all(box["x"] + box["width"] <= 360 for box in boxes if box)


def test_one_flush_at_a_time_and_none_forgotten(phone: Page, server: Server) -> None:
    # Before: a second flush while the first waited on the network sent every waiting
    # item again (the server counts it once, but a question came back twice in the
    # list); the remote's outbox already guarded against that.
    phone.add_init_script(
        "const f = window.fetch; window.posts = []; window.fetch = (u, o) =>"
        " { if (o && o.method === 'POST' && !String(u).includes('join')) window.posts.push(String(u));"
        " return f(u, o); };"
    )
    server.control(SCALE, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_be_visible()
    held: list[Route] = []
    phone.route("**/votes", lambda route: held.append(route))
    phone.get_by_label("3", exact=True).check()
    phone.get_by_role("button", name="Abstimmen").click()
    pump_until(phone, lambda: len(held) == 1)
    phone.evaluate("() => { window.dispatchEvent(new Event('online')); }")  # flush() again
    assert phone.evaluate("() => window.posts.length") == 1
    # A question asked while the vote is on its way goes after it, not never.
    phone.evaluate("() => { $('ask-text').value = 'Was kostet das?'; ask(new Event('submit')); }")
    for route in held:
        route.continue_()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    pump_until(phone, lambda: phone.evaluate("() => outbox().length") == 0)
    assert phone.evaluate("() => window.posts") == [f"/api/polls/{SCALE}/votes", "/api/questions"]
    _, counted = server.call("GET", f"/api/polls/{SCALE}/results", token=server.token)
    assert isinstance(counted, dict) and counted["values"]["3"] == counted["ballots"] == 1


def test_a_tally_event_is_printed_without_a_fetch(phone: Page, server: Server) -> None:
    """The contract with the server: a tally event's `results` are what GET
    /api/polls/{id}/results?lang= answers; the phone prints them and asks for nothing.
    Here the stream is the browser's own, so the phone is held to the contract alone."""
    server.control(SCALE, "open")
    server.vote(SCALE, "other-000000000001", "o1", 2)
    server.control(SCALE, "close")
    server.control(SCALE, "reveal")
    streams: list[Route] = []
    phone.route("**/api/events?*", lambda route: streams.append(route))
    asked = results_asked(phone)
    join(phone, server)
    expect(phone.locator("#bars")).to_contain_text("Stimmen: 1")  # joined: asked once
    pump_until(phone, lambda: len(streams) == 1)
    assert "lang=de" in streams[0].request.url
    before = len(asked)
    status, results = server.call("GET", f"/api/polls/{SCALE}/results?lang=de", token=server.token)
    assert status == 200 and isinstance(results, dict)
    results["shown"] = ["0 · 0 %", "0 · 0 %", "7 · 100 %", "0 · 0 %", "0 · 0 %"]
    results["ballots"], results["mean_note"] = 7, "Mittelwert 3,0"
    results["summary"] = ["Stimmen: 7"]  # the phone prints the server's count line
    event = {"poll": SCALE, "results": results}
    streams[0].fulfill(status=200, content_type="text/event-stream",
                       body=f"retry: 600000\nevent: tally\ndata: {json.dumps(event)}\n\n")  # fmt: skip
    expect(phone.locator("#bars")).to_contain_text("3: 7 · 100 %")
    expect(phone.locator("#bars")).to_contain_text("Stimmen: 7")
    expect(phone.locator("#bars")).to_contain_text("Mittelwert 3,0")
    assert len(asked) == before


def test_the_room_s_tally_reaches_phones_in_its_event(phone: Page, server: Server) -> None:
    # Before: a tally event said only "changed", and every phone that saw results
    # fetched them, 500 phones at once after each vote.
    server.control(SCALE, "open")
    join(phone, server)
    vote_on_the_scale(phone, "1")
    asked = results_asked(phone)
    server.control(SCALE, "reveal")
    bars = phone.locator("#bars")
    expect(bars).to_contain_text("Stimmen: 1")
    for n, value in enumerate([2, 2, 5], start=2):
        server.vote(SCALE, f"other-{n:012d}", f"o{n}", value)
        expect(bars).to_contain_text(f"Stimmen: {n}")
    server.control(SCALE, "close")
    expect(phone.get_by_role("status")).to_be_hidden()
    expect(bars).to_contain_text(shown(server, SCALE)[4])
    assert asked == []


def test_english_phones_follow_the_stream_in_english(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport=SMALL, locale="en-GB")
    page = context.new_page()
    opened: list[Request] = []
    page.on("request", lambda r: opened.append(r) if "/api/events" in r.url else None)
    server.control(SCALE, "open")
    join(page, server)
    vote_on = page.get_by_label("2", exact=True)
    vote_on.check()
    page.get_by_role("button", name="Vote").click()
    server.control(SCALE, "reveal")
    expect(page.locator("#bars")).to_contain_text("Votes: 1")
    expect(page.locator("#bars")).to_contain_text("Mean 2.0")
    assert opened and all("lang=en" in r.url for r in opened)
    assert page.title() == "Impuls – voting"
    context.close()
