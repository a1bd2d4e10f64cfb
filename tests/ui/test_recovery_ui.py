"""The editor's safety net: text written while typing, survived kill -9, and the
questions after a crash or a change on disk, answered by clicking their buttons."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from workshop_app.deck.recovery import Recovered, RecoveryStore, digest
from workshop_app.i18n import set_language
from workshop_app.paths import ROOT
from workshop_app.ui.recovery import (
    Autosaver,
    DiskChangedBox,
    DiskChoice,
    RecoveryBox,
    RecoveryChoice,
    ask_disk_changed,
    disk_changed_box,
    offer_recovery,
    recovery_box,
    settle_disk_changed,
    settle_recovery,
)

ON_DISK = "# Vortrag\n\nWie gespeichert.\n"
MINE = "# Vortrag\n\nWie getippt – noch nicht gespeichert.\n"
SAVED_AT = datetime(2026, 12, 7, 14, 3).astimezone()

_Box = TypeVar("_Box", bound=QMessageBox)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "vortrag.md"
    path.write_bytes(ON_DISK.encode("utf-8"))
    return path


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


@pytest.fixture
def saver(qtbot: QtBot, store: RecoveryStore) -> Iterator[Autosaver]:
    autosaver = Autosaver(store, quiet_ms=50, longest_ms=10_000)
    yield autosaver
    assert autosaver.flush(10_000)


def _recovered(store: RecoveryStore, deck: Path, text: str = MINE) -> Recovered:
    store.save(deck, text, digest(ON_DISK))
    found = store.pending(deck)
    assert found is not None
    return Recovered(found.deck, found.text, SAVED_AT, found.base, found.file)


def _answer_when_shown(kind: type[_Box], pick: Callable[[_Box], None]) -> None:
    """Click in the modal `kind` box as soon as its exec() shows it."""
    poll = QTimer(QApplication.instance(), interval=10)  # Qt's to delete, not Python's

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, kind) and box.isVisible():
            poll.stop()
            poll.deleteLater()
            pick(box)

    poll.timeout.connect(look)
    poll.start()


# ------------------------------------------------------------------ Autosaver


def test_typing_is_written_once_after_a_pause(
    qtbot: QtBot, saver: Autosaver, store: RecoveryStore, deck: Path
) -> None:
    written: list[str] = []
    saver.saved.connect(lambda _deck, text: written.append(text))
    for n in range(5):
        saver.schedule(deck, f"{MINE}{n}", digest(ON_DISK))
    with qtbot.waitSignal(saver.saved, timeout=5000):
        pass
    assert written == [f"{MINE}4"]
    found = store.pending(deck)
    assert found is not None and found.text == f"{MINE}4" and found.base == digest(ON_DISK)


def test_typing_without_a_pause_is_still_written_every_so_often(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    saver = Autosaver(store, quiet_ms=300, longest_ms=400)
    written: list[str] = []
    saver.saved.connect(lambda _deck, text: written.append(text))
    typed = [0]

    def keystroke() -> None:
        typed[0] += 1
        saver.schedule(deck, f"{MINE}{typed[0]}", None)

    typing = QTimer(interval=30)
    typing.timeout.connect(keystroke)
    typing.start()
    try:
        qtbot.waitUntil(lambda: len(written) >= 2, timeout=10_000)  # no pause of 300 ms
    finally:
        typing.stop()
        assert saver.flush(10_000)
    assert written[0] != written[1]


class _SlowStore(RecoveryStore):
    """Takes its time writing, and notes overlapping writes and the threads used."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.lock = threading.Lock()
        self.active = 0
        self.most_active = 0
        self.threads: set[int] = set()
        self.started = threading.Event()

    def save(self, deck: Path, text: str, base: str | None) -> Path:
        with self.lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
            self.threads.add(threading.get_ident())
        self.started.set()
        try:
            time.sleep(0.05)
            return super().save(deck, text, base)
        finally:
            with self.lock:
                self.active -= 1


def test_writes_run_in_the_pool_one_at_a_time_and_the_newest_wins(
    qtbot: QtBot, tmp_path: Path, deck: Path
) -> None:
    slow = _SlowStore(tmp_path / "recovery")
    saver = Autosaver(slow, quiet_ms=0)
    for n in range(20):
        saver.schedule(deck, f"{MINE}{n}", None)
        qtbot.wait(7)  # each keystroke's timer fires: writes pile up behind the running one
    assert saver.flush(10_000)
    assert slow.most_active == 1
    assert threading.get_ident() not in slow.threads  # the GUI thread never wrote
    found = slow.pending(deck)
    assert found is not None and found.text == f"{MINE}19"


def test_discard_waits_for_a_write_under_way(qtbot: QtBot, tmp_path: Path, deck: Path) -> None:
    slow = _SlowStore(tmp_path / "recovery")
    saver = Autosaver(slow, quiet_ms=0)
    saver.schedule(deck, MINE, None)
    qtbot.waitUntil(slow.started.is_set, timeout=5000)
    saver.schedule(deck, MINE + "mehr", None)  # still waiting for quiet: dropped by discard
    with qtbot.waitSignal(saver.discarded, timeout=5000) as gone:
        saver.discard(deck)
    assert gone.args == [deck]
    assert saver.flush(10_000) and not saver.busy()
    assert slow.pending(deck) is None
    assert list(slow.folder.glob("*.recovery")) == []


def test_flush_writes_what_waits_for_a_pause(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    saver = Autosaver(store, quiet_ms=60_000)
    told: list[list[object]] = []
    saver.saved.connect(lambda *args: told.append(list(args)))
    saver.schedule(deck, MINE, None)
    assert saver.busy()
    assert saver.flush(10_000)
    found = store.pending(deck)
    assert found is not None and found.text == MINE
    qtbot.waitUntil(lambda: told == [[deck, MINE]], timeout=5000)  # with the event loop


def test_a_failed_write_is_reported_and_the_next_one_works(
    qtbot: QtBot, tmp_path: Path, deck: Path
) -> None:
    blocked = tmp_path / "kein-ordner"
    blocked.write_text("eine Datei, wo der Ordner sein sollte", encoding="utf-8")
    saver = Autosaver(RecoveryStore(blocked), quiet_ms=0)
    with qtbot.waitSignal(saver.failed, timeout=5000) as failed:
        saver.schedule(deck, MINE, None)
    assert failed.args[0] == deck and failed.args[1]
    blocked.unlink()
    with qtbot.waitSignal(saver.saved, timeout=5000):
        saver.schedule(deck, MINE, None)
    assert saver.flush(10_000)


_TYPIST = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workshop_app.deck.recovery import RecoveryStore
from workshop_app.ui.recovery import Autosaver


def text(n: int) -> str:
    return f"Stand {n}\\n" + "Eine Zeile auf einer Folie, die der Redner tippt.\\n" * 20_000


app = QApplication([])
deck, folder = Path(sys.argv[1]), Path(sys.argv[2])
saver = Autosaver(RecoveryStore(folder), quiet_ms=10, longest_ms=50)
saver.saved.connect(lambda _deck, saved: print("saved", saved.split()[1], flush=True))
typed = 0


def keystroke() -> None:
    global typed
    typed += 1
    saver.schedule(deck, text(typed), None)


typing = QTimer(interval=5)
typing.timeout.connect(keystroke)
typing.start()
app.exec()
"""


def _text(n: int) -> str:
    return f"Stand {n}\n" + "Eine Zeile auf einer Folie, die der Redner tippt.\n" * 20_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 of a Linux process")
def test_kill_9_while_typing_leaves_the_last_acknowledged_text_or_a_later_one(
    tmp_path: Path, deck: Path
) -> None:
    folder = tmp_path / "recovery"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with (tmp_path / "typist.err").open("wb") as errors:
        typist = subprocess.Popen(
            [sys.executable, "-c", _TYPIST, str(deck), str(folder)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=ROOT,
            text=True,
        )
    lines: queue.Queue[str] = queue.Queue()
    assert typist.stdout is not None
    out = typist.stdout

    def read() -> None:
        for line in out:
            lines.put(line)

    reader = threading.Thread(target=read)
    reader.start()
    acknowledged: list[int] = []
    try:
        while len(acknowledged) < 3:  # a few writes in: the kill lands amid the next ones
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                pytest.fail("the typist never said 'saved': " + _errors(tmp_path))
            word, told = line.split()
            assert word == "saved"
            acknowledged.append(int(told))
        # Kill amid the next write: its temporary file is there, not yet renamed.
        deadline = time.monotonic() + 60
        while not any(folder.glob(".impuls-*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.001)
    finally:
        os.kill(typist.pid, signal.SIGKILL)
        typist.wait(timeout=30)
        reader.join(timeout=30)
        typist.stdout.close()
    assert typist.returncode == -signal.SIGKILL
    found = RecoveryStore(folder).pending(deck)
    assert found is not None
    number = int(found.text.split()[1])
    assert number >= acknowledged[-1]
    assert found.text == _text(number)  # whole, never half of one and half of another


def _errors(tmp_path: Path) -> str:
    return (tmp_path / "typist.err").read_text(encoding="utf-8", errors="replace")


# ------------------------------------------------------------------ after a crash


def test_the_offer_names_the_deck_and_when_in_the_readers_words(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    box = recovery_box(None, _recovered(store, deck))
    qtbot.addWidget(box)
    assert box.text() == (
        "Für „vortrag.md“ gibt es ungespeicherten Text vom 07.12.2026, 14:03. Wiederherstellen?"
    )
    assert "vortrag.wiederhergestellt.md" in box.informativeText()
    assert "außerhalb" not in box.informativeText()  # the file is still the edit's base
    labels = {button.text() for button in box.buttons()}
    assert labels == {"Wiederherstellen", "Verwerfen", "Beide behalten"}


def test_the_offer_in_english_and_after_a_change_on_disk(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    recovered = _recovered(store, deck)
    deck.write_text("von außen geändert", encoding="utf-8")
    set_language("en")
    box = recovery_box(None, recovered)
    qtbot.addWidget(box)
    assert box.text() == (
        "There is unsaved text for “vortrag.md” from 7 December 2026, 14:03. Restore it?"
    )
    assert "changed outside Impuls" in box.informativeText()
    assert "vortrag.recovered.md" in box.informativeText()
    assert {b.text() for b in box.buttons()} == {"Restore", "Discard", "Keep both"}


def _click(qtbot: QtBot, box: QMessageBox, label: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _answered(qtbot: QtBot, box: QMessageBox, label: str | None) -> None:
    """`box` opened as the app opens it, then the button `label` clicked (None:
    closed with Escape), until it has finished."""
    box.open()
    with qtbot.waitSignal(box.finished, timeout=5000):
        if label is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            _click(qtbot, box, label)


def test_restore_gives_the_text_back_and_keeps_it_until_saved(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    recovered = _recovered(store, deck)
    box = recovery_box(None, recovered)
    qtbot.addWidget(box)
    _answered(qtbot, box, "Wiederherstellen")
    assert box.choice() is RecoveryChoice.RESTORE
    assert settle_recovery(box.choice(), recovered, store) == MINE
    assert store.pending(deck) is not None  # a second crash before saving loses nothing
    assert deck.read_bytes() == ON_DISK.encode("utf-8")


def test_discard_forgets_the_text(qtbot: QtBot, store: RecoveryStore, deck: Path) -> None:
    recovered = _recovered(store, deck)
    box = recovery_box(None, recovered)
    qtbot.addWidget(box)
    _answered(qtbot, box, "Verwerfen")
    assert box.choice() is RecoveryChoice.DISCARD
    assert settle_recovery(box.choice(), recovered, store) is None
    assert store.pending(deck) is None
    assert deck.read_bytes() == ON_DISK.encode("utf-8")


def test_keep_both_from_the_modal_question_puts_the_text_beside_the_deck(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    recovered = _recovered(store, deck)
    _answer_when_shown(RecoveryBox, lambda box: _click(qtbot, box, "Beide behalten"))
    assert offer_recovery(None, recovered, store) is None
    assert deck.read_bytes() == ON_DISK.encode("utf-8")
    kept = deck.with_name("vortrag.wiederhergestellt.md")
    assert kept.read_bytes() == MINE.encode("utf-8")
    assert store.pending(deck) is None


def test_restore_from_the_modal_question(qtbot: QtBot, store: RecoveryStore, deck: Path) -> None:
    recovered = _recovered(store, deck)
    _answer_when_shown(RecoveryBox, lambda box: box.restore_button.click())
    assert offer_recovery(None, recovered, store) == MINE


def test_closing_the_offer_unanswered_loses_nothing(
    qtbot: QtBot, store: RecoveryStore, deck: Path
) -> None:
    recovered = _recovered(store, deck)
    box = recovery_box(None, recovered)
    qtbot.addWidget(box)
    _answered(qtbot, box, None)
    assert box.choice() is RecoveryChoice.KEEP_BOTH
    assert settle_recovery(box.choice(), recovered, store) is None
    assert deck.with_name("vortrag.wiederhergestellt.md").read_bytes() == MINE.encode("utf-8")


def test_keep_both_that_cannot_write_restores_instead(
    qtbot: QtBot, store: RecoveryStore, tmp_path: Path
) -> None:
    gone = tmp_path / "gelöscht" / "vortrag.md"
    recovered = _recovered(store, gone)
    (tmp_path / "gelöscht").write_text("kein Ordner mehr", encoding="utf-8")
    assert settle_recovery(RecoveryChoice.KEEP_BOTH, recovered, store) == MINE
    assert store.pending(gone) is not None


# ------------------------------------------------------------------ changed on disk


@pytest.mark.parametrize(
    ("label", "choice"),
    [
        ("Von der Festplatte laden", DiskChoice.LOAD_DISK),
        ("Meine Fassung speichern", DiskChoice.SAVE_MINE),
        ("Beide behalten", DiskChoice.KEEP_BOTH),
    ],
)
def test_each_button_of_the_disk_question(
    qtbot: QtBot, deck: Path, label: str, choice: DiskChoice
) -> None:
    box = disk_changed_box(None, deck)
    qtbot.addWidget(box)
    assert box.text() == "„vortrag.md“ wurde außerhalb von Impuls geändert."
    assert "vortrag.meine-fassung.md" in box.informativeText()
    _answered(qtbot, box, label)
    assert box.choice() is choice
    assert settle_disk_changed(choice, deck, MINE) == (
        deck.with_name("vortrag.meine-fassung.md") if choice is DiskChoice.KEEP_BOTH else None
    )
    assert deck.read_bytes() == ON_DISK.encode("utf-8")  # the caller writes, if at all


def test_keep_both_after_a_change_on_disk_keeps_both_versions(qtbot: QtBot, deck: Path) -> None:
    theirs = "# Vortrag\n\nVon einem anderen Programm geändert.\n"
    deck.write_text(theirs, encoding="utf-8")
    _answer_when_shown(DiskChangedBox, lambda box: _click(qtbot, box, "Beide behalten"))
    assert ask_disk_changed(None, deck, MINE) is DiskChoice.KEEP_BOTH
    assert deck.read_bytes() == theirs.encode("utf-8")
    assert deck.with_name("vortrag.meine-fassung.md").read_bytes() == MINE.encode("utf-8")
    # asked again: the first kept version is not overwritten
    _answer_when_shown(DiskChangedBox, lambda box: _click(qtbot, box, "Beide behalten"))
    assert ask_disk_changed(None, deck, MINE + "mehr") is DiskChoice.KEEP_BOTH
    assert deck.with_name("vortrag.meine-fassung.md").read_bytes() == MINE.encode("utf-8")
    assert deck.with_name("vortrag.meine-fassung-2.md").read_bytes() == (MINE + "mehr").encode()


def test_closing_the_disk_question_is_never_an_overwrite(qtbot: QtBot, deck: Path) -> None:
    box = disk_changed_box(None, deck)
    qtbot.addWidget(box)
    _answered(qtbot, box, None)
    assert box.choice() is DiskChoice.KEEP_BOTH is box.safest


def test_a_deck_deleted_meanwhile_can_only_be_saved_again(qtbot: QtBot, deck: Path) -> None:
    deck.unlink()
    set_language("en")
    box = disk_changed_box(None, deck)
    qtbot.addWidget(box)
    assert box.text() == "“vortrag.md” was deleted or renamed outside Impuls."
    assert [b.text() for b in box.buttons()] == ["Save my version"]
    _answer_when_shown(DiskChangedBox, lambda shown: shown.save_mine_button.click())
    assert ask_disk_changed(None, deck, MINE) is DiskChoice.SAVE_MINE
    assert not deck.exists()
