"""Messages of the Qt layer and the slide renderer: id → (German, English)."""

from __future__ import annotations

UI_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- slide rendering
    "image.unreadable": (
        "Bild „{src}“ kann nicht gelesen werden (kein unterstütztes Bildformat?)",
        "image “{src}” cannot be read (not a supported image format?)",
    ),
    "slide.overflows": (
        "Folie {number} läuft über: Der Inhalt passt auch verkleinert nicht – bitte kürzen"
        " oder auf zwei Folien verteilen",
        "slide overflows: slide {number} does not fit even with smaller text – shorten it"
        " or split it in two",
    ),
    "slide.overflows_cut": (
        "Folie {number} läuft über: Wie in Marp wird abgeschnitten, was nicht passt – bitte"
        " kürzen oder auf zwei Folien verteilen",
        "slide overflows: as in Marp, what does not fit on slide {number} is cut off –"
        " shorten it or split it in two",
    ),
    "render.questions.none": (
        "Noch keine Fragen – stellen Sie Ihre über das Handy (Bereich „Fragen“).",
        "No questions yet – ask yours from your phone ('Questions').",
    ),
    "render.questions.spotlight": ("Frage aus dem Publikum", "Question from the audience"),
    "render.questions.upvotes": (
        "▲ {count} Stimme‖▲ {count} Stimmen",
        "▲ {count} upvote‖▲ {count} upvotes",
    ),
    "render.image_missing": ("Bild fehlt: {name}", "image missing: {name}"),
    "render.hint.single": ("Eine Antwort wählen", "Choose one answer"),
    "render.hint.multiple": ("Bis zu {most} Antworten wählen", "Choose up to {most} answers"),
    "render.hint.scale": (
        "Wert von {low} bis {high} wählen",
        "Choose a value from {low} to {high}",
    ),
    "render.hint.ranking": (
        "In die eigene Reihenfolge bringen",
        "Put them in your own order",
    ),
    "render.hint.text": (
        "Freie Antwort, bis zu {most} Zeichen",
        "Free answer, up to {most} characters",
    ),
    "render.join.title": ("Mit dem Handy abstimmen", "Vote with your phone"),
    "render.join.not_running": (
        "QR-Code und Zugangscode erscheinen hier, sobald die Abstimmung läuft.",
        "The QR code and join code appear here once voting is running.",
    ),
    "render.join.code": ("Code {code}", "Code {code}"),
    "render.join.or_open": (
        "QR-Code scannen – oder im Browser öffnen:",
        "Scan the QR code – or open in a browser:",
    ),
    "render.join.watching": (
        "{count} Handy verbunden‖{count} Handys verbunden",
        "{count} phone connected‖{count} phones connected",
    ),
    "render.poll.open": ("Abstimmung läuft · Stimmen: {count}", "Voting open · votes: {count}"),
    "render.poll.closed": (
        "Abstimmung beendet · Stimmen: {count}",
        "Voting closed · votes: {count}",
    ),
    # ---------------------------------------------------------------- live results
    "results.points": ("{points} Punkte", "{points} points"),
    "results.shift": ("{shift} Pp.", "{shift} pts"),
    "results.before": ("Vorher", "Before"),
    "results.after": ("Nachher", "After"),
    "results.mean": ("Mittelwert {mean}", "Mean {mean}"),
    "results.mean_shift": ("Mittelwert {before} → {after}", "Mean {before} → {after}"),
    "results.median": ("Median {median}", "Median {median}"),
    "results.quote": ("„{text}“", "“{text}”"),
    "results.no_answers": ("Noch keine freigegebenen Antworten", "No approved answers yet"),
    "results.ballots": ("Stimmen: {count}", "Votes: {count}"),
    "results.devices": ("Geräte: {count}", "Devices: {count}"),
    "results.hands": ("dazu per Handzeichen: {count}", "plus by show of hands: {count}"),
    # What 100 % is, said wherever a share is printed (session/results.py).
    "results.base.votes": (
        "Anteile von {count} Stimme‖Anteile von {count} Stimmen",
        "Shares of {count} vote‖Shares of {count} votes",
    ),
    "results.base.voters": (  # "von 1 Abstimmenden" is German's singular as well
        "Anteile von {count} Abstimmenden (Mehrfachauswahl: zusammen über 100\u00a0% möglich)"
        "‖Anteile von {count} Abstimmenden (Mehrfachauswahl: zusammen über 100\u00a0% möglich)",
        "Shares of {count} voter (multiple choice: may add up to more than 100\u00a0%)"
        "‖Shares of {count} voters (multiple choice: may add up to more than 100\u00a0%)",
    ),
    "results.base.points": (
        "Rangfolge nach Punkten, {count} Punkt insgesamt‖Rangfolge nach Punkten, {count} Punkte"
        " insgesamt",
        "Ranked by points, {count} point in all‖Ranked by points, {count} points in all",
    ),
    "results.base.answers": (
        "Anteile von {count} Antwort‖Anteile von {count} Antworten",
        "Shares of {count} answer‖Shares of {count} answers",
    ),
    "results.base.approved": (
        "Anteile von {count} freigegebenen Antwort‖Anteile von {count} freigegebenen Antworten",
        "Shares of {count} approved answer‖Shares of {count} approved answers",
    ),
    # ---------------------------------------------------------------- poll controls
    "polls.open": ("Öffnen", "Open"),
    "polls.close": ("Schließen", "Close"),
    "polls.reveal": ("Ergebnis zeigen", "Reveal"),
    "polls.hide": ("Ergebnis verbergen", "Hide"),
    "polls.reset": ("Neu starten", "Reset"),
    "polls.extend": ("+30 s", "+30 s"),
    "polls.halt": ("Stopp", "Stop"),
    "polls.extend_tip": (
        "30 Sekunden mehr – oder ein Countdown von 30 Sekunden, wenn keiner läuft",
        "30 seconds more – or a countdown of 30 seconds if none is running",
    ),
    "polls.halt_tip": (
        "Den Countdown anhalten: die Umfrage bleibt offen, bis Sie sie schließen",
        "Stop the countdown: the poll stays open until you close it",
    ),
    "polls.hands": ("Handzeichen eingeben …", "Show of hands …"),
    "polls.join": ("Beitreten zeigen (J)", "Show join screen (J)"),
    "polls.approve": ("Freigeben", "Approve"),
    "polls.hide_answer": ("Ausblenden", "Hide"),
    # The new answers only: what the filter hid stays hidden until approved one by one.
    "polls.approve_all": (
        "Die neue Antwort freigeben‖Alle {count} neuen freigeben",
        "Approve the new answer‖Approve all {count} new",
    ),
    "polls.approve_all_none": ("Alle neuen freigeben", "Approve all new"),
    "polls.moderation": (
        "Antworten (○ neu, ✓ freigegeben, ⊘ ausgeblendet – anstößige sind vorab ausgeblendet)",
        "Answers (○ new, ✓ approved, ⊘ hidden – offensive ones start hidden)",
    ),
    "polls.answer.pending": ("neu", "new"),
    "polls.answer.approved": ("freigegeben", "approved"),
    "polls.answer.hidden": ("ausgeblendet", "hidden"),
    "polls.state": ("„{question}“: {state}, {shown}", "“{question}”: {state}, {shown}"),
    "polls.state.draft": ("noch nicht geöffnet", "not opened yet"),
    "polls.state.open": ("OFFEN", "OPEN"),
    "polls.state.closed": ("geschlossen", "closed"),
    "polls.shown": ("Ergebnis sichtbar", "results shown"),
    "polls.not_shown": ("Ergebnis verborgen", "results hidden"),
    "polls.counts": (
        "Stimmen {ballots} von {devices} Geräten · Handzeichen {hands}"
        " · Teilnehmende {participants} · verbunden {watching} · Adressen {addresses}",
        "Votes {ballots} from {devices} devices · hands {hands}"
        " · participants {participants} · connected {watching} · addresses {addresses}",
    ),
    "polls.refused": (
        "⚠ {refused} Anmeldungen abgewiesen: zu viele Handys von einer Adresse. Teilen sich"
        " im Saal-WLAN alle Handys eine Adresse (NAT), den Server mit"
        " --devices-per-address starten.",
        "⚠ {refused} joins refused: too many phones from one address. If the venue's Wi-Fi"
        " hides every phone behind one address (NAT), start the server with"
        " --devices-per-address.",
    ),
    "polls.hands_title": ("Handzeichen", "Show of hands"),
    "polls.hands_help": (
        "Gezählte Hände je Antwort. Sie werden zu den Handy-Stimmen addiert und schraffiert"
        " gezeigt; eine neue Eingabe ersetzt die vorige.",
        "Hands counted per answer. They are added to the phone votes and shown hatched;"
        " a new entry replaces the previous one.",
    ),
    "polls.server_starting": ("Abstimmungs-Server startet …", "Voting server starting …"),
    "polls.server_ready": ("Handys: {where} · Code {code}", "Phones: {where} · code {code}"),
    "polls.no_server": (
        "Ohne Abstimmungs-Server (Deck ohne Datei oder Umfragen)",
        "No voting server (deck without a file or polls)",
    ),
    "polls.no_network": (
        "kein Netzwerk gefunden – Handy-Hotspot einschalten und den Laptop verbinden",
        "no network found – turn on a phone hotspot and connect the laptop to it",
    ),
    "live.server_failed": (
        "Der Abstimmungs-Server konnte nicht starten: {detail}",
        "The voting server could not start: {detail}",
    ),
    "live.server_bad_start": (
        "Der Abstimmungs-Server meldete sich unerwartet: {detail}",
        "The voting server answered unexpectedly: {detail}",
    ),
    "live.unreachable": (
        "Abstimmungs-Server nicht erreichbar: {detail}",
        "Voting server not reachable: {detail}",
    ),
    "live.refused": ("Abgelehnt ({status}): {detail}", "Refused ({status}): {detail}"),
    "console.mode.joining": ("BEITRETEN WIRD GEZEIGT", "JOIN SCREEN SHOWN"),
    "console.mode.question": ("FRAGE AUF DER LEINWAND", "QUESTION ON THE SCREEN"),
    "console.mode.laser": ("LASERPUNKT", "LASER DOT"),
    "console.mode.draw": ("ZEICHNEN", "DRAWING"),
    "console.mode.zoom_choose": ("AUSSCHNITT ZIEHEN", "DRAG A REGION"),
    "console.mode.zoomed": ("VERGRÖSSERT (Esc: ganz)", "ZOOMED (Esc: whole)"),
    "console.questions_tab": ("Fragen", "Questions"),
    "console.reactions": ("Resonanz", "Reactions"),
    "console.reactions_tip": (
        "Reaktionen aus dem Publikum auf dieser Folie; der Balken zeigt die letzten Sekunden",
        "Reactions from the audience on this slide; the bar shows the last few seconds",
    ),
    "console.questions_tab_new": ("Fragen · {count} neu", "Questions · {count} new"),
    "help.keys.question": ("Q", "Q"),
    "help.does.question": (
        "Frage aus dem Publikum auf die Leinwand (die gewählte oder die beliebteste);"
        " Esc nimmt sie weg",
        "put a question from the audience on the screen (the selected or the top one);"
        " Esc takes it off",
    ),
    "console.remote_tab": ("Fernbedienung", "Remote"),
    "console.follow_on": ("Folie auf Handys: an", "Slide on phones: on"),
    "console.follow_off": ("Folie auf Handys: aus", "Slide on phones: off"),
    "remote.help": (
        "Mit dem eigenen Handy scannen: Es wird zur Fernbedienung mit Notizen, Uhr und"
        " nächster Folie. Der Code gilt fünf Minuten für ein Handy und erscheint nie auf"
        " der Leinwand.",
        "Scan with your own phone: it becomes a remote with notes, clock and the next"
        " slide. The code pairs one phone within five minutes and never appears on the"
        " projector.",
    ),
    "remote.new_code": ("Neuer Code", "New code"),
    "remote.revoke": ("Trennen", "Disconnect"),
    "remote.paired": ("Gekoppelte Handys:", "Paired phones:"),
    "remote.none": ("Noch keins.", "None yet."),
    "remote.phone": ("Handy {number} · seit {since}", "Phone {number} · since {since}"),
    "remote.address": ("Oder im Browser des Handys öffnen: {url}", "Or open on the phone: {url}"),
    "questions.not_running": (
        "Fragen aus dem Publikum: Der Abstimmungsserver startet …",
        "Questions from the audience: the voting server is starting …",
    ),
    "questions.running": (
        "Fragen kommen über die Handy-Seite (Bereich „Fragen“), sortiert nach Stimmen.",
        "Questions arrive through the phone page ('Questions'), sorted by upvotes.",
    ),
    "questions.pre_moderation": (
        "Erst nach Freigabe zeigen (sonst sofort; verdächtige hält der Filter immer zurück)",
        "Show only after approval (else at once; the filter always holds suspicious ones back)",
    ),
    "questions.section.pending": ("Neu ({count})", "New ({count})"),
    "questions.section.approved": ("Freigegeben ({count})", "Approved ({count})"),
    "questions.section.answered": ("Beantwortet ({count})", "Answered ({count})"),
    "questions.section.hidden": ("Ausgeblendet ({count})", "Hidden ({count})"),
    "questions.approve": ("Freigeben", "Approve"),
    "questions.answer": ("Beantwortet", "Answered"),
    "questions.hide": ("Ausblenden", "Hide"),
    "questions.reopen": ("Wieder offen", "Reopen"),
    "questions.to_screen": ("Auf die Leinwand (Q)", "On the screen (Q)"),
    "questions.off_screen": ("Von der Leinwand (Esc)", "Off the screen (Esc)"),
    "questions.on_screen": ("auf der Leinwand", "on the screen"),
    "questions.flagged": ("vom Filter zurückgehalten", "held back by the filter"),
    "questions.anonymous": ("anonym", "anonymous"),
    "questions.none": ("Keine Fragen in diesem Bereich.", "No questions here."),
    "help.keys.join": ("J", "J"),
    "help.does.join": ("Beitreten-Bildschirm (QR-Code) zeigen", "show the join screen (QR code)"),
    # ---------------------------------------------------------------- key help
    "help.title": ("Tastenkürzel beim Präsentieren", "Keys while presenting"),
    "help.close": ("Schließen mit Esc, ? oder F1", "Close with Esc, ? or F1"),
    "help.keys.next": ("→  ↓  Bild↓  Leertaste  Enter", "→  ↓  PgDn  Space  Enter"),
    "help.does.next": ("nächste Folie", "next slide"),
    "help.keys.previous": ("←  ↑  Bild↑  Rücktaste", "←  ↑  PgUp  Backspace"),
    "help.does.previous": ("vorige Folie", "previous slide"),
    "help.keys.first_last": ("Pos1  /  Ende", "Home  /  End"),
    "help.does.first_last": ("erste / letzte Folie", "first / last slide"),
    "help.keys.jump": ("Nummer, dann Enter", "number, then Enter"),
    "help.does.jump": ("zu dieser Folie springen", "jump to that slide"),
    "help.keys.overview": ("Tab  G", "Tab  G"),
    "help.does.overview": ("Übersicht aller Folien", "overview of all slides"),
    "help.keys.black": ("B  .", "B  ."),
    "help.does.black": ("Leinwand schwarz (und zurück)", "black screen (and back)"),
    "help.keys.white": ("W  ,", "W  ,"),
    "help.does.white": ("Leinwand weiß (und zurück)", "white screen (and back)"),
    "help.keys.freeze": ("F", "F"),
    "help.does.freeze": (
        "Publikumsansicht einfrieren, während Sie weiterblättern",
        "freeze the audience view while you move on",
    ),
    "help.keys.swap": ("S", "S"),
    "help.does.swap": (
        "Konsole und Publikumsansicht tauschen",
        "swap console and audience view",
    ),
    "help.keys.timer": ("T  /  R", "T  /  R"),
    "help.does.timer": ("Zeit anhalten / zurücksetzen", "pause / reset the timer"),
    "help.keys.notes": ("+  /  −", "+  /  −"),
    "help.does.notes": ("Notizen größer / kleiner", "notes larger / smaller"),
    "help.keys.mouse": ("Klick, Rechtsklick, Mausrad", "click, right click, wheel"),
    "help.does.mouse": ("vor / zurück", "forward / back"),
    "help.keys.laser": ("L", "L"),
    "help.does.laser": (
        "Laserpunkt: die Maus auf der aktuellen Folie zeigt auf der Leinwand",
        "laser dot: the mouse on the current slide points on the screen",
    ),
    "help.keys.zoom": ("Z, dann ziehen  /  Esc", "Z, then drag  /  Esc"),
    "help.does.zoom": (
        "Ausschnitt der Folie groß zeigen / wieder ganz",
        "show a region of the slide large / whole again",
    ),
    "help.keys.draw": ("D  /  E", "D  /  E"),
    "help.does.draw": (
        "auf die Folie zeichnen (Maus oder Stift) / Zeichnung löschen",
        "draw on the slide (mouse or pen) / erase the drawing",
    ),
    "help.keys.help": ("?  F1", "?  F1"),
    "help.does.help": ("diese Hilfe", "this help"),
    "help.keys.leave": ("Esc", "Esc"),
    "help.does.leave": ("Präsentation beenden", "stop presenting"),
    # ---------------------------------------------------------------- app and library
    "app.smoke": (
        "„{title}“: {slides}, erste Folie nach {ms} ms gezeichnet",
        "'{title}': {slides}, first slide painted after {ms} ms",
    ),
    "library.decks": ("Foliensätze", "Decks"),
    "library.shipped": ("Mitgeliefert", "Bundled"),
    "library.recent": ("Zuletzt geöffnet", "Recently opened"),
    "library.filter": (
        "Foliensätze (*.md *.markdown *.pdf *.pptx *.ppt *.odp *.key);;Markdown (*.md"
        " *.markdown);;PDF (*.pdf);;PowerPoint, Impress, Keynote (*.pptx *.ppt *.odp *.key)",
        "Slide decks (*.md *.markdown *.pdf *.pptx *.ppt *.odp *.key);;Markdown (*.md"
        " *.markdown);;PDF (*.pdf);;PowerPoint, Impress, Keynote (*.pptx *.ppt *.odp *.key)",
    ),
    "library.hint": (
        "Deck wählen, öffnen oder hierher ziehen – F5 startet die Präsentation",
        "Choose, open or drop a deck here – F5 starts presenting",
    ),
    "library.loading": ("Lade {path} …", "Loading {path} …"),
    "library.cancel_conversion": ("Umwandlung abbrechen", "Cancel conversion"),
    "library.loaded": (
        "{slides}, {polls}, {problems}",
        "{slides}, {polls}, {problems}",
    ),
    "library.broken": (
        "{path} enthält Fehler – Details unten; die Datei wird neu gelesen, sobald Sie speichern",
        "{path} has errors – details below; the file is re-read as soon as you save",
    ),
    "library.no_problems": ("Keine Probleme gefunden", "No problems found"),
    "library.problem": ("Zeile {line}: {text}", "line {line}: {text}"),
    "library.theme": ("Design:", "Theme:"),
    "library.screen": ("Publikum auf:", "Audience on:"),
    "library.screen_auto": ("zweitem Bildschirm (automatisch)", "second screen (automatic)"),
    "library.screen_tip": (
        "Bildschirm für die Publikumsansicht; die Referentenansicht kommt auf den anderen",
        "screen for the audience view; the presenter console goes on the other one",
    ),
    "library.theme_from_deck": ("wie im Deck", "as in the deck"),
    "library.language_next_start": (
        "Die Sprache wird beim nächsten Start umgestellt",
        "The language changes at the next start",
    ),
    "menu.file": ("&Datei", "&File"),
    "menu.open": ("Deck öffnen …", "Open deck …"),
    "menu.export": ("Handout exportieren …", "Export handout …"),
    "menu.delete_session": ("Sitzung löschen …", "Delete session …"),
    "library.delete_session_sure": (
        "Die Sitzung „{name}“ endgültig löschen? Alle Stimmen darin gehen verloren;"
        " exportieren Sie vorher das Handout, wenn Sie die Ergebnisse brauchen.",
        "Delete the session “{name}” for good? All votes in it are lost; export the"
        " handout first if you need the results.",
    ),
    "library.session_deleted": (
        "Sitzung „{name}“ gelöscht (samt WAL- und SHM-Dateien)",
        "Session “{name}” deleted (with its WAL and SHM files)",
    ),
    "menu.quit": ("Beenden", "Quit"),
    "menu.edit": ("&Bearbeiten", "&Edit"),
    "menu.new_talk": ("Neuer Vortrag …", "New talk …"),
    "menu.poll_after": ("Umfrage nach dieser Folie einfügen …", "Insert poll after this slide …"),
    "menu.poll_after_tip": (
        "Eine Umfrage im Formular anlegen und direkt nach der gezeigten Folie einfügen;"
        " bei PowerPoint oder PDF bleibt die Originaldatei unverändert",
        "Make a poll in a form and put it right after the slide shown; a PowerPoint"
        " or PDF file stays unchanged",
    ),
    "menu.edit_talk": ("Vortrag bearbeiten", "Edit talk"),
    "menu.edit_talk_tip": (
        "Folien, Text und Umfragen dieses Vortrags bearbeiten, mit Vorschau",
        "Edit this talk's slides, text and polls, with a preview",
    ),
    "menu.present": ("&Präsentation", "&Presentation"),
    "menu.present_start": ("Präsentieren", "Present"),
    "menu.present_here": ("Ab dieser Folie präsentieren", "Present from this slide"),
    "menu.language": ("&Sprache", "&Language"),
    "menu.toolbar": ("Werkzeuge", "Tools"),
    # ---------------------------------------------------------------- presenting
    "audience.title": ("{title} – Publikum", "{title} – audience"),
    "console.title": ("{title} – Referentenansicht", "{title} – presenter console"),
    "console.current": ("Aktuelle Folie", "Current slide"),
    "console.next": ("Nächste Folie", "Next slide"),
    "console.notes": ("Notizen", "Notes"),
    "console.no_notes": ("(keine Notizen zu dieser Folie)", "(no notes for this slide)"),
    "console.position": ("Folie {number} / {count}", "Slide {number} / {count}"),
    "console.jump": ("Springe zu {digits} … (Enter)", "Go to {digits} … (Enter)"),
    "console.elapsed": ("Vergangen", "Elapsed"),
    "console.remaining": ("Verbleibend", "Left"),
    "console.clock": ("Uhr", "Clock"),
    "console.pause": ("Zeit anhalten", "Pause timer"),
    "console.resume": ("Zeit weiter", "Resume timer"),
    "console.reset": ("Zeit zurücksetzen", "Reset timer"),
    "console.mode.black": ("LEINWAND SCHWARZ", "SCREEN BLACK"),
    "console.mode.white": ("LEINWAND WEISS", "SCREEN WHITE"),
    "console.mode.frozen": ("EINGEFROREN auf Folie {number}", "FROZEN on slide {number}"),
    "console.reload_failed": (
        "Die geänderte Datei hat Fehler – das Publikum sieht weiter die letzte gute Fassung."
        " {problem}",
        "The changed file has errors – the audience keeps the last good version. {problem}",
    ),
    # ---- PDF decks (Beamer)
    "console.pdf_notes_half": (
        "Seiten doppelt so breit wie eine Folie: Impuls hält die rechte Hälfte für Ihre"
        " Notizen (Beamer, „show notes on second screen“). Der Saal sieht nur die linke.",
        "Pages twice as wide as a slide: Impuls takes the right half for your notes"
        " (Beamer's “show notes on second screen”). The room sees only the left half.",
    ),
    "console.pdf_notes_whole": ("Ganze Seiten zeigen", "Show whole pages"),
    "console.pdf_notes_off": (
        "Der Saal sieht die ganzen, doppelt breiten Seiten.",
        "The room sees the whole, double-width pages.",
    ),
    "console.pdf_notes_split": ("Rechte Hälfte als Notizen", "Right half as notes"),
}
