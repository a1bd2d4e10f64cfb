"""Follow-along over HTTP: the app says what the room sees; phones get that slide, no other."""

from __future__ import annotations

import asyncio
import io
import logging
import mimetypes
import struct
import threading
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from aiohttp import web
from PIL import Image as PILImage

from workshop_app.deck.pdf import PdfFile, render_page
from workshop_app.voting.api import (
    DECK,
    LEDGER,
    ROW_ID,
    json_object,
    problem,
    require_phone_or_presenter,
    require_presenter,
)
from workshop_app.voting.follow import MAX_IMAGE_BYTES, RoomView, slide_image

log = logging.getLogger("impuls.voting")
SVG = "image/svg+xml"
PHONE_WIDTH = 720  # twice a 360 px phone's width: sharp, and a photo stays near 60 KB
# PNG for a page unless it is this many times the JPEG's size (then it holds photos).
PNG_LEEWAY = 1.5
# An SVG is a document that can hold scripts, event handlers and links to other
# servers. In the phone page's <img> a browser runs none of them; opened on its own
# (its URL typed, shared or tapped), it would run them on this server's origin, where
# the phone keeps its ticket. So it goes out as a picture that may draw, and no more:
# no script, no request anywhere (pictures inside only as data: URIs), and in a
# sandbox of its own origin. (Rasterising it is not on offer: svglib, the lock's only
# SVG reader, makes reportlab drawings for the handout, and reportlab's rasteriser,
# renderPM, needs a backend (rlPyCairo) the lock does not hold.)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def add_routes(app: web.Application) -> None:
    app.router.add_put("/api/room", room)
    app.router.add_get("/api/slides/{slide}/images/{number}", image)


async def room(request: web.Request) -> web.Response:
    """The app: the slide the projector shows (or that it is black or white), and whether
    phones follow along."""
    require_presenter(request)
    body = await json_object(request)
    # slide (a whole number from 0, or null), blank and follow as the document says
    # (api.schema_checked); what it cannot say: the slide is one of this deck's
    slide, blank, follow = body["slide"], body["blank"], body["follow"]
    count = len(request.app[DECK].slides)
    if slide is not None and slide >= count:
        return problem(422, "bad_room", f"slide: 0 to {count - 1} or null; blank; follow")
    await request.app[LEDGER].set_room_view(RoomView(slide, blank, follow))
    return web.json_response({"ok": True})


async def image(request: web.Request) -> web.Response:
    """An image of the slide the room sees now; any other slide's is not there (404)."""
    require_phone_or_presenter(request)
    view: RoomView = request.app[LEDGER].room_view
    raw_slide, raw_number = request.match_info["slide"], request.match_info["number"]
    if not (ROW_ID.match(raw_slide) and ROW_ID.match(raw_number)):
        raise web.HTTPNotFound()
    slide = int(raw_slide)
    if not view.follow or view.blank != "none" or view.slide != slide:
        raise web.HTTPNotFound()  # never early, never while black, white or switched off
    deck = request.app[DECK]
    page = deck.slides[slide].page if 0 <= slide < len(deck.slides) else None
    scaled: tuple[bytes, str] | None
    if page is not None and raw_number == "0":
        scaled = await asyncio.to_thread(page_sized, deck.pdfs[page.document], page.page)
    else:
        found = slide_image(deck, slide, int(raw_number))
        if found is None or found.path is None:
            raise web.HTTPNotFound()
        scaled = await asyncio.to_thread(phone_sized, found.path)
    if scaled is None:
        raise web.HTTPNotFound()
    data, kind = scaled
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if kind == SVG:
        # An attachment, never an active document: opened on its own, the browser saves it;
        # an <img> still draws it.
        headers |= {"Content-Security-Policy": SVG_POLICY, "Content-Disposition": "attachment"}
    return web.Response(body=data, content_type=kind, headers=headers)


@lru_cache(maxsize=8)
def page_sized(pdf: PdfFile, page: int) -> tuple[bytes, str]:
    """A PDF deck's page PHONE_WIDTH pixels wide, in the smaller form for venue Wi-Fi:
    PNG keeps text sharp (a page of text: ~17 KB, as small as JPEG); a page with
    photos goes as JPEG (~25 KB where PNG takes ~90 KB)."""
    info = pdf.pages[page]
    raster = render_page(pdf, page, PHONE_WIDTH, round(PHONE_WIDTH * info.height / info.width))
    picture = PILImage.frombuffer(
        "RGBX", (raster.width, raster.height), raster.pixels, "raw", "RGBX", raster.stride, 1
    ).convert("RGB")
    png, jpeg = io.BytesIO(), io.BytesIO()
    picture.save(png, "PNG")
    picture.save(jpeg, "JPEG", quality=80)
    if png.tell() <= PNG_LEEWAY * jpeg.tell():
        return png.getvalue(), "image/png"
    return jpeg.getvalue(), "image/jpeg"


def phone_sized(path: Path) -> tuple[bytes, str] | None:
    """`_phone_sized`, one picture at a time in this process: six phones asking at once
    wait for one decode and share its result (the cache), not six decodes side by side."""
    with _DECODING:
        return _phone_sized(path)


@lru_cache(maxsize=32)
def _phone_sized(path: Path) -> tuple[bytes, str] | None:
    """The image at most PHONE_WIDTH pixels wide, as phones on venue Wi-Fi should get it:
    a photo as JPEG, anything with transparency or few colours as PNG (Pillow, which the
    handout's reportlab brings anyway). SVG as it is (`image` serves it under SVG_POLICY);
    what Pillow cannot read: nothing."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        kind = mimetypes.guess_type(path.name)[0] or ""
        if kind == SVG:
            return path.read_bytes(), kind
        with PILImage.open(path) as opened:
            image = _decoded(path, opened)
            if image.width > PHONE_WIDTH:
                height = max(1, round(image.height * PHONE_WIDTH / image.width))
                image = image.resize((PHONE_WIDTH, height), PILImage.Resampling.LANCZOS)
            out = io.BytesIO()
            if image.mode in ("RGBA", "LA", "P") or kind == "image/png":
                image.save(out, "PNG", optimize=True)
                return out.getvalue(), "image/png"
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue(), "image/jpeg"
    except (OSError, ValueError, PILImage.DecompressionBombError) as error:
        # The phone shows the slide without it; the speaker finds why in the server's log.
        log.warning("the image %s cannot be sent to phones: %s", path, error)
        return None


# Decoded, a picture takes four bytes a pixel: one just under the deck's cap of 40
# megapixels, 160 MB; six phones asking for it at once took the server from 176 MB to
# 1,181 MB (bench/follow_memory.py). So a picture larger than this is never held
# whole: a JPEG is decoded at 1/2 to 1/8 of its size (libjpeg's own scaling, `draft`),
# a PNG band by band, each band shrunk before the next is read. Other formats that
# large are not sent to phones.
DECODE_BYTES = 4 * 1024 * 1024
_DECODING = threading.Lock()
_PNG = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type → samples a pixel


def _decoded(path: Path, opened: PILImage.Image) -> PILImage.Image:
    """`opened`'s pixels in at most about DECODE_BYTES, at least PHONE_WIDTH wide."""
    width, height = opened.size
    if width * height * 4 <= DECODE_BYTES:
        opened.load()
        return opened
    if opened.format == "JPEG":
        opened.draft(None, (PHONE_WIDTH, max(1, PHONE_WIDTH * height // width)))
        opened.load()
        return opened
    if opened.format == "PNG":
        return _png_in_bands(path.read_bytes())  # at most MAX_IMAGE_BYTES
    raise ValueError(f"{width} × {height} pixels in {opened.format}: too large for phones")


def _png_in_bands(data: bytes) -> PILImage.Image:
    """A large PNG (8 bits a sample, not interlaced) shrunk by a whole factor, read in
    bands of rows: each band goes to Pillow as a PNG of its own, whose first row is the
    row before it, unfiltered (PNG's filters look one row up), and is box-reduced at once."""
    chunks = list(_png_chunks(data))
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or interlace or colour not in _CHANNELS:
        raise ValueError(f"{width} × {height} pixels at {depth} bits, interlaced: too large")
    row = 1 + width * _CHANNELS[colour]
    palette = b"".join(
        _png_chunk(kind, body) for kind, body in chunks if kind in (b"PLTE", b"tRNS")
    )
    factor = max(1, width // PHONE_WIDTH)
    band = max(factor, DECODE_BYTES // (width * 4) // factor * factor)
    inflate, source = zlib.decompressobj(), b"".join(b for k, b in chunks if k == b"IDAT")
    shrunk: PILImage.Image | None = None
    previous = b""
    for top in range(0, height, band):
        count = min(band, height - top)
        rows = inflate.decompress(source, count * row)  # no more: a bomb stays packed
        source = inflate.unconsumed_tail
        if len(rows) != count * row:
            raise ValueError("the PNG ends before its last row")
        lead = 1 if previous else 0
        header = struct.pack(">IIBBBBB", width, count + lead, 8, colour, 0, 0, 0)
        piece_png = (_PNG + _png_chunk(b"IHDR", header) + palette
                     + _png_chunk(b"IDAT", zlib.compress(previous + rows, 1))
                     + _png_chunk(b"IEND", b""))  # fmt: skip
        with PILImage.open(io.BytesIO(piece_png)) as piece:
            piece.load()
            last = piece.crop((0, piece.height - 1, width, piece.height)).tobytes()
            previous = b"\x00" + last  # filter type None: the bytes as they are
            kept = piece.crop((0, lead, width, piece.height))
            if kept.mode == "P":
                kept = kept.convert("RGBA")
            small = kept.reduce(factor) if factor > 1 else kept
        if shrunk is None:
            shrunk = PILImage.new(small.mode, (small.width, -(-height // factor)))
        shrunk.paste(small, (0, top // factor))
    assert shrunk is not None  # height ≥ 1: PNG has no empty pictures
    return shrunk


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    if not data.startswith(_PNG):
        raise ValueError("not a PNG")
    at = len(_PNG)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        yield kind, data[at + 8 : at + 8 + length]
        if kind == b"IEND":
            return
        at += 12 + length


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
