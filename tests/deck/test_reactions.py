"""A deck's reactions: the four by default, none with `reactions: false`, a set of its own
checked entry by entry, with a warning on the line for each it leaves out."""

from __future__ import annotations

from workshop_app.deck.parser import parse_deck
from workshop_app.deck.reactions import DEFAULT_REACTIONS, MOST_REACTIONS, single_emoji


def reactions_of(front: str) -> tuple[tuple[str, ...], list[tuple[int | None, str]]]:
    deck = parse_deck(f"---\ntitle: T\n{front}\n---\n# Eins\n", None)
    return deck.meta.reactions, [(p.line, p.message("de")) for p in deck.warnings]


def test_the_default_four_none_or_the_decks_own() -> None:
    assert reactions_of("lang: de") == (DEFAULT_REACTIONS, [])
    assert reactions_of("reactions: true") == (DEFAULT_REACTIONS, [])
    assert reactions_of("reactions: false") == ((), [])
    assert reactions_of("reactions: [🎉, 👍🏽, 🇩🇪, 👩‍💻, 🎉]") == (("🎉", "👍🏽", "🇩🇪", "👩‍💻"), [])


def test_what_is_not_one_emoji_is_left_out_with_a_warning_on_its_line() -> None:
    chosen, warned = reactions_of("reactions: [👏, gut, 👏👏, <b>x</b>, 1️⃣]")
    assert chosen == ("👏",)
    assert [line for line, _ in warned] == [3, 3, 3, 3]
    assert "„gut“ wird weggelassen" in warned[0][1]
    many, warned = reactions_of("reactions: [😀, 😃, 😄, 😁, 😆, 😅, 😂]")
    assert many == ("😀", "😃", "😄", "😁", "😆", "😅") and len(many) == MOST_REACTIONS
    assert len(warned) == 1 and "😂" in warned[0][1]
    nothing, warned = reactions_of("reactions: Applaus")
    assert nothing == DEFAULT_REACTIONS and len(warned) == 1  # none usable: the four


def test_one_emoji_is_one_emoji() -> None:
    assert all(map(single_emoji, ["👏", "❤️", "❤", "🏳️‍🌈", "🇩🇪", "👍🏻"]))
    assert not any(map(single_emoji, ["", "a", "👏 ", "👏👏", "\u200d👏", "🇩", "1️⃣", "‮👏"]))
