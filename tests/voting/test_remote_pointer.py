"""The speaker's remote as laser pointer (issue 34, item 4): its finger's place on the
slide goes to the app's stream only, typed as the document says and at a human pace.
Real server, real sockets."""

from __future__ import annotations

import http.client
import secrets

from tests.support.decks import SINGLE
from tests.support.serving import Server, burst, command, remote_token
from workshop_app.voting.messages import Event
from workshop_app.voting.remote import POINTER_RATE

POINTER = "/api/remote/pointer"


def point(server: Server, header: str | None, body: object) -> int:
    return command(server, header, body, POINTER)


def test_the_remote_points_for_the_app_and_for_no_phone(server: Server) -> None:
    speaker = f"Remote {remote_token(server)}"
    app = server.follow(token=server.token)
    phone = server.follow(ticket=server.ticket("zuhoererin"))
    try:
        assert point(server, speaker, {"x": 0.25, "y": 0.75}) == 200
        assert point(server, speaker, {"x": None, "y": None}) == 200  # the finger lifted
        seen = [app.next(skip=(Event.ROOM, Event.REMOTES)) for _ in range(2)]
        assert [(e.event, e.json()["pointer"]) for e in seen] == [
            (Event.REMOTE, [0.25, 0.75]),
            (Event.REMOTE, None),
        ]
        server.control(SINGLE, "open")  # something the room may hear of, after the pointing
        assert phone.next(skip=(Event.QUESTIONS,)).event == Event.POLL  # no pointer before it
    finally:
        app.close()
        phone.close()


def test_wrong_pointer_bodies_are_refused_before_anything_happens(server: Server) -> None:
    speaker = f"Remote {remote_token(server)}"
    app = server.follow(token=server.token)  # it hears of every pointer that passes
    try:
        for body in (
            {"x": "0.5", "y": 0.5},
            {"x": True, "y": 0.5},
            {"x": [0.5], "y": 0.5},
            {"x": 1.5, "y": 0.5},
            {"x": 0.5, "y": -0.01},
            {"x": 0.5},
            {"x": 0.5, "y": 0.5, "action": "next"},
            [0.5, 0.5],
            b'{"x": NaN, "y": 0.5}',
            b'{"x": Infinity, "y": 0.5}',
            b'{"x": 0.5, "y": 0.5',
        ):
            assert point(server, speaker, body) == 400, body
        assert point(server, None, {"x": 0.5, "y": 0.5}) == 401
        assert point(server, f"Ticket {server.ticket('gast')}", {"x": 0.5, "y": 0.5}) == 401
        assert point(server, "Remote ausgedacht", {"x": 0.5, "y": 0.5}) == 401
        assert point(server, speaker, {"x": 0.5, "y": 0.5}) == 200
        # The first pointer the app hears of is the good one: none of the above passed.
        assert app.next(skip=(Event.ROOM, Event.REMOTES)).json()["pointer"] == [0.5, 0.5]
    finally:
        app.close()


def test_a_pointer_flood_is_held_to_a_pace_and_costs_no_tap(server: Server) -> None:
    speaker = f"Remote {remote_token(server)}"
    moves = 4 * POINTER_RATE[0]

    answers = burst(server, POINTER, speaker, [{"x": n / moves, "y": 0.5} for n in range(moves)])
    shown = answers.count(200)
    assert 1 <= shown <= POINTER_RATE[0] * 2  # before: every one of them
    assert answers.count(429) == moves - shown
    # The taps have a budget of their own: "next" still goes through at once.
    assert command(server, speaker, {"command_id": "weiter-nach-flut", "action": "next"}) == 200


def test_the_remote_s_two_pictures_arrive_whole(server: Server) -> None:
    """The next slide's and (to point on) the current one's, each as the app sent it:
    a picture over 16 KB came through cut before, a broken PNG on the phone."""
    speaker = remote_token(server)
    for slide, size in (("next", 90_000), ("current", 120_000)):
        picture = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(size)
        assert send_picture(server, slide, picture) == 200
        assert picture_of(server, speaker, slide) == picture
    assert send_picture(server, "current", b"\x89PNG" + bytes(600 * 1024)) == 413
    assert send_picture(server, "gross", b"\x89PNG") == 400  # `slide`: next or current


def send_picture(server: Server, slide: str, png: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("PUT", f"/api/remote/preview?slide={slide}", png,
                       {"Content-Type": "image/png", "Authorization": f"Bearer {server.token}"})  # fmt: skip
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def picture_of(server: Server, token: str, slide: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", f"/api/remote/preview.png?slide={slide}",
                       headers={"Authorization": f"Remote {token}"})  # fmt: skip
    response = connection.getresponse()
    data = response.read()
    connection.close()
    assert response.status == 200
    return data
