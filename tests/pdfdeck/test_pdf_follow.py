"""A PDF page on a participant's phone: a picture in the smaller form, described by its text."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage

from tests.support.pdfs import make_pdf, page_line
from workshop_app.deck.loader import load_deck
from workshop_app.voting.follow import RoomView
from workshop_app.voting.follow_api import PHONE_WIDTH, page_sized


def test_a_page_of_text_goes_as_png_and_a_page_with_a_photo_as_jpeg(tmp_path: Path) -> None:
    text_only = load_deck(make_pdf(tmp_path / "text.pdf", 2))
    with_photo = load_deck(make_pdf(tmp_path / "foto.pdf", 2, with_photos=True))
    for deck, kind in ((text_only, "image/png"), (with_photo, "image/jpeg")):
        pdf = next(iter(deck.pdfs.values()))
        data, sent = page_sized(pdf, 1)
        assert sent == kind
        with PILImage.open(io.BytesIO(data)) as picture:
            assert picture.width == PHONE_WIDTH and picture.height == round(PHONE_WIDTH * 9 / 16)
        assert len(data) < 60_000  # venue Wi-Fi: a page is a few dozen kilobytes


def test_the_slide_event_of_a_page_stays_within_a_phones_budget(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    dense = tmp_path / "dicht.pdf"
    drawing = canvas.Canvas(str(dense), pagesize=(960, 540))
    drawing.setFont("Helvetica", 5)
    for row in range(100):  # a spreadsheet pasted onto a slide: ~9,000 characters
        drawing.drawString(10, 530 - row * 5.2, f"Zeile {row}: " + "Umsatz <b>&amp; Kosten " * 4)
    drawing.showPage()
    drawing.save()
    deck = load_deck(dense)
    assert len(deck.slides[0].page.text) > 8000  # type: ignore[union-attr]
    event = RoomView(0).as_event(deck)
    html = str(event["html"])
    assert len(html.encode()) < 10 * 1024
    assert "<b>" not in html and "&lt;b&gt;" in html  # the page's text is text, not markup


def test_a_pages_text_describes_its_picture(tmp_path: Path) -> None:
    deck = load_deck(make_pdf(tmp_path / "vortrag.pdf", 3))
    html = str(RoomView(2).as_event(deck)["html"])
    assert html.startswith('<img class="page" src="/api/slides/2/images/0" alt="')
    assert page_line(3) in html


def test_impuls_serve_on_a_pdf_gives_phones_the_page_the_room_sees(tmp_path: Path) -> None:
    import http.client
    from urllib.parse import quote

    from tests.support.serving import start_server

    pdf = make_pdf(tmp_path / "vortrag.pdf", 4)
    server = start_server(tmp_path / "abend.impuls", pdf)
    try:
        ticket = server.ticket("zuhoerer")
        room = {"slide": 2, "blank": "none", "follow": True}
        assert server.call("PUT", "/api/room", room, token=server.token)[0] == 200

        def picture(slide: int) -> tuple[int, bytes]:
            # As the phone page asks: an <img> sends its ticket in the address.
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            connection.request("GET", f"/api/slides/{slide}/images/0?ticket={quote(ticket)}")
            response = connection.getresponse()
            body = response.read()
            connection.close()
            return response.status, body

        status, data = picture(2)
        assert status == 200
        with PILImage.open(io.BytesIO(data)) as shown:
            assert shown.width == PHONE_WIDTH
        assert picture(3)[0] == 404  # the next page only once the room sees it
        assert picture(2)[0] == 200 and picture(1)[0] == 404
    finally:
        assert server.stop() == 0, server.stderr
