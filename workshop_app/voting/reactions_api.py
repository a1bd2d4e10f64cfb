"""Reactions from the room over HTTP: a phone taps one of the deck's emoji.

The same doors as a vote: the body checked against the OpenAPI document, the
phone's ticket and the room's code; then the keeper counts the tap for the slide
the room sees, within each ticket's and each address's rate (voting/keeper.py).
"""

from __future__ import annotations

from aiohttp import web

from workshop_app.session.model import StoreError
from workshop_app.voting.admission import client_address
from workshop_app.voting.api import ADMISSION, DECK, LEDGER, meant_for
from workshop_app.voting.questions_api import phone_body


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/reactions", react)


async def react(request: web.Request) -> web.Response:
    talk = meant_for(request)  # a tap meant for the last talk is not the next one's
    offered = request.app[DECK].meta.reactions
    if not offered:
        raise StoreError("reactions_off", "this talk takes no reactions")
    device, body = await phone_body(request)
    emoji = body["emoji"]
    if emoji not in offered:
        raise StoreError("unknown_reaction", "emoji: one of the talk's reactions")
    address = client_address(request, request.app[ADMISSION])
    slide = await request.app[LEDGER].react(device, emoji, address, talk)
    return web.json_response({"emoji": emoji, "slide": slide})
