"""Messages of an evening's program (several talks on one join): id → (German, English)."""

from __future__ import annotations

EVENING_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------ reading a program file
    "program.is_directory": (
        "ist ein Ordner, kein Programm eines Abends",
        "is a folder, not an evening's program",
    ),
    "program.too_large": (
        "Datei ist größer als {most} KB – das ist kein Programm eines Abends",
        "file is larger than {most} KB – that is not an evening's program",
    ),
    "program.not_mapping": (
        "Ein Programm besteht aus Schlüsseln wie „title:“, „date:“ und „talks:“",
        "a program consists of keys such as 'title:', 'date:' and 'talks:'",
    ),
    "program.unknown_key": (
        "unbekannter Schlüssel „{key}“ (erlaubt: title, date, place, talks)",
        "unknown key '{key}' (allowed: title, date, place, talks)",
    ),
    "program.unknown_key_hint": (
        "unbekannter Schlüssel „{key}“ – gemeint ist wohl „{hint}“",
        "unknown key '{key}' – did you mean '{hint}'?",
    ),
    "slot.unknown_key": (
        "unbekannter Schlüssel „{key}“ in einem Vortrag (erlaubt: deck, speaker, title)",
        "unknown key '{key}' in a talk (allowed: deck, speaker, title)",
    ),
    "slot.unknown_key_hint": (
        "unbekannter Schlüssel „{key}“ in einem Vortrag – gemeint ist wohl „{hint}“",
        "unknown key '{key}' in a talk – did you mean '{hint}'?",
    ),
    "program.no_title": (
        "Das Programm braucht einen Titel („title:“)",
        "the program needs a title ('title:')",
    ),
    "program.no_date": (
        "Das Programm braucht ein Datum („date: 2026-12-07“)",
        "the program needs a date ('date: 2026-12-07')",
    ),
    "program.bad_date": (
        "Das Datum wird als Jahr-Monat-Tag geschrieben, etwa „2026-12-07“",
        "the date is written as year-month-day, such as '2026-12-07'",
    ),
    "program.not_text": ("Hier gehört ein Text hin", "a text belongs here"),
    "program.text_too_long": (
        "Text ist länger als {most} Zeichen",
        "text is longer than {most} characters",
    ),
    "program.talks_not_list": (
        "„talks:“ ist eine Liste von Vorträgen, jeder mit „- deck: …“",
        "'talks:' is a list of talks, each with '- deck: …'",
    ),
    "program.too_many_talks": (
        "Ein Abend hat höchstens {most} Vorträge",
        "an evening has at most {most} talks",
    ),
    "program.talk_not_mapping": (
        "Ein Vortrag wird als „- deck: datei.md“ mit „speaker: Name“ geschrieben",
        "a talk is written as '- deck: file.md' with 'speaker: Name'",
    ),
    "program.no_deck": (
        "Der Vortrag nennt keine Datei („deck: vortrag.md“)",
        "the talk names no file ('deck: talk.md')",
    ),
    "program.deck_bad": (
        "Der Dateiname ist unlesbar oder länger als {most} Zeichen",
        "the file name is unreadable or longer than {most} characters",
    ),
    "program.deck_url": (
        "„{deck}“ ist eine Adresse im Netz; ein Programm nennt nur Dateien in seinem Ordner",
        "'{deck}' is an address on the network; a program names only files in its folder",
    ),
    "program.deck_absolute": (
        "„{deck}“ ist ein vollständiger Pfad; ein Programm nennt Dateien relativ zu seinem"
        " Ordner (etwa „vortraege/kasse.md“)",
        "'{deck}' is a full path; a program names files relative to its folder"
        " (such as 'talks/budget.md')",
    ),
    "program.deck_outside": (
        "„{deck}“ liegt außerhalb des Ordners des Programms; Impuls öffnet sie nicht",
        "'{deck}' lies outside the program's folder; Impuls does not open it",
    ),
    "program.not_a_deck": (
        "„{deck}“ ist kein Foliensatz (möglich: {kinds})",
        "'{deck}' is not a slide deck (possible: {kinds})",
    ),
    "program.deck_missing": (
        "„{deck}“ gibt es (noch) nicht",
        "'{deck}' does not exist (yet)",
    ),
    # ------------------------------------------------ `impuls serve ABEND.impuls-abend`
    "cli.help.talk": (
        "ein Abend: mit diesem Vortrag des Programms beginnen (ab 1; Standard: der zuletzt"
        " laufende)",
        "an evening: start with this talk of the program (from 1; default: the one last on)",
    ),
    "cli.talk_needs_program": (
        "--talk und --sessions gelten nur für das Programm eines Abends (.impuls-abend)",
        "--talk and --sessions apply only to an evening's program (.impuls-abend)",
    ),
    "cli.program_sessions": (
        "Ein Abend hat eine Sitzungsdatei je Vortrag: --sessions nennt ihren Ordner",
        "An evening has a session file per talk: --sessions names their folder",
    ),
    "cli.program_failed": (
        "Das Programm des Abends kann nicht geöffnet werden:",
        "The evening's program cannot be opened:",
    ),
    "cli.bad_talk": (
        "Vortrag {talk} gibt es nicht: das Programm hat {count}",
        "there is no talk {talk}: the program has {count}",
    ),
    # ------------------------------------------------ the evening in the console
    "evening.heading": (
        "{title} · Vortrag {number} von {count}",
        "{title} · talk {number} of {count}",
    ),
    "evening.next_talk": (
        "Nächster Vortrag: „{title}“ – {speaker}",
        "Next talk: “{title}” – {speaker}",
    ),
    "evening.last_talk": ("Letzter Vortrag des Abends", "The evening's last talk"),
    "evening.confirm": (
        "Nächster Vortrag „{title}“? V noch einmal: er beginnt · Esc: dieser bleibt",
        "Next talk “{title}”? V again: it begins · Esc: this one stays",
    ),
    "evening.switching": ("„{title}“ wird geöffnet …", "Opening “{title}” …"),
    "evening.add_talk": ("Vortrag hinzufügen …", "Add a talk …"),
    "evening.decks": ("Foliensätze", "Slide decks"),
    "evening.speaker": ("Wer spricht?", "Who speaks?"),
    "evening.deck_outside": (
        "„{deck}“ liegt nicht im Ordner des Programms",
        "“{deck}” is not in the program's folder",
    ),
    "evening.deck_failed": (
        "„{deck}“ kann nicht geöffnet werden: {detail}",
        "“{deck}” cannot be opened: {detail}",
    ),
    "evening.not_saved": (
        "Das Programm konnte nicht gespeichert werden: {detail}",
        "The program could not be saved: {detail}",
    ),
    "help.keys.next_talk": ("V, dann V", "V, then V"),
    "help.does.next_talk": (
        "ein Abend: nächster Vortrag (fragt erst)",
        "an evening: next talk (asks first)",
    ),
    # ------------------------------------------------ the program in the library
    "editor.program.heading": ("Programm des Abends: {name}", "The evening's program: {name}"),
    "editor.program.title": ("Titel des Abends", "Title of the evening"),
    "editor.program.date": ("Datum", "Date"),
    "editor.program.place": ("Ort", "Place"),
    "editor.program.talks": (
        "Vorträge in ihrer Reihenfolge (Titel leer: der des Foliensatzes)",
        "Talks in their order (title empty: the deck's own)",
    ),
    "editor.program.deck": ("Foliensatz", "Slide deck"),
    "editor.program.talk_title": ("Titel", "Title"),
    "editor.program.speaker": ("Spricht", "Speaker"),
    "editor.program.remove": ("Entfernen", "Remove"),
    "editor.program.up": ("Nach oben", "Move up"),
    "editor.program.down": ("Nach unten", "Move down"),
    "editor.program.start": ("Abend beginnen", "Begin the evening"),
    "editor.program.no_talks": (
        "Das Programm hat noch keinen Vortrag",
        "The program has no talk yet",
    ),
    "menu.new_evening": ("Neuer Abend …", "New evening …"),
    "menu.new_evening_name": ("Programm eines Abends", "An evening's program"),
    "library.evenings": ("Abende (*.impuls-abend)", "Evenings (*.impuls-abend)"),
}
