"""Votes on a poll that counts voting cards, over real sockets: one vote per card, never
doubled; phones without a card, cards moved between phones, votes after the close."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cards import join_with
from tests.support.commands import impuls
from tests.support.decks import CARDS_ABSOLUTE, CARDS_MOTION, CARDS_OPEN, cards_talk
from tests.support.serving import Server, start_server
from workshop_app.session.cards import CardKey, load_key
from workshop_app.session.motion import CardCount
from workshop_app.session.snapshot import open_snapshot

YES, NO, ABSTAIN = 0, 1, 2


@pytest.fixture
def meeting(tmp_path: Path) -> Iterator[tuple[Server, CardKey]]:
    deck, session = cards_talk(tmp_path), tmp_path / "versammlung.impuls"
    done = impuls("cards", "--count", 4, deck, "--session", session,
                  "--pdf", tmp_path / "karten.pdf")  # fmt: skip
    assert done.returncode == 0, done.stderr
    key = load_key(session)
    assert key is not None
    server = start_server(session, deck)
    server.control(CARDS_MOTION, "open")
    yield server, key
    if server.process.returncode is None:
        server.stop()


def holding(server: Server, key: CardKey, serial: int, ticket: str = "") -> str:
    """A phone joins with card `serial` (or, with `ticket`, takes it over); its ticket."""
    status, answer = join_with(server, key.code(serial), ticket=ticket)
    assert status == 200, answer
    return str(answer["ticket"])


def vote(
    server: Server, ticket: str, vote_id: str, choice: int, poll: str = CARDS_MOTION
) -> tuple[int, object]:
    body = {"code": server.join_code, "device": ticket, "vote_id": vote_id, "choice": choice}
    return server.call("POST", f"/api/polls/{poll}/votes", body)


def results(server: Server, poll: str) -> dict[str, Any]:
    status, body = server.call("GET", f"/api/polls/{poll}/results", token=server.token)
    assert status == 200 and isinstance(body, dict)
    return body


def test_a_phone_without_a_card_is_refused_with_no_card(meeting: tuple[Server, CardKey]) -> None:
    server, _ = meeting
    status, answer = vote(server, server.ticket("ohne-karte"), "v1", YES)
    assert status == 403 and isinstance(answer, dict) and answer["error"] == "no_card"
    assert server.totals(CARDS_MOTION) == [0, 0, 0]
    server.control(CARDS_OPEN, "open")  # a poll for everyone still takes the same phone
    assert server.vote(CARDS_OPEN, "ohne-karte", "v2", 0)[0] == 200


def test_a_card_holder_voting_twice_is_counted_once(meeting: tuple[Server, CardKey]) -> None:
    server, key = meeting
    ticket = holding(server, key, 1)
    assert vote(server, ticket, "v1", YES)[0] == 200
    status, receipt = vote(server, ticket, "v2", NO)
    assert status == 200 and isinstance(receipt, dict) and receipt["replaced_earlier"]
    assert vote(server, ticket, "v2", NO)[0] == 200  # a retry: the same receipt, counted once
    assert server.totals(CARDS_MOTION) == [0, 1, 0]


def test_one_card_on_two_phones_at_once_is_one_vote(meeting: tuple[Server, CardKey]) -> None:
    server, key = meeting
    first = holding(server, key, 2)
    assert vote(server, first, "a1", YES)[0] == 200
    second = holding(server, key, 2)  # the card scanned again, by another phone
    assert second != first
    status, answer = vote(server, first, "a2", YES)  # the first phone no longer holds it
    assert status == 403 and isinstance(answer, dict) and answer["error"] == "no_card"
    assert vote(server, second, "b1", NO)[0] == 200  # the card's vote, moved: replaced
    assert server.totals(CARDS_MOTION) == [0, 1, 0]
    # one phone takes another card: it holds that one alone, never two votes
    assert holding(server, key, 3, ticket=second) == second
    assert vote(server, second, "b2", YES)[0] == 200
    assert server.totals(CARDS_MOTION) == [1, 1, 0]
    status, _ = vote(server, holding(server, key, 2), "c1", ABSTAIN)  # card 2, held again
    assert status == 200 and server.totals(CARDS_MOTION) == [1, 0, 1]


def test_a_card_after_the_close_is_refused(meeting: tuple[Server, CardKey]) -> None:
    server, key = meeting
    ticket = holding(server, key, 4)
    server.control(CARDS_MOTION, "close")
    status, answer = vote(server, ticket, "late", YES)
    assert status == 409 and isinstance(answer, dict) and answer["error"] == "not_open"
    assert server.totals(CARDS_MOTION) == [0, 0, 0]


def test_the_file_links_no_card_to_a_vote(meeting: tuple[Server, CardKey]) -> None:
    server, key = meeting
    ticket = holding(server, key, 1)
    assert vote(server, ticket, "v1", YES)[0] == 200
    assert server.stop() == 0
    raw = server.session.read_bytes()
    assert key.code(1).encode() not in raw and key.secret not in raw
    with sqlite3.connect(server.session) as db:
        voters = {row[0] for row in db.execute("SELECT device FROM votes")}
        present = {row[0] for row in db.execute("SELECT voter FROM cards_present")}
    assert voters == {key.voter(1)} == present  # a keyed hash, not the card, not the phone
    out = server.session.parent
    exported = impuls("export", server.session, "--csv", out / "r.csv", "--json", out / "r.json")
    assert exported.returncode == 0, exported.stderr
    for name in ("r.csv", "r-votes.csv", "r.json"):  # no export links a card to a vote
        text = (out / name).read_text(encoding="utf-8-sig")
        assert key.voter(1) not in text and key.code(1) not in text and ticket not in text


def test_present_cards_are_those_joined_before_the_close(meeting: tuple[Server, CardKey]) -> None:
    server, key = meeting
    server.control(CARDS_ABSOLUTE, "open")  # (closes the other motion: one poll open at a time)
    presenter = server.follow(token=server.token)
    try:
        first, second = holding(server, key, 1), holding(server, key, 2)
        assert results(server, CARDS_ABSOLUTE)["cards"] == {"issued": 4, "present": 2}
        # a card joining while the motion is open sends its tally again: quorum, live
        third = holding(server, key, 3)
        while True:
            event = presenter.next()
            if event.event == "tally" and event.json()["results"]["cards"]["present"] == 3:
                break
        for ticket, vote_id in ((first, "a"), (second, "b"), (third, "c")):
            assert vote(server, ticket, vote_id, YES, CARDS_ABSOLUTE)[0] == 200
        assert vote(server, third, "c2", NO, CARDS_ABSOLUTE)[0] == 200  # replaced: 2 Ja, 1 Nein
    finally:
        presenter.close()
    server.control(CARDS_ABSOLUTE, "close")
    holding(server, key, 4)  # after the close: not present for this motion
    body = results(server, CARDS_ABSOLUTE)
    assert body["cards"] == {"issued": 4, "present": 3}
    assert body["total"] == [2, 1, 0]
    assert body["outcome"]["verdict"] == "rejected"  # 2 Ja of 4 issued: not more than half
    assert results(server, CARDS_OPEN)["cards"] is None  # a poll for everyone counts phones
    assert server.stop() == 0
    snapshot = open_snapshot(server.session)  # the handout's and the minutes' figures
    assert snapshot.cards[CARDS_ABSOLUTE] == CardCount(4, 3)
    shown = snapshot.results_of(snapshot.deck.poll(CARDS_ABSOLUTE))
    assert shown is not None and shown.motion is not None
    assert shown.motion.as_json("de")["sentence"] == body["outcome"]["sentence"]
