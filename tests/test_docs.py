"""The docs held to the code, as datasette's tests/test_docs.py holds its settings.

Each test reads a document and the code it describes and fails when they drift
apart, in both directions where that makes sense: something documented that the
code does not have, or something the code has that the document leaves out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workshop_app.cli import build_parser
from workshop_app.deck import frontmatter, leaderboard_block, polls, question_block
from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import OFFICE_SUFFIXES, THEMES, PollType
from workshop_app.handout.exports import (
    JSON_FORMAT,
    OPTION_COLUMNS,
    option_rows,
    question_rows,
    session_json,
    vote_rows,
)
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.ballots import ballot_for
from workshop_app.session.schema import SCHEMA_VERSION
from workshop_app.session.snapshot import SessionSnapshot, open_snapshot
from workshop_app.session.store import SessionStore

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
HEADING = re.compile(r"(#{1,6}) (.*)")
OPTION = re.compile(r"--[a-z][a-z0-9-]*")

# ------------------------------------------------------------------ reading Markdown


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _outside_fences(text: str) -> Iterator[tuple[str, bool]]:
    """Every line with whether it is inside a fenced block (``` or ````, nested)."""
    fence = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not fence and stripped.startswith("```"):
            fence = stripped[: len(stripped) - len(stripped.lstrip("`"))]
            yield line, True
        elif fence and stripped.startswith(fence) and not stripped.strip("`"):
            fence = ""
            yield line, True
        else:
            yield line, bool(fence)


def section(text: str, title: str) -> str:
    """The text under the heading that starts with `title`, up to the next heading of
    its level or above; fenced blocks are not headings."""
    found, level, kept = False, 0, []
    for line, fenced in _outside_fences(text):
        heading = None if fenced else HEADING.fullmatch(line)
        if heading and found and len(heading[1]) <= level:
            break
        if found:
            kept.append(line)
        elif heading and heading[2].startswith(title):
            found, level = True, len(heading[1])
    assert found, f"no heading {title!r}"
    return "\n".join(kept)


def _cells(row: str) -> list[str]:
    """A table row's cells; a `|` inside code (`a|b`) or escaped (`\\|`) splits nothing."""
    cells, current, in_code = [], "", False
    body = row.strip().removeprefix("|").removesuffix("|")
    for index, char in enumerate(body):
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code and body[index - 1 : index] != "\\":
            cells.append(current.strip())
            current = ""
        else:
            current += char
    return [*cells, current.strip()]


def table(text: str) -> list[list[str]]:
    """The rows of the first table in `text`, without its header and separator."""
    rows = []
    for line, fenced in _outside_fences(text):
        if not fenced and line.lstrip().startswith("|"):
            rows.append(_cells(line))
        elif rows:
            break
    assert len(rows) > 2, "no table"
    return rows[2:]


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def fenced(text: str, language: str) -> list[str]:
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert blocks, f"no ```{language} block"
    return blocks


def mentioned(text: str) -> set[str]:
    """Every name written as code (`name`), split at commas and slashes."""
    return {part.strip() for span in code_spans(text) for part in re.split(r"[,/]", span)}


# ------------------------------------------------------------------ the session format


def test_architecture_gives_the_session_format_the_code_writes() -> None:
    text = read(DOCS / "architecture.md")
    said = re.findall(r"`session/schema\.py`, now (\d+)", text)
    assert said == [str(SCHEMA_VERSION)], "docs/architecture.md: the session file's format"
    for earlier in range(1, SCHEMA_VERSION):  # "keeps a file of each earlier format"
        assert (ROOT / f"tests/data/sessions/format-{earlier}.impuls").is_file()


# ------------------------------------------------------------------ the deck format


def test_the_front_matter_table_is_the_keys_the_parser_applies() -> None:
    text = section(read(DOCS / "deck-format.md"), "Front matter")
    documented = {key for row in table(text) for key in mentioned(row[0])}
    applied = frontmatter.OUR_KEYS | frontmatter.SLIDE_DEFAULTS | {"headingDivider"}
    assert documented - applied == set(), "documented, but the parser does not know them"
    assert applied - documented == set(), "the parser applies them, the table lacks them"


def test_every_front_matter_key_the_parser_accepts_is_documented() -> None:
    text = section(read(DOCS / "deck-format.md"), "Front matter")
    assert frontmatter.KNOWN_KEYS - mentioned(text) == set()


def test_every_directive_the_parser_accepts_is_documented() -> None:
    text = section(read(DOCS / "deck-format.md"), "Speaker notes and Marp directives")
    accepted = frontmatter.LOCAL_DIRECTIVES | {"theme", "headingDivider"}
    assert accepted - mentioned(text) == set()


def _types_named(cell: str) -> set[PollType]:
    if cell.startswith("all"):
        return set(PollType)
    return {kind for kind in PollType if re.search(rf"\b{kind.value}\b", cell)}


def test_the_poll_table_is_the_keys_types_and_requirements_of_the_parser() -> None:
    text = section(read(DOCS / "deck-format.md"), "Polls")
    rows = {key: row for row in table(text) for key in mentioned(row[0])}
    assert set(rows) == polls.ALL_KEYS
    for key, (_, types, meaning) in rows.items():
        allowed = {t for t in PollType if key in polls.COMMON_KEYS | polls.KEYS_BY_TYPE[t]}
        assert _types_named(types) == allowed, f"poll key {key}: the types it is for"
        required = {t for t in PollType if key in polls.REQUIRED_BY_TYPE[t]}
        if key in polls.REQUIRED_KEYS:
            required = set(PollType)
        assert ("required" in types) == bool(required), f"poll key {key}: required or not"
        if key == "type":
            assert set(re.findall(r"`(\w+)`", meaning)) == {t.value for t in PollType}


def test_the_questions_block_table_is_the_keys_the_parser_knows() -> None:
    text = section(read(DOCS / "deck-format.md"), "Questions from the audience")
    assert {key for row in table(text) for key in mentioned(row[0])} == question_block.KEYS


# ------------------------------------------------------------------ the exports


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> SessionSnapshot:
    """A small evening with every kind of row the exports write: a vote, an open answer
    (it has a moderation state), a slide change, a question and reactions."""
    deck = load_deck(DEFAULT_DECK)
    path = tmp_path_factory.mktemp("docs") / "abend.impuls"
    store = SessionStore(path, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    try:
        single = next(p for p in deck.polls if p.type is PollType.SINGLE)
        text = next(p for p in deck.polls if p.type is PollType.TEXT)
        for poll, choice in ((single, 0), (text, "Zu viel Aufwand")):
            store.set_state(poll.id, "open").result(5)
            store.vote(poll.id, "handy-1", f"v-{poll.id}", ballot_for(poll, choice)).result(5)
        store.set_slide(1).result(5)
        store.ask("handy-1", "a1", "Wie messen wir Erfolg?", "Inge").result(5)
        store.submit(store.reactions_work(1, {"👏": 3, "🤔": 1})).result(5)
    finally:
        store.close()
    return open_snapshot(path)


def _columns(text: str) -> list[str]:
    return [code_spans(row[0])[0] for row in table(text)]


def test_the_option_csv_columns_are_documented_in_order(snapshot: SessionSnapshot) -> None:
    text = section(read(DOCS / "exports.md"), "`results.csv`")
    assert _columns(text) == next(iter(option_rows(snapshot))) == OPTION_COLUMNS


def test_the_votes_csv_columns_are_documented_in_order(snapshot: SessionSnapshot) -> None:
    text = section(read(DOCS / "exports.md"), "`results-votes.csv`")
    assert _columns(text) == next(iter(vote_rows(snapshot)))


def test_the_questions_csv_columns_are_documented_in_order(snapshot: SessionSnapshot) -> None:
    text = section(read(DOCS / "exports.md"), "`results-questions.csv`")
    assert _columns(text) == next(iter(question_rows(snapshot)))


def key_paths(value: object, at: str = "") -> set[str]:
    """Every key of a JSON value as a path (`polls[].results.run`); a mapping keyed by
    data (a scale's `values`, keyed by number) is a leaf."""
    if isinstance(value, list):
        return {path for item in value for path in key_paths(item, f"{at}[]")}
    if isinstance(value, dict) and all(isinstance(k, str) and k.isidentifier() for k in value):
        return {p for k, v in value.items() for p in {f"{at}.{k}"} | key_paths(v, f"{at}.{k}")}
    return set()


def test_the_session_json_example_has_the_keys_the_export_writes(
    snapshot: SessionSnapshot,
) -> None:
    text = section(read(DOCS / "exports.md"), "`session.json`")
    (example,) = fenced(text, "json")
    documented = json.loads(example)
    written = json.loads(json.dumps(session_json(snapshot)))
    assert documented["format"] == written["format"] == JSON_FORMAT
    assert f'`"format": "{JSON_FORMAT}"`' in read(DOCS / "exports.md")
    assert key_paths(documented) - key_paths(written) == set(), "documented, never written"
    assert key_paths(written) - key_paths(documented) == set(), "written, not documented"


# ------------------------------------------------------------------ the command line


def _options(parser: argparse.ArgumentParser, *, hidden: bool) -> set[str]:
    return {
        option
        for action in parser._actions
        if hidden or action.help is not argparse.SUPPRESS
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }


def commands(*, hidden: bool = False) -> dict[str, set[str]]:
    """The options of `impuls` (the app) and of each sub-command, from the real parser."""
    parser = build_parser()
    found = {"impuls": _options(parser, hidden=hidden)}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = _options(sub, hidden=hidden)
    return found


def options_in(text: str) -> set[str]:
    """The options (`--name`) written as code in `text`."""
    return {option for span in code_spans(text) for option in OPTION.findall(span)}


def _reference() -> tuple[str, dict[str, set[str]]]:
    text = section(read(README), "Command reference")
    documented: dict[str, set[str]] = {}
    for row in table(text):
        words = code_spans(row[0])[0].split()
        name = words[1] if len(words) > 1 and words[1].isalpha() else words[0]
        documented[name] = options_in(row[-1])
    return text, documented


def test_the_command_reference_lists_every_command_and_option() -> None:
    text, documented = _reference()
    real = commands()
    shared = set.intersection(*real.values())  # `--lang`: said once, for every command
    assert shared, "the parser has options every command shares"
    assert shared - options_in(text) == set()
    assert set(documented) == set(real), "commands: README vs workshop_app/cli.py"
    for name, options in real.items():
        assert documented[name] == options - shared, f"the options of {name}"


def _written_commands(text: str) -> Iterator[tuple[str, str]]:
    """Each `impuls …` command line written in `text` (code blocks and inline code)."""
    pieces = [line for block in re.findall(r"```\w*\n(.*?)```", text, re.DOTALL)
              for line in block.splitlines()]  # fmt: skip
    for piece in [*pieces, *code_spans(text)]:
        for command in piece.split(" # ")[0].split("&&"):
            found = re.search(r"(?:^|[\s/\\])impuls(?:-cli)?(?:\.exe)?\s+(.*)", command)
            if found:
                yield command.strip(), found[1]


def test_every_command_line_in_the_docs_uses_options_the_command_has() -> None:
    real = commands(hidden=True)
    shared = set.intersection(*real.values()) | {"--help"}
    checked = 0
    for doc in [README, *sorted(DOCS.glob("*.md"))]:
        for line, rest in _written_commands(read(doc)):
            first = rest.split()[0] if rest.split() else ""
            name = first if first in real else "impuls"
            unknown = set(OPTION.findall(rest)) - real[name] - shared
            assert not unknown, f"{doc.name}: `{line}`: {name} has no {sorted(unknown)}"
            checked += 1
    assert checked > 10  # the pattern still finds the examples


# ------------------------------------------------------------------ the status table


def _module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _pdf_deck_opens(tmp_path: Path) -> bool:
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "vortrag.pdf"
    canvas = Canvas(str(pdf), pagesize=(960, 540))
    for number in (1, 2, 3):
        canvas.drawString(100, 400, f"Seite {number}")
        canvas.showPage()
    canvas.save()
    return len(load_deck(pdf).slides) == 3


def _marp_deck_opens(tmp_path: Path) -> bool:
    corpus = sorted((ROOT / "tests/data/marp-corpus").glob("*.md"))
    marp_themes = {"default", "gaia", "uncover"}
    return bool(corpus) and marp_themes <= set(THEMES) and len(load_deck(corpus[0]).slides) > 0


def _editor_exists(tmp_path: Path) -> bool:
    return any("editor" in path.stem for path in (ROOT / "workshop_app/ui").rglob("*.py"))


def _scripts() -> dict[str, str]:
    project = tomllib.loads(read(ROOT / "pyproject.toml"))["project"]
    return {**project.get("scripts", {}), **project.get("gui-scripts", {})}


# A capability as the README's status table names it, and what in the code shows it
# is there. A row without a probe here, or a probe without a row, fails the test.
CAPABILITIES: dict[str, Callable[[Path], bool]] = {
    "Slides in Markdown, checked line by line": lambda _: (
        len(load_deck(DEFAULT_DECK).slides) > 1 and "check" in commands()
    ),
    "Decks written for Marp": _marp_deck_opens,
    "PDF decks": _pdf_deck_opens,
    "PowerPoint, Impress and Keynote files": lambda _: (
        {".pptx", ".ppt", ".odp", ".key"} <= set(OFFICE_SUFFIXES)
    ),
    "Presenting: audience window and presenter console": lambda _: all(
        _module(f"workshop_app.ui.{name}") for name in ("audience", "console", "slide_renderer")
    ),
    "Live polls from phones": lambda _: (
        _module("workshop_app.voting.server") and "serve" in commands() and len(PollType) >= 5
    ),
    "Questions from the room": lambda _: (
        _module("workshop_app.session.questions") and "questions" in frontmatter.OUR_KEYS
    ),
    "Reactions from the room": lambda _: (
        _module("workshop_app.voting.room_reactions") and "reactions" in frontmatter.OUR_KEYS
    ),
    "The speaker's phone as remote": lambda _: (
        _module("workshop_app.voting.remote_api")
        and (ROOT / "workshop_app/resources/remote").is_dir()
    ),
    "The slide on every phone": lambda _: (
        _module("workshop_app.voting.follow") and "follow" in frontmatter.OUR_KEYS
    ),
    "Sessions that survive a crash": lambda _: (
        _module("workshop_app.session.store") and SCHEMA_VERSION >= 1
    ),
    "PDF handout": lambda _: "--pdf" in commands()["export"] and "verify" in commands(),
    "CSV and JSON exports": lambda _: {"--csv", "--json", "--excel"} <= commands()["export"],
    "Nothing leaves the room, provably": lambda _: _module("workshop_app.netaudit"),
    "Installing without a checkout": lambda _: (
        "impuls" in _scripts()
        and (ROOT / "tools/bundle.py").is_file()
        and (ROOT / "packaging/impuls.spec").is_file()
    ),
    "Preparing a talk inside Impuls (an editor)": _editor_exists,
    "An evening of several talks on one join": lambda _: (
        _module("workshop_app.session.program") and _module("workshop_app.ui.evening_run")
    ),
    "Quiz, countdown, pointer and ink": lambda _: (
        {"correct", "seconds"} <= polls.ALL_KEYS
        and _module("workshop_app.session.ink")
        and _module("workshop_app.ui.pointing")
    ),
    "Formal votes with voting cards": lambda _: (
        PollType.MOTION in PollType
        and "cards" in commands()
        and _module("workshop_app.session.motion")
        and _module("workshop_app.session.cards")
    ),
    "The minutes (Protokoll)": lambda _: {"--docx", "--pdf"} <= commands()["minutes"],
    "The proceedings and this year against last": lambda _: (
        "compare" in commands() and _module("workshop_app.session.program")
    ),
}
STATES = ("done", "partly", "not started")


def status_table() -> dict[str, str]:
    rows = table(section(read(README), "Status"))
    return {capability: state for capability, state, *_ in rows}


def test_the_status_table_names_each_capability_the_test_can_check() -> None:
    assert list(status_table()) == list(CAPABILITIES)


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_the_status_table_tells_what_the_code_has(capability: str, tmp_path: Path) -> None:
    state = status_table().get(capability, "")
    said = next((s for s in STATES if state.startswith(s)), None)
    assert said, f"README status of {capability!r} starts with one of {STATES}: {state!r}"
    there = CAPABILITIES[capability](tmp_path)
    assert there == (said != "not started"), f"README says {capability!r}: {said}"


def test_the_readme_tells_its_status_without_issue_numbers() -> None:
    assert re.findall(r"(?i)\bissues? \d+|#\d+\b", read(README)) == []


def test_the_leaderboard_block_table_is_the_keys_the_parser_knows() -> None:
    text = section(read(DOCS / "deck-format.md"), "A quiz")
    assert {key for row in table(text) for key in mentioned(row[0])} == leaderboard_block.KEYS
