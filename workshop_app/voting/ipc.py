"""Messages between the voting server's own processes: length-prefixed pickles on a socket pair.

Both ends are processes this server forked itself (`server.serve`), so pickle
is safe here; nothing from the network is ever unpickled. Messages are the
dataclasses of `messages.py`: a channel sends one kind (`ToKeeper` or
`ToWorker`) and receives the other, and checks what it unpickled is one of them.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Generic, TypeVar, cast, get_args

from workshop_app.voting.messages import ToKeeper, ToWorker

HEADER = struct.Struct("!I")
READ_LIMIT = 1 << 22  # a batch of a few thousand votes fits with room to spare


Sent = TypeVar("Sent", ToKeeper, ToWorker)
Received = TypeVar("Received", ToKeeper, ToWorker)


class Channel(Generic[Sent, Received]):
    """One end of the socket pair: sends `Sent` messages, receives `Received` ones."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        received: tuple[type, ...],
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._received = received

    @classmethod
    async def to_keeper(cls, sock: socket.socket) -> Channel[ToKeeper, ToWorker]:
        """A worker's end."""
        reader, writer = await asyncio.open_connection(sock=sock, limit=READ_LIMIT)
        return Channel(reader, writer, get_args(ToWorker))

    @classmethod
    async def to_worker(cls, sock: socket.socket) -> Channel[ToWorker, ToKeeper]:
        """The keeper's end of one worker's pair."""
        reader, writer = await asyncio.open_connection(sock=sock, limit=READ_LIMIT)
        return Channel(reader, writer, get_args(ToKeeper))

    @property
    def closed(self) -> bool:
        return self._writer.is_closing()

    def send(self, message: Sent) -> None:
        """Queue `message` for the other side (never blocks; the peer reads all the time)."""
        if self.closed:
            return  # the peer is gone; what it asked for can no longer reach it
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        self._writer.write(HEADER.pack(len(data)) + data)

    async def drain(self) -> None:
        await self._writer.drain()

    async def receive(self) -> Received | None:
        """The next message, or None once the other side has hung up.

        Raises TypeError for anything else: our own peer sent it, so it is a bug."""
        try:
            head = await self._reader.readexactly(HEADER.size)
            body = await self._reader.readexactly(HEADER.unpack(head)[0])
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        message = pickle.loads(body)
        if not isinstance(message, self._received):
            raise TypeError(f"not a message this end receives: {message!r:.200}")
        return cast(Received, message)

    def close(self) -> None:
        self._writer.close()
