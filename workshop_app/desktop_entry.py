"""Impuls in the desktop's menu on Linux: a desktop entry and its icon, per user.

Written where the freedesktop.org specifications say (`$XDG_DATA_HOME`, by default
~/.local/share): `applications/impuls.desktop` and the scalable icon under
`icons/hicolor`. The entry starts this very Python with `-m workshop_app`, so it
works for a checkout, a virtualenv and pipx alike.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from workshop_app.paths import ICON, impuls_command

SAFE = re.compile(r"[\w./+,:=@-]+")
APP_ID = "impuls"  # the desktop file's name; Qt announces it as the window's app id


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def entry_text(command: list[str] | None = None) -> str:
    # The entry spec wants arguments with spaces or other reserved characters quoted,
    # `"` `$` `` ` `` and `\\` inside quotes escaped with a backslash, which itself is
    # doubled by the rule for string values, and `%` doubled (field codes).
    program = " ".join(
        part
        if SAFE.fullmatch(part)
        else '"' + re.sub(r'(["`$\\])', r"\\\\\1", part).replace("%", "%%") + '"'
        for part in command or impuls_command()
    )
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Impuls",
        "GenericName=Präsentation mit Live-Abstimmung",
        "GenericName[en]=Presentation with live polls",
        "Comment=Vorträge halten, im Raum abstimmen lassen, Handout exportieren",
        "Comment[en]=Give talks, let the room vote, export the handout",
        f"Exec={program} %f",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;Presentation;Education;",
        # Markdown decks, PDFs, and what LibreOffice turns into one (deck/office.py).
        "MimeType=text/markdown;application/pdf;"
        "application/vnd.openxmlformats-officedocument.presentationml.presentation;"
        "application/vnd.ms-powerpoint;application/vnd.oasis.opendocument.presentation;"
        "application/vnd.apple.keynote;",
        f"StartupWMClass={APP_ID}",
        "",
    ])  # fmt: skip


def install(home: Path | None = None) -> list[Path]:
    """Write the entry and the icon; returns what was written."""
    home = home or data_home()
    entry = home / "applications" / f"{APP_ID}.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    for path in (entry, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(entry_text(), encoding="utf-8")
    shutil.copyfile(ICON, icon)
    return [entry, icon]
