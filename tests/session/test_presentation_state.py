"""The Qt-free presentation state: what changes, who is told, and what a new deck keeps."""

from __future__ import annotations

from collections.abc import Callable

from workshop_app.deck import Deck
from workshop_app.deck.parser import parse_deck
from workshop_app.session.presentation_state import Blank, Change, PresentationState


def deck(slides: int, duration: int | None = None) -> Deck:
    head = f"---\nduration: {duration}\n---\n\n" if duration else ""
    return parse_deck(head + "\n\n---\n\n".join(f"# Folie {n}" for n in range(1, slides + 1)))


def test_every_change_is_told_once_and_by_its_kind() -> None:
    state = PresentationState(deck(5), start=1)
    told: list[Change] = []
    stop = state.subscribe(told.append)
    state.next()
    state.go(2)  # already there: nothing to tell
    state.go(99)  # beyond the end: the last slide
    state.toggle_blank(Blank.BLACK)
    state.toggle_freeze()
    state.toggle_join()
    state.set_watching(3)
    state.set_watching(3)
    state.toggle_pause()
    assert told == [Change.SLIDE, Change.SLIDE, Change.SCREEN, Change.SCREEN, Change.SCREEN,
                    Change.WATCHING, Change.TIMER]  # fmt: skip
    assert (state.index, state.blank, state.frozen_at, state.joining) == (4, Blank.BLACK, 4, True)
    state.toggle_blank(Blank.BLACK)
    assert state.blank is Blank.NONE
    stop()
    state.first()
    assert state.index == 0 and len(told) == 8  # no longer told


def test_the_room_keeps_the_frozen_slide_while_the_speaker_moves_on() -> None:
    state = PresentationState(deck(5), start=2)
    state.toggle_freeze()
    state.next()
    assert (state.index, state.audience_index) == (3, 2)
    state.toggle_freeze()
    assert state.audience_index == 3


def test_a_shorter_new_version_keeps_the_speaker_on_the_last_slide() -> None:
    state = PresentationState(deck(6), start=5)
    state.toggle_freeze()
    told: list[Change] = []
    state.subscribe(told.append)
    state.replace_deck(deck(3))
    assert (state.index, state.frozen_at, state.count, told) == (2, 2, 3, [Change.DECK])


def test_a_listener_may_stop_listening_while_it_is_told() -> None:
    state = PresentationState(deck(3))
    told: list[str] = []
    stops: list[Callable[[], None]] = []

    def once(change: Change) -> None:
        told.append("once")
        stops[0]()

    stops.append(state.subscribe(once))
    state.subscribe(lambda change: told.append("always"))
    state.next()
    state.next()
    assert told == ["once", "always", "always"]


def test_each_talk_starts_a_fresh_clock_with_the_decks_duration() -> None:
    now = [1000.0]
    state = PresentationState(deck(2, duration=20), clock=lambda: now[0])
    state.start_timer()
    now[0] += 120
    assert state.timer.elapsed() == 120 and state.timer.remaining() == 18 * 60
    state.replace_deck(deck(2, duration=30))
    state.start_timer()  # the next talk
    assert state.timer.elapsed() == 0 and state.timer.remaining() == 30 * 60
