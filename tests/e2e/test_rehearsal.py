"""A whole evening, rehearsed: the real app, 200 phones, a crash midway, the handout read back.

The app runs in its own process (tests/e2e/driver.py) and is driven by keys and
buttons. 197 phones vote over HTTP, three more through the real phone page in
headless Chromium. Midway the app is killed with SIGKILL while phones are
voting; it is started again on the same session and must carry on where it
was. At the end the handout is exported and read back: every poll's totals
equal the votes the phones got receipts for. Every process of the app writes
its network contacts down (IMPULS_NETWORK_AUDIT) and none may leave the room.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.commands import impuls
from tests.support.serving import free_port, join
from workshop_app.deck import Poll, PollType
from workshop_app.deck.loader import load_deck
from workshop_app.paths import ROOT

DECK_PATH = ROOT / "slides" / "clash-of-cultures.md"
DECK = load_deck(DECK_PATH)
HTTP_PHONES = 197
CRASH_POLL = "zustaendig"  # the app is killed while this poll takes votes
HANDS_POLL = "arbeitszeit"
HANDS = [6, 3, 0, 2]
TEXTS = ["Datenschutz geht vor", "Keine Zeit im Alltag", "Budget fehlt", "Zu riskant"]
WAIT = 30.0


class App:
    """The app process, spoken to one JSON line at a time."""

    def __init__(self, session: Path, port: int, settings: Path, audit: Path) -> None:
        env = {**os.environ, "IMPULS_NETWORK_AUDIT": str(audit)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.driver", str(DECK_PATH), str(session), str(port),
             str(settings)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert json.loads(self._line()) == {"started": True}

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _line(self) -> str:
        try:
            return self.lines.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError("the app did not answer") from None

    def ask(self, cmd: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._line())
        assert "error" not in answer, answer
        return answer

    def wait(self, condition: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT
        while True:
            status = self.ask("status")
            if condition(status):
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}: {status}")
            time.sleep(0.1)

    def poll_state(self, poll: str, state: str, revealed: bool | None = None) -> dict[str, Any]:
        def reached(status: dict[str, Any]) -> bool:
            found = status["polls"].get(poll)
            return bool(found and found["state"] == state
                        and (revealed is None or found["revealed"] is revealed))  # fmt: skip

        return self.wait(reached, f"{poll} {state}")

    def close_pipes(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


class Phones:
    """HTTP phones: each vote is retried with its vote_id until a receipt comes back."""

    def __init__(self, port: int, code: str) -> None:
        self.port, self.code = port, code
        self.acked: dict[tuple[str, str], object] = {}  # (poll, device) → last acknowledged
        self.tickets: dict[str, str] = {}  # a phone's name → the ticket it joined with
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=24)

    def ticket(self, device: str) -> str:
        """Join once per phone, as the phone page does; tickets outlive a restart."""
        with self.lock:
            held = self.tickets.get(device)
        while held is None:
            try:
                held = join(self.port, self.code)
            except (OSError, http.client.HTTPException, RuntimeError):
                time.sleep(0.2)  # the laptop is restarting
        with self.lock:
            return self.tickets.setdefault(device, held)

    def vote(self, poll: str, device: str, vote_id: str, choice: object) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            body = json.dumps({"code": self.code, "device": self.ticket(device),
                               "vote_id": vote_id, "choice": choice})  # fmt: skip
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                try:
                    connection.request("POST", f"/api/polls/{poll}/votes", body,
                                       {"Content-Type": "application/json"})  # fmt: skip
                    response = connection.getresponse()
                    status, data = response.status, response.read()
                finally:
                    connection.close()
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)  # the laptop is restarting: keep the vote, try again
                continue
            if status == 200 and json.loads(data).get("receipt"):
                with self.lock:
                    self.acked[(poll, device)] = choice
                return
            if status in (429, 503):
                time.sleep(0.5)
                continue
            if status == 403 and json.loads(data).get("error") == "bad_ticket":
                # The laptop restarted with a new key: join again with the held ticket,
                # as the phone page does, and keep this phone's one voice.
                with self.lock:
                    held = self.tickets.pop(device)
                renewed = join(self.port, self.code, held=held)
                with self.lock:
                    self.tickets[device] = renewed
                continue
            raise AssertionError(f"{poll}: {status} {data!r}")
        raise AssertionError(f"{poll}: no receipt for {vote_id} within a minute")

    def everyone(self, poll: Poll) -> list[Future[None]]:
        return [self.pool.submit(self.phone, poll, n) for n in range(HTTP_PHONES)]

    def phone(self, poll: Poll, n: int) -> None:
        device = f"http-phone-{n:06d}"
        self.vote(poll.id, device, f"{poll.id}-{n}", choice_for(poll, n))
        if n % 10 == 0 and poll.type is PollType.SINGLE:  # after the receipt, a change of mind
            self.vote(poll.id, device, f"{poll.id}-{n}-again", choice_for(poll, n + 1))


def choice_for(poll: Poll, n: int) -> object:
    count = len(poll.options)
    if poll.type is PollType.SINGLE:
        return (n * 7 + 1) % count
    if poll.type is PollType.MULTIPLE:
        ticked = sorted({n % count, (n * 3 + 1) % count})[: poll.max_choices or count]
        if poll.exclusive in ticked and len(ticked) > 1:  # "Keines" stands alone
            return [poll.exclusive]
        return ticked
    if poll.type is PollType.RANKING:
        return [(n + k) % count for k in range(count)]
    if poll.type is PollType.SCALE:
        low, high = poll.scale[0], poll.scale[-1]
        return low + n % (high - low + 1)
    return TEXTS[n % len(TEXTS)]


def chromium_vote(page: Page, poll: Poll) -> object:
    """Vote as a person would on the phone page; return what was chosen."""
    expect(page.locator("#question")).to_have_text(poll.question, timeout=WAIT * 1000)
    choice: object
    inputs = page.locator("#options input")  # in the order of the options (or scale values)
    if poll.type is PollType.SINGLE:
        inputs.nth(0).check()
        choice = 0
    elif poll.type is PollType.MULTIPLE:
        inputs.nth(1).check()
        choice = [1]
    elif poll.type is PollType.SCALE:
        inputs.last.check()
        choice = poll.scale[-1]
    elif poll.type is PollType.TEXT:
        page.locator("#answer").fill("Datenschutz, ganz klar")
        choice = "Datenschutz, ganz klar"
    else:
        choice = list(range(len(poll.options)))  # the order as shown
    text = poll.type is PollType.TEXT
    send = page.get_by_role("button", name="Antwort senden" if text else "Abstimmen")
    send.click()
    if poll.type is PollType.RANKING:  # the order as shown, confirmed as meant
        expect(page.locator("#vote-error")).to_contain_text("Reihenfolge")
        send.click()
    counted = "Ihre Antwort ist angekommen ✓" if text else "Ihre Stimme wurde gezählt ✓"
    expect(page.get_by_role("status")).to_have_text(counted, timeout=WAIT * 1000)
    return choice


def expected_totals(poll: Poll, votes: list[object]) -> tuple[list[int], int]:
    """Per option: phone votes (points for a ranking); and the number of ballots."""
    totals = [0] * len(poll.options)
    for choice in votes:
        if poll.type is PollType.SINGLE and isinstance(choice, int):
            totals[choice] += 1
        elif poll.type is PollType.MULTIPLE and isinstance(choice, list):
            for index in choice:
                totals[index] += 1
        elif poll.type is PollType.RANKING and isinstance(choice, list):
            for rank, index in enumerate(choice):
                totals[index] += len(poll.options) - rank
    return totals, len(votes)


def go_to(app: App, poll: Poll) -> None:
    """Press → until the poll's slide is on screen, as the speaker does."""
    target = DECK.slide_of_poll(poll.id).index
    status = app.ask("status")
    while status["index"] < target:
        status = {**status, "index": app.ask("key", key="Right")["index"]}
    assert status["index"] == target


@pytest.mark.slow
def test_a_whole_event_with_a_crash_midway(browser: Browser, tmp_path: Path) -> None:
    session, settings, audit = tmp_path / "abend.impuls", tmp_path / "app.ini", tmp_path / "net.log"
    port = free_port()
    app = App(session, port, settings, audit)
    contexts = []
    try:
        ready = app.wait(lambda s: s["ready"], "the voting server")
        assert ready["port"] == port and ready["url"].endswith(f":{port}")
        phones = Phones(port, ready["code"])
        pages = []
        for _ in range(3):  # three participants scan the QR code with a real browser
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE",
                                          is_mobile=True, has_touch=True)  # fmt: skip
            contexts.append(context)
            page = context.new_page()
            page.goto(f"{ready['url']}/?code={ready['code']}")
            pages.append(page)
        browser_votes: dict[str, list[object]] = {}

        for poll in DECK.polls:
            go_to(app, poll)
            assert app.ask("button", action="open")["clicked"]
            app.poll_state(poll.id, "open")
            futures = phones.everyone(poll)
            if poll.id == CRASH_POLL:
                time.sleep(0.3)  # votes are flying
                where = app.ask("status")["index"]
                app.process.kill()  # SIGKILL: the speaker's laptop crashes
                app.process.wait()
                app.close_pipes()
                app = App(session, port, settings, audit)
                resumed = app.wait(lambda s: s["ready"] and s["polls"].get(CRASH_POLL),
                                   "the restarted app")  # fmt: skip
                assert resumed["index"] == where  # the same slide …
                assert resumed["polls"][CRASH_POLL]["state"] == "open"  # … the same poll state
            browser_votes[poll.id] = [chromium_vote(page, poll) for page in pages]
            for future in futures:
                future.result(timeout=120)  # every phone got its receipt, retrying as needed
            if poll.id == HANDS_POLL:
                app.ask("hands", counts=HANDS)
            if poll.type is PollType.TEXT:

                def answered(status: dict[str, Any], poll_id: str = poll.id) -> bool:
                    return bool(status["polls"][poll_id]["ballots"] >= HTTP_PHONES + 3)

                app.wait(answered, "the answers")
                assert app.ask("approve", contains="Datenschutz")["approved"] > 0
            assert app.ask("button", action="close")["clicked"]
            app.poll_state(poll.id, "closed")
            assert app.ask("button", action="reveal")["clicked"]
            app.poll_state(poll.id, "closed", revealed=True)
        phones.pool.shutdown()
        app.ask("quit")
        app.process.wait(timeout=WAIT)
    finally:
        for context in contexts:
            context.close()
        if app.process.poll() is None:
            app.process.kill()
            app.process.wait()
        app.close_pipes()

    # The handout, read back: the totals equal the receipts, none lost, none twice.
    pdf = tmp_path / "handout.pdf"
    exported = impuls("export", session, "--pdf", pdf,
                      env={**os.environ, "IMPULS_NETWORK_AUDIT": str(audit)})  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing; the test command installs poppler-utils")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    for poll in DECK.polls:
        votes = [choice for (p, _), choice in phones.acked.items() if p == poll.id]
        votes += browser_votes[poll.id]
        totals, ballots = expected_totals(poll, votes)
        assert f"{poll.question}" in " ".join(text.split()) or poll.question[:40] in text
        assert f"Stimmen: {ballots} von {ballots} Geräten" in text, poll.id
        if poll.type in (PollType.SINGLE, PollType.MULTIPLE):
            hands = HANDS if poll.id == HANDS_POLL else [0] * len(poll.options)
            for i, option in enumerate(poll.options):
                row = (rf"{'ABCDEFGH'[i]}\s+{re.escape(option)}\s+{totals[i]}\s+{hands[i]}\s+"
                       rf"{totals[i] + hands[i]}\s")  # fmt: skip
                assert re.search(row, text), f"{poll.id}: expected {row!r}"

    # Privacy: every process of the app contacted only loopback or the LAN, resolved no name.
    lines = [line.split("\t") for line in audit.read_text(encoding="utf-8").splitlines()]
    assert lines, "the audit hook wrote nothing"
    kinds = Counter(kind for _, kind, _ in lines)
    for _pid, kind, target in lines:
        if target in ("None", "") or target.startswith("/"):
            continue  # a Unix socket or no address: nothing leaves the machine
        try:
            address = ipaddress.ip_address("127.0.0.1" if target == "localhost" else target)
        except ValueError:
            raise AssertionError(f"the app resolved a name: {kind} {target}") from None
        assert address.is_loopback or address.is_private, f"{kind} {target}"
    # The voting server before and after the crash both wrote (at least their bind).
    assert len({pid for pid, _, _ in lines}) >= 2, kinds
