"""The quiz in the session: right ballots counted in SQL, the right share in the one results
model, nicknames kept and cleaned, standings read from the rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.decks import QUIZ_MULTIPLE, QUIZ_SINGLE, QUIZ_TALK, deck
from workshop_app.deck import Deck
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import Ballot
from workshop_app.session.questions import clean_name
from workshop_app.session.quiz import SPEED_SECONDS, standings
from workshop_app.session.results import Results
from workshop_app.session.store import SessionStore
from workshop_app.session.tally import tally, tally_from_json

QUIZ = deck(QUIZ_TALK)
# Six phones: (single choice, multiple choice, nickname)
PHONES = [(1, [0, 2], "Anna"), (1, [0], None), (0, [0, 2], "Bernd"), (1, [0, 2, 3], None),
          (2, [2, 0], "Chris"), (1, [0, 2], None)]  # fmt: skip


def store_for(path: Path, quiz: Deck = QUIZ) -> SessionStore:
    return SessionStore(path, deck_source=quiz.source, poll_ids=[p.id for p in quiz.polls])


def answered(path: Path) -> SessionStore:
    store = store_for(path)
    stadt, prim = QUIZ.polls
    for poll in (stadt, prim):
        store.set_state(poll.id, "open").result()
        for n, (single, multiple, name) in enumerate(PHONES):
            choice = single if poll is stadt else multiple
            ballot = ballot_for(poll, choice)
            nick = clean_name(name) if poll is stadt else None
            store.vote(poll.id, f"handy-{n}", f"{poll.id}-{n}", Ballot(
                ballot.items, ballot.value, ballot.text, ballot.raw, nick)).result()  # fmt: skip
        store.set_state(poll.id, "close").result()
    return store


def test_the_right_ballots_are_counted_and_said_alike_everywhere(tmp_path: Path) -> None:
    store = answered(tmp_path / "quiz.impuls")
    stadt = QUIZ.polls[0]
    counted = {p.id: tally(store.reader(), p, 1) for p in QUIZ.polls}
    assert counted[QUIZ_SINGLE].right == 4  # B four times
    # Exactly A and C: not A alone, not A, C and D; the order ticked does not matter.
    assert counted[QUIZ_MULTIPLE].right == 4
    shown = Results.of(stadt, counted[QUIZ_SINGLE])
    assert [row.correct for row in shown.by_index()] == [False, True, False]
    assert shown.right_note("de") == "Richtig: 4 von 6 Handys (67\u00a0%)"
    assert shown.right_note("en") == "Right: 4 of 6 phones (67\u00a0%)"
    assert shown.summary("de")[-1] == shown.right_note("de")  # under every chart alike
    wire = shown.as_json(lang="de")
    assert (wire["correct"], wire["right"], wire["right_percent"]) == ([1], 4, 66.7)
    assert Results.of(stadt, tally_from_json(wire)).right_note("de") == shown.right_note("de")
    store.close()


def test_standings_one_point_per_right_answer_guests_and_shared_places(tmp_path: Path) -> None:
    store = answered(tmp_path / "quiz.impuls")
    board = standings(store.reader(), QUIZ.polls, speed=False)
    assert [(r.place, r.name, r.points, r.right) for r in board.rows] == [
        (1, "Anna", 2.0, 2), (1, None, 2.0, 2), (3, "Bernd", 1.0, 1),
        (3, "Chris", 1.0, 1), (3, None, 1.0, 1), (3, None, 1.0, 1),
    ]  # fmt: skip
    assert board.lines(2, "de") == [("1.", "Anna", "2 Punkte"), ("1.", "Gast", "2 Punkte")]
    assert board.lines(3, "en")[2] == ("3.", "Bernd", "1 point")
    assert board.average_note("de") == "Im Schnitt 1,3 von 2 Punkten · 6 Handys"
    store.close()


def test_speed_earns_up_to_a_point_more_only_when_the_deck_asks(tmp_path: Path) -> None:
    store = answered(tmp_path / "quiz.impuls")
    store.close()
    with sqlite3.connect(tmp_path / "quiz.impuls") as db:  # answered 0 s, ¼ and ½ of the window
        opened = {p: at for p, at in db.execute(
            "SELECT poll_id, MIN(at) FROM poll_events WHERE kind = 'open' GROUP BY poll_id")}  # fmt: skip
        for n in range(len(PHONES)):
            for poll, at in opened.items():
                db.execute("UPDATE votes SET at = ? WHERE device = ? AND poll_id = ?",
                           (at + SPEED_SECONDS * n / 4, f"handy-{n}", poll))  # fmt: skip
    db.close()
    reader = sqlite3.connect(f"file:{tmp_path / 'quiz.impuls'}?mode=ro", uri=True)
    board = standings(reader, QUIZ.polls, speed=True)
    points = {r.name or f"#{r.place}": round(r.points, 6) for r in board.rows}
    assert points["Anna"] == 4.0  # both right at once
    assert points["Bernd"] == 1.5  # right on one, half the window gone
    assert points["Chris"] == 1.0  # a whole window late: the point, no bonus
    assert board.lines(1, "de") == [("1.", "Anna", "4,0 Punkte")]
    assert board.most == 4.0
    reader.close()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("<b>Bob</b>", "<b>Bob</b>"),  # text, never markup: each surface draws it as text
        ("\u202eevil\u202c Eve", "evil Eve"),  # a direction override turned around nothing
        ("Z" + "\u0301" * 40 + "oe", "Ź\u0301\u0301\u0301oe"),  # Ź, and three marks more
        ("  Anna\n  Lena  ", "Anna Lena"),
        ("", None),
    ],
)
def test_a_nickname_is_cleaned_as_a_questions_name_is(
    tmp_path: Path, typed: str, kept: str | None
) -> None:
    store = store_for(tmp_path / "quiz.impuls")
    stadt = QUIZ.polls[0]
    store.set_state(stadt.id, "open").result()
    store.vote(
        stadt.id, "handy", "v1", Ballot(((1, 1),), raw=1, nickname=clean_name(typed))
    ).result()
    board = standings(store.reader(), QUIZ.polls, speed=False)
    assert [r.name for r in board.rows] == [kept]
    store.close()


def test_an_offensive_nickname_is_not_kept_and_a_phone_stays_a_guest(tmp_path: Path) -> None:
    store = store_for(tmp_path / "quiz.impuls")
    stadt = QUIZ.polls[0]
    store.set_state(stadt.id, "open").result()
    store.vote(stadt.id, "handy", "v1", Ballot(((1, 1),), raw=1, nickname="Lena")).result()
    store.vote(stadt.id, "handy", "v2", Ballot(((1, 1),), raw=1, nickname="Arschloch")).result()
    board = standings(store.reader(), QUIZ.polls, speed=False)
    assert [(r.name, r.points) for r in board.rows] == [(None, 1.0)]
    store.close()


def test_a_session_file_from_before_the_quiz_has_standings_without_names(tmp_path: Path) -> None:
    store = answered(tmp_path / "quiz.impuls")
    store.close()
    with sqlite3.connect(tmp_path / "quiz.impuls") as db:
        db.execute("DROP TABLE nicknames")
    db.close()
    reader = sqlite3.connect(f"file:{tmp_path / 'quiz.impuls'}?mode=ro", uri=True)
    assert [r.name for r in standings(reader, QUIZ.polls, speed=False).rows] == [None] * 6
    reader.close()
