"""No "Zalgo" from phones (issue 33, item 12): a question of 279 combining marks and a
name of 40 were stored. Now a letter keeps at most three marks (session/text.py), as
German, Vietnamese, Thai and pointed Hebrew need, and a mark on nothing is dropped.
Over the real server: questions, names and open answers."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest

from tests.support.decks import TEXT, poll_talk
from tests.support.serving import Server, ask, start_server
from workshop_app.session.text import MAX_MARKS

MARKS = "".join(chr(c) for c in range(0x0300, 0x036F))  # the combining diacriticals
ZALGO = "".join(letter + MARKS[n * 9 : n * 9 + 9] for n, letter in enumerate("Hallo Welt"))
REAL = ["Tiếng Việt có dấu chồng", "Größe und Maß?", "ที่นี่ไหม", "שָׁלוֹם עֲלֵיכֶם",
        "स्त्री और पुरुष"]  # fmt: skip


def most_marks(text: str) -> int:
    """The most combining marks on one character of `text`."""
    most = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char)[0] == "M" else 0
        most = max(most, run)
    return most


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("zalgo")
    server = start_server(folder / "zalgo.impuls", poll_talk(folder))
    yield server
    assert server.stop() == 0, server.stderr


def stored_questions(server: Server) -> dict[str, str | None]:
    status, listed = server.call("GET", "/api/questions", token=server.token)
    assert status == 200 and isinstance(listed, dict)
    return {q["text"]: q["name"] for q in listed["questions"]}


def test_a_question_and_a_name_of_marks_are_not_stored_as_such(server: Server) -> None:
    assert most_marks(ZALGO) > 9 - 1  # the red team's kind of text
    status, _ = ask(server, "zalgo", "z1", ZALGO, name=MARKS[:40])
    assert status == 200
    (text, name), *_ = stored_questions(server).items()
    assert most_marks(text) == MAX_MARKS  # before: 9 on every letter
    assert text.startswith("H") and len(text) == len("Hallo Welt") + 9 * MAX_MARKS
    assert name is None  # 40 marks on nothing are no name (before: stored, all 40)
    only_marks = ask(server, "zalgo", "z2", MARKS[:279])[0]
    assert only_marks == 422  # nothing left: too short to be a question (before: stored)


def test_real_languages_keep_every_mark(server: Server) -> None:
    for n, words in enumerate(REAL):
        assert ask(server, f"sprache-{n}", f"r{n}", words, name=words[:20])[0] == 200
    stored = stored_questions(server)
    for words in REAL:
        written = unicodedata.normalize("NFC", words)
        assert stored[written] == written[:20]


def test_an_open_answer_keeps_three_marks_a_letter(server: Server) -> None:
    server.control(TEXT, "open")
    assert server.vote(TEXT, "zalgo", "v1", ZALGO)[0] == 200
    assert server.vote(TEXT, "sprachen", "v2", REAL[0])[0] == 200
    status, results = server.call("GET", f"/api/polls/{TEXT}/results", token=server.token)
    assert status == 200 and isinstance(results, dict)
    answers = sorted((a["text"] for a in results["answers"]), key=most_marks)
    assert answers == [REAL[0], answers[1]] and most_marks(answers[1]) == MAX_MARKS
