"""The laptop's addresses on the local network, found without sending a packet or a DNS query.

psutil reads the system's own table of interfaces (getifaddrs on Linux and macOS,
GetAdaptersAddresses on Windows): nothing goes out on the wire and no name is looked up.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from pathlib import Path

import psutil

log = logging.getLogger("impuls.voting")

# Interfaces of containers, virtual machines and VPNs, by how their names begin on Linux,
# macOS and Windows: a phone in the room reaches none of them, so they come last.
VIRTUAL_PREFIXES = (
    "docker", "br-", "veth", "virbr", "lxc", "lxd", "podman", "cni", "flannel",
    "vboxnet", "vmnet", "bridge", "vethernet", "virtualbox", "vmware", "hyper-v",
    "tun", "tap", "utun", "wg", "tailscale", "zt", "zerotier",
)  # fmt: skip


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, loopback and link-local left out.

    The join screen shows the first one, so interfaces that are up come before those
    that are down, and real ones before virtual ones; else the system's order holds.
    """
    try:
        interfaces = psutil.net_if_addrs()
    except OSError as error:  # the join screen then says there is no network
        log.warning("the network interfaces cannot be listed: %s", error)
        return []
    try:
        up = {name: bool(stats.isup) for name, stats in psutil.net_if_stats().items()}
    except OSError:
        up = {}  # not knowing which are up, the system's order holds
    found: list[tuple[bool, bool, int, str]] = []
    for position, (name, entries) in enumerate(interfaces.items()):
        down = not up.get(name, True)
        virtual = name.lower().startswith(VIRTUAL_PREFIXES)
        for family, address, *_ in entries:
            if family != socket.AF_INET:
                continue  # IPv6, and the hardware (MAC) address
            ip = ipaddress.IPv4Address(address)
            if not (ip.is_loopback or ip.is_link_local):
                found.append((down, virtual, position, str(ip)))
    found.sort(key=lambda entry: entry[:3])  # stable: an interface's own order stays
    return list(dict.fromkeys(address for *_, address in found))


def likely_url(port: int) -> str:
    """The address phones will most likely open on this machine: its first LAN address
    (the join screen's), else loopback. Printed cards take it unless told another."""
    hosts = lan_addresses()
    return f"http://{hosts[0] if hosts else '127.0.0.1'}:{port}"


def cards_url(anchor: Path) -> str:
    """What voting cards for `anchor` (a talk's session, an evening's anchor) should open
    when nobody names an address: this computer's, at the port the cards printed before
    named. The voting server keeps that port, so a second print run must name it too,
    or one of the two batches would miss the server; the default port where none was
    printed. Reads the card key: not on the GUI thread."""
    from workshop_app.session.cards import load_key
    from workshop_app.voting.listening import DEFAULT_PORT

    kept = load_key(anchor)
    return likely_url(kept.port if kept is not None and kept.port else DEFAULT_PORT)
