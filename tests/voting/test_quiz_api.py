"""The quiz over the real server: nicknames on votes, hostile ones, the answer kept back until
the reveal, the reveal closing the question, and the standings for the speaker only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.decks import QUIZ_MULTIPLE, QUIZ_SINGLE, quiz_talk
from tests.support.serving import Server, start_server
from workshop_app.session.questions import MAX_NAME


@pytest.fixture
def quiz(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path / "quiz.impuls", quiz_talk(tmp_path))
    yield running
    assert running.stop() == 0, running.stderr


def vote(
    server: Server, phone: str, poll: str, choice: object, again: int = 0, **more: object
) -> tuple[int, object]:
    body = {"code": server.join_code, "device": server.ticket(phone),
            "vote_id": f"{poll}-{phone}-{again}", "choice": choice, **more}  # fmt: skip
    return server.call("POST", f"/api/polls/{poll}/votes", body)


def board(server: Server) -> dict[str, object]:
    status, answer = server.call("GET", "/api/leaderboard", token=server.token)
    assert status == 200 and isinstance(answer, dict)
    return answer


def test_the_phone_learns_the_answer_only_with_the_results(quiz: Server) -> None:
    quiz.control(QUIZ_SINGLE, "open")
    status, session = quiz.call("GET", "/api/session", ticket=quiz.ticket("anna"))
    assert status == 200 and isinstance(session, dict)
    current = session["current_poll"]
    assert current["quiz"] is True and "correct" not in current  # a quiz, but not its answer
    assert vote(quiz, "anna", QUIZ_SINGLE, 1, name="Anna")[0] == 200
    assert vote(quiz, "bernd", QUIZ_SINGLE, 0)[0] == 200  # no name: never required
    phone_asks = f"/api/polls/{QUIZ_SINGLE}/results"
    assert quiz.call("GET", phone_asks, ticket=quiz.ticket("anna"))[0] == 403  # not revealed
    quiz.control(QUIZ_SINGLE, "reveal")
    status, results = quiz.call("GET", phone_asks, ticket=quiz.ticket("anna"))
    assert status == 200 and isinstance(results, dict)
    assert results["correct"] == [1] and results["right"] == 1
    assert results["right_note"] == "Richtig: 1 von 2 Handys (50\u00a0%)"
    assert results["state"] == "closed"  # revealing an open quiz question closed it
    assert vote(quiz, "bernd", QUIZ_SINGLE, 1, again=1)[0] == 409  # none changed after the answer


def test_reopening_a_revealed_quiz_question_hides_its_answer_first(quiz: Server) -> None:
    quiz.control(QUIZ_SINGLE, "open")
    quiz.control(QUIZ_SINGLE, "reveal")
    quiz.control(QUIZ_SINGLE, "open")
    status, results = quiz.call("GET", f"/api/polls/{QUIZ_SINGLE}/results", token=quiz.token)
    assert status == 200 and isinstance(results, dict)
    assert (results["state"], results["revealed"]) == ("open", False)


@pytest.mark.parametrize(
    ("name", "status", "shown"),
    [
        ("<img src=x onerror=alert(1)>", 200, "<img src=x onerror=alert(1)>"),  # text, kept
        ("\u202egnaG\u202c \u2066Eve\u2069", 200, "gnaG Eve"),  # no direction tricks
        ("A" + "\u0336" * 30, 200, "A\u0336\u0336\u0336"),  # Zalgo: three marks on a letter
        ("x" * (MAX_NAME + 1), 400, None),  # the schema's limit, before anything is written
        (["Anna"], 400, None),
        ("Arschloch", 200, None),  # offensive: counted, but a guest
    ],
)
def test_hostile_nicknames(quiz: Server, name: object, status: int, shown: str | None) -> None:
    quiz.control(QUIZ_SINGLE, "open")
    said, answer = vote(quiz, "mallory", QUIZ_SINGLE, 1, name=name)
    assert said == status, answer
    rows = board(quiz)["rows"]
    assert isinstance(rows, list)
    assert [row["name"] for row in rows] == ([shown] if status == 200 else [])


def test_the_standings_are_the_speakers_and_names_only_where_the_deck_shows_them(
    tmp_path: Path,
) -> None:
    for names in (True, False):
        server = start_server(tmp_path / f"quiz-{names}.impuls", quiz_talk(tmp_path, names))
        try:
            server.control(QUIZ_MULTIPLE, "open")
            assert vote(server, "anna", QUIZ_MULTIPLE, [2, 0], name="Anna")[0] == 200
            assert vote(server, "karl", QUIZ_MULTIPLE, [0], name="Karl")[0] == 200
            assert server.call("GET", "/api/leaderboard", ticket=server.ticket("anna"))[0] == 401
            rows = board(server)["rows"]
            assert isinstance(rows, list)
            assert [(r["name"], r["points"]) for r in rows] == [
                ("Anna" if names else None, 1.0), ("Karl" if names else None, 0.0)]  # fmt: skip
        finally:
            assert server.stop() == 0, server.stderr
