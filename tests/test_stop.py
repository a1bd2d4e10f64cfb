"""Ctrl-C in the terminal ends Impuls at once, says what it did, and leaves nothing stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_app.paths import DEFAULT_DECK, ROOT


def _wait_for(condition: object, process: subprocess.Popen[str], seconds: float) -> None:
    """Until `condition()` holds; fails at once if the process ended first."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the app never got that far"
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="a process group's Ctrl-C is POSIX")
def test_ctrl_c_in_the_terminal_ends_the_app_and_says_so(tmp_path: Path) -> None:
    # From the rehearsal (issue 32, item 10): the app still ran 9 s after Ctrl-C. Qt's
    # event loop kept Python's signal handler from running until the mouse moved.
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "Impuls" / "impuls.ini"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(DEFAULT_DECK)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        # The deck is open once the app has written it among the recent decks.
        _wait_for(
            lambda: settings.exists() and DEFAULT_DECK.stem in settings.read_text("utf-8"),
            process,
            120,
        )
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        _, stderr = process.communicate(timeout=30)  # ended by itself, the mouse untouched
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "Beendet." in stderr and "Traceback" not in stderr, stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a process group's Ctrl-C is POSIX")
def test_ctrl_c_ends_serve_with_a_word_and_leaves_no_lock(tmp_path: Path) -> None:
    # From the rehearsal (issue 32, item 10): `serve` ended on Ctrl-C without a word
    # and left SESSION.lock behind.
    session = tmp_path / "abend.impuls"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "serve", str(DEFAULT_DECK), "--session",
         str(session), "--port", "0", "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert '"join_code"' in process.stdout.readline()  # listening
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert stderr.splitlines()[-2:] == ["Beendet.", f"Sitzung gespeichert: {session}"], stderr
    # Nothing stale: the session, and the join code kept beside it (session/room_code.py)
    # for the room's wall when voting resumes; no lock, no -wal or -shm.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abend.impuls", "abend.impuls.code"]


INTERRUPTING_IMPORT = '''
import sys


class CtrlC:
    """Raises KeyboardInterrupt as workshop_app.deck is first imported: what a Ctrl-C
    in the first tenths of a second does, at a moment a test can choose."""

    def find_spec(self, name, path=None, target=None):
        if name == "workshop_app.deck":
            sys.meta_path.remove(self)
            raise KeyboardInterrupt
        return None


sys.meta_path.insert(0, CtrlC())
'''


def test_ctrl_c_while_impuls_is_still_importing_says_cancelled(tmp_path: Path) -> None:
    # From the second rehearsal: Ctrl-C in the first ~0.3 s of `export` printed a bare
    # KeyboardInterrupt with Python's traceback.
    (tmp_path / "sitecustomize.py").write_text(INTERRUPTING_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(DEFAULT_DECK)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (130, "Abgebrochen.\n"), result.stderr
