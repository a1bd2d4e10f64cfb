"""The `impuls` command: the app (no sub-command) and the sub-commands.

Each sub-command is a thin call into the core. User mistakes end in a clear
message and an exit code (1 for problems found, 2 for usage), never a traceback.

The deck parser (Python-Markdown, PyYAML) and reportlab are imported by the
sub-commands that use them, not here: `export` starts its PDF renderer in a second
process before it reads the session (handout/press.py), and that only overlaps the
two if neither has been imported yet.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from workshop_app import __version__
from workshop_app.deck import Deck, DeckError, Problem, Severity
from workshop_app.deck.model import THEMES, is_deck_file
from workshop_app.deck.report import close_matches
from workshop_app.i18n import DEFAULT_LANG, Lang, current_language, set_language, tr
from workshop_app.netaudit import install_from_environment
from workshop_app.paths import DEFAULT_DECK
from workshop_app.start import EXIT_INTERRUPTED
from workshop_app.voting.listening import DEFAULT_PORT

if TYPE_CHECKING:
    from workshop_app.handout.cards import Printed
    from workshop_app.handout.minutes import MinutesSource
    from workshop_app.handout.press import Press
    from workshop_app.session.snapshot import SessionSnapshot
    from workshop_app.voting.evening import EveningStart

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def entry() -> int:
    """The command, once imported (workshop_app/start.py guards the importing)."""
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C (while LibreOffice converts, say): no traceback
        print(tr("cli.cancelled"), file=sys.stderr)
        code = EXIT_INTERRUPTED
    # The process ends now. Python's last collection would walk every object (~13 ms
    # of a 0.3 s export) to free memory the system takes back anyway; frozen objects
    # are left out of it. Nothing is lost: Python does not promise to finalize what is
    # still alive at exit, and every file and database is closed where it is used.
    gc.freeze()
    if _command_word(sys.argv[1:]) in _ENDS_AT_ONCE:
        # Then it unloads every module (~6 ms of an export). A command that has written
        # and closed all its files, and runs no thread, ends without that.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    install_from_environment()  # IMPULS_NETWORK_AUDIT=FILE: see workshop_app/netaudit.py
    args_list = list(sys.argv[1:] if argv is None else argv)
    with _argparse_in_our_language():  # none of Python's gettext: ~1 ms, and no locale
        set_language(_early_language(args_list))
        parser = build_parser()
        words = _file_to_open(args_list)
        _refuse_a_near_miss(parser, words)
        args, unknown = parser.parse_known_args(words)  # exits with 2 on usage errors
        if unknown:
            _refuse_unknown(parser, args.command, unknown)
    if args.command == "check":
        return run_check(args.paths, strict=args.strict, layout=not args.no_layout)
    if args.command == "render":
        return run_render(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "export":
        return run_export(args)
    if args.command == "verify":
        return run_verify(args.session_path, args.pdf_path)
    if args.command == "compare":
        return run_compare(args)
    if args.command == "minutes":
        return run_minutes(args)
    if args.command == "desktop":
        return run_desktop()
    if args.command == "cards":
        return run_cards(args)
    explicit = any(a == "--lang" or a.startswith("--lang=") for a in args_list)
    return run_app(
        args.deck,
        offscreen=args.offscreen,
        keep_language=explicit,
        session=args.session,
        port=args.port,
    )


# argparse's own words (usage, errors), by its English text; it looks each up through
# its module's `_` when it says it, so they follow --lang like ours. Python ships no
# German for argparse; a text not listed here stays English.
_ARGPARSE_WORDS = {
    "usage: ": "cli.argparse.usage",
    "options": "cli.argparse.options",
    "positional arguments": "cli.argparse.positional",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_some",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
}


@contextlib.contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    said = argparse._  # type: ignore[attr-defined]

    def words(text: str) -> str:
        message_id = _ARGPARSE_WORDS.get(text)
        return tr(message_id) if message_id is not None else said(text)

    argparse._ = words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = said  # type: ignore[attr-defined]


def _early_language(argv: list[str]) -> Lang:
    """`--lang` must be known before the help texts are built. A language we do not
    have is left to the full parser, which refuses it in the default language."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--lang", nargs="?", default=DEFAULT_LANG.value)
    known, _ = probe.parse_known_args(argv)
    known_langs = {lang.value: lang for lang in Lang}
    return known_langs.get(known.lang, DEFAULT_LANG)


COMMANDS = frozenset(
    {"check", "render", "serve", "export", "verify", "compare", "minutes", "desktop"}
)


# The app's options that take a value: the word after them is theirs, not a deck.
_TAKES_A_VALUE = frozenset({"--deck", "--session", "--port", "--lang"})


# One-shot commands that end with every file written and closed and no thread left.
_ENDS_AT_ONCE = frozenset({"export"})


def _first_word(args: list[str]) -> tuple[int, str] | None:
    """Where the first word stands that is no option and no option's value, and the word."""
    skip = False
    for place, word in enumerate(args):
        if skip:
            skip = False
        elif word == "--":
            return None
        elif word.startswith("-"):
            skip = word in _TAKES_A_VALUE  # "--port=8000" carries its value
        else:
            return place, word
    return None


def _command_word(args: list[str]) -> str | None:
    first = _first_word(args)
    return first[1] if first is not None and first[1] in COMMANDS else None


def _file_to_open(args: list[str]) -> list[str]:
    """`impuls vortrag.pdf` is `impuls --deck vortrag.pdf`, before, after or between
    the app's options: how a file manager opens a file with the desktop entry
    (`Exec=impuls %f`), and what people type. The first word that is no option, no
    option's value and no command is the deck: a name with a deck's ending, or any
    file there is (`check` takes a .txt deck, so the app does too); any other word
    is left to argparse, which names the commands. A command's words are its own."""
    first = _first_word(args)
    if first is None or first[1] in COMMANDS:
        return args
    place, word = first
    if is_deck_file(Path(word)) or Path(word).is_file():  # not a mistyped command
        return [*args[:place], "--deck", word, *args[place + 1 :]]
    return args


def _command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _refuse_a_near_miss(parser: argparse.ArgumentParser, words: list[str]) -> None:
    """`impuls exprot …`: argparse lists every command; one spelled nearly right is named."""
    first = _first_word(words)
    if first is None or first[1] in COMMANDS or Path(first[1]).exists():
        return
    near = close_matches(first[1], sorted(COMMANDS))
    if near:
        said = tr("cli.argparse.unknown_command", word=first[1], hint=near[0])
        parser.error(said)  # exits with 2


def _refuse_unknown(
    parser: argparse.ArgumentParser, command: str | None, unknown: list[str]
) -> NoReturn:
    """Words no option takes: argparse names them under the main usage, though they were
    given to a command. Its own usage says more, and an option spelled nearly right
    (`--pfd`) is named."""
    own = _command_parsers(parser).get(command or "", parser)
    options = sorted({name for action in own._actions for name in action.option_strings})
    said = tr("cli.argparse.unrecognized") % " ".join(unknown)
    near = next((close_matches(w.split("=")[0], options) for w in unknown if w.startswith("-")), [])
    if near:
        said += " " + tr("cli.argparse.did_you_mean", hint=near[0])
    own.error(said)


def build_parser() -> argparse.ArgumentParser:
    langs = [lang.value for lang in Lang]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=langs, default=DEFAULT_LANG.value, help=tr("cli.help.lang")
    )
    parser = argparse.ArgumentParser(
        prog="impuls", description=tr("cli.description"), parents=[common]
    )
    # argparse takes its own help text for --version before our words are in place
    parser.add_argument("--version", action="version", version=f"impuls {__version__}",
                        help=tr("cli.argparse.version"))  # fmt: skip
    parser.add_argument(
        "--deck",
        type=Path,
        default=DEFAULT_DECK,
        help=tr("cli.help.deck", default=DEFAULT_DECK.name),
    )
    parser.add_argument("--offscreen", action="store_true", help=tr("cli.help.offscreen"))
    parser.add_argument("--session", type=Path, metavar="FILE", help=tr("cli.help.session"))
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=tr("cli.help.port", port=DEFAULT_PORT)
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", parents=[common], help=tr("cli.help.check"))
    check.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=tr("cli.help.check_paths")
    )
    check.add_argument("--strict", action="store_true", help=tr("cli.help.strict"))
    check.add_argument("--no-layout", action="store_true", help=tr("cli.help.no_layout"))
    render = commands.add_parser("render", parents=[common], help=tr("cli.help.render"))
    render.add_argument("deck_path", type=Path, metavar="DECK", help=tr("cli.help.render_deck"))
    which = render.add_mutually_exclusive_group()  # neither: every slide, as Marp's --images
    which.add_argument("--slide", type=int, metavar="N", help=tr("cli.help.render_slide"))
    which.add_argument("--all", action="store_true", help=tr("cli.help.render_all"))
    where = render.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="FILE.png", help=tr("cli.help.render_out"))
    where.add_argument("--out-dir", type=Path, metavar="DIR", help=tr("cli.help.render_out_dir"))
    render.add_argument("--size", type=_size, metavar="WxH", help=tr("cli.help.render_size"))
    render.add_argument("--theme", choices=THEMES, help=tr("cli.help.render_theme"))
    serve = commands.add_parser("serve", parents=[common], help=tr("cli.help.serve"))
    serve.add_argument("deck_path", type=Path, metavar="DECK", help=tr("cli.help.render_deck"))
    serve.add_argument("--session", type=Path, metavar="FILE", help=tr("cli.help.session"))
    serve.add_argument("--host", default="0.0.0.0", help=tr("cli.help.host"))
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=tr("cli.help.port", port=DEFAULT_PORT)
    )
    serve.add_argument("--workers", type=int, metavar="N", help=tr("cli.help.workers"))
    serve.add_argument("--devices-per-address", type=int, metavar="N",
                       help=tr("cli.help.devices_per_address"))  # fmt: skip
    serve.add_argument("--trusted-proxy", metavar="ADDRESS", help=tr("cli.help.trusted_proxy"))
    serve.add_argument("--public-url", metavar="URL", help=tr("cli.help.public_url"))
    serve.add_argument("--talk", type=int, metavar="N", help=tr("cli.help.talk"))
    serve.add_argument("--sessions", type=Path, metavar="DIR",
                       help=tr("cli.help.minutes_sessions"))  # fmt: skip
    serve.add_argument("--lifeline", action="store_true", help=argparse.SUPPRESS)  # used by the app
    export = commands.add_parser("export", parents=[common], help=tr("cli.help.export"))
    export.add_argument("source", type=Path, metavar="SESSION|DECK|PROGRAM",
                        help=tr("cli.help.export_source"))  # fmt: skip
    export.add_argument("--sessions", type=Path, metavar="DIR",
                        help=tr("cli.help.minutes_sessions"))  # fmt: skip
    export.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=tr("cli.help.export_pdf"))
    export.add_argument("--layout", choices=["slides", "large", "notes", "compact", "results"],
                        default="slides", help=tr("cli.help.export_layout"))  # fmt: skip
    export.add_argument("--notes", action="store_true", help=tr("cli.help.export_notes"))
    export.add_argument("--checksum-page", action="store_true",
                        help=tr("cli.help.export_checksum_page"))  # fmt: skip
    export.add_argument("--excel", action="store_true", help=tr("cli.help.export_excel"))
    export.add_argument("--print-colors", choices=["light", "slides"], default="light",
                        help=tr("cli.help.export_print_colors"))  # fmt: skip
    export.add_argument("--csv", type=Path, metavar="OUT.csv", help=tr("cli.help.export_csv"))
    export.add_argument("--votes-csv", type=Path, metavar="OUT.csv",
                        help=tr("cli.help.export_votes_csv"))  # fmt: skip
    export.add_argument("--questions-csv", type=Path, metavar="OUT.csv",
                        help=tr("cli.help.export_questions_csv"))  # fmt: skip
    export.add_argument("--all-questions", action="store_true",
                        help=tr("cli.help.export_all_questions"))  # fmt: skip
    export.add_argument("--json", type=Path, metavar="OUT.json", help=tr("cli.help.export_json"))
    verify = commands.add_parser("verify", parents=[common], help=tr("cli.help.verify"))
    verify.add_argument("session_path", type=Path, metavar="SESSION|PROGRAM")
    verify.add_argument("pdf_path", type=Path, metavar="PDF")
    compare = commands.add_parser("compare", parents=[common], help=tr("cli.help.compare"))
    compare.add_argument("sessions", nargs="+", type=Path, metavar="SESSION",
                         help=tr("cli.help.compare_sessions"))  # fmt: skip
    compare.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=tr("cli.help.compare_pdf"))
    compare.add_argument("--csv", type=Path, metavar="OUT.csv", help=tr("cli.help.compare_csv"))
    compare.add_argument("--excel", action="store_true", help=tr("cli.help.export_excel"))
    compare.add_argument("--labels", metavar="A,B,…", help=tr("cli.help.compare_labels"))
    minutes = commands.add_parser("minutes", parents=[common], help=tr("cli.help.minutes"))
    minutes.add_argument("source", type=Path, metavar="SESSION|PROGRAM",
                         help=tr("cli.help.minutes_source"))  # fmt: skip
    minutes.add_argument("--sessions", type=Path, metavar="DIR",
                         help=tr("cli.help.minutes_sessions"))  # fmt: skip
    minutes.add_argument("--docx", type=Path, metavar="OUT.docx",
                         help=tr("cli.help.minutes_docx"))  # fmt: skip
    minutes.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=tr("cli.help.minutes_pdf"))
    commands.add_parser("desktop", parents=[common], help=tr("cli.help.desktop"))
    cards = commands.add_parser("cards", parents=[common], help=tr("cards.help"))
    cards.add_argument("source", type=Path, metavar="DECK|SESSION|PROGRAM",
                       help=tr("cards.help.source"))  # fmt: skip
    cards.add_argument("--count", type=int, required=True, metavar="N", help=tr("cards.help.count"))
    cards.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=tr("cards.help.pdf"))
    cards.add_argument("--url", metavar="URL", help=tr("cards.help.url", port=DEFAULT_PORT))
    cards.add_argument("--session", type=Path, metavar="FILE", help=tr("cli.help.session"))
    cards.add_argument("--sessions", type=Path, metavar="DIR",
                       help=tr("cli.help.minutes_sessions"))  # fmt: skip
    cards.add_argument("--day", type=_day, metavar="YYYY-MM-DD", help=tr("cards.help.day"))
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cards.bad_day", day=text)) from None


def run_cards(args: argparse.Namespace) -> int:
    """Issue voting cards in a session and print them (handout/cards.py)."""
    from workshop_app.session.cards import MOST_CARDS

    if not 1 <= args.count <= MOST_CARDS:
        print(tr("cards.bad_count", count=args.count, most=MOST_CARDS), file=sys.stderr)
        return EXIT_USAGE
    if args.url is not None and not args.url.startswith(("http://", "https://")):
        print(tr("cli.bad_public_url", url=args.url), file=sys.stderr)
        return EXIT_USAGE
    from workshop_app.handout.cards import CardSheet, issue_and_print
    from workshop_app.session.paths import default_session_path, is_program_file
    from workshop_app.session.snapshot import SnapshotError, open_snapshot

    if is_program_file(args.source):
        return _evening_cards(args)
    deck: Deck | None = None
    if args.source.suffix.lower() == ".impuls":
        session = args.source
        try:
            title = open_snapshot(session).deck.title
        except SnapshotError as error:
            print(error.message(), file=sys.stderr)
            return EXIT_PROBLEMS
    else:
        loaded = _load_or_report(args.source)
        if loaded is None:
            return EXIT_PROBLEMS
        deck, title = loaded, loaded.title
        session = args.session or default_session_path(args.source, args.day)
    out = args.pdf or args.source.with_name(f"{args.source.stem}-cards.pdf")
    sheet = CardSheet(_cards_url(args.url, session), title, current_language())
    return _cards_printed(
        lambda: issue_and_print(deck, session, args.count, out, sheet), out, session
    )


def _evening_cards(args: argparse.Namespace) -> int:
    """`impuls cards PROGRAM`: one print run of cards that count in every talk of the
    evening; the key beside the evening's anchor, the record in every talk's session."""
    from workshop_app.deck import DeckError
    from workshop_app.handout.cards import CardSheet, issue_and_print_evening
    from workshop_app.session.model import StoreError
    from workshop_app.session.program import ProgramError
    from workshop_app.voting.evening import Evening, problem_text, ready_talk

    if args.session is not None:
        print(tr("cli.program_sessions"), file=sys.stderr)
        return EXIT_USAGE
    evening = Evening(args.source, args.sessions)
    try:
        program = evening.program()
        talks = [ready_talk(evening, program, index) for index in range(len(program.talks))]
    except (DeckError, ProgramError, StoreError, OSError) as error:
        print(problem_text(error), file=sys.stderr)
        return EXIT_PROBLEMS
    out = args.pdf or args.source.with_name(f"{args.source.stem}-cards.pdf")
    anchor = evening.anchor(program)
    sheet = CardSheet(_cards_url(args.url, anchor), program.title, current_language())
    pairs = [(talk.deck, talk.session) for talk in talks]
    return _cards_printed(
        lambda: issue_and_print_evening(pairs, anchor, args.count, out, sheet), out, anchor.parent
    )


def _cards_url(url: str | None, anchor: Path) -> str:
    """What the cards' QR codes open: `--url`, else voting/network.py's cards_url."""
    from workshop_app.voting.network import cards_url

    return url if url is not None else cards_url(anchor)


def _cards_printed(print_run: Callable[[], Printed], out: Path, session: Path) -> int:
    """Run one print of cards (a talk's or an evening's) and say what it did, or why not."""
    from workshop_app.session.model import StoreError

    try:
        printed = print_run()
    except StoreError as error:
        print(str(error), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(tr("cards.write_failed", path=out, detail=error.strerror or error), file=sys.stderr)
        return EXIT_PROBLEMS
    print(tr("cards.printed", count=printed.count, first=printed.first,
             last=printed.first + printed.count - 1, pdf=out, session=session,
             key=printed.key_file))  # fmt: skip
    return EXIT_OK


def run_desktop() -> int:
    if sys.platform == "linux":
        from workshop_app.desktop_entry import install

        try:
            written = install()
        except OSError as error:
            detail = f"{error.filename}: {error.strerror}"
            print(tr("export.failed", detail=detail), file=sys.stderr)
            return EXIT_PROBLEMS
        for path in written:
            print(tr("cli.desktop_written", path=path))
        return EXIT_OK
    else:
        print(tr("cli.desktop_linux_only"), file=sys.stderr)
        return EXIT_USAGE


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (
        16 <= int(width) <= 8192 and 16 <= int(height) <= 8192
    ):
        raise argparse.ArgumentTypeError(tr("cli.bad_size", size=text))
    return int(width), int(height)


# ---------------------------------------------------------------- check


def run_check(paths: Iterable[Path], *, strict: bool, layout: bool = True) -> int:
    from workshop_app.deck.loader import load_deck

    failed = False
    for path in _deck_files(paths):
        if isinstance(path, Problem):
            _report([path])
            failed = True
            continue
        try:
            deck = load_deck(path, _converting)
        except DeckError as error:
            _report(error.problems)
            failed = True
            continue
        warnings = list(deck.warnings) + (_layout_problems(deck) if layout else [])
        _report(warnings)
        print(_summary(deck, path, len(warnings)))
        if strict and warnings:
            print(tr("cli.strict_failed", path=path, count=len(warnings)), file=sys.stderr)
            failed = True
    return EXIT_PROBLEMS if failed else EXIT_OK


def _deck_files(paths: Iterable[Path]) -> list[Path | Problem]:
    """Files as given; folders expand to the decks (*.md, *.pdf) inside them."""
    found: list[Path | Problem] = []
    for path in paths:
        if path.is_dir():
            decks = sorted(p for p in path.iterdir() if p.is_file() and is_deck_file(p))
            found.extend(decks or [Problem(Severity.ERROR, "file.no_decks", None, path=path)])
        else:
            found.append(path)
    return found


def _layout_problems(deck: Deck) -> list[Problem]:
    """What only laying the slides out reveals: overflowing text, unreadable images."""
    from workshop_app.ui.headless import gui_application  # Qt only when layout is asked for
    from workshop_app.ui.prepared import prepare
    from workshop_app.ui.slide_renderer import SlideRenderer

    gui_application()
    return SlideRenderer(prepare(deck)).layout_problems()


def _summary(deck: Deck, path: Path, warning_count: int) -> str:
    warnings = tr("cli.summary_warnings", count=warning_count) if warning_count else ""
    return tr(
        "cli.summary",
        path=path,
        slides=tr("count.slides", count=len(deck.slides)),
        polls=tr("count.polls", count=len(deck.polls)),
        notes=sum(1 for slide in deck.slides if slide.notes),
        warnings=warnings,
    )


def _report(problems: Iterable[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: p.line or 0):
        print(problem.format(), file=sys.stderr)


# ---------------------------------------------------------------- render


def run_render(args: argparse.Namespace) -> int:
    if args.out is None and args.out_dir is None:
        print(tr("cli.render_needs_out"), file=sys.stderr)
        return EXIT_USAGE
    deck = _load_or_report(args.deck_path)
    if deck is None:
        return EXIT_PROBLEMS
    count = len(deck.slides)
    if args.slide is not None and not 1 <= args.slide <= count:
        print(tr("cli.bad_slide", number=args.slide, count=count), file=sys.stderr)
        return EXIT_PROBLEMS
    from workshop_app.deck.themes import load_theme
    from workshop_app.ui.headless import gui_application
    from workshop_app.ui.png import write_pngs

    gui_application()
    targets = _render_targets(args, count)
    theme = load_theme(args.theme) if args.theme else None
    try:
        written = write_pngs(deck, targets, size=args.size, theme=theme)
    except OSError as error:
        print(tr("cli.render_write_failed", detail=error), file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(path)
    return EXIT_OK


def _render_targets(args: argparse.Namespace, count: int) -> list[tuple[int, Path]]:
    """(slide index, file) for `render`. `--slide N` with `--out FILE.png`: that file.
    Otherwise numbered files DECK-001.png… (FILE-001.png… for `--out FILE.png`) in
    `--out-dir`, or in `--out` where it names a folder: without `--slide`, every slide,
    as `marp --images png` renders every slide of a deck."""
    stem = args.deck_path.stem
    if args.out_dir is not None:
        folder = args.out_dir
    elif args.slide is not None:
        return [(args.slide - 1, args.out)]
    elif args.out.suffix.lower() == ".png" and not args.out.is_dir():
        folder, stem = args.out.parent, args.out.stem
    else:
        folder = args.out
    shown = range(count) if args.slide is None else [args.slide - 1]
    return [(i, folder / f"{stem}-{i + 1:03d}.png") for i in shown]


# ---------------------------------------------------------------- serve


def run_serve(args: argparse.Namespace) -> int:
    from workshop_app.session.paths import is_program_file

    evening = None
    if is_program_file(args.deck_path) and args.session is not None:
        print(tr("cli.program_sessions"), file=sys.stderr)
        return EXIT_USAGE
    if is_program_file(args.deck_path):
        started = _evening_start_or_report(args.deck_path, args.sessions, args.talk)
        if isinstance(started, int):
            return started
        evening, deck, session = started
    elif args.talk is not None or args.sessions is not None:
        print(tr("cli.talk_needs_program"), file=sys.stderr)
        return EXIT_USAGE
    else:
        loaded = _load_or_report(args.deck_path)
        if loaded is None:
            return EXIT_PROBLEMS
        deck = loaded
    if not 0 <= args.port <= 65535:
        print(tr("cli.bad_port", port=args.port), file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and not 1 <= args.workers <= 64:
        print(tr("cli.bad_workers", workers=args.workers), file=sys.stderr)
        return EXIT_USAGE
    most = args.devices_per_address
    if most is not None and not 1 <= most <= 1_000_000:
        print(tr("cli.bad_devices_per_address", most=most), file=sys.stderr)
        return EXIT_USAGE
    if args.public_url is not None and not args.public_url.startswith(("http://", "https://")):
        print(tr("cli.bad_public_url", url=args.public_url), file=sys.stderr)
        return EXIT_USAGE
    from workshop_app.session.paths import default_session_path
    from workshop_app.voting.admission import DEFAULT_DEVICES_PER_ADDRESS, Admission
    from workshop_app.voting.server import DEFAULT_WORKERS, WorkersLostError, serve

    if evening is None:
        session = args.session or default_session_path(args.deck_path)
    try:
        code = serve(
            deck,
            session,
            host=args.host,
            port=args.port,
            lifeline=args.lifeline,
            workers=args.workers or DEFAULT_WORKERS,
            admission=Admission(
                devices_per_address=most or DEFAULT_DEVICES_PER_ADDRESS,
                trusted_proxy=args.trusted_proxy,
                public_url=args.public_url,
            ),
            evening=evening,
            # An evening's voting cards hold from talk to talk: their key beside its anchor.
            card_anchor=None if evening is None else evening.evening.anchor(evening.program),
        )
    except OSError as error:
        print(tr("cli.serve_failed", detail=error.strerror or error), file=sys.stderr)
        return EXIT_PROBLEMS
    except WorkersLostError:
        print(tr("cli.serve_workers_lost"), file=sys.stderr)
        return EXIT_PROBLEMS
    if code == 0:  # stopped by Ctrl-C, the system, or the app that started us
        if evening is not None:  # every talk's session, in the evening's folder
            session = evening.evening.anchor(evening.program).parent
        print(tr("cli.ended"), tr("cli.session_saved", path=session), sep="\n", file=sys.stderr)
    return code


# ---------------------------------------------------------------- export and verify


def _snapshot_or_report(path: Path) -> SessionSnapshot | None:
    from workshop_app.session.snapshot import SnapshotError, open_snapshot

    try:
        return open_snapshot(path)
    except SnapshotError as error:
        print(error.message(), file=sys.stderr)
        return None


def run_export(args: argparse.Namespace) -> int:
    if not (args.pdf or args.csv or args.votes_csv or args.questions_csv or args.json):
        print(tr("export.nothing"), file=sys.stderr)
        return EXIT_USAGE
    from workshop_app.session.paths import is_program_file

    if is_program_file(args.source):
        return _export_proceedings(args)
    is_deck = args.source.suffix.lower() != ".impuls" and is_deck_file(args.source)
    if is_deck:
        for option, given in (("--csv", args.csv), ("--votes-csv", args.votes_csv),
                              ("--questions-csv", args.questions_csv),
                              ("--json", args.json)):  # fmt: skip
            if given:
                print(tr("export.csv_needs_session", option=option), file=sys.stderr)
                return EXIT_USAGE
    from workshop_app.handout.press import Press, interrupted

    # A one-shot command whose objects all live until it ends: collecting cycles
    # would only cost time (~5 % of an export), in this process and the renderer.
    collecting = gc.isenabled()
    gc.disable()
    press = None
    try:
        if args.pdf:
            press = Press.start()  # loads reportlab while we read the session
        return _export(args, is_deck, press)
    except BaseException as error:  # Ctrl-C reaches the renderer too; it removes its temp file
        if not interrupted(error):
            raise
        print(tr("export.cancelled"), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if press is not None:
            press.cancel()  # after print() there is nothing left to end
        if collecting:
            gc.enable()


def _export_proceedings(args: argparse.Namespace) -> int:
    """`export PROGRAM --pdf`: the evening's proceedings, one handout for every talk."""
    for option, given in (("--csv", args.csv), ("--votes-csv", args.votes_csv),
                          ("--questions-csv", args.questions_csv),
                          ("--json", args.json)):  # fmt: skip
        if given:
            print(tr("proceedings.pdf_only", option=option), file=sys.stderr)
            return EXIT_USAGE
    source = _evening_or_report(args.source, args.sessions)
    if source is None:
        return EXIT_PROBLEMS
    from workshop_app.handout.fonts import FontError
    from workshop_app.handout.proceedings import build_proceedings

    try:
        written = build_proceedings(source, args.pdf, lang=current_language().value)
    except (FontError, OSError) as error:
        return _export_failed(error)
    print(tr("export.written", path=args.pdf, detail=tr("export.pages", count=written.pages)))
    return EXIT_OK


def _export(args: argparse.Namespace, is_deck: bool, press: Press | None) -> int:
    from workshop_app.handout.press import Job, PressError

    # --lang before the command or after it: the language the messages speak already
    lang = current_language().value

    source: Path = args.source
    snapshot = None
    if is_deck:
        deck = _load_or_report(source)
    else:
        snapshot = _snapshot_or_report(source)
        deck = snapshot.deck if snapshot is not None else None
    if deck is None:
        return EXIT_PROBLEMS
    try:
        if press is not None:
            try:
                outcome = press.print(
                    Job(
                        deck,
                        snapshot,
                        args.pdf,
                        args.layout,
                        lang,
                        args.print_colors,
                        args.notes,
                        args.checksum_page,
                    )
                )
            except PressError:
                print(tr("export.failed", detail=tr("export.renderer_lost")), file=sys.stderr)
                return EXIT_PROBLEMS
            if outcome.error is not None:
                print(tr("export.failed", detail=outcome.error), file=sys.stderr)
                return EXIT_PROBLEMS
            detail = tr("export.pages", count=outcome.pages)
            print(tr("export.written", path=args.pdf, detail=detail))
        tables = args.csv or args.votes_csv or args.questions_csv or args.json
        if snapshot is not None and tables:
            from workshop_app.handout import exports  # only for tables, after the PDF's job

            votes_csv, questions_csv = args.votes_csv, args.questions_csv
            words = lang if args.excel else None  # a spreadsheet's words, or programs'
            if args.csv and snapshot.questions:
                questions_csv = questions_csv or args.csv.with_name(
                    f"{args.csv.stem}-questions.csv"
                )
            if args.csv:
                rows = exports.write_csv(exports.option_rows(snapshot, words), args.csv,
                                         excel=args.excel, lang=lang)  # fmt: skip
                print(tr("export.written", path=args.csv, detail=tr("export.rows", count=rows)))
                votes_csv = votes_csv or args.csv.with_name(f"{args.csv.stem}-votes.csv")
            if votes_csv:
                rows = exports.write_csv(exports.vote_rows(snapshot, words), votes_csv,
                                         excel=args.excel, lang=lang)  # fmt: skip
                print(tr("export.written", path=votes_csv, detail=tr("export.rows", count=rows)))
            if questions_csv:
                listed = exports.question_rows(snapshot, words, waiting=args.all_questions)
                rows = exports.write_csv(listed, questions_csv, excel=args.excel, lang=lang)
                print(tr("export.written", path=questions_csv,
                         detail=tr("export.rows", count=rows)))  # fmt: skip
            if args.json:
                exports.write_json(snapshot, args.json)
                print(tr("export.written", path=args.json, detail="JSON"))
    except OSError as error:
        return _export_failed(error)
    return EXIT_OK


def _export_failed(error: Exception) -> int:
    """Say why a file of `export`, `compare` or `minutes` could not be written (a font,
    or the disk: which file and why); the exit code for it."""
    if isinstance(error, OSError):
        print(tr("export.failed", detail=f"{error.filename or ''} {error.strerror or error}"),
              file=sys.stderr)  # fmt: skip
    else:
        print(tr("export.failed", detail=error), file=sys.stderr)
    return EXIT_PROBLEMS


def run_verify(session: Path, pdf: Path) -> int:
    from workshop_app.session.paths import is_program_file

    if not is_program_file(session):
        snapshot = _snapshot_or_report(session)
        return EXIT_PROBLEMS if snapshot is None else _verify_one(snapshot, session, pdf)
    evening = _evening_or_report(session, None)  # the minutes of an evening: every talk
    if evening is None:
        return EXIT_PROBLEMS
    held = [talk.snapshot for talk in evening.talks if talk.snapshot is not None]
    codes = [_verify_one(snapshot, snapshot.path, pdf) for snapshot in held]
    return EXIT_PROBLEMS if any(codes) else EXIT_OK


def _verify_one(snapshot: SessionSnapshot, session: Path, pdf: Path) -> int:
    from workshop_app.handout.verify import NotAHandoutError, verify

    if not pdf.is_file():
        print(tr("export.failed", detail=f"{pdf}: {tr('file.not_found')}"), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        verdict = verify(snapshot, pdf)
    except NotAHandoutError:
        print(tr("verify.no_digest", pdf=pdf), file=sys.stderr)
        return EXIT_PROBLEMS
    if verdict.digest != snapshot.digest:
        print(tr("verify.mismatch", pdf=pdf, printed=verdict.digest[:16] + "…",
                 actual=snapshot.digest[:16] + "…"), file=sys.stderr)  # fmt: skip
    for poll in verdict.differing:  # say which poll, so the organizer knows where to look
        print(tr("verify.differs", pdf=pdf, question=poll.question), file=sys.stderr)
    if verdict.questions_differ:
        print(tr("verify.questions_differ", pdf=pdf), file=sys.stderr)
    if verdict.missing:
        print(tr("verify.missing", pdf=pdf, count=len(verdict.missing),
                 question=verdict.missing[0].question), file=sys.stderr)  # fmt: skip
    if not verdict.holds(snapshot):
        return EXIT_PROBLEMS
    count = len(verdict.checked)
    said = "verify.ok_none" if count == 0 else "verify.ok"
    print(tr(said, pdf=pdf, session=session, digest=verdict.digest[:16] + "…", count=count))
    return EXIT_OK


def run_compare(args: argparse.Namespace) -> int:
    """The same polls across sessions: a PDF of trend charts and/or a CSV of rows."""
    sessions: list[Path] = args.sessions
    if not (args.pdf or args.csv):
        print(tr("compare.nothing"), file=sys.stderr)
        return EXIT_USAGE
    if len(sessions) < 2:
        print(tr("compare.one_file"), file=sys.stderr)
        return EXIT_USAGE
    seen: set[Path] = set()
    for path in sessions:
        if path.resolve() in seen:
            print(tr("compare.same_file", path=path), file=sys.stderr)
            return EXIT_USAGE
        seen.add(path.resolve())
    labels = None if args.labels is None else [n.strip() for n in args.labels.split(",")]
    if labels is not None and (len(labels) != len(sessions) or not all(labels)):
        print(tr("compare.labels_count", given=len([n for n in labels if n]),
                 count=len(sessions)), file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    snapshots = []
    for path in sessions:
        snapshot = _snapshot_or_report(path)
        if snapshot is None:
            return EXIT_PROBLEMS
        snapshots.append(snapshot)
    from workshop_app.session.trend import compare, editions

    lang = current_language().value
    compared = compare(editions(snapshots, lang, labels), lang)
    for difference in compared.differences:
        print(tr("compare.not_compared", question=difference.question,
                 reason=difference.reason), file=sys.stderr)  # fmt: skip
    if not compared.trends:
        print(tr("compare.nothing_in_common"), file=sys.stderr)
        return EXIT_PROBLEMS
    from workshop_app.handout.exports import write_csv
    from workshop_app.handout.fonts import FontError
    from workshop_app.handout.trend_csv import trend_rows
    from workshop_app.handout.trend_document import build_trends

    try:
        if args.pdf:
            written = build_trends(compared, args.pdf, lang=lang)
            detail = tr("export.pages", count=written.pages)
            print(tr("export.written", path=args.pdf, detail=detail))
        if args.csv:
            words = lang if args.excel else None  # a spreadsheet's words, or programs'
            rows = write_csv(trend_rows(compared, words), args.csv, excel=args.excel, lang=lang)
            print(tr("export.written", path=args.csv, detail=tr("export.rows", count=rows)))
    except (FontError, OSError) as error:
        return _export_failed(error)
    said = " · ".join(e.label for e in compared.editions)
    print(tr("compare.compared", count=len(compared.trends), labels=said))
    return EXIT_OK


def run_minutes(args: argparse.Namespace) -> int:
    """The minutes (Protokoll) of a talk: a .docx to edit and the same as PDF."""
    if not (args.docx or args.pdf):
        print(tr("minutes.nothing"), file=sys.stderr)
        return EXIT_USAGE
    for given, ending in ((args.docx, ".docx"), (args.pdf, ".pdf")):
        if given is not None and given.suffix.lower() != ending:
            print(tr("minutes.ending", path=given, ending=ending), file=sys.stderr)
            return EXIT_USAGE
    from workshop_app.handout.fonts import FontError
    from workshop_app.handout.minutes import MinutesSource, minutes
    from workshop_app.session.paths import is_program_file

    if is_program_file(args.source):
        source = _evening_or_report(args.source, args.sessions)
    else:
        snapshot = _snapshot_or_report(args.source)
        source = MinutesSource.of_session(snapshot) if snapshot is not None else None
    if source is None:
        return EXIT_PROBLEMS
    written = minutes(source, current_language().value)
    try:
        if args.docx:
            from workshop_app.handout.minutes_docx import write_minutes_docx

            write_minutes_docx(written, args.docx)
            print(tr("export.written", path=args.docx, detail="DOCX"))
        if args.pdf:
            from workshop_app.handout.minutes_pdf import write_minutes_pdf

            pages = write_minutes_pdf(written, args.pdf).pages
            print(tr("export.written", path=args.pdf, detail=tr("export.pages", count=pages)))
    except (FontError, OSError) as error:
        return _export_failed(error)
    return EXIT_OK


def _evening_or_report(program_file: Path, folder: Path | None) -> MinutesSource | None:
    """An evening's program with each talk's session as far as it has one (handout/
    minutes.py `MinutesSource.of_program_file`): what `export`, `minutes` and `verify`
    of a program read; None after reporting why the program or a session cannot be
    read, or that no talk was held."""
    from workshop_app.handout.minutes import MinutesSource, NothingHeldError
    from workshop_app.session.program import ProgramError
    from workshop_app.session.snapshot import SnapshotError

    try:
        return MinutesSource.of_program_file(program_file, folder)
    except ProgramError as error:
        _report(error.problems)
    except (SnapshotError, NothingHeldError) as error:
        print(error.message(), file=sys.stderr)
    return None


# ---------------------------------------------------------------- the app


def run_app(
    deck_path: Path,
    *,
    offscreen: bool,
    keep_language: bool = False,
    session: Path | None = None,
    port: int = DEFAULT_PORT,
) -> int:
    if offscreen:
        # The smoke run: a broken deck is reported here, before Qt starts.
        if _load_or_report(deck_path) is None:
            return EXIT_PROBLEMS
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _has_display():
        command = os.environ.get("IMPULS_COMMAND", "python main.py")
        print(tr("cli.no_display", command=command), file=sys.stderr)
        return EXIT_PROBLEMS
    from workshop_app.app import run  # Qt is imported only for the app itself
    from workshop_app.ui.live import VotingSetup

    voting = VotingSetup(session_path=session, port=port)
    return run(deck_path, smoke=offscreen, keep_language=keep_language, voting=voting)


def _converting(presentation: Path) -> None:
    """What the terminal says while LibreOffice turns a presentation into a PDF."""
    print(tr("office.converting", name=presentation.name), file=sys.stderr, flush=True)


def _evening_start_or_report(
    program_file: Path, folder: Path | None, talk: int | None
) -> tuple[EveningStart, Deck, Path] | int:
    """An evening's start: its talk (`talk`, from 1; else the one on when the server
    last ran) made ready; or the exit code after saying why it cannot start."""
    from workshop_app.session.model import StoreError
    from workshop_app.session.program import ProgramError
    from workshop_app.voting.evening import Evening, EveningStart, keep_on_stage, ready_talk

    evening = Evening(program_file, folder)
    try:
        program = evening.program()
    except ProgramError as error:
        print(tr("cli.program_failed"), file=sys.stderr)
        _report(error.problems)
        return EXIT_PROBLEMS
    if talk is not None and not 1 <= talk <= len(program.talks):
        print(tr("cli.bad_talk", talk=talk, count=len(program.talks)), file=sys.stderr)
        return EXIT_USAGE
    index = talk - 1 if talk is not None else evening.resumed(program)
    try:
        ready = ready_talk(evening, program, index)
        keep_on_stage(evening, program, ready)
    except DeckError as error:
        print(tr("cli.deck_failed"), file=sys.stderr)
        _report(error.problems)
        return EXIT_PROBLEMS
    except StoreError:  # a program without talks
        print(tr("cli.bad_talk", talk=index + 1, count=len(program.talks)), file=sys.stderr)
        return EXIT_USAGE
    return EveningStart(evening, program, ready.stage), ready.deck, ready.session


def _load_or_report(path: Path) -> Deck | None:
    """The deck at `path`, or None after reporting why it cannot be opened."""
    from workshop_app.deck.loader import load_deck

    try:
        return load_deck(path, _converting)
    except DeckError as error:
        print(tr("cli.deck_failed"), file=sys.stderr)
        _report(error.problems)
        return None


def _has_display() -> bool:
    """Whether Qt can open a window here; checked before Qt aborts the process."""
    if sys.platform == "linux":
        return any(
            os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
        )
    else:
        return True  # Windows and macOS: no X11 or Wayland session to be missing
