"""File → Export… for an evening's program: the proceedings (Tagungsband) and the
evening's minutes from the real dialog, opened from the library where the program is
shown, built in Qt's thread pool with progress, and read back (issue 35, item 4)."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, open_window
from tests.support.commands import impuls
from tests.support.evenings import evening_program
from tests.support.sessions import evening
from workshop_app.session.snapshot import open_snapshot
from workshop_app.ui.export_dialog import ExportDialog
from workshop_app.ui.settings import Settings


def pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def test_the_library_exports_an_evenings_proceedings_with_progress(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    program, first, second = evening(tmp_path)
    window = open_window(qtbot, settings)
    window.open_deck(program)  # the program is shown in the library: its form
    qtbot.waitUntil(lambda: window.program_editor.table.rowCount() == 3, timeout=WAIT_MS)
    dialog = window.export_handout()
    assert dialog is not None and dialog.program == program.absolute()
    qtbot.waitExposed(dialog)
    assert dialog.document.currentText() == "Tagungsband des Abends (PDF)"
    assert [dialog.document.itemData(n) for n in range(dialog.document.count())] == [
        "proceedings",
        "minutes",
    ]
    assert Path(dialog.out.text()).name == "jahresversammlung-tagungsband.pdf"
    assert not dialog.layout_box.isVisible() and not dialog.print_colors.isVisible()
    out = tmp_path / "jahresversammlung-tagungsband.pdf"
    dialog.out.setText(str(out))
    dialog.open_after.setChecked(False)  # no PDF viewer in the test
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.export_button.click()
    assert dialog.running and not dialog.export_button.isEnabled()  # not on the GUI thread
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.written == out, dialog.status.text()
    assert dialog.progress.value() == 100 and len(seen) > 3  # it moved on the way
    assert "jahresversammlung-tagungsband.pdf" in dialog.status.text()
    said = pages(out)
    text = " ".join(said)
    assert said[0].startswith("Jahresversammlung 2026 Tagungsband 07.12.2026 Vereinsheim am Markt")
    assert "1. Begrüßung von Anna Muster 3 Handys haben abgestimmt" in text
    assert "Stimmen: 3 von 3 Geräten" in text and "Stimmen: 5 von 5 Geräten" in text
    for session in (first, second):
        assert open_snapshot(session).digest in text
    metadata = PdfReader(out).metadata
    assert metadata is not None and "impuls-proceedings" in str(metadata["/Keywords"])
    checked = impuls("verify", program, out)  # the command reads the dialog's PDF back
    assert checked.returncode == 0 and checked.stdout.count("Stimmt überein") == 2


def test_the_evenings_minutes_from_the_same_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    program, _, _ = evening(tmp_path)
    dialog = ExportDialog(None, program=program)
    qtbot.addWidget(dialog)
    dialog.out.setText(str(tmp_path / "jahresversammlung-tagungsband.pdf"))
    dialog.open_after.setChecked(False)
    dialog.document.setCurrentIndex(dialog.document.findData("minutes"))
    assert dialog.out.text() == str(tmp_path / "jahresversammlung-protokoll.pdf")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.minutes_docx == tmp_path / "jahresversammlung-protokoll.docx"
    paragraphs = [p.text for p in docx.Document(str(dialog.minutes_docx)).paragraphs]
    assert paragraphs[0] == "Protokoll"
    assert any("Begrüßung" in p for p in paragraphs) and any(
        "Kassenbericht" in p for p in paragraphs
    )
    assert "Kassenbericht" in " ".join(pages(tmp_path / "jahresversammlung-protokoll.pdf"))


def test_an_evening_not_held_yet_is_said_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    program = evening_program(tmp_path / "abend")
    dialog = ExportDialog(None, program=program)
    qtbot.addWidget(dialog)
    dialog.out.setText(str(tmp_path / "tagungsband.pdf"))
    dialog.open_after.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.status.text() == (
        f"Export fehlgeschlagen: {program}: noch kein Vortrag des Abends hat eine Sitzungsdatei"
    )
    assert dialog.written is None and not list(tmp_path.glob("*.pdf"))
