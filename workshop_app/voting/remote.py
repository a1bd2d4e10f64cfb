"""The speaker's phone as remote: pairing, its token, its commands, what it is shown.

Pairing: the console (presenter token) asks for a pairing secret and shows it as a
QR code on the laptop only. The phone that scans it trades the secret, once, within
five minutes, for a remote token: an id signed with a key that lives only as long
as this server run (a restart means pairing again; a revoked phone stays revoked).
Wrong secrets count as wrong join codes for their address. A participant's ticket
is signed with another key and another header word, so it opens nothing here.

Commands carry a `command_id`: a retry after a Wi-Fi drop is acknowledged, never
carried out twice. Slide commands go to the app (the presenter's event stream);
poll commands are the same store work as the console's buttons.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import StrEnum

from workshop_app.session.model import PollAction
from workshop_app.voting.admission import Tickets

PAIRING_SECONDS = 300.0
REMEMBERED_COMMANDS = 2000  # command ids kept to answer retries


class RemoteAction(StrEnum):
    """What the remote can ask for: the presenting keys it replaces, and a poll's buttons."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    BLACK = "black"
    OPEN = "open"
    CLOSE = "close"
    REVEAL = "reveal"

    @property
    def poll_action(self) -> PollAction | None:
        return {
            RemoteAction.OPEN: PollAction.OPEN,
            RemoteAction.CLOSE: PollAction.CLOSE,
            RemoteAction.REVEAL: PollAction.REVEAL,
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
    commands: OrderedDict[str, str] = field(default_factory=OrderedDict)  # id → remote

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
        return True

    def first_time(self, command: str, remote: str) -> bool | None:
        """True for a new command; False for a retry of this remote's; None if the id is
        another remote's."""
        earlier = self.commands.get(command)
        if earlier is not None:
            return False if earlier == remote else None
        self.commands[command] = remote
        while len(self.commands) > REMEMBERED_COMMANDS:
            self.commands.popitem(last=False)
        return True
