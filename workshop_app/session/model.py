"""What a session records, as plain values (Qt-free, SQLite-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Join codes avoid look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) so a code read off a
# projector from the back row is typed right the first time.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 5


def new_join_code() -> str:
    import secrets  # only where a room opens: not in every command that reads a session

    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def is_join_code(text: str) -> bool:
    return len(text) == JOIN_CODE_LENGTH and set(text) <= set(JOIN_ALPHABET)


class PollState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class PollAction(StrEnum):
    """What the presenter does to a poll: one word on the buttons, the wire and in the store.

    The order is the order of the console's buttons.
    """

    OPEN = "open"
    CLOSE = "close"
    REVEAL = "reveal"
    HIDE = "hide"
    RESET = "reset"
    EXTEND = "extend"  # "+30 s": the countdown gets longer, or starts (session/countdown.py)
    HALT = "halt"  # "Stopp": the countdown stops; the poll stays open until it is closed


class AnswerState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class PollStatus:
    poll_id: str
    run: int
    state: PollState
    revealed: bool
    # While an open poll counts down: when it ends, in seconds since the epoch by the
    # clock of whoever holds this status (the server's; a client's, corrected by `left`).
    ends: float | None = None


@dataclass(frozen=True)
class Receipt:
    """What a participant gets back once the vote is committed to disk."""

    receipt: str
    poll_id: str
    run: int
    counted_at: float
    replaced_earlier: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "receipt": self.receipt,
            "poll": self.poll_id,
            "run": self.run,
            "counted_at": self.counted_at,
            "replaced_earlier": self.replaced_earlier,
        }


@dataclass(frozen=True)
class Ballot:
    """A validated vote, ready to store: option points, a scale value or a text."""

    items: tuple[tuple[int, int], ...] = ()  # (option index, points)
    value: int | None = None
    text: str | None = None
    raw: object = None
    nickname: str | None = None  # the phone's name for the quiz's leaderboard, cleaned


class ChangeKind(StrEnum):
    """What a committed change is about; the server turns each into its event."""

    POLL = "poll"  # opened, closed, revealed, hidden, reset
    VOTES = "votes"  # ballots counted (any number in one commit)
    HANDS = "hands"  # a show of hands recorded
    ANSWER = "answer"  # a text answer moderated
    SLIDE = "slide"  # the slide the talk is on, stored for the timeline
    QUESTIONS = "questions"  # a question asked, upvoted, moderated; the moderation mode
    REMOTE = "remote"  # a paired remote asked for an action (not stored: the keeper's)
    REACTIONS = "reactions"  # taps from the room added to a slide's counts


@dataclass(frozen=True)
class Change:
    """A committed change, announced to listeners (the server turns these into events)."""

    kind: ChangeKind
    poll_id: str | None = None
    detail: dict[str, object] = field(default_factory=dict)


class StoreError(Exception):
    """A request the session cannot accept; `code` says which rule it broke."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code
