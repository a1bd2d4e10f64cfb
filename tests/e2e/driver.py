"""The real app in a process of its own, driven like a speaker drives it.

    python -m tests.e2e.driver DECK SESSION PORT SETTINGS_FILE

Builds what `impuls` builds when the speaker presses F5: the presenting session
with its voting server child, on two offscreen screens. Reads one JSON command
per line on stdin and answers one JSON line on stdout. The keys go through Qt's
key events into the console, the buttons are clicked, and the show of hands goes
through its dialog, so the test exercises the same code paths as a person. The
test kills this process with SIGKILL midway, as a crash would.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'data' / 'screens.json'}"

from PySide6.QtCore import QSettings, QSocketNotifier, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.support.serving import MANY_DEVICES  # noqa: E402
from workshop_app.netaudit import install_from_environment  # noqa: E402
from workshop_app.ui.live import VotingSetup  # noqa: E402
from workshop_app.ui.prepared import prepare_deck  # noqa: E402
from workshop_app.ui.presenting_session import PresentingSession  # noqa: E402
from workshop_app.ui.settings import Settings  # noqa: E402

KEYS = {"Right": Qt.Key.Key_Right, "Left": Qt.Key.Key_Left, "J": Qt.Key.Key_J,
        "Escape": Qt.Key.Key_Escape}  # fmt: skip


class Driver:
    def __init__(self, deck: Path, session_path: Path, port: int, settings_file: Path) -> None:
        self.app = QApplication(sys.argv[:1])
        settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        self.session = PresentingSession(
            prepare_deck(deck), settings,
            voting=VotingSetup(session_path, host="127.0.0.1", port=port,
                            devices_per_address=MANY_DEVICES),
        )  # fmt: skip
        self.session.start()
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self.read)

    def read(self) -> None:
        line = sys.stdin.readline()
        if not line:
            self.app.quit()
            return
        command = json.loads(line)
        try:
            answer = getattr(self, f"do_{command['cmd']}")(command)
        except Exception as error:
            answer = {"error": repr(error)}
        print(json.dumps(answer), flush=True)

    def do_status(self, _: dict[str, Any]) -> dict[str, Any]:
        live = self.session.live
        p = self.session.state
        polls = {}
        if live is not None:
            for poll_id, found in live.polls.items():
                tally = found.tally
                polls[poll_id] = {
                    "state": found.status.state.value,
                    "revealed": found.status.revealed,
                    "ballots": tally.ballots if tally else 0,
                    "hands": sum(tally.hands) if tally else 0,
                }
        return {
            "ready": live is not None and live.session_loaded,
            "port": live.info.port if live else None,
            "code": live.info.join_code if live else None,
            "url": live.info.url if live else None,
            "index": p.index,
            "count": p.count,
            "poll": (p.deck.slides[p.index].polls[0].id if p.deck.slides[p.index].polls
                     else None),
            "polls": polls,
            "panel": self.session.console.polls.counts.text(),
        }  # fmt: skip

    def do_key(self, command: dict[str, Any]) -> dict[str, Any]:
        QTest.keyClick(self.session.console, KEYS[command["key"]])
        return {"index": self.session.state.index}

    def do_button(self, command: dict[str, Any]) -> dict[str, Any]:
        button = self.session.console.polls.buttons[command["action"]]
        if not button.isEnabled():
            return {"clicked": False}
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return {"clicked": True}

    def do_hands(self, command: dict[str, Any]) -> dict[str, Any]:
        panel = self.session.console.polls
        QTest.mouseClick(panel.hands_button, Qt.MouseButton.LeftButton)
        dialog = panel.dialog
        assert dialog is not None
        for spin, count in zip(dialog.spins, command["counts"], strict=True):
            spin.setValue(count)
        dialog.accept()
        return {"entered": command["counts"]}

    def do_approve(self, command: dict[str, Any]) -> dict[str, Any]:
        panel = self.session.console.polls
        chosen = 0
        panel.answers.clearSelection()
        for row in range(panel.answers.count()):
            item = panel.answers.item(row)
            if command["contains"] in item.text():
                item.setSelected(True)
                chosen += 1
        if chosen:
            QTest.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
        return {"approved": chosen}

    def do_quit(self, _: dict[str, Any]) -> dict[str, Any]:
        self.session.stop()  # closes the lifeline: the server finishes and exits
        self.app.quit()
        return {"quit": True}


def main() -> int:
    install_from_environment()
    deck, session_path, port, settings_file = sys.argv[1:5]
    driver = Driver(Path(deck), Path(session_path), int(port), Path(settings_file))
    print(json.dumps({"started": True}), flush=True)
    driver.app.exec()
    sys.stdout.flush()
    os._exit(0)  # Qt's objects die in Qt's order; nothing is left to write


if __name__ == "__main__":
    sys.exit(main())
