"""File → Export handout…: the real dialog, the real builder in Qt's thread pool, the real PDF."""

from __future__ import annotations

import time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.decks import AFTER
from workshop_app.app import install_qt_translations
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.ballots import ballot_for
from workshop_app.session.store import SessionStore
from workshop_app.ui.export_dialog import ExportDialog, latest_session
from workshop_app.ui.prepared import PreparedDeck


def session_with_votes(path: Path, deck: PreparedDeck) -> Path:
    polls = deck.deck.polls
    store = SessionStore(path, deck_source=deck.deck.source, poll_ids=[p.id for p in polls])
    poll = deck.deck.poll(AFTER)
    store.set_state(poll.id, "open").result()
    for n in range(12):
        store.vote(poll.id, f"phone-{n:012d}", f"v{n}", ballot_for(poll, n % 4)).result()
    store.close()
    return path


def test_export_writes_the_pdf_with_progress(
    qtbot: QtBot, poll_deck: PreparedDeck, tmp_path: Path
) -> None:
    dialog = ExportDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.session.setText(str(session_with_votes(tmp_path / "event.impuls", poll_deck)))
    dialog.out.setText(str(tmp_path / "handout.pdf"))
    dialog.open_after.setChecked(False)  # no PDF viewer in the test
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("results"))
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.export_button.click()
    assert dialog.running and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=30_000)
    assert dialog.progress.value() == 100 and len(seen) > 3  # it moved on the way
    pages = PdfReader(tmp_path / "handout.pdf").pages
    text = "".join(page.extract_text() for page in pages)
    assert "Stimmen: 12 von 12 Geräten" in text
    assert "handout.pdf" in dialog.status.text()


def test_cancel_stops_the_export_and_leaves_no_file(
    qtbot: QtBot, default_deck: PreparedDeck, tmp_path: Path
) -> None:
    dialog = ExportDialog(default_deck.deck)  # the shipped talk: long enough to cancel
    qtbot.addWidget(dialog)
    dialog.session.setText("")  # the deck alone
    dialog.out.setText(str(tmp_path / "cancelled.pdf"))
    dialog.open_after.setChecked(False)
    dialog.export_button.click()
    dialog.cancel_button.click()
    started = time.monotonic()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert time.monotonic() - started < 5
    assert "Abgebrochen" in dialog.status.text()
    assert not (tmp_path / "cancelled.pdf").exists()
    assert not list(tmp_path.glob(".impuls-*"))  # no half-written temporary file either


def test_a_broken_session_file_is_reported_in_the_dialog(
    qtbot: QtBot, poll_deck: PreparedDeck, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.impuls"
    broken.write_bytes(b"not a database at all" * 100)
    dialog = ExportDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.session.setText(str(broken))
    dialog.out.setText(str(tmp_path / "x.pdf"))
    dialog.open_after.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert "broken.impuls" in dialog.status.text()
    assert not (tmp_path / "x.pdf").exists()


def test_the_newest_session_of_the_deck_is_proposed(tmp_path: Path) -> None:
    older = tmp_path / f"{DEFAULT_DECK.stem}-2026-11-20.impuls"
    newer = tmp_path / f"{DEFAULT_DECK.stem}-2026-11-23.impuls"
    for path in (older, newer):
        path.write_bytes(b"")
        time.sleep(0.01)
    (tmp_path / "other-deck-2026-11-24.impuls").write_bytes(b"")
    assert latest_session(DEFAULT_DECK, tmp_path) == newer


def test_the_dialog_leaves_the_notes_out_unless_asked(
    qtbot: QtBot, poll_deck: PreparedDeck, tmp_path: Path
) -> None:
    # Before: the speaker's notes went into every handout and no option left them out.
    dialog = ExportDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.session.setText("")  # the deck alone
    assert dialog.layout_box.currentData() == "slides" and not dialog.with_notes.isChecked()
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("notes"))
    assert dialog.with_notes.isChecked() and not dialog.with_notes.isEnabled()
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("slides"))
    assert not dialog.with_notes.isChecked()  # back to a members' handout: private again
    dialog.out.setText(str(tmp_path / "mitglieder.pdf"))
    dialog.open_after.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=30_000)
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(tmp_path / "mitglieder.pdf").pages).split()
    )
    assert "mit dem Alter im Raum" not in text and "Mehrfach" in text


def test_qts_own_words_are_german_too(qtbot: QtBot, poll_deck: PreparedDeck) -> None:
    # Before: the export dialog said "Cancel" and the file dialog was English.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_qt_translations(app, "de")
    try:
        assert translator is not None
        dialog = ExportDialog(poll_deck.deck)
        qtbot.addWidget(dialog)
        assert dialog.cancel_button.text() == "Abbrechen"
    finally:
        if translator is not None:
            app.removeTranslator(translator)
