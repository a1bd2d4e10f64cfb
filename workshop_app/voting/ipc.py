"""Messages between the voting server's own processes: length-prefixed pickles on a socket pair.

Both ends are processes this server forked itself (`server.serve`), so pickle
is safe here; nothing from the network is ever unpickled. Messages are tuples
whose first item names them.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Any

HEADER = struct.Struct("!I")
READ_LIMIT = 1 << 22  # a batch of a few thousand votes fits with room to spare


class Channel:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    @classmethod
    async def open(cls, sock: socket.socket) -> Channel:
        reader, writer = await asyncio.open_connection(sock=sock, limit=READ_LIMIT)
        return cls(reader, writer)

    @property
    def closed(self) -> bool:
        return self._writer.is_closing()

    def send(self, message: tuple[Any, ...]) -> None:
        """Queue `message` for the other side (never blocks; the peer reads all the time)."""
        if self.closed:
            return  # the peer is gone; what it asked for can no longer reach it
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        self._writer.write(HEADER.pack(len(data)) + data)

    async def drain(self) -> None:
        await self._writer.drain()

    async def receive(self) -> tuple[Any, ...] | None:
        """The next message, or None once the other side has hung up."""
        try:
            head = await self._reader.readexactly(HEADER.size)
            body = await self._reader.readexactly(HEADER.unpack(head)[0])
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        message = pickle.loads(body)
        assert isinstance(message, tuple)
        return message

    def close(self) -> None:
        self._writer.close()
