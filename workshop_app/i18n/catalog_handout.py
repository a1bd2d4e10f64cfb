"""Messages of the handout, the exports and `verify`: id → (German, English)."""

from __future__ import annotations

HANDOUT_MESSAGES: dict[str, tuple[str, str]] = {
    "handout.contents": ("Inhalt", "Contents"),
    "handout.page": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "handout.cover.speaker": ("von {name}", "by {name}"),  # under the title: "von Jana Beispiel"
    "handout.cover.participants": (
        "{count} Person hat abgestimmt‖{count} Teilnehmende haben abgestimmt",
        "{count} participant voted‖{count} participants voted",
    ),
    "handout.cover.slides_only": (
        "Die Folien – ohne Abstimmungsergebnisse",
        "The slides – without poll results",
    ),
    "handout.cover.made": ("Erstellt mit Impuls am {date}", "Made with Impuls on {date}"),
    "handout.slides": ("Folien", "Slides"),
    "handout.slides_with_notes": ("Folien und Notizen", "Slides and notes"),
    "handout.results_at": ("Ergebnisse auf Seite {page}", "Results on page {page}"),
    "handout.slide": ("Folie {number}: {title}", "Slide {number}: {title}"),
    "handout.slide_untitled": ("Folie {number}", "Slide {number}"),
    "handout.slide_unnumbered": ("Folie ohne Nummer", "Unnumbered slide"),
    "handout.notes": ("Notizen", "Notes"),
    "handout.results": ("Ergebnisse der Abstimmungen", "Poll results"),
    # The slide tells apart a before/after pair, which asks one question twice.
    "handout.poll": ("Abstimmung: {question} · Folie {slide}", "Poll: {question} · slide {slide}"),
    "handout.poll_unnumbered": ("Abstimmung: {question}", "Poll: {question}"),
    "handout.poll.never_ran": (
        "Diese Abstimmung wurde während der Veranstaltung nicht durchgeführt.",
        "This poll was not run during the event.",
    ),
    "handout.poll.votes": (
        "Stimmen: {ballots} von {devices} Geräten",
        "Votes: {ballots} from {devices} devices",
    ),
    "handout.poll.timed": (
        "Mit Countdown: {seconds} Sekunden zum Abstimmen",
        "Timed: {seconds} seconds to vote",
    ),
    "handout.poll.hands": (
        "Handzeichen: {hands} (im Diagramm der hellere Teil des Balkens)",
        "Show of hands: {hands} (the lighter part of each bar)",
    ),
    "handout.poll.option": ("Antwort", "Answer"),
    "handout.poll.phones": ("Handy", "Phones"),
    "handout.poll.hands_short": ("Handzeichen", "Hands"),
    "handout.poll.total": ("Gesamt", "Total"),
    "handout.poll.percent": ("Anteil", "Share"),
    "handout.poll.mean_median": (
        "Mittelwert {mean} · Median {median} · {count} Antwort‖Mittelwert {mean} · Median"
        " {median} · {count} Antworten",
        "Mean {mean} · median {median} · {count} answer‖Mean {mean} · median {median} ·"
        " {count} answers",
    ),
    "handout.poll.approved": ("Freigegebene Antworten", "Approved answers"),
    "handout.poll.no_approved": (
        "Keine Antwort wurde zur Veröffentlichung freigegeben.",
        "No answer was approved for publication.",
    ),
    "handout.poll.words": ("Häufigste Wörter", "Most frequent words"),
    "handout.poll.compare": (
        "Vorher (Folie {before}) und nachher (Folie {after})",
        "Before (slide {before}) and after (slide {after})",
    ),
    "handout.closing": ("Zur Veranstaltung", "About the event"),
    "handout.participation": ("Beteiligung im Verlauf", "Participation over the event"),
    "handout.participation.axis_one": ("Stimmen je Minute", "Votes per minute"),
    "handout.participation.axis": (
        "Stimmen je {minutes} Minuten",
        "Votes per {minutes} minutes",
    ),
    "handout.participation.none": ("Es wurden keine Stimmen abgegeben.", "No votes were cast."),
    "handout.reactions": ("Resonanz je Folie", "Response per slide"),
    "handout.reactions.about": (
        "Reaktionen, die das Publikum per Handy zu einer Folie geschickt hat – gezählt wird"
        " je Folie, nicht, wer reagiert hat.",
        "Reactions the audience sent from their phones to a slide – counted per slide, not"
        " who reacted.",
    ),
    "handout.reactions.none": (
        "Zu keiner Folie kamen Reaktionen aus dem Publikum.",
        "No slide got reactions from the audience.",
    ),
    "handout.reactions.slide": ("Folie", "Slide"),
    "handout.reactions.counts": ("Reaktionen", "Reactions"),
    "reaction.clap": ("Applaus", "Applause"),
    "reaction.heart": ("Herz", "Heart"),
    "reaction.laugh": ("Lachen", "Laughter"),
    "reaction.think": ("Nachdenken", "Thinking"),
    "handout.privacy.title": ("Datenschutz", "Privacy"),
    "handout.privacy.text": (
        "Abgestimmt wurde über das lokale Netz, ohne App, Konto oder Internet. Gespeichert"
        " wurden nur die Stimmen und Fragen selbst, je Handy eine zufällige Kennung, damit"
        " eine geänderte Stimme die vorige ersetzt, und die Uhrzeit. Namen nur, wo jemand"
        " seine Frage freiwillig mit Namen gestellt hat; keine IP-Adressen, keine"
        " Gerätedaten. Diese Unterlage enthält keine Kennungen.",
        "Votes were cast over the local network, with no app, account or internet. Only"
        " the votes and questions themselves were stored, with a random id per phone so"
        " that a changed vote replaces the earlier one, and the time. Names only where"
        " someone chose to sign a question; no IP addresses, no device data. This"
        " handout contains no ids.",
    ),
    "handout.digest.title": ("Prüfsumme der Stimmen", "Checksum of the votes"),
    "handout.digest.text": (
        "SHA-256 über alle Stimmen, Handzeichen und Abstimmungsschritte in ihrer Reihenfolge."
        " Wer die Sitzungsdatei hat, prüft mit „impuls verify SITZUNG PDF“, dass diese"
        " Ergebnisse unverändert aus ihr stammen:",
        "SHA-256 over every vote, show of hands and poll step in order. Anyone holding the"
        " session file checks with “impuls verify SESSION PDF” that these results come"
        " from it unaltered:",
    ),
    "handout.digest.line": (
        "Prüfsumme der Stimmen (SHA-256): {digest} · prüfbar mit „impuls verify“",
        "Checksum of the votes (SHA-256): {digest} · checked by “impuls verify”",
    ),
    # The columns and values of the `--excel` CSV files (docs/exports.md lists them).
    "export.column.poll": ("Umfrage", "Poll"),
    "export.column.question": ("Frage", "Question"),
    "export.column.type": ("Typ", "Type"),
    "export.column.option": ("Antwort", "Answer"),
    "export.column.phone_votes": ("Stimmen", "Votes"),
    "export.column.hands": ("Handzeichen", "Hands"),
    "export.column.total": ("Gesamt", "Total"),
    "export.column.percent": ("Anteil (%)", "Share (%)"),
    "export.column.percent_base": ("Anteil von", "Share of"),
    "export.column.base_count": ("Basis", "Base"),
    "export.column.place": ("Platz", "Place"),
    "export.column.run": ("Runde", "Round"),
    "export.column.time_utc": ("Zeit (UTC)", "Time (UTC)"),
    "export.column.answer": ("Antwort", "Answer"),
    "export.column.state": ("Status", "State"),
    "export.column.name": ("Name", "Name"),
    "export.column.upvotes": ("Stimmen", "Upvotes"),
    "export.column.asked_utc": ("Gestellt (UTC)", "Asked (UTC)"),
    "export.type.single": ("Einzelauswahl", "Single choice"),
    "export.type.multiple": ("Mehrfachauswahl", "Multiple choice"),
    "export.type.ranking": ("Rangfolge", "Ranking"),
    "export.type.motion": ("Antrag", "Motion"),
    "export.type.scale": ("Skala", "Scale"),
    "export.type.text": ("Freitext", "Open text"),
    "export.base.votes": ("Stimmen", "votes"),
    "export.base.voters": ("Abstimmende", "voters"),
    "export.base.points": ("Punkte", "points"),
    "export.base.answers": ("Antworten", "answers"),
    "export.base.approved": ("freigegebene Antworten", "approved answers"),
    "export.state.pending": ("wartet auf Freigabe", "waiting for approval"),
    "export.state.approved": ("freigegeben", "approved"),
    "export.state.hidden": ("ausgeblendet", "hidden"),
    "export.state.answered": ("beantwortet", "answered"),
    "handout.subject": ("Handout zur Veranstaltung", "Event handout"),
    # ---------------------------------------------------------------- export / verify
    "cli.help.export": (
        "Handout (PDF) und Ergebnisse (CSV, JSON) einer Sitzung oder eines Decks schreiben",
        "write the handout (PDF) and results (CSV, JSON) of a session or a deck",
    ),
    "cli.help.export_source": (
        "Sitzungsdatei (.impuls) – oder ein Deck (.md, .pdf) für ein Handout ohne Ergebnisse,"
        " oder das Programm eines Abends (.impuls-abend) für den Tagungsband",
        "session file (.impuls) – or a deck (.md, .pdf) for a handout without results, or"
        " an evening's program (.impuls-abend) for the proceedings",
    ),
    "cli.help.export_pdf": ("das Handout als PDF hierhin", "write the handout PDF here"),
    "cli.help.export_layout": (
        "slides: zwei Folien je Seite mit Linien für eigene Notizen, für die Mitglieder"
        " (Standard); large: eine Folie je Seite, die Ergebnisse gleich dahinter; notes:"
        " Notizseiten für die Vortragenden; compact: vier je Seite; results: nur die"
        " Abstimmungen, mit Prüfseite",
        "slides: two slides per page with lines for the reader's notes, for members"
        " (default); large: one slide per page, results right after it; notes: notes pages"
        " for the speaker; compact: four per page; results: the polls only, with the"
        " checking page",
    ),
    "cli.help.export_checksum_page": (
        "eine Prüfseite anhängen: Beteiligung im Verlauf, Datenschutz und die Prüfsumme mit"
        " Erklärung (bei results immer; sonst nur eine kleine Zeile mit der Prüfsumme)",
        "add the checking page: participation over time, privacy and the checksum explained"
        " (always with results; otherwise one small line with the checksum)",
    ),
    "cli.help.export_excel": (
        "CSV für Excel und LibreOffice, per Doppelklick richtig: Spalten und Antworten in"
        " Worten der Sprache (--lang), UTF-8 mit BOM; deutsch mit Semikolon und Dezimalkomma,"
        " englisch mit Komma und Dezimalpunkt",
        "CSV for Excel and LibreOffice, right with a double click: columns and answers in"
        " words of the language (--lang), UTF-8 with BOM; German with semicolons and decimal"
        " commas, English with commas and decimal points",
    ),
    "cli.help.export_notes": (
        "die Sprechernotizen auch in slides (neben der Folie), large und compact drucken"
        " (sonst nur in notes)",
        "print the speaker's notes in slides (beside the slide), large and compact too"
        " (otherwise only in notes)",
    ),
    "cli.help.export_print_colors": (
        "light: dunkle Folien in ihren hellen Farben drucken (Standard, spart Toner);"
        " slides: jede Folie wie gezeigt",
        "light: print dark slides in their light colours (default, saves toner);"
        " slides: every slide as presented",
    ),
    "export.print_colors": ("Folienfarben", "Slide colours"),
    "export.print_colors.light": ("Hell drucken (spart Toner)", "Print light (saves toner)"),
    "export.print_colors.slides": ("Wie präsentiert", "As presented"),
    "cli.help.export_csv": (
        "eine Zeile je Antwortmöglichkeit; daneben NAME-votes.csv mit jeder gezählten Stimme",
        "one row per option; beside it NAME-votes.csv with every counted vote",
    ),
    "cli.help.export_questions_csv": (
        "die Fragen aus dem Publikum (ohne ausgeblendete, ohne Gerätekennung) hierhin;"
        " mit --csv von selbst als NAME-questions.csv daneben",
        "the questions from the audience (no hidden ones, no device id) here;"
        " with --csv written as NAME-questions.csv beside it",
    ),
    "cli.help.export_votes_csv": (
        "jede gezählte Stimme (ohne Gerätekennung) hierhin",
        "every counted vote (no device id) here",
    ),
    "cli.help.export_json": ("die ganze Sitzung als JSON", "the whole session as JSON"),
    "cli.help.verify": (
        "prüfen, dass ein Handout die Stimmen einer Sitzungsdatei unverändert wiedergibt",
        "check that a handout reports the votes of a session file unaltered",
    ),
    "export.written": ("{path} geschrieben ({detail})", "wrote {path} ({detail})"),
    "export.pages": ("{count} Seite‖{count} Seiten", "{count} page‖{count} pages"),
    "export.rows": ("{count} Zeile‖{count} Zeilen", "{count} row‖{count} rows"),
    "export.nothing": (
        "Nichts zu tun: --pdf, --csv, --votes-csv oder --json angeben",
        "nothing to do: give --pdf, --csv, --votes-csv or --json",
    ),
    "export.csv_needs_session": (
        "{option} braucht eine Sitzungsdatei, kein Deck",
        "{option} needs a session file, not a deck",
    ),
    "export.title": ("Handout exportieren", "Export handout"),
    "export.session": ("Sitzung", "Session"),
    "export.no_session": (
        "keine – nur Folien und Notizen",
        "none – slides and notes only",
    ),
    "export.browse": ("Auswählen …", "Choose …"),
    "export.layout": ("Aufbau", "Layout"),
    "export.layout.slides": (
        "Zwei Folien je Seite, mit Linien für Notizen (für die Mitglieder)",
        "Two slides per page, with lines for notes (for members)",
    ),
    "export.layout.large": (
        "Eine Folie je Seite, Ergebnisse gleich dahinter",
        "One slide per page, results right after it",
    ),
    "export.checksum_page": (
        "Prüfseite anhängen (Beteiligung, Datenschutz, Prüfsumme erklärt)",
        "Add the checking page (participation, privacy, checksum explained)",
    ),
    "export.with_notes": (
        "Sprechernotizen aufnehmen (sonst nur in den Notizseiten)",
        "Include the speaker's notes (otherwise only in notes pages)",
    ),
    "export.layout.notes": (
        "Notizseiten für die Vortragenden: Folie und Notizen",
        "Notes pages for the speaker: slide and notes",
    ),
    "export.layout.compact": ("Vier Folien je Seite", "Four slides per page"),
    "export.layout.results": ("Nur die Ergebnisse", "Results only"),
    "export.language": ("Sprache", "Language"),
    "export.out": ("Speichern unter", "Save as"),
    "export.open_after": ("PDF danach öffnen", "Open the PDF afterwards"),
    "export.start": ("Exportieren", "Export"),
    "export.running": ("Handout wird erstellt …", "Making the handout …"),
    "export.done": ("Fertig: {path} ({pages})", "Done: {path} ({pages})"),
    "export.cancelled": (
        "Abgebrochen – es wurde keine Datei geschrieben.",
        "Cancelled – no file was written.",
    ),
    "export.failed": ("Export fehlgeschlagen: {detail}", "export failed: {detail}"),
    "work.cancel": ("Abbrechen", "Cancel"),
    "work.close": ("Schließen", "Close"),
    "export.renderer_lost": (
        "der PDF-Renderer hat sich unerwartet beendet, bitte noch einmal versuchen",
        "the PDF renderer ended unexpectedly, please try again",
    ),
    "snapshot.missing": ("{path}: Datei nicht gefunden", "{path}: file not found"),
    "snapshot.corrupt": (
        "{path}: keine lesbare Impuls-Sitzung (beschädigt?) – {detail}",
        "{path}: not a readable Impuls session (damaged?) – {detail}",
    ),
    "snapshot.newer_format": (
        "{path} stammt aus einer neueren Impuls-Version (Dateiformat {detail}, diese"
        " Version liest bis {ours}); bitte mit der neueren Version exportieren.",
        "{path} comes from a newer Impuls (file format {detail}, this version reads up"
        " to {ours}); please export it with the newer version.",
    ),
    "session.newer_format": (
        "{path} stammt aus einer neueren Impuls-Version (Dateiformat {found}, diese"
        " Version liest bis {ours}) und bleibt unverändert; bitte mit der neueren"
        " Version öffnen.",
        "{path} comes from a newer Impuls (file format {found}, this version reads up"
        " to {ours}) and is left as it is; please open it with the newer version.",
    ),
    "snapshot.foreign": (
        "{path}: eine SQLite-Datei, aber keine Impuls-Sitzung",
        "{path}: an SQLite file, but not an Impuls session",
    ),
    "snapshot.no_deck": (
        "{path}: die Sitzung enthält kein Deck (nie mit „serve“ gestartet?)",
        "{path}: the session holds no deck (never started with “serve”?)",
    ),
    "snapshot.bad_deck": (
        "{path}: das gespeicherte Deck ist fehlerhaft – {detail}",
        "{path}: the stored deck has errors – {detail}",
    ),
    "handout.questions": ("Fragen aus dem Publikum", "Questions from the audience"),
    "handout.questions.none": (
        "Es wurden keine Fragen aus dem Publikum freigegeben.",
        "No questions from the audience were approved.",
    ),
    "handout.questions.anonymous": ("anonym", "anonymous"),
    "handout.questions.upvotes": (
        "{count} Stimme‖{count} Stimmen",
        "{count} upvote‖{count} upvotes",
    ),
    "handout.questions.answered": ("beantwortet", "answered"),
    "verify.questions_differ": (
        "Stimmt NICHT überein: In {pdf} weichen die gedruckten Fragen aus dem Publikum"
        " oder ihre Stimmen von der Sitzung ab",
        "Does NOT match: in {pdf} the printed questions from the audience or their upvotes"
        " differ from the session",
    ),
    "handout.questions.on_slide": (
        "Hier standen live die Fragen aus dem Publikum – alle freigegebenen stehen im Abschnitt"
        " „Fragen aus dem Publikum“.",
        "The audience's questions were shown here live – every approved one is listed in the"
        " section 'Questions from the audience'.",
    ),
    "verify.ok": (
        "Stimmt überein: {pdf} gibt die Stimmen aus {session} unverändert wieder – die"
        " Prüfsumme ({digest}) und die gedruckten Zahlen der einen Abstimmung‖Stimmt"
        " überein: {pdf} gibt die Stimmen aus {session} unverändert wieder – die"
        " Prüfsumme ({digest}) und die gedruckten Zahlen aller {count} Abstimmungen",
        "Matches: {pdf} reports the votes of {session} unaltered – the checksum ({digest})"
        " and the printed figures of its one poll‖Matches: {pdf} reports the votes of"
        " {session} unaltered – the checksum ({digest}) and the printed figures of all"
        " {count} polls",
    ),
    "verify.ok_none": (
        "Stimmt überein: {pdf} gehört zu {session} – die Prüfsumme ({digest}) stimmt;"
        " Abstimmungen wurden keine gehalten",
        "Matches: {pdf} belongs to {session} – the checksum ({digest}) holds; no poll was run",
    ),
    "verify.differs": (
        "Stimmt NICHT überein: In {pdf} weichen die gedruckten Zahlen der Abstimmung"
        " „{question}“ von der Sitzung ab",
        "Does NOT match: in {pdf} the printed figures of the poll “{question}” differ from"
        " the session",
    ),
    "verify.missing": (
        "Stimmt NICHT überein: {pdf} druckt die Ergebnisse einer Abstimmung der Sitzung"
        " nicht: „{question}“‖Stimmt NICHT überein: {pdf} druckt die Ergebnisse von {count}"
        " Abstimmungen der Sitzung nicht, etwa „{question}“",
        "Does NOT match: {pdf} does not print the results of one of the session's polls:"
        " “{question}”‖Does NOT match: {pdf} does not print the results of {count} of the"
        " session's polls, such as “{question}”",
    ),
    "verify.mismatch": (
        "Stimmt NICHT überein: {pdf} nennt {printed}, die Sitzung ergibt {actual}",
        "Does NOT match: {pdf} states {printed}, the session gives {actual}",
    ),
    "verify.no_digest": (
        "{pdf}: kein Impuls-Handout mit Prüfsumme (oder keine PDF-Datei)",
        "{pdf}: not an Impuls handout with a checksum (or not a PDF file)",
    ),
}
