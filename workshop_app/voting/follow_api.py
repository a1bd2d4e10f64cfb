"""Follow-along over HTTP: the app says what the room sees; phones get that slide, no other."""

from __future__ import annotations

import mimetypes

from aiohttp import web

from workshop_app.voting.api import (
    DECK,
    LEDGER,
    json_object,
    problem,
    require_phone_or_presenter,
    require_presenter,
)
from workshop_app.voting.follow import MAX_IMAGE_BYTES, RoomView, slide_image


def add_routes(app: web.Application) -> None:
    app.router.add_put("/api/room", room)
    app.router.add_get("/api/slides/{slide}/images/{number}", image)


async def room(request: web.Request) -> web.Response:
    """The app: the slide the projector shows (or that it is black or white), and whether
    phones follow along."""
    require_presenter(request)
    body = await json_object(request)
    slide, blank, follow = body.get("slide"), body.get("blank"), body.get("follow")
    count = len(request.app[DECK].slides)
    if (
        set(body) != {"slide", "blank", "follow"}
        or not (slide is None or (type(slide) is int and 0 <= slide < count))
        or blank not in ("none", "black", "white")
        or not isinstance(follow, bool)
    ):
        return problem(422, "bad_room", f"slide: 0 to {count - 1} or null; blank; follow")
    await request.app[LEDGER].set_room_view(RoomView(slide, blank, follow))
    return web.json_response({"ok": True})


async def image(request: web.Request) -> web.Response:
    """An image of the slide the room sees now; any other slide's is not there (404)."""
    require_phone_or_presenter(request)
    view: RoomView = request.app[LEDGER].room_view
    raw_slide, raw_number = request.match_info["slide"], request.match_info["number"]
    if not (raw_slide.isascii() and raw_slide.isdigit() and raw_number.isascii()
            and raw_number.isdigit() and len(raw_slide) < 6 and len(raw_number) < 4):  # fmt: skip
        raise web.HTTPNotFound()
    slide = int(raw_slide)
    if not view.follow or view.blank != "none" or view.slide != slide:
        raise web.HTTPNotFound()  # never early, never while black, white or switched off
    found = slide_image(request.app[DECK], slide, int(raw_number))
    if found is None or found.path is None:
        raise web.HTTPNotFound()
    try:
        if found.path.stat().st_size > MAX_IMAGE_BYTES:
            raise web.HTTPNotFound()
        data = found.path.read_bytes()
    except OSError:
        raise web.HTTPNotFound() from None
    kind = mimetypes.guess_type(found.path.name)[0] or "application/octet-stream"
    if not kind.startswith("image/"):
        raise web.HTTPNotFound()
    return web.Response(
        body=data,
        content_type=kind,
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )
