"""Live polls in the app: the real `serve` child process, votes over real HTTP, real widgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from pytestqt.qtbot import QtBot

from tests.support.app import (
    WAIT_MS,
    accent_share,
    call,
    click,
    go_to_poll,
    open_poll,
    recorded_slide,
    start_live,
    state_of,
    totals,
    vote,
)
from tests.support.decks import AFTER, MULTIPLE, POLL_TALK, SINGLE, TEXT, poll_talk
from tests.support.serving import join
from workshop_app.paths import ROOT
from workshop_app.session.model import AnswerState, PollState
from workshop_app.ui.live import Room, VotingProcess, VotingSetup
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings


def test_a_vote_over_http_moves_the_bar_on_the_audience_screen(
    qtbot: QtBot, live: PresentingSession
) -> None:
    open_poll(qtbot, live, AFTER, reveal=True)
    renderer = live.slideshow.renderer
    index = live.state.index
    results = renderer.layout(index).results
    assert results is not None
    # Option A's bar: the first row, right of the labels (see ResultsPainter.bars).
    bar = QRectF(results.left() + results.width() * 0.4, results.top() + 30,
                 results.width() * 0.4, 50)  # fmt: skip
    accent = renderer.theme.colors.accent
    before = renderer.image(index)
    assert accent_share(before, bar, accent) < 0.05
    notes_set: list[None] = []
    live.console.notes.textChanged.connect(lambda: notes_set.append(None))
    vote(live, AFTER, 1, 0)
    qtbot.waitUntil(
        lambda: (t := live.slideshow.live[AFTER].tally) is not None and t.ballots == 1,
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: accent_share(live.audience.view.grab().toImage().scaled(
        renderer.canvas), bar, accent) > 0.5, timeout=WAIT_MS)  # fmt: skip
    assert "1" in live.console.polls.counts.text()
    assert notes_set == []  # a tally repaints the slides, it leaves the speaker's notes alone


def test_the_app_takes_a_tally_from_its_event_and_fetches_nothing(
    qtbot: QtBot, live: PresentingSession
) -> None:
    # Before: every tally event made the app fetch the poll's results (and the session).
    assert live.live is not None
    open_poll(qtbot, live, AFTER)
    asked: list[str] = []
    live.live.network.finished.connect(lambda reply: asked.append(reply.url().path()))
    vote(live, AFTER, 1, 2)
    vote(live, AFTER, 2, 2)
    qtbot.waitUntil(
        lambda: (t := live.slideshow.live[AFTER].tally) is not None and t.ballots == 2,
        timeout=WAIT_MS,
    )
    assert [path for path in asked if "/results" in path] == []
    tally = live.slideshow.live[AFTER].tally
    assert tally is not None and tally.digital[2] == 2


def test_show_of_hands_is_added_to_phone_votes_and_kept_apart(
    qtbot: QtBot, live: PresentingSession
) -> None:
    open_poll(qtbot, live, AFTER)
    vote(live, AFTER, 7, 1)
    qtbot.mouseClick(live.console.polls.hands_button, Qt.MouseButton.LeftButton)
    dialog = live.console.polls.dialog
    assert dialog is not None
    for spin, count in zip(dialog.spins, [4, 2, 0, 9], strict=False):
        spin.setValue(count)
    dialog.accept()

    def counted() -> bool:
        tally = live.slideshow.live[AFTER].tally
        return tally is not None and tally.hands[:2] == (4, 2) and tally.digital[1] == 1

    qtbot.waitUntil(counted, timeout=WAIT_MS)
    tally = live.slideshow.live[AFTER].tally
    assert tally is not None and tally.total[1] == 3 and tally.ballots == 1


def test_open_answers_are_moderated_and_markup_stays_text(
    qtbot: QtBot, live: PresentingSession
) -> None:
    open_poll(qtbot, live, TEXT)
    vote(live, TEXT, 1, "<script>alert(1)</script> Datenschutz")
    vote(live, TEXT, 2, "Das ist doch Scheiße")
    panel = live.console.polls
    qtbot.waitUntil(lambda: panel.answers.count() == 2, timeout=WAIT_MS)
    texts = [panel.answers.item(i).text() for i in range(2)]
    assert any("<script>alert(1)</script> Datenschutz" in t for t in texts)  # shown as typed
    tally = live.slideshow.live[TEXT].tally
    assert tally is not None
    states = {a.text: a.state for a in tally.answers}
    assert states["Das ist doch Scheiße"] is AnswerState.HIDDEN  # the filter hid it
    assert states["<script>alert(1)</script> Datenschutz"] is AnswerState.PENDING
    first = next(i for i in range(2) if "Datenschutz" in panel.answers.item(i).text())
    panel.answers.item(first).setSelected(True)
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)

    def approved() -> bool:
        t = live.slideshow.live[TEXT].tally
        return t is not None and any(a.state is AnswerState.APPROVED for a in t.answers)

    qtbot.waitUntil(approved, timeout=WAIT_MS)
    click(qtbot, live, "reveal")
    qtbot.waitUntil(lambda: state_of(live, TEXT) == (PollState.OPEN, True), timeout=WAIT_MS)
    image = live.slideshow.renderer.image(live.state.index)
    assert not image.isNull()
    # Phones get only approved answers, never the hidden insult.
    status, results = call(live, "GET", f"/api/polls/{TEXT}/results", as_phone=1)
    assert status == 200
    assert [a["text"] for a in results["answers"]] == ["<script>alert(1)</script> Datenschutz"]


def test_the_join_screen_shows_the_code_and_a_qr_code(
    qtbot: QtBot, live: PresentingSession
) -> None:
    plain = live.audience.view.grab().toImage()
    qtbot.keyClick(live.console, Qt.Key.Key_J)
    assert live.state.joining
    assert "BEITRETEN" in live.console.mode.text()
    shown = live.audience.view.grab().toImage()
    assert shown != plain
    # The QR code is drawn dark on white: the middle of its left half is mostly white or black.
    x, y = shown.width() * 0.1, shown.height() * 0.5
    colors = {shown.pixelColor(int(x + dx), int(y)).name() for dx in range(0, 40, 2)}
    assert colors <= {"#ffffff", "#000000"}
    qtbot.keyClick(live.console, Qt.Key.Key_J)
    assert not live.state.joining


def test_a_restarted_app_resumes_on_the_slide_and_poll_states(
    qtbot: QtBot, poll_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> None:
    session = tmp_path / "event.impuls"
    first = start_live(qtbot, poll_deck, settings, session)
    open_poll(qtbot, first, MULTIPLE)
    where = first.state.index
    vote(first, MULTIPLE, 3, [0, 2])
    assert first.live is not None
    # The app tells the server its slide by itself; stopping before that request
    # has landed would test a race, not the resume (it failed so under load).
    qtbot.waitUntil(lambda: recorded_slide(first) == where, timeout=WAIT_MS)
    first.stop()
    second = start_live(qtbot, poll_deck, settings, session)
    try:
        qtbot.waitUntil(lambda: second.state.index == where, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: state_of(second, MULTIPLE) == (PollState.OPEN, False), timeout=WAIT_MS
        )
        tally = second.slideshow.live[MULTIPLE].tally
        assert tally is not None and tally.ballots == 1
    finally:
        second.stop()


def test_the_server_stops_within_a_second_when_the_app_is_killed(tmp_path: Path) -> None:
    # A stand-in for the app: it starts `serve --lifeline` the way VotingProcess does
    # and is then killed with SIGKILL, so it cannot tidy up.
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys, time\n"
         "child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE)\n"
         "print(child.pid, flush=True)\n"
         "time.sleep(120)\n",
         sys.executable, str(ROOT / "main.py"), "serve", str(poll_talk(tmp_path)),
         "--session", str(tmp_path / "s.impuls"), "--host", "127.0.0.1", "--port", "0",
         "--lifeline"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    listening = json.loads(parent.stdout.readline())  # the server's first line: it listens
    assert listening["port"] > 0
    parent.kill()
    parent.wait()
    parent.stdout.close()
    killed = time.monotonic()
    while time.monotonic() - killed < 5:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        # Reap it if it is our grandchild turned zombie under init: check its state.
        status = Path(f"/proc/{child}/stat")
        if status.exists() and status.read_text().split()[2] == "Z":
            break
        time.sleep(0.02)
    stopped = time.monotonic() - killed
    assert stopped < 1.0, f"the server ran on for {stopped:.2f} s after the app died"
    # …and it let go of the session file: a new server can take it at once.
    again = subprocess.run(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from workshop_app.session.store import SessionStore;"
         "SessionStore(Path(sys.argv[1])).close()", str(tmp_path / "s.impuls")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr


def test_a_poll_added_while_presenting_is_served_on_the_same_port(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    talk = tmp_path / "talk.md"
    talk.write_text(POLL_TALK, encoding="utf-8")
    running = start_live(qtbot, prepare_deck(talk), settings, tmp_path / "event.impuls")
    try:
        assert running.live is not None
        port, code = running.live.info.port, running.live.info.join_code
        open_poll(qtbot, running, SINGLE)
        vote(running, SINGLE, 1, 0)
        first_server = running.voting
        added = "\n---\n\n## Nachgefragt\n\n```poll\nid: nachgefragt\ntype: single\n" \
            "question: Noch eine Frage?\noptions: [Ja, Nein]\n```\n"  # fmt: skip
        with talk.open("a", encoding="utf-8") as deck_file:
            deck_file.write(added)
        qtbot.waitUntil(
            lambda: (
                running.voting is not first_server
                and running.live is not None
                and running.live.session_loaded
            ),
            timeout=WAIT_MS,
        )
        assert (running.live.info.port, running.live.info.join_code) == (port, code)
        # Resumed; the new client's results land after its first look at the session.
        resumed = (PollState.OPEN, False)
        qtbot.waitUntil(lambda: state_of(running, SINGLE) == resumed, timeout=WAIT_MS)
        open_poll(qtbot, running, "nachgefragt")
        vote(running, "nachgefragt", 2, 1)
        assert totals(running, "nachgefragt") == [0, 1]
        assert totals(running, SINGLE) == [1, 0, 0, 0]  # the vote before stays
    finally:
        running.stop()


def test_the_servers_complaints_go_to_a_log_beside_the_session(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Before: the app never read the server's stderr; under attack the pipe buffered
    # 26.8 MB in the app's memory. Now it goes to a file, read back only to say why
    # a start failed.
    session = tmp_path / "kaputt.impuls"
    session.write_text("Dies ist keine Sitzungsdatei, sondern ein Einkaufszettel.\n" * 50)
    process = VotingProcess(poll_talk(tmp_path), VotingSetup(session, host="127.0.0.1", port=0))
    failures: list[str] = []
    process.failed.connect(failures.append)
    process.start()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    log = tmp_path / "kaputt.impuls.log"
    assert log.exists() and log.read_text(encoding="utf-8").strip()
    assert "kaputt.impuls" in failures[0] and "Traceback" not in failures[0]


def test_the_console_says_when_phones_were_turned_away(
    qtbot: QtBot, live: PresentingSession
) -> None:
    # The console shows the room's figures and warns when they do not fit together:
    # phones refused because too many came from one address (a venue behind NAT).
    panel = live.console.polls
    go_to_poll(qtbot, live, AFTER)
    assert live.live is not None
    info = live.live.info
    for _ in range(3):  # three phones from this address
        join(info.port, info.join_code)
    qtbot.waitUntil(lambda: live.live is not None and live.live.room.addresses == 1,
                    timeout=WAIT_MS)  # fmt: skip
    assert "Adressen 1" in panel.counts.text() and panel.refused.isHidden()
    panel.show_poll(panel.poll, panel.results, Room(participants=40, addresses=1, refused=12))
    assert not panel.refused.isHidden() and "12 Anmeldungen abgewiesen" in panel.refused.text()
    assert "--devices-per-address" in panel.refused.text()
