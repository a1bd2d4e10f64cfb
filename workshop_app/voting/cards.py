"""Voting cards at the door: which card a phone presents, and which polls count cards.

The keeper binds a card to the phone that presented it last (voting/keeper.py); the
card's signature is checked here, in the HTTP worker, with the key the keeper hands
every worker at start. See session/cards.py for the codes, the key and the record.
"""

from __future__ import annotations

from typing import Literal

from workshop_app.deck import Poll
from workshop_app.deck.model import Eligible
from workshop_app.i18n import Lang, tr
from workshop_app.session.cards import CARD_CODE_LENGTH, CardKey, normalised

FORGED: Literal[False] = False
Card = int | None | Literal[False]  # a card's serial, none, or FORGED


def presented_card(key: CardKey | None, code: str, kept: object) -> tuple[Card, bool]:
    """The card a joining phone presents, and whether it also sent one that is no card.

    A card comes as the code (its QR code's address is the page's with `?code=` the
    card's code; or typed into the code's field: a card's code is longer than a join
    code): then it is the phone's key to the room, and a forged one is a wrong code
    (FORGED). Or it comes as `kept`, the card the phone held before (after a restart
    of the server): a genuine one is held again; any other is left out, and the caller
    counts it as a wrong code for the address, so nobody tries cards that way unhindered.
    """
    if scanned(code) and key is not None:
        serial = key.serial(code)
        return (FORGED if serial is None else serial), False
    if not isinstance(kept, str) or not kept:
        return None, False
    serial = key.serial(kept) if key is not None else None
    return serial, serial is None


def scanned(code: str) -> bool:
    """Whether the code a phone joins with is a card's (scanned or typed), not the room's."""
    return len(normalised(code)) == CARD_CODE_LENGTH


def card_answer(key: CardKey, serial: int, join_code: str, lang: Lang) -> dict[str, object]:
    """What a phone that joined with a card learns: the room's code (it may have typed the
    card's), the card's code to keep, and "Stimmkarte 17" to show, in its language."""
    return {"code": join_code, "card": key.code(serial), "label": tr("cards.phone.card", lang,
            number=serial)}  # fmt: skip


def card_moved(lang: Lang) -> dict[str, object]:
    """What a phone whose kept card another phone scanned since learns as it joins."""
    return {"label": tr("cards.phone.moved", lang)}


def counts_cards(poll: Poll) -> bool:
    """Whether only card holders vote on `poll`, one vote per card (`eligible: cards`)."""
    return poll.eligible is Eligible.CARDS
