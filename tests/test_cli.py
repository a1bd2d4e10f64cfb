"""The `impuls` command, run as a user runs it: `python main.py …` in a subprocess."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from tests.support.commands import impuls
from workshop_app import __version__
from workshop_app.desktop_entry import entry_text
from workshop_app.paths import ROOT


def headless_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.pop("IMPULS_COMMAND", None)
    return env


def test_check_shipped_decks_strict_passes_with_summary() -> None:
    result = impuls(
        "check", "slides/clash-of-cultures.md", "slides/hype-oder-entwicklung.md", "--strict"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("slides/clash-of-cultures.md: ")
    assert "Folien" in lines[0] and "Umfragen" in lines[0] and "Notizen" in lines[0]


def test_check_a_folder_checks_every_deck_in_it() -> None:
    result = impuls("check", "slides")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(list((ROOT / "slides").glob("*.md")))


def test_check_broken_deck_reports_file_line_and_exits_1(tmp_path: Path) -> None:
    deck = tmp_path / "kaputt.md"
    deck.write_text(
        "---\ntitle: Test\nduration: viel\n---\n# Eins\n---\n```poll\nid: a\ntype: quiz\n"
        "question: Q\n```\n---\n![Foto](weg.jpg)\n",
        encoding="utf-8",
    )
    result = impuls("check", str(deck))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{deck}:3: Fehler: „duration“ muss eine ganze Zahl von Minuten zwischen 1 und 1440 sein",
        f"{deck}:9: Fehler: unbekannter Umfragetyp „quiz“; erlaubt: single, multiple, scale, text, ranking, motion",
        f"{deck}:13: Warnung: Bild „weg.jpg“ nicht gefunden (relativ zum Deck); an seiner"
        " Stelle steht ein Rahmen mit dem Dateinamen",
    ]


def test_check_in_english(tmp_path: Path) -> None:
    deck = tmp_path / "broken.md"
    deck.write_text("# A\n\n<!-- never closed\n", encoding="utf-8")
    result = impuls("check", "--lang", "en", str(deck))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{deck}:3: error: comment '<!--' is never closed with '-->'"


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    deck = tmp_path / "marp.md"
    deck.write_text("---\nmarp: true\ntransition: fade\n---\n# A\n", encoding="utf-8")
    relaxed = impuls("check", str(deck))
    assert relaxed.returncode == 0
    assert relaxed.stderr.strip() == (
        f"{deck}:3: Warnung: Marp-Schlüssel „transition“ wird akzeptiert, aber von Impuls nicht"
        " verwendet"
    )
    assert relaxed.stdout.rstrip().endswith(", 1 Warnung")  # not "1 Warnung(en)"
    strict = impuls("check", "--strict", str(deck))
    assert strict.returncode == 1
    assert f"{deck}: 1 Warnung – mit --strict ist das ein Fehler" in strict.stderr


def test_check_file_level_problems(tmp_path: Path) -> None:
    empty = tmp_path / "leer.md"
    empty.write_text("", encoding="utf-8")
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"# A\n\n\xe4\n")
    result = impuls("check", str(empty), str(latin), str(tmp_path / "fehlt.md"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{empty}:1: Fehler: Datei ist leer – ein Deck braucht mindestens eine Folie",
        f"{latin}:3: Fehler: Datei ist nicht UTF-8-kodiert (Byte 0xE4); bitte im Editor als UTF-8 speichern",
        f"{tmp_path / 'fehlt.md'}: Fehler: Datei nicht gefunden",
    ]
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert impuls("check").returncode == 2
    assert impuls("check", "--lang", "fr", "slides").returncode == 2
    assert impuls("frobnicate").returncode == 2


def test_help_lists_commands_and_version_works() -> None:
    help_text = impuls("--help")
    assert help_text.returncode == 0
    assert "check" in help_text.stdout and "--offscreen" in help_text.stdout
    assert "Decks prüfen" in help_text.stdout
    assert "check decks" in impuls("--lang", "en", "--help").stdout
    version = impuls("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"impuls {__version__}")


def test_app_without_display_says_so_in_one_sentence() -> None:
    result = impuls(env=headless_env())
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "xvfb-run -a python main.py" in message and "--offscreen" in message
    assert "qt.qpa" not in result.stderr and "Traceback" not in result.stderr


def test_app_offscreen_loads_the_default_deck() -> None:
    result = impuls("--offscreen", env=headless_env())
    assert result.returncode == 0, result.stderr
    assert "Social Media im Mittelstand – ein Clash of Cultures?" in result.stdout
    assert "24 Folien, erste Folie nach" in result.stdout
    assert result.stderr == ""


def test_app_with_a_broken_deck_explains_instead_of_crashing(tmp_path: Path) -> None:
    deck = tmp_path / "kaputt.md"
    # A poll without options: an error (front matter Marp cannot read only warns now).
    deck.write_text(
        "---\ntitle: Probe\n---\n# A\n\n```poll\nid: p\ntype: single\nquestion: Was?\n```\n",
        encoding="utf-8",
    )
    result = impuls("--deck", str(deck), "--offscreen", env=headless_env())
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "Das Deck kann nicht geöffnet werden:"
    assert result.stderr.splitlines()[1].startswith(f"{deck}:6: Fehler: Umfrage vom Typ single")


def test_python_dash_m_works_like_main_py() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workshop_app", "--version"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.strip() == f"impuls {__version__}"


def test_the_entry_point_leaves_the_last_collection_out_and_loses_no_output() -> None:
    # The process entry (main.py, -m, the script) freezes the heap before the interpreter
    # exits; everything the command printed must still arrive, and its exit code.
    probe = (
        "import gc, sys\n"
        "from workshop_app.cli import entry\n"
        "sys.argv = ['impuls', 'check', 'slides/clash-of-cultures.md']\n"
        "code = entry()\n"
        "print('frozen', gc.get_freeze_count() > 0, flush=True)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "frozen True"
    assert "clash-of-cultures.md" in result.stdout
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- render


def test_render_one_slide_to_png(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "folie.png"
    result = impuls("render", "slides/clash-of-cultures.md", "--slide", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(10, 10).name() == "#0b3a82"  # the title slide's lead colour
    sized = tmp_path / "klein.png"
    result = impuls(
        "render", "slides/hype-oder-entwicklung.md", "--slide", "3",
        "--out", str(sized), "--size", "640x360", "--theme", "dark",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    small = QImage(str(sized))
    assert (small.width(), small.height()) == (640, 360)
    assert small.pixelColor(3, 180).name() == "#15181e"


def test_render_all_slides(tmp_path: Path) -> None:
    result = impuls(
        "render", "slides/clash-of-cultures.md", "--all", "--out-dir", str(tmp_path / "png"),
        "--size", "320x180",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "png").glob("*.png"))
    assert len(files) == 24 and files[0].name == "clash-of-cultures-001.png"
    assert result.stdout.splitlines() == [str(f) for f in files]


def test_render_without_a_slide_renders_every_slide_as_marp_does(tmp_path: Path) -> None:
    deck = tmp_path / "drei.md"
    deck.write_text("# Eins\n\n---\n\n# Zwei\n\n---\n\n# Drei\n", encoding="utf-8")
    into_folder = impuls("render", deck, "--out", tmp_path / "bilder", "--size", "160x90")
    assert into_folder.returncode == 0, into_folder.stderr
    files = [tmp_path / "bilder" / f"drei-00{n}.png" for n in (1, 2, 3)]
    assert into_folder.stdout.splitlines() == [str(f) for f in files]
    assert sorted((tmp_path / "bilder").iterdir()) == files
    named = impuls("render", deck, "--out", tmp_path / "folie.png", "--size", "160x90")
    assert named.returncode == 0, named.stderr
    assert named.stdout.splitlines() == [str(tmp_path / f"folie-00{n}.png") for n in (1, 2, 3)]
    one = impuls("render", deck, "--slide", "2", "--out-dir", tmp_path / "eine", "--size", "160x90")
    assert one.returncode == 0, one.stderr
    assert one.stdout.splitlines() == [str(tmp_path / "eine" / "drei-002.png")]
    nowhere = impuls("render", deck)
    assert nowhere.returncode == 2
    assert nowhere.stderr.strip() == ("render braucht ein Ziel: --out ORDNER für alle Folien,"
                                      " --slide N --out DATEI.png für eine")  # fmt: skip


def test_render_errors_are_clear(tmp_path: Path) -> None:
    bad_number = impuls("render", "slides/clash-of-cultures.md", "--slide", "99", "--out", "x.png")
    assert bad_number.returncode == 1
    assert bad_number.stderr.strip() == "Folie 99 gibt es nicht – das Deck hat 24 Folien (1 bis 24)"
    missing = impuls("render", str(tmp_path / "nein.md"), "--slide", "1", "--out", "x.png")
    assert missing.returncode == 1 and "Datei nicht gefunden" in missing.stderr
    bad_size = impuls(
        "render", "slides/clash-of-cultures.md", "--all", "--out-dir", "d", "--size", "gross"
    )
    assert bad_size.returncode == 2 and "1920x1080" in bad_size.stderr
    no_out = impuls("render", "slides/clash-of-cultures.md", "--slide", "1")
    assert no_out.returncode == 2 and "--out" in no_out.stderr
    unwritable = impuls(
        "render", "slides/clash-of-cultures.md", "--slide", "1", "--out", "/proc/nein/x.png"
    )
    assert unwritable.returncode == 1 and "Traceback" not in unwritable.stderr
    for result in (bad_number, missing, bad_size, no_out, unwritable):
        assert "Traceback" not in result.stderr


def test_check_reports_an_overflowing_slide(tmp_path: Path) -> None:
    bullets = "\n".join(f"- Punkt {n}, der eine ganze Zeile füllt" for n in range(40))
    deck = tmp_path / "voll.md"
    deck.write_text(f"---\ntitle: Voll\n---\n\n## Zu viel\n\n{bullets}\n", encoding="utf-8")
    result = impuls("--lang", "en", "check", str(deck))
    assert result.returncode == 0
    assert result.stderr.startswith(f"{deck}:5: warning: slide overflows")
    strict = impuls("check", str(deck), "--strict")
    assert strict.returncode == 1 and f"{deck}:5: Warnung: Folie 1 läuft über" in strict.stderr
    quick = impuls("check", str(deck), "--no-layout")
    assert quick.returncode == 0 and quick.stderr == ""


def test_the_desktop_entry_and_icon_land_where_the_menu_looks(tmp_path: Path) -> None:
    # Issue 19: a desktop entry and an icon for Linux.
    result = impuls("desktop", env={**os.environ, "XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "applications" / "impuls.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "impuls.svg"
    assert entry.is_file() and icon.is_file() and icon.read_text().startswith("<svg")
    fields = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert fields["Type"] == "Application" and fields["Name"] == "Impuls"
    assert fields["Icon"] == "impuls" and fields["Exec"].endswith("-m workshop_app %f")
    command = shlex.split(fields["Exec"])[0]
    assert Path(command).exists()  # this Python, wherever Impuls is installed
    # A bundle's program in a folder with a space: quoted as the entry spec asks.
    frozen = entry_text(["/opt/Impuls 0.1/impuls"])
    assert 'Exec="/opt/Impuls 0.1/impuls" %f' in frozen.splitlines()


def test_a_file_manager_opening_a_pdf_with_the_desktop_entry_starts_on_it(
    tmp_path: Path,
) -> None:
    # Before: `impuls FILE`, which the entry's `Exec=… %f` runs, was refused as an
    # unknown COMMAND, so "Open with Impuls" never opened anything.
    from tests.support.pdfs import make_pdf, page_title

    pdf = make_pdf(tmp_path / "vortrag.pdf", 3)
    fields = dict(line.split("=", 1) for line in entry_text().splitlines() if "=" in line)
    assert "application/pdf" in fields["MimeType"].split(";")
    command = [str(pdf) if part == "%f" else part for part in shlex.split(fields["Exec"])]
    command.insert(-1, "--offscreen")  # no display here; the file stays last, as given
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert page_title(1) in result.stdout and "3 Folien" in result.stdout
