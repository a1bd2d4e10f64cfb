"""Words written to slip past the filter are held back (issue 33, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.deck.loader import load_deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.moderation import is_offensive
from workshop_app.session.questions import Moderation, read_questions
from workshop_app.session.store import SessionStore


@pytest.mark.parametrize(
    "text",
    [
        "Fu\u0441k",  # a Cyrillic с among Latin letters
        "Was f\u03bfr ein Mist, Fuck",  # Greek ο, and the word itself
        "Sch\u0435iße",  # Cyrillic е
        "Arschkriecher!",
        "Sie Kackvogel",
        # Written wholly in lookalikes, so no word mixes scripts: Unicode's
        # confusables data folds them to the Latin letters a reader sees.
        "\u0455\u0441\u04bb\u0435\u0456\u0455\u0455\u0435",  # "scheisse", all Cyrillic
        "\u0410\u0455\u0455",  # "Ass": Cyrillic А, ѕ, ѕ
        "\u0455\u04bb\u0456t!",  # "shit", its t the only Latin letter
        "Ihr \u0399di\u03bft",  # Greek capital iota: "Idiot"
    ],
)
def test_evasions_are_held_back(text: str) -> None:
    assert is_offensive(text)


@pytest.mark.parametrize(
    "text",
    [
        "Marsch durch die Institutionen",
        "Ein Barsch im Teich",
        "Die Klasse",
        "Москва",
        "Café",
        "Grüße aus der Straße",
        "Привет, как дела?",
        "Καλημέρα σας",
        "Ist 1 Idee gut?",
    ],
)
def test_ordinary_words_pass(text: str) -> None:
    assert not is_offensive(text)


def test_a_lookalike_question_waits_even_when_questions_go_up_at_once(tmp_path: Path) -> None:
    # From the red-team pass: with moderation set to "post", "Fuсk" with a Cyrillic с
    # was shown to every phone at once.
    deck = load_deck(DEFAULT_DECK)
    store = SessionStore(tmp_path / "s.impuls", deck_source=deck.source, poll_ids=[])
    store.set_question_moderation(Moderation.POST).result()
    store.ask("handy-1", "a1", "Fu\u0441k you all", None).result()
    store.ask("handy-2", "a2", "Wie fange ich an?", None).result()
    # all Cyrillic: no word mixes scripts, folding reads "scheisse"
    store.ask("handy-3", "a3", "\u0455\u0441\u04bb\u0435\u0456\u0455\u0455\u0435!", None).result()
    room = [q.text for q in read_questions(store.reader())]
    store.close()
    assert room == ["Wie fange ich an?"]
