"""A remote's commands are done once for the pairing's life, and at a human pace
(issue 33, item 10). Real server, real sockets."""

from __future__ import annotations

from tests.support.decks import SINGLE
from tests.support.serving import Server, burst, command, remote_token
from workshop_app.voting.remote import COMMAND_RATE

POLL = SINGLE


def state(server: Server, poll: str) -> str:
    status, listed = server.call("GET", "/api/polls", token=server.token)
    assert status == 200 and isinstance(listed, list)
    return next(str(p["state"]) for p in listed if p["id"] == poll)


def test_a_command_id_replayed_after_thousands_is_not_done_again(server: Server) -> None:
    speaker = f"Remote {remote_token(server)}"
    opening = {"command_id": "oeffnen-1", "action": "open", "poll": POLL}
    assert command(server, speaker, opening) == 200
    assert state(server, POLL) == "open"
    server.control(POLL, "close")
    # 2,000 newer commands, ten from each of 200 remotes (each within its pace).
    for n in range(200):
        other = f"Remote {remote_token(server)}"
        for k in range(10):
            assert command(server, other, {"command_id": f"r{n}-{k}", "action": "next"}) == 200
    assert command(server, speaker, opening) == 200  # acknowledged, as a retry is
    assert state(server, POLL) == "closed"  # before: opened again


def test_a_remote_is_held_to_a_pace(server: Server) -> None:
    speaker = f"Remote {remote_token(server)}"
    taps = 3 * COMMAND_RATE[0]

    taps_sent = [{"command_id": f"weiter-{n}", "action": "next"} for n in range(taps)]
    answers = burst(server, "/api/remote/commands", speaker, taps_sent)
    done = answers.count(200)
    assert 1 <= done <= COMMAND_RATE[0] * 2  # before: every one of them
    assert answers.count(429) == taps - done
    # A retry of one that was done is answered even now: it costs nothing.
    first = next(n for n, status in enumerate(answers) if status == 200)
    assert command(server, speaker, {"command_id": f"weiter-{first}", "action": "next"}) == 200
    # Another remote has a pace of its own.
    other = f"Remote {remote_token(server)}"
    assert command(server, other, {"command_id": "anderer-0", "action": "next"}) == 200
