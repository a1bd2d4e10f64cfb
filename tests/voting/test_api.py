"""The voting API over real sockets, against a real `serve` process."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Sequence
from pathlib import Path

from tests.support.decks import AFTER, MULTIPLE, POLLS, SINGLE, TEXT, poll_talk
from tests.support.serving import Server, Stream, phone, start_server
from workshop_app.voting.admission import Tickets
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import ServerSentEvent

POLL = SINGLE  # single: Pflicht, Kür, Zeitverschwendung, Noch unklar


def test_session_polls_and_openapi(server: Server) -> None:
    status, session = server.call("GET", "/api/session")
    assert status == 200 and isinstance(session, dict)
    assert set(session) == {"title"}  # the code and the polls only for who knows the code
    assert session["title"] == "Probevortrag mit jeder Umfrageart"
    status, joined = server.call("GET", "/api/session", ticket=server.ticket(phone(1)))
    assert isinstance(joined, dict) and joined["current_poll"] is None
    assert "join_code" not in joined
    status, speaker = server.call("GET", "/api/session", token=server.token)
    assert isinstance(speaker, dict) and speaker["join_code"] == server.join_code
    assert server.call("GET", "/api/polls")[0] == 401
    status, polls = server.call("GET", "/api/polls", token=server.token)
    assert status == 200 and isinstance(polls, list) and len(polls) == len(POLLS)
    assert polls[0]["id"] == POLL and polls[0]["state"] == "draft"
    status, document = server.call("GET", "/api/openapi.json")
    assert status == 200 and isinstance(document, dict)
    assert "/api/polls/{poll}/votes" in document["paths"]


def test_vote_retry_and_change(server: Server) -> None:
    server.control(POLL, "open")
    status, session = server.call("GET", "/api/session", ticket=server.ticket(phone(1)))
    assert isinstance(session, dict) and session["current_poll"]["id"] == POLL
    status, first = server.vote(POLL, phone(1), "v-1", 0)
    assert status == 200 and isinstance(first, dict) and first["poll"] == POLL
    status, again = server.vote(POLL, phone(1), "v-1", 0)
    assert status == 200 and again == first
    status, changed = server.vote(POLL, phone(1), "v-2", 3)
    assert status == 200 and isinstance(changed, dict) and changed["replaced_earlier"] is True
    server.vote(POLL, phone(2), "v-3", 3)
    assert server.totals(POLL) == [0, 0, 0, 2]


def test_every_bad_request_gets_its_4xx_and_changes_nothing(server: Server) -> None:
    server.control(POLL, "open")
    assert server.vote(POLL, phone(1), "ok", 1)[0] == 200
    good = {"code": server.join_code, "device": server.ticket(phone(2)), "vote_id": "x",
            "choice": 0}  # fmt: skip
    cases: list[tuple[int, str, object | None, bytes | None]] = [
        (404, "/api/polls/gibt-es-nicht/votes", good, None),
        (409, f"/api/polls/{MULTIPLE}/votes", {**good, "choice": [0]}, None),
        (403, f"/api/polls/{POLL}/votes", {**good, "code": "ZZZZZ"}, None),
        (400, f"/api/polls/{POLL}/votes", None, b"{kaputt"),
        (400, f"/api/polls/{POLL}/votes", None, b"[1, 2]"),
        (400, f"/api/polls/{POLL}/votes", {"code": server.join_code}, None),
        (400, f"/api/polls/{POLL}/votes", {**good, "extra": 1}, None),
        (400, f"/api/polls/{POLL}/votes", {**good, "device": "kurz"}, None),  # not a ticket's form
        (403, f"/api/polls/{POLL}/votes", {**good, "device": phone(2) * 3}, None),
        (400, f"/api/polls/{POLL}/votes", {**good, "vote_id": "mit leerzeichen"}, None),
        (422, f"/api/polls/{POLL}/votes", {**good, "choice": 7}, None),
        (422, f"/api/polls/{POLL}/votes", {**good, "choice": "Pflicht"}, None),
        (413, f"/api/polls/{POLL}/votes", {**good, "choice": "x" * 20_000}, None),
        (400, f"/api/polls/{POLL}/votes", None, b"\xff\xfe not utf-8"),
    ]
    for expected, path, body, raw in cases:
        status, answer = server.call("POST", path, body, raw=raw)
        assert status == expected, (path, body, raw, answer)
        assert isinstance(answer, dict) and set(answer) == {"error", "message"}
    assert server.totals(POLL) == [0, 1, 0, 0]


def test_rate_limit_per_device(server: Server) -> None:
    server.control(POLL, "open")
    statuses = [server.vote(POLL, phone(7), f"r{n}", n % 4)[0] for n in range(25)]
    assert statuses[:20] == [200] * 20 and set(statuses[20:]) == {429}
    assert server.vote(POLL, phone(8), "other", 0)[0] == 200  # other phones are not affected
    assert sum(server.totals(POLL)) == 2


def test_control_needs_the_presenter_token(server: Server) -> None:
    for token in (None, "falsch", server.join_code):
        for path in (
            f"/api/polls/{POLL}/open",
            f"/api/polls/{POLL}/hands",
            "/api/answers/1/approve",
        ):
            assert server.call("POST", path, {"counts": [1, 2, 3, 4]}, token=token)[0] == 401
        assert server.call("PUT", "/api/slide", {"index": 1}, token=token)[0] == 401
    _status, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list) and polls[0]["state"] == "draft"


def test_results_reach_phones_only_once_revealed(server: Server) -> None:
    server.control(TEXT, "open")
    server.vote(TEXT, phone(1), "a", "<script>alert('x')</script>")
    server.vote(TEXT, phone(2), "b", "Datenschutz")
    ticket = server.ticket(phone(1))
    assert server.call("GET", f"/api/polls/{TEXT}/results")[0] == 401
    assert server.call("GET", f"/api/polls/{TEXT}/results", ticket=ticket)[0] == 403
    status, presenter = server.call("GET", f"/api/polls/{TEXT}/results", token=server.token)
    assert status == 200 and isinstance(presenter, dict)
    answers = {a["text"]: a["id"] for a in presenter["answers"]}
    assert answers.keys() == {"<script>alert('x')</script>", "Datenschutz"}
    assert (
        server.call("POST", f"/api/answers/{answers['Datenschutz']}/approve", token=server.token)[0]
        == 200
    )
    assert server.call("POST", "/api/answers/99999/hide", token=server.token)[0] == 404
    server.control(TEXT, "reveal")
    status, public = server.call("GET", f"/api/polls/{TEXT}/results", ticket=ticket)
    assert status == 200 and isinstance(public, dict)
    assert [a["text"] for a in public["answers"]] == ["Datenschutz"]  # only approved ones


def test_hands_slides_and_a_restart_resumes(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    first = start_server(session, poll_talk(tmp_path))
    first.control(POLL, "open")
    status, receipt = first.vote(POLL, phone(1), "v1", 2)
    assert status == 200
    bad = first.call("POST", f"/api/polls/{POLL}/hands", {"counts": [1, 2]}, token=first.token)
    assert bad[0] == 422
    ok = first.call("POST", f"/api/polls/{POLL}/hands", {"counts": [5, 0, 1, 0]}, token=first.token)
    assert ok[0] == 200
    assert first.call("PUT", "/api/slide", {"index": 99}, token=first.token)[0] == 422
    assert first.call("PUT", "/api/slide", {"index": 4}, token=first.token)[0] == 200
    assert first.totals(POLL) == [5, 0, 2, 0]
    assert first.stop() == 0
    second = start_server(session, poll_talk(tmp_path))
    try:
        assert second.join_code == first.join_code
        assert second.token != first.token  # a new presenter token per start
        assert second.totals(POLL) == [5, 0, 2, 0]
        _status, polls = second.call("GET", "/api/polls", token=second.token)
        assert isinstance(polls, list) and polls[0]["state"] == "open"
        # The key that signs tickets lives for one run only (never in the file): the
        # phone's ticket is refused, and it joins again with it, as the page does on
        # `bad_ticket`. It keeps its device: its retry, its change count as its own.
        second.tickets.update(first.tickets)
        assert second.vote(POLL, phone(1), "v1", 0)[0] == 403
        held = first.tickets[phone(1)]
        status, joined = second.call("POST", "/api/join", {"code": second.join_code,
                                                           "ticket": held})  # fmt: skip
        assert status == 200 and isinstance(joined, dict) and joined["ticket"] != held
        second.tickets[phone(1)] = str(joined["ticket"])
        assert second.vote(POLL, phone(1), "v1", 0) == (200, receipt)  # a retry: same receipt
        assert second.totals(POLL) == [5, 0, 2, 0]
        assert second.vote(POLL, phone(1), "v2", 0)[0] == 200  # the same phone changes its vote
        assert second.vote(POLL, phone(2), "v3", 3)[0] == 200
        _status, info = second.call("GET", "/api/session", token=second.token)
        assert isinstance(info, dict) and info["participants"] == 2  # counted across the restart
    finally:
        assert second.stop() == 0


def test_events_announce_state_and_tallies_with_their_results(server: Server) -> None:
    """A tally event carries what GET /api/polls/{poll}/results?lang= answers, in the
    stream's language; a phone hears of it only once the results are revealed."""
    console = server.follow("/api/events?lang=en", token=server.token)
    german = server.follow("/api/events", ticket=server.ticket(phone(7)))  # the default
    english = server.follow("/api/events?lang=en", ticket=server.ticket(phone(8)))
    server.control(POLL, "open")
    server.vote(POLL, phone(1), "e1", 1)
    quiet = [Event.ROOM]  # the console's cue to ask for the room's figures
    opened = console.next(skip=quiet)
    assert (opened.event, opened.json()) == (
        Event.POLL,
        {"poll": POLL, "action": "open", "state": "open"},
    )
    voted = counted(console, 1, skip=quiet)  # with the poll's new state, then the vote
    _, fetched = server.call("GET", f"/api/polls/{POLL}/results?lang=en", token=server.token)
    assert voted.json() == {"poll": POLL, "results": fetched}
    assert voted.json()["results"]["base_note"].startswith("Shares of")
    for phone_stream in (german, english):  # no tally while the results are hidden
        assert phone_stream.next().json()["action"] == "open"
    server.control(POLL, "reveal")
    server.vote(POLL, phone(2), "e2", 1)
    notes = []
    for phone_stream, lang in ((german, "de"), (english, "en")):
        assert phone_stream.next().json()["action"] == "reveal"
        heard = counted(phone_stream, 2)  # revealed: the results, then the second vote
        _, fetched = server.call(
            "GET", f"/api/polls/{POLL}/results?lang={lang}", ticket=server.ticket(phone(7))
        )
        assert heard.json() == {"poll": POLL, "results": fetched}
        assert isinstance(fetched, dict)
        notes.append(fetched["base_note"])
    assert notes[0].startswith("Anteile") and notes[1].startswith("Shares")
    for stream in (console, german, english):
        stream.close()


def counted(stream: Stream, ballots: int, skip: Sequence[str] = ()) -> ServerSentEvent:
    """The tally that counts `ballots`; tallies only until then (a worker sends a poll's
    tally at most every TALLY_INTERVAL, so two commits may come as one)."""
    while (event := stream.next(skip=skip)).json()["results"]["ballots"] != ballots:
        assert event.event == Event.TALLY
    assert event.event == Event.TALLY
    return event


def test_concurrent_submissions_from_one_device_count_once(server: Server) -> None:
    server.control(POLL, "open")
    answers: list[tuple[int, object]] = []
    lock = threading.Lock()

    def submit() -> None:
        for _ in range(50):
            result = server.vote(POLL, phone(1), "one-and-the-same", 2)
            with lock:
                answers.append(result)

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 1000
    receipts = {json.dumps(body) for status, body in answers if status == 200}
    assert len(receipts) == 1  # every acknowledgement is the same receipt
    assert {status for status, _ in answers} <= {200, 429}
    assert server.totals(POLL) == [0, 0, 1, 0]


def test_participants_and_slide_only_for_the_presenter(server: Server) -> None:
    server.control(AFTER, "open")
    for n in range(3):
        assert server.vote(AFTER, phone(n), f"p{n}", n % 2)[0] == 200
    assert server.call("PUT", "/api/slide", {"index": 7}, token=server.token)[0] == 200
    status, public = server.call("GET", "/api/session")
    assert status == 200 and isinstance(public, dict)
    assert {"participants", "watching", "slide"}.isdisjoint(public)  # phones poll this often
    status, presenter = server.call("GET", "/api/session", token=server.token)
    assert status == 200 and isinstance(presenter, dict)
    assert (presenter["participants"], presenter["slide"]) == (3, 7)


def test_an_offensive_answer_is_hidden_until_approved(server: Server) -> None:
    server.control(TEXT, "open")
    assert server.vote(TEXT, phone(1), "t1", "So ein Scheiß")[0] == 200
    assert server.vote(TEXT, phone(2), "t2", "Keine Zeit")[0] == 200
    _, results = server.call("GET", f"/api/polls/{TEXT}/results", token=server.token)
    assert isinstance(results, dict)
    states = {a["text"]: a["state"] for a in results["answers"]}
    assert states == {"So ein Scheiß": "hidden", "Keine Zeit": "pending"}


def test_the_session_file_keeps_no_address_agent_or_name(server: Server) -> None:
    server.control(AFTER, "open")
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    body = {"code": server.join_code, "device": server.ticket(phone(42)), "vote_id": "privacy",
            "choice": 1}  # fmt: skip
    connection.request("POST", f"/api/polls/{AFTER}/votes", json.dumps(body),
                       {"Content-Type": "application/json", "User-Agent": "Impuls-Spion/9.9",
                        "X-Forwarded-For": "203.0.113.77"})  # fmt: skip
    assert connection.getresponse().status == 200
    connection.close()
    assert server.stop() == 0  # a clean stop checkpoints the WAL into the file
    stored = b"".join(p.read_bytes() for p in server.session.parent.glob(server.session.name + "*"))
    for secret in (b"127.0.0.1", b"Impuls-Spion", b"203.0.113.77", b"User-Agent"):
        assert secret not in stored
    ticket = server.ticket(phone(42))
    kept = Tickets(b"").claimed(ticket)  # the device id: a hash of the ticket's secret part
    assert kept is not None and kept.encode() in stored
    assert ticket[:22].encode() not in stored  # neither the ticket nor its secret
