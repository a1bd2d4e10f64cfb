"""Validate a ```poll block: strict keys per poll type, every error on its line."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypedDict, TypeVar

from workshop_app.deck import yamlblock
from workshop_app.deck.model import (
    OPTION_LETTERS,
    Eligible,
    Majority,
    Poll,
    PollType,
    Quorum,
    motion_options,
)
from workshop_app.deck.report import Reporter, close_matches, unknown_key
from workshop_app.deck.splitter import FenceSegment
from workshop_app.i18n import Lang

COMMON_KEYS = frozenset({"id", "type", "question", "compare_with", "seconds", "eligible"})
REQUIRED_KEYS = ("id", "type", "question")  # every poll, in the order they are reported
KEYS_BY_TYPE: dict[PollType, frozenset[str]] = {
    PollType.SINGLE: frozenset({"options", "correct"}),
    PollType.MULTIPLE: frozenset({"options", "max_choices", "correct"}),
    PollType.RANKING: frozenset({"options"}),
    PollType.SCALE: frozenset({"min", "max", "labels"}),
    PollType.TEXT: frozenset({"max_length"}),
    PollType.MOTION: frozenset({"majority", "quorum"}),
}
REQUIRED_BY_TYPE: dict[PollType, tuple[str, ...]] = {
    PollType.SINGLE: ("options",),
    PollType.MULTIPLE: ("options",),
    PollType.RANKING: ("options",),
    PollType.SCALE: ("min", "max"),
    PollType.TEXT: (),
    PollType.MOTION: (),
}
ALL_KEYS = COMMON_KEYS.union(*KEYS_BY_TYPE.values())
# Words a speaker writes for a key, in English or German, that no spelling is close
# to: the problem then says which key was meant, as it does for a typo.
KEY_SYNONYMS = {
    "answers": "options", "answer": "options", "choices": "options", "antworten": "options",
    "optionen": "options", "auswahl": "options", "frage": "question", "typ": "type",
    "richtig": "correct", "loesung": "correct", "lösung": "correct", "solution": "correct",
    "right": "correct", "mehrheit": "majority", "beschlussfähigkeit": "quorum",
    "beschlussfaehigkeit": "quorum", "stimmberechtigt": "eligible", "berechtigt": "eligible",
    "wahlberechtigt": "eligible", "teilnahme": "eligible",
}  # fmt: skip
# Words for a poll's type that are no type of ours, and the type they mean.
TYPE_SYNONYMS = {"antrag": "motion", "abstimmung": "motion", "beschluss": "motion",
                 "beschlussantrag": "motion"}  # fmt: skip
# Words for the values of `eligible:` and `majority:`, and the value they mean.
VALUE_SYNONYMS = {
    "alle": "all", "everyone": "all", "karten": "cards", "stimmkarten": "cards",
    "card": "cards", "karte": "cards", "einfach": "simple", "einfache": "simple",
    "zweidrittel": "two-thirds", "zwei-drittel": "two-thirds", "2/3": "two-thirds",
    "two_thirds": "two-thirds", "twothirds": "two-thirds", "absolut": "absolute",
    "absolute mehrheit": "absolute", "einfache mehrheit": "simple",
}  # fmt: skip
QUORUM = re.compile(r"(\d{1,6})\s*(%?)")

POLL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
MAX_OPTIONS = 12
MAX_SCALE_STEPS = 11
MAX_TEXT_LENGTH = 2000
DEFAULT_TEXT_LENGTH = 280
# A countdown a room can keep up with: under 5 s nobody reads the question, over an
# hour is no countdown. Outside, `check` warns and the poll runs without one.
COUNTDOWN_SECONDS = range(5, 3601)


_E = TypeVar("_E", bound=StrEnum)


class _TypeFields(TypedDict, total=False):
    """The Poll fields that only some poll types have."""

    max_choices: int | None
    scale_min: int | None
    scale_max: int | None
    labels: tuple[str, ...]
    max_length: int | None
    correct: tuple[int, ...]
    majority: Majority | None
    quorum: Quorum | None


def read_poll(fence: FenceSegment, report: Reporter, lang: Lang | str = Lang.DE) -> Poll | None:
    """The Poll a fence declares, or None after reporting why there is none.

    `lang`: the deck's language, in which a motion's fixed answers are written."""
    first = fence.line + 1  # the block's first YAML line
    try:
        loaded = yamlblock.load_mapping(fence.text)
    except yamlblock.YamlError as problem:
        report.error(first + problem.line, problem.message_id, **problem.params)
        return None
    if loaded is None:
        report.error(fence.line, "poll.empty")
        return None
    if not isinstance(loaded, yamlblock.Mapping):
        report.error(first, "poll.not_mapping")
        return None
    return _PollReader(loaded, fence.line, report, lang).read()


def answer_index(name: str, options: tuple[str, ...]) -> int | None:
    """The option `name` means: its text (any case), else its letter ("B")."""
    folded = [option.casefold() for option in options]
    if name.casefold() in folded:
        return folded.index(name.casefold())
    if len(name) == 1 and name.upper() in OPTION_LETTERS[: len(options)]:
        return OPTION_LETTERS.index(name.upper())
    return None


def split_phrases(options: tuple[str, ...], plain: tuple[bool, ...]) -> list[tuple[str, str]]:
    """Neighbours in a flow list that read as one phrase the comma split.

    In `[Ja, regelmäßig, Nein, nie]` the speaker meant two options; YAML reads four.
    Unquoted items that start in lower case, each after one that starts in upper
    case, continue the item before them, when the list has other capitalised items
    and what joining leaves is still a poll (two options or more). A run of lower
    case items (`[Ja, eher ja, eher nein, Nein]`) and quoted items are as meant.
    """
    if len(plain) != len(options):
        return []
    lower = [i for i, option in enumerate(options) if option[:1].islower()]
    upper = [i for i, option in enumerate(options) if option[:1].isupper()]
    if not lower or len(upper) < 2 or lower[0] == 0:
        return []
    if any(not options[i - 1][:1].isupper() or not (plain[i] and plain[i - 1]) for i in lower):
        return []
    return [(options[i - 1], options[i]) for i in lower]


def declared_id(fence: FenceSegment) -> str | None:
    """The `id` a poll block names, even when the block has errors (for duplicate ids)."""
    try:
        loaded = yamlblock.load_mapping(fence.text)
    except yamlblock.YamlError:
        return None
    if not isinstance(loaded, yamlblock.Mapping):
        return None
    for entry in loaded.entries:
        if entry.key == "id" and isinstance(entry.value, str | int):
            return str(entry.value)
    return None


def _exclusive(options: tuple[str, ...]) -> int | None:
    """The multiple-choice answer that rules out the others (see Poll.exclusive)."""
    return Poll("", PollType.MULTIPLE, "", 0, options).exclusive


class _PollReader:
    def __init__(
        self, mapping: yamlblock.Mapping, fence_line: int, report: Reporter, lang: Lang | str
    ) -> None:
        self.report = report
        self.lang = lang
        self.fence_line = fence_line
        self.values: dict[str, object] = {}
        self.lines: dict[str, int] = {}
        self.flow_plain: dict[str, tuple[bool, ...]] = {}
        self.ok = True
        for dup in mapping.duplicates:
            self._error_at(fence_line + 1 + dup.line, "yaml.duplicate_key", key=str(dup.key))
        for entry in mapping.entries:
            key = str(entry.key)
            line = fence_line + 1 + entry.line
            if key == "secret":  # not offered: a vote is always secret (docs/deck-format.md)
                self._error_at(line, "motion.secret_fixed")
            elif key not in ALL_KEYS:
                message_id, params = unknown_key("poll", key, ALL_KEYS, KEY_SYNONYMS)
                self._error_at(line, message_id, **params)
            else:
                self.values[key] = entry.value
                self.lines[key] = line
                self.flow_plain[key] = entry.flow_plain

    def read(self) -> Poll | None:
        for key in REQUIRED_KEYS:
            if key not in self.values:
                self._error_at(self.fence_line, "poll.missing_key", key=key)
        poll_type = self._poll_type()
        poll_id = self._text("id")
        if poll_id is not None and not POLL_ID.fullmatch(poll_id):
            self._error("id", "poll.bad_id", id=poll_id)
        question = self._text("question")
        if question is not None and not question.strip():
            self._error("question", "poll.empty_question")
        if poll_type is None:
            return None
        allowed = COMMON_KEYS | KEYS_BY_TYPE[poll_type]
        for key in self.values:
            if key == "options" and poll_type is PollType.MOTION:
                said = ", ".join(motion_options(self.lang))
                self._error(key, "motion.options_fixed", options=said)
            elif key not in allowed:
                self._error(key, "poll.key_not_for_type", key=key, type=poll_type.value)
        for key in REQUIRED_BY_TYPE[poll_type]:
            if key not in self.values:
                self._error_at(
                    self.fence_line, "poll.missing_key_for_type", key=key, type=poll_type.value
                )
        options = self._options() if "options" in allowed else ()
        if poll_type is PollType.MOTION:
            options = motion_options(self.lang)
        eligible = self._choice("eligible", Eligible) or Eligible.ALL
        poll = Poll(
            id=poll_id or "",
            type=poll_type,
            question=(question or "").strip(),
            line=self.fence_line,
            options=options,
            compare_with=self._text("compare_with"),
            seconds=self._seconds(),
            eligible=eligible,
            **self._type_specific(poll_type, options, eligible),
        )
        if eligible is Eligible.CARDS and poll.quiz:
            self.report.warning(self.lines["eligible"], "motion.cards_quiz")
        elif eligible is Eligible.CARDS and poll_type is PollType.TEXT:
            self.report.warning(self.lines["eligible"], "motion.cards_text")
        return poll if self.ok else None

    def _type_specific(
        self, poll_type: PollType, options: tuple[str, ...], eligible: Eligible
    ) -> _TypeFields:
        if poll_type is PollType.MOTION:
            return self._motion(eligible)
        if poll_type is PollType.MULTIPLE:
            max_choices = self._integer("max_choices")
            # Without options the missing key is the mistake, already named; a bound
            # of "between 1 and 0" would only be a second, puzzling message for it.
            if max_choices is not None and options and not 1 <= max_choices <= len(options):
                self._error("max_choices", "poll.bad_max_choices", count=len(options))
            correct = self._correct(options, single=False)
            if max_choices is not None and len(correct) > max_choices:
                self._error("correct", "quiz.correct_too_many", most=max_choices)
            return {"max_choices": max_choices or len(options), "correct": correct}
        if poll_type is PollType.SINGLE:
            return {"correct": self._correct(options, single=True)}
        if poll_type is PollType.SCALE:
            low, high = self._integer("min"), self._integer("max")
            # The defaults are decided here once, so every reader gets numbers (0 is one).
            low = 1 if low is None else low
            high = 5 if high is None else high
            labels = self._text_list("labels") or ()
            steps = high - low + 1
            if not 2 <= steps <= MAX_SCALE_STEPS:
                self._error("max", "poll.bad_scale", most=MAX_SCALE_STEPS)
            elif labels and len(labels) not in (2, steps):
                self._error("labels", "poll.bad_labels", steps=steps)
            return {"scale_min": low, "scale_max": high, "labels": labels}
        if poll_type is PollType.TEXT:
            length = self._integer("max_length")
            if length is not None and not 1 <= length <= MAX_TEXT_LENGTH:
                self._error("max_length", "poll.bad_max_length", most=MAX_TEXT_LENGTH)
            return {"max_length": length or DEFAULT_TEXT_LENGTH}
        return _TypeFields()

    def _motion(self, eligible: Eligible) -> _TypeFields:
        """A motion's majority and quorum; both that count cards need `eligible: cards`."""
        majority = self._choice("majority", Majority) or Majority.SIMPLE
        if majority is Majority.ABSOLUTE and eligible is not Eligible.CARDS:
            self._error("majority", "motion.absolute_needs_cards")
        quorum = self._quorum()
        if quorum is not None and eligible is not Eligible.CARDS:
            self._error("quorum", "motion.quorum_needs_cards")
        return {"majority": majority, "quorum": quorum}

    # ------------------------------------------------------------ typed values

    def _poll_type(self) -> PollType | None:
        raw = self._text("type")
        if raw is None:
            return None
        try:
            return PollType(raw.strip().lower())
        except ValueError:
            types = [t.value for t in PollType]
            meant = TYPE_SYNONYMS.get(raw.strip().lower())  # "antrag": German for motion
            close = [meant] if meant else close_matches(raw.strip().lower(), types)
            if close:  # "rangking": a typo, said as one
                self._error("type", "poll.unknown_type_hint", type=raw, hint=close[0])
            else:
                self._error("type", "poll.unknown_type", type=raw, types=", ".join(types))
            return None

    def _choice(self, key: str, kind: type[_E]) -> _E | None:
        """The value of `key` among `kind`'s, with a hint for a near miss ("zweidrittel")."""
        raw = self._text(key)
        if raw is None:
            return None
        said = raw.strip().lower()
        allowed = [item.value for item in kind]
        if said in allowed:
            return kind(said)
        hint = VALUE_SYNONYMS.get(said)
        close = [hint] if hint in allowed else close_matches(said, allowed)
        if close:
            self._error(key, "motion.unknown_value_hint", key=key, value=raw, hint=close[0])
        else:
            self._error(key, "motion.unknown_value", key=key, value=raw,
                        allowed=", ".join(allowed))  # fmt: skip
        return None

    def _quorum(self) -> Quorum | None:
        """`quorum: 30` (cards) or `quorum: 50%` (a share of the cards issued)."""
        value = self.values.get("quorum")
        if value is None:
            return None
        found = QUORUM.fullmatch(str(value).strip()) if not isinstance(value, bool) else None
        if found is None or isinstance(value, float | list | yamlblock.Mapping):
            self._error("quorum", "motion.bad_quorum")
            return None
        quorum = Quorum(int(found[1]), percent=bool(found[2]))
        if quorum.value < 1 or (quorum.percent and quorum.value > 100):
            self._error("quorum", "motion.bad_quorum")
            return None
        return quorum

    def _seconds(self) -> int | None:
        """The poll's countdown; a number no room could use is said and left out."""
        seconds = self._integer("seconds")
        if seconds is not None and seconds not in COUNTDOWN_SECONDS:
            low, high = COUNTDOWN_SECONDS[0], COUNTDOWN_SECONDS[-1]
            self.report.warning(self.lines["seconds"], "poll.odd_seconds", seconds=seconds,
                                low=low, high=high)  # fmt: skip
            return None
        return seconds

    def _text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._error(key, "poll.expected_text", key=key)
            return None
        return str(value)

    def _integer(self, key: str) -> int | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._error(key, "poll.expected_integer", key=key)
            return None
        return value

    def _text_list(self, key: str) -> tuple[str, ...] | None:
        value = self.values.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(
            isinstance(item, str | int | float) and not isinstance(item, bool) for item in value
        ):
            self._error(key, "poll.expected_list", key=key)
            return None
        items = tuple(str(item).strip() for item in value)
        if any(not item for item in items):
            self._error(key, "poll.empty_item", key=key)
            return None
        return items

    def _options(self) -> tuple[str, ...]:
        options = self._text_list("options")
        if options is None:
            return ()
        if not 2 <= len(options) <= MAX_OPTIONS:
            self._error("options", "poll.option_count", most=MAX_OPTIONS)
        seen: set[str] = set()
        for option in options:
            if option.casefold() in seen:
                self._error("options", "poll.duplicate_option", option=option)
            seen.add(option.casefold())
        for first, second in split_phrases(options, self.flow_plain.get("options", ())):
            self.report.warning(
                self.lines["options"], "poll.option_split", first=first, second=second
            )
        return options

    def _correct(self, options: tuple[str, ...], *, single: bool) -> tuple[int, ...]:
        """The right answers' indices (`correct:` names each by its text or its letter)."""
        if "correct" not in self.values:
            return ()
        value = self.values["correct"]
        named = self._text_list("correct") if isinstance(value, list) else self._text("correct")
        if named is None:
            return ()
        names = (named,) if isinstance(named, str) else named
        if single and len(names) != 1:
            self._error("correct", "quiz.correct_one")
            return ()
        if not names or not options:
            if not names:
                self._error("correct", "poll.empty_item", key="correct")
            return ()
        found: set[int] = set()
        for name in names:
            index = answer_index(name.strip(), options)
            if index is None:
                last = OPTION_LETTERS[len(options) - 1]
                self._error("correct", "quiz.correct_unknown", answer=name, last=last)
            elif index in found:
                self._error("correct", "quiz.correct_twice", answer=name)
            else:
                found.add(index)
        if _exclusive(options) in found and len(found) > 1:
            self._error("correct", "quiz.correct_exclusive")
        return tuple(sorted(found))

    # ------------------------------------------------------------ reporting

    def _error(self, key: str, message_id: str, /, **params: object) -> None:
        self._error_at(self.lines.get(key, self.fence_line), message_id, **params)

    def _error_at(self, line: int, message_id: str, /, **params: object) -> None:
        self.ok = False
        self.report.error(line, message_id, **params)
