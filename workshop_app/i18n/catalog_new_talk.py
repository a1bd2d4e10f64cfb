"""Messages of the new talk (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

NEW_TALK_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the dialog
    "new_talk.window_title": ("Neuer Vortrag", "New talk"),
    "new_talk.from_template": ("Aus Vorlage", "From a template"),
    "new_talk.from_presentation": (
        "Aus PowerPoint, Keynote oder PDF",
        "From PowerPoint, Keynote or PDF",
    ),
    "new_talk.title": ("Titel", "Title"),
    "new_talk.title_placeholder": ("Worum geht es?", "What is it about?"),
    "new_talk.author": ("Vortragende(r)", "Speaker"),
    "new_talk.author_placeholder": ("Ihr Name (freiwillig)", "Your name (optional)"),
    "new_talk.language": ("Sprache", "Language"),
    "new_talk.folder": ("Ordner", "Folder"),
    "new_talk.change_folder": ("Ändern…", "Change…"),
    "new_talk.presentation": ("Datei", "File"),
    "new_talk.presentation_placeholder": (
        "vortrag.pptx, .ppt, .odp, .key oder .pdf",
        "talk.pptx, .ppt, .odp, .key or .pdf",
    ),
    "new_talk.choose_file": ("Auswählen…", "Choose…"),
    "new_talk.presentation_filter": (
        "Präsentationen und PDFs",
        "Presentations and PDFs",
    ),
    "new_talk.presentation_hint": (
        "Impuls legt daneben eine kurze Markdown-Datei an, die alle Seiten zeigt,"
        " bei PowerPoint und Impress mit Ihren Sprechernotizen. Dort können Sie"
        " Umfragen zwischen die Seiten setzen. Die Originaldatei bleibt unverändert.",
        "Impuls writes a short Markdown file beside it that shows every page, with"
        " your speaker notes for PowerPoint and Impress. There you can put polls"
        " between the pages. The original file stays unchanged.",
    ),
    "new_talk.create": ("Anlegen", "Create"),
    "new_talk.cancel": ("Abbrechen", "Cancel"),
    # ---------------------------------------------------------------- what went wrong
    "new_talk.error.no_title": (
        "Bitte geben Sie dem Vortrag einen Titel.",
        "Please give the talk a title.",
    ),
    "new_talk.error.no_folder": (
        "Bitte wählen Sie einen Ordner für den Vortrag.",
        "Please choose a folder for the talk.",
    ),
    "new_talk.error.not_a_folder": (
        "„{folder}“ ist kein Ordner. Bitte wählen Sie einen anderen.",
        "“{folder}” is not a folder. Please choose another one.",
    ),
    "new_talk.error.folder_read_only": (
        "In den Ordner „{folder}“ kann Impuls nicht schreiben."
        " Bitte wählen Sie einen anderen Ordner.",
        "Impuls cannot write to the folder “{folder}”. Please choose another folder.",
    ),
    "new_talk.error.folder": (
        "Der Vortrag konnte in „{folder}“ nicht gespeichert werden ({detail}).",
        "The talk could not be saved in “{folder}” ({detail}).",
    ),
    "new_talk.error.no_presentation": (
        "Bitte wählen Sie eine PowerPoint-, Keynote-, Impress- oder PDF-Datei.",
        "Please choose a PowerPoint, Keynote, Impress or PDF file.",
    ),
    "new_talk.error.not_presentation": (
        "„{name}“ ist keine PowerPoint-, Keynote-, Impress- oder PDF-Datei"
        " (.pptx, .ppt, .key, .odp, .pdf).",
        "“{name}” is not a PowerPoint, Keynote, Impress or PDF file"
        " (.pptx, .ppt, .key, .odp, .pdf).",
    ),
    "new_talk.error.presentation_missing": (
        "Die Datei „{name}“ gibt es nicht (mehr). Bitte wählen Sie sie neu aus.",
        "The file “{name}” does not exist (any more). Please choose it again.",
    ),
    # ---------------------------------------------------------------- a poll to start from
    "new_talk.poll_id": ("umfrage", "poll"),
    "new_talk.poll_question": ("Was meinen Sie?", "What do you think?"),
    "new_talk.poll_options": ("Ja, Nein, Weiß nicht", "Yes, No, Not sure"),
}
