"""schemathesis against /api/openapi.json: no 5xx, no response off its documented schema."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.core.result import Ok

from tests.support.decks import POLLS, SCALE, TEXT
from tests.support.serving import Server

OPEN_POLLS = (SCALE, TEXT)  # generated cases open and close them too
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def test_api_conforms_to_its_schema(server: Server) -> None:
    # In a thread of its own: schemathesis runs asyncio loops, and Playwright's sync API
    # (the phone tests, earlier in a full run) owns this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_conforms, server).result()


def _conforms(server: Server) -> None:
    # Open polls so that generated votes reach the store, not only the 409 path.
    for poll in OPEN_POLLS:
        server.control(poll, "open")
    # And a question the room can see, so that upvotes and moderation reach the store.
    asked = {"code": server.join_code, "device": server.ticket("fragt"), "ask_id": "schema",
             "text": "Wie oft posten?"}  # fmt: skip
    assert server.call("POST", "/api/questions", asked)[0] == 200
    assert server.call("POST", "/api/questions/1/approve", token=server.token)[0] == 200
    schema = schemathesis.openapi.from_url(f"http://127.0.0.1:{server.port}/api/openapi.json")
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the document itself is valid
        if result.ok().path not in ("/api/events", "/api/remote/events"):  # endless streams
            operations.append(result.ok())
    # 16 for polls ("+30 s" and "Stopp" among them), 1 for the quiz, 8 for questions from
    # the room, 9 for the remote and follow-along, 5 for the pointer, the remote's pictures
    # and the speaker's ink, 1 for reactions, 2 for an evening's talks
    assert len(operations) == 42
    headers = {"Authorization": f"Bearer {server.token}"}
    # Tickets first: the fuzzed wrong codes on /api/join soon lock this address out.
    tickets = itertools.cycle([server.ticket(f"schema-{n}") for n in range(300)])
    checked: list[str] = []
    statuses: set[tuple[str, int]] = set()

    for operation in operations:

        @given(
            case=operation.as_strategy(),
            presenter=st.booleans(),
            poll=st.sampled_from([None, *OPEN_POLLS]),
        )
        @settings(
            max_examples=60,
            deadline=None,
            derandomize=True,  # the same cases in every run: CI is not a lottery
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: Any, presenter: bool, poll: str | None) -> None:
            # Random strings rarely hit a real poll or the join code; steer half the
            # cases there, so the success paths are checked against the schema too.
            if poll is not None and case.path_parameters and "poll" in case.path_parameters:
                case.path_parameters["poll"] = poll
            if poll is not None and case.path_parameters and "question" in case.path_parameters:
                case.path_parameters["question"] = "1"
            if presenter and isinstance(case.body, dict) and "code" in case.body:
                case.body["code"] = server.join_code
                if "device" in case.body:  # a phone that joined
                    case.body["device"] = next(tickets)
                if poll == TEXT:  # a valid answer, so votes reach the store
                    case.body["choice"] = "Datenschutz"
            response = case.call_and_validate(checks=CHECKS, headers=headers if presenter else None)
            statuses.add((case.operation.path, response.status_code))

        conforms()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /api/polls/{poll}/votes" in checked
    assert ("/api/polls/{poll}/votes", 200) in statuses  # votes were really stored
    assert ("/api/polls/{poll}/results", 200) in statuses
    assert ("/api/questions", 200) in statuses  # questions asked and listed
    assert ("/api/questions/{question}/upvotes", 200) in statuses
    _, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list) and len(polls) == len(POLLS)  # the server is still fine
