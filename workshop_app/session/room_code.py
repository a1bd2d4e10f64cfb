"""The room's join code, kept beside the session file and never in it: `NAME.code`.

A session file travels: the organizer hands it to whoever checks the results.
What lets a phone into the room stays with the laptop that runs it. The key that
signs tickets lives in the voting server's memory alone (voting/admission.py); the
join code must outlive a restart, because it hangs on the wall and sits in every
phone, so it is kept in a small file of its own that only its owner may read
(mode 0600 where the system has modes; on Windows the user's data folder is the
user's alone). A session file opened without its code file gets a new code when
voting resumes: the old code, like the old tickets, no longer lets anyone in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workshop_app.session.model import is_join_code

CODE_SUFFIX = ".code"


def code_path(session: Path) -> Path:
    return session.with_name(session.name + CODE_SUFFIX)


def kept_code(session: Path) -> str | None:
    """The code kept beside the session, or None where there is none (or it is not one
    of ours: the file is read as the session is, as something someone may have sent)."""
    try:
        with code_path(session).open("rb") as kept:
            text = kept.read(64).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if is_join_code(text) else None


def keep_code(session: Path, code: str) -> None:
    """Write the code beside the session, readable by its owner alone, replacing any
    earlier one whole (a crash leaves the old file or the new one, never half)."""
    target = code_path(session)
    written = target.with_name(target.name + ".new")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(written, flags, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(code.encode("ascii") + b"\n")
    if sys.platform != "win32":
        written.chmod(0o600)  # also where a umask or an older file widened it
    written.replace(target)
