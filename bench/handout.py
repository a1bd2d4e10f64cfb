"""Benchmark: the handout of a 40-slide deck with 10 polls and 500 voters, against Marp CLI.

    .venv/bin/python -m bench.handout [--runs 3]

Times the whole `impuls export SESSION --pdf` process (start-up and imports
included, as an organizer runs it), and in the same run Marp CLI's `--pdf` on
the same Markdown: the Marp command an organizer would otherwise use, with
Debian's chromium as its browser. Marp is installed with npm into a temporary
folder; without npm or the registry the Marp half is skipped, and it says so.
The two are timed interleaved (three exports per Marp run). Medians of the runs;
results go to bench/results/handout.json.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results_file import report

ROOT = Path(__file__).resolve().parent.parent
POLL_TYPES = ("single", "multiple", "scale", "text", "ranking")


def make_deck(slides: int, polls: int) -> str:
    """A deck like the shipped ones: headings, bullets, notes, a poll every few slides."""
    parts = ["---\ntitle: Benchmark – Social Media im Mittelstand\nsubtitle: 40 Folien, 10 Umfragen"
             "\nevent: Messlauf\nauthor: Impuls\ndate: 2026-11-23\n---\n"]  # fmt: skip
    every = slides // polls
    for n in range(slides):
        body = [f"# Folie {n + 1}: Zusammenstöße und Chancen"]
        if n % every == 1 and n // every < polls:
            k = n // every
            kind = POLL_TYPES[k % len(POLL_TYPES)]
            fence = [
                f"id: frage-{k}",
                f"type: {kind}",
                f"question: Frage {k + 1} – wie sehen Sie das?",
            ]
            if kind in ("single", "multiple", "ranking"):
                fence.append("options: [Pflicht, Kür, Zeitverschwendung, Noch unklar]")
            if kind == "scale":
                fence += ["min: 1", "max: 5", "labels: [gar nicht, sehr]"]
            body += ["", "```poll", *fence, "```"]
        else:
            body += [
                "",
                "- Die häufigste Frage in Vorträgen – und eine **berechtigte**",
                "- Netzwerke sind Teil der Arbeit, nicht der Pause",
                "- Wer nicht kommuniziert, über den wird kommuniziert (€, „Zitat“)",
                "- Drei Schritte für Montag: zuhören, antworten, dranbleiben",
            ]
        body += [
            "",
            "<!--",
            f"Notiz zu Folie {n + 1}: frei sprechen, Beispiel aus dem Raum.",
            "-->",
        ]
        parts.append("\n".join(body) + "\n")
    return "\n---\n\n".join(parts)


def make_session(deck_path: Path, session: Path, voters: int) -> None:
    sys.path.insert(0, str(ROOT))
    from workshop_app.deck.loader import load_deck
    from workshop_app.session.ballots import ballot_for
    from workshop_app.session.store import SessionStore

    deck = load_deck(deck_path)
    store = SessionStore(session, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                         deck_path=deck_path)  # fmt: skip
    rng = random.Random(1)
    for poll in deck.polls:
        store.set_state(poll.id, "open").result()
        futures = []
        for v in range(voters):
            kind = poll.type.value
            choice: object
            if kind == "single":
                choice = rng.randrange(4)
            elif kind == "multiple":
                choice = sorted(rng.sample(range(4), 2))
            elif kind == "ranking":
                choice = rng.sample(range(4), 4)
            elif kind == "scale":
                choice = rng.randint(1, 5)
            else:
                choice = rng.choice(["Datenschutz", "Keine Zeit", "Budget fehlt", "Zu riskant"])
            futures.append(store.vote(poll.id, f"voter-{v:012d}", f"{poll.id}-{v}",
                                      ballot_for(poll, choice)))  # fmt: skip
        for future in futures:
            future.result()
        store.set_state(poll.id, "close").result()
    store.close()


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env=env)  # fmt: skip
    return time.perf_counter() - started


# Chromium's processes (its own process group, and crashpad's) outlive Marp by up to
# a second; an export timed at once would share the CPU with them.
MARP_SETTLE_S = 1.5


def install_marp(folder: Path) -> Path | None:
    if shutil.which("npm") is None:
        print("Marp CLI skipped: npm is missing (sudo apt-get install -y npm)", file=sys.stderr)
        return None
    print(f"installing @marp-team/marp-cli into {folder} …", file=sys.stderr)
    result = subprocess.run(
        ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
         "@marp-team/marp-cli"], capture_output=True, text=True, check=False,
    )  # fmt: skip
    marp = folder / "node_modules" / ".bin" / "marp"
    if result.returncode != 0 or not marp.exists():
        print(f"Marp CLI skipped: npm install failed: {result.stderr[-500:]}", file=sys.stderr)
        return None
    return marp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slides", type=int, default=40)
    parser.add_argument("--polls", type=int, default=10)
    parser.add_argument("--voters", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="impuls-bench-"))
    deck = folder / "benchmark.md"
    deck.write_text(make_deck(args.slides, args.polls), encoding="utf-8")
    session = folder / "benchmark.impuls"
    make_session(deck, session, args.voters)
    result: dict[str, object] = {"cores": os.cpu_count(), "python": sys.base_prefix,
                                 "slides": args.slides, "polls": args.polls,
                                 "voters": args.voters}  # fmt: skip
    export = [sys.executable, str(ROOT / "main.py"), "export", str(session), "--pdf",
              str(folder / "impuls.pdf")]  # fmt: skip
    # Bytecode current, as an installed package has it (tools/bootstrap.py does the same);
    # with PYTHONDONTWRITEBYTECODE an edited module would otherwise be compiled every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "workshop_app")],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    marp = install_marp(folder / "marp")
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"}
    marp_command = [str(marp), "--no-stdin", str(deck), "--pdf", "--allow-local-files", "-o",
                    str(folder / "marp.pdf")]  # fmt: skip
    timed(export)  # once each to warm the file cache
    if marp is not None:
        said = subprocess.run([str(marp), "--version"], capture_output=True, text=True,
                              check=False).stdout.split()  # fmt: skip
        result["marp_cli_version"] = said[1].lstrip("v") if len(said) > 1 else "?"
        timed(marp_command, env)
        time.sleep(MARP_SETTLE_S)
    # Interleaved, so both see the same moods of a noisy machine: a slow minute then
    # slows both, instead of only whichever ran in it. Impuls is timed three times per
    # Marp run: its runs are short, and a short run suffers more from a single hiccup.
    impuls: list[float] = []
    runs: list[float] = []
    for _ in range(args.runs):
        impuls += [timed(export) for _ in range(3)]
        if marp is not None:
            runs.append(timed(marp_command, env))
            time.sleep(MARP_SETTLE_S)
    result["impuls_export_median_s"] = round(statistics.median(impuls), 3)
    if runs:
        result["marp_pdf_median_s"] = round(statistics.median(runs), 3)
        result["impuls_to_marp_ratio"] = round(
            statistics.median(impuls) / statistics.median(runs), 3
        )
    report("handout", result)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
