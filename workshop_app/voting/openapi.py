"""The API described as OpenAPI 3.1, served at /api/openapi.json (and checked by schemathesis)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workshop_app.deck.reactions import MOST_CODE_POINTS
from workshop_app.session.model import PollAction, PollState
from workshop_app.session.motion import Verdict
from workshop_app.session.presentation_state import Blank
from workshop_app.session.questions import (
    MAX_NAME,
    MAX_TEXT,
    MIN_TEXT,
    Moderation,
    Order,
    QuestionAction,
    QuestionState,
)
from workshop_app.session.results import Base
from workshop_app.voting.messages import CLIENT_ID_PATTERN, TALK_KEY_PATTERN
from workshop_app.voting.remote import RemoteAction

_CLIENT_ID = {"type": "string", "pattern": CLIENT_ID_PATTERN}  # the API's own rule
_TICKET = {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"}  # what /api/join gave
# A phone's write names the talk it saw (voting/messages.py TALK_KEY_PATTERN).
_MEANT_FOR = {
    "type": "string",
    "pattern": TALK_KEY_PATTERN,
    "description": "an evening: the talk this is meant for (`talk` of GET /api/session or"
    " the `talk` event); refused with 409 (talk_changed) once another talk is on, never"
    " counted in that one",
}
MAX_HANDS = 100_000  # a show of hands: more than any hall holds
_ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
}
_POLL = {
    "type": "object",
    "required": ["id", "type", "question", "options", "state", "revealed", "run"],
    "properties": {
        "id": {"type": "string"},
        "type": {"enum": ["single", "multiple", "scale", "ranking", "text"]},
        "question": {"type": "string"},
        "options": {"type": "array", "items": {"type": "string"}},
        "max_choices": {"type": ["integer", "null"]},
        "exclusive": {
            "type": ["integer", "null"],
            "description": "multiple choice: the answer that rules out the others",
        },
        "min": {"type": ["integer", "null"]},
        "max": {"type": ["integer", "null"]},
        "labels": {"type": "array", "items": {"type": "string"}},
        "max_length": {"type": ["integer", "null"]},
        "quiz": {
            "type": "boolean",
            "description": "a quiz question (its answer comes with"
            " the results, once they are revealed)",
        },
        "cards": {
            "type": "boolean",
            "description": "only voting card holders vote (`eligible: cards`), one vote a card",
        },
        "state": {"enum": ["draft", "open", "closed"]},
        "revealed": {"type": "boolean"},
        "run": {"type": "integer"},
        "seconds": {"type": ["integer", "null"], "description": "the deck's countdown"},
        "left": {
            "type": ["number", "null"],
            "description": "a countdown's seconds left by the server's clock as it answers"
            " (session/countdown.py); null without one",
        },
    },
}
_VOTE = {
    "type": "object",
    "required": ["code", "device", "vote_id", "choice"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "the event's join code"},
        "device": _TICKET,
        "vote_id": _CLIENT_ID,
        "talk": _MEANT_FOR,
        "choice": {
            "description": "single: an option index; multiple/ranking: a list of indices;"
            " scale: an integer; text: a string",
            "oneOf": [
                {"type": "integer"},
                {"type": "array", "items": {"type": "integer"}},
                {"type": "string"},
            ],
        },
        "name": {
            "type": ["string", "null"],
            "maxLength": MAX_NAME,
            "description": "a quiz question: the phone's nickname for the leaderboard, optional",
        },
    },
}
_RECEIPT = {
    "type": "object",
    "required": ["receipt", "poll", "run", "counted_at", "replaced_earlier"],
    "properties": {
        "receipt": {"type": "string"},
        "poll": {"type": "string"},
        "run": {"type": "integer"},
        "counted_at": {"type": "number"},
        "replaced_earlier": {"type": "boolean"},
    },
}
_RESULTS = {
    "type": "object",
    "required": [
        "poll",
        "run",
        "digital",
        "analog",
        "total",
        "percent",
        "base",
        "base_count",
        "ballots",
        "devices",
    ],
    "properties": {
        "poll": {"type": "string"},
        "run": {"type": "integer"},
        "state": {"enum": ["draft", "open", "closed"]},
        "revealed": {"type": "boolean"},
        "left": {
            "type": ["number", "null"],
            "description": "a countdown's seconds left by the server's clock as it answers"
            " (session/countdown.py); null without one",
        },
        "digital": {"type": "array", "items": {"type": "integer"}},
        "analog": {"type": "array", "items": {"type": "integer"}},
        "total": {"type": "array", "items": {"type": "integer"}},
        "percent": {
            "type": "array",
            "items": {"type": "number"},
            "description": "each answer's (for a scale: each value's) share of base_count",
        },
        "order": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "the answers' indices in the order the projector shows them",
        },
        "base": {"enum": [base.value for base in Base]},
        "base_count": {"type": "integer"},
        "ballots": {"type": "integer"},
        "devices": {"type": "integer"},
        "values": {"type": "object", "additionalProperties": {"type": "integer"}},
        "mean": {"type": ["number", "null"]},
        "median": {"type": ["number", "null"]},
        "answers": {"type": "array", "items": {"type": "object"}},
        "names": {
            "type": "array",
            "items": {"type": "string"},
            "description": "each answer's (for a scale: each value's) name beside its bar",
        },
        "correct": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "a quiz question: the right answers' indices",
        },
        "right": {"type": "integer", "description": "phone ballots that were right"},
        "right_percent": {"type": ["number", "null"]},
        "right_note": {"type": ["string", "null"]},
        "outcome": {
            "type": ["object", "null"],
            "description": "a motion's outcome (session/motion.py): its verdict, the headline"
            " and the sentence with the rule applied, as every surface prints them",
            "required": ["verdict", "adopted", "headline", "sentence"],
            "properties": {
                "verdict": {"enum": [verdict.value for verdict in Verdict]},
                "adopted": {"type": "boolean"},
                "headline": {"type": "string"},
                "sentence": {"type": "string"},
                "quorum_note": {"type": ["string", "null"]},
            },
        },
        "cards": {
            "type": ["object", "null"],
            "description": "the voting cards issued and present that decided a motion",
            "properties": {"issued": {"type": "integer"}, "present": {"type": "integer"}},
        },
    },
}
_STANDINGS = {
    "type": "object",
    "required": ["rows", "most", "speed"],
    "properties": {
        "rows": {"type": "array", "items": {
            "type": "object", "required": ["place", "name", "points", "right"],
            "properties": {"place": {"type": "integer"}, "name": {"type": ["string", "null"]},
                           "points": {"type": "number"}, "right": {"type": "integer"}}}},
        "most": {"type": "number"},
        "speed": {"type": "boolean"},
    },
}  # fmt: skip


_QUESTION = {
    "type": "object",
    "required": ["id", "text", "name", "state", "upvotes", "asked_at"],
    "properties": {
        "id": {"type": "integer"},
        "text": {"type": "string"},
        "name": {"type": ["string", "null"]},
        "state": {"enum": [state.value for state in QuestionState],
                  "description": "phones see their own hidden questions as pending"},
        "upvotes": {"type": "integer"},
        "asked_at": {"type": "number"},
        "flagged": {"type": "boolean", "description": "presenter: held back by the filter"},
        "upvoted": {"type": "boolean", "description": "phone: upvoted by this phone"},
        "mine": {"type": "boolean", "description": "phone: asked by this phone"},
    },
}  # fmt: skip
_ASK = {
    "type": "object",
    "required": ["code", "device", "ask_id", "text"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "the event's join code"},
        "device": _TICKET,
        "ask_id": _CLIENT_ID,
        "talk": _MEANT_FOR,
        "text": {"type": "string", "minLength": MIN_TEXT, "maxLength": MAX_TEXT},
        "name": {"type": ["string", "null"], "maxLength": MAX_NAME},
    },
}
_UPVOTE = {
    "type": "object",
    "required": ["code", "device", "upvote_id", "up"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "the event's join code"},
        "device": _TICKET,
        "upvote_id": _CLIENT_ID,
        "talk": _MEANT_FOR,
        "up": {"type": "boolean", "description": "false takes this phone's upvote back"},
    },
}


_REACT = {
    "type": "object",
    "required": ["code", "device", "emoji"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "the event's join code"},
        "device": _TICKET,
        "talk": _MEANT_FOR,
        "emoji": {"type": "string", "minLength": 1, "maxLength": MOST_CODE_POINTS,
                  "description": "one of the talk's reactions (GET /api/session: reactions)"},
    },
}  # fmt: skip


# Any request may meet a worker that holds all the connections it may (voting/worker.py
# `ConnectionCaps`: 503 busy, with Retry-After) or a store that could not write
# (api.py: 503 storage): one response, which every operation refers to.
BUSY = "#/components/responses/Busy"
_BUSY = {
    "description": "busy: this worker holds all the connections it may, try again after"
    " Retry-After seconds (another worker may take the next connection); storage: the"
    " request could not be stored, nothing of it counts, send it again",
    "headers": {"Retry-After": {"description": "with busy: seconds to wait",
                                "schema": {"type": "integer", "minimum": 1}}},
    "content": {"application/json": {"schema": _ERROR}},
}  # fmt: skip


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): _json(_ERROR, "refused") for code in codes}


_POLL_ID = {"name": "poll", "in": "path", "required": True, "schema": {"type": "string"}}
_BEARER: list[dict[str, list[str]]] = [{"presenter": []}]
_EITHER: list[dict[str, list[str]]] = [{"presenter": []}, {"phone": []}]
_ANSWER_ID = {"name": "answer", "in": "path", "required": True, "schema": {"type": "string"}}
_STORED = _json({"type": "object"}, "stored")
_QUESTION_ID = {"name": "question", "in": "path", "required": True, "schema": {"type": "string"}}


def _question_action(action: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": f"{action} a question from the room (presenter only)",
            "security": _BEARER,
            "parameters": [_QUESTION_ID],
            "responses": {"200": _json({"type": "object"}, "its new state"),
                          **_errors(401, 404)},
        }
    }  # fmt: skip


def _control(action: str) -> dict[str, Any]:
    said = {
        "extend": "give an open poll's countdown 30 s more, or start one",
        "halt": "stop an open poll's countdown; the poll stays open",
    }
    return {
        "post": {
            "summary": f"{said.get(action, action + ' a poll')} (presenter only)",
            "security": _BEARER,
            "parameters": [_POLL_ID],
            "responses": {
                "200": _json({"type": "object"}, "new state"),
                **_errors(401, 404, *((409,) if action in said else ())),  # 409: not open
            },
        }
    }


def openapi_document() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/join": {
            "post": {
                "summary": "a phone with the room's code gets its ticket (or keeps the one it"
                " sends); wrong codes and new tickets are limited per source address. A"
                " voting card's code as `code` lets a phone in as the room's code does, and the"
                " phone holds the card's vote (the latest holder); one this event did not issue"
                " is refused (403 bad_card) and counts as a wrong code. `card`: the card the"
                " phone held before, held again if genuine and no other phone scanned it"
                " since (else the answer names no card: the phone no longer holds it)",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["code"], "additionalProperties": False,
                    "properties": {"code": {"type": "string", "maxLength": 16},
                                   "ticket": {"type": "string", "maxLength": 256,
                                              "description": "the one it holds, if any"},
                                   "card": {"type": "string", "maxLength": 16,
                                            "description": "a voting card's code"}},
                }}}},
                "responses": {
                    "200": _json({"type": "object", "required": ["ticket", "title"],
                                  "properties": {"ticket": {"type": "string"},
                                                 "title": {"type": "string"},
                                                 "code": {"type": "string"},
                                                 "card": {"type": "string"},
                                                 "label": {"type": "string"}}},
                                 "the ticket; with a card, the room's code and the card;"
                                 " `label`: the card's name, or that it is another"
                                 " phone's now"),
                    **_errors(400, 403, 413, 415, 429),
                },
            }
        },
        "/api/session": {
            "get": {
                "summary": "the deck's title; with a phone's ticket also the poll open now;"
                " with the presenter token also the join code, participants (phones that"
                " voted), watching (phones with the page open), addresses (source addresses"
                " that joined), refused (joins refused: too many phones from one address) and"
                " slide (the slide the speaker is on)",
                "security": _EITHER,
                "responses": {"200": _json({"type": "object"}, "the session")},
            }
        },
        "/api/polls": {
            "get": {
                "summary": "every poll with its state; to phones only those already opened",
                "security": _EITHER,
                "responses": {"200": _json({"type": "array", "items": _POLL}, "polls"),
                              **_errors(401)},
            }
        },
        "/api/polls/{poll}/votes": {
            "post": {
                "summary": "vote; 200 only once the vote is stored on disk; 410 (too_late)"
                " after the poll's countdown ended (session/countdown.py: a grace of 0.5 s);"
                " 403 (no_card) on a poll that counts voting cards, from a phone that holds none",
                "parameters": [_POLL_ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _VOTE}},
                },
                "responses": {
                    "200": _json(_RECEIPT, "the receipt (the same one for a repeated vote_id)"),
                    **_errors(400, 403, 404, 409, 410, 413, 415, 422, 429),
                },
            }
        },
        "/api/polls/{poll}/results": {
            "get": {
                "summary": "counts per option; for phones only once revealed",
                "security": _EITHER,
                "parameters": [_POLL_ID],
                "responses": {"200": _json(_RESULTS, "the results"), **_errors(401, 403, 404)},
            }
        },
        "/api/leaderboard": {
            "get": {
                "summary": "the quiz's standings (presenter only); nicknames only when a"
                " ```leaderboard block of the deck shows names",
                "security": _BEARER,
                "responses": {"200": _json(_STANDINGS, "the standings"), **_errors(401)},
            }
        },
        "/api/events": {
            "get": {
                "summary": "Server-Sent Events: poll, tally, slide, questions, reactions and"
                " remote changes;"
                " phones (ticket in the query, `?ticket=`) get poll changes, tallies of revealed"
                " polls, the room's approved questions and the slide the room sees; a phone"
                " whose voting card another phone scanned gets `card`",
                "security": _EITHER,
                "responses": {"200": {"description": "an event stream",
                                      "content": {"text/event-stream": {}}}},
            }
        },
        "/api/polls/{poll}/hands": {
            "post": {
                "summary": "a show of hands, counts per option (presenter only)",
                "security": _BEARER,
                "parameters": [_POLL_ID],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {
                        "type": "object", "required": ["counts"], "additionalProperties": False,
                        "properties": {"counts": {"type": "array", "description": "one per option",
                                                  "items": {"type": "integer", "minimum": 0,
                                                            "maximum": MAX_HANDS}}},
                    }}},
                },
                "responses": {"200": _STORED, **_errors(400, 401, 404, 415, 422)},
            }
        },
        "/api/answers/{answer}/approve": {"post": {
            "summary": "show an open answer (presenter only)", "security": _BEARER,
            "parameters": [_ANSWER_ID],
            "responses": {"200": _json({"type": "object"}, "moderated"), **_errors(401, 404)},
        }},
        "/api/answers/{answer}/hide": {"post": {
            "summary": "hide an open answer (presenter only)", "security": _BEARER,
            "parameters": [_ANSWER_ID],
            "responses": {"200": _json({"type": "object"}, "moderated"), **_errors(401, 404)},
        }},
        "/api/ink": {"get": {
            "summary": "the speaker's ink of every slide, as the session keeps it (presenter"
            " only)", "security": _BEARER,
            "responses": {"200": _json({"type": "object", "required": ["ink"]}, "the ink"),
                          **_errors(401)},
        }},
        "/api/slides/{slide}/ink": {
            "post": {
                "summary": "a finished stroke of the speaker's ink on the slide: points [x, y]"
                " in fractions of the slide (presenter only)", "security": _BEARER,
                "parameters": [_SLIDE],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["stroke"], "additionalProperties": False,
                    "properties": {"stroke": {"type": "array", "items": {
                        "type": "array",
                        "items": {"type": "number", "minimum": 0, "maximum": 1}}}}}}}},
                "responses": {"200": _json({"type": "object"}, "kept"),
                              **_errors(400, 401, 404, 413, 415, 422)},
            },
            "delete": {
                "summary": "the slide's ink erased (presenter only)", "security": _BEARER,
                "parameters": [_SLIDE],
                "responses": {"200": _json({"type": "object"}, "erased"), **_errors(401, 404)},
            },
        },
        "/api/slide": {"put": {
            "summary": "the slide the speaker is on (presenter only)", "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["index"], "additionalProperties": False,
                "properties": {"index": {"type": "integer", "minimum": 0}},
            }}}},
            "responses": {"200": _json({"type": "object"}, "stored"),
                          **_errors(400, 401, 415, 422)},
        }},
    }  # fmt: skip
    for action in PollAction:
        paths[f"/api/polls/{{poll}}/{action.value}"] = _control(action.value)
    paths["/api/reactions"] = {"post": {
        "summary": "a phone taps a reaction; it counts for the slide the room sees (the"
        " counts alone are kept, per slide); a few a second per phone and per address",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _REACT}}},
        "responses": {
            "200": _json({"type": "object", "required": ["emoji", "slide"],
                          "properties": {"emoji": {"type": "string"},
                                         "slide": {"type": "integer"}}},
                         "counted, for this slide"),
            **_errors(400, 403, 404, 409, 413, 415, 422, 429),
        },
    }}  # fmt: skip
    paths |= _question_paths() | _remote_paths() | _evening_paths()
    for methods in paths.values():
        for operation in methods.values():
            operation["responses"]["503"] = {"$ref": BUSY}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Impuls voting API", "version": "1"},
        "paths": paths,
        "components": {
            "responses": {"Busy": _BUSY},
            "securitySchemes": {
                "presenter": {"type": "http", "scheme": "bearer"},
                "remote": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "`Remote <token>`, the token from /api/remote/pair",
                },
                "phone": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "`Ticket <ticket>`, the ticket from /api/join",
                },
            },
        },
    }


_ON_STAGE = _json({
    "type": "object", "required": ["talk", "index", "count", "title", "speaker"],
    "properties": {"talk": {"type": "string", "description": "the talk's key for the evening"},
                   "index": {"type": "integer", "minimum": 0}, "count": {"type": "integer"},
                   "title": {"type": "string"}, "speaker": {"type": "string"}},
}, "the talk that is on (the `talk` event to every stream carries it, with the talk's"
   " state as GET /api/session gives a phone)")  # fmt: skip


def _evening_paths() -> dict[str, Any]:
    """An evening: several talks on one server and one join (voting/evening.py)."""
    return {
        "/api/talk": {"post": {
            "summary": "an evening: the program's talk `talk` (from 0) goes on; phones stay"
            " joined and hear a `talk` event (presenter only; 404 for a single talk)",
            "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["talk"], "additionalProperties": False,
                "properties": {"talk": {"type": "integer", "minimum": 0, "maximum": 1000}},
            }}}},
            "responses": {"200": _ON_STAGE, **_errors(400, 401, 404, 409, 415, 422)},
        }},
        "/api/program": {"post": {
            "summary": "an evening: the program file changed (a talk added); the server"
            " reads it again (presenter only)",
            "security": _BEARER,
            "responses": {"200": _ON_STAGE, **_errors(401, 404, 409, 422)},
        }},
    }  # fmt: skip


def _question_paths() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/questions": {
            "get": {
                "summary": "the room's questions (approved and answered; a phone's own waiting"
                " ones too), or every question for the presenter; `order`: top or new",
                "security": _EITHER,
                "parameters": [{"name": "order", "in": "query", "required": False,
                                "schema": {"enum": [order.value for order in Order]}}],
                "responses": {
                    "200": _json({"type": "object", "required": ["moderation", "questions"],
                                  "properties": {
                                      "moderation": {"enum": [m.value for m in Moderation]},
                                      "questions": {"type": "array", "items": _QUESTION}}},
                                 "the questions, in the order asked for"),
                    **_errors(400, 401, 404),
                },
            },
            "post": {
                "summary": "a phone asks a question; 200 once it is stored (the same answer"
                " for a repeated ask_id)",
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": _ASK}}},
                "responses": {
                    "200": _json({"type": "object", "required": ["question", "state"],
                                  "properties": {"question": {"type": "integer"},
                                                 "state": {"enum": ["pending", "approved"]}}},
                                 "stored: approved at once, or waiting for the speaker"),
                    **_errors(400, 403, 404, 409, 413, 415, 422, 429),
                },
            },
        },
        "/api/questions/{question}/upvotes": {
            "post": {
                "summary": "a phone upvotes a shown question, or takes its upvote back",
                "parameters": [_QUESTION_ID],
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": _UPVOTE}}},
                "responses": {
                    "200": _json({"type": "object", "required": ["question", "up", "upvotes"],
                                  "properties": {"question": {"type": "integer"},
                                                 "up": {"type": "boolean"},
                                                 "upvotes": {"type": "integer"}}},
                                 "stored; the question's upvotes now"),
                    **_errors(400, 403, 404, 409, 413, 415, 422, 429),
                },
            }
        },
        "/api/questions/moderation": {
            "put": {
                "summary": "pre: questions wait for approval; post: they appear at once"
                " (presenter only; the profanity filter holds suspicious ones back either way)",
                "security": _BEARER,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["mode"], "additionalProperties": False,
                    "properties": {"mode": {"enum": [m.value for m in Moderation]}},
                }}}},
                "responses": {"200": _json({"type": "object"}, "stored"),
                              **_errors(400, 401, 415, 422)},
            }
        },
    }  # fmt: skip
    for action in QuestionAction:
        paths[f"/api/questions/{{question}}/{action.value}"] = _question_action(action.value)
    return paths


_REMOTE: list[dict[str, list[str]]] = [{"remote": []}]
_SLIDE = {"name": "slide", "in": "path", "required": True, "schema": {"type": "string"}}
_FRACTION = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_WHICH_SLIDE = {"name": "slide", "in": "query", "required": False,
                "schema": {"enum": ["next", "current"]}}  # fmt: skip


_TEXT = {"type": "string", "maxLength": 20_000}
_OR_NONE_TEXT = {"type": ["string", "null"], "maxLength": 20_000}
# What the speaker's remote shows (ui/presenting_session.remote_state), as the app sends
# it: strict like every other body, so a field of the wrong kind never reaches a remote.
_REMOTE_STATE = {
    "type": "object",
    "required": ["slide", "count", "title", "notes", "blank", "frozen", "elapsed",
                 "remaining", "paused", "next_title", "poll"],
    "additionalProperties": False,
    "properties": {
        "slide": {"type": "integer", "minimum": 1},
        "count": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "notes": _TEXT,
        "blank": {"enum": [blank.value for blank in Blank]},
        "frozen": {"type": "boolean"},
        "elapsed": {"type": "number", "minimum": 0},
        "remaining": {"type": ["number", "null"]},
        "paused": {"type": "boolean"},
        "next_title": _OR_NONE_TEXT,
        "poll": {"type": ["object", "null"], "required": ["id", "question", "state", "revealed",
                                                          "results"],
                 "additionalProperties": False,
                 "properties": {
                     "id": {"type": "string", "maxLength": 200},
                     "question": _TEXT,
                     "state": {"enum": [state.value for state in PollState]},
                     "revealed": {"type": "boolean"},
                     "left": {"type": ["number", "null"]},  # a countdown's seconds
                     "results": {"type": ["object", "null"], "required": ["rows", "base_note"],
                                 "additionalProperties": False,
                                 "properties": {
                                     "rows": {"type": "array", "items": {
                                         "type": "object", "required": ["name", "shown"],
                                         "additionalProperties": False,
                                         "properties": {"name": _TEXT, "shown": _TEXT}}},
                                     "base_note": _TEXT,
                                     # a motion's verdict, once revealed (Results.motion)
                                     "motion": _OR_NONE_TEXT}}}},
    },
}  # fmt: skip


def _remote_paths() -> dict[str, Any]:
    """The speaker's remote (voting/remote_api.py) and what the room sees (follow_api.py)."""
    body = {"type": "object"}
    return {
        "/api/remote/pairing": {"post": {
            "summary": "a pairing secret for the console's QR code, good for one phone"
            " within five minutes (presenter only)", "security": _BEARER,
            "responses": {"200": _json({"type": "object", "required": ["secret", "path"],
                                        "properties": {"secret": {"type": "string"},
                                                       "expires_in": {"type": "number"},
                                                       "path": {"type": "string"}}},
                                       "the secret"), **_errors(401)},
        }},
        "/api/remote/pair": {"post": {
            "summary": "a phone trades the pairing secret for its remote token (once);"
            " wrong secrets count as wrong join codes for the address",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["secret"], "additionalProperties": False,
                "properties": {"secret": {"type": "string", "maxLength": 64}}}}}},
            "responses": {"200": _json({"type": "object", "required": ["token"],
                                        "properties": {"token": {"type": "string"}}},
                                       "the remote's token"),
                          **_errors(400, 403, 413, 415, 429)},
        }},
        "/api/remote/devices": {"get": {
            "summary": "the paired remotes (presenter only)", "security": _BEARER,
            "responses": {"200": _json({"type": "array", "items": body}, "paired remotes"),
                          **_errors(401)},
        }},
        "/api/remote/devices/{remote}/revoke": {"post": {
            "summary": "disconnect a remote at once (presenter only)", "security": _BEARER,
            "parameters": [{"name": "remote", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": _json(body, "revoked"), **_errors(401, 404)},
        }},
        "/api/remote/commands": {"post": {
            "summary": "a remote's tap: next, previous, first, black, or a poll's open, close,"
            " reveal; a repeated command_id is acknowledged, not carried out again",
            "security": _REMOTE,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["command_id", "action"],
                "additionalProperties": False,
                "properties": {
                    "command_id": _CLIENT_ID,
                    "action": {"enum": [a.value for a in RemoteAction]},
                    "poll": {"type": "string"}}}}}},
            "responses": {"200": _json(body, "acknowledged"),
                          **_errors(400, 401, 404, 409, 413, 415)},
        }},
        "/api/remote/pointer": {"post": {
            "summary": "the remote as laser pointer: where the finger is on the slide, in"
            " fractions of its width and height (null: no dot); at most 30 a second",
            "security": _REMOTE,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["x", "y"], "additionalProperties": False,
                "properties": {"x": _FRACTION, "y": _FRACTION}}}}},
            "responses": {"200": _json(body, "shown"), **_errors(400, 401, 413, 415, 429)},
        }},
        "/api/remote/events": {"get": {
            "summary": "Server-Sent Events for a remote (token in the query, `?token=`):"
            " `state`, what it shows, at once and on every change", "security": _REMOTE,
            "responses": {"200": {"description": "an event stream",
                                  "content": {"text/event-stream": {}}}, **_errors(401)},
        }},
        "/api/remote/preview.png": {"get": {
            "summary": "the next slide, small, or with `?slide=current` the current one, for"
            " pointing (remote only)", "security": _REMOTE, "parameters": [_WHICH_SLIDE],
            "responses": {"200": {"description": "a PNG", "content": {"image/png": {}}},
                          **_errors(401, 404)},
        }},
        "/api/remote/preview": {"put": {
            "summary": "a PNG (image/png, at most 512 KB) of the next slide, or with"
            " `?slide=current` of the current one, for the remotes (presenter)",
            "security": _BEARER, "parameters": [_WHICH_SLIDE],
            "responses": {"200": _json(body, "stored"), **_errors(400, 401, 413, 415)},
        }},
        "/api/remote/state": {"put": {
            "summary": "what the remotes show: slide, notes, screen, clock, poll (presenter)",
            "security": _BEARER,
            "requestBody": {"required": True,
                            "content": {"application/json": {"schema": _REMOTE_STATE}}},
            "responses": {"200": _json(body, "stored"), **_errors(400, 401, 413, 415)},
        }},
        "/api/room": {"put": {
            "summary": "what the projector shows, for the phones that follow along (presenter)",
            "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["slide", "blank", "follow"],
                "additionalProperties": False,
                "properties": {"slide": {"type": ["integer", "null"], "minimum": 0},
                               "blank": {"enum": ["none", "black", "white"]},
                               "follow": {"type": "boolean"}}}}}},
            "responses": {"200": _json(body, "stored"), **_errors(400, 401, 415, 422)},
        }},
        "/api/slides/{slide}/images/{number}": {"get": {
            "summary": "an image of the slide the room sees now, scaled for phones; any other"
            " slide's is not there", "security": _EITHER,
            "parameters": [{"name": name, "in": "path", "required": True,
                            "schema": {"type": "string"}} for name in ("slide", "number")],
            "responses": {"200": {"description": "the image", "content": {"image/*": {}}},
                          **_errors(401, 404)},
        }},
    }  # fmt: skip


# ---------------------------------------------------------------- the document as the check
# Every JSON body (and every query or path parameter the document constrains) is checked
# against its operation's schema before the handler runs (api.py, `schema_checked`).
# Not jsonschema(-rs): the lock holds it for the tests only, and the document uses a
# small subset of JSON Schema, which compiles here, once at start, into closures; a
# keyword outside the subset fails at start, so the document never promises a check
# that does not run.

Check = Callable[[object, str], "str | None"]  # (value, its field's name) → a sentence
_TYPES: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
_WORDS = {"string": "a string", "integer": "a whole number", "number": "a number",
          "boolean": "true or false", "null": "null", "object": "an object",
          "array": "a list"}  # fmt: skip
_KNOWN = {"type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
          "items", "properties", "required", "additionalProperties", "oneOf",
          "description"}  # fmt: skip


def compile_schema(schema: dict[str, Any]) -> Check:
    """A check for `schema`: None if a value fits, else one sentence naming the field."""
    unknown = set(schema) - _KNOWN
    if unknown:
        raise ValueError(f"the API's schema uses {sorted(unknown)}, which nothing checks")
    checks: list[Check] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_TYPES[name] for name in names]
        said = " or ".join(_WORDS[name] for name in names)
        checks.append(
            lambda v, f: None if any(t(v) for t in tests) else f"{f or 'the body'}: {said}"
        )
    if "enum" in schema:
        allowed = list(schema["enum"])
        listed = ", ".join(map(str, allowed))
        checks.append(
            lambda v, f: (
                None
                if any(type(v) is type(a) and v == a for a in allowed)
                else f"{f}: one of {listed}"
            )
        )
    checks += _string_checks(schema) + _number_checks(schema)
    if "items" in schema:
        item = compile_schema(schema["items"])
        checks.append(lambda v, f: _first_failing(item, v, f) if isinstance(v, list) else None)
    if {"properties", "required", "additionalProperties"} & set(schema):
        checks.append(_object_check(schema))
    if "oneOf" in schema:
        forms = [compile_schema(form) for form in schema["oneOf"]]
        checks.append(
            lambda v, f: (
                None
                if sum(form(v, f) is None for form in forms) == 1
                else f"{f}: not of a form it takes (see /api/openapi.json)"
            )
        )
    if len(checks) == 1:
        return checks[0]

    def check(value: object, field: str) -> str | None:
        for one in checks:  # in order: the type first, so the others may rely on it
            said = one(value, field)
            if said is not None:
                return said
        return None

    return check


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])
        checks.append(
            lambda v, f: (
                f"{f}: not of the form {pattern.pattern}"
                if isinstance(v, str) and not pattern.search(v)
                else None
            )
        )
    least, most = schema.get("minLength"), schema.get("maxLength")
    if least is not None or most is not None:
        low, high = least or 0, most if most is not None else float("inf")
        checks.append(
            lambda v, f: (
                f"{f}: {low} to {high} characters"
                if isinstance(v, str) and not low <= len(v) <= high
                else None
            )
        )
    return checks


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    least, most = schema.get("minimum"), schema.get("maximum")
    if least is None and most is None:
        return []
    low = least if least is not None else float("-inf")
    high = most if most is not None else float("inf")
    said = f"at least {low}" if most is None else f"{low} to {high}"

    def check(value: object, field: str) -> str | None:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return f"{field}: {said}" if is_number and not low <= value <= high else None  # type: ignore[operator]

    return [check]


def _first_failing(item: Check, values: list[object], field: str) -> str | None:
    for n, value in enumerate(values):
        said = item(value, f"{field}[{n}]")
        if said is not None:
            return said
    return None


def _object_check(schema: dict[str, Any]) -> Check:
    properties = {name: compile_schema(sub) for name, sub in schema.get("properties", {}).items()}
    required = list(schema.get("required", ()))
    extra = schema.get("additionalProperties", True)
    extra_check = compile_schema(extra) if isinstance(extra, dict) else None

    def check(value: object, field: str) -> str | None:
        if not isinstance(value, dict):
            return None  # "type" says so
        prefix = f"{field}." if field else ""
        for name in required:
            if name not in value:
                return f"{prefix}{name}: missing"
        for name, item in value.items():
            one = properties.get(name)
            if one is None:
                if extra is False:
                    return f"{prefix}{name}: not a field this takes"
                one = extra_check
                if one is None:
                    continue
            said = one(item, f"{prefix}{name}")
            if said is not None:
                return said
        return None

    return check


@dataclass(frozen=True)
class Operation:
    """What the document says an operation takes, compiled."""

    body: Check | None  # the JSON body's check; None: it takes no JSON body
    parameters: tuple[tuple[str, str, bool, Check], ...]  # (in, name, required, check)


def compiled_operations(document: dict[str, Any]) -> dict[tuple[str, str], Operation]:
    """(METHOD, path as the router writes it) → its checks, for every operation."""
    operations = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            body = compile_schema({"type": "object"} | schema) if schema is not None else None
            parameters = tuple(
                (p["in"], p["name"], bool(p.get("required")), compile_schema(p["schema"]))
                for p in operation.get("parameters", ())
                if p["schema"] != {"type": "string"}  # a path's or query's part is one
            )
            operations[method.upper(), path] = Operation(body, parameters)
    return operations
