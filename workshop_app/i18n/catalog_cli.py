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
    # ------------------------------------------------ session files someone sent
    "session_file.too_slow": (
        "das Lesen dauerte über {seconds} s – so schreibt Impuls keine Sitzung",
        "reading it took over {seconds} s – Impuls writes no session like that",
    ),
    "session_file.foreign_part": (
        "enthält „{name}“ ({kind}), was Impuls nie anlegt",
        "holds “{name}” ({kind}), which Impuls never makes",
    ),
    "session_file.too_long": (
        "ein Eintrag in {table}.{column} ist länger als die {most} Zeichen, die Impuls annimmt",
        "an entry in {table}.{column} is longer than the {most} characters Impuls accepts",
    ),
    "session_file.bad_value": (
        "ein Wert, den Impuls so nie schreibt ({detail})",
        "a value Impuls never writes ({detail})",
    ),
    # ------------------------------------------------ our own mistakes, said as such
    "app.internal_error": (
        "Interner Fehler in Impuls (nicht in Ihrer Datei) – bitte mit dieser Zeile"
        " melden: {detail}",
        "internal error in Impuls (not in your file) – please report it with this line:"
        " {detail}",
    ),
}
