"""Session files as the real SessionStore writes them, with votes and shows of hands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.support.decks import POLL_TALK, SCALE, SINGLE
from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import Deck
from workshop_app.deck.parser import parse_deck
from workshop_app.session.ballots import ballot_for
from workshop_app.session.store import SessionStore


def presented(folder: Path, name: str, text: str) -> tuple[Deck, SessionStore]:
    """The deck `text` saved as folder/NAME.md and presented: the deck as loaded from
    its file, and its session store at folder/NAME.impuls, open (the test closes it)."""
    deck_path = folder / f"{name}.md"
    deck_path.write_text(text, encoding="utf-8")
    deck = load_deck(deck_path)
    store = SessionStore(folder / f"{name}.impuls", deck_source=deck.source,
                         poll_ids=[p.id for p in deck.polls], deck_path=deck_path)  # fmt: skip
    return deck, store


def recorded(
    path: Path,
    source: str,
    votes: Mapping[str, Sequence[object]],
    hands: Mapping[str, list[int]] | None = None,
) -> Path:
    """The deck `source` presented as a session at `path`: each poll named in `votes`
    (or `hands`) opened, voted on by one phone per choice given, counted by a show of
    hands where `hands` has counts for it, and closed. Polls named in neither never run."""
    deck = parse_deck(source)
    hands = hands or {}
    store = SessionStore(path, deck_source=source, poll_ids=[p.id for p in deck.polls])
    try:
        for poll in deck.polls:
            if poll.id not in votes and poll.id not in hands:
                continue
            store.set_state(poll.id, "open").result(5)
            for n, choice in enumerate(votes.get(poll.id, ())):
                ballot = ballot_for(poll, choice)
                store.vote(poll.id, f"handy-{n:04d}", f"{poll.id}-{n}", ballot).result(5)
            if poll.id in hands:
                store.record_hands(poll.id, hands[poll.id]).result(5)
            store.set_state(poll.id, "close").result(5)
    finally:
        store.close()
    return path


def dated_talk(year: int, *changes: tuple[str, str]) -> str:
    """tests/support/decks.py's talk as given in November of `year` (its `date`), with
    each (old, new) text replaced: a talk as it changes from one year to the next."""
    source = POLL_TALK.replace("lang: de\n", f"lang: de\ndate: {year}-11-1{year % 10}\n")
    for old, new in changes:
        assert old in source, old
        source = source.replace(old, new)
    return source


EVENING = """\
title: Jahresversammlung 2026
date: 2026-12-07
place: Vereinsheim am Markt
talks:
- deck: begruessung.md
  speaker: Anna Muster
- deck: vortraege/kasse.md
  speaker: Bernd Beispiel
  title: Kassenbericht
- deck: ausblick.md
  speaker: Carla Chor
"""
WELCOME = POLL_TALK.replace("title: Probevortrag mit jeder Umfrageart", "title: Begrüßung")
TREASURY = POLL_TALK.replace("title: Probevortrag mit jeder Umfrageart", "title: Kasse")


def evening_files(folder: Path, text: str = EVENING) -> Path:
    """The program `text` at folder/jahresversammlung.impuls-abend, beside the three
    decks EVENING names (begruessung.md, vortraege/kasse.md, ausblick.md); no session."""
    (folder / "vortraege").mkdir(parents=True, exist_ok=True)
    for name, source in (("begruessung.md", WELCOME), ("vortraege/kasse.md", TREASURY),
                         ("ausblick.md", POLL_TALK)):  # fmt: skip
        (folder / name).write_text(source, encoding="utf-8")
    program = folder / "jahresversammlung.impuls-abend"
    program.write_text(text, encoding="utf-8")
    return program


def evening(folder: Path) -> tuple[Path, Path, Path]:
    """An evening of three talks in `folder`: its program, and the session files of the
    two held so far (in the evening's folder in the data folder), with their votes:
    the welcome 3 phones, the treasurer's report 5 and a scale; the third not held."""
    from workshop_app.session.program import load_program, talk_sessions

    program = evening_files(folder)
    first, second, _ = talk_sessions(program, load_program(program))
    first.parent.mkdir(parents=True)
    recorded(first, WELCOME, {SINGLE: [0, 0, 1]})
    recorded(second, TREASURY, {SINGLE: [1, 1, 1, 1, 2], SCALE: [5, 5]})
    return program, first, second
