"""Messages of the command line (usage, Ctrl-C): id → (German, English)."""

from __future__ import annotations

CLI_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------ Ctrl-C, or the system stopping us
    "cli.ended": ("Beendet.", "Stopped."),
    "cli.session_saved": ("Sitzung gespeichert: {path}", "Session saved: {path}"),
    "cli.unsaved_kept": (
        "Ungespeicherter Text von „{name}“ ist gesichert und wird beim nächsten Öffnen angeboten.",
        "Unsaved text of “{name}” is kept safe and will be offered when it is next opened.",
    ),
}
