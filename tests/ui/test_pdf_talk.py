"""A speaker's PDF talk with two polls added, from the screen to the handout.

The real app offscreen (pytest-qt), its real voting server, a phone in Chromium,
then `export` and `verify` in subprocesses with the PDF gone from the disk: the
handout must come from the session file alone.
"""

from __future__ import annotations

import http.client
import io
import shutil
from functools import partial
from pathlib import Path

import pytest
from PIL import Image as PILImage
from playwright.sync_api import Browser
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, open_poll, phone_in_the_room, presenting, ticket_of, vote
from tests.support.commands import impuls
from tests.support.pdfs import band, close_to, make_pdf, mixed_deck, page_line, page_title
from tests.support.serving import MANY_DEVICES
from workshop_app.deck import PdfPage
from workshop_app.deck.look import page_pixels
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.presentation_state import Blank
from workshop_app.ui.library import THUMB, LibraryWindow
from workshop_app.ui.live import VotingSetup
from workshop_app.ui.page_pictures import PagePictures
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

Key = Qt.Key


def band_pixel(image: QImage) -> QColor:
    """A pixel in a 16:9 page's coloured band, right of its title, wherever the view
    letterboxes it."""
    scale = min(image.width() / 16, image.height() / 9)
    top = (image.height() - 9 * scale) / 2
    return image.pixelColor(round(image.width() / 2 + 7 * scale), round(top + 0.4 * scale))


def shows(view: QWidget, rgb: tuple[int, int, int]) -> bool:
    return close_to(band_pixel(view.grab().toImage()), rgb)


def rendered(pages: PagePictures, page: PdfPage, size: tuple[int, int]) -> bool:
    return pages.cached(page, *size) is not None


def image_status(running: PresentingSession, slide: int) -> int:
    """What a phone gets asking for the picture of slide `slide` (index from 0)."""
    assert running.live is not None
    connection = http.client.HTTPConnection("127.0.0.1", running.live.info.port, timeout=10)
    connection.request("GET", f"/api/slides/{slide}/images/0",
                       headers={"Authorization": f"Ticket {ticket_of(running, 1)}"})  # fmt: skip
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def test_presenting_a_pdf_by_keys_shows_each_page_sharp_and_renders_ahead(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    prepared = prepare_deck(make_pdf(tmp_path / "vortrag.pdf", 8))
    with presenting(qtbot, settings, prepared) as running:
        view = running.audience.view
        for number in range(1, 6):
            assert running.state.index == number - 1
            qtbot.waitUntil(partial(shows, view, band(number)), timeout=WAIT_MS)
            # The next page is rendered at the audience's size before the key is pressed,
            # in the PDF worker thread, not when it is needed.
            upcoming = running.state.deck.slides[number].page
            assert upcoming is not None
            size = page_pixels(upcoming, prepared.deck.meta.aspect, view.width(), view.height())
            qtbot.waitUntil(partial(rendered, prepared.pages, upcoming, size), timeout=WAIT_MS)
            qtbot.keyClick(running.console, Key.Key_PageDown)
        qtbot.keyClick(running.console, Key.Key_Home)
        assert running.state.index == 0


def test_a_pdf_talk_with_two_polls_runs_from_phones_to_the_handout(
    qtbot: QtBot, settings: Settings, tmp_path: Path, browser: Browser
) -> None:
    from tests.support.app import loaded

    folder = tmp_path / "vortrag"
    folder.mkdir()
    deck_path = mixed_deck(folder)
    session_path = tmp_path / "abend.impuls"
    # The speaker opens the deck in the library and presses F5.
    window = LibraryWindow(settings, deck_path, [], voting=VotingSetup(
        session_path, host="127.0.0.1", port=0, devices_per_address=MANY_DEVICES))  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: loaded(window, deck_path), timeout=WAIT_MS)
    qtbot.keyClick(window, Key.Key_F5)
    running = window.session
    assert running is not None
    qtbot.waitUntil(lambda: running.live is not None and running.live.session_loaded,
                    timeout=WAIT_MS)  # fmt: skip
    try:
        with phone_in_the_room(browser, running) as phone:
            # Page 2 on the wall: the phone shows it as a picture described by its text.
            running.state.go(1)
            shown_picture = """() => {
                const i = document.querySelector("#slide img");
                return i && i.complete && i.naturalWidth > 0 ? {alt: i.alt, src: i.src} : null;
            }"""  # one look at the page: the phone re-renders the slide on every event

            def pictured() -> bool:
                seen = phone.evaluate(shown_picture)
                return seen is not None and page_title(2) in seen["alt"]

            qtbot.waitUntil(pictured, timeout=WAIT_MS)
            seen = phone.evaluate(shown_picture)
            assert page_title(2) in seen["alt"] and page_line(2) in seen["alt"]
            phone.screenshot(path=str(tmp_path / "seite-auf-dem-handy-360.png"))
            assert image_status(running, 1) == 200
            source = seen["src"]
            png = phone.evaluate(
                "async s => Array.from(new Uint8Array(await (await fetch(s)).arrayBuffer()))",
                source,
            )
            shown = PILImage.open(io.BytesIO(bytes(png))).convert("RGB")
            assert shown.width == 720
            assert close_to(shown.getpixel((700, 10)), band(2))
            # Never a page ahead of the room, never while the screen is black.
            assert image_status(running, 2) == 404
            running.state.toggle_blank(Blank.BLACK)
            qtbot.waitUntil(lambda: image_status(running, 1) == 404, timeout=WAIT_MS)
            running.state.toggle_blank(Blank.BLACK)

            # The two polls between the pages.
            open_poll(qtbot, running, "kanal", reveal=True)
            for device, choice in ((1, 0), (2, 0), (3, 2)):
                vote(running, "kanal", device, choice)
            open_poll(qtbot, running, "zeit")
            for device, value in ((1, 1), (2, 2), (4, 2)):
                vote(running, "zeit", device, value)
            qtbot.waitUntil(
                lambda: (t := running.slideshow.live["zeit"].tally) is not None and t.ballots == 3,
                timeout=WAIT_MS,
            )
        qtbot.keyClick(running.console, Key.Key_Escape)  # the talk ends: back to the library
        qtbot.waitUntil(lambda: window.session is None, timeout=WAIT_MS)
    finally:
        running.stop()

    # The organizer exports from the library's dialog, with progress.
    dialog = window.export_handout()
    assert dialog is not None
    dialog.session.setText(str(session_path))
    dialog.out.setText(str(tmp_path / "aus-dem-dialog.pdf"))
    dialog.open_after.setChecked(False)  # no PDF viewer here
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=60_000)
    from_dialog = " ".join(
        p.extract_text() for p in PdfReader(tmp_path / "aus-dem-dialog.pdf").pages
    )
    assert page_line(6) in from_dialog and "Wie viele Stunden pro Woche" in from_dialog

    # And again on a machine without the speaker's PDF: the session file is enough.
    shutil.rmtree(folder)
    handout = tmp_path / "handout.pdf"
    exported = impuls("export", session_path, "--pdf", handout)
    assert exported.returncode == 0, exported.stderr
    reader = PdfReader(handout)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for number in range(1, 7):  # every original page, as text: embedded as vectors
        assert page_title(number) in text and page_line(number) in text
    assert "Welcher Kanal bringt Ihnen die meisten Anfragen?" in text
    assert not any("/Subtype /Image" in str(page.get_object()) for page in reader.pages)
    checked = impuls("verify", session_path, handout)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_library_opens_a_dropped_pdf_and_follows_a_re_export(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    from tests.support.app import loaded, open_window

    window = open_window(qtbot, settings)
    pdf = make_pdf(tmp_path / "aus-powerpoint.pdf", 5)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf))])
    window.dropEvent(QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    qtbot.waitUntil(lambda: loaded(window, pdf), timeout=WAIT_MS)
    assert window.thumbnails.count() == 5
    listed = [window.decks.item(i).text() for i in range(window.decks.count())]
    assert "  aus-powerpoint" in listed  # among the recent at once, not after a restart
    last = window.thumbnails.item(4)
    qtbot.waitUntil(lambda: not last.icon().isNull(), timeout=WAIT_MS)
    assert window.problems.item(0).text() == "Keine Probleme gefunden"
    # The speaker exports again from PowerPoint, with a sixth page: the library follows.
    make_pdf(tmp_path / "neu.pdf", 6).replace(pdf)
    qtbot.waitUntil(lambda: window.thumbnails.count() == 6, timeout=WAIT_MS)


def test_the_overview_of_a_long_pdf_opens_at_once_and_fills_in_from_the_worker(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    prepared = prepare_deck(make_pdf(tmp_path / "lang.pdf", 40))
    with presenting(qtbot, settings, prepared) as running:
        qtbot.keyClick(running.console, Key.Key_Tab)
        grid = running.console.overview
        assert grid.count() == 40 and running.console.overlay == "overview"
        assert running.console._unfilled  # the grid did not wait for PDFium
        qtbot.waitUntil(lambda: not running.console._unfilled, timeout=WAIT_MS)
        for number in (1, 17, 40):  # each cell shows its own page
            icon = grid.item(number - 1).icon().pixmap(THUMB).toImage()
            assert close_to(band_pixel(icon), band(number)), number
        qtbot.keyClick(grid, Key.Key_End)
        qtbot.keyClick(grid, Key.Key_Return)
        assert running.state.index == 39


def converting_in_library(
    qtbot: QtBot, settings: Settings, path: Path, slides: int
) -> tuple[LibraryWindow, Path]:
    """The library, the shipped deck on show, opening a new PowerPoint file of
    `slides` slides, once LibreOffice has started on it."""
    from tests.support.app import loaded, open_window
    from tests.support.office import make_pptx

    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK), timeout=WAIT_MS)
    pptx = make_pptx(path, slides)
    with qtbot.waitSignal(window.loader.converting, timeout=WAIT_MS):
        window.open_deck(pptx)
    return window, pptx


@pytest.mark.libreoffice
def test_the_library_shows_that_libreoffice_works_then_the_powerpoint_slides(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    from tests.support.app import loaded

    window, pptx = converting_in_library(qtbot, settings, tmp_path / "aus-powerpoint.pptx", 3)
    assert window.busy.isVisible()
    assert "wird mit LibreOffice in ein PDF umgewandelt" in window.message.text()
    # Before: the shipped deck's thumbnails, problems and figures stayed meanwhile.
    assert window.thumbnails.count() == 0 and window.problems.count() == 0
    assert window.statusBar().currentMessage().startswith("Lade ")
    qtbot.waitUntil(lambda: loaded(window, pptx), timeout=60_000)
    assert not window.busy.isVisible()
    assert window.thumbnails.count() == 3
    assert window.state is not None and window.state.deck.slides[2].notes.startswith("Notiz 3")


@pytest.mark.libreoffice
def test_the_speaker_cancels_a_conversion_and_the_library_says_so(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    from tests.support.office import soffice_running

    window, _ = converting_in_library(qtbot, settings, tmp_path / "lang.pptx", 40)
    assert window.cancel_conversion.isVisible()
    qtbot.waitUntil(lambda: bool(soffice_running()), timeout=WAIT_MS)
    qtbot.mouseClick(window.cancel_conversion, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.busy.isVisible(), timeout=WAIT_MS)
    assert not window.cancel_conversion.isVisible()
    assert window.message.text() == "Die Umwandlung mit LibreOffice wurde abgebrochen"
    assert window.thumbnails.count() == 0
    qtbot.waitUntil(lambda: soffice_running() == [], timeout=WAIT_MS)  # soffice.bin too


def test_a_deck_loaded_after_its_window_closed_is_dropped_quietly(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Before: the pool's thread raised "Signal source has been deleted" when the
    # library closed (or a test ended) while a PDF was still being read.
    import shiboken6
    from PySide6.QtCore import QThreadPool

    from workshop_app.ui.loading import DeckLoader

    pdf = make_pdf(tmp_path / "vortrag.pdf", 60, with_photos=True)
    loader = DeckLoader()
    loader.load(pdf)
    shiboken6.delete(loader)
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised meanwhile


def test_the_library_and_the_talk_both_hear_of_a_page_rendered_ahead(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The library's slide show and the talk's share one prepared deck; before, only
    # the last one made heard of pages, so the library kept a scaled stand-in.
    from PySide6.QtCore import QSize

    from workshop_app.session.presentation_state import PresentationState
    from workshop_app.ui.slide_show import SlideShow

    prepared = prepare_deck(make_pdf(tmp_path / "vortrag.pdf", 3))
    library = SlideShow(prepared, PresentationState(prepared.deck))
    talk = SlideShow(prepared, PresentationState(prepared.deck))
    heard: list[str] = []
    library.page_arrived.connect(lambda: heard.append("library"))
    talk.page_arrived.connect(lambda: heard.append("talk"))
    assert not library.renderer.prefetch(2, QSize(320, 180))
    qtbot.waitUntil(lambda: {"library", "talk"} <= set(heard), timeout=WAIT_MS)
    talk.close()
    heard.clear()
    assert not library.renderer.prefetch(1, QSize(320, 180))
    qtbot.waitUntil(lambda: heard == ["library"], timeout=WAIT_MS)


def test_rendering_ahead_is_done_only_once_its_pages_have_arrived(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # bench.presenting presses the next key once rendering ahead is done, as a speaker
    # who talks between pages: a page counts as being rendered until its slide shows
    # are told, so "done" never comes while an arrival still waits in the event queue.
    from PySide6.QtCore import QCoreApplication, QSize

    from workshop_app.session.presentation_state import PresentationState
    from workshop_app.ui.slide_show import SlideShow

    prepared = prepare_deck(make_pdf(tmp_path / "vortrag.pdf", 4))
    busy_when_told: list[bool] = []
    stop = prepared.pages.listen(lambda page: busy_when_told.append(prepared.pages.busy()))
    show = SlideShow(prepared, PresentationState(prepared.deck))
    show.want_size(object(), QSize(640, 360))
    assert show.rendering_ahead()

    def done() -> bool:
        if show.rendering_ahead():
            return False
        QCoreApplication.processEvents()  # arrivals queued meanwhile start the next pages
        return not show.rendering_ahead()

    qtbot.waitUntil(done, timeout=WAIT_MS)
    stop()
    assert busy_when_told and all(busy_when_told)
    for index in (1, 2):  # on the first slide: the next one and the one after
        page = prepared.deck.slides[index].page
        assert page is not None
        size = page_pixels(page, prepared.deck.meta.aspect, 640, 360)
        assert rendered(prepared.pages, page, size)
    show.close()


def test_a_page_arriving_at_one_size_keeps_the_slides_already_sharp_at_others(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Each arrival dropped the slide's pictures at every size, so rendering ahead
    # painted the audience's 1920×1080 picture of each new page three times.
    from PySide6.QtCore import QCoreApplication, QSize

    from workshop_app.session.presentation_state import PresentationState
    from workshop_app.ui.slide_show import SlideShow

    prepared = prepare_deck(make_pdf(tmp_path / "vortrag.pdf", 3))
    show = SlideShow(prepared, PresentationState(prepared.deck))
    page = prepared.deck.slides[1].page
    assert page is not None

    def arrived() -> bool:  # every page asked for is in, and its slide shows were told
        if show.rendering_ahead():
            return False
        QCoreApplication.processEvents()
        return not show.rendering_ahead()

    big, small = QSize(640, 360), QSize(320, 180)
    assert not show.renderer.prefetch(1, big)
    qtbot.waitUntil(arrived, timeout=WAIT_MS)
    sharp = show.cache.pixmap(1, big).cacheKey()  # painted from the page at its size
    stand_in = show.cache.pixmap(1, small).cacheKey()  # the big page, scaled: asks for its own
    qtbot.waitUntil(arrived, timeout=WAIT_MS)
    size = page_pixels(page, prepared.deck.meta.aspect, 320, 180)
    assert rendered(prepared.pages, page, size)
    assert show.cache.pixmap(1, big).cacheKey() == sharp
    assert show.cache.pixmap(1, small).cacheKey() != stand_in
    show.close()
