"""The speaker's phone as remote: pairing, its token, its commands, what it is shown.

Pairing: the console (presenter token) asks for a pairing secret and shows it as a
QR code on the laptop only. The phone that scans it trades the secret, once, within
five minutes, for a remote token: an id signed with a key that lives only as long
as this server run (a restart means pairing again; a revoked phone stays revoked).
Wrong secrets count as wrong join codes for their address. A participant's ticket
is signed with another key and another header word, so it opens nothing here.

Commands carry a `command_id`: a retry after a Wi-Fi drop is acknowledged, never
carried out twice, for as long as the pairing lives: its ids are never forgotten.
Memory stays bounded because a pairing may send at most COMMANDS_PER_PAIRING
commands (hours of pressing at the rate below); after that it must pair again,
and new ids are refused rather than old ones forgotten (a forgotten id could be
replayed). A human presses a clicker a few times a second at most, so a remote's
new commands are limited to COMMAND_RATE; retries of known ids always get their answer.
Slide commands go to the app (the presenter's event stream); poll commands are
the same store work as the console's buttons.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from workshop_app.session.model import PollAction
from workshop_app.voting.admission import Tickets

PAIRING_SECONDS = 300.0
COMMANDS_PER_PAIRING = 10_000  # ids remembered per pairing (~1 MB at most); then pair again
# At most 60 new commands of one remote in 2 s. A thumb or a clicker gives a few a
# second; the tests that drive a talk from the remote go faster on a quick machine
# (a command is dropped once refused), and a script's 1,700 a second stay far above.
COMMAND_RATE = (60, 2.0)
# The pointer is a state, sent while a finger moves (the page sends one every 50 ms):
# at most 30 moves of one remote a second, counted apart from the taps, so pointing
# never costs a "next". A move carries no id and is never remembered.
POINTER_RATE = (30, 1.0)
# What `Pairings.first_time` answers besides True (new) and False (a retry).
TAKEN = "command_taken"  # the id is another remote's
TOO_FAST = "too_fast"  # over COMMAND_RATE
PAIR_AGAIN = "pair_again"  # this pairing has sent COMMANDS_PER_PAIRING commands


class RemoteAction(StrEnum):
    """What the remote can ask for: the presenting keys it replaces, and a poll's buttons."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    BLACK = "black"
    OPEN = "open"
    CLOSE = "close"
    REVEAL = "reveal"
    EXTEND = "extend"  # "+30 s" on the poll's countdown
    HALT = "halt"  # "Stopp": the countdown stops, the poll stays open

    @property
    def poll_action(self) -> PollAction | None:
        return {
            RemoteAction.OPEN: PollAction.OPEN,
            RemoteAction.CLOSE: PollAction.CLOSE,
            RemoteAction.REVEAL: PollAction.REVEAL,
            RemoteAction.EXTEND: PollAction.EXTEND,
            RemoteAction.HALT: PollAction.HALT,
        }.get(self)


def remote_keys(key: bytes) -> Tickets:
    """Remote tokens: tickets of their own domain, signed with this run's key."""
    return Tickets(key, domain=b"remote:")


@dataclass
class Paired:
    id: str
    paired_at: float

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "paired_at": self.paired_at}


@dataclass
class Pairings:
    """The keeper's pairing secret, paired remotes and revoked ones (memory only)."""

    keys: Tickets
    secret: str | None = None
    expires: float = 0.0
    paired: dict[str, Paired] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    commands: dict[str, str] = field(default_factory=dict)  # id → remote, for the pairing's life
    sent: dict[str, int] = field(default_factory=dict)  # remote → commands it sent
    recent: dict[str, deque[float]] = field(default_factory=dict)  # remote → its latest presses
    pointed: dict[str, deque[float]] = field(default_factory=dict)  # remote → its latest moves

    def new_secret(self) -> tuple[str, float]:
        self.secret = secrets.token_urlsafe(18)
        self.expires = time.monotonic() + PAIRING_SECONDS
        return self.secret, PAIRING_SECONDS

    def pair(self, given: str) -> str | None:
        """A token for the phone that brings the current secret; the secret is then used up."""
        if (
            self.secret is None
            or time.monotonic() > self.expires
            or not hmac.compare_digest(given.encode(), self.secret.encode())
        ):
            return None
        self.secret = None
        token = self.keys.issue()
        remote = self.keys.device(token)
        assert remote is not None  # signed just now
        self.paired[remote] = Paired(remote, time.time())
        return token

    def revoke(self, remote: str) -> bool:
        if self.paired.pop(remote, None) is None:
            return False
        self.revoked.add(remote)
        # Its token is refused from now on, so its ids can go (and their memory with them).
        self.commands = {c: r for c, r in self.commands.items() if r != remote}
        self.sent.pop(remote, None)
        self.recent.pop(remote, None)
        self.pointed.pop(remote, None)
        return True

    def may_point(self, remote: str) -> bool:
        """Whether a pointer move of `remote` is within POINTER_RATE (and counts it)."""
        return _within_rate(self.pointed.setdefault(remote, deque()), POINTER_RATE)

    def first_time(self, command: str, remote: str) -> bool | str:
        """True for a new command, to be carried out; False for a retry of this remote's;
        else why it is refused (TAKEN, TOO_FAST, PAIR_AGAIN)."""
        earlier = self.commands.get(command)
        if earlier is not None:
            return False if earlier == remote else TAKEN
        if self.sent.get(remote, 0) >= COMMANDS_PER_PAIRING:
            return PAIR_AGAIN
        if not _within_rate(self.recent.setdefault(remote, deque()), COMMAND_RATE):
            return TOO_FAST
        self.commands[command] = remote
        self.sent[remote] = self.sent.get(remote, 0) + 1
        return True


def _within_rate(times: deque[float], rate: tuple[int, float]) -> bool:
    """Whether one more event fits `rate` (at most n in s seconds); counts it if so."""
    now = time.monotonic()
    while times and now - times[0] > rate[1]:
        times.popleft()
    if len(times) >= rate[0]:
        return False
    times.append(now)
    return True
