"""The speaker's remote over HTTP: pairing (console), commands and state (the paired phone).

A remote proves itself with `Authorization: Remote <token>` (or `?token=` for its
event stream); a participant's ticket, a made-up or a revoked token get 401.
"""

from __future__ import annotations

from aiohttp import web

from workshop_app.voting.admission import TOO_MANY_TRIES, WRONG_CODE, Tickets, client_address
from workshop_app.voting.api import (
    ADMISSION,
    HUB,
    LEDGER,
    POLLS,
    json_object,
    page_handler,
    problem,
    require_presenter,
)
from workshop_app.voting.events import state_message
from workshop_app.voting.phone_page import served_files
from workshop_app.voting.remote import TAKEN, RemoteAction

KEYS: web.AppKey[Tickets] = web.AppKey("remote_keys", Tickets)
# The remote's two pictures (`?slide=`) and the field of its state that versions each.
PICTURES = {"next": "preview", "current": "current"}
MAX_PREVIEW = 512 * 1024  # a 480×270 PNG of a slide is 20–80 KB
MAX_STATE_TEXT = 20_000  # the notes of one slide, with room to spare
# The remote shows the next slide from a blob: URL (fetched with its token).
REMOTE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
    " img-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def add_routes(app: web.Application, keys: Tickets) -> None:
    app[KEYS] = keys
    for route in served_files("remote"):
        app.router.add_get(route, page_handler("remote", route, REMOTE_POLICY))
    app.router.add_post("/api/remote/pairing", pairing)
    app.router.add_post("/api/remote/pair", pair)
    app.router.add_get("/api/remote/devices", devices)
    app.router.add_post("/api/remote/devices/{remote}/revoke", revoke)
    app.router.add_post("/api/remote/commands", command)
    app.router.add_post("/api/remote/pointer", pointer)
    app.router.add_get("/api/remote/events", events)
    app.router.add_get("/api/remote/preview.png", preview)
    app.router.add_put("/api/remote/state", publish_state)
    app.router.add_put("/api/remote/preview", publish_preview)


def _remote(request: web.Request) -> str:
    """The paired remote's id; 401 for anyone else (participants included)."""
    given = request.headers.get("Authorization", "")
    token = given[7:] if given.startswith("Remote ") else request.query.get("token")
    remote = request.app[KEYS].device(token)
    if remote is None or remote in request.app[LEDGER].revoked:
        raise web.HTTPUnauthorized(reason="Unauthorized")
    return remote


# ---------------------------------------------------------------- the console


async def pairing(request: web.Request) -> web.Response:
    require_presenter(request)
    secret, seconds = await request.app[LEDGER].pairing()
    return web.json_response({"secret": secret, "expires_in": seconds,
                              "path": f"/remote#pair={secret}"})  # fmt: skip


async def devices(request: web.Request) -> web.Response:
    require_presenter(request)
    return web.json_response(request.app[LEDGER].paired)


async def revoke(request: web.Request) -> web.Response:
    require_presenter(request)
    remote = request.match_info["remote"]
    if not await request.app[LEDGER].revoke(remote):
        return problem(404, "unknown_remote", "no remote paired under this id")
    return web.json_response({"revoked": remote})


async def publish_state(request: web.Request) -> web.Response:
    require_presenter(request)
    body = await json_object(request)
    if len(str(body)) > MAX_STATE_TEXT:
        return problem(413, "too_large", "the remote's state is too large")
    # The picture's version is the server's: it counts the previews it was given.
    for picture in PICTURES.values():
        body[picture] = request.app[LEDGER].remote_state.get(picture, 0)
    await request.app[LEDGER].publish_remote_state(body, None)
    return web.json_response({"ok": True})


async def publish_preview(request: web.Request) -> web.Response:
    require_presenter(request)
    if request.content_type != "image/png":
        raise web.HTTPUnsupportedMediaType(reason="Unsupported Media Type")
    data = await _body_up_to(request, MAX_PREVIEW + 1)
    if len(data) > MAX_PREVIEW or not data.startswith(b"\x89PNG"):
        return problem(413, "bad_preview", "a PNG of at most 512 KB")
    which = request.query.get("slide", "next")  # next or current (schema_checked)
    state = dict(request.app[LEDGER].remote_state)
    version = PICTURES[which]
    state[version] = int(state.get(version, 0) or 0) + 1  # remotes fetch the new one
    if which == "current":
        await request.app[LEDGER].publish_remote_state(state, None, data)
    else:
        await request.app[LEDGER].publish_remote_state(state, data)
    return web.json_response({"ok": True})


async def _body_up_to(request: web.Request, limit: int) -> bytes:
    """The body, or its first `limit` bytes: one read gives only what has arrived
    (a picture of a poll slide, 25 KB, came through cut at 16 KB before)."""
    data = b""
    while len(data) < limit:
        chunk = await request.content.read(limit - len(data))
        if not chunk:
            break
        data += chunk
    return data


# ---------------------------------------------------------------- the phone


async def pair(request: web.Request) -> web.Response:
    body = await json_object(request)
    secret = body["secret"]  # a string of at most 64 characters (schema_checked)
    address = client_address(request, request.app[ADMISSION])
    outcome = await request.app[LEDGER].pair(address, secret)
    if outcome == WRONG_CODE:
        return problem(403, "wrong_secret", "this pairing code is wrong, used or expired")
    if outcome == TOO_MANY_TRIES:
        return problem(429, "too_many_tries", "too many wrong codes; wait a minute")
    return web.json_response({"token": outcome})


async def command(request: web.Request) -> web.Response:
    remote = _remote(request)
    body = await json_object(request)
    # command_id, action and poll of the forms the document gives (schema_checked)
    command_id, poll = body["command_id"], body.get("poll")
    wanted = RemoteAction(body["action"])
    if wanted.poll_action is not None and poll not in request.app[POLLS]:
        return problem(404, "unknown_poll", "poll: a poll of this deck")
    done = await request.app[LEDGER].remote_command(
        remote, command_id, wanted.value, poll if wanted.poll_action else None
    )
    if done == TAKEN:
        return problem(409, "command_taken", "this command_id belongs to another remote")
    return web.json_response({"command": command_id, "action": wanted.value})


async def pointer(request: web.Request) -> web.Response:
    """The laser dot where the remote's finger is on its picture of the slide."""
    remote = _remote(request)
    body = await json_object(request)
    x, y = body["x"], body["y"]  # numbers from 0 to 1, or null (schema_checked)
    at = None if x is None or y is None else (float(x), float(y))
    await request.app[LEDGER].remote_pointer(remote, at)  # or 429: too many moves
    return web.json_response({"pointer": None if at is None else list(at)})


async def events(request: web.Request) -> web.StreamResponse:
    remote = _remote(request)
    state = request.app[LEDGER].remote_state
    first = state_message(state) if state else None
    return await request.app[HUB].stream(request, device=None, remote=remote, first=first)


async def preview(request: web.Request) -> web.Response:
    _remote(request)
    ledger = request.app[LEDGER]
    data = ledger.current if request.query.get("slide") == "current" else ledger.preview
    if data is None:
        return problem(404, "no_preview", "no next slide yet")
    return web.Response(body=data, content_type="image/png",
                        headers={"Cache-Control": "no-store"})  # fmt: skip
