"""Messages of the minutes (Protokoll) and `impuls minutes`: id → (German, English)."""

from __future__ import annotations

MINUTES_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------ the document
    "minutes.title": ("Protokoll", "Minutes"),
    "minutes.subject": ("Protokoll der Veranstaltung", "Minutes of the meeting"),
    "minutes.when": ("Datum: {date}", "Date: {date}"),
    "minutes.where": ("Ort: {place}", "Place: {place}"),
    "minutes.program": ("Programm", "Program"),
    "minutes.talk": ("{title} ({speaker})", "{title} ({speaker})"),
    "minutes.participation": ("Teilnahme", "Participation"),
    "minutes.phones": (
        "{count} Handy hat abgestimmt‖{count} Handys haben abgestimmt",
        "{count} phone voted‖{count} phones voted",
    ),
    "minutes.not_held": ("keine Sitzungsdatei (nicht gehalten)", "no session file (not held)"),
    "minutes.motion": ("Antrag „{question}“ – {sentence}", "Motion “{question}” – {sentence}"),
    "minutes.cards": (
        "Stimmkarten: {issued} ausgegeben, {present} anwesend",
        "Voting cards: {issued} issued, {present} present",
    ),
    "minutes.polls": ("Abstimmungen und Umfragen", "Votes and polls"),
    "minutes.no_polls": ("Keine Abstimmung und keine Umfrage.", "No vote and no poll."),
    "minutes.answers": (
        "{count} Antwort, davon {approved} freigegeben‖{count} Antworten, davon {approved}"
        " freigegeben",
        "{count} answer, {approved} of them approved‖{count} answers, {approved} of them approved",
    ),
    "minutes.questions": ("Beantwortete Fragen", "Questions answered"),
    "minutes.no_questions": (
        "Keine Frage aus dem Publikum wurde als beantwortet markiert.",
        "No question from the audience was marked as answered.",
    ),
    "minutes.signatures": ("Unterschriften", "Signatures"),
    "minutes.place_date": ("Ort, Datum", "Place, date"),
    "minutes.chair": ("Versammlungsleitung", "Chair"),
    "minutes.secretary": ("Protokollführung", "Secretary (minutes)"),
    "minutes.digest": (
        "Prüfsumme der Sitzung (SHA-256): {digest}",
        "Checksum of the session (SHA-256): {digest}",
    ),
    # ------------------------------------------------ the command line
    "cli.help.minutes": (
        "das Protokoll eines Vortrags oder Abends: .docx zum Bearbeiten und dasselbe als PDF",
        "the minutes of a talk or an evening: a .docx to edit and the same as PDF",
    ),
    "cli.help.minutes_source": (
        "Sitzungsdatei (.impuls) eines Vortrags oder Programm eines Abends (.impuls-abend)",
        "a talk's session file (.impuls) or an evening's program (.impuls-abend)",
    ),
    "cli.help.minutes_sessions": (
        "Ordner mit den Sitzungsdateien des Abends (sonst der Ordner des Abends im Datenordner)",
        "folder with the evening's session files (else the evening's folder in the data folder)",
    ),
    "minutes.no_sessions": (
        "{program}: noch kein Vortrag des Abends hat eine Sitzungsdatei",
        "{program}: no talk of the evening has a session file yet",
    ),
    "cli.help.minutes_docx": (
        "das Protokoll als Word-Datei (.docx) zum Bearbeiten",
        "the minutes as a Word file (.docx) to edit",
    ),
    "cli.help.minutes_pdf": ("das Protokoll als PDF", "the minutes as a PDF"),
    "minutes.nothing": (
        "Nichts zu tun: --docx oder --pdf angeben",
        "Nothing to do: give --docx or --pdf",
    ),
    "minutes.ending": (
        "{path}: die Datei muss auf {ending} enden",
        "{path}: the file must end in {ending}",
    ),
    # ------------------------------------------------ the export dialog
    "export.document": ("Dokument", "Document"),
    "export.document.handout": ("Handout (PDF)", "Handout (PDF)"),
    "export.document.minutes": ("Protokoll (.docx und PDF)", "Minutes (.docx and PDF)"),
    "export.minutes.file": ("protokoll", "minutes"),
    "export.document.proceedings": (
        "Tagungsband des Abends (PDF)",
        "The evening's proceedings (PDF)",
    ),
    "export.proceedings.file": ("tagungsband", "proceedings"),
    "export.proceedings.running": ("Tagungsband wird erstellt …", "Making the proceedings …"),
    "export.program": ("Programm", "Program"),
    "export.minutes.needs_session": (
        "Für das Protokoll eine Sitzungsdatei wählen",
        "Choose a session file for the minutes",
    ),
    "export.minutes.open_after": (
        "Protokoll (.docx) danach öffnen",
        "Open the minutes (.docx) afterwards",
    ),
    "export.minutes.done": (
        "Dazu {docx} zum Bearbeiten",
        "And {docx} to edit",
    ),
    # ------------------------------------------------ the proceedings
    "proceedings.title": ("Tagungsband", "Proceedings"),
    "proceedings.pdf_only": (
        "{option}: für ein Programm gibt es den Tagungsband als PDF (--pdf); die Tabellen"
        " je Vortrag mit dessen Sitzungsdatei",
        "{option}: a program gives the proceedings as a PDF (--pdf); the tables come per"
        " talk, from its session file",
    ),
}
