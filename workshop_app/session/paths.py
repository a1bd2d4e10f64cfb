"""Where session files live by default: the platform's data folder, one per deck and day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import platformdirs


def sessions_dir() -> Path:
    return Path(platformdirs.user_data_dir("impuls", appauthor=False)) / "sessions"


def default_session_path(deck: Path, day: date | None = None) -> Path:
    """`<data>/sessions/<deck name>-<YYYY-MM-DD>.impuls`: rerunning today resumes the event."""
    return sessions_dir() / f"{deck.stem}-{(day or date.today()).isoformat()}.impuls"
