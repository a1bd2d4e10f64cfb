"""A session file that travels holds no key to sign tickets with (issue 33, item 5).

Before, the key was in the file's meta table: whoever was handed the file to check
the results could sign tickets offline, and 500 of 500 forged votes were counted in
the resumed session. Real servers, real sockets, the real file.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from tests.support.decks import SINGLE, poll_talk
from tests.support.serving import join, start_server
from workshop_app.session.room_code import code_path, kept_code
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


def test_the_rooms_code_is_kept_beside_the_file_for_its_owner_alone(tmp_path: Path) -> None:
    # Issue 33, item 4: the file held the join code, so whoever was handed it could
    # walk into a resumed session's room with the code from the file.
    session = tmp_path / "abend.impuls"
    server = start_server(session, poll_talk(tmp_path))
    code = server.join_code
    assert server.stop() == 0, server.stderr
    assert "join_code" not in meta(session)
    assert code.encode() not in session.read_bytes()
    assert kept_code(session) == code == code_path(session).read_text().strip()
    if sys.platform != "win32":  # Windows keeps the user's data folder to the user
        assert stat.S_IMODE(code_path(session).stat().st_mode) == 0o600


def test_a_file_handed_on_without_its_code_gets_a_new_one(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    first = start_server(session, poll_talk(tmp_path))
    code = first.join_code
    assert first.stop() == 0, first.stderr
    handed = tmp_path / "anderswo" / "abend.impuls"
    handed.parent.mkdir()
    shutil.copyfile(session, handed)  # the file alone, as it travels
    resumed = start_server(handed, poll_talk(tmp_path))
    try:
        assert resumed.join_code != code and kept_code(handed) == resumed.join_code
        with pytest.raises(RuntimeError, match="join refused: 403"):
            join(resumed.port, code)  # the code on the old wall lets nobody in
        join(resumed.port, resumed.join_code)
    finally:
        assert resumed.stop() == 0, resumed.stderr
    # The laptop that ran the evening keeps its code, and its room.
    again = start_server(session, poll_talk(tmp_path))
    try:
        assert again.join_code == code
    finally:
        assert again.stop() == 0, again.stderr


def test_an_older_files_code_moves_out_of_it_and_stays_the_rooms(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    first = start_server(session, poll_talk(tmp_path))
    assert first.stop() == 0, first.stderr
    code_path(session).unlink()
    db = sqlite3.connect(session)  # a file from before 2026-12: the code in its meta table
    with db:
        db.execute("INSERT INTO meta VALUES ('join_code', 'KMN34')")
    db.close()
    resumed = start_server(session, poll_talk(tmp_path))
    try:
        assert resumed.join_code == "KMN34"  # the code on the wall stays
        assert "join_code" not in meta(session)
    finally:
        assert resumed.stop() == 0, resumed.stderr
