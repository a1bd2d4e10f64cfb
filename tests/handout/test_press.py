"""The press: the handout's renderer started in a second process before the session is read.

The forked path runs in a fresh interpreter (a script in a subprocess): this test
process has Qt's and pytest's threads, so the press rightly refuses to fork here, and
that refusal is tested too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import segno
from pypdf import PdfReader

from tests.support.commands import impuls
from tests.support.sessions import recorded
from workshop_app.deck.loader import load_deck
from workshop_app.handout import fonts
from workshop_app.handout.press import Job, Press, render
from workshop_app.paths import DEFAULT_DECK, ROOT

can_fork = pytest.mark.skipif(
    sys.platform != "linux"
    or len(os.sched_getaffinity(0)) < 2
    or os.environ.get("IMPULS_NO_FORK") == "1",
    reason="the press forks on Linux with two cores or more only, and not on the portable path",
)


def script(code: str) -> dict[str, Any]:
    """Run `code` in a fresh interpreter (one thread, like the CLI); it prints one JSON line."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def exited(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


@can_fork
def test_the_renderer_runs_in_a_second_process_and_writes_the_handout(tmp_path: Path) -> None:
    pdf = tmp_path / "deck.pdf"
    answer = script(f"""
        import json, os
        from pathlib import Path
        from workshop_app.deck.loader import load_deck
        from workshop_app.handout.press import Job, Press
        from workshop_app.paths import DEFAULT_DECK
        press = Press.start()
        renderer = press.pid
        outcome = press.print(Job(load_deck(DEFAULT_DECK), None, Path({str(pdf)!r})))
        try:
            os.waitpid(renderer, os.WNOHANG)
            reaped = False
        except ChildProcessError:
            reaped = True
        print(json.dumps({{"renderer": renderer, "me": os.getpid(), "pages": outcome.pages,
                          "error": outcome.error, "reaped": reaped}}))
    """)
    assert answer["renderer"] not in (None, answer["me"])
    assert answer["error"] is None and answer["reaped"] is True
    assert answer["pages"] == len(PdfReader(pdf).pages) > 5


def test_with_other_threads_running_it_renders_in_this_process(tmp_path: Path) -> None:
    """A fork would copy the other threads' locks without the threads: no fork then."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        press = Press.start()
        assert not press.forked
        outcome = press.print(Job(load_deck(DEFAULT_DECK), None, tmp_path / "deck.pdf"))
    finally:
        stop.set()
        other.join()
    assert outcome.error is None
    assert outcome.pages == len(PdfReader(tmp_path / "deck.pdf").pages) > 5


@can_fork
def test_a_renderer_that_dies_is_reported_and_not_waited_for(tmp_path: Path) -> None:
    answer = script(f"""
        import json, os, signal
        from pathlib import Path
        from workshop_app.deck.loader import load_deck
        from workshop_app.handout.press import Job, Press, PressError
        from workshop_app.paths import DEFAULT_DECK
        press = Press.start()
        os.kill(press.pid, signal.SIGKILL)
        try:
            press.print(Job(load_deck(DEFAULT_DECK), None, Path({str(tmp_path / "x.pdf")!r})))
            said = "nothing"
        except PressError as error:
            said = str(error)
        print(json.dumps({{"said": said}}))
    """)
    assert answer["said"] == "the PDF renderer ended without an answer"


@can_fork
def test_cancel_ends_the_unused_renderer() -> None:
    answer = script("""
        import json, os
        from workshop_app.handout.press import Press
        press = Press.start()
        renderer = press.pid
        press.cancel()
        print(json.dumps({"renderer": renderer, "pid_after": press.pid}))
    """)
    assert answer["pid_after"] is None
    assert isinstance(answer["renderer"], int) and exited(answer["renderer"])


@can_fork
def test_the_renderer_loads_what_it_deferred_when_it_is_used() -> None:
    """Pillow and reportlab's URL pattern are loaded on first use: both still work."""
    answer = script("""
        import json, re
        compile_before = re.compile
        from workshop_app.handout import press
        press._warm_up()
        import sys
        deferred = type(sys.modules["PIL.Image"]).__name__  # type() does not load it
        from reportlab.platypus import paragraph
        pairs = paragraph._uri_split_pairs("https://example.org/a/b")
        from reportlab.lib.utils import ImageReader
        from PIL import Image
        print(json.dumps({"restored": re.compile is compile_before, "pairs": pairs,
                          "deferred": deferred, "image_class": Image.Image.__name__,
                          "loaded": type(sys.modules["PIL.Image"]).__name__}))
    """)
    assert answer["restored"] is True
    assert answer["pairs"] and answer["pairs"][-1][0] == "https://"
    assert answer["deferred"] == "_LazyModule"
    assert answer["image_class"] == "Image" and answer["loaded"] == "module"


def test_a_missing_font_is_an_outcome_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "KNOWN_DIRS", (str(tmp_path),))
    monkeypatch.setattr(fonts, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.setattr(fonts, "_registered", set())
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # no fc-list either
    fonts.find_fonts.cache_clear()
    try:
        outcome = render(Job(load_deck(DEFAULT_DECK), None, tmp_path / "deck.pdf"))
    finally:
        fonts.find_fonts.cache_clear()
    assert outcome.pages == 0
    assert outcome.error is not None and "fonts-dejavu-core" in outcome.error
    assert not (tmp_path / "deck.pdf").exists()


def test_a_slide_image_is_embedded_by_the_cli_export(tmp_path: Path) -> None:
    """The CLI's renderer (forked where it can) loads Pillow late; images still arrive."""
    segno.make("https://impuls.invalid/bild").save(str(tmp_path / "bild.png"), scale=8)
    deck = tmp_path / "bild.md"
    deck.write_text("---\ntitle: Bildtest\n---\n\n# Ein Bild\n\n![Ein QR-Code](bild.png)\n",
                    encoding="utf-8")  # fmt: skip
    pdf = tmp_path / "bild.pdf"
    result = impuls("export", deck, "--pdf", pdf)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\(\d+ Seiten\)", result.stdout)
    images = [image for page in PdfReader(pdf).pages for image in page.images]
    assert len(images) == 1
    assert images[0].image is not None and images[0].image.width >= 100


@can_fork
def test_ctrl_c_during_an_export_ends_both_processes_quietly(tmp_path: Path) -> None:
    slides = "\n\n---\n\n".join(f"# Folie {n}\n\n- " + "Punkt mit etwas Text " * 12
                                for n in range(600))  # fmt: skip
    deck = tmp_path / "lang.md"
    deck.write_text(f"---\ntitle: Langer Vortrag\n---\n\n{slides}\n", encoding="utf-8")
    cli = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(deck), "--pdf",
                            str(tmp_path / "lang.pdf")], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    children = Path(f"/proc/{cli.pid}/task/{cli.pid}/children")
    renderer = ""
    while not renderer and cli.poll() is None:  # the renderer is forked first thing
        renderer = children.read_text().strip() if children.exists() else ""
    assert renderer, "the export ended before its renderer could be seen"
    time.sleep(0.5)  # into the work: 600 slides take seconds
    assert cli.poll() is None
    os.killpg(cli.pid, 2)  # what Ctrl-C in the terminal does: SIGINT to the process group
    _, err = cli.communicate(timeout=60)
    assert cli.returncode == 130, err
    assert "Abgebrochen" in err and "Traceback" not in err
    assert exited(int(renderer))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lang.md"]  # no PDF, no temporary


def test_ctrl_c_that_reportlab_turns_into_a_key_error_is_still_ctrl_c() -> None:
    # Seen once in the test above: an interrupt during reportlab's final save came
    # out as KeyError("forward reference … not resolved") and printed a traceback.
    from reportlab.pdfbase.pdfdoc import PDFObjectReference

    from workshop_app.handout.press import interrupted

    class InterruptedLookup(dict[str, tuple[int, int]]):
        def __getitem__(self, key: str) -> tuple[int, int]:
            raise KeyboardInterrupt

    class Document:
        idToObjectNumberAndVersion = InterruptedLookup()  # noqa: N815 - reportlab's name

    try:
        PDFObjectReference("Page1").format(Document())
    except KeyError as error:
        assert interrupted(error)
    else:
        raise AssertionError("reportlab's reference formatting no longer fails this way")
    assert not interrupted(KeyError("Page1"))


def test_an_export_loads_nothing_its_deck_does_not_use(tmp_path: Path) -> None:
    """The export reads answers others judged when they came in: the lookalike letters'
    data (which brings urllib.request, http.client and email) and the stop-word files
    cost ~50 ms of every export's start, in both of its processes. A Markdown deck with
    no CSS needs no PDF reader, no LibreOffice, no CSS parser, no spelling hints; the session's
    file no data folder; the bundled files no importlib.resources; a PDF no CSV writer
    (~25 ms together). The whole
    export runs here in one process (the portable path), so every module it loads is seen."""
    source = (
        "---\ntitle: Abend\n---\n# Frage\n\n```poll\nid: warum\ntype: text\nquestion: Warum?\n```\n"
    )
    session = recorded(tmp_path / "abend.impuls", source, {"warum": ["Datenschutz", "Zeit"]})
    pdf = tmp_path / "abend.pdf"
    answer = script(f"""
        import json, os, sys
        os.environ["IMPULS_NO_FORK"] = "1"
        from workshop_app.cli import main
        code = main(["export", {str(session)!r}, "--pdf", {str(pdf)!r}])
        unused = ("confusable_homoglyphs", "stop_words", "urllib.request", "workshop_app.deck.pdf",
                  "workshop_app.deck.office", "tinycss2", "platformdirs", "importlib.resources",
                  "subprocess", "difflib", "csv")
        print(json.dumps({{"code": code, "loaded": sorted(m for m in unused if m in sys.modules)}}))
    """)
    assert answer["code"] == 0 and PdfReader(pdf).pages, "the handout was written"
    assert answer["loaded"] == []


def test_an_export_that_ends_at_once_still_says_all_it_wrote(tmp_path: Path) -> None:
    """`export` ends without Python's teardown (cli.entry): what it printed into a pipe,
    where output waits in a buffer, must still arrive, and its exit code with it."""
    source = (
        "---\ntitle: Abend\n---\n# Frage\n\n```poll\nid: warum\ntype: text\nquestion: Warum?\n```\n"
    )
    session = recorded(tmp_path / "abend.impuls", source, {"warum": ["Datenschutz", "Zeit"]})
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    made = impuls("--lang", "en", "export", session, "--pdf", tmp_path / "abend.pdf",
                  "--csv", tmp_path / "abend.csv", env=buffered)  # fmt: skip
    assert made.returncode == 0, made.stderr
    said = made.stdout.splitlines()
    files = ("abend.pdf", "abend.csv", "abend-votes.csv")
    assert len(said) == 3 and all(
        line.startswith("wrote ") and str(tmp_path / name) in line
        for line, name in zip(said, files, strict=True)
    ), said
    missing = impuls("export", tmp_path / "nirgends.impuls", "--pdf", tmp_path / "x.pdf",
                     env=buffered)  # fmt: skip
    assert missing.returncode == 1 and "nirgends.impuls" in missing.stderr, missing
