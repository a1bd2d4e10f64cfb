"""Regenerate the README's screenshots: the presenter console and the audience view.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Runs the real presenting session on two virtual 1280×720 screens (offscreen Qt),
with its real voting server: 38 phones vote over HTTP, a show of hands is
entered, and the results are revealed, so both windows show a live poll.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 720)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--slide", type=int, default=9, help="slide number shown (from 1)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    screens = [
        {"name": name, "x": x, "y": 0, "width": SIZE[0], "height": SIZE[1],
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        for name, x in (("Laptop", 0), ("Beamer", SIZE[0]))
    ]  # fmt: skip
    (folder / "screens.json").write_text(json.dumps({"screens": screens}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={folder / 'screens.json'}"

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(ROOT))  # run as a script: tests/ beside us is not installed
    from tests.support.serving import MANY_DEVICES, join
    from workshop_app.paths import DEFAULT_DECK
    from workshop_app.session.model import PollAction
    from workshop_app.ui.live import VotingSetup
    from workshop_app.ui.prepared import prepare_deck
    from workshop_app.ui.presenting_session import PresentingSession
    from workshop_app.ui.settings import NOTES_FONT_PX, Settings

    app = QApplication([])
    settings = Settings(QSettings(str(folder / "shots.ini"), QSettings.Format.IniFormat))
    settings.set(NOTES_FONT_PX, 24)
    session = PresentingSession(
        prepare_deck(DEFAULT_DECK),
        settings,
        start=args.slide - 1,
        voting=VotingSetup(
            folder / "shots.impuls", host="127.0.0.1", port=0, devices_per_address=MANY_DEVICES
        ),
    )
    session.start()
    session.state.timer._banked = 17 * 60 + 42  # a talk well under way

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    while session.live is None or not session.live.session_loaded:
        wait(0.1)
    live = session.live
    slide = session.state.deck.slides[args.slide - 1]
    if slide.polls:
        poll = slide.polls[0]
        live.control(poll.id, PollAction.OPEN)
        wait(0.5)
        for n in range(38):
            body = json.dumps(
                {
                    "code": live.info.join_code,
                    "device": join(live.info.port, live.info.join_code),
                    "vote_id": f"s{n}",
                    "choice": (0, 1, 1, 2, 0, 1, 3)[n % 7],
                }
            )
            connection = http.client.HTTPConnection("127.0.0.1", live.info.port)
            connection.request(
                "POST", f"/api/polls/{poll.id}/votes", body, {"Content-Type": "application/json"}
            )
            connection.getresponse().read()
            connection.close()
        live.record_hands(poll.id, [3, 2, 0, 1][: len(poll.options)])
        live.control(poll.id, PollAction.REVEAL)
    wait(1.0)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, widget in (("presenter-console", session.console), ("audience", session.audience)):
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path, path.stat().st_size // 1024, "KB")
    session.stop()
    sys.stdout.flush()
    app.processEvents()
    os._exit(0)  # skip PySide6's fragile interpreter teardown; the files are written


if __name__ == "__main__":
    sys.exit(main())
