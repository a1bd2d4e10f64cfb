"""A session file that travels holds no key to sign tickets with (issue 33, item 5).

Before, the key was in the file's meta table: whoever was handed the file to check
the results could sign tickets offline, and 500 of 500 forged votes were counted in
the resumed session. Real servers, real sockets, the real file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from tests.support.decks import SINGLE, poll_talk
from tests.support.serving import join, start_server
from workshop_app.voting.admission import Tickets

POLL = SINGLE  # single choice, four options


def meta(session: Path) -> dict[str, str]:
    db = sqlite3.connect(session)
    try:
        return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}
    finally:
        db.close()


def keys_from(values: dict[str, str]) -> list[bytes]:
    """Every key a forger could read out of the file's meta values."""
    found = []
    for value in values.values():
        found.append(value.encode())
        with contextlib.suppress(ValueError):  # not hex: the text itself is tried
            found.append(bytes.fromhex(value))
    return found


def test_nothing_in_the_file_signs_a_ticket_the_server_takes(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    server = start_server(session, poll_talk(tmp_path))
    try:
        genuine = server.ticket("inge")
        server.control(POLL, "open")
        assert server.vote(POLL, "inge", "v1", 0)[0] == 200
    finally:
        assert server.stop() == 0, server.stderr
    values = meta(session)
    assert "ticket_key" not in values  # before: 64 hex digits
    assert all(Tickets(key).device(genuine) is None for key in keys_from(values))


def test_an_old_files_key_signs_nothing_in_a_resumed_session(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    first = start_server(session, poll_talk(tmp_path))
    code = first.join_code
    first.control(POLL, "open")
    honest = first.ticket("inge")
    assert first.vote(POLL, "inge", "v1", 0)[0] == 200
    assert first.stop() == 0, first.stderr
    # A file from before: its key in the meta table, for anyone who reads the file.
    key = bytes(range(32))
    db = sqlite3.connect(session)
    with db:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('ticket_key', ?)", (key.hex(),))
        voters = [str(row[0]) for row in db.execute("SELECT device FROM votes")]
    db.close()
    forged = [Tickets(key).issue() for _ in range(20)]
    # The devices the file names, made into tickets: the file's ids are no secrets.
    posing = [voter + forged[0][len(voter) :] for voter in voters]

    resumed = start_server(session, poll_talk(tmp_path))
    try:
        assert resumed.join_code == code  # the room's code stays: it is on the projector

        def vote(ticket: str, vote_id: str, choice: int) -> tuple[int, object]:
            body = {"code": code, "device": ticket, "vote_id": vote_id, "choice": choice}
            return resumed.call("POST", f"/api/polls/{POLL}/votes", body)

        answers = [vote(ticket, f"f{n}", 1) for n, ticket in enumerate(forged + posing)]
        assert {status for status, _ in answers} == {403}  # before: 20 of 20 counted
        assert {str(body["error"]) for _, body in answers if isinstance(body, dict)} == {
            "bad_ticket"
        }
        assert resumed.totals(POLL) == [1, 0, 0, 0]
        assert "ticket_key" not in meta(session)  # the writer took it out on opening

        # The phone of the earlier run: its old ticket is refused too, and it joins again
        # as the page does on `bad_ticket`, with the code it kept and the ticket it holds.
        assert vote(honest, "v2", 3)[0] == 403
        again = join(resumed.port, code, held=honest)
        assert again != honest
        assert vote(again, "v2", 3)[0] == 200
        # The same device: its changed vote replaces the one from before the restart.
        assert resumed.totals(POLL) == [0, 0, 0, 1]
        _, info = resumed.call("GET", "/api/session", token=resumed.token)
        assert isinstance(info, dict) and info["participants"] == 1

        # A forger joining with a forged ticket, or one posing as a device of the file,
        # is a new phone, not one of the file's voters.
        for fake in (forged[0], *posing):
            assert vote(join(resumed.port, code, held=fake), f"n{fake[:8]}", 2)[0] == 200
        assert resumed.totals(POLL) == [0, 0, 1 + len(posing), 1]
    finally:
        assert resumed.stop() == 0, resumed.stderr
