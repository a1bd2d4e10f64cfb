"""Validate a ```questions block: a slide that shows the room's top questions, live."""

from __future__ import annotations

from workshop_app.deck import yamlblock
from workshop_app.deck.model import QuestionsBlock
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.deck.splitter import FenceSegment

KEYS = frozenset({"title", "count"})
MOST_SHOWN = 8  # what stays readable from the back row at the slide's body size
DEFAULT_SHOWN = 5


def fence_entries(
    fence: FenceSegment, report: Reporter, not_mapping: str
) -> tuple[bool, tuple[yamlblock.Entry, ...]] | None:
    """A block fence's keys (none for an empty fence), and False if a key came twice
    (reported); None, reported, where the fence holds no mapping. The live blocks'
    (questions, leaderboard) one way in."""
    first = fence.line + 1
    try:
        loaded = yamlblock.load_mapping(fence.text)
    except yamlblock.YamlError as problem:
        report.error(first + problem.line, problem.message_id, **problem.params)
        return None
    if loaded is None:
        return True, ()
    if not isinstance(loaded, yamlblock.Mapping):
        report.error(first, not_mapping)
        return None
    for dup in loaded.duplicates:
        report.error(first + dup.line, "yaml.duplicate_key", key=str(dup.key))
    return not loaded.duplicates, loaded.entries


def read_questions_block(fence: FenceSegment, report: Reporter) -> QuestionsBlock | None:
    """The block a fence declares (an empty fence takes the defaults), or None after
    reporting why not."""
    read = fence_entries(fence, report, "questions.not_mapping")
    if read is None:
        return None
    ok, entries = read
    first = fence.line + 1
    title, count = "", DEFAULT_SHOWN
    for entry in entries:
        key, line, value = str(entry.key), first + entry.line, entry.value
        if key not in KEYS:
            message_id, params = unknown_key("questions", key, KEYS)
            report.error(line, message_id, **params)
            ok = False
        elif key == "title":
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                report.error(line, "questions.bad_title")
                ok = False
            else:
                title = str(value).strip()
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MOST_SHOWN:
            report.error(line, "questions.bad_count", most=MOST_SHOWN)
            ok = False
        else:
            count = value
    return QuestionsBlock(line=fence.line, title=title, count=count) if ok else None
