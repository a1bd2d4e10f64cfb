"""Messages of the recovery (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

RECOVERY_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------ unsaved text after a crash
    "recovery.offer_title": ("Ungespeicherter Text", "Unsaved text"),
    "recovery.offer": (
        "Für „{name}“ gibt es ungespeicherten Text vom {day}, {time}. Wiederherstellen?",
        "There is unsaved text for “{name}” from {day}, {time}. Restore it?",
    ),
    "recovery.offer_detail": (
        "„Beide behalten“ legt diesen Text als „{beside}“ neben die Datei.",
        "“Keep both” puts this text beside the file as “{beside}”.",
    ),
    "recovery.offer_changed": (
        "Die Datei wurde seitdem außerhalb von Impuls geändert.",
        "The file has been changed outside Impuls since then.",
    ),
    "recovery.restore": ("Wiederherstellen", "Restore"),
    "recovery.discard": ("Verwerfen", "Discard"),
    "recovery.keep_both": ("Beide behalten", "Keep both"),
    # a file name's tag: vortrag.wiederhergestellt.md
    "recovery.tag_recovered": ("wiederhergestellt", "recovered"),
    # ------------------------------------------------ the deck changed on disk
    "recovery.changed_title": ("Datei geändert", "File changed"),
    "recovery.changed": (
        "„{name}“ wurde außerhalb von Impuls geändert.",
        "“{name}” was changed outside Impuls.",
    ),
    "recovery.deleted": (
        "„{name}“ wurde außerhalb von Impuls gelöscht oder umbenannt.",
        "“{name}” was deleted or renamed outside Impuls.",
    ),
    "recovery.changed_detail": (
        "„Beide behalten“ speichert Ihre Fassung als „{beside}“"
        " und lädt dann die Datei von der Festplatte.",
        "“Keep both” saves your version as “{beside}”, then loads the file from disk.",
    ),
    "recovery.load_disk": ("Von der Festplatte laden", "Load from disk"),
    "recovery.save_mine": ("Meine Fassung speichern", "Save my version"),
    # a file name's tag: vortrag.meine-fassung.md
    "recovery.tag_mine": ("meine-fassung", "my-version"),
}
