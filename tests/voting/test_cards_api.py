"""Voting cards at the real server, over real sockets: joining with a card, forged cards,
one card on two phones, and who is counted as present."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cards import decoded, join_with
from tests.support.commands import impuls
from tests.support.decks import CARDS_MOTION, cards_talk
from tests.support.serving import Server, start_server
from workshop_app.session.cards import CardKey, load_key, new_key, pretty
from workshop_app.voting.listening import DEFAULT_PORT
from workshop_app.voting.messages import Event


def present(session: Path) -> int:
    with sqlite3.connect(session) as db:
        return int(db.execute("SELECT COUNT(*) FROM cards_present").fetchone()[0])


@pytest.fixture
def cards_deck(tmp_path: Path) -> Path:
    return cards_talk(tmp_path)


@pytest.fixture
def carded(tmp_path: Path, cards_deck: Path) -> Iterator[tuple[Server, CardKey]]:
    session = tmp_path / "versammlung.impuls"
    done = impuls("cards", "--count", 5, cards_deck, "--session", session,
                  "--pdf", tmp_path / "karten.pdf")  # fmt: skip
    assert done.returncode == 0, done.stderr
    key = load_key(session)
    assert key is not None
    server = start_server(session, cards_deck, devices_per_address=1000)
    yield server, key
    if server.process.returncode is None:
        server.stop()


def test_a_card_joins_without_the_rooms_code_and_is_named(carded: tuple[Server, CardKey]) -> None:
    server, key = carded
    status, answer = join_with(server, key.code(3))  # the QR code's ?code=, as the page sends it
    assert status == 200
    assert answer["code"] == server.join_code  # for the votes that follow
    assert answer["card"] == key.code(3) and answer["label"] == "Stimmkarte 3"
    typed = join_with(server, pretty(key.code(4)).lower(), lang="en-US")  # typed off the card
    assert typed[0] == 200 and typed[1]["label"] == "Voting card 4"
    assert present(server.session) == 2
    plain = join_with(server, server.join_code)  # the room's code: in, holding no card
    assert plain[0] == 200 and "card" not in plain[1]


def test_a_forged_card_is_a_wrong_code(carded: tuple[Server, CardKey]) -> None:
    server, key = carded
    forged = new_key().code(2)
    status, answer = join_with(server, forged)
    assert (status, answer["error"]) == (403, "bad_card")
    not_issued = CardKey(key.secret, 50).code(6)  # the right key, a card never printed
    assert join_with(server, not_issued)[0] == 403
    # a card kept on the phone that is no card: left out, the room's code still lets it in
    status, answer = join_with(server, server.join_code, card=forged)
    assert status == 200 and "card" not in answer
    # and it counted as a wrong code: ten in a minute lock the address out
    for _ in range(7):
        join_with(server, forged)
    assert join_with(server, key.code(1))[0] == 429
    assert present(server.session) == 0


def test_a_restart_keeps_the_cards_and_the_phone_its_card(
    carded: tuple[Server, CardKey], cards_deck: Path
) -> None:
    server, key = carded
    status, answer = join_with(server, key.code(2))
    assert status == 200
    ticket = str(answer["ticket"])
    assert server.stop() == 0
    again = start_server(server.session, cards_deck)
    try:  # the phone joins again with the code and ticket and card it keeps
        status, answer = join_with(again, again.join_code, card=key.code(2), ticket=ticket)
        assert status == 200 and answer["label"] == "Stimmkarte 2"
        assert present(again.session) == 1  # the same card, present once
    finally:
        again.stop()


def test_a_phone_whose_card_another_scanned_is_told_and_never_takes_it_back(
    carded: tuple[Server, CardKey],
) -> None:
    server, key = carded
    status, first = join_with(server, key.code(1))
    assert status == 200 and first["label"] == "Stimmkarte 1"
    stream = server.follow(ticket=str(first["ticket"]))
    try:
        status, second = join_with(server, key.code(1))  # the card scanned by another phone
        assert status == 200 and second["label"] == "Stimmkarte 1"
        told = stream.next(skip=(Event.SLIDE, Event.QUESTIONS))  # the first phone, by an event
        assert told.event == Event.CARD
    finally:
        stream.close()
    # Its next join (a reload, back from sleep) presents the card it kept: still the other's.
    status, again = join_with(server, server.join_code, card=key.code(1),
                              ticket=str(first["ticket"]))  # fmt: skip
    assert status == 200 and "card" not in again
    assert again["label"] == "Ihre Stimmkarte gilt jetzt auf einem anderen Handy."
    server.control(CARDS_MOTION, "open")
    votes = []
    for number, ticket in enumerate((first["ticket"], second["ticket"])):
        body = {"code": server.join_code, "device": ticket, "vote_id": f"m{number}", "choice": 0}
        votes.append(server.call("POST", f"/api/polls/{CARDS_MOTION}/votes", body)[0])
    assert votes == [403, 200]  # the card votes once, on the phone that holds it
    # The card scanned again on the first phone: it is back there, and the other is told.
    assert join_with(server, key.code(1), ticket=str(first["ticket"]))[1]["card"] == key.code(1)


def test_a_server_that_cannot_keep_the_cards_port_says_so(tmp_path: Path, cards_deck: Path) -> None:
    session, pdf = tmp_path / "versammlung.impuls", tmp_path / "karten.pdf"
    with socket.socket() as taken:  # another program on the port the cards name
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = impuls("cards", "--count", 2, cards_deck, "--session", session, "--pdf", pdf,
                      "--url", f"http://127.0.0.1:{port}")  # fmt: skip
        assert done.returncode == 0, done.stderr
        key = load_key(session)
        assert key is not None and key.port == port
        assert {text for sheet in decoded(pdf) for text, _ in sheet} == {
            f"http://127.0.0.1:{port}/?code={key.code(n)}" for n in (1, 2)
        }
        server = start_server(session, cards_deck, options=("--port", str(DEFAULT_PORT)))
        try:
            assert server.port not in (port, DEFAULT_PORT)  # elsewhere, and said clearly
            said = f"führen Handys zu Port {port}, der Server hört aber auf Port {server.port}"
            assert said in server.notice
            assert join_with(server, key.code(1))[0] == 200  # the card typed still counts
        finally:
            server.stop()
        assert said in server.stderr
