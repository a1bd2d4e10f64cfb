"""Every JSON field of every operation, wrongly typed: a 4xx with a sentence, never a 500
(issue 33, item 9). Real server, real sockets; the default deck takes questions."""

from __future__ import annotations

import http.client
import json
from typing import Any

from tests.support.decks import SINGLE
from tests.support.serving import Server, ask, remote_state, remote_token

POLL = SINGLE  # single choice, four options
WRONG: list[object] = [
    None, True, 0, -1, 1.5, 10**12, "", "x" * 5000, "\u0000\ud800", [], ["p1"], {}, {"a": 1},
]  # fmt: skip


def send(
    server: Server, method: str, path: str, body: object, header: str | None
) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["Authorization"] = header
    connection.request(method, path, body=json.dumps(body).encode(), headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return response.status, json.loads(text) if text else None


def test_wrongly_typed_fields_get_a_4xx_with_a_sentence(server: Server) -> None:
    server.control(POLL, "open")
    ticket = server.ticket("fuzzer")
    status, asked = ask(server, "fuzzer", "frage1", "Wie viel Zeit kostet das pro Woche?")
    assert status == 200 and isinstance(asked, dict)
    question = asked["question"]
    remote = f"Remote {remote_token(server)}"
    presenter = f"Bearer {server.token}"
    code = server.join_code
    operations: list[tuple[str, str, dict[str, object], str | None]] = [
        ("POST", "/api/join", {"code": code, "ticket": ticket}, None),
        ("POST", f"/api/polls/{POLL}/votes",
         {"code": code, "device": ticket, "vote_id": "v1", "choice": 0}, None),
        ("POST", f"/api/polls/{POLL}/hands", {"counts": [1, 2, 3, 4]}, presenter),
        ("PUT", "/api/slide", {"index": 0}, presenter),
        ("PUT", "/api/room", {"slide": 0, "blank": "none", "follow": True}, presenter),
        ("POST", "/api/questions",
         {"code": code, "device": ticket, "ask_id": "a2", "text": "Eine Frage?", "name": "Ina"},
         None),
        ("POST", f"/api/questions/{question}/upvotes",
         {"code": code, "device": ticket, "upvote_id": "u1", "up": True}, None),
        ("PUT", "/api/questions/moderation", {"mode": "post"}, presenter),
        ("POST", "/api/remote/pair", {"secret": "geheim"}, None),
        ("POST", "/api/remote/commands", {"command_id": "c1", "action": "open", "poll": POLL},
         remote),
        ("PUT", "/api/remote/state", remote_state(notes="Notiz"), presenter),
    ]  # fmt: skip
    failures: list[str] = []
    tried = 0
    for method, path, valid, header in operations:
        for field in valid:
            for wrong in WRONG:
                body = valid | {field: wrong}
                for sent in (body, [body], wrong):  # the field, and the body itself, wrong
                    tried += 1
                    status, answer = send(server, method, path, sent, header)
                    if status >= 500 or not (
                        status < 300 or (isinstance(answer, dict) and answer.get("message"))
                    ):
                        failures.append(f"{method} {path} {field}={wrong!r:.40}: {status} {answer}")
    assert tried > 400
    # Before: a remote's "poll": ["p1"] or {}, a moderation mode of [] and a join code
    # with a lone surrogate gave 500.
    assert failures == [], "\n".join(failures)
