"""A presenting session: audience window + presenter console, keys, screens, live reload."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QObject, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from workshop_app.deck import Deck, Poll
from workshop_app.deck.notes import shown_notes
from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr
from workshop_app.session.countdown import wire_left
from workshop_app.session.marks import Stroke, Tool
from workshop_app.session.model import PollAction
from workshop_app.session.presentation_state import Blank, Change, PresentationState
from workshop_app.session.questions import Moderation, QuestionAction
from workshop_app.session.tally import PollResults
from workshop_app.ui import settings as setting
from workshop_app.ui.audience import AudienceWindow
from workshop_app.ui.console import PresenterConsole
from workshop_app.ui.evening_run import EveningPlan, EveningRun
from workshop_app.ui.join_card import JoinInfo
from workshop_app.ui.keys import Action, PresenterKeys
from workshop_app.ui.live import EveningServing, LiveClient, Room, VotingProcess, VotingSetup
from workshop_app.ui.loading import DeckWatcher
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.slide_show import SlideShow
from workshop_app.ui.throttle import Throttle
from workshop_app.voting.listening import Listening
from workshop_app.voting.remote import RemoteAction

REMOTE_STATE_MS = 40  # the remote follows a tap at once, a burst of them once per 40 ms
REMOTE_PREVIEW_MS = 250  # the next slide's picture after the room's repaint, not before
REMOTE_RESYNC_MS = 15_000  # the remote's clock runs by itself; this keeps it honest
REMOTE_PREVIEW = QSize(480, 270)


def choose_audience_screen(
    screens: list[QScreen], primary: QScreen | None, preferred: str
) -> QScreen | None:
    """The projector: the screen the speaker chose, else the first non-primary one."""
    if len(screens) < 2:
        return None
    for screen in screens:
        if screen.name() == preferred:
            return screen
    return next(screen for screen in screens if screen is not primary)


class PresentingSession(QObject):
    finished = Signal(int)  # the slide the speaker left on

    def __init__(
        self,
        prepared: PreparedDeck,
        settings: setting.Settings,
        *,
        start: int | None = None,
        theme: Theme | None = None,
        voting: VotingSetup | None = None,
        watcher: DeckWatcher | None = None,
        state: PresentationState | None = None,
        evening: EveningPlan | None = None,
    ) -> None:
        """`watcher` and `state`: the library's, so that a save is read once and the
        library follows the talk; else ones of its own. `evening`: `prepared` is a talk
        of this evening, which goes on from talk to talk on one server."""
        super().__init__()
        self.settings = settings
        self.state = state if state is not None else PresentationState(prepared.deck)
        if start is not None:
            self.state.go(start)
        self.slideshow = SlideShow(prepared, self.state, theme)
        self.console = PresenterConsole(self.slideshow, settings.get(setting.NOTES_FONT_PX))
        self.audience = AudienceWindow(self.slideshow)
        self.keys = PresenterKeys(
            lambda: (self.console, self.audience),
            lambda: self.console.overlay == "overview",
            self,
        )
        self.keys.action.connect(self.act)
        self.keys.jump.connect(lambda number: self.state.go(number - 1))
        self.keys.typing.connect(self.console.show_typing)
        self.console.overview_chosen.connect(self._overview_chosen)
        panel = self.console.polls
        panel.command.connect(self._poll_command)
        panel.hands_entered.connect(self._hands)
        panel.moderated.connect(self._moderated)
        panel.join_toggled.connect(self.state.toggle_join)
        asked = self.console.questions
        asked.acted.connect(self._question_acted)
        asked.spotlight_wanted.connect(self.state.show_question)
        asked.moderation_wanted.connect(self._question_moderation)
        # The speaker's phone as remote: what it shows follows the state, a little later.
        self._remote_state = Throttle(REMOTE_STATE_MS, self._publish_remote_state, self)
        # Restarted by every slide change: drawn once the speaker stops tapping.
        self._remote_preview = QTimer(self, singleShot=True, interval=REMOTE_PREVIEW_MS)
        self._remote_preview.timeout.connect(self._publish_preview)
        self._remote_clock = QTimer(self, interval=REMOTE_RESYNC_MS)
        self._remote_clock.timeout.connect(self._remote_state.request)
        # The server follows the state itself, not a view of it.
        self._stop_listening = self.state.subscribe(self._state_changed)
        self.slideshow.live_changed.connect(self._show_poll)
        self.voting: VotingProcess | None = None
        self.live: LiveClient | None = None
        self._voting_setup = voting
        # What the running server knows: its polls, and whether it takes questions.
        self._served = (prepared.deck.polls, prepared.deck.meta.questions)
        self._start = self.state.index
        self._told_slide: int | None = None
        self._ink_asked = False  # the session's ink is read once, when the server is first up
        deck = prepared.deck
        # An evening's server runs from the first talk to the last, polls or not.
        self.evening = EveningRun(self, evening) if evening is not None else None
        if voting is not None and (_serves(deck) or evening) and deck.path is not None:
            self._new_server(Path(deck.path), voting)
        self.console.current.step.connect(self._step)
        self.audience.view.step.connect(self._step)
        self.one_screen = False
        self.watcher = watcher
        path = prepared.deck.path
        if self.watcher is None and path is not None:
            self.watcher = DeckWatcher(Path(path), self)
            self.watcher.remember(prepared)
        if self.watcher is not None:
            self.watcher.reloaded.connect(self.slideshow.replace_deck)
            self.watcher.reloaded.connect(self._deck_reloaded)
            self.watcher.failed.connect(self.slideshow.keep_after_error)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        self._running = False
        self._gone: list[QScreen] = []
        self._own_watcher = watcher is None
        if self.evening is not None:
            self.evening.began(deck.title)

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.keys)
        self._running = True
        self.place_windows()
        self.state.start_timer()
        if self.voting is not None:
            self.voting.start()
        else:
            self.console.polls.set_server(tr("polls.no_server"))
        self._show_poll()
        self.console.activateWindow()

    def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        self._stop_listening()  # a shared state goes on for the library alone
        self.slideshow.close()
        if self.watcher is not None:  # so does a shared watcher
            self.watcher.reloaded.disconnect(self.slideshow.replace_deck)
            self.watcher.reloaded.disconnect(self._deck_reloaded)
            self.watcher.failed.disconnect(self.slideshow.keep_after_error)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.keys)
        path = self.state.deck.path
        if path is not None:
            self.settings.set_last_slide(str(path), self.state.index)
        self.audience.close()
        self.console.close()
        if self.live is not None:
            self.live.close()
        if self.voting is not None:
            self.voting.stop()
        self.finished.emit(self.state.index)

    # ------------------------------------------------------------ screens

    def place_windows(self) -> None:
        """Audience full screen on the projector, console on the laptop; one screen: either."""
        # Qt still lists a screen while it announces its removal.
        screens = [s for s in QGuiApplication.screens() if s not in self._gone]
        if not screens:
            return  # between unplug and replug; Qt tells us again when one is back
        primary = QGuiApplication.primaryScreen()
        preferred = self.settings.get(setting.AUDIENCE_SCREEN)
        swapped = self.settings.get(setting.SWAPPED)
        projector = choose_audience_screen(screens, primary, preferred)
        if projector is None:
            self.one_screen = True
            only = screens[0]
            full, windowed = (
                (self.audience, self.console) if swapped else (self.console, self.audience)
            )
            _full_screen(full, only)
            # The other one waits in the task bar: floating on top, the audience window
            # covered the console's notes (and a windowed console would show them to
            # the room). S swaps the two.
            _minimized(windowed, only)
            full.raise_()
            return
        self.one_screen = False
        laptop = (
            primary
            if primary in screens and primary is not projector
            else next(s for s in screens if s is not projector)
        )
        if swapped:
            laptop, projector = projector, laptop
        _full_screen(self.audience, projector)
        _full_screen(self.console, laptop)

    def _screen_added(self, screen: QScreen) -> None:
        self._gone = [s for s in self._gone if s is not screen]
        if self._running:
            QTimer.singleShot(0, self, self.place_windows)

    def _screen_removed(self, screen: QScreen) -> None:
        self._gone.append(screen)
        if self._running:
            self.place_windows()

    # ------------------------------------------------------------ actions

    def act(self, action: Action) -> None:
        p = self.state
        if action is Action.NEXT:
            p.next()
        elif action is Action.PREVIOUS:
            p.previous()
        elif action is Action.FIRST:
            p.first()
        elif action is Action.LAST:
            p.last()
        elif action is Action.OVERVIEW:
            self.console.toggle_overview()
        elif action is Action.BLACK:
            p.toggle_blank(Blank.BLACK)
        elif action is Action.WHITE:
            p.toggle_blank(Blank.WHITE)
        elif action is Action.FREEZE:
            p.toggle_freeze()
        elif action is Action.HELP:
            self.console.toggle_help()
        elif action is Action.SWAP:
            self.settings.set(setting.SWAPPED, not self.settings.get(setting.SWAPPED))
            self.place_windows()
        elif action is Action.PAUSE_TIMER:
            p.toggle_pause()
        elif action is Action.RESET_TIMER:
            p.reset_timer()
        elif action in (Action.NOTES_BIGGER, Action.NOTES_SMALLER):
            size = self.console.change_notes_size(2 if action is Action.NOTES_BIGGER else -2)
            self.settings.set(setting.NOTES_FONT_PX, size)
        elif action is Action.JOIN:
            p.toggle_join()
        elif action is Action.QUESTION:
            p.show_question(
                None if p.spotlight is not None else self.console.questions.next_for_screen()
            )
        elif action is Action.LASER:
            p.toggle_tool(Tool.LASER)
        elif action is Action.DRAW:
            p.toggle_tool(Tool.DRAW)
        elif action is Action.ZOOM:
            p.toggle_tool(Tool.ZOOM)
        elif action is Action.ERASE:
            p.erase()
        elif action is Action.NEXT_TALK and self.evening is not None:
            self.evening.key()
        elif action is Action.LEAVE and self.evening and self.console.program.cancel():
            pass  # Esc withdraws the question "next talk?", nothing more
        elif action is Action.LEAVE and p.spotlight is not None:
            p.show_question(None)  # Esc takes the question off the screen, nothing more
        elif action is Action.LEAVE and p.zoom is not None:
            p.zoom_to(None)  # Esc shows the whole slide again
        elif action is Action.LEAVE and p.tool in (Tool.DRAW, Tool.ZOOM):
            p.toggle_tool(p.tool)  # and leaves drawing or choosing a region
        elif action is Action.LEAVE and not self.console.close_overlay():
            self.stop()

    # ------------------------------------------------------------ live polls

    def _new_server(self, deck_path: Path, setup: VotingSetup) -> None:
        if self.evening is not None:  # the program's server, from the talk on
            plan = self.evening.plan
            anchor = plan.anchor(self.evening.program)
            serving = EveningServing(self.evening.on, anchor, plan.folder)
            self.voting = VotingProcess(plan.program_file, setup, serving)
        else:
            self.voting = VotingProcess(deck_path, setup)
        self.voting.ready.connect(self._server_ready)
        self.voting.failed.connect(self._server_failed)

    def _deck_reloaded(self, prepared: PreparedDeck) -> None:
        """Polls added or changed while presenting: the server takes the new deck.

        The server validates votes against the deck it loaded, so it is started
        again on the same session file and port. The session carries on (states,
        votes, the join code); phones retry what they send in the half second
        between, and their event streams reconnect by themselves.
        """
        deck = prepared.deck
        setup = self._voting_setup
        if (
            setup is None
            or not self._running
            or deck.path is None
            or not (_serves(deck) or self.evening)
            or (deck.polls, deck.meta.questions) == self._served
        ):
            return
        self._served = (deck.polls, deck.meta.questions)
        if self.live is not None:
            setup = replace(setup, port=self.live.info.port)
            self.live.blockSignals(True)  # its last answers belong to the old deck
            self.live.close()
            self.live.deleteLater()
            self.live = None
        if self.voting is not None:
            self.voting.blockSignals(True)
            self.voting.release()  # it stops by itself; the new one waits for the file
        self._new_server(Path(deck.path), setup)
        assert self.voting is not None
        self.console.polls.set_server(tr("polls.server_starting"))
        self.voting.start()

    def new_talk(self, prepared: PreparedDeck) -> None:
        """An evening's next talk is on (the server opened its session): the windows,
        the state, the live client and the deck's watcher follow it."""
        deck = prepared.deck
        self._served = (deck.polls, deck.meta.questions)
        self._start, self._told_slide = 0, None
        self.slideshow.new_talk(prepared)
        self.console.reactions.restart(deck.meta.reactions)  # the room's taps from zero
        self.audience.reactions.clear()
        self.console.setWindowTitle(tr("console.title", title=deck.title))
        if self.live is not None:
            self.live.new_talk(deck)
            self.live.fetch_ink()  # a talk given again keeps the ink drawn on it
        if self.watcher is not None:
            self.watcher.reloaded.disconnect(self.slideshow.replace_deck)
            self.watcher.reloaded.disconnect(self._deck_reloaded)
            self.watcher.failed.disconnect(self.slideshow.keep_after_error)
            if self._own_watcher:
                self.watcher.deleteLater()
        self.watcher = None
        if deck.path is not None:
            self._own_watcher = True
            self.watcher = DeckWatcher(Path(deck.path), self)
            self.watcher.remember(prepared)
            self.watcher.reloaded.connect(self.slideshow.replace_deck)
            self.watcher.reloaded.connect(self._deck_reloaded)
            self.watcher.failed.connect(self.slideshow.keep_after_error)
        self._show_poll()

    def _server_ready(self, info: Listening) -> None:
        self.live = LiveClient(info, self.state.deck, self)
        self.live.polls_changed.connect(self._polls_changed)
        self.live.audience_changed.connect(self._audience_changed)
        self.live.questions_changed.connect(self._questions_changed)
        self.live.standings_changed.connect(self._standings_changed)
        self.live.remote_command.connect(self._remote_command)
        self.live.remote_pointer.connect(self.state.point)
        self.live.ink_loaded.connect(self._ink_loaded)
        self.live.pairing_ready.connect(self.console.remote.show_pairing)
        self.live.remotes_changed.connect(self._remotes_changed)
        self.live.reactions_arrived.connect(self.audience.reactions.add)
        self.live.reactions_arrived.connect(self.console.reactions.show_burst)
        remote = self.console.remote
        remote.pairing_wanted.connect(self.live.new_pairing)
        remote.revoke_wanted.connect(self.live.revoke_remote)
        self.console.side.setTabVisible(2, True)
        self.live.new_pairing()
        self._tell_room()
        self._remote_state.request()
        self._remote_clock.start()
        if not self._ink_asked:  # once: a server restarted for a new deck keeps the same
            self._ink_asked = True
            self.live.fetch_ink()
        self.live.problem.connect(self.console.polls.set_server)
        self.slideshow.set_join(JoinInfo(info.url, info.join_code))
        where = tr("polls.no_network") if info.offline else " · ".join(info.urls)
        ready = tr("polls.server_ready", where=where, code=info.join_code)
        self.console.polls.set_server("\n".join(filter(None, (ready, info.notice))))
        self.live.start()

    def _server_failed(self, message: str) -> None:
        self.console.polls.set_server(message)

    def _polls_changed(self, poll_ids: set[str]) -> None:
        assert self.live is not None
        self._remote_state.request()  # the remote's poll buttons follow the poll's state
        self.slideshow.update_polls({p: self.live.polls[p] for p in poll_ids})

    def _audience_changed(self) -> None:
        assert self.live is not None
        self.state.set_watching(self.live.room.watching)
        slide = self.live.slide
        resume = self._told_slide is None and self.state.index == self._start
        # Each branch ends in _show_poll (go → SLIDE → _slide_changed), once.
        if resume and slide is not None and slide != self.state.index:
            self.state.go(slide)  # a restarted app carries on where the talk was
        elif self._told_slide is None:
            self._slide_changed()
        else:
            self._show_poll()

    # ------------------------------------------------------------ the speaker's remote

    def _tell_room(self) -> None:
        """The phones that follow along get the slide the room sees, never one ahead."""
        if self.live is None:
            return
        p = self.state
        shown = p.blank.value if p.blank is not Blank.NONE else "none"
        self.live.set_room(p.audience_index, shown, p.following)

    def _remote_command(self, action: str) -> None:
        if action == RemoteAction.NEXT:
            self.state.next()
        elif action == RemoteAction.PREVIOUS:
            self.state.previous()
        elif action == RemoteAction.FIRST:
            self.state.first()
        elif action == RemoteAction.BLACK:
            self.state.toggle_blank(Blank.BLACK)

    def _remotes_changed(self) -> None:
        assert self.live is not None
        self.console.remote.show_paired(self.live.remotes)
        if self.live.remotes:
            self._remote_preview.start()

    def _publish_remote_state(self) -> None:
        if self.live is None or not self._running:
            return
        self.live.publish_remote_state(remote_state(self.state, self.live))

    def _publish_preview(self) -> None:
        """The next slide, small, for the remote, and the current one to point on; later
        than the room's own repaint."""
        if self.live is None or not self.live.remotes or not self._running:
            return
        upcoming = self.state.index + 1
        if upcoming < self.state.count:
            self.live.publish_preview(self._remote_picture(upcoming))
        self.live.publish_preview(self._remote_picture(self.state.index), "current")

    def _remote_picture(self, index: int) -> bytes:
        pixmap = self.slideshow.cache.pixmap(index, REMOTE_PREVIEW)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        return bytes(buffer.data().data())

    def _questions_changed(self) -> None:
        assert self.live is not None
        self.slideshow.update_questions(self.live.questions)
        self.console.show_questions(self.live.questions, self.live.moderation)

    def _standings_changed(self) -> None:
        assert self.live is not None
        if self.live.standings is not None:
            self.slideshow.update_standings(self.live.standings)

    def _question_acted(self, question: int, action: QuestionAction) -> None:
        if self.live is not None:
            self.live.act_on_question(question, action)

    def _question_moderation(self, mode: Moderation) -> None:
        if self.live is not None:
            self.live.set_question_moderation(mode)

    def _state_changed(self, change: Change) -> None:
        if change is Change.INK:
            self._keep_ink()
        if change in (Change.MARKS, Change.POINTER, Change.STROKE, Change.ZOOM, Change.INK):
            return  # the projector's alone: no remote or phone hears of them
        if self.live is not None:
            self._remote_state.request()
            if change in (Change.SLIDE, Change.SCREEN, Change.DECK):
                self._tell_room()
            if change in (Change.SLIDE, Change.DECK):
                self._remote_preview.start()
        if change is Change.SCREEN and self.live is not None:  # the panel marks what is shown
            self.console.show_questions(self.live.questions, self.live.moderation)
        if change in (Change.SLIDE, Change.SCREEN, Change.DECK):
            self._slide_changed()

    def _keep_ink(self) -> None:
        """A stroke finished or a slide erased: the session keeps it, for a restart and
        the handout (drawn without a server, it stays on this screen only)."""
        inked = self.state.inked
        if self.live is None or inked is None:
            return
        slide, stroke = inked
        if stroke is None:
            self.live.erase_ink(slide)
        else:
            self.live.add_stroke(slide, stroke)

    def _ink_loaded(self, ink: dict[int, tuple[Stroke, ...]]) -> None:
        self.state.restore_ink(ink)

    def _slide_changed(self) -> None:
        index = self.state.index
        if self.live is not None and self.live.session_loaded and index != self._told_slide:
            self._told_slide = index
            self.live.set_slide(index)
        self._show_poll()

    def _show_poll(self) -> None:
        slide = self.state.deck.slides[self.state.index]
        poll = slide.polls[0] if slide.polls else None
        live = self.live
        self.console.polls.show_poll(
            poll,
            live.polls.get(poll.id) if live is not None and poll is not None else None,
            live.room if live is not None else Room(),
        )

    def _poll_command(self, poll_id: str, action: PollAction) -> None:
        if self.live is not None:
            self.live.control(poll_id, action)

    def _hands(self, poll_id: str, counts: list[int]) -> None:
        if self.live is not None:
            self.live.record_hands(poll_id, counts)

    def _moderated(self, answer_id: int, approve: bool) -> None:
        if self.live is not None:
            self.live.moderate(answer_id, approve=approve)

    def _step(self, direction: int) -> None:
        self.state.go(self.state.index + direction)

    def _overview_chosen(self, index: int) -> None:
        self.state.go(index)
        # Later, not now: the list ignores the Enter that chose, and the key travels
        # on to the console, where it must not count as "next slide" too.
        QTimer.singleShot(0, self.console, self.console.close_overlay)


def remote_state(state: PresentationState, live: LiveClient) -> dict[str, object]:
    """What the speaker's remote shows: the slide, its notes, the screen, the clock, the poll."""
    slide = state.deck.slides[state.index]
    upcoming = state.deck.slides[state.index + 1] if state.index + 1 < state.count else None
    poll = slide.polls[0] if slide.polls else None
    results = live.polls.get(poll.id) if poll is not None else None
    timer = state.timer
    return {
        "slide": state.index + 1,
        "count": state.count,
        "title": slide.title,
        "notes": shown_notes(slide.notes, as_typed=slide.page is not None),
        "blank": state.blank.value,
        "frozen": state.frozen_at is not None,
        "elapsed": timer.elapsed(),
        "remaining": timer.remaining(),
        "paused": timer.paused,
        "next_title": upcoming.title if upcoming is not None else None,
        "poll": None if poll is None else {
            "id": poll.id,
            "question": poll.question,
            "state": results.status.state.value if results is not None else "draft",
            "revealed": results.status.revealed if results is not None else False,
            "left": wire_left(results.status.ends if results is not None else None, time.time()),
            "results": _remote_results(poll, results),
        },
    }  # fmt: skip


def _remote_results(poll: Poll, live: PollResults | None) -> dict[str, object] | None:
    """The poll's rows for the speaker's remote, as the projector prints them: the
    remote is the speaker's, so it shows them before the room sees them too."""
    shown = live.results_for(poll) if live is not None else None
    if shown is None:
        return None
    # A motion's verdict once the room sees it, as the projector and the phones say it.
    decided = shown.motion if live is not None and live.status.revealed else None
    return {
        "rows": [{"name": row.name, "shown": shown.amount(row)} for row in shown.rows],
        "base_note": shown.base_note(),
        "motion": decided.sentence() if decided is not None else None,
    }


def _serves(deck: Deck) -> bool:
    """A talk needs the voting server for its polls, or for questions from the room."""
    return bool(deck.polls) or deck.meta.questions


def _full_screen(window: QWidget, screen: QScreen) -> None:
    window.setGeometry(screen.geometry())
    window.create()
    handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    window.showFullScreen()


def _minimized(window: QWidget, screen: QScreen) -> None:
    area = screen.availableGeometry()
    window.showNormal()  # out of full screen first, with a size to come back to
    window.setGeometry(
        QRect(
            area.x() + area.width() // 2, area.y() + 40, area.width() // 2 - 20, area.height() // 2
        )
    )
    handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    window.showMinimized()
