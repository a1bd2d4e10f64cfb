"""The command line's usage errors and help in the interface's language (issue 32, item 9)."""

from __future__ import annotations

import argparse

import pytest

from tests.commands import impuls
from workshop_app.cli import main


def test_usage_errors_are_german_and_english_with_lang_en() -> None:
    german = impuls("check", "--wat", "vortrag.md")
    assert german.returncode == 2
    assert german.stderr.splitlines()[0].startswith("Aufruf: impuls")
    assert german.stderr.splitlines()[-1] == "impuls: Fehler: unbekannte Angaben: --wat"
    english = impuls("--lang", "en", "check", "--wat", "vortrag.md")
    assert english.stderr.splitlines()[-1] == "impuls: error: unrecognized arguments: --wat"
    wrong = impuls("export", "--layout", "bunt", "x.impuls")
    assert wrong.stderr.splitlines()[-1] == (
        "impuls export: Fehler: Angabe --layout: ungültige Wahl: 'bunt' (möglich sind 'slides',"
        " 'large', 'notes', 'compact', 'results')"
    )


def test_help_is_german_and_argparse_is_given_back(capsys: pytest.CaptureFixture[str]) -> None:
    said = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["check", "--help"])  # in this process: argparse's words are ours meanwhile
    helped = capsys.readouterr().out
    assert "Optionen:" in helped and "diese Hilfe zeigen und beenden" in helped
    assert argparse._ is said  # type: ignore[attr-defined]  # and its own again afterwards
