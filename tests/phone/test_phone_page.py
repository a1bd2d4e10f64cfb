"""The phone page in headless Chromium: join, vote, change, offline outbox, results, a11y."""

from __future__ import annotations

import gzip
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import APIResponse, Browser, Page, Route, ViewportSize, expect

from tests.support.chromium import pump_until
from tests.support.decks import MULTIPLE, RANKING, SCALE, SINGLE, TEXT
from tests.support.serving import Server, start_server
from workshop_app.i18n import Lang, tr
from workshop_app.paths import RESOURCES_DIR, ROOT

POLL = SINGLE
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True, has_touch=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base(server)) else outside.append(r.url))
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    yield page
    context.close()
    assert outside == []  # no request of any kind leaves the laptop


def base(server: Server) -> str:
    return f"http://127.0.0.1:{server.port}"


def join(page: Page, server: Server) -> None:
    page.goto(f"{base(server)}/?code={server.join_code}")


def fetch(
    server: Server, path: str, encoding: str, languages: str = "de-DE,de;q=0.9"
) -> tuple[str | None, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encoding,
                                             "Accept-Language": languages})  # fmt: skip
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200
    assert response.getheader("Vary") == "Accept-Encoding, Accept-Language"
    return response.getheader("Content-Encoding"), body


@pytest.mark.parametrize("languages", ["de-DE,de;q=0.9", "en-US,en;q=0.9"])
def test_the_page_is_small_as_phones_receive_it(server: Server, languages: str) -> None:
    served = wire = 0
    for path in ("/", "/phone.js", "/phone.css"):
        plain_encoding, plain = fetch(server, path, "identity", languages)
        gzip_encoding, packed = fetch(server, path, "gzip, deflate", languages)
        assert (plain_encoding, gzip_encoding) == (None, "gzip")
        assert gzip.decompress(packed) == plain  # the same page, compressed
        served += len(plain)
        wire += len(packed)
    assert served <= 30 * 1024 and wire < served / 2  # docs/benchmarks.md's goal
    assert served < sum(f.stat().st_size for f in (RESOURCES_DIR / "phone").iterdir())


@pytest.mark.parametrize(
    ("languages", "path", "spoken"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "/", "de"),
        ("en-GB,en;q=0.9", "/", "en"),
        # French first, German understood: German, where the page once took English
        ("fr-FR,fr;q=0.9,de;q=0.5", "/", "de"),
        ("fr-FR", "/", "en"),  # neither: English is likelier read than German
        ("de;q=0, en;q=0.2", "/", "en"),  # q=0 is "not German"
        ("de-DE", "/?lang=en", "en"),  # a link may name the language
        ("en;;q=x,,de", "/remote", "de"),  # a malformed range is skipped
    ],
)
def test_a_page_speaks_the_phones_language_and_only_that(
    server: Server, languages: str, path: str, spoken: str
) -> None:
    _, html = fetch(server, path, "identity", languages)
    data = json.loads(
        re.findall(rb"<script id=impuls type=application/json>(.*?)</script>", html)[0]
    )
    said, other = Lang(spoken), next(lang for lang in Lang if lang.value != spoken)
    word = ("next", "remote.next") if path == "/remote" else ("counted", "phone.counted")
    assert data["lang"] == spoken and data["words"][word[0]] == tr(word[1], said)
    assert tr(word[1], other) != tr(word[1], said)
    assert tr(word[1], other).encode() not in html  # one language only: the page's budget


def test_scan_vote_receipt_and_change(phone: Page, server: Server, tmp_path: Path) -> None:
    join(phone, server)
    expect(phone.locator("#wait-text")).to_contain_text("nächste Frage")
    server.control(POLL, "open")  # the page follows by itself (Server-Sent Events)
    expect(phone.locator("#question")).to_have_text("Was ist das Thema für Ihr Haus?")
    phone.screenshot(path=str(tmp_path / "phone-poll.png"))
    phone.get_by_label("Kür").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(POLL) == [0, 1, 0, 0]
    phone.get_by_role("button", name="Stimme ändern").click()
    expect(phone.get_by_label("Kür")).to_be_checked()
    phone.get_by_label("Pflicht").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(POLL) == [1, 0, 0, 0]  # the change replaced the first vote


def test_offline_vote_waits_in_the_outbox_and_counts_once(phone: Page, server: Server) -> None:
    server.control(POLL, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_be_visible()
    phone.context.set_offline(True)
    phone.get_by_label("Noch unklar").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.locator("#offline")).to_contain_text("Keine Verbindung")
    assert server.totals(POLL) == [0, 0, 0, 0]
    phone.context.set_offline(False)
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓", timeout=15000)
    expect(phone.locator("#offline")).to_be_hidden()
    phone.reload()  # nothing left in the outbox to send twice
    expect(phone.get_by_role("status")).to_be_visible()
    assert server.totals(POLL) == [0, 0, 0, 1]


def test_a_vote_the_server_could_not_store_is_sent_again(phone: Page, server: Server) -> None:
    # Before: phone.js dropped a vote from its outbox on 500/503 and said "Bitte eine
    # gültige Antwort wählen", so a vote refused by a full disk was lost.
    server.control(POLL, "open")
    join(phone, server)
    expect(phone.locator("#question")).to_be_visible()
    refused: list[str] = []

    def full_disk(route: Route) -> None:
        if len(refused) < 2:  # the real server, as it answers when it cannot store
            refused.append(route.request.url)
            route.fulfill(status=503, content_type="application/json",
                          body='{"error": "storage", "message": "please try again"}')  # fmt: skip
        else:
            route.continue_()

    phone.route("**/votes", full_disk)
    phone.get_by_label("Kür").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓", timeout=15000)
    assert len(refused) == 2 and server.totals(POLL) == [0, 1, 0, 0]
    expect(phone.locator("#vote-error")).to_be_hidden()


def test_revealed_results_and_inert_answers(phone: Page, server: Server) -> None:
    server.control(TEXT, "open")
    join(phone, server)
    phone.locator("#answer").fill("<script>alert('x')</script><b>fett</b>")
    phone.get_by_role("button", name="Antwort senden").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Antwort ist angekommen ✓")
    expect(phone.locator("#receipt-choice")).to_contain_text("<script>")  # as text, inert
    _, results = server.call("GET", f"/api/polls/{TEXT}/results", token=server.token)
    assert isinstance(results, dict)
    (answer,) = results["answers"]
    server.call("POST", f"/api/answers/{answer['id']}/approve", token=server.token)
    server.control(TEXT, "close")
    server.control(TEXT, "reveal")
    expect(phone.locator(".answer")).to_have_text("<script>alert('x')</script><b>fett</b>")
    assert phone.locator("#bars b").count() == 0 and phone.locator("#bars script").count() == 0


def test_bars_for_a_revealed_choice_poll(phone: Page, server: Server) -> None:
    server.control(POLL, "open")
    server.vote(POLL, "phone-000000000001", "a", 0)
    server.vote(POLL, "phone-000000000002", "b", 0)
    server.vote(POLL, "phone-000000000003", "c", 2)
    join(phone, server)
    server.control(POLL, "reveal")
    # Still open: a phone that has not voted gets the question, results or not.
    expect(phone.locator("#question")).to_have_text("Was ist das Thema für Ihr Haus?")
    server.control(POLL, "close")
    expect(phone.locator("#bars")).to_contain_text("A Pflicht: 2 · 67 %")
    expect(phone.locator("#bars")).to_contain_text("Stimmen: 3")  # as the projector says it


def test_shares_that_round_half_read_as_on_the_projector(phone: Page, server: Server) -> None:
    # 1, 3 and 4 of 8 votes: 12.5, 37.5 and 50 %. The projector printed "12 %" (Python
    # rounds half to even), the phone "13 %" (Math.round): now one rule, said by Python.
    server.control(POLL, "open")
    for device, choice in enumerate([0, 1, 1, 1, 2, 2, 2, 2], start=1):
        server.vote(POLL, f"phone-{device:012d}", f"v{device}", choice)
    join(phone, server)
    server.control(POLL, "close")
    server.control(POLL, "reveal")
    for said in ("A Pflicht: 1 · 13 %", "B Kür: 3 · 38 %", "C Zeitverschwendung: 4 · 50 %",
                 "D Noch unklar: 0 · 0 %", "Anteile von 8 Stimmen"):  # fmt: skip
        expect(phone.locator("#bars")).to_contain_text(said)
    status, body = server.call("GET", f"/api/polls/{POLL}/results?lang=en", token=server.token)
    assert status == 200 and isinstance(body, dict)
    assert body["shown"][:3] == ["1 · 13 %", "3 · 38 %", "4 · 50 %"]
    assert body["base_note"] == "Shares of 8 votes"


def test_wrong_code_and_typed_code(phone: Page, server: Server) -> None:
    phone.goto(f"{base(server)}/?code=AAAAA")
    expect(phone.locator("#join-error")).to_contain_text("Code passt nicht")
    phone.locator("#code").fill(server.join_code.lower())
    phone.get_by_role("button", name="Teilnehmen").click()
    expect(phone.locator("#wait-text")).to_be_visible()


def test_english_browsers_get_english(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    server.control(SCALE, "open")
    join(page, server)
    expect(page.locator("#hint")).to_have_text("Choose a value from 1 to 5")
    page.get_by_label("4").check()
    page.get_by_role("button", name="Vote").click()
    expect(page.get_by_role("status")).to_have_text("Your vote was counted ✓")
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()


def test_ranking_and_multiple_by_touch(phone: Page, server: Server) -> None:
    server.control(RANKING, "open")
    join(phone, server)
    phone.get_by_role("button", name="nach unten: Transparenz").click()  # now 2nd
    phone.get_by_role("button", name="nach oben: Kreativität").click()  # now 3rd
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(RANKING) == [3, 4, 1, 2]  # Authentizität, Transparenz, Kreativität, …
    server.control(MULTIPLE, "open")
    expect(phone.locator("#question")).to_contain_text("Welche Kanäle")
    phone.get_by_label("LinkedIn").check()
    phone.get_by_label("Xing").check()
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    assert server.totals(MULTIPLE)[:2] == [1, 1]


def test_no_serious_accessibility_violations(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport=PHONE, locale="de-DE", bypass_csp=True)
    page = context.new_page()
    for poll in (POLL, SCALE, RANKING, TEXT):
        server.control(poll, "open")
        join(page, server)
        expect(page.locator("#question")).to_be_visible()
        results = Axe().run(page)
        serious = [
            (v["id"], v["impact"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]  # fmt: skip
        assert serious == [], poll
    context.close()


SMALL: ViewportSize = {"width": 360, "height": 740}
ELEVEN_STEPS = """---
title: Zufriedenheit
---

# Wie zufrieden?

```poll
id: zufrieden
type: scale
question: Wie zufrieden sind Sie mit dem Angebot Ihres Verbands?
min: 0
max: 10
labels: [gar nicht zufrieden, voll und ganz zufrieden]
```
"""


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=SMALL, locale="de-DE", is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_an_eleven_step_scale_fits_a_360_px_phone(small_phone: Page, tmp_path: Path) -> None:
    # Before: 677 px wide on a 390 px screen, only 0–5 visible; 0 was refused; the two
    # end labels ran together as one line.
    deck = tmp_path / "zufrieden.md"
    deck.write_text(ELEVEN_STEPS, encoding="utf-8")
    running = start_server(tmp_path / "zufrieden.impuls", deck)
    try:
        running.control("zufrieden", "open")
        join(small_phone, running)
        expect(small_phone.locator("#question")).to_be_visible()
        assert small_phone.evaluate("document.documentElement.scrollWidth") <= 360
        for value in ("0", "10"):
            box = small_phone.get_by_label(value, exact=True).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
        ends = small_phone.locator(".end").all_inner_texts()
        assert ends == ["0 = gar nicht zufrieden", "10 = voll und ganz zufrieden"]
        small_phone.get_by_label("0", exact=True).check()
        small_phone.get_by_role("button", name="Abstimmen").click()
        expect(small_phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
        expect(small_phone.locator("#receipt-choice")).to_have_text("Ihre Wahl: 0")
    finally:
        running.stop()


def test_multiple_choice_stops_at_its_limit_as_you_tap(small_phone: Page, tmp_path: Path) -> None:
    # Before: seven of six could be ticked, and only "Abstimmen" said no.
    hype = start_server(tmp_path / "hype.impuls", ROOT / "slides" / "hype-oder-entwicklung.md")
    phone = small_phone
    try:
        hype.control("zoegern", "open")  # at most 2 of 5
        join(phone, hype)
        expect(phone.locator("#hint")).to_contain_text("Noch 2 möglich")
        for name in ("Zeitmangel", "Angst vor Kritik", "Kontrollverlust"):
            phone.get_by_label(name).click()
        assert phone.locator("#options input:checked").count() == 2
        assert not phone.get_by_label("Kontrollverlust").is_checked()
        expect(phone.locator("#vote-error")).to_contain_text("Mehr als 2 geht nicht")
        expect(phone.locator("#hint")).to_contain_text("Noch 0 möglich")
        phone.get_by_label("Zeitmangel").click()
        expect(phone.locator("#hint")).to_contain_text("Noch 1 möglich")
    finally:
        hype.stop()


def test_none_of_these_rules_out_the_others(phone: Page, server: Server) -> None:
    # Before: "Keines" could be ticked together with every network.
    server.control(MULTIPLE, "open")
    join(phone, server)
    phone.get_by_label("LinkedIn").click()
    phone.get_by_label("Xing").click()
    phone.get_by_label("Keines").click()
    checked = phone.locator("#options input:checked")
    expect(checked).to_have_count(1)
    assert phone.get_by_label("Keines").is_checked()
    phone.get_by_label("Instagram").click()
    assert not phone.get_by_label("Keines").is_checked()
    expect(checked).to_have_count(1)
    status, refused = server.vote(MULTIPLE, "kombi-000000000001", "k1", [0, 6])
    assert status == 422 and isinstance(refused, dict)  # the server holds the same rule
    assert server.vote(MULTIPLE, "kombi-000000000001", "k2", [6])[0] == 200


def test_a_ranking_needs_a_deliberate_order(phone: Page, server: Server) -> None:
    # Before: tapping "Abstimmen" at once submitted the deck's order A > B > C > D.
    server.control(RANKING, "open")
    join(phone, server)
    phone.get_by_role("button", name="Abstimmen").click()
    expect(phone.locator("#vote-error")).to_contain_text("Ist das Ihre Reihenfolge?")
    assert server.totals(RANKING) == [0, 0, 0, 0]
    phone.get_by_role("button", name="Abstimmen").click()  # yes, this order
    expect(phone.get_by_role("status")).to_have_text("Ihre Stimme wurde gezählt ✓")
    expect(phone.locator("#receipt-choice")).to_contain_text("1. Transparenz, 2. Authentizität")


def test_an_answer_is_sent_as_an_answer_and_repeated_on_the_receipt(
    phone: Page, server: Server
) -> None:
    # Before: a free-text answer went with "Abstimmen", came back as "Ihre Stimme wurde
    # gezählt", the receipt never said what was sent, and "Stimme ändern" was the big
    # blue button.
    server.control(TEXT, "open")
    join(phone, server)
    phone.locator("#answer").fill("Keine Zeit im Alltag")
    phone.get_by_role("button", name="Antwort senden").click()
    expect(phone.get_by_role("status")).to_have_text("Ihre Antwort ist angekommen ✓")
    expect(phone.locator("#receipt-choice")).to_have_text("Ihre Antwort: Keine Zeit im Alltag")
    change = phone.get_by_role("button", name="Antwort ändern")
    expect(change).to_have_class("secondary")


def test_the_mean_has_a_decimal_comma_in_german(phone: Page, server: Server) -> None:
    server.control(SCALE, "open")
    for n, value in enumerate([2, 3, 3, 4, 2, 3, 3, 3, 3, 3]):
        server.vote(SCALE, f"mittel-{n:012d}", f"m{n}", value)
    server.control(SCALE, "close")
    server.control(SCALE, "reveal")
    join(phone, server)
    expect(phone.locator("#bars")).to_contain_text("Mittelwert 2,9")


def test_a_word_per_step_stays_whole_on_a_360_px_phone(small_phone: Page, tmp_path: Path) -> None:
    # From the rehearsal: labels per step were missing on the phone; shown in a grid
    # they broke mid-word ("ungenü|gend"), so each step gets a line of its own.
    labels = ["keine", "ungenügend", "mangelhaft", "schwach", "ausreichend", "befriedigend",
              "ordentlich", "gut", "sehr gut", "hervorragend", "perfekt"]  # fmt: skip
    deck = tmp_path / "noten.md"
    deck.write_text(
        "# Noten\n\n```poll\nid: noten\ntype: scale\nquestion: Wie war es?\nmin: 0\nmax: 10\n"
        f"labels: [{', '.join(labels)}]\n```\n",
        encoding="utf-8",
    )
    running = start_server(tmp_path / "noten.impuls", deck)
    try:
        running.control("noten", "open")
        join(small_phone, running)
        expect(small_phone.locator("#question")).to_be_visible()
        assert small_phone.evaluate("document.documentElement.scrollWidth") <= 360
        shown = small_phone.locator(".scale small")
        assert shown.all_inner_texts() == labels
        for k in range(len(labels)):
            box = shown.nth(k).bounding_box()
            assert box is not None and box["height"] < 30, labels[k]  # one line each
    finally:
        running.stop()


def test_a_late_answer_never_takes_the_phone_back_to_an_older_slide(
    phone: Page, server: Server
) -> None:
    # Before: the phone asked for the session when it joined; a slide change reached
    # it by its event stream meanwhile, then the slower answer (from before the
    # change) replaced it, and the phone showed the old slide until the next one.
    # Slow venue Wi-Fi, made here by holding the answers back in the browser.
    room = {"slide": 0, "blank": "none", "follow": True}
    assert server.call("PUT", "/api/room", room, token=server.token)[0] == 200
    # The page's own count of the questions it asked, whatever phone.js keeps.
    phone.add_init_script(
        "const f = window.fetch; window.asks = 0; window.fetch = (u, o) =>"
        " { if (String(u).includes('/api/session')) window.asks++; return f(u, o); };"
    )
    held: list[tuple[Route, APIResponse]] = []
    phone.route("**/api/session", lambda route: held.append((route, route.fetch())))
    landed: list[str] = []
    phone.on("requestfinished", lambda r: landed.append(r.url) if "/api/session" in r.url else None)
    join(phone, server)
    phone.wait_for_function("() => state.events && state.events.readyState === 1")
    # Every question asked so far answered by the server (slide 1), none yet by the
    # Wi-Fi. Playwright runs the route handler only while the test waits on the page.
    pump_until(phone, lambda: len(held) >= phone.evaluate("() => window.asks"))
    stale = len(held)
    assert stale >= 1
    assert server.call("PUT", "/api/room", room | {"slide": 2}, token=server.token)[0] == 200
    phone.wait_for_function("() => state.view && state.view.index === 2")  # by the stream
    # Any answer asked after the change first, then the stale ones: the late
    # answers land last, as slow Wi-Fi delivers them.
    pump_until(phone, lambda: len(held) >= phone.evaluate("() => window.asks"))
    for route, answer in held[stale:]:
        route.fulfill(response=answer)
    pump_until(phone, lambda: len(landed) >= len(held) - stale)
    for route, answer in held[:stale]:
        route.fulfill(response=answer)
    pump_until(phone, lambda: len(landed) >= len(held))
    phone.unroute("**/api/session")
    for _ in range(3):  # the page's handlers of what landed run in the tasks after it
        phone.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    expect(phone.locator("#wait-text")).to_have_text("Folie 3 von 8 – wie auf der Leinwand")
    assert phone.evaluate("() => state.view.index") == 2
