"""Follow-along over the real server: phones get the slide the room sees, escaped, never later."""

from __future__ import annotations

import http.client
import io
from pathlib import Path

from PIL import Image

from tests.support.serving import Server, events, start_server, stream
from workshop_app.voting.messages import Event

DECK = """---
title: Mitlesen
---

# Eins: a < b & c, <b>fett</b>

- Punkt A
- Punkt **B**

<!-- Notiz: GEHEIM -->

---

## Zwei

| Kanal | Aufwand |
|---|---|
| LinkedIn | gering |

![Ein Diagramm der Reichweite](bild.png)

---

# Drei: das Ende
"""


def image(server: Server, path: str, ticket: str) -> int:
    return fetch_image(server, path, ticket)[0]


def fetch_image(server: Server, path: str, ticket: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    connection.request("GET", path, headers={"Authorization": f"Ticket {ticket}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_phones_follow_the_room_and_never_run_ahead(tmp_path: Path) -> None:
    deck = tmp_path / "mitlesen.md"
    deck.write_text(DECK, encoding="utf-8")
    # A photo-sized picture, as a speaker's deck has them: phones get it 720 px wide.
    Image.new("RGB", (1600, 900), "#0b3a82").save(tmp_path / "bild.png")
    server = start_server(tmp_path / "mitlesen.impuls", deck)
    try:
        ticket = server.ticket("zuhoerer")
        room = {"slide": 0, "blank": "none", "follow": True}
        with stream(server, f"events?ticket={ticket}", {}) as phone:
            phone.readline(), phone.readline()
            assert server.call("PUT", "/api/room", room, token=server.token)[0] == 200
            ((kind, first),) = events(phone, 1)
            assert kind == Event.SLIDE and first["index"] == 0 and first["count"] == 3
            html = str(first["html"])
            # The deck's text escaped; Marp's allowed HTML (<b>) as the emphasis it is.
            assert "<h2>Eins: a &lt; b &amp; c, <strong>fett</strong></h2>" in html
            assert "<li>Punkt <strong>B</strong></li>" in html
            assert "GEHEIM" not in html and "Zwei" not in html  # no notes, no next slide
            # While the room sees slide 1, the image of slide 2 is not there.
            assert image(server, "/api/slides/1/images/0", ticket) == 404

            server.call("PUT", "/api/room", room | {"slide": 1}, token=server.token)
            ((_, second),) = events(phone, 1)
            assert '<th scope="col">Kanal</th>' in str(second["html"])
            assert 'alt="Ein Diagramm der Reichweite"' in str(second["html"])
            status, scaled = fetch_image(server, "/api/slides/1/images/0", ticket)
            assert status == 200
            assert Image.open(io.BytesIO(scaled)).size == (720, 405)
            assert image(server, "/api/slides/1/images/1", ticket) == 404
            assert image(server, "/api/slides/2/images/0", ticket) == 404
            assert len(str(second["html"]).encode()) < 10 * 1024  # a text slide: small

            server.call("PUT", "/api/room", room | {"slide": 1, "blank": "black"},
                        token=server.token)  # fmt: skip
            ((_, black),) = events(phone, 1)
            assert black == {"follow": True, "blank": "black"}
            assert image(server, "/api/slides/1/images/0", ticket) == 404  # nothing while black

            server.call("PUT", "/api/room", room | {"follow": False}, token=server.token)
            ((_, off),) = events(phone, 1)
            assert off == {"follow": False}
        _, info = server.call("GET", "/api/session", ticket=ticket)  # a phone that comes later
        assert isinstance(info, dict) and info["room"] == {"follow": False}
        assert server.call("PUT", "/api/room", room, ticket=ticket)[0] == 401  # not a phone's
        assert server.call("PUT", "/api/room", room | {"slide": 3}, token=server.token)[0] == 422
    finally:
        assert server.stop() == 0, server.stderr
