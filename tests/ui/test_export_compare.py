"""File → Export handout… with earlier sessions: the comparison beside the handout (issue 35, 5).

The real dialog, the real builders in Qt's thread pool, two real session files,
and the PDF read back.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.decks import SINGLE
from tests.support.pdfs import pdftotext
from tests.support.sessions import dated_talk, recorded
from workshop_app.session.snapshot import open_snapshot
from workshop_app.ui.export_dialog import ExportDialog


def test_the_dialog_writes_the_comparison_with_earlier_sessions_beside_the_handout(
    qtbot: QtBot, tmp_path: Path
) -> None:
    earlier = recorded(tmp_path / "herbst-2025.impuls", dated_talk(2025), {SINGLE: [0, 0, 1]})
    now = recorded(tmp_path / "herbst-2026.impuls", dated_talk(2026), {SINGLE: [1, 1, 1, 0]})
    dialog = ExportDialog(open_snapshot(now).deck)
    qtbot.addWidget(dialog)
    assert dialog.earlier_label.text() == "keinen früheren Sitzungen (nur das Handout)"
    dialog.session.setText(str(now))
    dialog.out.setText(str(tmp_path / "handout.pdf"))
    dialog.open_after.setChecked(False)  # no PDF viewer in the test
    dialog.set_earlier([earlier, now])  # the session itself, chosen too, is left out
    assert dialog.earlier_label.text() == "herbst-2025.impuls, herbst-2026.impuls"
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.written == tmp_path / "handout.pdf"
    assert dialog.compared == tmp_path / "handout-vergleich.pdf"
    text = " ".join(pdftotext(dialog.compared).split())
    assert "Im Vergleich: Nov. 2025 · Nov. 2026" in text
    assert "67 → 25 % A Pflicht −42 Pp." in text and "33 → 75 % B Kür +42 Pp." in text
    # what it compared; the polls neither session ran are not worth a line
    assert dialog.status.text().splitlines()[1:] == [
        "Dazu handout-vergleich.pdf: 1 Umfrage verglichen: Nov. 2025 · Nov. 2026"
    ]
