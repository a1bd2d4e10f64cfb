"""The `impuls` command: the app (no sub-command) and the sub-commands.

Each sub-command is a thin call into the core. User mistakes end in a clear
message and an exit code (1 for problems found, 2 for usage), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from workshop_app import __version__
from workshop_app.deck import Deck, DeckError, Problem, Severity, load_deck
from workshop_app.i18n import DEFAULT_LANG, Lang, set_language, tr

ROOT = Path(__file__).resolve().parent.parent
SLIDES_DIR = ROOT / "slides"
DEFAULT_DECK = SLIDES_DIR / "clash-of-cultures.md"

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_language(args_list))
    parser = build_parser()
    args = parser.parse_args(args_list)  # exits with 2 on usage errors
    if args.command == "check":
        return run_check(args.paths, strict=args.strict)
    return run_app(args.deck, offscreen=args.offscreen)


def _early_language(argv: list[str]) -> Lang:
    """`--lang` must be known before the help texts are built."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--lang", choices=[lang.value for lang in Lang], default=DEFAULT_LANG.value)
    known, _ = probe.parse_known_args(argv)
    return Lang(known.lang)


def build_parser() -> argparse.ArgumentParser:
    langs = [lang.value for lang in Lang]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=langs, default=DEFAULT_LANG.value, help=tr("cli.help.lang")
    )
    parser = argparse.ArgumentParser(
        prog="impuls", description=tr("cli.description"), parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"impuls {__version__}")
    parser.add_argument(
        "--deck",
        type=Path,
        default=DEFAULT_DECK,
        help=tr("cli.help.deck", default=DEFAULT_DECK.relative_to(ROOT)),
    )
    parser.add_argument("--offscreen", action="store_true", help=tr("cli.help.offscreen"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", parents=[common], help=tr("cli.help.check"))
    check.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=tr("cli.help.check_paths")
    )
    check.add_argument("--strict", action="store_true", help=tr("cli.help.strict"))
    return parser


# ---------------------------------------------------------------- check


def run_check(paths: Iterable[Path], *, strict: bool) -> int:
    failed = False
    for path in _deck_files(paths):
        if isinstance(path, Problem):
            _report([path])
            failed = True
            continue
        try:
            deck = load_deck(path)
        except DeckError as error:
            _report(error.problems)
            failed = True
            continue
        _report(deck.warnings)
        print(_summary(deck, path))
        if strict and deck.warnings:
            print(tr("cli.strict_failed", path=path, count=len(deck.warnings)), file=sys.stderr)
            failed = True
    return EXIT_PROBLEMS if failed else EXIT_OK


def _deck_files(paths: Iterable[Path]) -> list[Path | Problem]:
    """Files as given; folders expand to the decks (*.md) inside them."""
    found: list[Path | Problem] = []
    for path in paths:
        if path.is_dir():
            decks = sorted(path.glob("*.md"))
            found.extend(decks or [Problem(Severity.ERROR, "file.no_decks", None, path=path)])
        else:
            found.append(path)
    return found


def _summary(deck: Deck, path: Path) -> str:
    warnings = tr("cli.summary_warnings", count=len(deck.warnings)) if deck.warnings else ""
    return tr(
        "cli.summary",
        path=path,
        slides=len(deck.slides),
        polls=len(deck.polls),
        notes=sum(1 for slide in deck.slides if slide.notes),
        warnings=warnings,
    )


def _report(problems: Iterable[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: p.line or 0):
        print(problem.format(), file=sys.stderr)


# ---------------------------------------------------------------- the app


def run_app(deck_path: Path, *, offscreen: bool) -> int:
    try:
        deck = load_deck(deck_path)
    except DeckError as error:
        print(tr("cli.deck_failed"), file=sys.stderr)
        _report(error.problems)
        return EXIT_PROBLEMS
    if not offscreen and not _has_display():
        command = os.environ.get("IMPULS_COMMAND", "python main.py")
        print(tr("cli.no_display", command=command), file=sys.stderr)
        return EXIT_PROBLEMS
    _report(deck.warnings)
    print(
        tr("cli.window_pending", title=deck.title, slides=len(deck.slides), polls=len(deck.polls))
    )
    return EXIT_OK


def _has_display() -> bool:
    """Whether Qt can open a window here; checked before Qt aborts the process."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
