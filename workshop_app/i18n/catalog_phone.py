"""Messages of the phone and remote pages: id → (German, English).

Served to the pages by voting/phone_page.py, which also lends them sentences of
the other catalogues (the projector's hints, the handout's "anonym" …): a
sentence that exists there is not typed here again.
"""

from __future__ import annotations

PHONE_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the phone page
    "phone.title": ("Impuls – Abstimmung", "Impuls – voting"),
    "phone.code": ("Zugangscode von der Leinwand", "Join code from the screen"),
    "phone.join": ("Teilnehmen", "Join"),
    "phone.bad_code": (
        "Dieser Code passt nicht – bitte den Code von der Leinwand eingeben.",
        "This code does not match – please type the code shown on the screen.",
    ),
    "phone.too_many_phones": (
        "Aus diesem Netz sind schon zu viele Handys angemeldet – bitte der Vortragenden"
        " Bescheid geben.",
        "Too many phones have joined from this network – please tell the speaker.",
    ),
    "phone.busy": (
        "Zu viele Versuche – bitte kurz warten.",
        "Too many attempts – please wait a moment.",
    ),
    "phone.wait": (
        "Gleich geht es los: Die nächste Frage erscheint hier von selbst.",
        "Starting soon: the next question appears here by itself.",
    ),
    "phone.slide_of": (
        "Folie {number} von {count} – wie auf der Leinwand",
        "Slide {number} of {count} – as on the screen",
    ),
    "phone.vote": ("Abstimmen", "Vote"),
    "phone.counted": ("Ihre Stimme wurde gezählt ✓", "Your vote was counted ✓"),
    "phone.change": ("Stimme ändern", "Change my vote"),
    "phone.send_answer": ("Antwort senden", "Send answer"),
    "phone.answer_counted": ("Ihre Antwort ist angekommen ✓", "Your answer has arrived ✓"),
    "phone.change_answer": ("Antwort ändern", "Change my answer"),
    "phone.your_choice": ("Ihre Wahl: {choice}", "Your choice: {choice}"),
    "phone.your_answer": ("Ihre Antwort: {choice}", "Your answer: {choice}"),
    "phone.left": ("Noch {count} möglich", "{count} more possible"),
    "phone.full": (
        "Mehr als {most} geht nicht – erst eine abwählen.",
        "No more than {most} – untick one first.",
    ),
    "phone.ranking": (
        "Mit ↑ und ↓ in Ihre Reihenfolge bringen",
        "Use ↑ and ↓ to put them in your order",
    ),
    "phone.confirm_order": (
        "Ist das Ihre Reihenfolge? Zum Bestätigen noch einmal tippen – oder mit ↑ und ↓ ändern.",
        "Is this your order? Tap again to confirm – or change it with ↑ and ↓.",
    ),
    "phone.up": ("nach oben: {option}", "up: {option}"),
    "phone.down": ("nach unten: {option}", "down: {option}"),
    "phone.pick": ("Bitte zuerst etwas auswählen.", "Please choose something first."),
    "phone.closed": ("Die Abstimmung ist geschlossen.", "Voting is closed."),
    # At a countdown's zero (on phones, the remote, the projector and the console), and to
    # a vote the server received after it.
    "phone.time_up": ("Die Zeit ist um.", "Time is up."),
    "phone.invalid": ("Bitte eine gültige Antwort wählen.", "Please choose a valid answer."),
    "phone.offline": (
        "Keine Verbindung – Ihre Stimme wird gesendet, sobald das WLAN wieder da ist.",
        "No connection – your vote will be sent as soon as the Wi-Fi is back.",
    ),
    "phone.lost": (  # the app stopped or the Wi-Fi dropped, and nothing waits to be sent
        "Verbindung zum Vortrag getrennt – die Seite verbindet sich von selbst wieder,"
        " sobald es weitergeht.",
        "Disconnected from the talk – this page reconnects by itself once it goes on.",
    ),
    # A vote or question sent as an evening's next talk began: not counted in that one.
    "phone.talk_moved": (
        "Inzwischen hat der nächste Vortrag begonnen.",
        "The next talk has begun in the meantime.",
    ),
    "phone.results": ("Ergebnis: {question}", "Results: {question}"),
    "phone.tab_poll": ("Abstimmung", "Poll"),
    # ---------------------------------------------------------------- questions from the room
    "phone.ask": ("Ihre Frage an die Vortragenden", "Your question to the speaker"),
    "phone.ask_name": (
        "Ihr Name (freiwillig – sonst anonym)",
        "Your name (optional – anonymous otherwise)",
    ),
    "phone.ask_send": ("Frage senden", "Send question"),
    "phone.asked": ("Ihre Frage ist angekommen ✓", "Your question has arrived ✓"),
    "phone.too_short": (
        "Bitte eine Frage mit mindestens {least} Zeichen.",
        "Please write at least {least} characters.",
    ),
    "phone.ask_busy": (
        "Höchstens {most} Fragen pro Minute – bitte kurz warten.",
        "At most {most} questions a minute – please wait a moment.",
    ),
    "phone.top": ("Beliebt", "Popular"),
    "phone.newest": ("Neu", "Newest"),
    "phone.no_questions": (
        "Noch keine Fragen – stellen Sie die erste!",
        "No questions yet – ask the first!",
    ),
    "phone.upvote": ("Frage unterstützen, {count} bisher", "Support this question, {count} so far"),
    "phone.privacy": (
        "Gespeichert werden nur Ihre Antworten und Fragen (ein Name nur, wenn Sie ihn angeben)"
        " und eine zufällige Geräte-Kennung, damit eine geänderte Stimme die alte ersetzt."
        " Kein Name, keine IP-Adresse, kein Konto; die Daten bleiben auf dem Laptop der"
        " Vortragenden in diesem Raum.",
        "Only your answers and questions (a name only if you give one) and a random device id"
        " are stored, so that a changed vote replaces the old one. No name, no IP address, no"
        " account; the data stays on the speaker's laptop in this room.",
    ),
    # ---------------------------------------------------------------- the speaker's remote
    "remote.title": ("Impuls – Fernbedienung", "Impuls – remote"),
    "remote.previous": ("◀ Zurück", "◀ Back"),
    "remote.next": ("Weiter ▶", "Next ▶"),
    "remote.black": ("Schwarz", "Black"),
    "remote.no_notes": ("(keine Notizen)", "(no notes)"),
    "remote.next_slide": ("Als Nächstes: {title}", "Next: {title}"),
    "remote.last": ("Letzte Folie", "Last slide"),
    "remote.pair": (
        "Zum Koppeln den QR-Code in der Konsole des Vortragslaptops scannen – oder den Link"
        " darunter auf diesem Handy öffnen.",
        "To pair, scan the QR code in the console on the presenting laptop – or open the link"
        " below it on this phone.",
    ),
    "remote.pair_again": (
        "Diese Kopplung ist aufgebraucht – bitte in der Konsole neu koppeln.",
        "This pairing is used up – please pair again in the console.",
    ),
    "remote.too_fast": (
        "Zu schnell hintereinander – diese Eingabe wurde nicht ausgeführt.",
        "Too fast in a row – that tap was not carried out.",
    ),
    "remote.wrong": (
        "Dieser Kopplungscode ist falsch, abgelaufen oder schon benutzt – in der Konsole einen"
        " neuen zeigen lassen.",
        "This pairing code is wrong, expired or used – show a new one in the console.",
    ),
    "remote.offline": (
        "Keine Verbindung – Ihre Eingaben warten und werden gesendet, sobald das WLAN wieder"
        " da ist.",
        "No connection – your commands wait and are sent as soon as the Wi-Fi is back.",
    ),
    "remote.black_on": ("SCHWARZ", "BLACK"),
    "remote.white_on": ("WEISS", "WHITE"),
    "remote.frozen": ("EINGEFROREN", "FROZEN"),
    "remote.elapsed": ("vergangen {time}", "{time} elapsed"),
    "remote.remaining": ("noch {time}", "{time} left"),
    "remote.over": ("{time} drüber", "{time} over"),
    "remote.poll": ("Umfrage: {question} ({state})", "Poll: {question} ({state})"),
    # The console's remote tab (ui/remote_panel.py): the pairing link under the QR code.
    "remote.copy_link": ("Link kopieren", "Copy link"),
    "remote.copied": ("Link kopiert ✓", "Link copied ✓"),
    "remote.smaller": ("Notizen kleiner", "Smaller notes"),
    "remote.bigger": ("Notizen größer", "Larger notes"),
    "remote.point": ("Zeigen", "Point"),
    "remote.pointing": (
        "Finger auf die Folie: Dort erscheint der Laserpunkt auf der Leinwand.",
        "Finger on the slide: the laser dot appears there on the screen.",
    ),
}
