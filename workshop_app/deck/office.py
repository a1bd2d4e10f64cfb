"""PowerPoint, Impress and Keynote files as decks: LibreOffice turns them into a PDF.

`soffice --headless --convert-to pdf` makes the PDF; it is kept in the cache by
the file's hash, so the second opening (and every live reload) is instant. A
PowerPoint file's speaker notes are read with python-pptx and written beside the
PDF as pdfpc's notes file, so they reach the console the way a PDF talk's do.
Qt-free: `check`, `render` and `serve` convert the same way the app does.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    import psutil

from workshop_app.deck.office_profile import keep_offline
from workshop_app.deck.pdf import MAX_PDF_BYTES

log = logging.getLogger("impuls.deck")
# LibreOffice's first start makes its profile (~5 s); a 100-slide deck converts in ~20 s.
CONVERT_SECONDS = 300
# Where LibreOffice lives when it is not on the PATH (Windows and macOS installers).
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


class OfficeError(Exception):
    """Why a presentation could not be turned into a PDF (`code`: no_soffice, failed,
    timeout, too_large, cancelled); `detail` is LibreOffice's own last words."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((place for place in _KNOWN_PLACES if Path(place).is_file()), None)


def install_hint() -> str:
    """The one line that installs LibreOffice here."""
    if sys.platform == "linux":
        return "sudo apt-get install -y --no-install-recommends libreoffice-impress"
    else:
        return "https://www.libreoffice.org/download/"


def cache_dir() -> Path:
    # "-2": conversions made before Impress files' notes were read are made again.
    return Path(platformdirs.user_cache_dir("impuls", appauthor=False)) / "converted-2"


def converted_pdf(path: Path, converting: Callable[[Path], None] | None = None) -> Path:
    """The PDF of the presentation at `path`, converted once per content.

    `converting` is called before a conversion actually starts (not for a cached
    one), so a window can say that it takes a few seconds. Raises OfficeError, or
    OSError when the file cannot be read.
    """
    asked = _stops  # a cancel from now on stops this conversion too
    data = path.read_bytes()
    if len(data) > MAX_PDF_BYTES:
        raise OfficeError("too_large", str(MAX_PDF_BYTES // (1024 * 1024)))
    digest = hashlib.sha256(data).hexdigest()
    target = cache_dir() / f"{digest}.pdf"
    if target.is_file():
        return target
    program = soffice()
    if program is None:
        raise OfficeError("no_soffice", install_hint())
    if converting is not None:
        converting(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="impuls-convert-") as work:
        source = Path(work) / f"vortrag{path.suffix.lower()}"
        source.write_bytes(data)
        # A profile of our own: the speaker's open LibreOffice would otherwise take
        # the job over (and never exit), and a broken profile of theirs cannot stop us.
        profile = (cache_dir() / "libreoffice-profile").resolve()
        keep_offline(profile)  # nothing the file links to is fetched
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", work, str(source)]  # fmt: skip
        returncode, output = _run([*without_network(), *command], asked)
        made = source.with_suffix(".pdf")
        if returncode != 0 or not made.is_file():
            last = output.strip().splitlines()[-1:] or [""]
            raise OfficeError("failed", last[0][:200])
        notes = _speaker_notes(source)
        if notes:
            notes_file = Path(work) / "notes.pdfpc"
            notes_file.write_text(json.dumps(notes, ensure_ascii=False), encoding="utf-8")
            notes_file.replace(target.with_suffix(".pdfpc"))
        made.replace(target)  # last: a cached PDF always has its notes beside it
    return target


# Conversions under way, so that the speaker's Cancel and quitting the app can stop
# them (a LibreOffice left running would hold the app's exit for minutes).
_running: set[subprocess.Popen[str]] = set()
_stopped: set[subprocess.Popen[str]] = set()
_running_lock = threading.Lock()
_stops = 0  # how often stop_conversions was called


def stop_conversions() -> None:
    """Stop every conversion under way; each raises OfficeError("cancelled")."""
    global _stops
    with _running_lock:
        _stops += 1
        for process in _running:
            _stopped.add(process)
            _kill(process)


@functools.cache
def without_network() -> tuple[str, ...]:
    """The words that start a program with no network at all, where the system has
    them: on Linux a network namespace of its own (`unshare -rn`, which needs no
    root where user namespaces are allowed), so that nothing a file links to can be
    fetched even if LibreOffice's own settings let it (office_profile.py). Tried once;
    elsewhere, and where the system forbids it, the profile alone keeps it offline."""
    if sys.platform == "linux":
        unshare = shutil.which("unshare")
        if unshare is not None:
            try:
                tried = subprocess.run([unshare, "-rn", "true"], capture_output=True,
                                       timeout=10, check=False)  # fmt: skip
            except (OSError, subprocess.TimeoutExpired):
                return ()
            return (unshare, "-rn") if tried.returncode == 0 else ()
    return ()


def _run(command: list[str], asked: int) -> tuple[int, str]:
    """LibreOffice's exit code and what it said; raises OfficeError on a time-out,
    a cancel (also one since `asked`, before LibreOffice started), or when it
    cannot be started."""
    try:
        # Its own process group: `soffice` is a script whose soffice.bin must go too.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=sys.platform != "win32",
        )
    except OSError as error:
        raise OfficeError("failed", str(error)) from None
    with _running_lock:
        _running.add(process)
        if _stops != asked:
            _stopped.add(process)
            _kill(process)
    try:
        output, _ = process.communicate(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        raise OfficeError("timeout", str(CONVERT_SECONDS)) from None
    except BaseException:  # Ctrl-C: it reaches our process group, not LibreOffice's
        _kill(process)
        raise
    finally:
        with _running_lock:
            _running.discard(process)
            cancelled = process in _stopped
            _stopped.discard(process)
    if cancelled:
        raise OfficeError("cancelled")
    return process.returncode, output


def _kill(process: subprocess.Popen[str]) -> None:
    try:
        if sys.platform == "win32":
            # TerminateProcess ends soffice.exe alone: its soffice.bin would go on
            # converting for nobody, so the whole tree goes, children first.
            for child in _children(process.pid):
                child.kill()
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)  # the group of its own session
    except (ProcessLookupError, PermissionError):
        pass  # ended by itself meanwhile


def _children(pid: int) -> list[psutil.Process]:
    import psutil  # here: every deck load imports this module, few ever cancel (7 ms)

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []  # ended by itself meanwhile


def _speaker_notes(source: Path) -> dict[str, object] | None:
    """The presentation's notes as pdfpc's file: by page of the PDF, hidden slides left
    out as LibreOffice leaves them out of it. PowerPoint and Impress files; a
    Keynote file comes without its notes."""
    reader = {".pptx": _powerpoint_notes, ".odp": _impress_notes}.get(source.suffix)
    try:
        shown = reader(source) if reader is not None else []
    except Exception as error:  # a file LibreOffice could read and we cannot
        # Its slides without notes, rather than no talk; the log says why.
        log.warning("the speaker notes of %s cannot be read: %r", source.name, error)
        return None
    pages = [
        {"idx": page, "label": str(page + 1), "overlay": 0, "note": note}
        for page, note in enumerate(shown)
        if note
    ]
    return {"pdfpcFormat": 2, "pages": pages} if pages else None


def _powerpoint_notes(source: Path) -> list[str]:
    """Each shown slide's notes (python-pptx)."""
    from pptx import Presentation  # read only for PowerPoint files

    notes = []
    for slide in Presentation(str(source)).slides:
        if slide._element.get("show") == "0":  # a hidden slide: not in the PDF
            continue
        frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        notes.append(frame.text.strip() if frame is not None else "")
    return notes


# OpenDocument's names: a slide is a draw:page; its notes are
# the text frames of class "notes" on its presentation:notes page.
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MAX_CONTENT_BYTES = 64 * 1024 * 1024  # content.xml unpacked: text, never this large


def _impress_notes(source: Path) -> list[str]:
    """Each shown slide's notes, read from the file's content.xml (an XML file in
    a zip: the standard library reads it; odfpy would be a dependency for 20 lines)."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(source) as archive:
        if archive.getinfo("content.xml").file_size > MAX_CONTENT_BYTES:
            return []
        root = ET.fromstring(archive.read("content.xml"))
    hidden = {  # a slide is hidden by its page style, not by an attribute of its own
        style.get(f"{_STYLE}name")
        for style in root.iter(f"{_STYLE}style")
        for properties in style.iter(f"{_STYLE}drawing-page-properties")
        if properties.get(f"{_PRESENTATION}visibility") == "hidden"
    }
    notes = []
    for page in root.iter(f"{_DRAW}page"):
        if page.get(f"{_DRAW}style-name") in hidden:
            continue
        paragraphs = [
            "".join(paragraph.itertext()).strip()
            for frame in page.iter(f"{_DRAW}frame")
            if frame.get(f"{_PRESENTATION}class") == "notes"
            for paragraph in frame.iter(f"{_TEXT}p")
        ]
        notes.append("\n".join(p for p in paragraphs if p))
    return notes
