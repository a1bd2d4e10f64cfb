"""Questions from the room in the app: the console's panel, Q on the projector, the live slide.

The real `serve` child process, phones over real HTTP, the real widgets; what the
projector shows is read back from the renderer's drawn text (QSvgGenerator) and
from the audience window's own pixels.
"""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, call, start_live, ticket_of
from tests.support.drawn import drawn_text
from workshop_app.session.questions import Moderation, QuestionAction, QuestionState
from workshop_app.ui.keys import Action
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings


def ask(running: PresentingSession, phone: int, text: str, name: str | None = None) -> int:
    assert running.live is not None
    body = {"code": running.live.info.join_code, "device": ticket_of(running, phone),
            "ask_id": f"ask-{phone}-{abs(hash(text))}", "text": text}  # fmt: skip
    if name:
        body["name"] = name
    status, asked = call(running, "POST", "/api/questions", body)
    assert status == 200, asked
    return int(asked["question"])


def upvote(running: PresentingSession, phone: int, question: int) -> None:
    assert running.live is not None
    status, _ = call(running, "POST", f"/api/questions/{question}/upvotes", {
        "code": running.live.info.join_code, "device": ticket_of(running, phone),
        "upvote_id": f"up-{phone}-{question}", "up": True})  # fmt: skip
    assert status == 200


def select(running: PresentingSession, question: int) -> None:
    panel = running.console.questions
    for row in range(panel.list.count()):
        item = panel.list.item(row)
        item.setSelected(item.data(Qt.ItemDataRole.UserRole) == question)


def state_of(running: PresentingSession, question: int) -> QuestionState | None:
    assert running.live is not None
    found = [q.state for q in running.live.questions if q.id == question]
    return found[0] if found else None


def on_screen(running: PresentingSession) -> int | None:
    """The question the shared state puts on the projector (read anew each time)."""
    return running.state.spotlight


def audience_pixels(running: PresentingSession) -> QImage:
    return running.audience.view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_moderate_project_and_list_questions_from_the_room(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> None:
    running = start_live(qtbot, default_deck, settings, tmp_path / "fragen.impuls")
    try:
        console, state = running.console, running.state
        calm = ask(running, 1, "Wie viel Zeit kostet das pro Woche?", "Inge")
        markup = ask(running, 2, "<b>Fett</b> & <img src=x> – was passiert damit?")
        ask(running, 3, "Ist das nicht alles Bullshit?")
        # New questions are counted on the notes' neighbour tab, without opening it.
        qtbot.waitUntil(lambda: console.side.tabText(1) == "Fragen · 3 neu", timeout=WAIT_MS)
        panel = console.questions
        assert panel.sections.tabText(0) == "Neu (3)"
        flagged = [panel.list.item(r).text() for r in range(panel.list.count())]
        assert any("Bullshit" in t and "vom Filter zurückgehalten" in t for t in flagged)

        for question in (calm, markup):
            select(running, question)
            assert not panel.screen_button.isEnabled()  # not before approval
            qtbot.mouseClick(panel.buttons[QuestionAction.APPROVE], Qt.MouseButton.LeftButton)
            approved = partial(lambda q: state_of(running, q) is QuestionState.APPROVED, question)
            qtbot.waitUntil(approved, timeout=WAIT_MS)
        upvote(running, 4, calm)
        upvote(running, 5, calm)
        qtbot.waitUntil(lambda: console.side.tabText(1) == "Fragen · 1 neu", timeout=WAIT_MS)
        live = running.live
        assert live is not None
        qtbot.waitUntil(lambda: [q.upvotes for q in live.questions if q.id == calm] == [2],
                        timeout=WAIT_MS)  # fmt: skip

        # The live list on the "Ihre Fragen" slide: approved only, most upvoted first,
        # markup as characters.
        listing = next(s.index for s in state.deck.slides if s.questions is not None)
        state.go(listing)
        drawn = html.unescape(drawn_text(running.slideshow.renderer, listing))
        assert "Bullshit" not in drawn
        assert drawn.index("Wie viel Zeit") < drawn.index("Fett")
        assert "▲ 2" in drawn and "– Inge" in drawn
        assert "<b>Fett</b> & <img src=x>" in drawn  # drawn as characters, not as markup

        # Q: the selected question large on the projector; Esc takes it off, nothing more.
        panel.sections.setCurrentIndex(1)  # "Freigegeben"
        select(running, markup)
        running.act(Action.QUESTION)
        assert on_screen(running) == markup
        qtbot.waitUntil(lambda: "FRAGE AUF DER LEINWAND" in console.mode.text(), timeout=WAIT_MS)
        shown = audience_pixels(running)
        expected = QImage(shown.size(), QImage.Format.Format_RGB32)
        expected.fill(QColor("#000000"))  # the letterbox around the canvas, as the view
        painter = QPainter(expected)
        projected = running.slideshow.spotlight()
        assert projected is not None and projected.text.startswith("<b>Fett</b>")
        running.slideshow.renderer.paint_spotlight(
            painter, QRectF(0, 0, shown.width(), shown.height()), projected
        )
        painter.end()
        assert shown == expected  # the audience window shows exactly the question
        running.act(Action.LEAVE)
        assert on_screen(running) is None and running.console.isVisible()  # still presenting
        assert audience_pixels(running) != shown

        # Without a selection Q takes the top question; hiding it takes it off the screen.
        panel.list.clearSelection()
        running.act(Action.QUESTION)
        assert on_screen(running) == calm
        select(running, calm)
        qtbot.mouseClick(panel.buttons[QuestionAction.HIDE], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: on_screen(running) is None, timeout=WAIT_MS)

        # Post-moderation from the console: the next clean question shows at once.
        panel.pre.click()
        qtbot.waitUntil(lambda: running.live is not None
                        and running.live.moderation is Moderation.POST, timeout=WAIT_MS)  # fmt: skip
        later = ask(running, 6, "Und was ist mit Datenschutz?")
        qtbot.waitUntil(lambda: state_of(running, later) is QuestionState.APPROVED,
                        timeout=WAIT_MS)  # fmt: skip
        _, listed = call(running, "GET", "/api/questions", as_phone=7)
        assert [q["text"] for q in listed["questions"]] == [
            "<b>Fett</b> & <img src=x> – was passiert damit?",
            "Und was ist mit Datenschutz?",
        ]
        running.console.side.setCurrentIndex(1)
        running.console.grab().save(str(tmp_path / "konsole-fragen.png"))
    finally:
        running.stop()
