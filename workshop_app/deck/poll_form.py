"""A poll (or a live question list) as a form: read from a block, written back as one.

A speaker who has never seen YAML fills in fields; this module turns them into
the text of a ```poll or ```questions block and back. It does not know the rules
of a poll: `check_poll_form` writes the block and lets the deck's own reader
(`polls.read_poll`, `question_block.read_questions_block`) judge it, then names
the field that wrote each line a problem is on. So the form and `impuls check`
can never disagree.

Reading is lenient (a block with mistakes still opens in the form), and what the
form does not know stays: the lines of keys it has no field for come back after
the keys it writes, as they were. Qt-free.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from workshop_app.deck import yamlblock
from workshop_app.deck.model import Eligible, Majority, Poll, PollType, Problem, Severity
from workshop_app.deck.polls import (
    ALL_KEYS,
    KEY_SYNONYMS,
    KEYS_BY_TYPE,
    QUORUM,
    read_poll,
    split_phrases,
)
from workshop_app.deck.question_block import DEFAULT_SHOWN, read_questions_block
from workshop_app.deck.question_block import KEYS as QUESTION_KEYS
from workshop_app.deck.report import Reporter
from workshop_app.deck.splitter import FenceSegment

BEFORE, AFTER = "vorher", "nachher"  # the ids of a before/after pair: x-vorher, x-nachher
OPTION_TYPES = frozenset(t for t, keys in KEYS_BY_TYPE.items() if "options" in keys)
QUIZ_TYPES = frozenset(t for t, keys in KEYS_BY_TYPE.items() if "correct" in keys)
# The field that writes each poll key (the form's names are the Poll's where they differ).
FIELD_OF_KEY = {
    "id": "id", "type": "type", "question": "question", "options": "options",
    "max_choices": "max_choices", "min": "scale_min", "max": "scale_max",
    "labels": "labels", "max_length": "max_length", "compare_with": "compare_with",
    "seconds": "seconds", "title": "title", "count": "count", "correct": "correct",
    "eligible": "eligible", "majority": "majority", "quorum": "quorum",
}  # fmt: skip
EXTRA = "extra"  # the kept lines of keys the form does not know
GENERAL = ""  # a problem no single field caused
_FLOW_WIDTH = 80  # longer lists are written one item a line


@dataclass(frozen=True)
class PollForm:
    """What the poll form shows. `pair`: a before/after pair of `type` (two polls)."""

    type: PollType = PollType.SINGLE
    question: str = ""
    options: tuple[str, ...] = ("Ja", "Nein")
    max_choices: int | None = None  # None: all options may be ticked
    scale_min: int = 1
    scale_max: int = 5
    labels: tuple[str, ...] = ()
    max_length: int | None = None  # None: the deck's default (280)
    correct: tuple[str, ...] = ()  # a quiz question's right answers, by letter or text
    id: str = ""
    compare_with: str = ""
    seconds: int | None = None  # a countdown; None: none
    eligible: Eligible = Eligible.ALL  # who may vote: every phone, or card holders only
    majority: Majority = Majority.SIMPLE  # a motion's rule
    quorum: str = ""  # a motion's quorum as typed ("30", "50%"); empty: none
    pair: bool = False
    heading: str = ""  # the new slide's `## heading`; empty: none (the question names it)
    head: tuple[str, ...] = ()  # comment lines before the block's first key, kept
    extra: tuple[str, ...] = ()  # lines of keys the form does not know, verbatim


@dataclass(frozen=True)
class QuestionsForm:
    """What the question-list form shows."""

    title: str = ""
    count: int = DEFAULT_SHOWN
    heading: str = ""  # the new slide's `## heading`
    head: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldProblem:
    """A problem of the block the form writes, at the field that wrote its line
    (`GENERAL` when none did)."""

    field: str
    problem: Problem

    def message(self) -> str:
        return self.problem.message()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Chunk:
    key: str | None  # None: lines that could not be read as `key: value`
    value: object
    lines: tuple[str, ...]


_TOP_KEY = re.compile(r"[^\s#-][^:]*:(?:\s|$)|[\"'].*[\"']\s*:(?:\s|$)")


def _chunks(text: str) -> tuple[tuple[str, ...], list[_Chunk]]:
    """The lines before the first key, then each top-level key with its lines."""
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    try:
        loaded = yamlblock.load_mapping(text)
    except yamlblock.YamlError:
        loaded = None
    if isinstance(loaded, yamlblock.Mapping):
        entries = sorted((*loaded.entries, *loaded.duplicates), key=lambda e: e.line)
        starts = [entry.line for entry in entries]
        known = {entry.line: entry for entry in loaded.entries}
        chunks = []
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            own = _trimmed(lines[start:end])
            entry = known.get(start)
            if entry is None:  # a duplicate key: not the form's to write twice
                chunks.append(_Chunk(None, None, own))
            else:
                chunks.append(_Chunk(str(entry.key), entry.value, own))
        return tuple(lines[: starts[0]] if starts else lines), chunks
    # Not readable as a whole: each top-level key on its own, the rest kept as it is.
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    chunks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        own = _trimmed(lines[start:end])
        try:
            one = yamlblock.load_mapping("\n".join(own))
        except yamlblock.YamlError:
            one = None
        if isinstance(one, yamlblock.Mapping) and len(one.entries) == 1 and not one.duplicates:
            chunks.append(_Chunk(str(one.entries[0].key), one.entries[0].value, own))
        else:
            chunks.append(_Chunk(None, None, own))
    first = starts[0] if starts else len(lines)
    head = lines[:first]
    if not starts and any(line.strip() for line in head):
        return (), [_Chunk(None, None, tuple(head))]
    return tuple(head), chunks


def _trimmed(lines: list[str]) -> tuple[str, ...]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return tuple(lines)


def _as_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip()


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d{1,6}\s*", value):
        return int(value)
    return None


def _as_texts(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list):
        items = (_as_text(item) for item in value)
        return tuple(item for item in items if item)
    if isinstance(value, str) and value.strip():  # `options: Ja, Nein` – meant as a list
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return None


def read_poll_form(block: str) -> PollForm:
    """The form of a ```poll block's body, read leniently: what cannot be read keeps
    the form's default, and keys the form does not know are kept as lines."""
    head, chunks = _chunks(block)
    present = {chunk.key for chunk in chunks if chunk.key is not None}
    values: dict[str, object] = {}
    extra: list[str] = []
    for chunk in chunks:
        key = chunk.key
        if key is not None and key not in ALL_KEYS:
            meant = KEY_SYNONYMS.get(key.lower())
            key = meant if meant is not None and meant not in present else None
        if key is None or key in values:
            extra.extend(chunk.lines)
        else:
            values[key] = chunk.value
    fields: dict[str, object] = {}
    raw_type = _as_text(values.get("type"))
    if raw_type is not None and raw_type.lower() in {t.value for t in PollType}:
        fields["type"] = PollType(raw_type.lower())
    for key, kind in (("eligible", Eligible), ("majority", Majority)):
        said = _as_text(values.get(key))
        if said is not None and said.lower() in {item.value for item in kind}:
            fields[key] = kind(said.lower())
    for key in ("id", "question", "compare_with", "quorum"):
        text = _as_text(values.get(key))
        if text is not None:
            fields[key] = text
    for key, name in (("options", "options"), ("labels", "labels")):
        items = _as_texts(values.get(key))
        if items is not None:
            fields[name] = items
    correct = values.get("correct")  # one answer whole (it may hold a comma), or a list
    right = (_as_text(correct),) if not isinstance(correct, list) else _as_texts(correct)
    if right and all(right):
        fields["correct"] = right
    for key in ("max_choices", "min", "max", "max_length", "seconds"):
        number = _as_int(values.get(key))
        if number is not None:
            fields[FIELD_OF_KEY[key]] = number
    return dataclasses.replace(PollForm(head=head, extra=tuple(extra)), **fields)  # type: ignore[arg-type]


def read_questions_form(block: str) -> QuestionsForm:
    """The form of a ```questions block's body, read leniently (see read_poll_form)."""
    head, chunks = _chunks(block)
    form = QuestionsForm(head=head)
    extra: list[str] = []
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.key not in QUESTION_KEYS or chunk.key in seen:
            extra.extend(chunk.lines)
            continue
        seen.add(chunk.key)
        if chunk.key == "title" and (title := _as_text(chunk.value)) is not None:
            form = dataclasses.replace(form, title=title)
        elif chunk.key == "count" and (count := _as_int(chunk.value)) is not None:
            form = dataclasses.replace(form, count=count)
    return dataclasses.replace(form, extra=tuple(extra))


# ---------------------------------------------------------------- writing YAML


def _loads_as(text: str, wanted: object) -> bool:
    try:
        loaded = yamlblock.load_mapping(text)
    except yamlblock.YamlError:
        return False
    if not isinstance(loaded, yamlblock.Mapping) or len(loaded.entries) != 1:
        return False
    value = loaded.entries[0].value
    return type(value) is type(wanted) and value == wanted


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes, which YAML reads), with
    every character the deck's loader would refuse or turn into a space escaped."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    escaped = "".join(
        f"\\u{ord(char):04x}"
        if yamlblock._NOT_PRINTABLE.match(char) or char in "\x85\u2028\u2029\ufeff"
        else char
        for char in body
    )
    return f'"{escaped}"'


def scalar(text: str, *, in_list: bool = False) -> str:
    """`text` plain when the deck's loader reads it back as that same text, else quoted
    ("Ja" stays plain; "true", "12", "a: b", "#x" and " x" get quotes)."""
    if text and text == text.strip() and "\n" not in text:
        probe = f"k:\n  - {text}" if in_list else f"k: {text}"
        if _loads_as(probe, [text] if in_list else text):
            return text
    return quoted(text)


def _list_lines(key: str, items: tuple[str, ...]) -> list[str]:
    """`key: [a, b]` when that reads back as these items and fits a line, else a block
    list (an item with a comma is one item there)."""
    flow = f"{key}: [{', '.join(items)}]"
    # A flow list the reader would warn about ("Ja, regelmäßig" split?) goes as a
    # block list: what the form wrote is what the speaker meant.
    reads_as_meant = not split_phrases(items, (True,) * len(items))
    if len(flow) <= _FLOW_WIDTH and reads_as_meant and _loads_as(flow, list(items)):
        return [flow]
    return [f"{key}:", *(f"  - {scalar(item, in_list=True)}" for item in items)]


def _poll_lines(form: PollForm) -> list[tuple[str, str]]:
    """The block's lines, each with the field that wrote it."""
    out: list[tuple[str, str]] = [(line, GENERAL) for line in form.head]

    def put(key: str, value: str) -> None:
        out.append((f"{key}: {scalar(value)}", FIELD_OF_KEY[key]))

    put("id", form.id)
    out.append((f"type: {form.type.value}", "type"))
    put("question", form.question.strip())
    if form.type in OPTION_TYPES:
        options = tuple(option.strip() for option in form.options if option.strip())
        out.extend((line, "options") for line in _list_lines("options", options))
    if form.type is PollType.MULTIPLE and form.max_choices is not None:
        out.append((f"max_choices: {form.max_choices}", "max_choices"))
    right = tuple(answer.strip() for answer in form.correct if answer.strip())
    if form.type in QUIZ_TYPES and right:
        if len(right) == 1 and form.type is PollType.SINGLE:
            put("correct", right[0])
        else:
            out.extend((line, "correct") for line in _list_lines("correct", right))
    if form.type is PollType.SCALE:
        out.append((f"min: {form.scale_min}", "scale_min"))
        out.append((f"max: {form.scale_max}", "scale_max"))
        labels = tuple(label.strip() for label in form.labels if label.strip())
        if labels:
            out.extend((line, "labels") for line in _list_lines("labels", labels))
    if form.type is PollType.TEXT and form.max_length is not None:
        out.append((f"max_length: {form.max_length}", "max_length"))
    if form.type is PollType.MOTION and form.majority is not Majority.SIMPLE:
        out.append((f"majority: {form.majority.value}", "majority"))
    quorum = form.quorum.strip()
    if form.type is PollType.MOTION and quorum:  # 30 and 50% plain, as the docs write them
        plain = QUORUM.fullmatch(quorum) and " " not in quorum
        out.append((f"quorum: {quorum if plain else scalar(quorum)}", "quorum"))
    if form.eligible is not Eligible.ALL:
        out.append((f"eligible: {form.eligible.value}", "eligible"))
    if form.compare_with.strip():
        put("compare_with", form.compare_with.strip())
    if form.seconds is not None:
        out.append((f"seconds: {form.seconds}", "seconds"))
    out.extend((line, EXTRA) for line in form.extra)
    return out


def poll_block_text(form: PollForm) -> str:
    """The body of the ```poll block the form describes (a pair: see pair_forms)."""
    return "\n".join(line for line, _ in _poll_lines(form))


def _questions_lines(form: QuestionsForm) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [(line, GENERAL) for line in form.head]
    if form.title.strip():
        out.append((f"title: {scalar(form.title.strip())}", "title"))
    out.append((f"count: {form.count}", "count"))
    out.extend((line, EXTRA) for line in form.extra)
    return out


def questions_block_text(form: QuestionsForm) -> str:
    """The body of the ```questions block the form describes."""
    return "\n".join(line for line, _ in _questions_lines(form))


def pair_forms(form: PollForm) -> tuple[PollForm, PollForm]:
    """The before and the after poll of a pair: same type, question and options, ids
    `x-vorher` and `x-nachher` naming each other."""
    stem = form.id.strip()
    for suffix in (f"-{BEFORE}", f"-{AFTER}"):  # "hype-vorher" makes hype-vorher/-nachher
        stem = stem.removesuffix(suffix)
    before, after = f"{stem}-{BEFORE}", f"{stem}-{AFTER}"
    single = dataclasses.replace(form, pair=False)
    return (
        dataclasses.replace(single, id=before, compare_with=after),
        dataclasses.replace(single, id=after, compare_with=before, head=(), extra=()),
    )


def poll_blocks(form: PollForm) -> list[str]:
    """The block bodies the form makes: one, or two for a pair."""
    forms = pair_forms(form) if form.pair else (form,)
    return [poll_block_text(one) for one in forms]


def _slide(heading: str, kind: str, body: str) -> str:
    lines = [f"## {heading.strip()}", ""] if heading.strip() else []
    return "\n".join([*lines, f"```{kind}", body, "```"])


def poll_slide_text(form: PollForm) -> str:
    """The Markdown of a new slide holding the poll: its heading, if any, then the
    block, as the shipped decks write one (the question itself is on the slide)."""
    return _slide(form.heading, "poll", poll_block_text(form))


def poll_slide_texts(form: PollForm) -> list[str]:
    """The new slides the form makes: one, or the before and the after slide."""
    forms = pair_forms(form) if form.pair else (form,)
    return [poll_slide_text(one) for one in forms]


def questions_slide_text(form: QuestionsForm) -> str:
    """The Markdown of a new slide with the room's questions."""
    return _slide(form.heading, "questions", questions_block_text(form))


# ---------------------------------------------------------------- ids


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                         "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})  # fmt: skip
_MOST_WORDS = 4
_MOST_ID = 40


def slug(text: str) -> str:
    """An id's stem from `text`: ASCII, lower case, words joined by `-` ("Wie
    wählen Sie?" → "wie-waehlen-sie"); "umfrage" when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    stem = ""
    for word in words[:_MOST_WORDS]:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > _MOST_ID:
            break
        stem = longer
    return stem or (words[0][:_MOST_ID] if words else "umfrage")


def suggest_id(question: str, taken: Collection[str], *, pair: bool = False) -> str:
    """An id for a poll asking `question`, free among `taken` (for a pair: free with
    both suffixes)."""
    stem = slug(question)
    taken_set = set(taken)

    def free(candidate: str) -> bool:
        if pair:
            return not {f"{candidate}-{BEFORE}", f"{candidate}-{AFTER}"} & taken_set
        return candidate not in taken_set

    if free(stem):
        return stem
    number = 2
    while not free(f"{stem}-{number}"):
        number += 1
    return f"{stem}-{number}"


# ---------------------------------------------------------------- checking


def _problem(message_id: str, /, **params: object) -> Problem:
    return Problem(Severity.ERROR, message_id, None, MappingProxyType(params))


def _checked(lines: list[tuple[str, str]], kind: str) -> list[FieldProblem]:
    """The problems the deck's reader finds in `lines`, each at its field."""
    fence = FenceSegment(line=0, info=kind, body=[line for line, _ in lines], closed=True)
    report = Reporter(None)
    if kind == "poll":
        read_poll(fence, report)
    else:
        read_questions_block(fence, report)
    found = []
    for problem in report.problems:
        index = (problem.line or 0) - 1  # the block's first line is the fence's next
        if 0 <= index < len(lines):
            field = lines[index][1]
        else:  # on the fence: a missing key, named in the message
            field = FIELD_OF_KEY.get(str(problem.params.get("key", "")), GENERAL)
        found.append(FieldProblem(field, problem))
    return found


def check_poll_form(
    form: PollForm,
    other_ids: Collection[str],
    other_polls: Mapping[str, Poll] | None = None,
) -> list[FieldProblem]:
    """Everything `impuls check` would say about the block(s) the form writes, by field.

    `other_ids`: the ids of the deck's other polls (not the one being edited);
    `other_polls`, when given, lets a `compare_with` partner's type and options be
    compared too. An empty list: the blocks can be written.
    """
    forms = pair_forms(form) if form.pair else (form,)
    found: list[FieldProblem] = []
    for one in forms:
        for problem in _checked(_poll_lines(one), "poll"):
            if problem not in found:
                found.append(problem)
    others = set(other_ids)
    for one in forms:
        if one.id in others:
            found.append(FieldProblem("id", _problem("poll_form.id_taken", id=one.id)))
    partner = form.compare_with.strip()
    if partner and not form.pair:
        if partner not in others or partner == form.id:
            found.append(FieldProblem("compare_with", _problem("poll.compare_missing", id=partner)))
        elif other_polls is not None and partner in other_polls:
            found.extend(_mismatch(form, other_polls[partner]))
    return found


def _mismatch(form: PollForm, other: Poll) -> Iterable[FieldProblem]:
    fence = FenceSegment(line=0, info="poll", body=poll_block_text(form).split("\n"))
    mine = read_poll(fence, Reporter(None))
    if mine is None:
        return []
    if (mine.type, mine.options, mine.scale_min, mine.scale_max) != (
        other.type,
        other.options,
        other.scale_min,
        other.scale_max,
    ):
        problem = _problem("poll.compare_mismatch", id=other.id, line=other.line)
        return [FieldProblem("compare_with", problem)]
    return []


def check_questions_form(form: QuestionsForm) -> list[FieldProblem]:
    """Everything `impuls check` would say about the ```questions block, by field."""
    return _checked(_questions_lines(form), "questions")


__all__ = [
    "EXTRA",
    "GENERAL",
    "QUIZ_TYPES",
    "FieldProblem",
    "PollForm",
    "QuestionsForm",
    "check_poll_form",
    "check_questions_form",
    "pair_forms",
    "poll_block_text",
    "poll_blocks",
    "poll_slide_text",
    "poll_slide_texts",
    "questions_block_text",
    "questions_slide_text",
    "read_poll_form",
    "read_questions_form",
    "scalar",
    "slug",
    "suggest_id",
]
