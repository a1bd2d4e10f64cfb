"""The built wheel on its own, run from another folder: decks, themes and the phone page inside.

Before: the wheel held no decks, themes or phone page (paths.py looked beside the
checkout), so an installed `impuls` could not start, serve or export.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from this checkout and installed into a folder of its own."""
    wheels = tmp_path_factory.mktemp("wheels")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("impuls-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("slides/clash-of-cultures.md", "slides/hype-oder-entwicklung.md",
                   "themes/light.toml", "themes/gaia.toml", "phone/index.html",
                   "phone/phone.js", "phone/phone.css", "icons/impuls.svg"):  # fmt: skip
        assert f"workshop_app/resources/{needed}" in names, needed
    target = tmp_path_factory.mktemp("site")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return target


def impuls_installed(
    target: Path, cwd: Path, *args: str, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "workshop_app", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_the_installed_app_starts_exports_and_serves_from_anywhere(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    started = impuls_installed(installed, elsewhere, "--offscreen")
    assert started.returncode == 0, started.stderr
    assert "Clash of Cultures" in started.stdout  # the default deck, from the package
    deck = installed / "workshop_app" / "resources" / "slides" / "clash-of-cultures.md"
    exported = impuls_installed(installed, elsewhere, "export", str(deck), "--pdf", "h.pdf")
    assert exported.returncode == 0, exported.stderr
    assert (elsewhere / "h.pdf").stat().st_size > 10_000

    env = {**os.environ, "PYTHONPATH": str(installed)}
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop_app", "serve", str(deck), "--session",
         str(tmp_path / "s.impuls"), "--port", "0", "--host", "127.0.0.1"],
        cwd=elsewhere, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first, server.stderr.read() if server.stderr else ""
        port = json.loads(first)["port"]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        response = connection.getresponse()
        page = response.read().decode()
        connection.close()
        assert response.status == 200 and "phone.js" in page  # the phone page, served
    finally:
        server.terminate()
        server.communicate(timeout=15)
    assert server.returncode == 0
