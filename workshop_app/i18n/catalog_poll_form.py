"""Messages of the poll form (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

POLL_FORM_MESSAGES: dict[str, tuple[str, str]] = {
    "poll_form.id_taken": (
        "Umfrage-ID „{id}“ gibt es im Deck schon",
        "poll id '{id}' is already used in this deck",
    ),
}
