"""Messages of the poll form (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

POLL_FORM_MESSAGES: dict[str, tuple[str, str]] = {
    "poll_form.id_taken": (
        "Umfrage-ID „{id}“ gibt es im Deck schon",
        "poll id '{id}' is already used in this deck",
    ),
    "poll_form.title_new": ("Neue Umfrage", "New poll"),
    "poll_form.title_edit": ("Umfrage bearbeiten", "Edit poll"),
    "poll_form.type": ("Art", "Kind"),
    "poll_form.type.single": ("Einzelauswahl", "Single choice"),
    "poll_form.type.multiple": ("Mehrfachauswahl", "Multiple choice"),
    "poll_form.type.scale": ("Skala", "Scale"),
    "poll_form.type.text": ("Freitext", "Open text"),
    "poll_form.type.ranking": ("Rangfolge", "Ranking"),
    "poll_form.type.pair": ("Vorher/Nachher", "Before/after"),
    "poll_form.pair_type": ("Gefragt als", "Asked as"),
    "poll_form.pair_hint": (
        "Zwei Folien mit derselben Frage: eine am Anfang, eine am Ende des Vortrags."
        " Die Ergebnisse lassen sich dann nebeneinander zeigen.",
        "Two slides with the same question: one at the start, one at the end of the talk."
        " Their results can then be shown side by side.",
    ),
    "poll_form.question": ("Frage", "Question"),
    "poll_form.question_placeholder": (
        "Was möchten Sie das Publikum fragen?",
        "What would you like to ask the audience?",
    ),
    "poll_form.options": ("Antworten", "Answers"),
    "poll_form.default_options": ("Ja\nNein", "Yes\nNo"),
    "poll_form.options_placeholder": ("Ja\nNein", "Yes\nNo"),
    "poll_form.options_hint": (
        "Eine Antwort je Zeile, 2 bis {most}. Kommas sind erlaubt.",
        "One answer per line, 2 to {most}. Commas are fine.",
    ),
    "poll_form.max_choices": ("Höchstens ankreuzen", "At most ticked"),
    "poll_form.all": ("alle", "all"),
    "poll_form.scale": ("Skala", "Scale"),
    "poll_form.scale_from": ("von", "from"),
    "poll_form.scale_to": ("bis", "to"),
    "poll_form.labels": ("Beschriftung", "Labels"),
    "poll_form.labels_placeholder": ("gar nicht\nvoll und ganz", "not at all\ncompletely"),
    "poll_form.labels_hint": (
        "Optional: zwei Zeilen für die beiden Enden oder eine Zeile je Stufe.",
        "Optional: two lines for both ends, or one line per step.",
    ),
    "poll_form.max_length": ("Höchstlänge", "Maximum length"),
    "poll_form.characters": (" Zeichen", " characters"),
    "poll_form.heading": ("Folientitel", "Slide title"),
    "poll_form.heading_placeholder": (
        "optional – sonst steht nur die Frage auf der Folie",
        "optional – otherwise the slide shows just the question",
    ),
    "poll_form.cancel": ("Abbrechen", "Cancel"),
    "poll_form.advanced": ("Erweitert", "Advanced"),
    "poll_form.id": ("Umfrage-ID", "Poll id"),
    "poll_form.pair_ids": (
        "Die beiden Umfragen: {before} und {after}",
        "The two polls: {before} and {after}",
    ),
    "poll_form.compare_with": ("Vergleichen mit", "Compare with"),
    "poll_form.compare_hint": (
        "Die ID der Umfrage, deren Ergebnis neben diesem gezeigt wird (leer: keine).",
        "The id of the poll whose result is shown beside this one (empty: none).",
    ),
    "poll_form.extra": ("Weitere Zeilen", "Other lines"),
    "poll_form.extra_hint": (
        "Zeilen aus dem Umfrage-Block, die das Formular nicht kennt; sie bleiben, wie sie sind.",
        "Lines of the block that the form does not know; they are kept as they are.",
    ),
    "poll_form.questions_title_new": ("Neue Fragenfolie", "New questions slide"),
    "poll_form.questions_title_edit": ("Fragenfolie bearbeiten", "Edit questions slide"),
    "poll_form.questions_list_title": ("Überschrift der Liste", "List heading"),
    "poll_form.questions_title_placeholder": (
        "optional, z. B. Was Sie wissen wollen",
        "optional, e.g. What you want to know",
    ),
    "poll_form.questions_count": ("Angezeigte Fragen", "Questions shown"),
    "poll_form.questions_count_hint": (
        "Die Fragen mit den meisten Stimmen, live während des Vortrags.",
        "The questions with the most votes, live during the talk.",
    ),
    "poll_form.questions_heading": ("Ihre Fragen", "Your questions"),
}
