"""The voting server: store + API on the local network, started and stopped as one piece.

One process, the keeper, owns the session file and its one writer; it forks
HTTP workers (one per core, at most four) that share the port. The keeper
forks them first thing, before it opens the file or starts a thread, so a
worker inherits no lock, no SQLite connection and no thread's half-held mutex.
Stopping goes the other way: the workers stop listening and finish what is in
flight, then the keeper commits the rest and closes the file.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import secrets
import signal
import socket
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from workshop_app.deck import Deck
from workshop_app.i18n import tr
from workshop_app.session.cards import CardKey, load_key
from workshop_app.session.model import StoreError
from workshop_app.session.store import SessionStore, disk_trouble
from workshop_app.voting.admission import Admission
from workshop_app.voting.evening import EveningStart, OnStage, evening_cards
from workshop_app.voting.ipc import Channel
from workshop_app.voting.keeper import Keeper
from workshop_app.voting.listening import DEFAULT_PORT, Listening
from workshop_app.voting.network import lan_addresses
from workshop_app.voting.stagehand import Stagehand
from workshop_app.voting.worker import run_worker, run_worker_here

LOCK_WAIT_SECONDS = 5.0
LIFELINE_NICENESS = 10
STOP_SECONDS = 5.0
START_SECONDS = 30.0
# Forked workers where the system can fork (Linux, macOS); on Windows, or when
# IMPULS_NO_FORK=1 asks for it (a CI run tests that path on Linux), one worker
# in a thread of this process: the same keeper, the same guarantees, one core.
FORKS = sys.platform != "win32" and os.environ.get("IMPULS_NO_FORK") != "1"
# SO_REUSEPORT lets Linux spread connections over the workers' sockets. macOS has the
# option too, but there the socket bound last takes every connection: one worker.
SHARED_PORT = sys.platform == "linux" and FORKS
DEFAULT_WORKERS = min(4, os.cpu_count() or 1) if SHARED_PORT else 1
MACOS_OPEN_MAX = 10_240  # <sys/syslimits.h>: the most files a macOS process may open


class WorkersLostError(RuntimeError):
    """Every HTTP worker died (killed from outside): nobody can reach the server any more."""


def serve(
    deck: Deck,
    session_path: Path,
    *,
    host: str,
    port: int,
    lifeline: bool = False,
    workers: int = DEFAULT_WORKERS,
    admission: Admission | None = None,
    card_anchor: Path | None = None,
    evening: EveningStart | None = None,
) -> int:
    """Run store and server for `deck` until Ctrl-C or SIGTERM; stdout's first line is JSON.

    The voting cards' key is kept beside `card_anchor` (the session file unless an
    evening's program is given; session/cards.py). A session whose record of its
    cards was altered is refused with one sentence, before a phone can join.

    `evening`: `deck` is a talk of an evening (voting/evening.py); the app moves the
    server on to the program's next talks, on the same port and with the same code.

    This process becomes the keeper (the session file's one writer) and forks
    `workers` HTTP workers that share the port. Raises WorkersLostError if they all die.

    With `lifeline` (the app starts us so), we also stop when stdin closes: the
    app holds the other end, so if it dies, even by SIGKILL, we stop at once
    instead of keeping the session file locked. A restarted app may find the
    previous server still shutting down, so then we wait a moment for the lock.
    """
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if lifeline else 0)
    _raise_open_file_limit()
    _quiet_logging()
    if lifeline:
        _yield_to_the_projector()
    children: list[tuple[int | threading.Thread, socket.socket]]
    stage = evening.stage if evening is not None else None
    if FORKS:
        count = max(1, workers if SHARED_PORT else 1)
        children = list(_fork_workers(count, deck, session_path, stage))
    else:
        children = [_thread_worker(deck, session_path, stage)]
    try:
        while True:
            try:
                store = SessionStore(
                    session_path,
                    deck_source=deck.source,
                    poll_ids=[p.id for p in deck.polls],
                    deck_path=deck.path,
                    deck_files=deck.files,
                    countdowns={p.id: p.seconds for p in deck.polls if p.seconds},
                    own_thread=False,  # the keeper's event loop commits
                )
                break
            except StoreError as error:
                if error.code == "locked" and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                print(str(error), file=sys.stderr)
                return 1
        held = [store]  # an evening's keeper moves on to other talks' stores
        try:
            try:
                kept = load_key(card_anchor or session_path)
                if evening is not None:  # a talk added after the cards were printed, too
                    _adopt_evening_cards(store, evening, kept)
                card_key = store.cards_checked(kept)
            except StoreError as error:
                print(str(error), file=sys.stderr)
                return 1
            links = [sock for _, sock in children]
            try:
                return asyncio.run(
                    _keep(
                        held,
                        links,
                        host,
                        port,
                        lifeline,
                        admission or Admission(),
                        card_key,
                        evening,
                    )
                )
            except sqlite3.DatabaseError as error:  # found while serving: a sentence, no trace
                trouble = disk_trouble(error, session_path)
                detail = (
                    str(trouble)
                    if trouble is not None
                    else tr("session.damaged", path=session_path, detail=error)
                )
                print(detail, file=sys.stderr)
                return 1
        finally:
            held[0].close()
    finally:
        for child, sock in children:
            sock.close()  # a worker still waiting to start sees the end and leaves
            if isinstance(child, threading.Thread):
                child.join(timeout=STOP_SECONDS)
            else:
                os.waitpid(child, 0)


def _adopt_evening_cards(store: SessionStore, start: EveningStart, key: CardKey | None) -> None:
    """The talk an evening starts in records the evening's cards, taken from another
    talk's session where it has none yet (voting/evening.py `evening_cards`)."""
    issued = evening_cards(start.evening, start.program, key, but=store.path)
    if issued is None:
        return
    adopted = store.submit(store.adopt_cards_work(key, issued))
    store.commit_queued()
    adopted.result()


def _thread_worker(
    deck: Deck, session_path: Path, stage: OnStage | None
) -> tuple[threading.Thread, socket.socket]:
    """The one HTTP worker, in a thread with its own event loop, where we cannot fork."""
    ours, theirs = socket.socketpair()
    thread = threading.Thread(
        target=run_worker_here,
        args=(theirs, deck, session_path, stage),
        name="impuls-http",
        daemon=True,
    )
    thread.start()
    return thread, ours


def _yield_to_the_projector() -> None:
    """Beside the app on two cores, the projector's frames come first: under a flood
    of votes the scheduler then lets the GUI in, and the server takes the rest."""
    if sys.platform == "win32":
        psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
    else:
        os.nice(LIFELINE_NICENESS)


def _raise_open_file_limit() -> None:
    """As many open connections as the system allows us: Linux desktops start at 1,024,
    macOS at 256, and 2,000 phones hold a few each (worker.MOST_CONNECTIONS).

    macOS says its hard limit is unlimited but refuses more than OPEN_MAX (10,240)
    per process, so that is asked next. Windows has no such limit on sockets, and no
    `resource` module.
    """
    if sys.platform != "win32":
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        for wanted in (hard if hard != resource.RLIM_INFINITY else 65_536, MACOS_OPEN_MAX):
            if soft == resource.RLIM_INFINITY or soft >= wanted:
                return
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
                return
            except (ValueError, OSError):  # a container may forbid it: the caps still hold
                continue


class RateLimit(logging.Filter):
    """At most `most` records of one kind per `window` seconds, then a note of what was left out.

    Under attack, asyncio logged 628,599 tracebacks in 90 s (224 MB): the same few
    lines again and again, filling the disk and the app's memory.
    """

    def __init__(self, most: int = 5, window: float = 60.0) -> None:
        super().__init__()
        self.most, self.window = most, window
        self.seen: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        key = (record.name, str(record.msg))
        since, count = self.seen.get(key, (now, 0))
        if now - since > self.window:
            if count > self.most:
                record.msg = f"{record.msg} (and {count - self.most} more like it left out)"
            since, count = now, 0
        self.seen[key] = (since, count + 1)
        if len(self.seen) > 1000:  # many kinds: start over rather than grow
            self.seen.clear()
        return count < self.most


def _quiet_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler.addFilter(RateLimit())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)


def _fork_workers(
    count: int, deck: Deck, session_path: Path, stage: OnStage | None
) -> list[tuple[int, socket.socket]]:
    if sys.platform == "win32":  # FORKS is False there: serve takes the thread instead
        raise OSError(errno.ENOSYS, "Windows cannot fork")
    else:
        sys.stdout.flush()  # a child must not write our buffered output a second time
        sys.stderr.flush()
        children: list[tuple[int, socket.socket]] = []
        for _ in range(count):
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    ours.close()
                    for _, sock in children:
                        sock.close()
                    code = run_worker(theirs, deck, session_path, stage)
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)  # never return into the keeper's code
            theirs.close()
            children.append((pid, ours))
        return children


def reserve_port(host: str, port: int) -> tuple[socket.socket, int]:
    """Bind (without listening) the port the workers will share; fall back to a free one.

    The bind itself is exclusive, so a port another program uses is refused
    as before; only then is SO_REUSEPORT switched on, for our workers to join.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in (port, 0) if port else (0,):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as error:
            sock.close()
            if error.errno == errno.EADDRINUSE and candidate:
                continue
            raise
        if sys.platform == "linux" and SHARED_PORT:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        return sock, int(sock.getsockname()[1])
    raise OSError(errno.EADDRINUSE, "no free port")


async def _keep(
    held: list[SessionStore],
    links: list[socket.socket],
    host: str,
    port: int,
    lifeline: bool,
    admission: Admission,
    card_key: CardKey | None = None,
    evening: EveningStart | None = None,
) -> int:
    local = host in ("0.0.0.0", "::", "")
    hosts = lan_addresses() if local else [host]
    # The names phones may reach us by: our addresses, this machine, the proxy's.
    names = {h.lower() for h in hosts} | {"127.0.0.1", "localhost", "::1"}
    if admission.public_url:
        names.add((urlsplit(admission.public_url).hostname or "").lower())
    admission = replace(admission, hosts=frozenset(names))
    store = held[0]
    keeper = Keeper(store, len(links), admission, card_key)
    if evening is not None:
        keeper.stagehand = Stagehand(keeper, evening.evening, evening.program, evening.stage)
        keeper.stagehand.open_ahead()
    channels = [await Channel.to_worker(sock) for sock in links]
    following = [keeper.attach(channel) for channel in channels]
    # Printed voting cards name a port in their QR codes: kept where the default was asked.
    printed = card_key.port if card_key is not None else 0
    asked = printed if printed and port == DEFAULT_PORT else port
    bound, port = reserve_port(host, asked)
    try:
        token = secrets.token_urlsafe(24)
        keeper.start(host, port, token)
        try:
            await asyncio.wait_for(keeper.started, START_SECONDS)
        except TimeoutError:
            raise OSError(errno.ETIMEDOUT, "the voting server's workers did not start") from None
        urls = tuple(f"http://{_in_url(h)}:{port}" for h in hosts) or (f"http://127.0.0.1:{port}",)
        if admission.public_url:
            urls = (admission.public_url.rstrip("/"), *urls)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        _on_signals(loop, stop.set)  # before the line: whoever reads it may stop us at once
        if lifeline:
            _watch_lifeline(loop, stop.set)
        notice = ""
        if printed and port != printed and asked:  # said, not hidden: the cards miss
            notice = tr("cards.port_elsewhere", printed=printed, port=port)
            print(notice, file=sys.stderr, flush=True)
        print(Listening(urls[0], urls, port, store.join_code, token, notice).as_json(), flush=True)
        gone = asyncio.create_task(keeper.gone.wait())
        await asyncio.wait([asyncio.create_task(stop.wait()), gone], return_when="FIRST_COMPLETED")
        if gone.done():
            raise WorkersLostError("every HTTP worker of the voting server stopped")
        await keeper.stop(STOP_SECONDS)
        return 0
    finally:
        held[0] = keeper.store  # the one to close: the talk that is on
        if keeper.stagehand is not None:
            keeper.stagehand.close()  # and the next, if it was opened ahead
        bound.close()
        for task in following:
            task.cancel()


def _on_signals(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> None:
    """Ctrl-C and SIGTERM stop us; Windows' event loop has no signal handlers."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop)
        except (NotImplementedError, RuntimeError):
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop))


def _watch_lifeline(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> None:
    """Stop when stdin ends: the app holds its other end, so it ends when the app dies.

    The event loop watches the pipe where it can; without fork (Windows, whose
    loop cannot watch a pipe) a thread reads it.
    """
    stdin = sys.stdin.fileno()
    if FORKS:

        def read_lifeline() -> None:
            if not os.read(stdin, 4096):  # end of file: the app is gone
                loop.remove_reader(stdin)
                stop()

        loop.add_reader(stdin, read_lifeline)
        return

    def wait_for_the_end() -> None:
        while os.read(stdin, 4096):
            pass
        loop.call_soon_threadsafe(stop)

    threading.Thread(target=wait_for_the_end, name="impuls-lifeline", daemon=True).start()


def _in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host  # an IPv6 address needs brackets in a URL
