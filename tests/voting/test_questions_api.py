"""Questions from the room over the real server: ask, moderate, upvote, follow, and the rules."""

from __future__ import annotations

import http.client
from pathlib import Path

from tests.support.serving import Server, ask, start_server
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import read_events


def upvote(server: Server, phone: str, question: int, upvote_id: str, up: bool = True) -> object:
    body = {"code": server.join_code, "device": server.ticket(phone), "upvote_id": upvote_id,
            "up": up}  # fmt: skip
    status, answer = server.call("POST", f"/api/questions/{question}/upvotes", body)
    assert status == 200, answer
    return answer


def seen_by(server: Server, phone: str) -> list[dict[str, object]]:
    status, listed = server.call("GET", "/api/questions", ticket=server.ticket(phone))
    assert status == 200 and isinstance(listed, dict), listed
    return list(listed["questions"])


def test_a_question_from_asking_to_approval_to_upvotes(server: Server) -> None:
    status, asked = ask(server, "inge", "a1", "Wie viel Zeit kostet das pro Woche?", name="Inge")
    assert status == 200 and isinstance(asked, dict) and asked["state"] == "pending"
    question = int(asked["question"])
    assert ask(server, "inge", "a1", "Wie viel Zeit kostet das pro Woche?")[1] == asked  # retry
    assert seen_by(server, "karl") == []  # pre-moderation: nobody else sees it yet
    (own,) = seen_by(server, "inge")
    assert own["mine"] is True and own["state"] == "pending"
    status, everything = server.call("GET", "/api/questions", token=server.token)
    assert isinstance(everything, dict) and everything["moderation"] == "pre"
    assert [q["flagged"] for q in everything["questions"]] == [False]

    assert server.call("POST", f"/api/questions/{question}/approve", token=server.token)[0] == 200
    (shown,) = seen_by(server, "karl")
    assert shown["text"] == "Wie viel Zeit kostet das pro Woche?" and shown["name"] == "Inge"
    assert upvote(server, "karl", question, "u1") == {"question": question, "up": True,
                                                      "upvotes": 1}  # fmt: skip
    assert upvote(server, "karl", question, "u1") == {
        "question": question,
        "up": True,
        "upvotes": 1,
    }  # a retry counts once
    upvote(server, "otto", question, "u2")
    assert seen_by(server, "karl")[0]["upvoted"] is True
    assert seen_by(server, "karl")[0]["upvotes"] == 2
    assert upvote(server, "karl", question, "u3", up=False) == {"question": question,
                                                                "up": False, "upvotes": 1}  # fmt: skip
    server.call("POST", f"/api/questions/{question}/answer", token=server.token)
    assert seen_by(server, "otto")[0]["state"] == "answered"
    server.call("POST", f"/api/questions/{question}/hide", token=server.token)
    assert seen_by(server, "otto") == []
    assert seen_by(server, "inge")[0]["state"] == "pending"  # never told it was hidden


def test_participants_cannot_moderate_and_bad_requests_change_nothing(server: Server) -> None:
    _, asked = ask(server, "inge", "a1", "Eine gute Frage?")
    assert isinstance(asked, dict)
    question = asked["question"]
    ticket = server.ticket("karl")
    for path in (f"/api/questions/{question}/approve", f"/api/questions/{question}/hide"):
        assert server.call("POST", path, ticket=ticket)[0] == 401
        assert server.call("POST", path)[0] == 401
    assert (
        server.call("PUT", "/api/questions/moderation", {"mode": "post"}, ticket=ticket)[0] == 401
    )
    assert server.call("GET", "/api/questions")[0] == 401  # no ticket, no questions

    refused = [
        ask(server, "karl", "b1", "x")[0],  # too short
        ask(server, "karl", "b2", "y" * 281)[0],  # too long
        ask(server, "karl", "b3", 42)[0],
        ask(server, "karl", "b4", "Gültig?", extra=1)[0],  # unknown field
        ask(server, "karl", "b/5", "Gültig?")[0],  # bad ask_id
        server.call("POST", "/api/questions", {"code": "FALSCH", "device": ticket,
                                               "ask_id": "b6", "text": "Gültig?"})[0],
        server.call("POST", "/api/questions", {"code": server.join_code, "device": "x" * 20,
                                               "ask_id": "b7", "text": "Gültig?"})[0],
        server.call("POST", "/api/questions", raw=b'{"code": "%s", "device": "%s", "ask_id":'
                    b' "b8", "text": "\\ud800 Frage?"}' % (server.join_code.encode(),
                                                           ticket.encode()))[0],
        server.call("POST", "/api/questions/99999999999999/upvotes", {})[0],
        server.call("POST", f"/api/questions/{question}/upvotes",
                    {"code": server.join_code, "device": ticket, "upvote_id": "u", "up": 1})[0],
    ]  # fmt: skip
    # too short, too long, not text, an empty body and up: 1: the schema refuses them (400)
    assert refused == [400, 400, 400, 400, 400, 403, 403, 422, 400, 400]
    # Pending questions cannot be upvoted by anyone (nor seen).
    status, _ = server.call("POST", f"/api/questions/{question}/upvotes", {
        "code": server.join_code, "device": ticket, "upvote_id": "u9", "up": True})  # fmt: skip
    assert status == 404
    _, everything = server.call("GET", "/api/questions", token=server.token)
    assert isinstance(everything, dict) and len(everything["questions"]) == 1


def test_post_moderation_and_a_phone_that_asks_too_fast(server: Server) -> None:
    status, _ = server.call("PUT", "/api/questions/moderation", {"mode": "post"},
                            token=server.token)  # fmt: skip
    assert status == 200
    _, first = ask(server, "eva", "e1", "Was bringt LinkedIn?")
    assert isinstance(first, dict) and first["state"] == "approved"
    _, rude = ask(server, "eva", "e2", "Ist das nicht Bullshit?")
    assert isinstance(rude, dict) and rude["state"] == "pending"  # the filter holds it back
    assert ask(server, "eva", "e3", "Und Instagram?")[0] == 200
    assert ask(server, "eva", "e4", "Noch eine vierte?")[0] == 429  # three a minute
    assert ask(server, "eva", "e3", "Und Instagram?")[0] == 200  # a retry is still answered
    assert [q["text"] for q in seen_by(server, "max")] == ["Was bringt LinkedIn?",
                                                           "Und Instagram?"]  # fmt: skip


def test_phones_hear_the_rooms_questions_only_once_approved(server: Server) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", f"/api/events?ticket={server.ticket('zuhoerer')}")
    response = connection.getresponse()
    assert response.readline() == b"retry: 2000\n"
    response.readline()
    _, asked = ask(server, "inge", "a1", "Wer schreibt die Beiträge?")
    assert isinstance(asked, dict)
    server.call("POST", f"/api/questions/{asked['question']}/approve", token=server.token)
    event = next(read_events(response.readline))
    connection.close()
    # The first thing this phone hears is the approved question, not the pending one.
    assert event.event == Event.QUESTIONS
    data = event.json()
    assert [q["text"] for q in data["questions"]] == ["Wer schreibt die Beiträge?"]
    assert "flagged" not in data["questions"][0]


def test_a_deck_that_takes_no_questions(tmp_path: Path) -> None:
    deck = tmp_path / "ohne.md"
    deck.write_text("---\ntitle: Ohne Fragen\nquestions: false\n---\n# Eins\n", encoding="utf-8")
    server = start_server(tmp_path / "ohne.impuls", deck)
    try:
        status, refused = ask(server, "inge", "a1", "Darf ich fragen?")
        assert status == 404 and isinstance(refused, dict)
        assert refused["error"] == "questions_off"
        assert server.call("GET", "/api/questions", token=server.token)[0] == 404
    finally:
        assert server.stop() == 0, server.stderr
