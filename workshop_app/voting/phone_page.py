"""The phone and remote pages as phones receive them: their words, limits and event
names put in from Python, minified once when the server starts, and gzipped for the
browsers that accept it (all current ones do).

The pages type no sentence, limit or event name of their own. Each page's
index.html carries one `<script type="application/json" id="impuls">` block,
filled here: the words the page says (from the i18n catalogue, in every language,
the page picking the phone's), the limits the store and the API enforce, the
event names of `messages.Event`. A sentence whose only number is such a limit
("mindestens 3 Zeichen") is formatted here, so the page fills in only what it
learns at run time. A phone gets the words of its own language only: the server
picks it from the browser's Accept-Language (the languages the phone's settings
name, in order), so the page speaks it at once, without a request for its words.
Each language's page is built once per start and served as it is. Sending both
cost 1,758 bytes as served of a budget of 30,720 (measured on 2026-12-07: the
whole page 30,675), room the quiz, the countdown and reactions need.

The sources in resources/ stay readable, comments and all; what a phone on venue
Wi-Fi downloads is a third of them. minify-html does the minifying: its
JavaScript minifier (oxc) parses the code. rJSmin, a regex-based one, was tried
first and changed the visible text of a nested template literal. oxc keeps a
comment that stands on its own line before a statement, so those lines go first.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import minify_html

from workshop_app.deck.model import OPTION_LETTERS
from workshop_app.i18n import DEFAULT_LANG, Lang, tr
from workshop_app.paths import RESOURCES_DIR
from workshop_app.session.ballots import DEFAULT_TEXT_LENGTH
from workshop_app.session.cards import CARD_CODE_LENGTH
from workshop_app.session.model import JOIN_CODE_LENGTH
from workshop_app.session.questions import MAX_NAME, MAX_TEXT, MIN_TEXT
from workshop_app.voting.keeper import RATE_OF_QUESTIONS
from workshop_app.voting.messages import Event
from workshop_app.voting.remote import POINTER_RATE

HTML, JS, CSS = (
    "text/html; charset=utf-8",
    "text/javascript; charset=utf-8",
    "text/css; charset=utf-8",
)

# The word the page asks for (T("vote")) → the catalogue's id; with arguments, the
# sentence is formatted here, once. Sentences the other catalogues already have are
# borrowed, never typed twice: the projector's hints, the console's tab, the handout's.
Word = str | tuple[str, dict[str, object]]
WORDS: dict[str, dict[str, Word]] = {
    "phone": {
        "title": "phone.title",
        "code": "phone.code",
        "join": "phone.join",
        "badCode": "phone.bad_code",
        "needCard": "cards.phone.need_card",
        "cardMoved": "cards.phone.moved",
        "tooManyPhones": "phone.too_many_phones",
        "busy": "phone.busy",
        "wait": "phone.wait",
        "slideOf": "phone.slide_of",
        "send": "phone.vote",
        "counted": "phone.counted",
        "change": "phone.change",
        "sendText": "phone.send_answer",
        "countedText": "phone.answer_counted",
        "changeText": "phone.change_answer",
        "yourChoice": "phone.your_choice",
        "yourAnswer": "phone.your_answer",
        "left": "phone.left",
        "full": "phone.full",
        "single": "render.hint.single",
        "multiple": "render.hint.multiple",
        "scale": "render.hint.scale",
        "text": "render.hint.text",
        "ranking": "phone.ranking",
        "confirmOrder": "phone.confirm_order",
        "up": "phone.up",
        "down": "phone.down",
        "pick": "phone.pick",
        "closed": "phone.closed",
        "timeUp": "phone.time_up",
        "invalid": "phone.invalid",
        "offline": "phone.offline",
        "lost": "phone.lost",
        "moved": "phone.talk_moved",
        "results": "phone.results",
        "right": "quiz.right",  # a quiz question's verdict, after the reveal
        "wrong": "quiz.wrong",
        "tabPoll": "phone.tab_poll",
        "tabQuestions": "console.questions_tab",
        "ask": "phone.ask",
        "askName": "phone.ask_name",
        "askSend": "phone.ask_send",
        "asked": "phone.asked",
        "tooShort": ("phone.too_short", {"least": MIN_TEXT}),
        "askBusy": ("phone.ask_busy", {"most": RATE_OF_QUESTIONS[0]}),  # "… a minute"
        "waits": "export.state.pending",  # a question's state, as the export says it
        "answered": "handout.questions.answered",
        "anonymous": "questions.anonymous",
        "top": "phone.top",
        "newest": "phone.newest",
        "noQuestions": "phone.no_questions",
        "upvote": "phone.upvote",
        "privacy": "handout.privacy.title",
        "react": "console.reactions",  # the row of reactions, as the console names it
        "privacyText": "phone.privacy",
    },
    "remote": {
        "title": "remote.title",
        "previous": "remote.previous",
        "next": "remote.next",
        "black": "remote.black",
        "notes": "console.notes",
        "noNotes": "remote.no_notes",
        "nextSlide": "remote.next_slide",
        "last": "remote.last",
        "open": "polls.open",
        "close": "polls.close",
        "reveal": "polls.reveal",
        "extend": "polls.extend",
        "halt": "polls.halt",
        "timeUp": "phone.time_up",
        "pair": "remote.pair",
        "wrong": "remote.wrong",
        "pairAgain": "remote.pair_again",
        "tooFast": "remote.too_fast",
        "offline": "remote.offline",
        "blackOn": "remote.black_on",
        "whiteOn": "remote.white_on",
        "frozen": "remote.frozen",
        "elapsed": "remote.elapsed",
        "remaining": "remote.remaining",
        "over": "remote.over",
        "poll": "remote.poll",
        "draft": "polls.state.draft",
        "openState": "polls.state.open",
        "closedState": "polls.state.closed",
        "smaller": "remote.smaller",
        "bigger": "remote.bigger",
        "point": "remote.point",
        "pointing": "remote.pointing",
    },
}

# The limits the store and the API enforce, as the page needs them.
LIMITS: dict[str, dict[str, int | str]] = {
    "phone": {
        # The code's field takes a join code or a voting card's code as printed ("001T-FMHJ")
        "code": max(JOIN_CODE_LENGTH, CARD_CODE_LENGTH + 1),
        "text": DEFAULT_TEXT_LENGTH,  # a text answer, unless the poll says otherwise
        "question": MAX_TEXT,
        "least": MIN_TEXT,  # a question's fewest characters
        "name": MAX_NAME,
        "letters": OPTION_LETTERS,  # "A Pflicht": the answers' letters, as on the projector
    },
    # The pointer: at most one move per this many ms, within the server's POINTER_RATE.
    "remote": {"pointerMs": round(1500 * POINTER_RATE[1] / POINTER_RATE[0])},
}


def _files(page: str, home: str) -> tuple[tuple[str, str, str], ...]:
    """A page's files: (route, file name, type); the page's folder is its name."""
    return ((home, "index.html", HTML), (f"/{page}.js", f"{page}.js", JS),
            (f"/{page}.css", f"{page}.css", CSS))  # fmt: skip


PAGES = {"phone": _files("phone", "/"), "remote": _files("remote", "/remote")}
PHONE_DIR = RESOURCES_DIR / "phone"
# Where the page's data goes: index.html holds this element, empty.
DATA_ELEMENT = "<script id=impuls type=application/json></script>"
_OWN_LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)


@dataclass(frozen=True)
class Served:
    body: bytes  # minified
    gzipped: bytes  # the same, compressed once (level 9: it is done once per start)
    kind: str


def _said(word: Word, lang: Lang) -> str:
    if isinstance(word, str):
        return tr(word, lang)  # a template: the page fills in {count} …
    message_id, arguments = word
    return tr(message_id, lang, **arguments)


def page_data(page: str, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
    """What a page learns from Python: its language, words, limits and the event names."""
    return {
        "lang": lang.value,
        "words": {key: _said(word, lang) for key, word in WORDS[page].items()},
        "limits": LIMITS[page],
        "events": {event.name.lower(): event.value for event in Event},
    }


# A phone set to neither language more likely reads English than German.
OTHERWISE = Lang.EN
# A language range of Accept-Language: its primary subtag, and its weight if given.
_RANGE = re.compile(
    r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*"
)


def spoken(accept_language: str, asked: str | None = None) -> Lang:
    """The language a phone's page speaks: `?lang=` where a person chose one, else the
    first of the browser's languages (by weight, RFC 9110 §12.5.4) that Impuls
    speaks. A malformed range is skipped, never an error: the header is the phone's."""
    if asked in {lang.value for lang in Lang}:
        return Lang(asked)
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept_language[:1000].split(",")[:50]):
        if (found := _RANGE.fullmatch(part)) is not None:
            weight = float(found[2]) if found[2] else 1.0
            ranked.append((-weight, order, found[1].lower()))
    for weight, _, primary in sorted(ranked):
        if weight < 0 and primary in {lang.value for lang in Lang}:
            return Lang(primary)
    return OTHERWISE


def _with_data(html: str, page: str, lang: Lang) -> str:
    # "<" as \u003c: no text in the data can end the script element it is in.
    data = json.dumps(page_data(page, lang), ensure_ascii=False, separators=(",", ":"))
    filled = DATA_ELEMENT.replace("></", ">" + data.replace("<", "\\u003c") + "</")
    assert html.count(DATA_ELEMENT) == 1, f"the {page} page needs {DATA_ELEMENT} once"
    return html.replace(DATA_ELEMENT, filled)


def _minified(name: str, source: str) -> str:
    if name.endswith(".js"):
        # The minifier reads a script as a module, which is strict anyway, and drops the
        # directive; a classic script needs it back to stay strict.
        inner = minify_html.minify(f"<script>{_OWN_LINE_COMMENT.sub('', source)}</script>",
                                   minify_js=True)  # fmt: skip
        return '"use strict";' + inner.removeprefix("<script>").removesuffix("</script>")
    if name.endswith(".css"):
        inner = minify_html.minify(f"<style>{source}</style>", minify_css=True)
        return inner.removeprefix("<style>").removesuffix("</style>")
    return minify_html.minify(source)


@cache
def _served(page: str, name: str, kind: str, lang: Lang) -> Served:
    text = _minified(name, (RESOURCES_DIR / page / name).read_text(encoding="utf-8"))
    if kind == HTML:  # only the document carries words: the script and style are shared
        text = _with_data(text, page, lang)
    body = text.encode("utf-8")
    return Served(body, gzip.compress(body, 9, mtime=0), kind)


def served_files(page: str = "phone", lang: Lang = DEFAULT_LANG) -> dict[str, Served]:
    """Route → what is sent, for every file of the page (the participants' or the
    remote), in one language."""
    return {route: _served(page, name, kind, lang) for route, name, kind in PAGES[page]}


def page_bytes() -> tuple[int, int, int]:
    """(source, served, gzipped) bytes of the whole page in its longer language: the
    benchmark's figures."""
    source = sum((PHONE_DIR / name).stat().st_size for _, name, _ in PAGES["phone"])
    sizes = []
    for lang in Lang:
        served = served_files("phone", lang).values()
        sizes.append((sum(len(s.body) for s in served), sum(len(s.gzipped) for s in served)))
    body, gzipped = max(sizes)
    return source, body, gzipped
