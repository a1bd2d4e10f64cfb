"""One word for each thing on the wire: the start-up record and the poll actions."""

from __future__ import annotations

from workshop_app.session.model import PollAction
from workshop_app.voting.listening import Listening
from workshop_app.voting.openapi import openapi_document


def test_the_start_up_record_reads_back_as_written() -> None:
    written = Listening(
        "http://192.168.1.20:8765", ("http://192.168.1.20:8765", "http://10.0.0.5:8765"),
        8765, "K7Q2", "geheim",
    )  # fmt: skip
    assert Listening.from_line(written.as_json()) == written
    assert not written.offline
    assert Listening("http://127.0.0.1:1", ("http://127.0.0.1:1",), 1, "A", "t").offline


def test_every_poll_action_is_a_route_and_no_other() -> None:
    paths = openapi_document()["paths"]
    actions = {path.rsplit("/", 1)[-1] for path in paths if path.startswith("/api/polls/{poll}/")}
    assert actions - {"hands", "results", "votes"} == {action.value for action in PollAction}
