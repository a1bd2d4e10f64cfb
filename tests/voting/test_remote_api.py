"""The speaker's remote over the real server: pairing, commands once, revoking, and the fences."""

from __future__ import annotations

from tests.support.decks import SCALE
from tests.support.serving import (
    Server,
    command,
    events,
    pair,
    pairing_secret,
    remote_state,
    remote_token,
    stream,
)
from workshop_app.voting.messages import Event


def test_pair_once_then_commands_reach_the_app_once(server: Server) -> None:
    secret = pairing_secret(server)
    status, answer = pair(server, secret)
    assert status == 200
    token = str(answer["token"])
    assert pair(server, secret)[0] == 403  # used up: a second phone cannot take it
    _, paired = server.call("GET", "/api/remote/devices", token=server.token)
    assert isinstance(paired, list) and len(paired) == 1

    with stream(server, "events", {"Authorization": f"Bearer {server.token}"}) as presenter:
        presenter.readline(), presenter.readline()
        assert command(server, f"Remote {token}", {"command_id": "c1", "action": "next"}) == 200
        assert command(server, f"Remote {token}", {"command_id": "c1", "action": "next"}) == 200
        assert command(server, f"Remote {token}", {"command_id": "c2", "action": "black"}) == 200
        # The retry of c1 was acknowledged, not carried out again: next, then black.
        assert events(presenter, 2) == [(Event.REMOTE, {"poll": None, "action": "next"}),
                                        (Event.REMOTE, {"poll": None, "action": "black"})]  # fmt: skip

    other = remote_token(server)
    assert command(server, f"Remote {other}", {"command_id": "c1", "action": "next"}) == 409
    assert command(server, f"Remote {token}",
                   {"command_id": "p1", "action": "open", "poll": SCALE}) == 200  # fmt: skip
    status, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list)
    assert {p["id"]: p["state"] for p in polls}[SCALE] == "open"


def test_participants_and_strangers_reach_no_remote_action(server: Server) -> None:
    ticket = server.ticket("zuhoerer")
    remote_token(server)  # a remote exists; nobody else may act as one
    body = {"command_id": "x1", "action": "next"}
    for header in (None, f"Ticket {ticket}", f"Remote {ticket}", f"Bearer {server.token}",
                   "Remote " + "A" * 44):  # fmt: skip
        assert command(server, header, body) == 401, header
    for path in ("/api/remote/pairing", "/api/remote/devices"):
        method = "POST" if path.endswith("pairing") else "GET"
        assert server.call(method, path, ticket=ticket)[0] == 401
    assert server.call("PUT", "/api/remote/state", remote_state(), ticket=ticket)[0] == 401
    # Wrong secrets count as wrong codes: ten a minute per address, then 429.
    statuses = [pair(server, f"falsch-{n}")[0] for n in range(12)]
    assert statuses[:10] == [403] * 10 and statuses[10:] == [429, 429]


def test_revoking_ends_the_remote_and_notes_stay_off_participants(server: Server) -> None:
    token = remote_token(server)
    state = remote_state(slide=3, count=24, notes="GEHEIM: die Zahlen erst am Ende nennen")
    assert server.call("PUT", "/api/remote/state", state, token=server.token)[0] == 200
    ticket = server.ticket("zuhoerer")
    with stream(server, f"remote/events?token={token}", {}) as remote, \
            stream(server, f"events?ticket={ticket}", {}) as phone:  # fmt: skip
        remote.readline(), remote.readline()
        ((kind, shown),) = events(remote, 1)  # the latest state, at once
        assert kind == Event.STATE and shown["notes"] == state["notes"] and shown["slide"] == 3
        phone.readline(), phone.readline()
        assert server.call("PUT", "/api/remote/state", state, token=server.token)[0] == 200
        server.control(SCALE, "open")  # something the participant does hear
        ((heard, _),) = events(phone, 1)
        assert heard == Event.POLL  # the state with the notes, published before it, never came
        _, paired = server.call("GET", "/api/remote/devices", token=server.token)
        assert isinstance(paired, list)
        remote_id = paired[0]["id"]
        assert server.call("POST", f"/api/remote/devices/{remote_id}/revoke",
                           token=server.token)[0] == 200  # fmt: skip
        assert remote.read() is not None  # the stream ends
    assert command(server, f"Remote {token}", {"command_id": "late", "action": "next"}) == 401
