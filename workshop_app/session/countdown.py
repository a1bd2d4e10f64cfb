"""A poll's countdown: when it ends, who decides, and how the time left is said.

The voting server's clock decides. Opening a poll with `seconds:` (or "+30 s" on
an open one) writes a `deadline` row into the session's poll events, whose `at`
is the moment the countdown ends; "Stopp" writes a `halt` row. The latest of a
run's `open`, `deadline` and `halt` rows says whether an open poll counts down,
so the writer, the HTTP workers, a restarted server and the handout all read the
same end from the file.

Everything that tells a poll's state to a client adds `left`, the seconds left
by the server's clock at that moment. A client (a phone, the remote, the app)
counts down from `left` by its own clock: its offset from the server's cancels
out, and what remains is the trip of the answer, milliseconds on the room's
network.

At zero a phone stops offering the vote. The server counts what it receives up
to GRACE after zero, then the keeper closes the poll; a vote that arrives later
is refused with a sentence the phone shows ("the time was up"), never dropped in
silence. Why a grace: a vote tapped in the last moment by the phone's clock is
still on its way for a few hundred milliseconds over venue Wi-Fi; refusing it
would punish the quickest thumb for the network's delay. Half a second covers
that trip and is short enough that nobody can see a vote land "after" zero on
the projector: the chart redraws at most ten times a second, and the speaker
reveals after the close.
"""

from __future__ import annotations

import math
import sqlite3

from workshop_app.i18n import tr

GRACE = 0.5  # seconds after zero in which a vote sent in time is still counted
EXTEND_SECONDS = 30  # what "+30 s" adds; on a poll without a countdown, it starts one
DEADLINE, HALT = "deadline", "halt"  # the poll events that set and stop a countdown
# An open poll's end, in SQL over `polls p`: the latest deadline of its run, unless
# the run was opened again or halted after it. NULL for a poll without a countdown.
ENDS_SQL = (
    "CASE WHEN p.state = 'open' THEN (SELECT CASE e.kind WHEN 'deadline' THEN e.at END"
    " FROM poll_events e WHERE e.poll_id = p.poll_id AND e.run = p.run"
    " AND e.kind IN ('open', 'deadline', 'halt') ORDER BY e.id DESC LIMIT 1) END"
)
# Per poll, the seconds its current run was given: from its last opening to the last
# deadline set after it, unless halted after that (the handout says "timed, 90 s").
TIMED_SQL = """
SELECT p.poll_id, d.at - o.at FROM polls p
JOIN poll_events d ON d.id = (SELECT MAX(id) FROM poll_events
    WHERE poll_id = p.poll_id AND run = p.run AND kind IN ('deadline', 'halt'))
JOIN poll_events o ON o.id = (SELECT MAX(id) FROM poll_events
    WHERE poll_id = p.poll_id AND run = p.run AND kind = 'open' AND id < d.id)
WHERE d.kind = 'deadline'
"""


def left(ends: float | None, now: float) -> float | None:
    """Seconds left at `now` (0 once over), or None without a countdown."""
    return None if ends is None else max(0.0, ends - now)


def too_late(ends: float | None, now: float) -> bool:
    """A vote at `now` comes after the countdown and its grace."""
    return ends is not None and now > ends + GRACE


def extended(ends: float | None, now: float) -> float:
    """The end after "+30 s": 30 s more, counted from now if it was over or not running."""
    return max(ends if ends is not None else now, now) + EXTEND_SECONDS


def wire_left(ends: float | None, now: float) -> float | None:
    """`left` as the API and the events carry it: seconds, to the millisecond."""
    seconds = left(ends, now)
    return None if seconds is None else round(seconds, 3)


def ends_from_wire(value: object, now: float) -> float | None:
    """A client's end from the `left` it was told at `now` by its own clock."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return now + max(0.0, float(value))


def clock_text(seconds: float) -> str:
    """The time left as the room reads it: 1:05, 0:09 (rounded up: 0:00 is the end)."""
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def said(ends: float | None, now: float) -> str | None:
    """The countdown as the projector and the console print it ("noch 0:42", "Die Zeit
    ist um"), or None without one."""
    seconds = left(ends, now)
    if seconds is None:
        return None
    return tr("remote.remaining", time=clock_text(seconds)) if seconds > 0 else tr("phone.time_up")


def next_tick(seconds: float) -> float:
    """Seconds until the shown clock changes next (at the next whole second left)."""
    return seconds - math.ceil(seconds) + 1 if seconds > 0 else 0.0


def ran_out(db: sqlite3.Connection, poll_id: str, run: int) -> bool:
    """The run was closed by its countdown (not by the speaker before its end)."""
    rows = db.execute(
        "SELECT kind, at FROM poll_events WHERE poll_id = ? AND run = ?"
        " AND kind IN ('open', 'deadline', 'halt', 'close') ORDER BY id DESC LIMIT 2",
        (poll_id, run),
    ).fetchall()
    return (
        len(rows) == 2
        and (rows[0][0], rows[1][0]) == ("close", DEADLINE)
        and rows[0][1] >= rows[1][1]
    )
