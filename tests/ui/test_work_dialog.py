"""ui/work_dialog.py: the dialog that runs one piece of work off the GUI thread, with
progress and Cancel, which the export and the voting cards share."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot

from workshop_app.handout.document import CancelledError
from workshop_app.session.snapshot import SnapshotError
from workshop_app.ui.work_dialog import Job, WorkDialog


class _Probe(WorkDialog):
    """A dialog whose work waits at a gate the test opens, then does what it is told."""

    failures = (SnapshotError, OSError)

    def __init__(self) -> None:
        super().__init__("Probe", "Los")
        self.lay_out(QFormLayout())
        self.started, self.gate = threading.Event(), threading.Event()
        self.worker: int | None = None
        self.results: list[object] = []
        self.raising: Exception | None = None

    def start(self) -> None:
        def work(job: Job) -> str:
            self.worker = threading.get_ident()
            job.progress(0.25)
            self.started.set()
            assert self.gate.wait(30)
            if job.stopped():
                raise CancelledError
            if self.raising is not None:
                raise self.raising
            job.progress(0.5)
            return "fertig"

        self.run(work, "läuft …")

    def work_done(self, result: object) -> None:
        self.results.append(result)


def _started(qtbot: QtBot) -> _Probe:
    dialog = _Probe()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start_button.click()
    qtbot.waitUntil(dialog.started.is_set)
    assert dialog.running and not dialog.start_button.isEnabled()
    assert dialog.status.text() == "läuft …"
    return dialog


def test_the_work_runs_off_the_gui_thread_and_its_result_comes_back(qtbot: QtBot) -> None:
    dialog = _started(qtbot)
    assert dialog.worker is not None and dialog.worker != threading.get_ident()
    qtbot.waitUntil(lambda: dialog.progress.value() == 25)  # while the work waits
    dialog.gate.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.results == ["fertig"] and dialog.progress.value() == 50
    assert dialog.start_button.isEnabled()
    assert dialog.cancel_button.text() == "Schließen"  # done: nothing left to cancel
    dialog.start_button.click()  # once more: while it runs, the button cancels again
    assert dialog.running and dialog.cancel_button.text() == "Abbrechen"
    qtbot.waitUntil(lambda: not dialog.running)  # (its gate is open: it ends at once)
    assert dialog.results == ["fertig", "fertig"]


def test_escape_while_it_runs_cancels_and_then_closes(qtbot: QtBot) -> None:
    dialog = _started(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not closed: the work is asked to stop
    dialog.gate.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.isVisible() and dialog.results == []
    assert dialog.status.text() == "Abgebrochen – es wurde keine Datei geschrieben."
    assert dialog.progress.value() == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_failure_is_said_in_the_status_line(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _started(qtbot)
    dialog.raising = SnapshotError("missing", tmp_path / "weg.impuls")  # in its own words
    dialog.gate.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.status.text().startswith("Export fehlgeschlagen: ")
    assert "weg.impuls" in dialog.status.text() and "missing" not in dialog.status.text()
    assert dialog.results == [] and dialog.start_button.isEnabled()
