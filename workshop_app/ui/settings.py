"""Every setting the app keeps, declared once, stored with QSettings.

Tests hand in a QSettings on a temporary file, so they never touch the user's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T", str, int, bool)

MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


THEME = Setting("presenting/theme", "")  # "" = the deck's own theme
AUDIENCE_SCREEN = Setting("presenting/audience_screen", "")  # screen name, "" = non-primary
SWAPPED = Setting("presenting/swapped", False)  # one screen: console and audience swapped
NOTES_FONT_PX = Setting("presenting/notes_font_px", 30)
LANGUAGE = Setting("ui/language", "")  # "" = German, or what --lang says
# PDF pages twice a slide's width are Beamer's slides with notes beside them (deck/pdf.py):
# the slide half to the room, the notes half to the console. False: whole pages to the room.
PDF_NOTES_HALF = Setting("presenting/pdf_notes_half", True)


class Settings:
    """Typed access to the declared settings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Impuls", "impuls"
        )

    def get(self, setting: Setting[T]) -> T:
        raw = self.store.value(setting.key, setting.default)
        default = setting.default
        # INI files hand back strings; a hand-edited value falls back, never crashes.
        if isinstance(default, bool):
            return (raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")) is True
        if isinstance(default, int):
            return _int(raw, default)
        return str(raw) if raw is not None else default

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    # ------------------------------------------------------------ recent decks

    def recent_decks(self) -> list[str]:
        raw = self.store.value("library/recent", [])
        if isinstance(raw, str):
            return [raw] if raw else []
        return [str(item) for item in raw or []] if isinstance(raw, list) else []

    def add_recent(self, path: str) -> None:
        recent = [path, *(p for p in self.recent_decks() if p != path)][:MAX_RECENT]
        self.store.setValue("library/recent", recent)

    # ------------------------------------------------------------ per deck

    def last_slide(self, path: str) -> int:
        return max(0, _int(self.store.value(f"positions/{_deck_key(path)}", 0), 0))

    def set_last_slide(self, path: str, index: int) -> None:
        self.store.setValue(f"positions/{_deck_key(path)}", index)

    def sync(self) -> None:
        self.store.sync()


def _int(raw: object, default: int) -> int:
    try:
        return int(str(raw))
    except ValueError:
        return default


def _deck_key(path: str) -> str:
    """Paths contain characters QSettings keys cannot; a digest is stable and safe."""
    return hashlib.sha1(path.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
