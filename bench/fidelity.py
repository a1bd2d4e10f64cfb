"""Benchmark: how much each slide of the real Marp decks looks like Marp's own rendering.

    .venv/bin/python -m bench.fidelity [--decks DIR] [--worst 10] [--marp BIN] [--impuls DIR]

Renders every deck of the corpus (tests/data/marp-corpus and the one-feature
decks in tests/data/marp-features) twice at the same size: with Marp CLI
(`--images png`, Debian's chromium) and with `impuls render --all`. Each pair of
slides is compared by SSIM on grey scale (scikit-image, the `bench` extra): 1.0
is the same picture, 0 nothing in common. Reports the median and the decks'
medians, and writes side-by-side sheets (Marp left, Impuls right) of the worst
slides to bench/results/fidelity/ to look at. Marp is installed with npm into a
temporary folder, as bench/handout.py does; without it the benchmark says so.
`--marp` names a Marp CLI installed before (its `marp` program) instead.
`--impuls` names another checkout whose `main.py` renders (a `git worktree` of
an older commit), to measure the code before a change with the same decks.

`--decks tests/data/marp-fresh` measures decks the look was never tuned on
(see that folder's SOURCES.md): the corpus's figure alone flatters it.

The corpus's decks use custom themes and remote images that neither tool can
load here, so 1.0 is out of reach; what the figure tracks is whether a change
moves Impuls towards Marp or away from it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from skimage.metrics import structural_similarity

from bench.handout import install_marp
from bench.results_file import RESULTS, report

ROOT = Path(__file__).resolve().parent.parent
DECK_DIRS = (ROOT / "tests" / "data" / "marp-corpus", ROOT / "tests" / "data" / "marp-features")
SIZE = (640, 360)  # Marp's 1280×720 at --image-scale 0.5


@dataclass(frozen=True)
class Pair:
    deck: str
    slide: int
    marp: Path
    impuls: Path
    ssim: float


def render_marp(marp: Path, deck: Path, folder: Path) -> list[Path]:
    """Marp's slides of the deck, kept under bench/results by the deck's content."""
    digest = hashlib.sha256(deck.read_bytes()).hexdigest()[:16]
    kept = RESULTS / "fidelity-marp" / f"{deck.stem}-{digest}"
    if kept.is_dir() and any(kept.glob("slide*.png")):
        return sorted(kept.glob("slide*.png"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"}
    subprocess.run(
        [str(marp), "--no-stdin", "--allow-local-files", "--images", "png",
         "--image-scale", "0.5", "-o", str(folder / "slide.png"), str(deck)],
        env=env, capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    made = sorted(folder.glob("slide*.png"))
    if made:
        shutil.copytree(folder, kept, dirs_exist_ok=True)
    return made


def render_impuls(deck: Path, folder: Path, checkout: Path = ROOT) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, str(checkout / "main.py"), "render", str(deck), "--all", "--out-dir",
         str(folder), "--size", f"{SIZE[0]}x{SIZE[1]}"],
        capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    return sorted(folder.glob("*.png"))


def grey(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L").resize(SIZE), dtype=np.float64)


def compare(first: Path, second: Path) -> float:
    return float(structural_similarity(grey(first), grey(second), data_range=255.0))


def sheet(pairs: list[Pair], out: Path) -> None:
    width, height = SIZE
    canvas = Image.new("RGB", (2 * width + 30, (height + 40) * len(pairs)), "white")
    for row, pair in enumerate(pairs):
        top = row * (height + 40)
        canvas.paste(Image.open(pair.marp).convert("RGB").resize(SIZE), (0, top + 30))
        canvas.paste(Image.open(pair.impuls).convert("RGB").resize(SIZE), (width + 30, top + 30))
        ImageDraw.Draw(canvas).text(
            (4, top + 8), f"{pair.deck} · Folie {pair.slide} · SSIM {pair.ssim:.3f}", fill="black"
        )
    canvas.save(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=Path, action="append", help="folders of decks")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--marp", type=Path, help="a Marp CLI installed before")
    parser.add_argument("--impuls", type=Path, default=ROOT, help="checkout that renders")
    parser.add_argument("--name", default="fidelity", help="name of the results and sheets")
    args = parser.parse_args()
    folders = args.decks or [folder for folder in DECK_DIRS if folder.is_dir()]
    decks = sorted(deck for folder in folders for deck in folder.glob("*.md")
                   if deck.name != "SOURCES.md")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="impuls-fidelity-") as temporary:
        work = Path(temporary)
        marp = args.marp if args.marp is not None else install_marp(work / "marp")
        if marp is None:
            return 1
        pairs: list[Pair] = []
        mismatched: list[str] = []
        for deck in decks:
            theirs = render_marp(marp, deck, work / "marp-png" / deck.stem)
            ours = render_impuls(deck, work / "impuls-png" / deck.stem, args.impuls)
            if len(theirs) != len(ours):
                mismatched.append(f"{deck.name}: Marp {len(theirs)}, Impuls {len(ours)}")
            for number, (first, second) in enumerate(zip(theirs, ours, strict=False), 1):
                pairs.append(Pair(deck.name, number, first, second, compare(first, second)))
        if not pairs:
            print("no slides compared", file=sys.stderr)
            return 1
        out = RESULTS / args.name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        worst = sorted(pairs, key=lambda pair: pair.ssim)[: args.worst]
        for index in range(0, len(worst), 5):
            sheet(worst[index : index + 5], out / f"worst-{index // 5 + 1}.png")
        by_deck = {
            name: round(statistics.median(p.ssim for p in pairs if p.deck == name), 3)
            for name in sorted({pair.deck for pair in pairs})
        }
        result = {
            "decks": len(decks),
            "slides_compared": len(pairs),
            "ssim_median": round(statistics.median(pair.ssim for pair in pairs), 3),
            "ssim_p10": round(float(np.percentile([pair.ssim for pair in pairs], 10)), 3),
            "slide_count_mismatches": mismatched,
            "by_deck_median": by_deck,
            "worst": [f"{p.deck} #{p.slide}: {p.ssim:.3f}" for p in worst],
            "sheets": str(out),
        }
    report(args.name, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
