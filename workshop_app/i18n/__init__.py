"""The one translation helper: every user-visible string goes through `tr`.

German is the default language, English the other one. Messages live in
`catalog.py` as German/English pairs with `str.format` placeholders; the core
(deck, session, voting, handout) uses the same helper as the Qt layer, so a
problem reported by `check` and shown in the app reads the same.
"""

from __future__ import annotations

from enum import StrEnum

from workshop_app.i18n.catalog import MESSAGES


class Lang(StrEnum):
    DE = "de"
    EN = "en"


DEFAULT_LANG = Lang.DE
_current = DEFAULT_LANG


def set_language(lang: Lang | str) -> None:
    """Make `lang` the language `tr` uses when none is passed."""
    global _current
    _current = Lang(lang)


def current_language() -> Lang:
    return _current


def tr(message_id: str, lang: Lang | str | None = None, /, **params: object) -> str:
    """The message `message_id` in `lang` (default: the current language), formatted."""
    try:
        german, english = MESSAGES[message_id]
    except KeyError:
        raise KeyError(f"no message {message_id!r} in the catalog") from None
    chosen = Lang(lang) if lang is not None else _current
    template = german if chosen is Lang.DE else english
    return template.format(**params) if params else template


def number(value: float, digits: int = 1, lang: Lang | str | None = None) -> str:
    """A number as the reader writes it: 3,4 in German, 3.4 in English."""
    text = f"{value:.{digits}f}"
    chosen = Lang(lang) if lang is not None else _current
    return text.replace(".", ",") if chosen is Lang.DE else text


__all__ = ["DEFAULT_LANG", "Lang", "current_language", "number", "set_language", "tr"]
