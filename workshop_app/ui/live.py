"""The app's side of live polls: the voting server as a child process, followed over HTTP.

The server and the store's writer run in their own process (`impuls serve
--lifeline`), so a burst of votes never stalls the GUI's frames. The app talks
to it like any other client, over loopback with the presenter token, through
Qt's asynchronous network classes: nothing here blocks the GUI thread. Tally
changes arrive as Server-Sent Events that carry the poll's results, as the API
answers them in the app's language; they are passed on at most ten times a
second, however many votes come in, so the projector redraws at most that often.
Results are fetched only to catch up, when the stream (re)connects.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QIODevice, QObject, QProcess, QTimer, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from workshop_app.deck import Deck
from workshop_app.i18n import current_language, tr
from workshop_app.paths import impuls_command
from workshop_app.session.countdown import ends_from_wire
from workshop_app.session.marks import Point, Stroke, stroke_from_json, stroke_json
from workshop_app.session.model import PollAction, PollState, PollStatus
from workshop_app.session.motion import cards_from_json
from workshop_app.session.paths import default_session_path
from workshop_app.session.questions import (
    Moderation,
    Question,
    QuestionAction,
    question_from_json,
)
from workshop_app.session.quiz import Standings, standings_from_json
from workshop_app.session.reactions import Burst
from workshop_app.session.results import Results
from workshop_app.session.tally import PollResults, tally_from_json
from workshop_app.ui.throttle import Throttle
from workshop_app.voting.listening import DEFAULT_PORT, Listening
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import EventStreamParser, ServerSentEvent

REDRAW_INTERVAL_MS = 100  # ≤ 10 redraws of the results per second
RECONNECT_MS = 1000
STOP_WAIT_MS = 2000
COMMAND_TIMEOUT_MS = 10_000  # the loopback server answers in milliseconds
LOG_KEPT_BYTES = 5 * 1024 * 1024  # a longer server log starts afresh


@dataclass(frozen=True)
class Room:
    """The room's figures, as the server tells the presenter (never a phone)."""

    participants: int = 0  # phones that voted in this session
    watching: int = 0  # phones with the page open now
    addresses: int = 0  # source addresses that joined
    refused: int = 0  # joins refused: too many phones from one address


@dataclass(frozen=True)
class _Command:
    """A request of the presenter's, waiting for those before it to be answered."""

    method: str
    path: str
    body: dict[str, Any] | bytes | None  # bytes: a PNG
    then: Callable[[dict[str, Any]], None] | None
    quiet: bool
    otherwise: Callable[[], None] | None = None  # refused, or no answer


@dataclass(frozen=True)
class VotingSetup:
    """Where the app runs live polls: the session file and the address to listen on."""

    session_path: Path | None = None  # None: the platform's data folder, per deck and day
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    devices_per_address: int | None = None  # None: the server's default (voting/admission.py)

    def session_for(self, deck_path: Path) -> Path:
        return self.session_path or default_session_path(deck_path)


@dataclass(frozen=True)
class EveningServing:
    """An evening's server: the talk to start with (from 0), the evening's anchor
    (voting/evening.py `Evening.anchor`), beside which the server's log is kept, and
    the folder of its session files (None: the evening's folder in the data folder)."""

    talk: int
    anchor: Path
    folder: Path | None = None


class VotingProcess(QObject):
    """Starts `impuls serve` for a deck and session; tells when it listens or why it failed."""

    ready = Signal(object)  # Listening
    failed = Signal(str)

    def __init__(
        self, deck_path: Path, setup: VotingSetup, evening: EveningServing | None = None
    ) -> None:
        """`evening`: `deck_path` is an evening's program, served from that talk on."""
        super().__init__()
        self.deck_path = deck_path
        host, port = setup.host, setup.port
        self.info: Listening | None = None
        self.process = QProcess(self)
        program, *prefix = impuls_command()
        self.process.setProgram(program)
        if evening is None:
            self.session_path = session_path = setup.session_for(deck_path)
            serving = ["--session", str(session_path)]
        else:  # every talk's session in the evening's folder; `session_path`: its anchor
            self.session_path = session_path = evening.anchor
            serving = ["--talk", str(evening.talk + 1)] + (
                [] if evening.folder is None else ["--sessions", str(evening.folder)]
            )
        self.process.setArguments(
            [*prefix, "serve", str(deck_path), *serving,
             "--host", host, "--port", str(port), "--lifeline"]
            + ([] if setup.devices_per_address is None
               else ["--devices-per-address", str(setup.devices_per_address)])
        )  # fmt: skip
        # The server's complaints go to a file beside the session, never into our
        # memory: unread, a pipe buffered 26.8 MB during an attack.
        self.log_path = session_path.with_name(session_path.name + ".log")
        self.process.setStandardErrorFile(str(self.log_path), QIODevice.OpenModeFlag.Append)
        self._log_start = 0
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._stdout = b""

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            size = self.log_path.stat().st_size
        except FileNotFoundError:  # the first run beside this session
            size = 0
        if size > LOG_KEPT_BYTES:
            self.log_path.unlink(missing_ok=True)
            size = 0
        self._log_start = size  # what this run adds is read back if it fails to start
        # stdin stays a pipe we hold: the server stops when it closes (we quit or die).
        self.process.start(QProcess.OpenModeFlag.ReadWrite)

    def release(self) -> None:
        """Close the lifeline without waiting: the server stops by itself; then we go too."""
        if self.process.state() is QProcess.ProcessState.NotRunning:
            self.deleteLater()
            return
        self.process.finished.connect(self.deleteLater)
        self.process.closeWriteChannel()

    def stop(self) -> None:
        """Close the lifeline; the server finishes its commits and exits by itself."""
        if self.process.state() is QProcess.ProcessState.NotRunning:
            return
        self.process.closeWriteChannel()
        # Only on the way out of a presentation: the server needs well under a second.
        if not self.process.waitForFinished(STOP_WAIT_MS):
            self.process.kill()
            self.process.waitForFinished(STOP_WAIT_MS)

    def _read_stdout(self) -> None:
        self._stdout += bytes(self.process.readAllStandardOutput().data())
        if self.info is None and b"\n" in self._stdout:
            line = self._stdout.split(b"\n", 1)[0].decode("utf-8", "replace")
            try:
                self.info = Listening.from_line(line)
            except (ValueError, KeyError, TypeError):
                self.failed.emit(tr("live.server_bad_start", detail=line[:200]))
                return
            self.ready.emit(self.info)

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self.info is None:
            try:
                with self.log_path.open("rb") as log:
                    log.seek(self._log_start)
                    error = log.read(4096)
            except OSError as unreadable:  # say so: the speaker looks for the log next
                error = f"exit {code}; {self.log_path}: {unreadable}".encode()
            detail = error.decode("utf-8", "replace").strip()
            self.failed.emit(tr("live.server_failed", detail=detail or f"exit {code}"))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self.failed.emit(tr("live.server_failed", detail=self.process.errorString()))


class LiveClient(QObject):
    """Follows the session over the API and sends the presenter's commands to it."""

    polls_changed = Signal(object)  # set of poll ids whose state or results changed
    audience_changed = Signal()  # participants or watching changed
    questions_changed = Signal()  # the room's questions (or the moderation mode) changed
    standings_changed = Signal()  # the quiz's standings changed (a leaderboard to redraw)
    remote_command = Signal(str)  # a paired phone asks for next, previous, first, black
    remote_pointer = Signal(object)  # a paired phone points: a Point on the slide, or None
    ink_loaded = Signal(object)  # the ink the session kept: {slide: strokes}
    remotes_changed = Signal()  # a phone paired as remote, or one was revoked
    pairing_ready = Signal(str)  # the address (with its secret) for the console's QR code
    problem = Signal(str)  # a command the server refused, in the speaker's language
    # The room's taps, gathered by the server (at most ten events a second): passed on
    # as they come, so the projector shows a tap within 150 ms.
    reactions_arrived = Signal(object)  # session.reactions.Burst

    def __init__(self, info: Listening, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.deck = deck
        self.base = f"http://127.0.0.1:{info.port}"
        self.network = QNetworkAccessManager(self)
        self.polls: dict[str, PollResults] = {}
        self.room = Room()
        self.slide: int | None = None
        self.session_loaded = False
        self._arrived: dict[str, PollResults] = {}  # results that came, not yet passed on
        self._throttle = Throttle(REDRAW_INTERVAL_MS, self._pass_on, self)
        # The room's figures on a throttle of their own: a phone joining must not
        # take the slot of the tally that follows it (that cost a vote 100 ms to screen).
        self._room = Throttle(REDRAW_INTERVAL_MS, self._fetch_room, self)
        # Questions too: 500 upvotes in a second are a few redraws, not 500.
        self.questions: tuple[Question, ...] = ()
        self.moderation = Moderation.PRE
        self._questions = Throttle(REDRAW_INTERVAL_MS, self._fetch_questions, self)
        # The quiz's standings, asked for after a quiz question's tally, only for a deck
        # that shows them.
        self.standings: Standings | None = None
        self._boards = any(slide.leaderboard is not None for slide in deck.slides)
        self._standings = Throttle(REDRAW_INTERVAL_MS, self._fetch_standings, self)
        self.remotes: list[dict[str, Any]] = []  # the speaker's paired phones
        self._stream: QNetworkReply | None = None
        self._parser = EventStreamParser()
        self._commands: deque[_Command] = deque()  # in the order given; see `_command`
        self._sending = False
        self._closing = False

    # ------------------------------------------------------------ following

    def start(self) -> None:
        """Follow the stream, and catch up on everything it may have missed meanwhile."""
        self._open_stream()
        self._catch_up()

    def new_talk(self, deck: Deck) -> None:
        """An evening's next talk is on (the server said so): follow its polls and
        questions, nothing of the last talk's (its polls may have the same ids)."""
        self.deck = deck
        self.polls = {}
        self._arrived = {}
        self.questions = ()
        self.standings = None
        self._boards = any(slide.leaderboard is not None for slide in deck.slides)
        self.slide = None
        self.session_loaded = False  # its /api/session tells where the talk was
        self._catch_up()

    def _catch_up(self) -> None:
        for poll in self.deck.polls:
            self._get(f"/api/polls/{poll.id}/results?lang={current_language()}", self._results)
        self._get("/api/session", self._session)
        if self.deck.meta.questions:
            self._questions.request()
        if self._boards:
            self._standings.request()

    def close(self) -> None:
        """Stop following; nothing is told after this (results still on their way to a
        redraw would reach windows already closed)."""
        self._closing = True
        self.blockSignals(True)
        if self._stream is not None:
            self._stream.abort()

    def _open_stream(self) -> None:
        request = self._request(f"/api/events?lang={current_language()}")
        request.setRawHeader(b"Accept", b"text/event-stream")
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute,
            QNetworkRequest.CacheLoadControl.AlwaysNetwork,
        )
        reply = self.network.get(request)
        reply.setReadBufferSize(0)
        reply.readyRead.connect(self._read_stream)
        reply.finished.connect(self._stream_ended)
        self._stream = reply
        self._parser = EventStreamParser()

    def _read_stream(self) -> None:
        if self._stream is None:
            return
        for event in self._parser.feed(bytes(self._stream.readAll().data())):
            self._on_event(event)

    def _on_event(self, event: ServerSentEvent) -> None:
        match event.event:
            case Event.TALLY:
                self._results(event.json()["results"])
            case Event.ROOM:
                self._room.request()
            case Event.QUESTIONS:
                self._questions.request()
            case Event.REMOTE:
                data = event.json()
                action = data.get("action")
                if isinstance(action, str):
                    self.remote_command.emit(action)
                elif "pointer" in data:
                    self.remote_pointer.emit(_pointer(data["pointer"]))
            case Event.REMOTES:
                self._get_list("/api/remote/devices", self._remotes_landed)
            case Event.REACTIONS:
                self.reactions_arrived.emit(Burst.from_event(event.json()))
            case _:
                pass  # the poll's own event: its tally follows with the state in the results

    def _stream_ended(self) -> None:
        reply, self._stream = self._stream, None
        if reply is not None:
            reply.deleteLater()
        if not self._closing:  # the server restarted or the connection dropped: catch up
            QTimer.singleShot(RECONNECT_MS, self, self.start)

    def _fetch_room(self) -> None:
        self._get("/api/session", self._session)

    def _fetch_questions(self) -> None:
        self._get("/api/questions", self._questions_landed)

    def _questions_landed(self, data: dict[str, Any]) -> None:
        self.questions = tuple(question_from_json(q) for q in data.get("questions", []))
        self.moderation = Moderation(data.get("moderation", Moderation.PRE))
        self.questions_changed.emit()

    def _fetch_standings(self) -> None:
        self._get("/api/leaderboard", self._standings_landed)

    def _standings_landed(self, data: dict[str, Any]) -> None:
        self.standings = standings_from_json(data)
        self.standings_changed.emit()

    def _results(self, data: dict[str, Any]) -> None:
        """A poll's results as the API answers them (from a tally event, or fetched)."""
        counted = tally_from_json(data)
        # A countdown's end by this clock: the server's seconds left, from their arrival.
        ends = ends_from_wire(data.get("left"), time.time())
        status = PollStatus(counted.poll_id, counted.run, PollState(data["state"]),
                            bool(data["revealed"]), ends)  # fmt: skip
        poll = next((p for p in self.deck.polls if p.id == counted.poll_id), None)
        cards = cards_from_json(data.get("cards"))  # what a motion's rule may count
        made = Results.of(poll, counted, cards=cards) if poll is not None else None  # once
        self._arrived[counted.poll_id] = PollResults(status, counted, made)
        self._throttle.request()
        if self._boards and poll is not None and poll.quiz:
            self._standings.request()

    def _pass_on(self) -> None:
        arrived, self._arrived = self._arrived, {}
        if arrived:
            self.polls.update(arrived)
            self.polls_changed.emit(set(arrived))

    def _session(self, data: dict[str, Any]) -> None:
        room = Room(*(int(data.get(key, 0)) for key in
                      ("participants", "watching", "addresses", "refused")))  # fmt: skip
        slide = data.get("slide")
        self.slide = slide if isinstance(slide, int) else None
        first = not self.session_loaded
        self.session_loaded = True
        if first or room != self.room:
            self.room = room
            self.audience_changed.emit()

    # ------------------------------------------------------------ commands
    #
    # Every command goes through one ordered channel (`_command`), one request in
    # flight at a time: Qt spreads requests to a host over six connections, and a
    # slide, a poll opened and closed, or a moderation sent in a burst could
    # otherwise reach the server in another order than the speaker gave them. What
    # is a state rather than an action (the slide, the room, the remote's view) is
    # sent as its latest value only: one still waiting is replaced, not queued.

    def control(self, poll_id: str, action: PollAction) -> None:
        self._command("POST", f"/api/polls/{poll_id}/{action.value}")

    def switch_talk(
        self, index: int, then: Callable[[dict[str, Any]], None], otherwise: Callable[[], None]
    ) -> None:
        """An evening: the program's talk `index` goes on; `then(stage)` once it is,
        `otherwise()` if the server refused (the refusal is said as `problem`)."""
        self._command("POST", "/api/talk", {"talk": index}, then=then, otherwise=otherwise)

    def reload_program(self, then: Callable[[dict[str, Any]], None]) -> None:
        """An evening: the program file changed (a talk added); the server reads it."""
        self._command("POST", "/api/program", then=then)

    def record_hands(self, poll_id: str, counts: list[int]) -> None:
        self._command("POST", f"/api/polls/{poll_id}/hands", {"counts": counts})

    def moderate(self, answer_id: int, *, approve: bool) -> None:
        self._command("POST", f"/api/answers/{answer_id}/{'approve' if approve else 'hide'}")

    def _remotes_landed(self, paired: list[Any]) -> None:
        self.remotes = [r for r in paired if isinstance(r, dict)]
        self.remotes_changed.emit()

    def new_pairing(self) -> None:
        """A fresh pairing secret; `pairing_ready` gives the address to show as QR code."""
        url = self.info.url

        def paired(data: dict[str, Any]) -> None:
            self.pairing_ready.emit(url + str(data["path"]))

        self._command("POST", "/api/remote/pairing", then=paired)

    def revoke_remote(self, remote: str) -> None:
        self._command("POST", f"/api/remote/devices/{remote}/revoke")

    def publish_remote_state(self, state: dict[str, Any]) -> None:
        self._command("PUT", "/api/remote/state", state, quiet=True, latest=True)

    def publish_preview(self, png: bytes, slide: str = "next") -> None:
        """A picture for the remotes: of the next slide, or ("current") the one to point on."""
        self._command("PUT", f"/api/remote/preview?slide={slide}", png, quiet=True, latest=True)

    def add_stroke(self, slide: int, stroke: Stroke) -> None:
        """A finished stroke of the speaker's ink, for the session to keep."""
        self._command("POST", f"/api/slides/{slide}/ink", {"stroke": stroke_json(stroke)},
                      quiet=True)  # fmt: skip

    def erase_ink(self, slide: int) -> None:
        self._command("DELETE", f"/api/slides/{slide}/ink", quiet=True)

    def fetch_ink(self) -> None:
        """The ink the session kept (a restarted app): `ink_loaded` gives it."""

        def landed(data: dict[str, Any]) -> None:
            kept = data.get("ink")
            found = {
                int(slide): tuple(s for s in map(stroke_from_json, strokes) if s is not None)
                for slide, strokes in (kept.items() if isinstance(kept, dict) else ())
                if slide.isdigit() and isinstance(strokes, list)
            }
            self.ink_loaded.emit(found)

        self._get("/api/ink", landed)

    def act_on_question(self, question: int, action: QuestionAction) -> None:
        self._command("POST", f"/api/questions/{question}/{action.value}")

    def set_question_moderation(self, mode: Moderation) -> None:
        self._command("PUT", "/api/questions/moderation", {"mode": mode.value})

    def set_room(self, slide: int, blank: str, follow: bool) -> None:
        """What the projector shows, for the phones that follow along."""
        body = {"slide": slide, "blank": blank, "follow": follow}
        self._command("PUT", "/api/room", body, quiet=True, latest=True)

    def set_slide(self, index: int) -> None:
        self.slide = index
        self._command("PUT", "/api/slide", {"index": index}, latest=True)

    def _command(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | bytes | None = None,
        *,
        then: Callable[[dict[str, Any]], None] | None = None,
        quiet: bool = False,
        latest: bool = False,
        otherwise: Callable[[], None] | None = None,
    ) -> None:
        """Send after every command given before it has been answered (see above)."""
        if latest:
            self._commands = deque(c for c in self._commands if c.path != path)
        self._commands.append(_Command(method, path, body, then, quiet, otherwise))
        if not self._sending:
            self._send_next()

    def _send_next(self) -> None:
        self._sending = bool(self._commands)
        if not self._commands:
            return
        command = self._commands.popleft()
        request = self._request(command.path)
        if isinstance(command.body, bytes):
            kind, payload = "image/png", command.body
        else:
            kind = "application/json"
            payload = json.dumps(command.body).encode() if command.body is not None else b""
        request.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, kind)
        request.setTransferTimeout(COMMAND_TIMEOUT_MS)  # a hung one must not hold the rest
        reply = self.network.sendCustomRequest(
            request, command.method.encode(), QByteArray(payload)
        )
        self._handle(
            reply, command.then, self._send_next, quiet=command.quiet, otherwise=command.otherwise
        )

    # ------------------------------------------------------------ plumbing

    def _request(self, path: str) -> QNetworkRequest:
        request = QNetworkRequest(QUrl(self.base + path))
        request.setRawHeader(b"Authorization", f"Bearer {self.info.presenter_token}".encode())
        return request

    def _get(self, path: str, then: Callable[[dict[str, Any]], None]) -> None:
        self._handle(self.network.get(self._request(path)), then, quiet=True)

    def _get_list(self, path: str, then: Callable[[list[Any]], None]) -> None:
        self._handle(self.network.get(self._request(path)), then, quiet=True, shape=list)

    def _handle(
        self,
        reply: QNetworkReply,
        then: Callable[[Any], None] | None,
        done: Callable[[], None] | None = None,
        *,
        quiet: bool = False,
        shape: type = dict,
        otherwise: Callable[[], None] | None = None,
    ) -> None:
        """`then(data)` with the answer's JSON when it is a `shape` (an object, or a list)."""

        def finished() -> None:
            reply.deleteLater()
            try:
                if _no_http_answer(reply):
                    if not quiet:
                        self.problem.emit(tr("live.unreachable", detail=reply.errorString()))
                    if otherwise is not None:
                        otherwise()
                    return
                status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
                raw = bytes(reply.readAll().data())
                data = json.loads(raw) if raw else {}
                if isinstance(status, int) and status >= 400:
                    if not quiet:
                        message = data.get("message", "") if isinstance(data, dict) else ""
                        self.problem.emit(tr("live.refused", status=status, detail=message))
                    if otherwise is not None:
                        otherwise()
                    return
                if then is not None and isinstance(data, shape):
                    then(data)
            finally:
                if done is not None:
                    done()

        reply.finished.connect(finished)


def _no_http_answer(reply: QNetworkReply) -> bool:
    """The request failed below HTTP (refused, reset, timed out): there is no status code.

    Checked before `attribute()` is asked for the status: PySide6 6.12 returns
    None from it without counting the reference, and the interpreter then
    aborts at exit ("deallocating None"). Qt numbers these errors below 200.
    """
    error = reply.error()
    return error is not QNetworkReply.NetworkError.NoError and error.value < 200


def _pointer(given: object) -> Point | None:
    """The remote's pointer as the server passed it on: [x, y] on the slide, or None."""
    numbers = isinstance(given, list) and all(isinstance(v, float | int) for v in given)
    if numbers and isinstance(given, list) and len(given) == 2:
        return Point.within(float(given[0]), float(given[1]))
    return None
