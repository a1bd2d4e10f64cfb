"""A Beamer PDF with notes on the second screen, presented: the real console and
audience window offscreen, looked at as pictures (copies in /tmp/helperG when it
exists, to be looked at by a person)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, presenting
from tests.support.pdfs import NOTES_PDF, NOTES_YELLOW, SLIDE_BLUE, close_to
from workshop_app.i18n import tr
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.settings import PDF_NOTES_HALF, Settings

LOOKED_AT = Path("/tmp/helperG")


@pytest.fixture
def beamer_pdf(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "vortrag.pdf"
    shutil.copyfile(NOTES_PDF, path)
    yield path
    Settings().set(PDF_NOTES_HALF, True)  # the app's own store, shared in this process


def color_at(widget: QWidget, x: float, y: float) -> QColor:
    """The colour at a share of the widget's width and height."""
    image: QImage = widget.grab().toImage()
    return image.pixelColor(round(x * (image.width() - 1)), round(y * (image.height() - 1)))


def keep(widget: QWidget, name: str) -> None:
    if LOOKED_AT.is_dir():
        widget.grab().save(str(LOOKED_AT / name))


def test_the_room_sees_the_slide_half_and_the_console_the_notes_half(
    qtbot: QtBot, tmp_path: Path, beamer_pdf: Path
) -> None:
    settings = Settings(QSettings(str(tmp_path / "impuls.ini"), QSettings.Format.IniFormat))
    with presenting(qtbot, settings, prepare_deck(beamer_pdf)) as running:
        audience, console = running.audience.view, running.console
        running.audience.resize(1280, 720)
        # The whole projector is the slide: no notes on its right, no bars above it
        # (before: a 32:9 page letterboxed, the notes half on the right of the wall).
        qtbot.waitUntil(lambda: all(close_to(color_at(audience, x, y), SLIDE_BLUE)
                                    for x, y in ((0.75, 0.5), (0.5, 0.05), (0.98, 0.95))),
                        timeout=WAIT_MS)  # fmt: skip
        # The console shows the notes half as a picture, says why, and offers whole pages.
        assert console.notes_page.isVisible()
        qtbot.waitUntil(lambda: close_to(color_at(console.notes_page, 0.5, 0.5), NOTES_YELLOW),
                        timeout=WAIT_MS)  # fmt: skip
        assert not console.notes.isVisible()  # its words are the picture's: not twice
        assert console.notes_guess.text() == tr("console.pdf_notes_half")
        assert console.notes_switch.text() == tr("console.pdf_notes_whole")
        # The current and next previews are slide halves too.
        qtbot.waitUntil(lambda: close_to(color_at(console.current, 0.75, 0.5), SLIDE_BLUE),
                        timeout=WAIT_MS)  # fmt: skip
        keep(console, "console-beamer-notes.png")
        keep(running.audience, "audience-beamer-notes.png")
        running.state.go(1)
        qtbot.waitUntil(lambda: close_to(color_at(console.notes_page, 0.5, 0.5), NOTES_YELLOW),
                        timeout=WAIT_MS)  # fmt: skip


def test_the_speaker_can_show_whole_pages_and_take_it_back(
    qtbot: QtBot, tmp_path: Path, beamer_pdf: Path
) -> None:
    settings = Settings(QSettings(str(tmp_path / "impuls.ini"), QSettings.Format.IniFormat))
    with presenting(qtbot, settings, prepare_deck(beamer_pdf)) as running:
        audience, console = running.audience.view, running.console
        running.audience.resize(1280, 720)
        running.state.go(2)
        qtbot.waitUntil(lambda: close_to(color_at(audience, 0.75, 0.5), SLIDE_BLUE),
                        timeout=WAIT_MS)  # fmt: skip
        console.notes_switch.click()
        # Read again off the GUI thread: the whole page on the wall, on the same slide.
        qtbot.waitUntil(lambda: close_to(color_at(audience, 0.75, 0.5), NOTES_YELLOW),
                        timeout=WAIT_MS)  # fmt: skip
        assert running.state.index == 2
        assert Settings().get(PDF_NOTES_HALF) is False
        assert not console.notes_page.isVisible()
        assert console.notes_guess.text() == tr("console.pdf_notes_off")
        assert console.notes_switch.text() == tr("console.pdf_notes_split")
        keep(console, "console-beamer-whole-pages.png")
        console.notes_switch.click()
        qtbot.waitUntil(lambda: close_to(color_at(audience, 0.75, 0.5), SLIDE_BLUE),
                        timeout=WAIT_MS)  # fmt: skip
        assert Settings().get(PDF_NOTES_HALF) is True
        qtbot.waitUntil(console.notes_page.isVisible, timeout=WAIT_MS)
