"""Validate a ```leaderboard block: the quiz's standings, live on a slide."""

from __future__ import annotations

from workshop_app.deck import yamlblock
from workshop_app.deck.model import LeaderboardBlock
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.deck.splitter import FenceSegment

KEYS = frozenset({"title", "count", "names"})
MOST_SHOWN = 10  # places that stay readable from the back row
DEFAULT_SHOWN = 5


def read_leaderboard_block(fence: FenceSegment, report: Reporter) -> LeaderboardBlock | None:
    """The block a fence declares (an empty fence takes the defaults), or None after
    reporting why not."""
    first = fence.line + 1
    try:
        loaded = yamlblock.load_mapping(fence.text)
    except yamlblock.YamlError as problem:
        report.error(first + problem.line, problem.message_id, **problem.params)
        return None
    if loaded is None:
        return LeaderboardBlock(line=fence.line)
    if not isinstance(loaded, yamlblock.Mapping):
        report.error(first, "leaderboard.not_mapping")
        return None
    ok = True
    title, count, names = "", DEFAULT_SHOWN, True
    for dup in loaded.duplicates:
        report.error(first + dup.line, "yaml.duplicate_key", key=str(dup.key))
        ok = False
    for entry in loaded.entries:
        key, line, value = str(entry.key), first + entry.line, entry.value
        if key not in KEYS:
            message_id, params = unknown_key("leaderboard", key, KEYS, {"namen": "names"})
            report.error(line, message_id, **params)
            ok = False
        elif key == "title":
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                report.error(line, "leaderboard.bad_title")
                ok = False
            else:
                title = str(value).strip()
        elif key == "names":
            if not isinstance(value, bool):
                report.error(line, "leaderboard.bad_names")
                ok = False
            else:
                names = value
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MOST_SHOWN:
            report.error(line, "leaderboard.bad_count", most=MOST_SHOWN)
            ok = False
        else:
            count = value
    return LeaderboardBlock(fence.line, title, count, names) if ok else None
