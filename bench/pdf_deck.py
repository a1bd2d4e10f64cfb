"""Benchmark: a speaker's 100-page PDF, from opening to the first slide, and key to slide.

    .venv/bin/python -m bench.pdf_deck [--runs 9] [--keys 60]

(a) Opening: `prepare_deck` on a 100-page PDF with a photo on every page (2 MB;
    read, every page's size and text, the first page rendered) and its first
    slide painted at 1920×1080 by the slide renderer, in this process (goal < 1 s).
    Baseline in the same run: the renderer's bare page render, pypdfium2 opening
    the file and rendering page one at 1920×1080, nothing else; and the
    alternative, Poppler's pdftoppm rendering page one (a process, as Python's
    Poppler wrappers run it). Also the whole
    program: `main.py --offscreen --deck talk.pdf` from process start to the
    first slide painted, beside the same for the shipped Markdown deck.
(b) Key → next slide on the 1920×1080 audience window for PDF slides (goal:
    median < 16 ms), with the baseline of bench.presenting: the same key with
    nothing rendered ahead (the slide cache and the page pictures emptied).
Medians; results go to bench/results/pdf_deck.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.presenting import SCREENS, key_to_slide, time_to_line
from bench.results_file import report, say_goals
from tests.support.pdfs import make_pdf

PAGES = 100
OPEN_GOAL_MS, KEY_GOAL_MS = 1000.0, 16.0


def bare_render(pdf: Path) -> float:
    import pypdfium2 as pdfium

    started = time.perf_counter()
    document = pdfium.PdfDocument(pdf.read_bytes())
    page = document[0]
    width, height = page.get_size()
    bitmap = page.render(scale=min(1920 / width, 1080 / height))
    bitmap.close()
    page.close()
    document.close()
    return (time.perf_counter() - started) * 1000


def poppler_render(pdf: Path, folder: Path) -> float | None:
    """The alternative measured: Poppler's pdftoppm, one process per page (as pdf2image
    and most Python wrappers of Poppler run it); None where it is not installed."""
    import shutil
    import subprocess

    program = shutil.which("pdftoppm")
    if program is None:
        return None
    started = time.perf_counter()
    subprocess.run([program, "-f", "1", "-l", "1", "-scale-to-x", "1920", "-scale-to-y", "-1",
                    "-png", str(pdf), str(folder / "poppler")], check=True)  # fmt: skip
    return (time.perf_counter() - started) * 1000


def open_to_first_slide(pdf: Path) -> float:
    from PySide6.QtCore import QSize

    from workshop_app.deck.pdf import close_all
    from workshop_app.ui.prepared import prepare_deck
    from workshop_app.ui.slide_renderer import SlideRenderer

    close_all()  # as opened for the first time: no parse kept, no document open
    started = time.perf_counter()
    renderer = SlideRenderer(prepare_deck(pdf))
    image = renderer.image(0, QSize(1920, 1080))
    elapsed = (time.perf_counter() - started) * 1000
    assert not image.isNull()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    # The screens of bench.presenting (a laptop and a 1920×1080 projector), before Qt starts.
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    pdf = make_pdf(folder / "vortrag-100.pdf", PAGES, with_photos=True)
    ours, bare, program, markdown, poppler = [], [], [], [], []
    for _ in range(args.runs):  # interleaved: both see the same machine noise
        ours.append(open_to_first_slide(pdf))
        bare.append(bare_render(pdf))
        poppler.append(poppler_render(pdf, folder))
        program.append(time_to_line([sys.executable, "main.py", "--offscreen", "--deck",
                                     str(pdf)], "Folie"))  # fmt: skip
        markdown.append(time_to_line([sys.executable, "main.py", "--offscreen"], "Folie"))
    result: dict[str, object] = {
        "cores": os.cpu_count(),
        "pages": PAGES,
        "pdf_bytes": pdf.stat().st_size,
        "open_to_first_slide_median_ms": round(statistics.median(ours), 1),
        "bare_page_render_median_ms": round(statistics.median(bare), 1),
        "open_ratio_to_bare": round(statistics.median(ours) / statistics.median(bare), 2),
        "poppler_pdftoppm_page_median_ms": None
        if None in poppler
        else round(statistics.median(p for p in poppler if p is not None), 1),
        "program_pdf_to_first_slide_median_ms": round(statistics.median(program), 1),
        "program_markdown_to_first_slide_median_ms": round(statistics.median(markdown), 1),
    }
    keys = key_to_slide(args.keys, pdf)
    result |= {f"pdf_{name}": value for name, value in keys.items()}
    report("pdf_deck", result)
    say_goals(result, {"open_to_first_slide_median_ms": OPEN_GOAL_MS,
                       "pdf_key_to_next_slide_median_ms": KEY_GOAL_MS})  # fmt: skip
    sys.stdout.flush()
    del app
    os._exit(0)  # as bench.presenting: no Qt teardown with live windows


if __name__ == "__main__":
    sys.exit(main())
