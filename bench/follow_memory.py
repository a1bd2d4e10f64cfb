"""Benchmark: the server's memory while six phones fetch a huge picture's follow-along copy.

    .venv/bin/python -m bench.follow_memory [--workers N]

Issue 33's proof: six phones fetching a bomb image's picture must keep the server
under 300 MB (before: 173 MB → 4,246 MB, 35–37 s a request). Two decks, each one
slide with one PNG made here: the red team's bomb (13,000 × 13,000, ~0.5 MB; the
parser refuses it, over 40 megapixels) and a picture just under that cap
(6,300 × 6,300, RGB), as PNG and as JPEG. A real `serve` with follow-along on; six
phones ask for the picture at once. Peak resident memory of the server's processes
(the keeper and its workers, summed, sampled every 10 ms with psutil), before and while; and each
fetch's status and time. Results go to bench/results/follow_memory.json.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
import psutil
from PIL import Image

from bench.results_file import report
from tests.support.serving import Server, join, start_server

PHONES = 6
SIZES = {"bomb": (13_000, "png"), "under_cap": (6_300, "png"), "under_cap_jpeg": (6_300, "jpg")}
DECK = "---\ntitle: Großes Bild\n---\n\n# Ein Bild\n\n![Bild](bild.{})\n"


def picture(folder: Path, side: int, suffix: str) -> Path:
    """A PNG of side × side pixels that compresses small (a gradient band, mostly one
    colour), in RGB: what a decoder must hold is side² × 4 bytes."""
    image = Image.new("RGB", (side, side), (40, 90, 160))
    image.paste((250, 200, 20), (0, 0, side, 64))
    path = folder / f"bild.{suffix}"
    image.save(path, quality=80) if suffix == "jpg" else image.save(path, compress_level=9)
    return path


def server_rss(process: psutil.Process) -> int:
    total = 0
    for one in [process, *process.children(recursive=True)]:
        try:
            total += one.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


async def fetch_all(server: Server, tickets: list[str]) -> list[tuple[int, float, int]]:
    url = f"http://127.0.0.1:{server.port}/api/slides/0/images/0"

    async def one(ticket: str) -> tuple[int, float, int]:
        started = time.perf_counter()
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                url, params={"ticket": ticket}, timeout=aiohttp.ClientTimeout(total=120)
            ) as response,
        ):
            body = await response.read()
            return response.status, time.perf_counter() - started, len(body)

    return await asyncio.gather(*(one(ticket) for ticket in tickets))


def measure(name: str, side: int, suffix: str, workers: int | None) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp())
    made = picture(folder, side, suffix)
    (folder / "talk.md").write_text(DECK.format(suffix), encoding="utf-8")
    options = ("--workers", str(workers)) if workers else ()
    server = start_server(folder / "talk.impuls", folder / "talk.md", options=options)
    try:
        process = psutil.Process(server.process.pid)
        room = {"slide": 0, "blank": "none", "follow": True}
        assert server.call("PUT", "/api/room", room, token=server.token)[0] == 200
        tickets = [join(server.port, server.join_code) for _ in range(PHONES)]
        idle = server_rss(process)
        peak = idle
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, server_rss(process))
                done.wait(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            fetched = asyncio.run(fetch_all(server, tickets))
        finally:
            done.set()
            sampler.join()
        workers_seen = len(process.children(recursive=True))
    finally:
        server.stop()
    mb = 1024 * 1024
    return {
        f"{name}_pixels": f"{side} × {side}",
        f"{name}_file_kb": round(made.stat().st_size / 1024),
        f"{name}_server_processes": workers_seen + 1,
        f"{name}_idle_mb": round(idle / mb),
        f"{name}_peak_mb": round(peak / mb),
        f"{name}_statuses": sorted({status for status, _, _ in fetched}),
        f"{name}_fetch_median_s": round(statistics.median(t for _, t, _ in fetched), 2),
        f"{name}_answer_kb": round(max(size for _, _, size in fetched) / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="default: serve's own")
    args = parser.parse_args()
    result: dict[str, object] = {"phones": PHONES}
    for name, (side, suffix) in SIZES.items():
        result |= measure(name, side, suffix, args.workers)
    report("follow_memory", result)
    return 0 if all(int(str(result[f"{n}_peak_mb"])) < 300 for n in SIZES) else 1


if __name__ == "__main__":
    sys.exit(main())
