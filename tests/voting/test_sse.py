"""The one event-stream parser, against the examples of the WHATWG HTML standard (§ 9.2)."""

from __future__ import annotations

import pytest

from tests.support.serving import run
from workshop_app.voting.sse import EventStreamParser, ServerSentEvent, read_events_async

E = ServerSentEvent

# (stream, events): the standard's examples, word for word.
EXAMPLES = [
    ("data: YHOO\ndata: +2\ndata: 10\n\n", [E("message", "YHOO\n+2\n10")]),
    (  # the third event has no blank line after it, so it is never dispatched
        ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
        "data:  third event\n",
        [E("message", "first event", "1"), E("message", "second event", "")],
    ),
    ("data\n\ndata\ndata\n\ndata:", [E("message", ""), E("message", "\n")]),
    ("data:test\n\ndata: test\n\n", [E("message", "test"), E("message", "test")]),
    (
        "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n",
        [E("add", "73857293"), E("remove", "2153"), E("add", "113411")],
    ),
]


def feed_all(parser: EventStreamParser, chunks: list[bytes]) -> list[ServerSentEvent]:
    return [event for chunk in chunks for event in parser.feed(chunk)]


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"])
@pytest.mark.parametrize(("stream", "expected"), EXAMPLES)
def test_the_standards_examples_in_any_line_ending_and_any_chunks(
    stream: str, expected: list[ServerSentEvent], ending: str
) -> None:
    data = stream.replace("\n", ending).encode()
    whole = feed_all(EventStreamParser(), [data])
    one_by_one = feed_all(EventStreamParser(), [data[i : i + 1] for i in range(len(data))])
    assert whole == one_by_one == expected


def test_a_crlf_split_between_chunks_is_one_line_end() -> None:
    parser = EventStreamParser()
    assert parser.feed(b"data: a\r") == []
    assert parser.feed(b"\n\r") == [E("message", "a")]
    assert parser.feed(b"\ndata: b\r\n\r\n") == [E("message", "b")]  # no empty line between


def test_retry_id_comments_unknown_fields_and_a_leading_bom() -> None:
    parser = EventStreamParser()
    events = parser.feed(
        "\ufeffretry: 2000\n\n: still here\n\nretry: 1x\nfoo: bar\nid: 7\nid: a\0b\n"
        'event: tally\ndata: {"poll": "p"}\n\n'.encode()
    )
    assert parser.retry == 2000  # "1x" is not a number: ignored
    assert events == [E("tally", '{"poll": "p"}', "7")]  # an id with NUL is ignored
    assert events[0].json() == {"poll": "p"}
    # Only the stream's first character may be a BOM: later, it makes an unknown field.
    assert parser.feed("\ufeffdata: x\n\n".encode()) == []


def test_utf8_split_inside_a_character_and_an_incomplete_event_at_the_end() -> None:
    data = 'event: questions\ndata: {"text": "Grüße"}\n\ndata: cut off'.encode()
    split = data.index("ü".encode()) + 1  # between the two bytes of "ü"
    parser = EventStreamParser()
    events = parser.feed(data[:split]) + parser.feed(data[split:])
    assert [e.json() for e in events] == [{"text": "Grüße"}]


def test_the_asynchronous_reader_yields_events_until_the_stream_ends() -> None:
    chunks = [b"retry: 2000\n\nevent: poll\nda", b"ta: {}\n\n", b""]

    async def read() -> bytes:
        return chunks.pop(0)

    async def collect() -> list[ServerSentEvent]:
        return [event async for event in read_events_async(read)]

    assert run(collect()) == [E("poll", "{}")]
