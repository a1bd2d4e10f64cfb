"""A motion's outcome on the projector: the verdict large, the rule applied under the bars,
drawn by the one slide renderer from the one results model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.support.decks import BEITRAG, ENTLASTUNG, MEETING, SATZUNG
from tests.support.drawn import drawn_text, ink
from workshop_app.deck.parser import parse_deck
from workshop_app.session.model import PollState, PollStatus
from workshop_app.session.motion import CardCount
from workshop_app.session.results import Results
from workshop_app.session.tally import PollResults, Tally
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.slide_renderer import SlideRenderer

SHOTS = Path("/tmp/motions")  # looked at by whoever changes the look (not asserted)


def shown(renderer: SlideRenderer, poll_id: str, counts: tuple[int, int, int],
          hands: tuple[int, int, int] = (0, 0, 0), cards: CardCount | None = None,
          revealed: bool = True) -> int:  # fmt: skip
    """The slide of `poll_id` with these counts (revealed or not); returns its index."""
    poll = renderer.deck.poll(poll_id)
    counted = Tally(poll_id, 1, counts, hands, sum(counts), sum(counts))
    status = PollStatus(poll_id, 1, PollState.CLOSED, revealed)
    made = Results.of(poll, counted, cards=cards)
    renderer.live = {poll_id: PollResults(status, counted, made)}
    return renderer.deck.slide_of_poll(poll_id).index


@pytest.fixture
def renderer(qtbot: QtBot) -> SlideRenderer:
    return SlideRenderer(PreparedDeck(parse_deck(MEETING)))


def test_an_adopted_motion_says_so_with_its_rule(renderer: SlideRenderer) -> None:
    index = shown(renderer, ENTLASTUNG, (45, 12, 3))
    drawn = drawn_text(renderer, index)
    assert "ANGENOMMEN" in drawn
    assert ("Angenommen: 45 Ja, 12 Nein, 3 Enthaltungen; erforderlich: einfache Mehrheit."
            in drawn)  # fmt: skip
    SHOTS.mkdir(exist_ok=True)
    image = renderer.image(index)
    image.save(str(SHOTS / "projector-adopted.png"))
    # The plate under the bars carries ink: the verdict is drawn, not only laid out.
    results = renderer.layout(index).results
    assert results is not None
    plate = QRect(int(results.left()) + 40, int(results.bottom()) - 300, 600, 150)
    assert ink(image, plate, QColor(renderer.theme.colors.panel)) > 500


def test_a_rejected_two_thirds_motion_and_a_show_of_hands(renderer: SlideRenderer) -> None:
    index = shown(renderer, SATZUNG, (30, 18, 4), hands=(0, 2, 0))
    drawn = drawn_text(renderer, index)
    assert "ABGELEHNT" in drawn and "ANGENOMMEN" not in drawn
    assert ("Abgelehnt: 30 Ja, 20 Nein, 4 Enthaltungen (davon per Handzeichen: 0 Ja, 2 Nein);"
            " erforderlich: zwei Drittel der abgegebenen Stimmen (34 Ja)." in drawn)  # fmt: skip
    renderer.image(index).save(str(SHOTS / "projector-rejected.png"))


def test_a_motion_without_quorum(renderer: SlideRenderer) -> None:
    index = shown(renderer, BEITRAG, (35, 3, 2), cards=CardCount(120, 40))
    drawn = drawn_text(renderer, index)
    assert "NICHT BESCHLUSSFÄHIG" in drawn
    assert "Nicht beschlussfähig: 40 von 120 Stimmkarten anwesend, erforderlich 60." in drawn
    renderer.image(index).save(str(SHOTS / "projector-no-quorum.png"))


def test_nothing_is_said_before_the_reveal(renderer: SlideRenderer) -> None:
    index = shown(renderer, ENTLASTUNG, (45, 12, 3), revealed=False)
    drawn = drawn_text(renderer, index)
    assert "ANGENOMMEN" not in drawn and "Angenommen" not in drawn
    assert "Wird der Vorstand für 2025 entlastet?" in drawn
