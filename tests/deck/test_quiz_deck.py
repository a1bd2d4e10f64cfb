"""`correct:` and the ```leaderboard block: what the deck says, and every mistake on its line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.support.commands import impuls
from tests.support.decks import deck, errors, warnings
from workshop_app.deck import LeaderboardBlock, PollType
from workshop_app.deck.poll_form import check_poll_form, poll_block_text, read_poll_form

QUIZ = """\
---
title: Quiz
quiz_speed: true
---

```poll
id: hauptstadt
type: single
question: Wo sitzt die Bundesregierung?
options: [Bonn, Berlin, Köln]
correct: b
```

---

```poll
id: primzahlen
type: multiple
question: Welche sind Primzahlen?
options: ["2", "4", "5", "9"]
correct: ["5", A]
```

---

```leaderboard
title: Bestenliste
count: 3
names: false
```
"""


def test_correct_names_the_right_answers_by_text_or_letter() -> None:
    found = deck(QUIZ)
    single, multiple = found.polls
    assert (single.correct, single.quiz) == ((1,), True)
    assert multiple.correct == (0, 2)  # sorted, whatever order the deck names them in
    assert found.meta.quiz_speed
    assert found.slides[2].leaderboard == LeaderboardBlock(line=26, title="Bestenliste",
                                                           count=3, names=False)  # fmt: skip
    assert warnings(found) == []


def test_a_poll_without_correct_is_no_quiz_and_speed_is_off_by_default() -> None:
    found = deck("""
        ```poll
        id: meinung
        type: single
        question: Wie finden Sie das?
        options: [Gut, Schlecht]
        ```

        ---

        ```leaderboard
        ```
    """)
    assert not found.polls[0].quiz and not found.meta.quiz_speed
    assert found.slides[1].leaderboard == LeaderboardBlock(line=10)  # names, five places
    # Standings of a quiz the deck does not ask: said, on the block's line.
    assert warnings(found) == [(10, "leaderboard.no_quiz")]


def test_every_mistake_in_correct_is_reported_on_its_line() -> None:
    found = errors("""
        ```poll
        id: a
        type: single
        question: Eins?
        options: [Ja, Nein]
        correct: Vielleicht
        ```

        ---

        ```poll
        id: b
        type: single
        question: Zwei?
        options: [Ja, Nein]
        correct: [Ja, Nein]
        ```

        ---

        ```poll
        id: c
        type: multiple
        question: Drei?
        options: [Rot, Grün, Blau]
        max_choices: 1
        correct: [Rot, Blau]
        ```

        ---

        ```poll
        id: d
        type: scale
        question: Vier?
        min: 1
        max: 5
        correct: 3
        ```

        ---

        ```poll
        id: e
        type: multiple
        question: Fünf?
        options: [Rot, Grün, Keines]
        correct: [Rot, a, Keines]
        ```

        ---

        ```poll
        id: f
        type: text
        question: Sechs?
        richtig: Ja
        ```
    """)
    assert found == [
        (6, "quiz.correct_unknown"),
        (16, "quiz.correct_one"),
        (27, "quiz.correct_too_many"),
        (38, "poll.key_not_for_type"),
        (48, "quiz.correct_twice"),
        (48, "quiz.correct_exclusive"),
        (57, "poll.unknown_key_hint"),  # "richtig" means correct:, which text polls lack
    ]


def test_every_mistake_in_a_leaderboard_block_is_reported_on_its_line() -> None:
    found = errors("""
        ```poll
        id: a
        type: single
        question: Eins?
        options: [Ja, Nein]
        correct: A
        ```

        ```leaderboard
        ```

        ---

        ```leaderboard
        ```

        ```leaderboard
        ```

        ---

        ```leaderboard
        count: 20
        names: vielleicht
        titel: Oben
        ```
    """)
    assert found == [
        (9, "leaderboard.not_alone"),  # beside a poll
        (17, "leaderboard.not_alone"),  # a second one
        (23, "leaderboard.bad_count"),
        (24, "leaderboard.bad_names"),
        (25, "leaderboard.unknown_key_hint"),
    ]


def test_the_poll_form_keeps_and_writes_the_right_answer() -> None:
    single = (
        'id: a\ntype: single\nquestion: Wie oft?\noptions: ["Ja, oft", Nie]\ncorrect: "Ja, oft"'
    )
    form = read_poll_form(single)
    assert form.correct == ("Ja, oft",)  # one answer, whole, though it holds a comma
    written = deck(f"```poll\n{poll_block_text(form)}\n```\n")
    assert written.polls[0].correct == (0,)  # editing a quiz question keeps its answer
    multiple = (
        "id: b\ntype: multiple\nquestion: Welche?\noptions: [Rot, Blau, Grün]\ncorrect: [A, C]"
    )
    assert poll_block_text(read_poll_form(multiple)) == multiple
    as_scale = dataclasses.replace(read_poll_form(multiple), type=PollType.SCALE)
    assert "correct" not in poll_block_text(as_scale)  # a scale has no right answer
    wrong = dataclasses.replace(read_poll_form(multiple), correct=("A", "Lila"))
    assert [(p.field, p.problem.message_id) for p in check_poll_form(wrong, ())] == [
        ("correct", "quiz.correct_unknown")
    ]


def test_check_names_each_quiz_mistake_with_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "quiz.md"
    path.write_text(
        "---\ntitle: Quiz\n---\n\n```poll\nid: a\ntype: single\nquestion: Eins?\n"
        "options: [Ja, Nein]\ncorrect: Vielleicht\n```\n\n---\n\n```leaderboard\nnames: ja\n```\n",
        encoding="utf-8",
    )
    checked = impuls("check", path, "--lang", "de")
    assert checked.returncode != 0
    said = checked.stdout + checked.stderr
    assert f"{path}:10: Fehler: „correct“: „Vielleicht“ ist keine der Antworten" in said
    assert f"{path}:16: Fehler: Ranglisten-Block: „names“ ist true oder false" in said
