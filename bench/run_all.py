"""Run every benchmark and rewrite the table in docs/benchmarks.md from this one run.

    .venv/bin/python -m bench.run_all [--quick] [--table-only]

Each benchmark runs in its own process (they start Qt, servers and Chromium in
different ways) and leaves its figures in bench/results/*.json; this script
then writes the table between the markers in docs/benchmarks.md. `--quick`
runs fewer rounds, for trying the runner out; the committed table comes from a
full run. `--table-only` writes the table again from the last run's results.
Needs wrk (votes) and npm (Marp CLI); without them those rows say so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.results_file import RESULTS, versions
from workshop_app.voting.phone_page import page_bytes

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"

RUNS: dict[str, tuple[list[str], list[str]]] = {  # name: (full args, quick args)
    "deck_parse": ([], ["--runs", "5", "--cli-runs", "3"]),
    "presenting": ([], ["--starts", "3", "--keys", "20"]),
    "pdf_deck": ([], ["--runs", "3", "--keys", "20"]),
    "votes": ([], ["--rounds", "2", "--seconds", "4"]),
    "scale": ([], ["--rounds", "2", "--openings", "6"]),
    "live_screen": ([], ["--rounds", "20", "--seconds", "4"]),
    "questions": ([], ["--rounds", "10", "--bursts", "2"]),
    "reactions": ([], ["--rounds", "20", "--seconds", "4"]),
    "remote": ([], ["--rounds", "15"]),
    "pointer": ([], ["--moves", "120"]),
    "follow": ([], ["--rounds", "6"]),
    "countdown": ([], ["--rounds", "4"]),
    "evening": ([], ["--rounds", "2"]),
    "handout": (["--runs", "7"], ["--runs", "2"]),
    "minutes": ([], ["--runs", "2"]),
    "memory": ([], ["--slides", "60", "--voters", "100"]),
    "editor": ([], ["--quick"]),
}


def run(name: str, args: list[str]) -> dict[str, Any] | None:
    print(f"== bench.{name} {' '.join(args)}", file=sys.stderr, flush=True)
    (RESULTS / f"{name}.json").unlink(missing_ok=True)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT,
                          check=False)  # fmt: skip
    print(f"   {time.monotonic() - started:.0f} s, exit {done.returncode}", file=sys.stderr)
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def rows(r: dict[str, dict[str, Any] | None]) -> list[tuple[str, str, str, str]]:
    """(what, Impuls, baseline in the same run, ratio or goal)."""
    out: list[tuple[str, str, str, str]] = []

    def get(name: str, key: str) -> Any:
        found = r.get(name)
        return None if found is None else found.get(key)

    def ms(value: Any) -> str:
        return "not run" if value is None else f"{value} ms"

    out.append(
        (
            "Start-up to the first slide painted (`--offscreen`)",
            ms(get("presenting", "startup_to_first_slide_median_ms")),
            "bare PySide6 window " + ms(get("presenting", "startup_bare_pyside6_window_median_ms")),
            f"×{get('presenting', 'startup_ratio_to_bare')} · goal < 1,500 ms",
        )
    )

    def key_row(what: str, name: str, prefix: str = "") -> tuple[str, str, str, str]:
        return (
            f"Key press → next {what} on the 1920×1080 audience window",
            ms(get(name, f"{prefix}key_to_next_slide_median_ms")),
            "without rendering ahead "
            + ms(get(name, f"{prefix}key_without_rendering_ahead_median_ms"))
            + "; rendering ahead done "
            + ms(get(name, f"{prefix}key_rendered_ahead_after_median_ms"))
            + " after a press",
            f"×{get(name, f'{prefix}key_ratio_ahead_to_without')} · goal < 16 ms",
        )

    out.append(key_row("slide", "presenting"))
    out.append(
        (
            "100-page PDF (a photo on each page, 2 MB): opened → first slide painted 1920×1080",
            ms(get("pdf_deck", "open_to_first_slide_median_ms")),
            "bare pypdfium2 page render "
            + ms(get("pdf_deck", "bare_page_render_median_ms"))
            + " (Poppler's pdftoppm "
            + ms(get("pdf_deck", "poppler_pdftoppm_page_median_ms"))
            + "); the program to its first slide: PDF "
            + ms(get("pdf_deck", "program_pdf_to_first_slide_median_ms"))
            + ", Markdown "
            + ms(get("pdf_deck", "program_markdown_to_first_slide_median_ms")),
            f"×{get('pdf_deck', 'open_ratio_to_bare')} · goal < 1,000 ms",
        )
    )
    out.append(key_row("PDF page", "pdf_deck", "pdf_"))
    out.append(
        (
            "1,000-slide deck: parse + check; again after one slide edited (live reload)",
            f"{ms(get('deck_parse', 'parse_and_check_median_ms'))}; "
            f"{ms(get('deck_parse', 'reparse_after_one_slide_edit_median_ms'))}",
            f"Markdown alone {ms(get('deck_parse', 'baseline_markdown_only_median_ms'))}",
            f"×{get('deck_parse', 'ratio_to_baseline')} · goal ≤ ×1.2; reload < 200 ms",
        )
    )
    for slides, goal in ((40, "50"), (1000, "100")):
        typed = get("editor", f"key_{slides}_slides_to_preview_ms") or {}
        bare = get("editor", f"key_{slides}_slides_bare_repaint_ms") or {}
        out.append(
            (
                f"Editor, {slides:,}-slide deck: keystroke → preview repainted (p95; median)",
                f"{ms(typed.get('p95'))}; {ms(typed.get('median'))}",
                f"the renderer's bare repaint of that slide: p95 {ms(bare.get('p95'))},"
                f" median {ms(bare.get('median'))}",
                f"×{get('editor', f'key_{slides}_slides_p95_ratio_to_bare')} (p95)"
                f" · goal p95 < {goal} ms",
            )
        )
    opened = get("editor", "open_editor_to_preview_ms") or {}
    library_paint = get("editor", "open_library_to_first_paint_ms") or {}
    parse = get("editor", "open_bare_parse_ms") or {}
    out.append(
        (
            "Opening the editor on the shipped deck: “Vortrag bearbeiten” → preview painted",
            ms(opened.get("median")),
            f"the library opening that deck to its first paint {ms(library_paint.get('median'))};"
            f" parse alone {ms(parse.get('median'))}",
            f"×{get('editor', 'open_ratio_to_library')} · goal < 300 ms",
        )
    )
    out.append(
        (
            "500 phones vote at once: last acknowledgement",
            ms(get("votes", "all_acked_median_ms")),
            "–",
            "goal < 500 ms",
        )
    )
    out.append(
        (
            "2,000 phones vote at once: last acknowledgement",
            ms(get("scale", "at_once_last_ack_median_ms")),
            "500 phones at once " + ms(get("scale", "baseline_at_once_last_ack_median_ms")),
            f"×{get('scale', 'at_once_ratio_to_baseline')} · goal < 1,000 ms",
        )
    )
    opened = get("scale", "poll_open_to_last_phone_ms") or {}
    baseline = get("scale", "baseline_poll_open_to_last_phone_ms") or {}
    out.append(
        (
            "Poll opened → all of 2,000 phones (p95)",
            ms(opened.get("p95")),
            f"500 phones: p95 {ms(baseline.get('p95'))}",
            f"×{get('scale', 'poll_open_p95_ratio_to_baseline')} · goal p95 < 300 ms",
        )
    )
    out.append(
        (
            "An evening's talk switch → all of 2,000 phones showing the next talk (p95)",
            ms(get("evening", "switch_2000_p95_ms")),
            f"500 phones: p95 {ms(get('evening', 'switch_500_p95_ms'))}; the presenter's"
            f" answer {ms(get('evening', 'switch_2000_answered_ms'))}",
            f"×{get('evening', 'switch_2000_to_500_ratio')} · –",
        )
    )
    votes, bare = get("votes", "durable_votes_per_s"), get("votes", "bare_aiohttp_posts_per_s")
    shared, workers = (
        get("votes", "bare_aiohttp_same_processes_per_s"),
        get("votes", "server_workers"),
    )
    out.append(
        (
            "Sustained durable votes/s, 500 connections (wrk)",
            "not run" if votes is None else f"{votes:,}/s",
            "not run"
            if bare is None
            else f"bare aiohttp JSON echo: 1 process {bare:,}/s, {workers} processes {shared:,}/s",
            f"×{get('votes', 'votes_to_bare_same_processes_ratio')} of {workers} bare processes"
            " · goal ≥ 10,000/s",
        )
    )
    out.append(
        (
            "Under attack (2,000 idle connections + ballot stuffing from other addresses):"
            " 200 honest phones, votes/s and p99",
            f"{get('votes', 'honest_acked_per_s_attack')}/s, p99"
            f" {ms(get('votes', 'honest_p99_ms_attack'))}"
            f" · stuffing counted {get('votes', 'attacker_votes_counted')}",
            f"quiet {get('votes', 'honest_acked_per_s_quiet')}/s, p99"
            f" {ms(get('votes', 'honest_p99_ms_quiet'))}",
            "goal: every honest vote acknowledged; stuffing ≤ 10 (the cap)",
        )
    )
    out.append(
        (
            "Vote acknowledged → audience window repainted (p95)",
            ms((get("live_screen", "vote_to_screen_ms") or {}).get("p95")),
            f"median {ms((get('live_screen', 'vote_to_screen_ms') or {}).get('median'))}",
            "goal p95 < 150 ms",
        )
    )
    tap = get("remote", "tap_to_audience_ms") or {}
    key = get("remote", "key_to_audience_ms") or {}
    out.append(
        (
            "Remote: tap on the speaker's phone → audience window painted (p95)",
            ms(tap.get("p95")),
            f"the console's key → painted: p95 {ms(key.get('p95'))},"
            f" median {ms(key.get('median'))}",
            f"median {ms(tap.get('median'))} · goal p95 < 100 ms",
        )
    )
    moved = get("pointer", "pointer_move_to_painted_ms") or {}
    drawn = get("pointer", "drawing_move_to_painted_ms") or {}
    zoomed = get("pointer", "zoomed_pointer_move_to_painted_ms") or {}
    bare = get("pointer", "bare_repaint_ms") or {}
    out.append(
        (
            "Laser: mouse move on the console → dot painted on the 1920×1080 audience window"
            " (p95); zoomed in; drawing ink",
            f"{ms(moved.get('p95'))}; {ms(zoomed.get('p95'))}; {ms(drawn.get('p95'))}",
            f"the same slide repainted bare: p95 {ms(bare.get('p95'))},"
            f" median {ms(bare.get('median'))}",
            f"median {ms(moved.get('median'))} · goal p95 < 16 ms",
        )
    )
    change = get("follow", "slide_change_to_last_phone_ms") or {}
    opened = get("follow", "baseline_poll_open_to_last_phone_ms") or {}
    out.append(
        (
            "Follow-along: slide change → all of 500 phones (p95); bytes per phone",
            f"{ms(change.get('p95'))}; {get('follow', 'slide_event_bytes_median')} bytes"
            f" (largest {get('follow', 'slide_event_bytes_max')})",
            f"poll opened → 500 phones: p95 {ms(opened.get('p95'))}",
            f"×{get('follow', 'slide_to_poll_ratio')} (medians) · goal p95 < 300 ms, ≤ 10 KB",
        )
    )
    approval = get("questions", "approval_to_last_phone_ms") or {}
    projector = get("questions", "approval_to_projector_ms") or {}
    baseline = get("questions", "baseline_poll_open_to_last_phone_ms") or {}
    out.append(
        (
            "Question approved → on all of 500 phones / on the projector (p95)",
            f"{ms(approval.get('p95'))} / {ms(projector.get('p95'))}",
            f"poll opened → 500 phones: p95 {ms(baseline.get('p95'))}, median"
            f" {ms(baseline.get('median'))}",
            f"×{get('questions', 'approval_to_phones_ratio')} (medians) · goal p95 < 150 ms",
        )
    )
    out.append(
        (
            "500 phones upvote at once: last acknowledgement",
            ms(get("questions", "upvotes_at_once_last_ack_median_ms")),
            "500 votes at once "
            + ms(get("questions", "baseline_votes_at_once_last_ack_median_ms")),
            f"×{get('questions', 'upvotes_to_votes_ratio')} · goal < 500 ms",
        )
    )
    error = get("countdown", "phone_end_error_ms") or {}
    spread = get("countdown", "round_spread_ms") or {}
    naive = get("countdown", "baseline_timer_from_event_error_ms") or {}
    app = get("countdown", "app_end_error_ms") or {}
    out.append(
        (
            "Countdown across 500 phones: each phone's end − the server's (p95; median)",
            f"{ms(error.get('p95'))}; {ms(error.get('median'))} · spread between phones p95"
            f" {ms(spread.get('p95'))} · the app's end p95 {ms(app.get('p95'))}",
            f"a timer started on hearing the event: p95 {ms(naive.get('p95'))}",
            f"×{get('countdown', 'error_p95_ratio_to_baseline')} (p95) · goal p95 < 200 ms",
        )
    )
    idle = get("live_screen", "timer_lateness_idle_ms") or {}
    load = get("live_screen", "timer_lateness_load_ms") or {}
    out.append(
        (
            "GUI 16 ms timer lateness under vote load: p99 / max",
            f"{load.get('p99')} / {load.get('max')} ms",
            f"no load {idle.get('p99')} / {idle.get('max')} ms",
            "goal p99 < 5 ms, max < 16 ms",
        )
    )
    tapped = get("reactions", "tap_to_projector_ms") or {}
    tapping = get("reactions", "timer_lateness_load_ms") or {}
    out.append(
        (
            "500 phones react twice a second: tap → projector (p95); GUI timer p99 / max",
            f"{ms(tapped.get('p95'))}; {tapping.get('p99')} / {tapping.get('max')} ms",
            f"median {ms(tapped.get('median'))}; the app hears"
            f" {get('reactions', 'events_per_s')} events/s",
            "goal p95 < 150 ms; p99 < 5 ms, max < 16 ms",
        )
    )
    impuls, marp = get("handout", "impuls_export_median_s"), get("handout", "marp_pdf_median_s")
    marp_version = (
        f" {get('handout', 'marp_cli_version')}" if get("handout", "marp_cli_version") else ""
    )
    out.append(
        (
            "Handout, 40 slides, 10 polls, 500 voters (whole process)",
            "not run" if impuls is None else f"{impuls} s",
            "Marp CLI not run" if marp is None else f"Marp CLI{marp_version} --pdf {marp} s",
            f"×{get('handout', 'impuls_to_marp_ratio')} · goal ≤ 1/8",
        )
    )
    docx, pdf = get("minutes", "minutes_docx_median_s"), get("minutes", "minutes_pdf_median_s")
    out.append(
        (
            "Minutes (Protokoll) of that session: .docx; PDF (whole process)",
            "not run" if docx is None else f"{docx} s; {pdf} s",
            f"the handout in the same run {get('minutes', 'handout_export_median_s')} s",
            f"×{get('minutes', 'minutes_docx_to_handout_ratio')};"
            f" ×{get('minutes', 'minutes_pdf_to_handout_ratio')} · goal < 1 s",
        )
    )
    source, served, wire = page_bytes()
    out.append((
        "Phone page, all files as served (minified; gzip on the wire)",
        f"{served:,} bytes ({wire:,} gzip)",
        f"sources {source:,} bytes",
        "goal ≤ 30,720",
    ))  # fmt: skip
    out.append(
        (
            "App memory, 200 slides, 500 voters (app RSS + server PSS, all its processes)",
            f"{get('memory', 'app_rss_mb')} + {get('memory', 'server_pss_mb')} MB",
            f"bare PySide6 window {get('memory', 'bare_pyside6_rss_mb')} MB",
            "–",
        )
    )
    return out  # fmt: skip


def measured_with(r: dict[str, dict[str, Any] | None]) -> str:
    """The versions the results were measured with (each benchmark records them), as
    one phrase; where benchmarks disagree (a `--table-only` after an upgrade), each
    version they saw."""
    seen: dict[str, list[str]] = {}
    for result in r.values():
        for name, version in ((result or {}).get("versions") or versions()).items():
            if version not in seen.setdefault(name, []):
                seen[name].append(version)
    return ", ".join(f"{name} {' / '.join(found)}" for name, found in seen.items())


def table(r: dict[str, dict[str, Any] | None], quick: bool) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {os.cpu_count()} cores"
        f" ({platform.machine()}, Python from {sys.base_prefix}) with {measured_with(r)}"
        + (", **quick run** (fewer rounds)" if quick else "")
        + ". Medians; each baseline is measured in the same run.",
        "",
        "| What | Impuls | Baseline (same run) | Ratio / goal |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(r)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--table-only",
        action="store_true",
        help="rewrite the table from the last run's results, running nothing",
    )
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    if args.table_only:
        results = {name: json.loads(path.read_text()) if (path := RESULTS / f"{name}.json")
                   .exists() else None for name in RUNS}  # fmt: skip
    else:
        results = {name: run(name, quick if args.quick else full)
                   for name, (full, quick) in RUNS.items()}  # fmt: skip
    text = DOC.read_text(encoding="utf-8")
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{BEGIN}\n{table(results, args.quick)}\n{END}{after}", encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
