"""Impuls as a speaker installs it, run from a folder that is not the checkout.

Two installs, one build (`tools/bundle.py`, reused while the sources are unchanged):
the wheel with its dependencies from the package index in a fresh virtualenv (the
`impuls` console script pip makes), and the one-folder PyInstaller bundle made from
that virtualenv, for people without Python. Each must check a deck, paint the first
slide, serve a vote over loopback and export a handout that `verify` accepts.

Before: the wheel held no decks, themes or phone page (paths.py looked beside the
checkout), so an installed `impuls` could not start, serve or export; and the app
started its voting server as `python -m workshop_app`, which a frozen program is not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from tests.support.serving import start_server
from tools.bundle import Built, build, venv_python
from workshop_app.paths import ROOT

DECK = ROOT / "slides" / "clash-of-cultures.md"


@pytest.fixture(scope="module")
def built() -> Built:
    return build()


@pytest.fixture(params=["wheel", "bundle"])
def impuls(request: pytest.FixtureRequest, built: Built) -> Path:
    return built.installed_impuls if request.param == "wheel" else built.bundled_impuls


def run(impuls: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)  # nothing of the checkout may leak in
    return subprocess.run(
        [str(impuls), *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.slow  # builds the wheel, a virtualenv and the bundle (~40 s, reused)
def test_the_wheel_carries_decks_themes_phone_page_and_icon(built: Built) -> None:
    (wheel,) = (built.venv.parent / "wheel").glob("impuls-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("slides/clash-of-cultures.md", "slides/hype-oder-entwicklung.md",
                   "themes/light.toml", "themes/gaia.toml", "phone/index.html",
                   "phone/phone.js", "phone/phone.css", "icons/impuls.svg",
                   "templates/vortrag.de.md", "templates/talk.en.md",
                   "remote/index.html", "remote/remote.js", "remote/remote.css"):  # fmt: skip
        assert f"workshop_app/resources/{needed}" in names, needed


@pytest.mark.slow
def test_the_wheel_runs_from_its_own_virtualenv_not_the_checkout(built: Built) -> None:
    where = subprocess.run(
        [str(venv_python(built.venv)), "-c",
         "import workshop_app, aiohttp; print(workshop_app.__file__); print(aiohttp.__file__)"],
        cwd=built.venv, capture_output=True, text=True, check=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    ).stdout.split()  # fmt: skip
    assert all(Path(path).is_relative_to(built.venv) for path in where), where


@pytest.mark.slow
def test_installed_impuls_checks_paints_serves_a_vote_and_exports(
    impuls: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "anderswo"  # a speaker's folder: no checkout in sight
    elsewhere.mkdir()
    deck = Path(shutil.copy(DECK, elsewhere / "vortrag.md"))

    checked = run(impuls, elsewhere, "check", "vortrag.md")
    assert checked.returncode == 0, checked.stderr
    assert "24 Folien, 10 Umfragen" in checked.stdout

    started = run(impuls, elsewhere, "--offscreen")  # the default deck, from the package
    assert started.returncode == 0, started.stderr
    assert "Clash of Cultures" in started.stdout and "erste Folie nach" in started.stdout

    painted = run(impuls, elsewhere, "render", "vortrag.md", "--slide", "1", "--out", "1.png",
                  "--size", "640x360")  # fmt: skip
    assert painted.returncode == 0, painted.stderr
    image = QImage(str(elsewhere / "1.png"))
    assert (image.width(), image.height()) == (640, 360)
    colours = {image.pixel(x, y) for x in range(0, 640, 8) for y in range(0, 360, 8)}
    assert len(colours) > 20  # a title in the theme's type, not a blank page

    server = start_server(tmp_path / "abend.impuls", deck, impuls=[str(impuls)], cwd=elsewhere)
    try:
        server.control("pflicht-vorher", "open")
        status, receipt = server.vote("pflicht-vorher", "phone-1", "vote-1", 1)
        assert status == 200, receipt
        server.control("pflicht-vorher", "close")
        assert server.totals("pflicht-vorher") == [0, 1, 0, 0]
    finally:
        assert server.stop() == 0, server.stderr

    exported = run(impuls, elsewhere, "export", str(server.session), "--pdf", "handout.pdf")
    assert exported.returncode == 0, exported.stderr
    text = "".join(page.extract_text() for page in PdfReader(elsewhere / "handout.pdf").pages)
    assert "Social Media ist für mein Unternehmen" in text
    verified = run(impuls, elsewhere, "verify", str(server.session), "handout.pdf")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    cards = run(impuls, elsewhere, "cards", "--count", "2", "vortrag.md",
                "--session", str(tmp_path / "mv.impuls"), "--pdf", "karten.pdf")  # fmt: skip
    assert cards.returncode == 0, cards.stderr  # reportlab's QR code travels with the install
    assert "Stimmkarte 2" in "".join(
        p.extract_text() for p in PdfReader(elsewhere / "karten.pdf").pages
    )


@pytest.mark.slow
def test_installed_impuls_opens_a_pdf_talk_and_a_powerpoint_file(
    impuls: Path, tmp_path: Path
) -> None:
    """PDFium's library and python-pptx travel with the install (PyInstaller collects them)."""
    from tests.support.office import make_pptx
    from tests.support.pdfs import band, close_to, make_pdf, page_line

    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    make_pdf(elsewhere / "vortrag.pdf", 3)
    checked = run(impuls, elsewhere, "check", "vortrag.pdf")
    assert checked.returncode == 0, checked.stderr
    assert "3 Folien" in checked.stdout
    painted = run(impuls, elsewhere, "render", "vortrag.pdf", "--slide", "2", "--out", "2.png",
                  "--size", "640x360")  # fmt: skip
    assert painted.returncode == 0, painted.stderr
    assert close_to(QImage(str(elsewhere / "2.png")).pixelColor(630, 5), band(2))
    exported = run(impuls, elsewhere, "export", "vortrag.pdf", "--pdf", "handout.pdf")
    assert exported.returncode == 0, exported.stderr
    text = "".join(page.extract_text() for page in PdfReader(elsewhere / "handout.pdf").pages)
    assert page_line(3) in text
    if shutil.which("soffice") is not None:
        make_pptx(elsewhere / "folien.pptx", 2)
        opened = run(impuls, elsewhere, "check", "folien.pptx")
        assert opened.returncode == 0, opened.stderr
        assert "2 Folien, 0 Umfragen, 2 mit Notizen" in opened.stdout
