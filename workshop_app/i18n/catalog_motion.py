"""Messages of motions (issue 35): the deck's `type: motion`, majority, quorum, outcome."""

from __future__ import annotations

MOTION_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the answers
    "motion.option.yes": ("Ja", "Yes"),
    "motion.option.no": ("Nein", "No"),
    "motion.option.abstain": ("Enthaltung", "Abstain"),
    # ---------------------------------------------------------------- the rules in words
    "motion.majority.simple": ("einfache Mehrheit", "simple majority"),
    "motion.majority.two_thirds": (
        "zwei Drittel der abgegebenen Stimmen",
        "two thirds of the votes cast",
    ),
    "motion.majority.absolute": (
        "absolute Mehrheit der ausgegebenen Stimmkarten",
        "absolute majority of the voting cards issued",
    ),
    "motion.eligible.all": ("alle Handys", "every phone"),
    "motion.eligible.cards": ("nur mit Stimmkarte", "voting card holders only"),
    # ---------------------------------------------------------------- the poll form
    "motion.form.type": ("Antrag (Ja/Nein/Enthaltung)", "Motion (Yes/No/Abstain)"),
    "motion.form.majority": ("Erforderlich", "Required"),
    "motion.form.quorum": ("Beschlussfähig ab", "Quorum"),
    "motion.form.quorum_placeholder": ("leer: immer", "empty: always"),
    "motion.form.quorum_hint": (
        "Anwesende Stimmkarten: eine Zahl (30) oder ein Anteil der ausgegebenen (50%).",
        "Voting cards present: a number (30) or a share of those issued (50%).",
    ),
    "motion.form.eligible": ("Abstimmen dürfen", "Who may vote"),
    # ---------------------------------------------------------------- the deck
    "motion.options_fixed": (
        "ein Antrag hat feste Antworten ({options}); „options“ entfällt",
        "a motion has fixed answers ({options}); leave out 'options'",
    ),
    "motion.unknown_value": (
        "„{key}“: „{value}“ ist nicht erlaubt; erlaubt: {allowed}",
        "'{key}': '{value}' is not allowed; allowed: {allowed}",
    ),
    "motion.unknown_value_hint": (
        "„{key}“: „{value}“ ist nicht erlaubt (gemeint: „{hint}“?)",
        "'{key}': '{value}' is not allowed (did you mean '{hint}'?)",
    ),
    "motion.absolute_needs_cards": (
        "„majority: absolute“ zählt die ausgegebenen Stimmkarten: der Antrag braucht"
        " „eligible: cards“",
        "'majority: absolute' counts the voting cards issued: the motion needs 'eligible: cards'",
    ),
    "motion.quorum_needs_cards": (
        "„quorum“ zählt die anwesenden Stimmkarten: der Antrag braucht „eligible: cards“",
        "'quorum' counts the voting cards present: the motion needs 'eligible: cards'",
    ),
    "motion.bad_quorum": (
        "„quorum“: eine Zahl von Stimmkarten (30) oder ein Anteil von 1 bis 100\u00a0% (50%)",
        "'quorum': a number of voting cards (30) or a share from 1 to 100\u00a0% (50%)",
    ),
    "motion.secret_fixed": (
        "„secret“ gibt es nicht: Abstimmungen sind immer geheim, kein Export verbindet"
        " eine Stimmkarte mit einer Stimme",
        "there is no 'secret': votes are always secret, no export links a voting card to a vote",
    ),
    "motion.cards_quiz": (
        "„eligible: cards“ bei einer Quizfrage: das Quiz zählt Punkte je Handy, nicht je"
        " Stimmkarte",
        "'eligible: cards' on a quiz question: the quiz scores phones, not voting cards",
    ),
    "motion.cards_text": (
        "„eligible: cards“ bei einer offenen Frage: Antworten sind keine Stimmen; nur"
        " Kartenhalter können antworten",
        "'eligible: cards' on an open question: answers are not votes; only card holders"
        " can answer",
    ),
}
