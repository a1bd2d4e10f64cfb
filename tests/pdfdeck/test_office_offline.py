"""Converting a presentation someone sent makes no request out of the room (issue 33, 1).

The files link a picture and an object to a web server the test runs on this
machine, which counts every request it gets. Before the profile's settings,
LibreOffice asked it six times for the .odp (OPTIONS, HEAD, GET per link) and
three times for the .pptx, with "LibreOffice 7.4.7.2" in the User-Agent.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.deck import office
from workshop_app.deck.office import converted_pdf, without_network
from workshop_app.deck.office_profile import keep_offline

_DRAW_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
_LINKED = 'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"'


class Listener:
    """A web server on this machine that writes down every request it gets."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        heard = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _note(self) -> None:
                heard.append((self.command, self.path))
                self.send_response(404)
                self.end_headers()

            do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _note  # noqa: N815 - http.server's

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.server.shutdown()
    running.server.server_close()


def linked_odp(path: Path, url: str) -> Path:
    """An Impress file with a linked picture and a linked OLE object, as an .odp made
    elsewhere carries them (xlink:href to an address, not a file in the package)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_DRAW_NAMESPACES}'
        ' office:version="1.3"><office:body><office:presentation><draw:page draw:name="1">'
        '<draw:frame svg:x="2cm" svg:y="2cm" svg:width="12cm" svg:height="2cm">'
        "<draw:text-box><text:p>Verlinkt</text:p></draw:text-box></draw:frame>"
        '<draw:frame svg:x="2cm" svg:y="5cm" svg:width="5cm" svg:height="5cm">'
        f'<draw:image xlink:href="{url}bild.png" {_LINKED}/></draw:frame>'
        '<draw:frame svg:x="8cm" svg:y="5cm" svg:width="5cm" svg:height="5cm">'
        f'<draw:object xlink:href="{url}objekt" {_LINKED}/></draw:frame>'
        "</draw:page></office:presentation></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.presentation"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def linked_pptx(path: Path, url: str) -> Path:
    """A PowerPoint file whose picture is linked to an address (r:link, TargetMode
    External), as PowerPoint's "Insert picture → Link to file" writes it."""
    from PIL import Image
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.util import Inches

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Verlinkt"
    picture = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(picture, "PNG")
    shape = slide.shapes.add_picture(picture, Inches(1), Inches(2))
    relation = slide.part.relate_to(f"{url}bild.png", RELATIONSHIP_TYPE.IMAGE, is_external=True)
    relations = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    blip = shape._element.blipFill.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    )
    blip.set(f"{relations}link", relation)
    del blip.attrib[f"{relations}embed"]
    presentation.save(str(path))
    return path


@pytest.mark.libreoffice
@pytest.mark.parametrize("make", [linked_odp, linked_pptx], ids=["odp", "pptx"])
def test_converting_a_presentation_fetches_nothing_it_links_to(
    make: object, listener: Listener, tmp_path: Path
) -> None:
    for run in ("first", "second"):  # LibreOffice rewrites its profile as it exits
        presentation = make(tmp_path / f"{run}{'.odp' if make is linked_odp else '.pptx'}",  # type: ignore[operator]
                            f"{listener.url}{run}/")  # fmt: skip
        result = impuls("export", presentation, "--pdf", tmp_path / f"{run}.pdf")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"{run}.pdf").stat().st_size > 0
    assert listener.requests == []


def test_the_profile_keeps_what_libreoffice_stored_and_ours_once(tmp_path: Path) -> None:
    stored = tmp_path / "user" / "registrymodifications.xcu"
    stored.parent.mkdir(parents=True)
    stored.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry">'
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" '
        'oor:op="fuse"><value>false</value></prop></item>'
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="Typed" '
        'oor:op="fuse" oor:type="xs:int"><value>1</value></prop></item>'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting">'
        '<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>false</value></prop>'
        "</item></oor:items>",
        encoding="utf-8",
    )
    keep_offline(tmp_path)
    keep_offline(tmp_path)
    text = stored.read_text(encoding="utf-8")
    assert text.count("BlockUntrustedRefererLinks") == 1
    assert "<value>false</value></prop></item>" in text  # FirstRun, LibreOffice's own
    assert 'oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true' in text
    # LibreOffice's "xs:int" needs its prefix declared, or it ignores the whole file
    assert 'oor:type="xs:int"' in text and 'xmlns:xs="http://www.w3.org/2001/XMLSchema"' in text
    stored.write_text("kaputt <", encoding="utf-8")  # a damaged profile: ours, fresh
    keep_offline(tmp_path)
    assert "ooInetProxyType" in stored.read_text(encoding="utf-8")


@pytest.mark.libreoffice
@pytest.mark.skipif(not without_network(), reason="no network namespaces on this system")
def test_on_linux_libreoffice_has_no_network_even_without_the_profile(
    listener: Listener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The profile's settings switched off (a fault injected): the network namespace
    # alone keeps LibreOffice from fetching. Without the namespace too, it fetches: the
    # listener would notice.
    monkeypatch.setattr(office, "keep_offline", lambda profile: None)
    converted_pdf(linked_odp(tmp_path / "ohne.odp", f"{listener.url}ohne/"))
    assert listener.requests == []
    monkeypatch.setattr(office, "without_network", lambda: ())
    converted_pdf(linked_odp(tmp_path / "offen.odp", f"{listener.url}offen/"))
    assert listener.requests, "the listener hears LibreOffice when nothing stops it"
