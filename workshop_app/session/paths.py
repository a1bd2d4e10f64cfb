"""Where session files live by default: the platform's data folder, one per deck and day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workshop_app.session.lock import in_use, lock_path
from workshop_app.session.model import StoreError
from workshop_app.session.room_code import CODE_SUFFIX

# An evening's program (session/program.py). Told apart here, by its name alone: the
# CLI asks before `export` forks its renderer, and reading a program imports the parser.
PROGRAM_SUFFIX = ".impuls-abend"


def is_program_file(path: Path) -> bool:
    return path.name.lower().endswith(PROGRAM_SUFFIX) and len(path.name) > len(PROGRAM_SUFFIX)


def sessions_dir() -> Path:
    import platformdirs  # not at import: `export` asks is_program_file before it forks

    return Path(platformdirs.user_data_dir("impuls", appauthor=False)) / "sessions"


def default_session_path(deck: Path, day: date | None = None) -> Path:
    """`<data>/sessions/<deck name>-<YYYY-MM-DD>.impuls`: rerunning today resumes the event."""
    return sessions_dir() / f"{deck.stem}-{(day or date.today()).isoformat()}.impuls"


def companions(session: Path) -> list[Path]:
    """The session file and what SQLite, our lock and the room's code keep beside it."""
    kept = ("-wal", "-shm", ".lock", CODE_SUFFIX)
    return [session] + [session.with_name(session.name + s) for s in kept]


def delete_session(session: Path) -> list[Path]:
    """Delete a session file with its WAL, SHM and lock files; refuse while it is in use.

    Returns what was deleted. Raises StoreError("locked") if a voting server holds it.
    """
    if lock_path(session).exists() and in_use(session):
        raise StoreError("locked", f"{session} is open in a running Impuls")
    deleted = []
    for path in companions(session):
        if path.exists():
            path.unlink()
            deleted.append(path)
    return deleted
