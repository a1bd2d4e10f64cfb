"""The talk's details in a form: only the keys it changes, read back by `check`'s reader."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.deck.draft import Draft
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.talk_details import TalkDetails, check_details, read_details, with_details

HEAD = """\
---
marp: true
# Meine Notiz zum Deck
title: Alt
theme: gaia
style: |
  section { color: red; }
paginate: true
---
"""
DECK = HEAD + "\n# Eins\n\n---\n\n# Zwei\n"


def test_changed_keys_are_rewritten_and_every_other_line_kept() -> None:
    draft = Draft.read(DECK)
    details = read_details(draft.head)
    assert (details.title, details.theme, details.paginate) == ("Alt", "gaia", True)
    changed = TalkDetails(title="Sichtbar bleiben: Teil 1", author="Erika Muster",
                          theme="gaia", paginate=False, duration=30)  # fmt: skip
    head = with_details(draft.head, changed)
    assert head == (
        "---", "marp: true", "# Meine Notiz zum Deck", 'title: "Sichtbar bleiben: Teil 1"',
        "theme: gaia", "style: |", "  section { color: red; }", "author: Erika Muster",
        "duration: 30", "---",
    )  # fmt: skip
    deck = parse_deck(Draft(head, draft.slides).text, Path("d.md"))
    assert deck.meta.title == "Sichtbar bleiben: Teil 1"
    assert deck.meta.author == "Erika Muster" and deck.meta.duration_minutes == 30
    assert not deck.meta.paginate
    assert [s.title for s in deck.slides] == ["Eins", "Zwei"]


def test_a_deck_without_front_matter_gets_one() -> None:
    draft = Draft.read("# Eins\n")
    head = with_details(draft.head, TalkDetails(title="Neu", questions=False))
    deck = parse_deck(Draft(head, draft.slides).text)
    assert deck.meta.title == "Neu" and deck.meta.questions is False


def test_a_wrong_value_is_said_as_check_says_it() -> None:
    problems = check_details(TalkDetails(title="T", theme="neon"), ())
    assert [p.message_id for p in problems] == ["frontmatter.unknown_theme"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
@settings(max_examples=150, deadline=None)
def test_any_title_reads_back_as_typed(title: str) -> None:
    draft = Draft.read(DECK)
    head = with_details(draft.head, TalkDetails(title=title, theme="gaia", paginate=True))
    deck = parse_deck(Draft(head, draft.slides).text, Path("d.md"))
    assert deck.meta.title == (title.strip() or "Eins")
