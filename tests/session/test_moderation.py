"""The profanity filter and the word counts behind the word cloud."""

from __future__ import annotations

import pytest

from workshop_app.session.moderation import frequent_words, is_offensive


@pytest.mark.parametrize(
    "text",
    ["Das ist eine Scheißidee", "scheiss drauf", "F.u.c.k this", "You ass", "Sch3iss", "Arsch",
     "Hurensohn!", "what a bullshit plan"],
)  # fmt: skip
def test_offensive_answers_are_caught(text: str) -> None:
    assert is_offensive(text)


@pytest.mark.parametrize(
    "text",
    ["Datenschutz", "class act", "Hurra, endlich!", "Dickicht der Vorschriften", "Passwort",
     "Mehr Mut zur Lücke", "Shitstorm-Angst", "Assistenz der Geschäftsführung"],
)  # fmt: skip
def test_ordinary_answers_pass(text: str) -> None:
    assert not is_offensive(text)


def test_frequent_words_ignore_case_stop_words_and_short_words() -> None:
    words = frequent_words(
        ["Mehr Mut zur Lücke", "mut und KMU", "KMU, KMU!", "<b>Budget</b> & KMU"]
    )
    assert words[:3] == [("KMU", 4), ("Mut", 2), ("Budget", 1)]
    assert all(w.casefold() not in {"und", "zur", "b"} for w, _ in words)


def test_the_word_cloud_leaves_out_the_rehearsals_filler_words() -> None:
    # From the rehearsal: "dort", "soll", "machen", "Außerdem" led the cloud.
    answers = [
        "Außerdem soll man dort Datenschutz machen",
        "Datenschutz: dort soll man es machen",
        "Außerdem fehlt Zeit, das machen wir dort nicht",
        "Zeit und Datenschutz",
    ]
    words = [word for word, _ in frequent_words(answers)]
    assert words[:2] == ["Datenschutz", "Zeit"]
    assert not {"dort", "soll", "machen", "Außerdem"} & set(words)
