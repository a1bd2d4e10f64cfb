"""The laptop's LAN addresses: read from the system's interface table, never from the wire."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from workshop_app.paths import ROOT
from workshop_app.voting.network import lan_addresses

LINK = psutil.AF_LINK  # an interface's hardware address


def fake_table(monkeypatch: pytest.MonkeyPatch, addrs: object, stats: object) -> None:
    def answer(value: object) -> object:
        if isinstance(value, Exception):
            raise value
        return value

    monkeypatch.setattr(psutil, "net_if_addrs", lambda: answer(addrs))
    monkeypatch.setattr(psutil, "net_if_stats", lambda: answer(stats))


def entry(family: int, address: str) -> tuple[int, str, None, None, None]:
    return (family, address, None, None, None)  # as psutil's: netmask, broadcast, ptp


TABLE = {
    "lo": [entry(socket.AF_INET, "127.0.0.1"), entry(socket.AF_INET6, "::1")],
    "docker0": [entry(socket.AF_INET, "172.17.0.1")],
    "wlan0": [
        entry(LINK, "02:00:00:00:00:01"),
        entry(socket.AF_INET, "192.168.1.23"),
        entry(socket.AF_INET, "169.254.3.4"),  # link-local: no DHCP server answered
        entry(socket.AF_INET6, "fe80::1%wlan0"),
    ],
    "eth1": [entry(socket.AF_INET, "10.0.0.5")],  # down
    "en5": [entry(socket.AF_INET, "192.168.1.23")],  # the same address twice
    "eth0": [entry(socket.AF_INET, "10.1.2.3"), entry(socket.AF_INET, "10.1.2.2")],
}
UP = {name: SimpleNamespace(isup=name != "eth1") for name in TABLE}


def test_ipv4_only_without_loopback_link_local_or_duplicates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_table(monkeypatch, TABLE, UP)
    # Up before down, real before virtual, else the system's order, an interface's own too.
    assert lan_addresses() == ["192.168.1.23", "10.1.2.3", "10.1.2.2", "172.17.0.1", "10.0.0.5"]


def test_without_the_interfaces_state_the_systems_order_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_table(monkeypatch, TABLE, OSError("no stats"))
    assert lan_addresses() == ["192.168.1.23", "10.0.0.5", "10.1.2.3", "10.1.2.2", "172.17.0.1"]


def test_no_interface_table_means_no_address(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_table(monkeypatch, OSError("no table"), UP)
    assert lan_addresses() == []


# Runs in a fresh interpreter with the network audit on (IMPULS_NETWORK_AUDIT, as the
# rehearsal runs the whole event) plus a hook that sees every socket and process Python
# makes, and counts that psutil's table is what lan_addresses reads.
AUDITED = """
import json, sys
from pathlib import Path

import psutil

from workshop_app.netaudit import install_from_environment
from workshop_app.voting.network import lan_addresses

read = []
table = psutil.net_if_addrs
psutil.net_if_addrs = lambda: read.append(1) or table()
install_from_environment()
seen = []
sys.addaudithook(lambda event, args: seen.append(event)
                 if event.startswith(("socket.", "subprocess.", "os.system", "os.posix_spawn"))
                 else None)
found = lan_addresses()
print(json.dumps({"found": found, "read": len(read), "seen": seen}))
"""


def test_finding_them_sends_nothing_and_resolves_no_name(tmp_path: Path) -> None:
    audit = tmp_path / "net.log"
    result = subprocess.run(
        [sys.executable, "-c", AUDITED],
        cwd=ROOT,
        env={**os.environ, "IMPULS_NETWORK_AUDIT": str(audit)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["read"] == 1  # psutil's interface table, and nothing else, was read
    assert audit.read_text(encoding="utf-8") == ""  # no connect, sendto, bind or lookup
    assert report["seen"] == []  # not even a socket made, no process started
    found = report["found"]
    ours = {a.address for entries in psutil.net_if_addrs().values() for a in entries}
    assert len(found) == len(set(found)) and set(found) <= ours
    for address in map(ipaddress.ip_address, found):
        assert address.version == 4 and not (address.is_loopback or address.is_link_local)


TRACED = """
import os
from workshop_app.voting.network import lan_addresses
os.write(2, b"<<lan_addresses\\n")
lan_addresses()
os.write(2, b"lan_addresses>>\\n")
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("strace") is None,
    reason="strace (Linux, a Debian package) watches the system calls psutil makes in C",
)
def test_psutil_only_asks_the_kernel(tmp_path: Path) -> None:
    """Below Python's audit hooks: every message goes to the kernel (netlink), none to a host."""
    trace = tmp_path / "trace.txt"
    traced = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=%network,write", "-o", str(trace),
         sys.executable, "-c", TRACED],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if traced.returncode != 0 and "ptrace" in traced.stderr.lower():
        pytest.skip(f"strace may not trace here: {traced.stderr.strip()}")
    assert traced.returncode == 0, traced.stderr
    calls = trace.read_text(encoding="utf-8").partition("<<lan_addresses")[2]
    calls = calls.partition("lan_addresses>>")[0]
    assert "RTM_GETADDR" in calls  # the interface table was read in this window
    assert not re.search(r"\bconnect\(", calls), calls
    for line in calls.splitlines():
        if re.search(r"\b(sendto|sendmsg|sendmmsg)\(", line):
            assert "AF_NETLINK" in line, line
