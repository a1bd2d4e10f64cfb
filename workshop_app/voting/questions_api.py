"""Questions from the room over HTTP: phones ask and upvote, the speaker moderates.

The same rules as votes: a phone proves itself with its ticket and the room's
code, every field is checked before anything reaches the writer, a phone-chosen
id (`ask_id`, `upvote_id`) makes a retry count once, and phones see only what
the room may see (session/questions.py).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from workshop_app.session.model import StoreError
from workshop_app.session.questions import (
    MAX_TEXT,
    MIN_TEXT,
    Moderation,
    Order,
    QuestionAction,
    clean_name,
    clean_text,
)
from workshop_app.voting.admission import client_address
from workshop_app.voting.api import (
    ADMISSION,
    DECK,
    LEDGER,
    ROW_ID,
    STORE,
    TICKETS,
    json_object,
    meant_for,
    require_phone_or_presenter,
    require_presenter,
)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/questions", questions)
    app.router.add_post("/api/questions", ask)
    app.router.add_put("/api/questions/moderation", moderation)
    app.router.add_post("/api/questions/{question}/upvotes", upvote)
    for action in QuestionAction:
        app.router.add_post(f"/api/questions/{{question}}/{action.value}", act)


def _switched_on(request: web.Request) -> None:
    if not request.app[DECK].meta.questions:
        raise StoreError("questions_off", "this talk takes no questions from phones")


def _question_id(request: web.Request) -> int:
    raw = request.match_info["question"]
    if not ROW_ID.match(raw):
        raise StoreError("unknown_question", raw)
    return int(raw)


async def phone_body(request: web.Request) -> tuple[str, dict[str, Any]]:
    """The body of a phone's write (its fields' types checked by api.schema_checked):
    its device (from the ticket) and the body, once the ticket and the code are good."""
    body = await json_object(request)
    device = request.app[TICKETS].device(body["device"])
    if device is None:
        raise StoreError("bad_ticket", "device: the ticket this phone got when it joined")
    if body["code"].upper() != request.app[STORE].join_code:
        raise StoreError("wrong_code", "this join code is not (or no longer) valid")
    return device, body


async def questions(request: web.Request) -> web.Response:
    """To the speaker every question; to a phone the room's, and its own waiting ones."""
    device = require_phone_or_presenter(request)
    _switched_on(request)
    order = Order(request.query.get("order", Order.TOP))  # top or new (schema_checked)
    store = request.app[STORE]
    presenter = device is None
    listed = store.questions(device=device, everything=presenter, order=order)
    return web.json_response({
        "moderation": store.question_moderation().value,
        "questions": [q.as_json(presenter=presenter) for q in listed],
    })  # fmt: skip


async def ask(request: web.Request) -> web.Response:
    talk = meant_for(request)  # first: the next talk may take no questions
    _switched_on(request)
    device, body = await phone_body(request)
    text = clean_text(body["text"], most=MAX_TEXT, least=MIN_TEXT)
    name = clean_name(body.get("name"))
    address = client_address(request, request.app[ADMISSION])
    asked = await request.app[LEDGER].ask(device, body["ask_id"], text, name, address, talk)
    return web.json_response(asked.as_json())


async def upvote(request: web.Request) -> web.Response:
    talk = meant_for(request)
    _switched_on(request)
    question = _question_id(request)
    device, body = await phone_body(request)
    address = client_address(request, request.app[ADMISSION])
    upvoted = await request.app[LEDGER].upvote(
        device, question, body["upvote_id"], body["up"], address, talk
    )
    return web.json_response(upvoted.as_json())


async def act(request: web.Request) -> web.Response:
    require_presenter(request)
    question = _question_id(request)
    action = QuestionAction(request.path.rsplit("/", 1)[-1])  # the routes are its words
    state = await request.app[LEDGER].act_on_question(question, action)
    return web.json_response({"question": question, "state": state.value})


async def moderation(request: web.Request) -> web.Response:
    require_presenter(request)
    body = await json_object(request)
    mode = Moderation(body["mode"])  # pre or post (schema_checked)
    done = await request.app[LEDGER].set_question_moderation(mode)
    return web.json_response({"mode": done.value})
