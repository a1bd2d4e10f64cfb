"""A deck named anywhere among the app's options opens (second rehearsal).

`impuls DECK --session F --port N` and `impuls DECK --offscreen` failed with
"ungültige Wahl: '…/vortrag.md' (möglich sind 'check', …)", and so did a .txt deck,
which `impuls check` takes: only `impuls --session F DECK` worked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.cli import _file_to_open


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (["v.md", "--session", "s.impuls", "--port", "9000"],
         ["--deck", "v.md", "--session", "s.impuls", "--port", "9000"]),
        (["--session", "s.impuls", "v.md"], ["--session", "s.impuls", "--deck", "v.md"]),
        (["--lang", "en", "v.key", "--offscreen"], ["--lang", "en", "--deck", "v.key", "--offscreen"]),
        (["frobnicate"], ["frobnicate"]),  # a mistyped command: argparse names the commands
        (["--port=9000", "v.pdf"], ["--port=9000", "--deck", "v.pdf"]),
        (["--lang", "en", "check", "v.md"], ["--lang", "en", "check", "v.md"]),
        (["--deck", "v.md", "--offscreen"], ["--deck", "v.md", "--offscreen"]),
    ],
)  # fmt: skip
def test_the_first_free_word_is_the_deck(typed: list[str], read: list[str]) -> None:
    assert _file_to_open(typed) == read


def test_the_app_opens_a_txt_deck_named_before_its_options(tmp_path: Path) -> None:
    deck = tmp_path / "vortrag.txt"
    deck.write_text("---\ntitle: Aus dem Editor\n---\n# Eins\n\n---\n\n# Zwei\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = impuls(deck, "--offscreen", "--session", tmp_path / "s.impuls", env=env)
    assert result.returncode == 0, result.stderr
    assert "„Aus dem Editor“: 2 Folien, erste Folie nach" in result.stdout
