"""The laptop's addresses on the local network, found without sending a packet or a DNS query."""

from __future__ import annotations

import fcntl
import ipaddress
import socket
import struct

SIOCGIFADDR = 0x8915  # Linux ioctl: an interface's IPv4 address


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, loopback and link-local left out."""
    found: list[str] = []
    try:
        interfaces = socket.if_nameindex()
    except OSError:
        return found
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in interfaces:
            try:
                packed = fcntl.ioctl(
                    probe.fileno(), SIOCGIFADDR, struct.pack("256s", name[:15].encode())
                )
            except OSError:
                continue  # no IPv4 address on this interface
            address = ipaddress.IPv4Address(packed[20:24])
            if not (address.is_loopback or address.is_link_local) and str(address) not in found:
                found.append(str(address))
    return found
