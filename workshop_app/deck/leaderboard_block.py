"""Validate a ```leaderboard block: the quiz's standings, live on a slide."""

from __future__ import annotations

from workshop_app.deck.model import LeaderboardBlock
from workshop_app.deck.question_block import fence_entries
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.deck.splitter import FenceSegment

KEYS = frozenset({"title", "count", "names"})
MOST_SHOWN = 10  # places that stay readable from the back row
DEFAULT_SHOWN = 5


def read_leaderboard_block(fence: FenceSegment, report: Reporter) -> LeaderboardBlock | None:
    """The block a fence declares (an empty fence takes the defaults), or None after
    reporting why not."""
    read = fence_entries(fence, report, "leaderboard.not_mapping")
    if read is None:
        return None
    ok, entries = read
    first = fence.line + 1
    title, count, names = "", DEFAULT_SHOWN, True
    for entry in entries:
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
