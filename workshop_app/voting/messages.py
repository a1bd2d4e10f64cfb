"""Every message between the voting server's processes, the app and the phones, named once.

`Event` is the vocabulary of the Server-Sent-Event streams: the server writes
these names, the app and the tests read them, and the phone and remote pages get
them from here when they are served, so no page types an event's name itself.
"""

from __future__ import annotations

from enum import StrEnum


class Event(StrEnum):
    """The `event:` name of a message on a Server-Sent-Event stream."""

    POLL = "poll"  # a poll opened, closed, was revealed …: {"poll", "action", "state"}
    # A poll's tally changed: {"poll", "results"}, `results` as GET
    # /api/polls/{poll}/results?lang= answers it in the stream's language, so
    # nobody fetches after the event.
    TALLY = "tally"
    QUESTIONS = "questions"  # phones: the room's list; the console: "ask again"
    SLIDE = "slide"  # phones: the slide the room sees; the console: the slide index stored
    STATE = "state"  # the speaker's remote: slide, notes, clock, poll
    ROOM = "room"  # the console: the room's figures changed
    REMOTES = "remotes"  # the console: the paired remotes changed
    REMOTE = "remote"  # the console: a remote asked for an action (next, previous …)
