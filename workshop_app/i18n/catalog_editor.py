"""Messages of the editor (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

EDITOR_MESSAGES: dict[str, tuple[str, str]] = {
    "editor.toolbar": ("Formatieren", "Formatting"),
    "editor.action.heading": ("Überschrift", "Heading"),
    "editor.tip.heading": (
        "Die Zeile zur Überschrift machen, oder wieder zu Text",
        "Make the line a heading, or text again",
    ),
    "editor.action.bold": ("Fett", "Bold"),
    "editor.tip.bold": ("Markierten Text fett setzen", "Make the selected text bold"),
    "editor.bold_text": ("fetter Text", "bold text"),
    "editor.action.list": ("Liste", "List"),
    "editor.tip.list": (
        "Die markierten Zeilen zu Aufzählungspunkten machen",
        "Make the selected lines bullet points",
    ),
    "editor.action.image": ("Bild …", "Image …"),
    "editor.tip.image": (
        "Ein Bild einfügen; es wird neben das Deck kopiert. Bilder lassen sich auch"
        " in den Text ziehen.",
        "Insert a picture; it is copied beside the deck. Pictures can also be dragged"
        " into the text.",
    ),
    "editor.image_filter": ("Bilder ({patterns})", "Pictures ({patterns})"),
    "editor.image_failed": (
        "„{name}“ konnte nicht neben das Deck kopiert werden: {detail}",
        "“{name}” could not be copied beside the deck: {detail}",
    ),
    "editor.action.table": ("Tabelle", "Table"),
    "editor.tip.table": ("Eine kleine Tabelle einfügen", "Insert a small table"),
    "editor.table_a": ("Spalte 1", "Column 1"),
    "editor.table_b": ("Spalte 2", "Column 2"),
    "editor.action.notes": ("Notiz", "Note"),
    "editor.tip.notes": (
        "Eine Sprechernotiz einfügen: nur Sie sehen sie, in der Konsole und im Notizen-Handout",
        "Insert a speaker note: only you see it, in the console and the notes handout",
    ),
    "editor.note_text": ("Was ich hier sagen will …", "What I want to say here …"),
    "editor.action.whole_file": ("Ganze Datei", "Whole file"),
    "editor.tip.whole_file": (
        "Den Markdown-Text der ganzen Datei zeigen und bearbeiten (rückgängig machbar)",
        "Show and edit the Markdown of the whole file (can be undone)",
    ),
    "editor.action.add_slide": ("+ Folie", "+ Slide"),
    "editor.tip.add_slide": (
        "Eine neue Folie nach dieser einfügen",
        "Add a new slide after this one",
    ),
    "editor.action.duplicate_slide": ("Duplizieren", "Duplicate"),
    "editor.tip.duplicate_slide": (
        "Diese Folie kopieren; eine Umfrage darin bekommt eine eigene Kennung",
        "Copy this slide; a poll on it gets an id of its own",
    ),
    "editor.action.delete_slide": ("Löschen", "Delete"),
    "editor.tip.delete_slide": (
        "Diese Folie löschen (Strg+Z holt sie zurück)",
        "Delete this slide (Ctrl+Z brings it back)",
    ),
    "editor.where.slide": ("Folie {number} von {count}", "Slide {number} of {count}"),
    "editor.where.whole": ("Die ganze Datei „{path}“", "The whole file “{path}”"),
    "editor.new_slide_title": ("Neue Folie", "New slide"),
    "editor.new_slide_point": ("Ein erster Punkt", "A first point"),
    "editor.undo.typing": ("Tippen", "Typing"),
    "editor.undo.whole_file": ("Ganze Datei zeigen", "Show the whole file"),
    "editor.undo.slide_view": ("Folienweise zeigen", "Show slide by slide"),
    "editor.undo.add": ("Folie einfügen", "Add slide"),
    "editor.undo.duplicate": ("Folie duplizieren", "Duplicate slide"),
    "editor.undo.delete": ("Folie löschen", "Delete slide"),
    "editor.undo.move": ("Folie verschieben", "Move slide"),
    "editor.undo": ("Rückgängig", "Undo"),
    "editor.redo": ("Wiederholen", "Redo"),
    "editor.save": ("Speichern", "Save"),
    "editor.saved": ("Gespeichert: {name}", "Saved: {name}"),
    "editor.save_failed": (
        "„{name}“ konnte nicht gespeichert werden: {detail}. Ihr Text bleibt im Editor.",
        "“{name}” could not be saved: {detail}. Your text stays in the editor.",
    ),
    "editor.unsaved_title": ("Ungespeicherte Änderungen", "Unsaved changes"),
    "editor.unsaved": (
        "„{name}“ hat ungespeicherte Änderungen. Speichern?",
        "“{name}” has unsaved changes. Save them?",
    ),
    "editor.reloaded": (
        "„{name}“ wurde außerhalb von Impuls geändert und neu geladen.",
        "“{name}” was changed outside Impuls and has been reloaded.",
    ),
    "editor.undo.recovered": ("Ungespeicherten Text wiederherstellen", "Restore unsaved text"),
    "editor.recovered": (
        "Ungespeicherter Text für „{name}“ wiederhergestellt – noch nicht gespeichert.",
        "Unsaved text for “{name}” restored – not saved yet.",
    ),
    "editor.action.poll": ("Umfrage …", "Poll …"),
    "editor.tip.poll": (
        "Die Umfrage dieser Folie im Formular bearbeiten, oder eine neue Umfrage-Folie"
        " nach dieser anlegen",
        "Edit this slide's poll in a form, or add a new poll slide after this one",
    ),
    "editor.action.questions": ("Publikumsfragen …", "Audience questions …"),
    "editor.tip.questions": (
        "Eine Folie mit den Fragen aus dem Publikum anlegen oder bearbeiten",
        "Add or edit a slide with the audience's questions",
    ),
    "editor.undo.poll": ("Umfrage", "Poll"),
    "editor.undo.questions": ("Fragen-Folie", "Questions slide"),
    "editor.created": ("Neuer Vortrag angelegt: {name}", "New talk created: {name}"),
    "editor.companion": (
        "Umfragen kommen in „{name}“; „{original}“ bleibt unverändert.",
        "Polls go into “{name}”; “{original}” stays unchanged.",
    ),
    "editor.companion_failed": (
        "Neben „{name}“ kann keine Begleitdatei angelegt werden: {detail}",
        "No companion deck can be written beside “{name}”: {detail}",
    ),
    "editor.slides_tip": (
        "Ziehen zum Umsortieren, oder Alt+↑ / Alt+↓",
        "Drag to reorder, or Alt+↑ / Alt+↓",
    ),
    "editor.action.slide_up": ("↑", "↑"),
    "editor.tip.slide_up": ("Diese Folie eine nach vorn (Alt+↑)", "Move this slide up (Alt+↑)"),
    "editor.action.slide_down": ("↓", "↓"),
    "editor.tip.slide_down": (
        "Diese Folie eine nach hinten (Alt+↓)",
        "Move this slide down (Alt+↓)",
    ),
    "editor.has_poll": ("Auf dieser Folie ist eine Umfrage.", "This slide holds a poll."),
    "editor.edit_poll": ("Umfrage im Formular bearbeiten …", "Edit the poll in a form …"),
    "editor.has_questions": (
        "Diese Folie zeigt die Fragen aus dem Publikum.",
        "This slide shows the audience's questions.",
    ),
    "editor.edit_questions": ("Im Formular bearbeiten …", "Edit in a form …"),
    "editor.preview_stale": (
        "Die Vorschau zeigt den letzten fehlerfreien Stand – der Fehler steht unter dem Text.",
        "The preview shows the last version without errors – the error is listed below the text.",
    ),
    "editor.has_errors": (
        "Fehler im Vortrag: {count} – sie stehen unter dem Text, die Folie ist rot markiert",
        "Errors in the talk: {count} – listed below the text, the slide marked red",
    ),
    "editor.unsaved_found_title": ("Ungespeicherter Text", "Unsaved text"),
    "editor.unsaved_found": (
        "Impuls wurde beendet, bevor „{name}“ (in {folder}) gespeichert war. Der Text ist"
        " noch da. Jetzt bearbeiten?",
        "Impuls ended before “{name}” (in {folder}) was saved. The text is still there."
        " Edit it now?",
    ),
    "editor.unsaved_found_edit": ("Jetzt bearbeiten", "Edit now"),
    "editor.unsaved_found_later": ("Später", "Later"),
    "editor.action.details": ("Vortragsdaten …", "Talk details …"),
    "editor.tip.details": (
        "Titel, Referent/in, Datum, Design, Dauer und was die Handys dürfen",
        "Title, speaker, date, design, duration and what phones may do",
    ),
    "editor.undo.details": ("Vortragsdaten", "Talk details"),
    "details.title": ("Vortragsdaten", "Talk details"),
    "details.field_title": ("Titel", "Title"),
    "details.field_subtitle": ("Untertitel", "Subtitle"),
    "details.field_author": ("Referent/in", "Speaker"),
    "details.field_event": ("Veranstaltung", "Event"),
    "details.event_placeholder": (
        "z. B. Mitgliederversammlung des Arbeitgeberverbands",
        "e.g. the association's members' meeting",
    ),
    "details.field_date": ("Datum", "Date"),
    "details.date_placeholder": ("JJJJ-MM-TT, z. B. 2026-12-07", "YYYY-MM-DD, e.g. 2026-12-07"),
    "details.today": ("Heute", "Today"),
    "details.field_theme": ("Design", "Design"),
    "details.theme_default": ("Standard (Hell)", "Default (light)"),
    "details.field_duration": ("Dauer", "Duration"),
    "details.no_duration": ("ohne Zeitvorgabe", "no time limit"),
    "details.minutes": (" Minuten", " minutes"),
    "details.paginate": ("Seitenzahlen auf den Folien", "Page numbers on the slides"),
    "details.questions": (
        "Das Publikum darf per Handy Fragen stellen",
        "The audience may ask questions from their phones",
    ),
    "details.follow": (
        "Die aktuelle Folie auf den Handys zeigen",
        "Show the current slide on the phones",
    ),
    "details.cancel": ("Abbrechen", "Cancel"),
}
