"""A poll's countdown through the real server: the server's clock decides (issue 34, item 2).

Real `serve` process, real sockets. The deck's timed poll counts down
decks.COUNTDOWN seconds; the keeper closes it at the end (and its grace) by itself.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from tests.support.decks import COUNTDOWN, TIMED, UNTIMED
from tests.support.serving import Server, client, command, join_many, remote_token, run
from workshop_app.session.countdown import GRACE
from workshop_app.voting.messages import Event

PHONES = 100


def left_of(server: Server, poll: str) -> float | None:
    """The poll's seconds left, as a phone reads them."""
    status, session = server.call("GET", "/api/session", ticket=server.ticket("lesende"))
    assert status == 200 and isinstance(session, dict)
    current = session["current_poll"]
    assert current["id"] == poll and current["state"] == "open"
    left = current["left"]
    assert left is None or isinstance(left, float | int)
    return left


def control(server: Server, poll: str, action: str) -> dict[str, object]:
    status, answer = server.call("POST", f"/api/polls/{poll}/{action}", token=server.token)
    assert status == 200 and isinstance(answer, dict), answer
    return answer


def test_the_server_counts_down_and_plus_30_and_stopp_change_it(countdown_server: Server) -> None:
    server = countdown_server
    events = server.follow(token=server.token)
    opened = control(server, TIMED, "open")
    assert COUNTDOWN - 1 < float(opened["left"]) <= COUNTDOWN  # type: ignore[arg-type]
    said = events.next(skip=(Event.ROOM, Event.TALLY)).json()
    assert said["action"] == "open" and COUNTDOWN - 1 < said["left"] <= COUNTDOWN
    extended = control(server, TIMED, "extend")
    assert COUNTDOWN + 29 < float(extended["left"]) <= COUNTDOWN + 30  # type: ignore[arg-type]
    assert events.next(skip=(Event.ROOM, Event.TALLY)).json()["action"] == "extend"
    assert COUNTDOWN + 29 < (left_of(server, TIMED) or 0) <= COUNTDOWN + 30
    halted = control(server, TIMED, "halt")
    assert halted["left"] is None and halted["state"] == "open"
    assert left_of(server, TIMED) is None
    # The first end and its grace go by: a halted countdown closes nothing.
    deadline = time.monotonic() + COUNTDOWN + GRACE + 0.5
    while time.monotonic() < deadline:  # no event to wait on: that none comes is the test
        time.sleep(0.1)
    assert server.call("GET", "/api/polls", token=server.token)[1][0]["state"] == "open"  # type: ignore[index]
    # "+30 s" on a poll without a countdown starts one; the remote can too.
    control(server, UNTIMED, "open")
    assert left_of(server, UNTIMED) is None
    remote = remote_token(server)
    body = {"command_id": "remote-extend-1", "action": "extend", "poll": UNTIMED}
    assert command(server, f"Remote {remote}", body) == 200
    assert 29 < (left_of(server, UNTIMED) or 0) <= 30
    body = {"command_id": "remote-halt-1", "action": "halt", "poll": UNTIMED}
    assert command(server, f"Remote {remote}", body) == 200
    assert left_of(server, UNTIMED) is None
    events.close()


def test_only_an_open_poll_gets_more_time(countdown_server: Server) -> None:
    status, answer = countdown_server.call(
        "POST", f"/api/polls/{TIMED}/extend", token=countdown_server.token
    )
    assert status == 409 and isinstance(answer, dict) and answer["error"] == "not_open"


async def _last_second(server: Server) -> tuple[list[tuple[float, int, str]], float]:
    """PHONES phones vote from a second before the end to a second after it.

    Each returns (when it sent, by the test's clock, relative to the end; the status;
    the error word, if refused), and the end as the test reckons it."""
    base = f"http://127.0.0.1:{server.port}"
    async with client(limit=PHONES + 10) as session:
        tickets = await join_many(session, base, server.join_code, PHONES)
        async with session.post(
            f"{base}/api/polls/{TIMED}/open", headers={"Authorization": f"Bearer {server.token}"}
        ) as opened:
            left = float((await opened.json())["left"])  # fmt: skip
        end = time.time() + left  # a hair after the server's: the answer took its trip

        async def vote(n: int, ticket: str) -> tuple[float, int, str]:
            at = end - 1.0 + 2.0 * n / PHONES
            await asyncio.sleep(max(0.0, at - time.time()))
            body = {"code": server.join_code, "device": ticket, "vote_id": f"letzte-{n:04d}",
                    "choice": n % 2}  # fmt: skip
            sent = time.time() - end
            try:
                async with session.post(f"{base}/api/polls/{TIMED}/votes", json=body) as answer:
                    said = await answer.json()
                    return sent, answer.status, str(said.get("error", ""))
            except aiohttp.ClientError as error:  # a lost answer would be a lost vote
                pytest.fail(f"phone {n}: no answer ({error})")

        outcomes = await asyncio.gather(*(vote(n, t) for n, t in enumerate(tickets)))
        return list(outcomes), end


def test_a_hundred_phones_voting_in_the_last_second_are_counted_or_told(
    countdown_server: Server,
) -> None:
    server = countdown_server
    outcomes, _ = run(_last_second(server))
    acknowledged = [o for o in outcomes if o[1] == 200]
    refused = [o for o in outcomes if o[1] != 200]
    # Every phone heard back: counted, or told the time was up. Nothing else.
    assert {(status, error) for _, status, error in refused} <= {(410, "too_late")}
    assert acknowledged and refused  # both sides of zero were tried
    # Sent after the end and its grace (by the server's clock, which is this one): refused.
    assert all(status == 410 for sent, status, _ in outcomes if sent > GRACE + 0.05)
    # The poll closed by itself, and what it counted is what it acknowledged.
    _, polls = server.call("GET", "/api/polls", token=server.token)
    assert isinstance(polls, list) and polls[0]["state"] == "closed"
    _, results = server.call("GET", f"/api/polls/{TIMED}/results", token=server.token)
    assert isinstance(results, dict)
    assert results["ballots"] == results["devices"] == len(acknowledged)


def test_a_vote_after_zero_is_refused_with_its_word_and_a_counted_one_kept(
    countdown_server: Server,
) -> None:
    server = countdown_server
    events = server.follow(token=server.token)
    left = float(control(server, TIMED, "open")["left"])  # type: ignore[arg-type]
    end = time.time() + left
    counted = server.vote(TIMED, "fix", "frueh-dran-0001", 0)
    assert counted[0] == 200
    closed_at = None
    while closed_at is None:  # the keeper closes it at the end and its grace
        said = events.next(skip=(Event.ROOM, Event.TALLY)).json()
        if said["action"] == "close":
            closed_at = time.time()
    # Not before the end and its grace (a vote on its way still counts), soon after.
    assert end + GRACE - 0.05 <= closed_at < end + GRACE + 2
    status, refused = server.vote(TIMED, "spaet", "zu-spaet-000001", 1)
    assert status == 410 and isinstance(refused, dict) and refused["error"] == "too_late"
    # The vote counted in time answers its retry with the same receipt, once counted.
    assert server.vote(TIMED, "fix", "frueh-dran-0001", 0) == counted
    _, results = server.call("GET", f"/api/polls/{TIMED}/results", token=server.token)
    assert isinstance(results, dict) and results["ballots"] == 1
    events.close()
