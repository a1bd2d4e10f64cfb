"""A file that cannot be written ends `export`, `compare` and `minutes` alike: one
sentence naming the file and why, exit code 1, no traceback (cli.py `_export_failed`)."""

from __future__ import annotations

from pathlib import Path

from tests.support.commands import impuls
from tests.support.sessions import evening


def test_every_export_command_says_which_file_it_could_not_write(tmp_path: Path) -> None:
    program, first, second = evening(tmp_path / "abend")
    blocker = tmp_path / "datei"  # a file where a folder would have to be
    blocker.write_text("", encoding="utf-8")
    for command in (("export", program, "--pdf", blocker / "tagungsband.pdf"),
                    ("export", second, "--csv", blocker / "ergebnisse.csv"),
                    ("compare", first, second, "--pdf", blocker / "vergleich.pdf"),
                    ("minutes", second, "--docx", blocker / "protokoll.docx")):  # fmt: skip
        said = impuls(*command)
        assert said.returncode == 1, (command, said.stdout, said.stderr)
        last = said.stderr.strip().splitlines()[-1]  # compare names what it leaves out first
        assert last.startswith(f"Export fehlgeschlagen: {blocker}"), (command, said.stderr)
        assert "Traceback" not in said.stderr, command
