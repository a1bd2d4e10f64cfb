"""The command line's usage errors and help in the interface's language (issue 32, item 9)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.support.commands import impuls
from tests.support.pdfs import pdftotext
from workshop_app.cli import main
from workshop_app.paths import DEFAULT_DECK


def test_usage_errors_are_german_and_english_with_lang_en() -> None:
    german = impuls("check", "--wat", "vortrag.md")
    assert german.returncode == 2
    assert german.stderr.splitlines()[0].startswith("Aufruf: impuls")
    assert german.stderr.splitlines()[-1] == "impuls check: Fehler: unbekannte Angaben: --wat"
    english = impuls("--lang", "en", "check", "--wat", "vortrag.md")
    assert english.stderr.splitlines()[-1] == "impuls check: error: unrecognized arguments: --wat"
    wrong = impuls("export", "--layout", "bunt", "x.impuls")
    assert wrong.stderr.splitlines()[-1] == (
        "impuls export: Fehler: Angabe --layout: ungültige Wahl: 'bunt' (möglich sind 'slides',"
        " 'large', 'notes', 'compact', 'results')"
    )


def test_a_word_spelled_nearly_right_is_named_under_its_command_s_usage() -> None:
    """From the third rehearsal: `export … --pfd x.pdf` printed the main usage and
    no hint, `exprot` only the list of every command."""
    typo = impuls("export", "x.impuls", "--pfd", "x.pdf")
    assert typo.returncode == 2
    assert typo.stderr.splitlines()[0].startswith("Aufruf: impuls export")
    assert typo.stderr.splitlines()[-1] == (
        "impuls export: Fehler: unbekannte Angaben: --pfd x.pdf (gemeint: --pdf?)"
    )
    english = impuls("--lang", "en", "export", "x.impuls", "--layuot=notes")
    assert english.stderr.splitlines()[-1] == (
        "impuls export: error: unrecognized arguments: --layuot=notes (did you mean --layout?)"
    )
    command = impuls("exprot", "x.impuls")
    assert command.returncode == 2
    assert command.stderr.splitlines()[-1] == (
        "impuls: Fehler: unbekannter Befehl „exprot“ (gemeint: export?)"
    )
    far = impuls("zaubern")  # nothing near: argparse's list of the commands
    assert far.returncode == 2 and "ungültige Wahl: 'zaubern'" in far.stderr


def test_a_language_we_do_not_have_is_refused_in_german() -> None:
    # From the third rehearsal: `--lang fr` was refused in English, by the early probe
    # that reads --lang before the German help is built.
    wrong = impuls("export", "x.impuls", "--pdf", "x.pdf", "--lang", "fr")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[0].startswith("Aufruf: impuls")
    assert wrong.stderr.splitlines()[-1] == (
        "impuls export: Fehler: Angabe --lang: ungültige Wahl: 'fr' (möglich sind 'de', 'en')"
    )
    missing = impuls("check", "vortrag.md", "--lang")
    assert (
        missing.stderr.splitlines()[-1]
        == "impuls check: Fehler: Angabe --lang: erwartet einen Wert"
    )


def test_help_is_german_and_argparse_is_given_back(capsys: pytest.CaptureFixture[str]) -> None:
    said = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["check", "--help"])  # in this process: argparse's words are ours meanwhile
    helped = capsys.readouterr().out
    assert "Optionen:" in helped and "diese Hilfe zeigen und beenden" in helped
    assert argparse._ is said  # type: ignore[attr-defined]  # and its own again afterwards


def test_the_app_s_help_has_no_english_line(capsys: pytest.CaptureFixture[str]) -> None:
    # `impuls --help` said "--version  show program's version number and exit".
    with pytest.raises(SystemExit):
        main(["--help"])
    helped = capsys.readouterr().out
    assert "--version       die Versionsnummer zeigen und beenden" in helped
    assert "show" not in helped and " and exit" not in helped


def test_lang_before_the_command_makes_an_english_handout(tmp_path: Path) -> None:
    # From the second rehearsal: `impuls --lang en export …` printed its terminal line
    # in English and the handout in German; only `export … --lang en` worked.
    before, after = tmp_path / "vorne.pdf", tmp_path / "hinten.pdf"
    assert impuls("--lang", "en", "export", DEFAULT_DECK, "--pdf", before).returncode == 0
    assert impuls("export", DEFAULT_DECK, "--pdf", after, "--lang", "en").returncode == 0
    for pdf in (before, after):
        assert "Contents" in pdftotext(pdf) and "Inhalt" not in pdftotext(pdf)
