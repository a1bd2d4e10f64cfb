"""Reading a Server-Sent-Event stream: one incremental parser for every Python client.

The app (bytes as `QNetworkReply` hands them over), the tests and the benchmarks
(aiohttp, http.client) all feed what they received to `EventStreamParser.feed`
and get the complete events back; the parser does no I/O. It follows the WHATWG
HTML standard's "event stream interpretation": lines end in CR, LF or CRLF (a CR
at the end of one chunk and an LF at the start of the next are one line end),
`data` lines join with LF, `:` starts a comment, one space after the colon is
dropped, `id` without NUL sets the last event id, `retry` with digits only sets
the reconnection time, and an event with no data is not dispatched.

No library did this: those on PyPI read from a transport of their own
(httpx-sse, aiohttp-sse-client, sseclient-py's blocking iterator), none takes
bytes pushed to it as Qt delivers them.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event: its name (`message` when none was given), data and id."""

    event: str
    data: str
    id: str = ""

    def json(self) -> Any:
        """The data as JSON (every event our server sends carries a JSON object)."""
        return json.loads(self.data)


class EventStreamParser:
    """Feed it bytes as they arrive; it returns the events they completed."""

    def __init__(self) -> None:
        self.retry: int | None = None  # the reconnection time the server asked for, in ms
        self.last_event_id = ""
        self._pending = b""  # an unfinished line
        self._skip_lf = False  # the last chunk ended in CR: an LF now ends no other line
        self._started = False  # the BOM may only come first
        self._event = ""
        self._data: list[str] = []

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        if self._skip_lf and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._skip_lf = False
        events: list[ServerSentEvent] = []
        buffer = self._pending + chunk
        start = 0
        while True:
            cr, lf = buffer.find(b"\r", start), buffer.find(b"\n", start)
            if cr < 0 and lf < 0:
                break
            end = lf if cr < 0 or 0 <= lf < cr else cr
            line = buffer[start:end]
            start = end + 1
            if buffer[end : end + 1] == b"\r":
                if start == len(buffer):
                    self._skip_lf = True  # its LF may come in the next chunk
                elif buffer[start : start + 1] == b"\n":
                    start += 1
            event = self._line(line.decode("utf-8", "replace"))
            if event is not None:
                events.append(event)
        self._pending = buffer[start:]
        return events

    def _line(self, line: str) -> ServerSentEvent | None:
        if not self._started:
            self._started = True
            line = line.removeprefix(BOM)
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment: a heartbeat, as our server sends them
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self.last_event_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self.retry = int(value)
        return None  # any other field is ignored, as the standard says

    def _dispatch(self) -> ServerSentEvent | None:
        event, data = self._event or "message", self._data
        self._event, self._data = "", []
        if not data:
            return None
        return ServerSentEvent(event, "\n".join(data), self.last_event_id)


def read_events(read: Callable[[], bytes]) -> Iterator[ServerSentEvent]:
    """The events of a blocking stream, `read()` returning b"" at its end
    (http.client's `response.readline`, `response.read1`)."""
    parser = EventStreamParser()
    while chunk := read():
        yield from parser.feed(chunk)


async def read_events_async(read: Callable[[], Awaitable[bytes]]) -> AsyncIterator[ServerSentEvent]:
    """The events of an asynchronous stream (aiohttp's `response.content.readany`)."""
    parser = EventStreamParser()
    while chunk := await read():
        for event in parser.feed(chunk):
            yield event
