"""Every message between the voting server's processes, the app and the phones, named once.

Between the keeper (the session's one writer) and its HTTP workers go the
dataclasses below, pickled over a socket pair (`ipc.Channel`); each side
dispatches on their classes with `match`, so the type checker follows every
field. `Event` is the vocabulary of the Server-Sent-Event streams: the server writes
these names, the app and the tests read them, and the phone and remote pages get
them from here when they are served, so no page types an event's name itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the app reads `Event` alone; it needs no server (aiohttp) to do so
    from workshop_app.session.cards import CardKey
    from workshop_app.session.model import AnswerState, Ballot, Change, PollAction
    from workshop_app.session.questions import Moderation, QuestionAction
    from workshop_app.voting.admission import Admission, Tickets
    from workshop_app.voting.evening import OnStage
    from workshop_app.voting.follow import RoomView

# An id a phone or remote chooses for a request (vote_id, ask_id, upvote_id, command_id),
# so that a retry counts once: the API checks it, its OpenAPI document states it.
CLIENT_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
# An evening's talk as phones name it (voting/evening.py `OnStage.key`): a vote, a
# question, an upvote or a tap carries the talk the phone saw, and the keeper refuses one
# meant for a talk no longer on (409 talk_changed) rather than count it in the next.
TALK_KEY_LENGTH = 12
TALK_KEY_PATTERN = rf"^[0-9a-f]{{{TALK_KEY_LENGTH}}}$"
TALK_CHANGED = "another talk is on now; this was meant for the one before"


class Event(StrEnum):
    """The `event:` name of a message on a Server-Sent-Event stream."""

    POLL = "poll"  # a poll opened, closed, was revealed …: {"poll", "action", "state"}
    # A poll's tally changed: {"poll", "results"}, `results` as GET
    # /api/polls/{poll}/results?lang= answers it in the stream's language, so
    # nobody fetches after the event.
    TALLY = "tally"
    QUESTIONS = "questions"  # phones: the room's list; the console: "ask again"
    SLIDE = "slide"  # phones: the slide the room sees (voting/follow.py `RoomView.as_event`)
    SLIDE_INDEX = "slide_index"  # the console: the slide index stored, {"index"}
    STATE = "state"  # the speaker's remote: slide, notes, clock, poll
    ROOM = "room"  # the console: the room's figures changed
    REMOTES = "remotes"  # the console: the paired remotes changed
    REMOTE = "remote"  # the console: a remote asked for an action (next, previous …)
    # The console and projector: the room's taps since the last one, gathered (at most
    # ten a second, never one per tap): {"slide", "burst": {emoji: n}, "totals": {emoji: n}}
    REACTIONS = "reactions"
    # An evening: the next talk is on: {"talk" (its key), "index", "count", "title",
    # "speaker"} (voting/evening.py `OnStage`) and its state as a phone's GET
    # /api/session gives it ("room", "reactions", "current_poll": voting/api.py
    # `talk_state`), so no phone asks; the room's questions follow as `questions`.
    TALK = "talk"
    # A phone: its voting card was scanned by another phone, which holds its vote now ({}).
    CARD = "card"


class Pickled:
    """Pickled as the class and its fields in order: a slotted dataclass's own way (a
    dict of its state, set field by field) took ten times as long as a tuple's, on a
    path every vote takes twice."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(map(self.__getattribute__, self.__slots__))


# ---------------------------------------------------------------- worker → keeper: requests
#
# What an HTTP worker asks the keeper (the session's one writer) to do for a phone or
# the app. Each goes inside a `Write` with the number its answer (`Answered` or
# `Refused`) comes back under.


@dataclass(frozen=True, slots=True)
class Vote(Pickled):
    poll_id: str
    device: str
    vote_id: str
    ballot: Ballot
    by_card: bool = False  # an `eligible: cards` poll: the keeper counts the phone's card
    talk: str | None = None  # an evening's talk the phone voted in (TALK_KEY_PATTERN)


@dataclass(frozen=True, slots=True)
class SetPollState(Pickled):
    poll_id: str
    action: PollAction


@dataclass(frozen=True, slots=True)
class RecordHands(Pickled):
    poll_id: str
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Moderate(Pickled):
    answer_id: int
    state: AnswerState


@dataclass(frozen=True, slots=True)
class SetSlide(Pickled):
    index: int


@dataclass(frozen=True, slots=True)
class Ask(Pickled):
    device: str
    ask_id: str
    text: str
    name: str | None
    address: str = ""  # where it came from: limits hold per address as well
    talk: str | None = None  # an evening's talk the phone asked in


@dataclass(frozen=True, slots=True)
class Upvote(Pickled):
    device: str
    question: int
    upvote_id: str
    up: bool
    address: str = ""
    talk: str | None = None  # an evening's talk the phone upvoted in


@dataclass(frozen=True, slots=True)
class React(Pickled):
    """A tap from the room: counted in the keeper's memory, written a few times a second
    as counts per slide; the answer is the slide it counted for."""

    device: str
    emoji: str
    address: str
    talk: str | None = None  # an evening's talk the phone tapped in


@dataclass(frozen=True, slots=True)
class ActOnQuestion(Pickled):
    question: int
    action: QuestionAction


@dataclass(frozen=True, slots=True)
class SetQuestionModeration(Pickled):
    mode: Moderation


@dataclass(frozen=True, slots=True)
class Join(Pickled):
    """A phone with (or without) the right code: answered from memory, nothing written."""

    address: str
    code_ok: bool
    renewing: bool
    returning: str | None = None  # the device an earlier run's ticket claims, unchecked


@dataclass(frozen=True, slots=True)
class NewPairing(Pickled):
    """The console wants a secret to show as a QR code for a remote."""


@dataclass(frozen=True, slots=True)
class Pair(Pickled):
    address: str
    secret: str


@dataclass(frozen=True, slots=True)
class Revoke(Pickled):
    remote: str


@dataclass(frozen=True, slots=True)
class RemoteCommand(Pickled):
    remote: str
    command: str  # the remote's id for this press, so a retry is done once
    action: str
    poll: str | None


@dataclass(frozen=True, slots=True)
class RemotePointer(Pickled):
    """A remote's finger on its picture of the slide: the laser dot there (None: gone)."""

    remote: str
    at: tuple[float, float] | None  # fractions of the slide, checked by the API


@dataclass(frozen=True, slots=True)
class PublishRemoteState(Pickled):
    state: dict[str, Any]
    preview: bytes | None  # None: the picture of the next slide did not change
    current: bytes | None = None  # the current slide's, to point on; None: unchanged


@dataclass(frozen=True, slots=True)
class SetRoomView(Pickled):
    view: RoomView


@dataclass(frozen=True, slots=True)
class Ink(Pickled):
    """The speaker's ink: a finished stroke (JSON) on a slide, or None: the slide erased."""

    slide: int
    stroke: str | None


@dataclass(frozen=True, slots=True)
class HoldCard(Pickled):
    """A phone joined with voting card `serial` (signature checked): it holds the card's
    vote from now on, and the card counts as present (session/cards.py)."""

    device: str
    serial: int
    # The card the phone kept (not scanned now): held again only where no other phone
    # holds it, else refused ("card_taken"), so a phone that slept never takes it back.
    kept: bool = False


@dataclass(frozen=True, slots=True)
class SwitchTalk(Pickled):
    """An evening: the talk at `index` of the program goes on (answered once it is)."""

    index: int


@dataclass(frozen=True, slots=True)
class ReloadProgram(Pickled):
    """An evening: the program file changed (a talk was added); read it again."""


# Written to the session: the keeper's store commits these in a group.
StoreRequest = (
    Vote
    | SetPollState
    | RecordHands
    | Moderate
    | SetSlide
    | Ask
    | Upvote
    | ActOnQuestion
    | SetQuestionModeration
    | Ink
)
# Answered from the keeper's memory (a remote's poll command becomes store work).
MemoryRequest = (
    Join
    | NewPairing
    | Pair
    | Revoke
    | RemoteCommand
    | RemotePointer
    | PublishRemoteState
    | SetRoomView
    | React
    | HoldCard
)
# An evening's: the keeper opens another talk's session (voting/evening.py).
EveningRequest = SwitchTalk | ReloadProgram
Request = StoreRequest | MemoryRequest | EveningRequest


# ---------------------------------------------------------------- worker → keeper: the rest


@dataclass(frozen=True, slots=True)
class Write(Pickled):
    """One turn of a worker's event loop: its requests, each with its number."""

    requests: tuple[tuple[int, Request], ...]


@dataclass(frozen=True, slots=True)
class Watching(Pickled):
    """The phones following the room on this worker (a phone on two workers is one)."""

    phones: frozenset[str]


@dataclass(frozen=True, slots=True)
class Ready(Pickled):
    """The worker listens."""


@dataclass(frozen=True, slots=True)
class Failed(Pickled):
    """The worker could not listen; why."""

    reason: str


@dataclass(frozen=True, slots=True)
class TalkReady(Pickled):
    """An evening: this worker reads the next talk's session now (`TalkChanged`)."""

    key: str


ToKeeper = Write | Watching | Ready | Failed | TalkReady


# ---------------------------------------------------------------- keeper → workers


@dataclass(frozen=True, slots=True)
class Answered(Pickled):
    """A request done (committed, if it wrote): its value, as the worker's caller expects it."""

    request_id: int
    value: object


@dataclass(frozen=True, slots=True)
class Refused(Pickled):
    """A request refused: the store's rule it broke (`StoreError.code`) and why."""

    request_id: int
    code: str
    message: str


Reply = Answered | Refused


@dataclass(frozen=True, slots=True)
class Replies(Pickled):
    replies: tuple[Reply, ...]


@dataclass(frozen=True, slots=True)
class Changes(Pickled):
    """Committed changes, for the workers' event streams."""

    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class WatchingCount(Pickled):
    """Phones following the room, over every worker."""

    count: int


@dataclass(frozen=True, slots=True)
class Participants(Pickled):
    """Phones that voted in this session."""

    count: int


@dataclass(frozen=True, slots=True)
class DoorCounts(Pickled):
    addresses: int  # source addresses that got a ticket
    refused: int  # joins refused: too many devices from one address


@dataclass(frozen=True, slots=True)
class Remotes(Pickled):
    paired: tuple[dict[str, object], ...]
    revoked: frozenset[str]


@dataclass(frozen=True, slots=True)
class RemoteState(Pickled):
    """What the speaker's remotes show, and the next and the current slide as PNGs."""

    state: dict[str, Any]
    preview: bytes | None
    current: bytes | None = None


@dataclass(frozen=True, slots=True)
class RoomViewChanged(Pickled):
    view: RoomView


@dataclass(frozen=True, slots=True)
class Start(Pickled):
    """Listen: where, with which secrets and rules."""

    host: str
    port: int
    token: str  # the presenter's
    ticket_key: bytes
    admission: Admission
    remote_keys: Tickets
    card_key: CardKey | None = None  # the voting cards' key, where cards were issued


@dataclass(frozen=True, slots=True)
class TalkChanged(Pickled):
    """An evening: `stage` is on. With a deck (`deck/pickling.py`: the model's read-only
    mappings pickled too), a new talk: read `session` from now on and say `TalkReady`;
    without, the same talk at another place in the program (a talk was added)."""

    stage: OnStage
    deck: bytes | None = None
    session: Path | None = None


@dataclass(frozen=True, slots=True)
class AnnounceTalk(Pickled):
    """An evening: every worker reads the next talk now; tell every stream (`talk`).
    Not before: a phone that hears of it asks for the talk's state, perhaps of
    another worker, which must not answer with the last talk's."""

    stage: OnStage


@dataclass(frozen=True, slots=True)
class CardTaken(Pickled):
    """Another phone scanned the voting card `device` held: its streams are told so."""

    device: str


@dataclass(frozen=True, slots=True)
class Stop(Pickled):
    """Stop listening; answers to requests in flight still come."""


ToWorker = (
    Replies
    | Changes
    | WatchingCount
    | Participants
    | DoorCounts
    | Remotes
    | RemoteState
    | RoomViewChanged
    | TalkChanged
    | AnnounceTalk
    | CardTaken
    | Start
    | Stop
)
