"""Printed voting cards read back: each sheet rendered, each QR code decoded and measured."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import pypdfium2
import zxingcpp

from tests.support.serving import Server

DPI = 150
MM_PER_INCH = 25.4


def decoded(pdf: Path) -> list[list[tuple[str, float]]]:
    """Per sheet: each QR code's text and its side in millimetres on paper."""
    sheets = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil()
            found = []
            for code in zxingcpp.read_barcodes(image):
                if code.format != zxingcpp.BarcodeFormat.QRCode:
                    continue
                corners = code.position
                side = abs(corners.top_right.x - corners.top_left.x) / DPI * MM_PER_INCH
                found.append((code.text, side))
            sheets.append(found)
    finally:
        document.close()
    return sheets


def join_with(
    server: Server, code: str, card: str = "", ticket: str = "", lang: str = "de-DE"
) -> tuple[int, dict[str, object]]:
    """A phone's join as the page sends it: the code (the room's, or a card's), the card
    and ticket it keeps; the status and the answer."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    body = (
        {"code": code} | ({"card": card} if card else {}) | ({"ticket": ticket} if ticket else {})
    )
    connection.request("POST", "/api/join", body=json.dumps(body),
                       headers={"Content-Type": "application/json", "Accept-Language": lang})  # fmt: skip
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    return response.status, answer
