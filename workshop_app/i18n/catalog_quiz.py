"""Messages of the quiz (issue 34): `correct:`, the right share, the leaderboard."""

from __future__ import annotations

QUIZ_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the deck
    "quiz.correct_one": (
        "„correct“: eine Einfachauswahl hat genau eine richtige Antwort",
        "'correct': a single choice poll has exactly one right answer",
    ),
    "quiz.correct_unknown": (
        "„correct“: „{answer}“ ist keine der Antworten (ihr Text oder ihr Buchstabe A–{last})",
        "'correct': '{answer}' is none of the options (its text or its letter A–{last})",
    ),
    "quiz.correct_twice": (
        "„correct“: „{answer}“ steht doppelt da",
        "'correct': '{answer}' is given twice",
    ),
    "quiz.correct_too_many": (
        "„correct“ nennt mehr richtige Antworten, als man ankreuzen darf (max_choices: {most})",
        "'correct' names more right answers than may be ticked (max_choices: {most})",
    ),
    "quiz.correct_exclusive": (
        "„correct“: „keine davon“ und eine andere Antwort können nicht beide richtig sein",
        "'correct': 'none of these' and another answer cannot both be right",
    ),
    "leaderboard.not_mapping": (
        "Ranglisten-Block: erwartet „title:“, „count:“ und „names:“ als Schlüssel",
        "leaderboard block: expected 'title:', 'count:' and 'names:' as keys",
    ),
    "leaderboard.unknown_key": (
        "unbekannter Schlüssel „{key}“ im Ranglisten-Block (bekannt: title, count, names)",
        "unknown key '{key}' in the leaderboard block (known: title, count, names)",
    ),
    "leaderboard.unknown_key_hint": (
        "unbekannter Schlüssel „{key}“ im Ranglisten-Block (gemeint: „{hint}“?)",
        "unknown key '{key}' in the leaderboard block (did you mean '{hint}'?)",
    ),
    "leaderboard.bad_title": (
        "Ranglisten-Block: „title“ muss Text sein",
        "leaderboard block: 'title' must be text",
    ),
    "leaderboard.bad_count": (
        "Ranglisten-Block: „count“ muss eine ganze Zahl von 1 bis {most} sein",
        "leaderboard block: 'count' must be a whole number from 1 to {most}",
    ),
    "leaderboard.bad_names": (
        "Ranglisten-Block: „names“ ist true oder false",
        "leaderboard block: 'names' is true or false",
    ),
    "leaderboard.not_alone": (
        "Eine Folie zeigt eine Umfrage, eine Fragenliste oder eine Rangliste, nur eins davon",
        "a slide shows a poll, a question list or a leaderboard, only one of them",
    ),
    "leaderboard.no_quiz": (
        "Rangliste, aber keine Umfrage im Deck hat „correct:“ – sie bliebe leer",
        "leaderboard, but no poll in the deck has 'correct:' – it would stay empty",
    ),
    "poll_form.correct": ("Richtige Antwort (Quiz)", "Right answer (quiz)"),
    "poll_form.correct_placeholder": ("leer: keine Quizfrage", "empty: not a quiz question"),
    "poll_form.correct_hint": (
        "Buchstabe oder Text der Antwort; bei Mehrfachauswahl alle richtigen, z. B. „A, C“",
        "the answer's letter or text; for multiple choice every right one, e.g. 'A, C'",
    ),
    # ---------------------------------------------------------------- the results
    "quiz.right_share": (
        "Richtig: {right} von {count} Handy ({share}\u00a0%)‖Richtig: {right} von {count}"
        " Handys ({share}\u00a0%)",
        "Right: {right} of {count} phone ({share}\u00a0%)‖Right: {right} of {count} phones"
        " ({share}\u00a0%)",
    ),
    "quiz.right": ("Richtig!", "Right!"),
    "quiz.wrong": ("Richtig wäre: {answer}", "The right answer: {answer}"),
    # ---------------------------------------------------------------- the leaderboard
    "quiz.guest": ("Gast", "Guest"),
    "quiz.points": ("{count} Punkt‖{count} Punkte", "{count} point‖{count} points"),
    "quiz.average": (
        "Im Schnitt {points} von {most} Punkten · {count} Handy‖Im Schnitt {points} von"
        " {most} Punkten · {count} Handys",
        "On average {points} of {most} points · {count} phone‖On average {points} of"
        " {most} points · {count} phones",
    ),
    "quiz.nobody": (
        "Noch hat niemand eine Quizfrage beantwortet",
        "Nobody has answered a quiz question yet",
    ),
    "quiz.leaderboard": ("Rangliste", "Leaderboard"),
    "quiz.leaderboard.on_slide": (
        "Hier stand live die Rangliste des Quiz – sie steht im Abschnitt „Rangliste“.",
        "The quiz's leaderboard was shown here live – it is printed in the section 'Leaderboard'.",
    ),
    "quiz.csv.correct": ("richtig", "correct"),
    "export.column.correct": ("Richtig", "Correct"),
    "export.column.right_percent": ("Richtig beantwortet (%)", "Answered right (%)"),
}
