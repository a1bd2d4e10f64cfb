"""One writer per session file, on every system: the claim is a lock on `NAME.lock`.

filelock takes it with fcntl on Linux and macOS and with msvcrt on Windows, where
there is no fcntl; the same file, so an older Impuls and this one still exclude
each other. Held by the process that writes (the app's voting server, or `serve`)
and released when it stops, or by the system when it dies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop_app.session.model import StoreError


def lock_path(session: Path) -> Path:
    return session.with_name(session.name + ".lock")


class SessionLock:
    def __init__(self, session: Path) -> None:
        # Imported here: filelock takes 30 ms to import, which the app's start-up
        # (the library imports this module) need not pay before a talk begins.
        from filelock import FileLock

        self.session = session
        # thread_local off: the writer thread releases what the opening thread took.
        self._lock = FileLock(lock_path(session), timeout=0, thread_local=False)

    def acquire(self, message: str) -> None:
        """Take the claim now or raise StoreError("locked", message)."""
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError("locked", message) from None

    def release(self) -> None:
        """Give the claim up and take its file away: a `NAME.lock` left beside the
        session looks to a person like a session still open. Removed while still held,
        so nobody can take the claim on a file that is about to go; filelock checks,
        once it holds a lock, that its file is still the one at that path."""
        if sys.platform != "win32" and self._lock.is_locked:  # Windows' filelock removes it
            lock_path(self.session).unlink(missing_ok=True)
        self._lock.release()


def in_use(session: Path) -> bool:
    """Another process (or another store here) writes `session` right now."""
    probe = SessionLock(session)
    try:
        probe.acquire("")
    except StoreError as error:
        if error.code != "locked":
            raise
        return True
    probe.release()
    return False
