"""Reactions on the projector and the console (issue 34, must hold 3): taps from phones
over the real server rise in the slide's right margin, never over a pixel of its text,
and the console's meter counts them for the slide."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import aiohttp
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, call, ticket_of
from tests.support.serving import join_many
from tests.voting.test_hostile import gather_limited, post
from workshop_app.deck.look import (
    FOOTER_TOP_FROM_BOTTOM,
    HEADER_TOP,
    MARGIN_LINE_HEIGHT,
    TEXT_BLEED,
)
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.session.marks import Zoom
from workshop_app.session.reactions import Burst
from workshop_app.ui.prepared import PreparedDeck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.reaction_lane import MOST_RISING
from workshop_app.ui.slide_renderer import SlideRenderer
from workshop_app.voting.room_reactions import REACTIONS_INTERVAL

CLAP, HEART = DEFAULT_REACTIONS[:2]


def on_widget(renderer: SlideRenderer, box: QRectF, width: int, height: int) -> QRectF:
    """A box on the canvas, in the pixels of a widget of that size."""
    scale, corner = renderer.placement(QRectF(0, 0, width, height))
    return QRectF(corner.x() + box.x() * scale, corner.y() + box.y() * scale,
                  box.width() * scale, box.height() * scale)  # fmt: skip


def written(renderer: SlideRenderer, index: int) -> list[QRectF]:
    """Everything slide `index` writes: its text (as far as it may reach), its join
    card, its header and footer lines and page number."""
    layout = renderer.layout(index)
    boxes = [layout.content.adjusted(-TEXT_BLEED, -TEXT_BLEED, TEXT_BLEED, TEXT_BLEED)]
    if layout.join_card is not None:
        boxes.append(layout.join_card)
    look, (width, height) = layout.look, (renderer.canvas.width(), renderer.canvas.height())
    inner = width - 2 * look.line_x
    boxes.append(QRectF(look.line_x, HEADER_TOP, inner, MARGIN_LINE_HEIGHT))
    boxes.append(  # the footer's line, the page number at its right end
        QRectF(look.line_x, height - FOOTER_TOP_FROM_BOTTOM, inner, MARGIN_LINE_HEIGHT)
    )
    return boxes


def test_the_lane_is_clear_of_everything_a_slide_writes(
    qtbot: QtBot, default_deck: PreparedDeck, poll_deck: PreparedDeck
) -> None:
    lanes = 0
    for prepared in (default_deck, poll_deck):
        renderer = SlideRenderer(prepared)
        for index in range(len(prepared.deck.slides)):
            lane = renderer.reaction_lane(index)
            if lane is None:
                continue
            lanes += 1
            assert lane.width() >= 48 and lane.height() > 500
            for box in written(renderer, index):
                assert not lane.intersects(box), (index, lane, box)
    assert lanes == len(default_deck.deck.slides) + len(poll_deck.deck.slides)


def changed(before: QImage, after: QImage, area: QRectF) -> int:
    """Pixels in `area` that differ between the two pictures."""
    rect = area.toAlignedRect().intersected(before.rect())
    return sum(
        before.pixel(x, y) != after.pixel(x, y)
        for y in range(rect.top(), rect.bottom() + 1, 2)
        for x in range(rect.left(), rect.right() + 1, 2)
    )


def test_taps_rise_in_the_margin_and_the_console_counts_them(
    qtbot: QtBot, shipped_live: PresentingSession
) -> None:
    live = shipped_live
    assert live.live is not None
    renderer = live.slideshow.renderer
    # The slide whose text reaches furthest right: the hardest case for a margin.
    index = max(
        (i for i in range(live.state.count) if not live.state.deck.slides[i].polls),
        key=lambda i: renderer.layout(i).document.size().width(),
    )
    live.state.go(index)
    audience = live.audience
    audience.resize(1280, 720)
    lane_widget = audience.reactions
    qtbot.waitUntil(lambda: lane_widget.size() == audience.view.size(), timeout=WAIT_MS)
    width, height = audience.view.width(), audience.view.height()
    before = audience.grab().toImage()
    statuses = [
        call(live, "POST", "/api/reactions", {"code": live.live.info.join_code,
             "device": phone_ticket, "emoji": CLAP if n % 3 else HEART})[0]
        for n, phone_ticket in enumerate(tickets(live, 12))
    ]  # fmt: skip
    assert statuses == [200] * 12
    qtbot.waitUntil(lambda: lane_widget.shown == {CLAP: 8, HEART: 4}, timeout=WAIT_MS)
    after = audience.grab().toImage()
    lane = lane_widget.lane()
    assert lane is not None
    assert lane == on_widget(renderer, renderer.reaction_lane(index) or QRectF(), width, height)
    assert changed(before, after, lane) > 50  # the emoji are there …
    for box in written(renderer, index):  # … and not one pixel of what the slide writes moved
        assert changed(before, after, on_widget(renderer, box, width, height)) == 0
    everything_but_the_lane = changed(before, after, QRectF(0, 0, width, height))
    assert everything_but_the_lane == changed(before, after, lane)
    live.state.zoom_to(Zoom(0.5, 0.2, 0.4))  # the right margin shows the slide's middle now
    assert lane_widget.lane() is None
    live.state.zoom_to(None)
    meter = live.console.reactions
    qtbot.waitUntil(lambda: meter.totals.get(index) == {CLAP: 8, HEART: 4}, timeout=WAIT_MS)
    assert meter.slide == index and meter.recent_taps(CLAP) == 8


def tickets(live: PresentingSession, count: int) -> list[str]:
    return [ticket_of(live, 900 + n) for n in range(count)]


def test_200_phones_reach_the_projector_gathered(qtbot: QtBot, live: PresentingSession) -> None:
    assert live.live is not None
    info = live.live.info
    base = f"http://127.0.0.1:{info.port}"
    heard: list[Burst] = []
    live.live.reactions_arrived.connect(heard.append)
    lane = live.audience.reactions

    async def room() -> list[int]:
        async with aiohttp.ClientSession() as session:
            tickets = await join_many(session, base, info.join_code, 200)
            jobs: list[Callable[[], Awaitable[Any]]] = [
                partial(post, session, f"{base}/api/reactions", json.dumps({
                    "code": info.join_code, "device": ticket,
                    "emoji": DEFAULT_REACTIONS[n % 4]}).encode())
                for n, ticket in enumerate(tickets)
            ]  # fmt: skip
            return [status for status, _ in await gather_limited(jobs, 50)]

    with ThreadPoolExecutor(1) as pool:
        began = time.monotonic()
        tapping = pool.submit(asyncio.run, room())
        qtbot.waitUntil(lambda: sum(lane.shown.values()) == 200, timeout=WAIT_MS)
        seconds = time.monotonic() - began
        assert tapping.result() == [200] * 200
    assert sum(sum(b.taps.values()) for b in heard) == 200
    assert heard[-1].totals == dict.fromkeys(DEFAULT_REACTIONS, 50)
    # Gathered by the server: at most one event per interval, never one per tap …
    assert len(heard) <= seconds / REACTIONS_INTERVAL + 2 and len(heard) < 40
    # … and by the lane: one emoji per emoji and second, a handful on the screen.
    assert len(lane.rising) <= MOST_RISING
