"""The answer that rules out the others, in the forms speakers write it (rehearsal)."""

from __future__ import annotations

import pytest

from workshop_app.deck.parser import parse_deck


def multiple(last: str) -> int | None:
    deck = parse_deck(
        "# A\n\n```poll\nid: k\ntype: multiple\nquestion: Welche?\n"
        f"options: [Website, Newsletter, '{last}']\n```\n",
        None,
    )
    return deck.polls[0].exclusive


@pytest.mark.parametrize(
    "last",
    ["Keiner davon", "Keins davon", "Keine von diesen", "Nichts davon", "Keines.", "None of the above",
     "Neither", "keiner der genannten"],
)  # fmt: skip
def test_none_of_these_in_its_everyday_forms(last: str) -> None:
    # "Keiner davon" could be ticked with "Website" at the rehearsal: both were counted.
    assert multiple(last) == 2


@pytest.mark.parametrize("last", ["Keine Zeit", "Kein Budget", "Nichts Neues", "Newsletter 2"])
def test_answers_that_only_begin_like_it_are_answers(last: str) -> None:
    assert multiple(last) is None
