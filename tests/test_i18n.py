"""The translation catalogue: complete, consistent, and used."""

from __future__ import annotations

import re
import string

import pytest

from workshop_app.i18n import Lang, current_language, set_language, tr
from workshop_app.i18n.catalog import MESSAGES
from workshop_app.paths import ROOT

# Message ids appear in code as string literals such as "poll.bad_id".
_PREFIXES = "|".join(sorted({key.split(".")[0] for key in MESSAGES}))
_ID_LITERAL = re.compile(rf"\"((?:{_PREFIXES})\.[a-z0-9_.]+)\"")


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_both_languages_have_the_same_placeholders(message_id: str) -> None:
    german, english = MESSAGES[message_id]
    assert german.strip() and english.strip()
    assert _placeholders(german) == _placeholders(english)


def _ids_in_code() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "workshop_app").rglob("*.py"):
        if path.name.startswith("catalog"):
            continue
        found.update(_ID_LITERAL.findall(path.read_text(encoding="utf-8")))
    # ids built from a prefix at run time (see deck.report.unknown_key)
    for prefix in re.findall(
        r"unknown_key\(\"([a-z]+)\"",
        "".join(p.read_text(encoding="utf-8") for p in (ROOT / "workshop_app").rglob("*.py")),
    ):
        found.update({f"{prefix}.unknown_key", f"{prefix}.unknown_key_hint"})
    return found


def test_every_id_used_in_code_is_in_the_catalogue() -> None:
    used = _ids_in_code()
    assert used, "the scan found no message ids at all"
    assert sorted(used - MESSAGES.keys()) == []


def test_every_catalogue_entry_is_used() -> None:
    assert sorted(MESSAGES.keys() - _ids_in_code()) == []


def test_language_switch_and_explicit_language() -> None:
    assert current_language() is Lang.DE
    assert tr("severity.error") == "Fehler"
    set_language("en")
    assert tr("severity.error") == "error"
    assert tr("severity.error", Lang.DE) == "Fehler"
    assert tr("poll.bad_id", "de", id="x y").startswith("Umfrage-ID „x y“")


def test_unknown_message_id_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no message"):
        tr("nope.never")


COUNTED = sorted(key for key, (german, _) in MESSAGES.items() if "‖" in german)


@pytest.mark.parametrize("message_id", COUNTED)
def test_a_counted_message_has_two_forms_in_both_languages(message_id: str) -> None:
    for template in MESSAGES[message_id]:
        one, other = template.split("‖")  # exactly two
        assert "count" in _placeholders(template)
        assert _placeholders(one) - {"count"} == _placeholders(other) - {"count"}


def test_counts_take_the_singular_only_for_exactly_one() -> None:
    # From the rehearsal (issue 32, item 8): "1 Umfragen", "Anteile von 1 Antworten".
    assert tr("results.base.answers", count=1) == "Anteile von 1 Antwort"
    assert tr("results.base.answers", count=0) == "Anteile von 0 Antworten"
    assert tr("results.base.answers", Lang.EN, count=1) == "Shares of 1 answer"
    assert tr("results.base.answers", Lang.EN, count=2) == "Shares of 2 answers"


# "{count} Stimmen" with the noun after the number must say "1 Stimme" for one: such
# messages have two forms. A count after its noun ("Stimmen: {count}") needs none.
_COUNT_THEN_WORD = re.compile(
    r"\{(?:count|slides|polls|problems|pages|rows|votes)\}\s+[^\W\d_]{2,}"
)
_NOT_A_NOUN = {"bisher", "so", "more", "möglich", "neu", "new", "–"}


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_every_counted_noun_goes_through_the_plural_rule(message_id: str) -> None:
    for template in MESSAGES[message_id]:
        if "‖" in template:
            continue
        for found in _COUNT_THEN_WORD.finditer(template):
            word = found.group().split()[-1]
            assert word in _NOT_A_NOUN, f"{message_id}: {template!r} needs two forms"


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_a_number_and_its_percent_sign_stay_on_one_line(message_id: str) -> None:
    # From the second rehearsal: "(Mehrfachauswahl: zusammen über 100 / % möglich)"
    # broke between the number and its sign on the projector.
    for template in MESSAGES[message_id]:
        assert not re.search(r"[\d}] %", template), template
