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
    # ---------------------------------------------------------------- the outcome
    "motion.verdict.adopted": ("ANGENOMMEN", "ADOPTED"),
    "motion.verdict.rejected": ("ABGELEHNT", "REJECTED"),
    "motion.verdict.no_quorum": ("NICHT BESCHLUSSFÄHIG", "NO QUORUM"),
    "motion.verdict.undecided": ("NICHT ENTSCHIEDEN", "NOT DECIDED"),
    "motion.count.yes": ("{yes} Ja", "{yes} yes"),
    "motion.count.no": ("{no} Nein", "{no} no"),
    "motion.count.abstain": (
        "{count} Enthaltung‖{count} Enthaltungen",
        "{count} abstention‖{count} abstentions",
    ),
    "motion.with_hands": (
        "{counts} (davon per Handzeichen: {hands})",
        "{counts} (of which by show of hands: {hands})",
    ),
    "motion.rule_needed": ("{rule} ({yes} Ja)", "{rule} ({yes} yes)"),
    "motion.sentence.adopted": (
        "Angenommen: {counts}; erforderlich: {rule}.",
        "Adopted: {counts}; required: {rule}.",
    ),
    "motion.sentence.rejected": (
        "Abgelehnt: {counts}; erforderlich: {rule}.",
        "Rejected: {counts}; required: {rule}.",
    ),
    "motion.sentence.undecided": (
        "Nicht entschieden: {counts}; erforderlich: {rule}, doch die Stimmkarten der"
        " Sitzung sind nicht bekannt.",
        "Not decided: {counts}; required: {rule}, but the session's voting cards are not known.",
    ),
    "motion.sentence.no_quorum": (
        "Nicht beschlussfähig: {present} von {count} Stimmkarte anwesend, erforderlich"
        " {needed}.‖Nicht beschlussfähig: {present} von {count} Stimmkarten anwesend,"
        " erforderlich {needed}.",
        "No quorum: {present} of {count} voting card present, {needed} required."
        "‖No quorum: {present} of {count} voting cards present, {needed} required.",
    ),
    "motion.quorum_reached": (
        "Beschlussfähig: {present} von {count} Stimmkarte anwesend, erforderlich"
        " {needed}.‖Beschlussfähig: {present} von {count} Stimmkarten anwesend,"
        " erforderlich {needed}.",
        "Quorum reached: {present} of {count} voting card present, {needed} required."
        "‖Quorum reached: {present} of {count} voting cards present, {needed} required.",
    ),
    "motion.word.adopted": ("angenommen", "adopted"),
    "motion.word.rejected": ("abgelehnt", "rejected"),
    "motion.word.no_quorum": ("nicht beschlussfähig", "no quorum"),
    "motion.word.undecided": ("nicht entschieden", "not decided"),
    "motion.column.verdict": ("Beschluss", "Decision"),
    "motion.column.outcome": ("Ergebnis", "Outcome"),
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
