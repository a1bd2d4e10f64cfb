"""The handout says a poll was timed, and for how long (issue 34, item 2): the real PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import decks
from tests.support.pdfs import pdftotext
from workshop_app.deck.parser import parse_deck
from workshop_app.i18n import tr
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import PollAction
from workshop_app.session.store import SessionStore

DECK = parse_deck(decks.COUNTDOWN_TALK)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The timed poll given "+30 s" and run out; the other one run without a countdown."""
    now = [1_800_000_000.0]
    path = tmp_path_factory.mktemp("event") / "uhr.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls],
                         countdowns={decks.TIMED: decks.COUNTDOWN},
                         clock=lambda: now[0])  # fmt: skip
    timed, untimed = DECK.poll(decks.TIMED), DECK.poll(decks.UNTIMED)
    store.set_state(timed.id, PollAction.OPEN).result()
    store.vote(timed.id, "phone-000000000001", "v-1", ballot_for(timed, 0)).result()
    now[0] += 2
    store.set_state(timed.id, PollAction.EXTEND).result()
    now[0] += decks.COUNTDOWN + 30
    store.set_state(timed.id, PollAction.CLOSE).result()  # as the keeper does at the end
    store.set_state(untimed.id, PollAction.OPEN).result()
    store.vote(untimed.id, "phone-000000000001", "v-2", ballot_for(untimed, 1)).result()
    store.set_state(untimed.id, PollAction.CLOSE).result()
    store.close()
    yield path


def test_the_handout_says_which_poll_was_timed_and_how_long(handout: Path) -> None:
    text = " ".join(pdftotext(handout).split())
    said = tr("handout.poll.timed", seconds=decks.COUNTDOWN + 30)
    assert text.count(said) == 1  # the timed poll; the other ran without a countdown
    before, _, after = text.partition(said)
    assert "Wer ist zuerst fertig?" in before.rsplit("Ohne Uhr", 1)[-1]
    assert tr("handout.poll.timed", seconds=0).split(":")[0] not in after
