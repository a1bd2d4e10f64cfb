"""An evening's two requests of the speaker's app: the next talk on, the program read again.

Both are the presenter's (its token), checked against the OpenAPI document like every
body, and carried out by the keeper's stagehand (voting/stagehand.py), which answers
once the talk is on: {"talk", "index", "count", "title", "speaker"}. A server that
gives one talk, not an evening, answers 404 (not_evening).
"""

from __future__ import annotations

from aiohttp import web

from workshop_app.voting.api import BODY, LEDGER, require_presenter


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/talk", switch_talk)
    app.router.add_post("/api/program", reload_program)


async def switch_talk(request: web.Request) -> web.Response:
    require_presenter(request)
    index: int = request[BODY]["talk"]
    return web.json_response(await request.app[LEDGER].switch_talk(index))


async def reload_program(request: web.Request) -> web.Response:
    require_presenter(request)
    return web.json_response(await request.app[LEDGER].reload_program())
