"""File → Print voting cards…: the real dialog, the real printing in Qt's thread pool."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.support.cards import decoded
from workshop_app.session.cards import CardKey, keep_key, load_key
from workshop_app.session.paths import sessions_dir
from workshop_app.ui.cards_dialog import AddressFound, CardsDialog
from workshop_app.ui.prepared import PreparedDeck


def test_the_dialog_prints_the_days_cards_with_progress(
    qtbot: QtBot, poll_deck: PreparedDeck, tmp_path: Path
) -> None:
    dialog = CardsDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.count.setValue(26)
    dialog.day.setDate(QDate(2027, 3, 14))  # printed days before the meeting
    assert "-2027-03-14.impuls" in dialog.session_label.text()
    dialog.url.setText("http://10.0.0.5:8765")
    dialog.out.setText(str(tmp_path / "karten.pdf"))
    dialog.open_after.setChecked(False)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.print_button.click()
    assert dialog.running and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=30_000)
    assert seen[-1] == 100 and len(seen) >= 3  # a step per sheet, three sheets
    assert "Stimmkarten 1 bis 26" in dialog.status.text()
    session = sessions_dir() / f"{Path(poll_deck.deck.path or '').stem}-2027-03-14.impuls"
    key = load_key(session)
    assert key is not None and key.issued == 26
    texts = [text for sheet in decoded(tmp_path / "karten.pdf") for text, _ in sheet]
    assert len(texts) == 26 and all(t.startswith("http://10.0.0.5:8765/?code=") for t in texts)


def test_cancel_issues_nothing(qtbot: QtBot, poll_deck: PreparedDeck, tmp_path: Path) -> None:
    dialog = CardsDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.count.setValue(3000)  # 250 sheets: long enough to cancel
    dialog.out.setText(str(tmp_path / "karten.pdf"))
    dialog.open_after.setChecked(False)
    dialog.print_button.click()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert "keine Karten ausgegeben" in dialog.status.text()
    assert not (tmp_path / "karten.pdf").exists() and dialog.printed is None
    assert load_key(dialog.session()) is None  # no key, no record: nothing was issued


def test_more_cards_for_a_day_name_the_port_its_first_cards_named(
    qtbot: QtBot, poll_deck: PreparedDeck
) -> None:
    """The voting server listens on the port the day's cards named (the card key keeps it).
    The dialog offered 8765 every time, so a second print run from the app moved the server
    and left the first batch's QR codes pointing at nothing, as `impuls cards` did."""
    dialog = CardsDialog(poll_deck.deck)
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2027, 3, 14))
    dialog.session().parent.mkdir(parents=True, exist_ok=True)
    keep_key(dialog.session(), CardKey(bytes(32), issued=40, port=8000))
    dialog.day.setDate(QDate(2027, 3, 15))  # another day: its cards named none
    qtbot.waitUntil(lambda: dialog.url.text().endswith(":8765"), timeout=10_000)
    dialog.day.setDate(QDate(2027, 3, 14))
    qtbot.waitUntil(lambda: dialog.url.text().endswith(":8000"), timeout=10_000)
    assert dialog.url.text().startswith("http://")
    dialog.url.setText("http://192.168.1.20:9000")  # the organizer's own: it stays
    dialog.day.setDate(QDate(2027, 3, 15))
    dialog.day.setDate(QDate(2027, 3, 14))
    qtbot.waitUntil(lambda: not dialog.findChildren(AddressFound), timeout=10_000)  # all told
    assert dialog.url.text() == "http://192.168.1.20:9000"
