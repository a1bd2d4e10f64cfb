"""The one translation helper: every user-visible string goes through `tr`.

German is the default language, English the other one. Messages live in
`catalog.py` as German/English pairs with `str.format` placeholders; the core
(deck, session, voting, handout) uses the same helper as the Qt layer, so a
problem reported by `check` and shown in the app reads the same.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
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
    if FORMS in template:  # a counted message: "{count} Stimme‖{count} Stimmen"
        one, other = template.split(FORMS)
        template = one if is_one(params["count"]) else other
    return template.format(**params) if params else template


# The separator of a counted message's two forms, the singular first. Its own
# character: "|" stands in YAML hints ("style: |").
FORMS = "‖"


def is_one(count: object) -> bool:
    """Whether `count` takes the singular: in German and English exactly the whole
    number one does (CLDR's rule "one" for both: i = 1 and no decimals). Zero,
    fractions and everything else take the plural: "0 Stimmen", "1,5 Stunden"."""
    return type(count) is int and count == 1


def half_up(value: float, digits: int) -> Decimal:
    """`value` rounded to `digits` places as people round (see `number`): the one
    rounding of every figure a person reads, printed or in a file."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def number(value: float, digits: int = 1, lang: Lang | str | None = None) -> str:
    """A number as the reader writes it: 3,4 in German, 3.4 in English.

    Rounded half up, as people round and as Excel and LibreOffice do with the CSV:
    one vote of eight is 12.5 %, printed "13 %" everywhere (Python's own formatting
    rounds half to even and printed "12 %", a phone's Math.round "13 %"). The digits
    rounded are those of the number as written (`repr`), not its binary value.
    """
    text = f"{half_up(value, digits):f}"
    chosen = Lang(lang) if lang is not None else _current
    return text.replace(".", ",") if chosen is Lang.DE else text


def day(value: date | str, lang: Lang | str | None = None) -> str:
    """A date as the reader writes it: 26.11.2026, or 26 November 2026 in English.

    A deck's `date` that is not ISO (yyyy-mm-dd) is the speaker's own wording: kept.
    """
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return str(value)
    chosen = Lang(lang) if lang is not None else _current
    if chosen is Lang.DE:
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip

__all__ = ["DEFAULT_LANG", "Lang", "current_language", "day", "number", "set_language", "tr"]
