"""The OpenAPI document is the one truth of what a body may hold (issue 33, must hold 6):
a body it forbids (a field it does not list, a wrong type, too long) is refused with a
400 naming the field before any handler runs: before the poll is looked up, before the
presenter's token or the remote's is asked for, before anything is stored. Real server."""

from __future__ import annotations

from typing import Any

from tests.support.decks import SINGLE
from tests.support.serving import Server, remote_state, remote_token
from tests.voting.test_hostile_fields import send
from workshop_app.voting.openapi import openapi_document

POLL = SINGLE  # single choice, four options


def valid_bodies(server: Server, ticket: str) -> dict[tuple[str, str], dict[str, object]]:
    """A body each operation takes, by (method, path as the document writes it)."""
    code = server.join_code
    return {
        ("POST", "/api/join"): {"code": code},
        ("POST", "/api/polls/{poll}/votes"):
            {"code": code, "device": ticket, "vote_id": "v1", "choice": 0},
        ("POST", "/api/polls/{poll}/hands"): {"counts": [1, 2, 3, 4]},
        ("PUT", "/api/slide"): {"index": 0},
        ("PUT", "/api/room"): {"slide": 0, "blank": "none", "follow": True},
        ("POST", "/api/questions"):
            {"code": code, "device": ticket, "ask_id": "a1", "text": "Eine Frage?"},
        ("POST", "/api/questions/{question}/upvotes"):
            {"code": code, "device": ticket, "upvote_id": "u1", "up": True},
        ("PUT", "/api/questions/moderation"): {"mode": "post"},
        ("POST", "/api/reactions"): {"code": code, "device": ticket, "emoji": "👏"},
        ("POST", "/api/remote/pair"): {"secret": "geheim"},
        ("POST", "/api/remote/commands"): {"command_id": "c1", "action": "next"},
        ("POST", "/api/remote/pointer"): {"x": 0.5, "y": 0.5},
        ("POST", "/api/slides/{slide}/ink"): {"stroke": [[0.5, 0.5]]},
        ("PUT", "/api/remote/state"): remote_state(),
        ("POST", "/api/talk"): {"talk": 1},
    }  # fmt: skip


def with_body() -> dict[tuple[str, str], dict[str, Any]]:
    """Every operation the document gives a JSON body, with its schema."""
    return {
        (method.upper(), path): operation["requestBody"]["content"]["application/json"]["schema"]
        for path, methods in openapi_document()["paths"].items()
        for method, operation in methods.items()
        if "requestBody" in operation
    }


def concrete(path: str) -> str:
    return (
        path.replace("{poll}", "gibt-es-nicht")
        .replace("{question}", "99999")
        .replace("{slide}", "99999")
    )


def test_a_field_the_document_does_not_list_is_refused_first(server: Server) -> None:
    ticket = server.ticket("prueferin")
    bodies = valid_bodies(server, ticket)
    schemas = with_body()
    assert bodies.keys() == schemas.keys()  # every operation with a body is tried
    closed = [key for key, schema in schemas.items() if schema.get("additionalProperties") is False]
    assert len(closed) == len(schemas)  # the remote's state, the app's own, too
    for method, path in closed:
        # No token, an unknown poll or question: the handler would say 401 or 404.
        body = bodies[method, path] | {"unbekannt": 1}
        status, answer = send(server, method, concrete(path), body, None)
        assert status == 400, (path, answer)
        assert answer["message"] == "unbekannt: not a field this takes", path


def test_a_wrong_type_or_a_long_text_is_refused_naming_its_field(server: Server) -> None:
    ticket = server.ticket("prueferin")
    bodies = valid_bodies(server, ticket)
    wrong: list[tuple[str, str, str, object, str]] = [
        ("POST", "/api/polls/{poll}/votes", "vote_id", 7, "vote_id: a string"),
        ("POST", "/api/polls/{poll}/votes", "choice", True, "choice: not of a form"),
        ("POST", "/api/polls/{poll}/votes", "device", "kurz", "device: not of the form"),
        ("POST", "/api/join", "code", "A" * 17, "code: 0 to 16 characters"),
        ("POST", "/api/questions", "text", "x" * 281, "text: 3 to 280 characters"),
        ("POST", "/api/questions", "name", "N" * 41, "name: 0 to 40 characters"),
        ("POST", "/api/questions/{question}/upvotes", "up", 1, "up: true or false"),
        ("POST", "/api/polls/{poll}/hands", "counts", [1, -2, 3, 4], "counts[1]: 0 to 100000"),
        ("PUT", "/api/room", "blank", "grau", "blank: one of none, black, white"),
        ("PUT", "/api/slide", "index", -1, "index: at least 0"),
        ("PUT", "/api/questions/moderation", "mode", ["pre"], "mode: one of pre, post"),
        ("POST", "/api/remote/commands", "poll", ["p1"], "poll: a string"),
        ("POST", "/api/remote/commands", "action", "explode", "action: one of"),
        ("POST", "/api/remote/pair", "secret", "s" * 65, "secret: 0 to 64 characters"),
        ("POST", "/api/remote/pointer", "x", 2, "x: 0 to 1"),
        ("POST", "/api/slides/{slide}/ink", "stroke", [[0.5, "1"]], "stroke[0][1]: a number"),
    ]
    for method, path, field, value, said in wrong:
        body = bodies[method, path] | {field: value}
        status, answer = send(server, method, concrete(path), body, None)
        assert status == 400 and answer["message"].startswith(said), (path, field, answer)
        assert answer["message"].count(".") <= 1 or "[" in said  # one sentence, no traceback
    missing = send(server, "POST", "/api/join", {}, None)
    assert missing == (400, {"error": "bad_request", "message": "code: missing"})
    assert send(server, "POST", "/api/join", [1], None)[1]["message"] == "the body: an object"
    status, answer = send(server, "GET", "/api/questions?order=alt", None, f"Ticket {ticket}")
    assert (status, answer["message"]) == (400, "order: one of top, new")


def test_nothing_is_stored_from_a_refused_body(server: Server) -> None:
    server.control(POLL, "open")
    ticket = server.ticket("prueferin")
    good = {"code": server.join_code, "device": ticket, "vote_id": "v1", "choice": 1}
    path = f"/api/polls/{POLL}/votes"
    for extra in ({"nickname": "Ina"}, {"choice": 1.5}, {"vote_id": "v" * 65}):
        assert send(server, "POST", path, good | extra, None)[0] == 400
    assert server.totals(POLL) == [0, 0, 0, 0]
    remote = f"Remote {remote_token(server)}"
    refused = send(server, "POST", "/api/remote/commands",
                   {"command_id": "c1", "action": "next", "poll": {}}, remote)  # fmt: skip
    assert refused[0] == 400  # before: a 500 with a traceback (issue 33, item 9)
    assert send(server, "POST", path, good, None)[0] == 200
    assert server.totals(POLL) == [0, 1, 0, 0]
