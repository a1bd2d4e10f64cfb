"""Benchmark: votes against a real `serve` (the keeper that writes and its HTTP workers).

    .venv/bin/python -m bench.votes [--phones 500] [--seconds 10] [--connections 500]

(a) 500 simulated phones vote at once (bench/phones.py, one connection each): all
    must be acknowledged; time to the last acknowledgement (goal < 0.5 s).
(b) Sustained durable votes/s with `wrk` (a C load generator, so the client is
    not the bottleneck) at 500 connections, every request a new device and
    vote_id (goal ≥ 10,000/s). Afterwards the stored ballots must match the 2xx
    responses wrk counted, give or take the requests still in flight when wrk
    stopped (at most one per connection). Baselines in the same run: `wrk` on
    GET /api/polls, a read that touches no writer; and a bare aiohttp app that
    parses the same JSON body and answers JSON, no validation, no store: the
    ceiling of one aiohttp process on this machine, and of as many processes
    sharing the port as the server has workers (its ceiling).
(c) Commit to Server-Sent Event: the time from a vote's acknowledgement until
    the last of 200 listening clients has the tally event.
(d) Under attack: 200 honest phones, each from an address of its own in
    127.0.0.0/8, vote (and change their vote) every 0.6 s; acknowledged votes/s
    and their p99, first quiet, then while one laptop (127.0.0.9) holds 2,000
    idle connections and a script (from 127.0.0.8) stuffs the ballot: it joins
    again and again and sends votes with made-up device ids. Also how many of the
    script's votes counted (at most the per-address cap).
Medians over rounds; results go to bench/results/votes.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import aiohttp

from bench.phones import tickets, votes_at_once
from bench.results_file import report
from tests.support.serving import Server, join_many, start_server
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import EventStreamParser

ROOT = Path(__file__).resolve().parent.parent
POLL = "pflicht-vorher"
WRK_TICKETS = 200_000  # 10 s at up to 20,000 votes/s: a new phone for every vote

# Phones join before the clock starts, one per vote as far as they last (each wrk
# thread takes its share of the tickets, read from a file: a Lua table of 200,000
# literals is too big for LuaJIT); past the end a phone changes its vote.
WRK_VOTES = r"""
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local share = math.floor(#TICKETS / THREADS)
  local device = TICKETS[tid * share + counter %% share + 1]
  local body = string.format(
    '{"code":"%s","device":"%s","vote_id":"v%02d%012d","choice":%d}',
    CODE, device, tid, counter, counter %% 4)
  return wrk.format("POST", "/api/polls/pflicht-vorher/votes",
                    {["Content-Type"] = "application/json"}, body)
end
"""


async def phones_at_once(port: int, code: str, phones: int, tag: str) -> float:
    """Seconds until every one of `phones` simultaneous votes is acknowledged (each a fresh
    phone on a connection of its own; bench/phones.py keeps the client's cost out of it)."""
    joined = await tickets(port, code, phones)
    done = votes_at_once(port, code, POLL, joined, tag)
    if done.statuses != {200}:
        raise RuntimeError(f"not all acknowledged: {sorted(done.statuses)}")
    return done.last_s


async def commit_to_event(port: int, code: str, listeners: int, rounds: int) -> list[float]:
    """Milliseconds from a vote's acknowledgement to the tally event at the last listener."""
    base = f"http://127.0.0.1:{port}"
    connector = aiohttp.TCPConnector(limit=0)
    delays: list[float] = []
    async with aiohttp.ClientSession(connector=connector) as session:
        tickets = await join_many(session, base, code, listeners + rounds)
        streams = [await session.get(f"{base}/api/events", params={"ticket": t})
                   for t in tickets[:listeners]]  # fmt: skip
        for stream in streams:
            await stream.content.readline()  # "retry: 2000"
            await stream.content.readline()

        parsers = {stream: EventStreamParser() for stream in streams}

        async def next_tally(stream: aiohttp.ClientResponse) -> float:
            while chunk := await stream.content.readany():
                if any(e.event == Event.TALLY for e in parsers[stream].feed(chunk)):
                    return time.perf_counter()
            raise EOFError("the stream ended")

        for n in range(rounds):
            waiting = [asyncio.create_task(next_tally(s)) for s in streams]
            body = {"code": code, "device": tickets[listeners + n], "vote_id": f"sse{n}",
                    "choice": 1}  # fmt: skip
            async with session.post(f"{base}/api/polls/{POLL}/votes", json=body) as response:
                await response.read()
                acked = time.perf_counter()
            arrived = await asyncio.gather(*waiting)
            delays.append((max(arrived) - acked) * 1000)
            await asyncio.sleep(0.05)
        for stream in streams:
            stream.close()
    return delays


async def join_all(port: int, code: str, count: int) -> list[str]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        return await join_many(session, f"http://127.0.0.1:{port}", code, count)


def votes_script(path: Path, port: int, code: str, phones: int = WRK_TICKETS) -> Path:
    """The wrk script that votes: `phones` phones join first, not on the clock."""
    tickets = asyncio.run(join_all(port, code, phones))
    listed = path.with_suffix(".tickets")
    listed.write_text("\n".join(tickets) + "\n")
    path.write_text(
        f'CODE = "{code}"\nTHREADS = 2\nTICKETS = {{}}\n'
        f'for line in io.lines("{listed}") do TICKETS[#TICKETS + 1] = line end\n'
        + WRK_VOTES.replace("%%", "%")
    )
    return path


def wrk_missing() -> bool:
    """Whether wrk is missing, after saying how to install it: each benchmark that loads
    the server with it ends with exit code 1 then."""
    if shutil.which("wrk") is not None:
        return False
    print("wrk is missing: sudo apt-get install -y --no-install-recommends wrk", file=sys.stderr)
    return True


def wrk_in_background(
    port: int, script: Path, connections: int, seconds: float
) -> subprocess.Popen[str]:
    """wrk running `script` against the server at `port` for `seconds` while the caller
    measures; `communicate()` gives its report once it ends (SIGINT ends it sooner)."""
    return subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", f"-d{round(seconds)}s", "--timeout", "5s",
         "-s", str(script), f"http://127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def wrk_figure(report: str, label: str) -> float | None:
    """The figure at the end of the line of wrk's report that holds `label`
    ("Requests/sec", "Non-2xx or 3xx responses"); None where there is no such line."""
    line = next((line for line in report.splitlines() if label in line), None)
    return float(line.split()[-1]) if line is not None else None


def wrk(
    port: int,
    path_script: Path | None,
    seconds: int,
    connections: int,
    token: str | None = None,
) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if token is not None:  # the read baseline: the presenter's poll list
        command += ["-H", f"Authorization: Bearer {token}"]
    if path_script is not None:
        command += ["-s", str(path_script), f"http://127.0.0.1:{port}/api/polls/{POLL}/votes"]
    else:
        command.append(f"http://127.0.0.1:{port}/api/polls")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "per_second": rate,
        "requests": total,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
    }


BARE_AIOHTTP = """
import os, sys
from aiohttp import web
async def answer(request):
    await request.json()
    return web.json_response({"receipt": "x"})
for _ in range(int(sys.argv[2]) - 1):  # as many processes as asked, sharing the port
    if os.fork() == 0:
        break
app = web.Application()
app.router.add_post("/vote", answer)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None,
            reuse_port=True)
"""
WRK_BARE = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"code":"ABCDE","device":"bare-000000000001","vote_id":"v1","choice":1}'
"""


def bare_aiohttp(
    folder: Path, seconds: int, connections: int, processes: int = 1
) -> dict[str, float]:
    """wrk against the bare aiohttp app: what `processes` aiohttp processes manage at all."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = subprocess.Popen([sys.executable, "-c", BARE_AIOHTTP, str(port), str(processes)])
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        script = folder / "bare.lua"
        script.write_text(WRK_BARE)
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                   "-s", str(script), f"http://127.0.0.1:{port}/vote"]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return {"per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    finally:
        for pid in [app.pid, *_children(app.pid)]:
            os.kill(pid, signal.SIGTERM)
        app.wait(timeout=10)


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


HONEST_PHONES = 200
HONEST_EVERY = 0.6  # seconds between one phone's votes: under its 20 per 10 s


async def honest_room(port: int, code: str, seconds: float) -> tuple[int, list[float]]:
    """Acknowledged votes and their latencies (ms) from phones at their own addresses."""
    base = f"http://127.0.0.1:{port}"
    latencies: list[float] = []
    acked = 0

    async def phone(n: int) -> None:
        nonlocal acked
        source = f"127.0.{10 + n // 250}.{n % 250 + 1}"
        connector = aiohttp.TCPConnector(local_addr=(source, 0))
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            ticket = (await join_many(session, base, code, 1))[0]
            end = time.monotonic() + seconds
            k = 0
            while time.monotonic() < end:
                body = {"code": code, "device": ticket, "vote_id": f"h{n}-{k}-{time.time_ns()}",
                        "choice": k % 4}  # fmt: skip
                began = time.perf_counter()
                try:
                    async with session.post(f"{base}/api/polls/{POLL}/votes", json=body) as r:
                        await r.read()
                        if r.status == 200:
                            acked += 1
                            latencies.append((time.perf_counter() - began) * 1000)
                except (aiohttp.ClientError, TimeoutError):
                    pass  # not acknowledged: what `acked` counts, the measured figure
                k += 1
                await asyncio.sleep(HONEST_EVERY)

    await asyncio.gather(*(phone(n) for n in range(HONEST_PHONES)))
    return acked, latencies


async def attacker(port: int, code: str, stop: asyncio.Event) -> int:
    """Idle connections and ballot stuffing from one address; returns votes it got counted."""
    base = f"http://127.0.0.1:{port}"
    idle = []
    for _ in range(2000):
        try:
            _, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=("127.0.0.9", 0)
            )
            idle.append(writer)
        except OSError:
            pass  # refused: the connection cap at work, which is what this measures
    counted = 0
    # The script runs from a second address: from the first, the per-address
    # connection cap would already stop it, and the ticket cap would go unmeasured.
    connector = aiohttp.TCPConnector(local_addr=("127.0.0.8", 0), limit=50)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def stuff(worker: int) -> None:
            nonlocal counted
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    async with session.post(f"{base}/api/join", json={"code": code}) as r:
                        answer = await r.json(content_type=None)
                    device = (
                        answer.get("ticket") if r.status == 200 else f"made-up-{worker}-{n:012d}"
                    )
                    body = {
                        "code": code,
                        "device": device,
                        "vote_id": f"s{worker}-{n}",
                        "choice": 0,
                    }
                    async with session.post(f"{base}/api/polls/{POLL}/votes", json=body) as r:
                        await r.read()
                        counted += r.status == 200
                except (aiohttp.ClientError, TimeoutError, ValueError):
                    await asyncio.sleep(0.01)

        await asyncio.gather(*(stuff(w) for w in range(20)))
    for writer in idle:
        writer.close()
    return counted


async def under_attack(port: int, code: str, seconds: float) -> dict[str, object]:
    quiet, quiet_ms = await honest_room(port, code, seconds)
    stop = asyncio.Event()
    attack = asyncio.create_task(attacker(port, code, stop))
    await asyncio.sleep(2.0)  # the idle connections are up, the script at full speed
    loud, loud_ms = await honest_room(port, code, seconds)
    stop.set()
    stuffed = await attack
    p99 = lambda values: round(sorted(values)[int(len(values) * 0.99) - 1], 1) if values else None  # noqa: E731
    return {
        "honest_acked_per_s_quiet": round(quiet / seconds),
        "honest_p99_ms_quiet": p99(quiet_ms),
        "honest_acked_per_s_attack": round(loud / seconds),
        "honest_p99_ms_attack": p99(loud_ms),
        "attacker_votes_counted": stuffed,
    }


def stored_votes(server: Server) -> int:
    """Every vote row in the session file, changed ones too (read-only, beside the writer)."""
    with closing(sqlite3.connect(f"file:{server.session}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT COUNT(*) FROM votes").fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--listeners", type=int, default=200)
    args = parser.parse_args()
    if wrk_missing():
        return 1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # the attack's idle connections
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    folder = Path(tempfile.mkdtemp())
    server = start_server(folder / "bench.impuls")
    result: dict[str, object] = {"cores": os.cpu_count()}
    try:
        server.control(POLL, "open")
        bursts = [
            asyncio.run(phones_at_once(server.port, server.join_code, args.phones, f"r{r}"))
            for r in range(args.rounds)
        ]
        result["phones_at_once"] = args.phones
        result["all_acked_median_ms"] = round(statistics.median(bursts) * 1000, 1)
        result["all_acked_max_ms"] = round(max(bursts) * 1000, 1)

        script = votes_script(folder / "votes.lua", server.port, server.join_code)
        before = stored_votes(server)
        votes = wrk(server.port, script, args.seconds, args.connections)
        counted = stored_votes(server) - before
        reads = wrk(server.port, None, args.seconds, args.connections, token=server.token)
        acknowledged = votes["requests"] - votes["non_2xx"]
        result["wrk_connections"] = args.connections
        result["durable_votes_per_s"] = round(votes["per_second"])
        result["votes_p99_ms"] = votes["p99_ms"]
        result["votes_non_2xx"] = votes["non_2xx"]
        # wrk stops with up to one request per connection in flight: those are stored
        # but never counted as answered by wrk. More would mean a lost or extra vote.
        if not 0 <= counted - acknowledged <= args.connections:
            raise RuntimeError(f"{acknowledged} acknowledged but {counted} stored")
        result["acknowledged_vs_stored"] = f"{acknowledged} / {counted}"
        result["baseline_reads_per_s"] = round(reads["per_second"])
        result["votes_to_reads_ratio"] = round(votes["per_second"] / reads["per_second"], 2)
        bare = bare_aiohttp(folder, args.seconds, args.connections)
        result["bare_aiohttp_posts_per_s"] = round(bare["per_second"])
        result["votes_to_bare_aiohttp_ratio"] = round(votes["per_second"] / bare["per_second"], 2)
        # The server's workers share the port the same way: its ceiling on this machine.
        workers = len(_children(server.process.pid))
        shared = bare_aiohttp(folder, args.seconds, args.connections, workers)
        result["server_workers"] = workers
        result["bare_aiohttp_same_processes_per_s"] = round(shared["per_second"])
        result["votes_to_bare_same_processes_ratio"] = round(
            votes["per_second"] / shared["per_second"], 2
        )

        attack_server = start_server(folder / "attack.impuls", devices_per_address=10)
        try:
            attack_server.control(POLL, "open")
            result |= asyncio.run(
                under_attack(attack_server.port, attack_server.join_code, args.seconds)
            )
        finally:
            attack_server.stop()
        server.control(POLL, "reveal")  # phones hear of tallies once the room sees them
        delays = asyncio.run(commit_to_event(server.port, server.join_code, args.listeners, 30))
        result["sse_listeners"] = args.listeners
        result["ack_to_last_sse_median_ms"] = round(statistics.median(delays), 2)
        result["ack_to_last_sse_p95_ms"] = round(sorted(delays)[int(len(delays) * 0.95) - 1], 2)
    finally:
        server.stop()
    report("votes", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
