"""The JSON API phones and the app use; every request is validated before anything is written."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Protocol

from aiohttp import web

from workshop_app.deck import Deck, Poll
from workshop_app.i18n import DEFAULT_LANG, Lang
from workshop_app.session.ballots import ballot_for
from workshop_app.session.cards import CardKey, card_count
from workshop_app.session.countdown import wire_left
from workshop_app.session.marks import MAX_STROKE_POINTS, stroke_from_json, stroke_json
from workshop_app.session.model import (
    AnswerState,
    Ballot,
    PollAction,
    PollState,
    PollStatus,
    Receipt,
    StoreError,
)
from workshop_app.session.questions import (
    Asked,
    Moderation,
    QuestionAction,
    QuestionState,
    Upvoted,
    clean_name,
)
from workshop_app.session.results import Results
from workshop_app.session.store import SessionReader
from workshop_app.session.tally import tally
from workshop_app.voting.admission import (
    ADMITTED,
    READMITTED,
    TOO_MANY_DEVICES,
    WRONG_CODE,
    Admission,
    Tickets,
    client_address,
)
from workshop_app.voting.cards import (
    FORGED,
    card_answer,
    card_moved,
    counts_cards,
    presented_card,
    scanned,
)
from workshop_app.voting.events import EventHub, TooManyStreamsError
from workshop_app.voting.follow import RoomView
from workshop_app.voting.messages import TALK_CHANGED
from workshop_app.voting.openapi import Operation, compiled_operations, openapi_document
from workshop_app.voting.phone_page import served_files, spoken

log = logging.getLogger("impuls.voting")
MAX_BODY = 16 * 1024
# An id the store numbered (an answer, a question), or a slide's place: ASCII digits only
# ("²".isdigit() is True).
ROW_ID = re.compile(r"^[0-9]{1,12}$")
BODY_SECONDS = 10.0  # a body that trickles in slower than this is cut off (408)
MAX_DIGITS = 12  # no number the API takes is longer; int() of 5,000 digits is slow, then fails
STORE_STATUS = {
    "unknown_poll": 404,
    "not_open": 409,
    "too_late": 410,  # the countdown was over (session/countdown.py): gone for this run
    "invalid_choice": 422,
    "unknown_answer": 404,
    "too_many": 429,
    "unprocessable": 422,
    "vote_id_taken": 409,
    "questions_off": 404,
    "unknown_question": 404,
    "invalid_question": 422,
    "ask_id_taken": 409,
    "upvote_id_taken": 409,
    "bad_ticket": 403,
    "wrong_code": 403,
    "bad_id": 400,
    "bad_request": 400,
    "pair_again": 409,
    "reactions_off": 404,
    "unknown_reaction": 422,
    "no_card": 403,
    "not_evening": 404,  # an evening's request to a server that gives one talk
    "unknown_talk": 404,
    "busy": 409,
    "talk_changed": 409,  # a phone's write meant for an evening's talk no longer on
}


# The page may talk to this server only: no external request of any kind.
PHONE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
    " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Ledger(Protocol):
    """Where the API writes: the keeper process, which answers once it has committed."""

    @property
    def watching(self) -> int: ...  # phones with the page open, over every worker
    @property
    def participants(self) -> int: ...  # phones that voted in this session
    @property
    def addresses(self) -> int: ...  # source addresses that got a ticket
    @property
    def refused(self) -> int: ...  # joins refused for too many devices from one address
    @property
    def paired(self) -> list[dict[str, object]]: ...  # the speaker's remotes
    @property
    def revoked(self) -> frozenset[str]: ...
    @property
    def remote_state(self) -> dict[str, Any]: ...  # what the remotes show, from the app
    @property
    def preview(self) -> bytes | None: ...  # the next slide as a PNG, from the app
    @property
    def current(self) -> bytes | None: ...  # the current slide as a PNG (to point on)
    @property
    def room_view(self) -> RoomView: ...  # what the projector shows, from the app

    async def join(
        self, address: str, code_ok: bool, renewing: bool, returning: str | None
    ) -> str: ...

    async def vote(
        self,
        poll_id: str,
        device: str,
        vote_id: str,
        ballot: Ballot,
        by_card: bool = False,
        talk: str | None = None,
    ) -> Receipt: ...
    async def hold_card(self, device: str, serial: int, kept: bool = False) -> None: ...
    async def set_state(self, poll_id: str, action: PollAction) -> PollStatus: ...
    async def record_hands(self, poll_id: str, counts: list[int]) -> int: ...
    async def moderate(self, answer_id: int, state: AnswerState) -> str: ...
    async def set_slide(self, index: int) -> int: ...
    async def ink(self, slide: int, stroke: str | None) -> int: ...
    async def ask(
        self,
        device: str,
        ask_id: str,
        text: str,
        name: str | None,
        address: str,
        talk: str | None = None,
    ) -> Asked: ...
    async def upvote(
        self,
        device: str,
        question: int,
        upvote_id: str,
        up: bool,
        address: str,
        talk: str | None = None,
    ) -> Upvoted: ...
    async def act_on_question(self, question: int, action: QuestionAction) -> QuestionState: ...
    async def set_question_moderation(self, mode: Moderation) -> Moderation: ...
    async def pairing(self) -> tuple[str, float]: ...
    async def pair(self, address: str, secret: str) -> str: ...
    async def revoke(self, remote: str) -> bool: ...
    async def remote_command(
        self, remote: str, command: str, action: str, poll: str | None
    ) -> str: ...
    async def remote_pointer(self, remote: str, at: tuple[float, float] | None) -> None: ...
    async def publish_remote_state(
        self, state: dict[str, Any], preview: bytes | None, current: bytes | None = None
    ) -> None: ...
    async def set_room_view(self, view: RoomView) -> None: ...
    async def react(
        self, device: str, emoji: str, address: str, talk: str | None = None
    ) -> int: ...
    async def switch_talk(self, index: int) -> dict[str, object]: ...  # an evening's
    async def reload_program(self) -> dict[str, object]: ...


STORE: web.AppKey[SessionReader] = web.AppKey("store", SessionReader)
LEDGER: web.AppKey[Ledger] = web.AppKey("ledger", Ledger)
DECK: web.AppKey[Deck] = web.AppKey("deck", Deck)
HUB: web.AppKey[EventHub] = web.AppKey("hub", EventHub)
TOKEN: web.AppKey[str] = web.AppKey("token", str)
TICKETS: web.AppKey[Tickets] = web.AppKey("tickets", Tickets)
ADMISSION: web.AppKey[Admission] = web.AppKey("admission", Admission)
POLLS: web.AppKey[dict[str, Poll]] = web.AppKey("polls", dict)
OPERATIONS: web.AppKey[dict[tuple[str, str], Operation]] = web.AppKey("operations", dict)
CARD_KEY: web.AppKey[CardKey | None] = web.AppKey("card_key")  # voting cards' (session/cards.py)
# An evening's talk that is on (voting/evening.py `OnStage.as_json`); a talk alone: none.
TALK: web.AppKey[dict[str, object]] = web.AppKey("talk", dict)
BODY = "impuls.body"  # the request's JSON body, once it passed its schema


def problem(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": code, "message": message}, status=status)


@web.middleware
async def errors_as_json(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure becomes a JSON 4xx/5xx; nothing leaks a traceback to a phone."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return problem(error.status, error.reason.lower().replace(" ", "_"), error.reason)
    except TooManyStreamsError:
        return problem(429, "too_many_streams", "this phone already follows the room")
    except StoreError as error:
        if error.code == "storage":
            log.error("storage failure: %s", error)
            return problem(503, "storage", "the vote could not be stored; please try again")
        return problem(STORE_STATUS.get(error.code, 400), error.code, str(error))
    except Exception:
        log.exception("unexpected failure on %s %s", request.method, request.path)
        return problem(500, "internal", "internal error")


@web.middleware
async def known_hosts_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer only under our own addresses, and only to pages served by us.

    A web page on another site could otherwise send its visitors' browsers here
    (and DNS rebinding could give it a name that points at us): such requests
    carry a foreign Host or Origin.
    """
    hosts = request.app[ADMISSION].hosts
    if hosts:
        if _host_name(request.host) not in hosts:
            return problem(421, "unknown_host", "this server does not answer to that name")
        origin = request.headers.get("Origin")
        if origin is not None and _host_name(origin.split("://", 1)[-1]) not in hosts:
            return problem(403, "foreign_origin", "requests from other sites are refused")
    return await handler(request)


@web.middleware
async def schema_checked(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every body and parameter checked against the OpenAPI document before the handler
    runs: the document is the one truth of what a field may hold (voting/openapi.py).
    A handler checks only what the document cannot say (a slide within the deck, a
    ticket this server signed, the room's code)."""
    resource = request.match_info.route.resource
    if resource is None:
        return await handler(request)
    operation = request.app[OPERATIONS].get((request.method, resource.canonical))
    if operation is None:
        return await handler(request)
    for where, name, required, check in operation.parameters:
        given = request.query if where == "query" else request.match_info
        if name in given:
            said = check(given[name], name)
            if said is not None:
                return problem(400, "bad_request", said)
        elif required:
            return problem(400, "bad_request", f"{name}: missing")
    if operation.body is not None:
        body = await json_body(request)
        said = operation.body(body, "")
        if said is not None:
            return problem(400, "bad_request", said)
        request[BODY] = body
    return await handler(request)


def _host_name(host: str) -> str:
    """`host:port` or `[v6]:port` without the port, in lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def build_app(
    store: SessionReader,
    ledger: Ledger,
    deck: Deck,
    token: str,
    hub: EventHub,
    tickets: Tickets,
    admission: Admission,
) -> web.Application:
    app = web.Application(
        client_max_size=MAX_BODY, middlewares=[known_hosts_only, errors_as_json, schema_checked]
    )
    app[OPERATIONS] = compiled_operations(openapi_document())  # once, for every request
    app[STORE], app[LEDGER], app[DECK], app[HUB], app[TOKEN] = store, ledger, deck, hub, token
    app[TICKETS], app[ADMISSION] = tickets, admission
    app[POLLS] = {poll.id: poll for poll in deck.polls}  # looked up on every vote
    app.router.add_post("/api/polls/{poll}/votes", vote)  # first: the router tries them in order
    for route in served_files():
        app.router.add_get(route, page_handler("phone", route))
    app.router.add_get("/api/openapi.json", openapi)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/session", session_info)
    app.router.add_get("/api/polls", polls)
    app.router.add_get("/api/polls/{poll}/results", results)
    app.router.add_get("/api/events", events)
    app.router.add_get("/api/leaderboard", leaderboard)
    for action in PollAction:
        app.router.add_post(f"/api/polls/{{poll}}/{action.value}", control)
    app.router.add_post("/api/polls/{poll}/hands", hands)
    app.router.add_post("/api/answers/{answer}/approve", moderate)
    app.router.add_post("/api/answers/{answer}/hide", moderate)
    app.router.add_put("/api/slide", slide)
    app.router.add_get("/api/ink", ink)
    app.router.add_post("/api/slides/{slide}/ink", add_stroke)
    app.router.add_delete("/api/slides/{slide}/ink", erase_ink)
    return app


# ---------------------------------------------------------------- helpers


def meant_for(request: web.Request) -> str | None:
    """The evening's talk a phone's write names (its body's `talk`, checked by the
    schema), refused at once if another talk is on here; the keeper checks it again,
    for a write that reaches it after the switch."""
    talk = request[BODY].get("talk") if isinstance(request.get(BODY), dict) else None
    on = request.app.get(TALK)
    if talk is not None and on is not None and talk != on.get("talk"):
        raise StoreError("talk_changed", TALK_CHANGED)
    return talk if isinstance(talk, str) else None


def _poll(request: web.Request) -> Poll:
    try:
        return request.app[POLLS][request.match_info["poll"]]
    except KeyError:
        raise StoreError("unknown_poll", f"no poll {request.match_info['poll']!r}") from None


def is_presenter(request: web.Request) -> bool:
    # compare_digest: the time the comparison takes says nothing about the token
    given = request.headers.get("Authorization", "").encode()
    return hmac.compare_digest(given, f"Bearer {request.app[TOKEN]}".encode())


def require_presenter(request: web.Request) -> None:
    if not is_presenter(request):
        raise web.HTTPUnauthorized(reason="Unauthorized")


def _phone(request: web.Request) -> str | None:
    """The device of a phone that joined: its ticket in the header, or in the query
    (an EventSource cannot set headers)."""
    given = request.headers.get("Authorization", "")
    ticket = given[7:] if given.startswith("Ticket ") else request.query.get("ticket")
    return request.app[TICKETS].device(ticket)


def require_phone_or_presenter(request: web.Request) -> str | None:
    """The phone's device, or None for the presenter; anyone else is refused."""
    if is_presenter(request):
        return None
    device = _phone(request)
    if device is None:
        raise web.HTTPUnauthorized(reason="Unauthorized")
    return device


async def json_object(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; checked against its schema already where the document
    has one (`schema_checked`)."""
    body = request[BODY] if BODY in request else await json_body(request)
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(reason="Bad Request")
    return body


async def json_body(request: web.Request) -> object:
    """The request's body as JSON: 415, 413, 408 or 400 if it is not, or not in time."""
    # JSON only: a form or text/plain body can be sent by any web page a visitor
    # opens (no CORS preflight), so it could vote through their browser.
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType(reason="Unsupported Media Type")
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=request.content_length)
    try:
        async with asyncio.timeout(BODY_SECONDS):
            data = await request.read()
    except TimeoutError:
        raise web.HTTPRequestTimeout(reason="Request Timeout") from None
    try:  # bytes: json finds the UTF encoding itself
        return json.loads(data, parse_int=_short_int)
    except (ValueError, RecursionError):  # malformed, not UTF, a huge number, nested too deep
        raise web.HTTPBadRequest(reason="Bad Request") from None


def _short_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(digits)


def talk_state(app: web.Application) -> dict[str, object]:
    """What a phone that joined is told of the talk: its title, the room's slide, the
    reactions, the poll it may vote on now (GET /api/session; an evening's `talk`
    event carries it too, so that a room of 2,000 does not ask at once). An evening's
    poll says its talk: two talks' polls may share an id and a run."""
    store, deck = app[STORE], app[DECK]
    talk: dict[str, object] = app.get(TALK) or {}
    current = store.current_poll()
    poll = _poll_json(app[POLLS][current.poll_id], current) if current else None
    if poll is not None and "talk" in talk:
        poll["talk"] = talk["talk"]
    return {
        **talk,
        "title": deck.title,
        "room": app[HUB].room_event(app[LEDGER].room_view),
        "reactions": deck.meta.reactions,
        "current_poll": poll,
    }


def _poll_json(poll: Poll, status: PollStatus) -> dict[str, object]:
    return {
        "id": poll.id,
        "type": poll.type.value,
        "question": poll.question,
        "options": list(poll.options),
        "max_choices": poll.max_choices,
        "exclusive": poll.exclusive,
        "min": poll.scale_min,
        "max": poll.scale_max,
        "labels": list(poll.labels),
        "max_length": poll.max_length,
        "quiz": poll.quiz,
        "cards": counts_cards(poll),
        "state": status.state.value,
        "revealed": status.revealed,
        "run": status.run,
        "seconds": poll.seconds,
        "left": wire_left(status.ends, time.time()),
    }


# ---------------------------------------------------------------- phones


def page_handler(page: str, route: str, policy: str = PHONE_POLICY) -> Handler:
    """A file of a page (the phone's, the remote's) in the phone's language, gzipped for
    browsers that take it."""

    async def handler(request: web.Request) -> web.Response:
        lang = spoken(request.headers.get("Accept-Language", ""), request.query.get("lang"))
        served = served_files(page, lang)[route]
        headers = {
            "Content-Type": served.kind,
            "Content-Security-Policy": policy,
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Vary": "Accept-Encoding, Accept-Language",
        }
        body = served.body
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body = served.gzipped
            headers["Content-Encoding"] = "gzip"
        return web.Response(body=body, headers=headers)

    return handler


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_document())


async def join(request: web.Request) -> web.Response:
    """A phone with the room's code gets its ticket (or keeps the one it has)."""
    body = await json_object(request)
    code, held = body["code"], body.get("ticket")
    store = request.app[STORE]
    # A lone surrogate ("\ud800") is valid JSON but no UTF-8: such a code is simply wrong.
    code_ok = code.isascii() and hmac.compare_digest(
        code.strip().upper().encode(), store.join_code.encode()
    )
    tickets = request.app[TICKETS]
    renewing = tickets.device(held) is not None
    returning = None if renewing else tickets.claimed(held)  # from before a restart?
    address = client_address(request, request.app[ADMISSION])
    # A voting card (voting/cards.py) lets its phone in as the room's code does.
    key = request.app.get(CARD_KEY)
    card, not_a_card = presented_card(key, code, body.get("card"))
    card_kept = not scanned(code)  # held before, not presented now
    code_ok = code_ok if card is None else card is not FORGED
    if not_a_card:  # counted as a wrong code for the address, without refusing the phone
        await request.app[LEDGER].join(address, False, renewing, returning)
    outcome = await request.app[LEDGER].join(address, code_ok, renewing, returning)
    if outcome == WRONG_CODE and card is FORGED:
        return problem(403, "bad_card", "this voting card is not one of this event's")
    if outcome == WRONG_CODE:
        return problem(403, "wrong_code", "this join code is not (or no longer) valid")
    if outcome == TOO_MANY_DEVICES:
        return problem(429, "too_many_devices", "too many phones from this address")
    if outcome not in (ADMITTED, READMITTED):
        response = problem(429, "too_many_tries", "too many wrong codes; wait a minute")
        response.headers["Retry-After"] = "60"
        return response
    if outcome == READMITTED and isinstance(held, str):
        ticket = tickets.renew(held)  # the same device, signed by this run
    else:
        ticket = held if renewing and isinstance(held, str) else tickets.issue()
    answer: dict[str, object] = {"ticket": ticket, "title": request.app[DECK].title}
    if card and key is not None:  # the phone holds the card's vote from now on
        device = tickets.device(ticket)
        assert device is not None  # signed just now
        lang = spoken(request.headers.get("Accept-Language", ""), request.query.get("lang"))
        try:  # a kept card another phone scanned since stays there: no card in the answer
            await request.app[LEDGER].hold_card(device, card, kept=card_kept)
        except StoreError as error:
            if error.code != "card_taken":
                raise
            return web.json_response(answer | card_moved(lang))
        answer.update(card_answer(key, card, store.join_code, lang))
    return web.json_response(answer)


async def session_info(request: web.Request) -> web.Response:
    """The title to anyone; the current poll to phones that joined; the room's figures
    (and the code) to the speaker's console."""
    store = request.app[STORE]
    talk: dict[str, object] = request.app.get(TALK) or {}  # an evening's talk on
    info: dict[str, object] = {**talk, "title": request.app[DECK].title}
    presenter = is_presenter(request)
    if presenter or _phone(request) is not None:
        info |= talk_state(request.app)
    if presenter:
        ledger = request.app[LEDGER]
        info["join_code"] = store.join_code
        info["participants"] = ledger.participants
        info["watching"] = ledger.watching
        info["addresses"] = ledger.addresses
        info["refused"] = ledger.refused
        info["slide"] = store.current_slide()
    return web.json_response(info)


async def events(request: web.Request) -> web.StreamResponse:
    device = require_phone_or_presenter(request)
    return await request.app[HUB].stream(request, device=device, lang=request_lang(request))


async def polls(request: web.Request) -> web.Response:
    """Every poll to the speaker; to a phone only those that have been opened."""
    device = require_phone_or_presenter(request)
    store = request.app[STORE]
    statuses = {status.poll_id: status for status in store.statuses()}  # one query, not ten
    return web.json_response([
        _poll_json(p, statuses[p.id])
        for p in request.app[DECK].polls
        if device is None or statuses[p.id].state is not PollState.DRAFT or statuses[p.id].run > 1
    ])  # fmt: skip


async def vote(request: web.Request) -> web.Response:
    talk = meant_for(request)  # first: talk 1's poll may not be in talk 2 (or be another)
    poll = _poll(request)
    body = await json_object(request)  # its fields' types checked (schema_checked)
    code, vote_id = body["code"], body["vote_id"]
    device = request.app[TICKETS].device(body["device"])
    if device is None:  # made up, or from another session: the phone joins again
        return problem(403, "bad_ticket", "device: the ticket this phone got when it joined")
    store = request.app[STORE]
    if code.upper() != store.join_code:
        return problem(403, "wrong_code", "this join code is not (or no longer) valid")
    ballot = replace(ballot_for(poll, body["choice"]), nickname=clean_name(body.get("name")))
    by_card = counts_cards(poll)  # the keeper knows which card the phone holds, if any
    receipt = await request.app[LEDGER].vote(poll.id, device, vote_id, ballot, by_card, talk)
    return web.json_response(receipt.as_json())


async def results(request: web.Request) -> web.Response:
    poll = _poll(request)
    presenter = require_phone_or_presenter(request) is None
    store = request.app[STORE]
    if not (presenter or store.status(poll.id).revealed):
        return problem(403, "not_revealed", "the results are not shown yet")
    return web.json_response(results_json(store, poll, request_lang(request), presenter))


async def leaderboard(request: web.Request) -> web.Response:
    """The quiz's standings for the speaker's screens; names only if the deck shows them."""
    require_presenter(request)
    deck = request.app[DECK]
    names = any(s.leaderboard.names for s in deck.slides if s.leaderboard is not None)
    board = request.app[STORE].standings(deck.polls, speed=deck.meta.quiz_speed)
    return web.json_response(board.as_json(names=names))


def results_json(
    store: SessionReader, poll: Poll, lang: Lang, presenter: bool
) -> dict[str, object]:
    """A poll's results as the API answers them, and as a `tally` event carries them:
    the words in `lang`; a text poll's answers all to the presenter, approved ones to phones."""
    status = store.status(poll.id)
    db = store.reader()
    counted = Results.of(poll, tally(db, poll, status.run), cards=card_count(db, poll, status.run))
    return {
        **counted.as_json(with_answers=presenter, lang=lang),
        "state": status.state.value,
        "revealed": status.revealed,
        "left": wire_left(status.ends, time.time()),
    }


def request_lang(request: web.Request) -> Lang:
    """The language a phone (or the app) asked for with `?lang=`; else the server's default."""
    asked = request.query.get("lang")
    return Lang(asked) if asked in set(Lang) else DEFAULT_LANG


# ---------------------------------------------------------------- the presenter


async def control(request: web.Request) -> web.Response:
    require_presenter(request)
    poll = _poll(request)
    action = PollAction(request.path.rsplit("/", 1)[-1])  # the routes are PollAction's words
    ledger = request.app[LEDGER]
    # Nobody changes an answer after seeing the right one, nor a vote after its outcome.
    if poll.quiz or poll.motion:
        now = request.app[STORE].status(poll.id)
        if action is PollAction.REVEAL and now.state is PollState.OPEN:
            await ledger.set_state(poll.id, PollAction.CLOSE)
        elif action is PollAction.OPEN and now.revealed:
            await ledger.set_state(poll.id, PollAction.HIDE)
    status = await ledger.set_state(poll.id, action)
    return web.json_response(
        {
            "poll": poll.id,
            "run": status.run,
            "state": status.state.value,
            "revealed": status.revealed,
            "left": wire_left(status.ends, time.time()),
        }
    )


async def hands(request: web.Request) -> web.Response:
    require_presenter(request)
    poll = _poll(request)
    body = await json_object(request)
    counts = body["counts"]  # whole numbers from 0 (schema_checked)
    if len(counts) != len(poll.options):
        return problem(422, "bad_counts", f"counts: {len(poll.options)} whole numbers ≥ 0")
    run = await request.app[LEDGER].record_hands(poll.id, counts)
    return web.json_response({"poll": poll.id, "run": run, "counts": counts})


async def moderate(request: web.Request) -> web.Response:
    require_presenter(request)
    raw = request.match_info["answer"]
    if not ROW_ID.match(raw):
        raise StoreError("unknown_answer", raw)
    state = AnswerState.APPROVED if request.path.endswith("/approve") else AnswerState.HIDDEN
    poll_id = await request.app[LEDGER].moderate(int(raw), state)
    return web.json_response({"answer": int(raw), "poll": poll_id, "state": state.value})


async def slide(request: web.Request) -> web.Response:
    require_presenter(request)
    body = await json_object(request)
    index = body["index"]  # a whole number from 0 (schema_checked)
    count = len(request.app[DECK].slides)
    if index >= count:
        return problem(422, "bad_slide", f"index: a slide from 0 to {count - 1}")
    await request.app[LEDGER].set_slide(index)
    return web.json_response({"index": index})


# ---------------------------------------------------------------- the speaker's ink


def _inked_slide(request: web.Request) -> int:
    """The slide of an ink request, within the deck; 404 for any other."""
    raw = request.match_info["slide"]
    if not ROW_ID.match(raw) or int(raw) >= len(request.app[DECK].slides):
        raise web.HTTPNotFound(reason="Not Found")
    return int(raw)


async def ink(request: web.Request) -> web.Response:
    """Every slide's ink as the session keeps it (the app, after a restart)."""
    require_presenter(request)
    kept = request.app[STORE].ink_by_slide()
    return web.json_response(
        {"ink": {str(slide): [stroke_json(s) for s in strokes] for slide, strokes in kept.items()}}
    )


async def add_stroke(request: web.Request) -> web.Response:
    require_presenter(request)
    slide = _inked_slide(request)
    body = await json_object(request)
    stroke = stroke_from_json(body["stroke"])  # [x, y] fractions (schema_checked), or None
    if stroke is None:
        return problem(422, "bad_stroke", f"stroke: 1 to {MAX_STROKE_POINTS} points [x, y]")
    await request.app[LEDGER].ink(slide, json.dumps(stroke_json(stroke)))
    return web.json_response({"slide": slide, "points": len(stroke)})


async def erase_ink(request: web.Request) -> web.Response:
    require_presenter(request)
    slide = _inked_slide(request)
    await request.app[LEDGER].ink(slide, None)
    return web.json_response({"slide": slide, "erased": True})
