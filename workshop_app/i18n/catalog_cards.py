"""Messages of the voting cards (printing, checking, the phone): id → (German, English)."""

from __future__ import annotations

CARDS_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------ a session whose cards were changed
    "cards.record_gone": (
        "{path}: Die Sitzungsdatei verzeichnet keine Stimmkarten, laut Schlüsseldatei"
        " ausgegeben: {count} – sie wurde verändert.",
        "{path}: the session file records no voting cards, the key file says issued: {count}"
        " – it was altered.",
    ),
    "cards.no_key": (
        "{path}: Die Stimmkarten dieser Sitzung sind ohne ihren Schlüssel ({key}) nicht zu"
        " prüfen; er liegt nur auf dem Rechner, der sie gedruckt hat.",
        "{path}: this session's voting cards cannot be checked without their key ({key}); it"
        " is kept only on the computer that printed them.",
    ),
    "cards.other_key": (
        "{path}: Die Stimmkarten dieser Sitzung wurden mit einem anderen Schlüssel als {key}"
        " signiert.",
        "{path}: this session's voting cards were signed with another key than {key}.",
    ),
    "cards.altered": (
        "{path}: Die Angaben zu den Stimmkarten wurden nachträglich verändert (ausgegeben:"
        " {count}); die Sitzung wird so nicht verwendet.",
        "{path}: the record of the voting cards was altered after they were issued (issued:"
        " {count}); the session is not used like this.",
    ),
    # ------------------------------------------------ impuls cards
    "cards.help": (
        "Stimmkarten ausgeben und als PDF drucken",
        "issue voting cards and print them as a PDF",
    ),
    "cards.help.source": (
        "das Deck (seine Sitzung des Tages, siehe --day), eine Sitzungsdatei (.impuls) "
        "oder das Programm eines Abends (.impuls-abend: Karten für jeden Vortrag)",
        "the deck (its session of the day, see --day), a session file (.impuls) or an "
        "evening's program (.impuls-abend: cards for every talk)",
    ),
    "cards.help.count": (
        "wie viele Stimmkarten (mehr: ein neuer Druck ergänzt)",
        "how many voting cards (more: a new print run adds to them)",
    ),
    "cards.help.pdf": (
        "wohin das PDF geschrieben wird (sonst NAME-cards.pdf daneben)",
        "where the PDF is written (else NAME-cards.pdf beside it)",
    ),
    "cards.help.url": (
        "die Adresse, die Handys öffnen (sonst die erste im Netz dieses Rechners, am Port"
        " der zuvor gedruckten Karten, ohne solche Port {port})",
        "the address phones open (else this computer's first network address, at the port"
        " of the cards printed before, without such port {port})",
    ),
    "cards.help.day": (
        "der Tag der Versammlung: Karten für die Sitzung dieses Tages (sonst heute)",
        "the day of the meeting: cards for that day's session (else today)",
    ),
    "cards.bad_day": ("„{day}“ ist kein Datum (JJJJ-MM-TT)", "“{day}” is not a date (YYYY-MM-DD)"),
    "cards.bad_count": (
        "--count {count}: 1 bis {most} Stimmkarten",
        "--count {count}: 1 to {most} voting cards",
    ),
    "cards.write_failed": (
        "{path} kann nicht geschrieben werden: {detail}",
        "cannot write {path}: {detail}",
    ),
    "cards.printed": (
        "Stimmkarten {first} bis {last} ({count}) gedruckt: {pdf}\nSitzung: {session}\n"
        "Schlüssel (bleibt auf diesem Rechner, nicht weitergeben): {key}",
        "Voting cards {first} to {last} ({count}) printed: {pdf}\nSession: {session}\n"
        "Key (stays on this computer, never hand it on): {key}",
    ),
    "cards.port_elsewhere": (
        "Die gedruckten Stimmkarten führen Handys zu Port {printed}, der Server hört aber"
        " auf Port {port}. Ist Port {printed} belegt, beenden Sie das Programm dort und"
        " starten Sie neu; bis dahin öffnen Handys die Adresse auf der Leinwand und geben"
        " den Code ihrer Karte ein.",
        "The printed voting cards lead phones to port {printed}, but the server listens on"
        " port {port}. If port {printed} is taken, stop the program there and start again;"
        " until then, phones open the address on the screen and enter their card's code.",
    ),
    # ------------------------------------------------ the printed card
    "cards.sheet.document": ("Stimmkarten", "Voting cards"),
    "cards.sheet.number": ("Stimmkarte {number}", "Voting card {number}"),
    "cards.sheet.hint": ("Scannen oder {address} öffnen", "Scan, or open {address}"),
    "cards.sheet.one_vote": (
        "und den Code eingeben. Eine Karte, eine Stimme.",
        "and enter the code. One card, one vote.",
    ),
    # ------------------------------------------------ the phone
    "cards.phone.card": ("Stimmkarte {number}", "Voting card {number}"),
    "cards.phone.need_card": (
        "Nur mit Stimmkarte: Scannen Sie den QR-Code der Karte mit der Kamera.",
        "Voting cards only: scan your card's QR code with the camera.",
    ),
    "cards.phone.moved": (
        "Ihre Stimmkarte gilt jetzt auf einem anderen Handy.",
        "Your voting card now counts on another phone.",
    ),
    # ------------------------------------------------ the organizer's dialog (File menu)
    "cards.menu": ("Stimmkarten drucken …", "Print voting cards …"),
    "cards.dialog.title": ("Stimmkarten drucken", "Print voting cards"),
    "cards.dialog.count": ("Anzahl", "How many"),
    "cards.dialog.day": ("Tag der Versammlung", "Day of the meeting"),
    "cards.dialog.session": ("für die Sitzung {path}", "for the session {path}"),
    "cards.dialog.url": ("Adresse für die Handys", "Address for the phones"),
    "cards.dialog.print": ("Drucken", "Print"),
    "cards.dialog.key_note": (
        "Der Schlüssel der Karten bleibt auf diesem Rechner, neben der Sitzung. Ein weiterer"
        " Druck ergänzt die Karten.",
        "The cards' key stays on this computer, beside the session. Another print run adds"
        " to the cards.",
    ),
    "cards.dialog.running": ("Stimmkarten werden gedruckt …", "Printing voting cards …"),
    "cards.dialog.cancelled": (
        "Abgebrochen – keine Karten ausgegeben.",
        "Cancelled – no cards were issued.",
    ),
    "cards.dialog.done": (
        "Stimmkarten {first} bis {last} gedruckt: {path}\nSchlüssel: {key}",
        "Voting cards {first} to {last} printed: {path}\nKey: {key}",
    ),
}
