"""File → Export…, "Protokoll": the minutes' .docx and PDF from the real dialog, built in
Qt's thread pool with progress, read back (issue 35, item 3)."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from tests.support.decks import POLL_TALK, SINGLE
from tests.support.sessions import recorded
from workshop_app.session.snapshot import open_snapshot
from workshop_app.ui.export_dialog import ExportDialog

LINE = "Was ist das Thema für Ihr Haus? – Pflicht 1 · 25 %; Kür 3 · 75 %"


def test_the_dialog_writes_the_minutes_as_docx_and_pdf_with_progress(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session = recorded(tmp_path / "abend.impuls", POLL_TALK, {SINGLE: [0, 1, 1, 1]})
    dialog = ExportDialog(open_snapshot(session).deck)
    qtbot.addWidget(dialog)
    dialog.session.setText(str(session))
    dialog.out.setText(str(tmp_path / "abend-handout.pdf"))
    dialog.open_after.setChecked(False)  # no word processor in the test
    dialog.document.setCurrentIndex(dialog.document.findData("minutes"))
    assert dialog.out.text() == str(tmp_path / "abend-protokoll.pdf")
    assert not dialog.layout_box.isEnabled() and not dialog.print_colors.isEnabled()
    assert dialog.open_after.text() == "Protokoll (.docx) danach öffnen"
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.export_button.click()
    assert dialog.running
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.written == tmp_path / "abend-protokoll.pdf"
    assert dialog.minutes_docx == tmp_path / "abend-protokoll.docx"
    assert dialog.progress.value() == 100 and len(seen) > 3  # it moved on the way
    assert dialog.status.text().splitlines()[1] == "Dazu abend-protokoll.docx zum Bearbeiten"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(dialog.written).pages)
    assert LINE in text
    paragraphs = [p.text for p in docx.Document(str(dialog.minutes_docx)).paragraphs]
    assert paragraphs[0] == "Protokoll"
    assert any(p.startswith(LINE) for p in paragraphs)
    # back to the handout: its name and its choices again
    dialog.document.setCurrentIndex(dialog.document.findData("handout"))
    assert dialog.out.text() == str(tmp_path / "abend-handout.pdf")
    assert dialog.layout_box.isEnabled()


def test_the_minutes_need_a_session(qtbot: QtBot, tmp_path: Path) -> None:
    session = recorded(tmp_path / "abend.impuls", POLL_TALK, {SINGLE: [0]})
    dialog = ExportDialog(open_snapshot(session).deck)
    qtbot.addWidget(dialog)
    dialog.session.setText("")
    dialog.out.setText(str(tmp_path / "protokoll.pdf"))
    dialog.document.setCurrentIndex(dialog.document.findData("minutes"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert "Für das Protokoll eine Sitzungsdatei wählen" in dialog.status.text()
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))
