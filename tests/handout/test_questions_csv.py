"""The questions CSV lists what the room saw; questions never approved only on request
(issue 33, item 13: it listed a question that was never approved)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.questions import Moderation, QuestionAction
from workshop_app.session.store import SessionStore

DECK = load_deck(DEFAULT_DECK)
SHOWN = "Wie viel Zeit kostet ein Redaktionsplan?"
ANSWERED = "Dürfen Azubis für uns posten?"
WAITING = "Diese Frage hat niemand freigegeben."
HIDDEN = "Diese Frage hat die Vortragende ausgeblendet."
HELD_BACK = "Was soll dieser Scheiß?"  # the filter holds it back, nobody acts on it


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fragen") / "fragen.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    store.set_question_moderation(Moderation.PRE).result()
    acted = {SHOWN: [QuestionAction.APPROVE], ANSWERED: [QuestionAction.APPROVE,
             QuestionAction.ANSWER], HIDDEN: [QuestionAction.HIDE], WAITING: [],
             HELD_BACK: []}  # fmt: skip
    for n, (text, actions) in enumerate(acted.items()):
        question = store.ask(f"handy-{n}", f"a{n}", text, None).result().question
        for action in actions:
            store.act_on_question(question, action).result()
    store.close()
    return path


def listed(event: Path, folder: Path, *options: str) -> dict[str, str]:
    out = folder / "fragen.csv"
    made = impuls("export", event, "--questions-csv", out, *options)
    assert made.returncode == 0, made.stderr
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, len(rows))]
    return {row[1]: row[3] for row in rows[1:]}


def test_only_what_the_room_saw(event: Path, tmp_path: Path) -> None:
    assert listed(event, tmp_path) == {SHOWN: "approved", ANSWERED: "answered"}


def test_all_questions_adds_the_waiting_ones_never_the_hidden(event: Path, tmp_path: Path) -> None:
    assert listed(event, tmp_path, "--all-questions") == {
        SHOWN: "approved", ANSWERED: "answered", WAITING: "pending"
    }  # fmt: skip
