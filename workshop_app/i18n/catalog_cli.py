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
        "internal error in Impuls (not in your file) – please report it with this line: {detail}",
    ),
    # ------------------------------------------------ argparse's own words (cli.py)
    "cli.argparse.usage": ("Aufruf: ", "usage: "),
    "cli.argparse.options": ("Optionen", "options"),
    "cli.argparse.positional": ("Argumente", "positional arguments"),
    "cli.argparse.help": ("diese Hilfe zeigen und beenden", "show this help message and exit"),
    "cli.argparse.version": (
        "die Versionsnummer zeigen und beenden",
        "show program's version number and exit",
    ),
    "cli.argparse.error": ("%(prog)s: Fehler: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "cli.argparse.argument": (
        "Angabe %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "cli.argparse.invalid_choice": (
        "ungültige Wahl: %(value)r (möglich sind %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "cli.argparse.invalid_value": (
        "ungültiger Wert: %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "cli.argparse.required": (
        "diese Angaben fehlen: %s",
        "the following arguments are required: %s",
    ),
    "cli.argparse.unrecognized": ("unbekannte Angaben: %s", "unrecognized arguments: %s"),
    "cli.argparse.did_you_mean": ("(gemeint: {hint}?)", "(did you mean {hint}?)"),
    "cli.argparse.unknown_command": (
        "unbekannter Befehl „{word}“ (gemeint: {hint}?)",
        "unknown command '{word}' (did you mean {hint}?)",
    ),
    "cli.argparse.expected_one": ("erwartet einen Wert", "expected one argument"),
    "cli.argparse.expected_some": (
        "erwartet mindestens einen Wert",
        "expected at least one argument",
    ),
    "cli.argparse.ambiguous": (
        "mehrdeutige Option: %(option)s passt zu %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "cli.argparse.not_allowed_with": (
        "nicht zusammen mit %s möglich",
        "not allowed with argument %s",
    ),
    "cli.argparse.one_required": (
        "eine dieser Angaben ist nötig: %s",
        "one of the arguments %s is required",
    ),
    # ------------------------------------------------ counted things, for sentences of several
    "count.slides": ("{count} Folie‖{count} Folien", "{count} slide‖{count} slides"),
    "count.polls": ("{count} Umfrage‖{count} Umfragen", "{count} poll‖{count} polls"),
    "count.problems": ("{count} Hinweis‖{count} Hinweise", "{count} notice‖{count} notices"),
}
