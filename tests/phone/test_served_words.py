"""The phone and remote pages type no word, limit or event name that Python decides.

Read as served (minified, the data put in) and as sources: every string the pages
show comes from the data block voting/phone_page.py fills in, and a sentence of
the catalogue, a limit of the store or an event name typed into a page fails here.
"""

from __future__ import annotations

import json
import re
import string
from functools import cache
from html.parser import HTMLParser

import pytest

from workshop_app.i18n import Lang, tr
from workshop_app.i18n.catalog import MESSAGES
from workshop_app.i18n.catalog_phone import PHONE_MESSAGES
from workshop_app.paths import RESOURCES_DIR
from workshop_app.session.ballots import DEFAULT_TEXT_LENGTH
from workshop_app.session.model import JOIN_CODE_LENGTH
from workshop_app.session.questions import MAX_NAME, MAX_TEXT, MIN_TEXT
from workshop_app.voting.keeper import RATE_OF_QUESTIONS
from workshop_app.voting.messages import Event
from workshop_app.voting.phone_page import LIMITS, WORDS, _minified, page_data, served_files

PAGES = ("phone", "remote")
HOME = {"phone": "/", "remote": "/remote"}
DATA = re.compile(r"<script id=impuls type=application/json>(.*?)</script>", re.DOTALL)
# The limits a page would need, and must not type: the phone's (the remote has none of
# the store's).
OWNED_NUMBERS = {
    "phone": {
        DEFAULT_TEXT_LENGTH,
        MAX_TEXT,
        MAX_NAME,
        MIN_TEXT,
        JOIN_CODE_LENGTH,
        *RATE_OF_QUESTIONS,
    },
    "remote": set(),
}


# The API's Authorization schemes ("Remote <token>"): words of the wire, not of a person.
AUTHORIZATION = {"Remote", "Ticket", "Bearer"}


class _Texts(HTMLParser):
    """The text and attribute values of an HTML page: what it would show if typed."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self.found.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(value for _, value in attrs if value)


def _js_strings(js: str) -> list[str]:
    """The string literals of a script; a template's text between its ${…}. Read from
    the minifier's output, which parsed the script: no comment is taken for a string."""
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`([^`]*)`',
                          _minified("page.js", js))  # fmt: skip
    pieces: list[str] = []
    for double, single, template in literals:
        pieces.extend(re.split(r"\$\{[^}]*\}", template) if template else [double or single])
    return pieces


def _html_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(re.sub(r"<!--.*?-->", "", DATA.sub("", html), flags=re.DOTALL))
    return parser.found


def _pages() -> list[tuple[str, str, str]]:
    """(page, what it is, its text) for every file, as source and as served."""
    found = []
    for page in PAGES:
        for name in ("index.html", f"{page}.js", f"{page}.css"):
            text = (RESOURCES_DIR / page / name).read_text(encoding="utf-8")
            found.append((page, f"resources/{page}/{name}", text))
        for lang in Lang:
            for route, served in served_files(page, lang).items():
                found.append((page, f"served {lang.value} {route}", served.body.decode("utf-8")))
    return found


def _shown(what: str, text: str) -> list[str]:
    if what.endswith((".html", HOME["phone"], HOME["remote"])):
        return _html_texts(text)
    if what.endswith(".js"):
        return _js_strings(text)
    return []


@cache
def _sentences() -> tuple[re.Pattern[str], frozenset[str]]:
    """What the catalogue says, as a page could type it: each piece between placeholders
    of two words or more (found inside any text), and its single words ("Datenschutz",
    "Schließen": found as a whole text). A single word in lower-case ASCII ("poll",
    "error") is also an element's id or a word of the wire, and is left out."""
    pieces, words = set(), set()
    for german, english in MESSAGES.values():
        for template in (german, english):
            for literal, *_ in string.Formatter().parse(template):
                piece = literal.strip(" :.,;·–()\n")
                if len(piece.split()) >= 2:
                    pieces.add(piece)
                elif len(piece) >= 3 and (piece[0].isupper() or not piece.isascii()):
                    words.add(piece)
    inside = "|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{inside})(?!\w)"), frozenset(words - AUTHORIZATION)


@pytest.mark.parametrize(("page", "what", "text"), _pages(), ids=lambda v: str(v)[:30])
def test_no_sentence_of_the_catalogue_is_typed_in_a_page(page: str, what: str, text: str) -> None:
    inside, words = _sentences()
    typed = [
        shown
        for shown in _shown(what, text)
        if inside.search(shown) or shown.strip(" :.,;·–()✓\n") in words
    ]
    assert typed == []


@pytest.mark.parametrize(("page", "what", "text"), _pages(), ids=lambda v: str(v)[:30])
def test_no_limit_or_event_name_is_typed_in_a_page(page: str, what: str, text: str) -> None:
    code = _minified("page.js", text) if what.endswith(".js") else DATA.sub("", text)
    code = re.sub(r"<!--.*?-->", "", code, flags=re.DOTALL)
    for number in OWNED_NUMBERS[page]:
        if number >= 10:  # a 3 or a 5 is everywhere; those are caught by where they stand
            assert not re.search(rf"(?<![\w.]){number}(?![\w.])", code), (what, number)
    assert not re.search(r"max-?length\s*=\s*\"?\d|min-?length\s*=\s*\"?\d", code, re.I), what
    owned = "|".join(str(n) for n in OWNED_NUMBERS[page]) or "-"
    assert not re.search(rf"\.length\s*[<>]=?\s*(?:{owned})\b", code), what  # checked by hand
    if page == "phone":  # it prints the server's numbers; the remote's clock ticks itself
        assert not re.search(r"Math\.round|toFixed|toPrecision|toLocale|Intl\.", code), what
    listened = re.findall(r"addEventListener\(\s*[\"'`](\w+)", code)
    assert set(listened) & {event.value for event in Event} == set(), what


@pytest.mark.parametrize("page", PAGES)
def test_a_page_asks_for_exactly_the_words_and_limits_it_is_given(page: str) -> None:
    source = (RESOURCES_DIR / page / f"{page}.js").read_text(encoding="utf-8")
    js = _minified("page.js", source).replace("`", '"')
    data = page_data(page)
    assert set(re.findall(r"\bT\(\s*\"(\w+)\"", js)) <= set(WORDS[page])  # none missing
    literals = set(re.findall(r'"(\w+)"', js))
    assert set(WORDS[page]) - literals == set()  # none sent that the page never says
    assert set(re.findall(r"\bLIMIT\.(\w+)", js)) == set(LIMITS[page])
    assert set(re.findall(r"\bEV\.(\w+)", js)) <= set(data["events"])
    # The placeholders the page fills are the catalogue's; formatted sentences have none left.
    filled: dict[str, set[str]] = {}
    for key, values in re.findall(r"\bT\(\s*\"(\w+)\",\s*\{(.*?)\}\)", js):
        while re.search(r"\([^()]*\)", values):  # describe(p, c): not a name
            values = re.sub(r"\([^()]*\)", "", values)
        filled.setdefault(key, set()).update(re.findall(r"(?:^|,)\s*(\w+)", values))
    english = page_data(page, Lang.EN)["words"]
    for key, said in data["words"].items():
        german, other = (set(re.findall(r"\{(\w+)\}", text)) for text in (said, english[key]))
        assert "{{" not in said and german == other, key
        assert filled.get(key, set()) == german, key


def test_the_served_data_is_the_catalogue_and_cannot_end_its_element() -> None:
    for lang in Lang:
        html = served_files("phone", lang)["/"].body.decode("utf-8")
        (block,) = DATA.findall(html)
        assert "<" not in block
        data = json.loads(block)
        assert data == json.loads(json.dumps(page_data("phone", lang)))
        assert data["lang"] == lang.value and data["words"]["asked"] == tr("phone.asked", lang)
    german = page_data("phone", Lang.DE)["words"]
    assert german["tooShort"] == f"Bitte eine Frage mit mindestens {MIN_TEXT} Zeichen."
    assert data["events"]["tally"] == Event.TALLY.value


def test_the_rate_of_questions_is_said_as_it_is() -> None:
    most, seconds = RATE_OF_QUESTIONS
    assert seconds == 60  # phone.ask_busy says "a minute"; another rate needs other words
    assert page_data("phone", Lang.EN)["words"]["askBusy"].startswith(
        f"At most {most} questions a minute"
    )


def test_the_pages_own_words_are_not_typed_twice_in_the_catalogue() -> None:
    others = {
        german: message_id
        for message_id, (german, _) in MESSAGES.items()
        if message_id not in PHONE_MESSAGES
    }
    assert {i: others[g] for i, (g, _) in PHONE_MESSAGES.items() if g in others} == {}


def test_a_typed_sentence_or_limit_is_caught() -> None:
    """The checks above find what they look for: a page as it was before issue 31."""
    old_js = 'const TEXT = { de: { asked: "Ihre Frage ist angekommen ✓" } };\n'
    old_js += 'area.maxLength = p.max_length || 280;\nevents.addEventListener("tally", f);\n'
    assert any("Ihre Frage ist angekommen" in s for s in _js_strings(old_js))
    with pytest.raises(AssertionError):
        test_no_limit_or_event_name_is_typed_in_a_page("phone", "phone.js", old_js)
    with pytest.raises(AssertionError):
        test_no_sentence_of_the_catalogue_is_typed_in_a_page("phone", "phone.js", old_js)
    with pytest.raises(AssertionError):
        test_no_limit_or_event_name_is_typed_in_a_page(
            "phone", "index.html", '<textarea maxlength="280"></textarea>'
        )
    for typed in ('events.addEventListener("tally", f);', "w = `${Math.round(share)} %`;",
                  "if (text.length < 3) warn();"):  # fmt: skip
        with pytest.raises(AssertionError):
            test_no_limit_or_event_name_is_typed_in_a_page("phone", "phone.js", typed)
