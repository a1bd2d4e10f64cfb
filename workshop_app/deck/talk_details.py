"""The talk's details (title, author, date, theme, …) as a form edits them.

The front matter is the speaker's: a key the form changes gets its one line
rewritten, a key it adds goes before the closing `---`, and every other line
(comments, Marp's keys, a `style: |` block) stays byte for byte. A value is
quoted only where YAML would read it otherwise (`scalar`, as the poll form
writes). The form's result is checked by the same reader `check` uses.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from workshop_app.deck import yamlblock
from workshop_app.deck.frontmatter import LOOSE_KEYS, read_front_matter
from workshop_app.deck.model import Problem
from workshop_app.deck.poll_form import scalar
from workshop_app.deck.report import Reporter

# A top-level `key: value` line (a nested or continued line starts with a space).
_KEY_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<value>.*)")
_FENCE = "---"


@dataclass(frozen=True)
class TalkDetails:
    """What the form shows; "" or None: the key is not written."""

    title: str = ""
    subtitle: str = ""
    author: str = ""
    event: str = ""
    date: str = ""
    theme: str = ""
    duration: int | None = None  # minutes, for the console's countdown
    paginate: bool = False
    questions: bool = True  # phones may ask questions
    follow: bool = True  # phones show the slide


TEXT_FIELDS = ("title", "subtitle", "author", "event", "date", "theme")
FLAG_FIELDS = {"paginate": False, "questions": True, "follow": True}  # with their defaults


def read_details(head: tuple[str, ...]) -> TalkDetails:
    """The details a Draft's head holds (leniently: what cannot be read stays empty)."""
    body = _body(head)
    if body is None:
        return TalkDetails()
    try:
        loaded = yamlblock.load_mapping(yamlblock.loosen("\n".join(body), LOOSE_KEYS))
    except yamlblock.YamlError:
        return TalkDetails()
    if not isinstance(loaded, yamlblock.Mapping):
        return TalkDetails()
    values = {str(entry.key): entry.value for entry in loaded.entries}
    found: dict[str, object] = {}
    for name in TEXT_FIELDS:
        value = values.get(name)
        if value is not None and not isinstance(value, dict | list | bool):
            found[name] = str(value)
    duration = values.get("duration")
    if isinstance(duration, int) and not isinstance(duration, bool):
        found["duration"] = duration
    for name, default in FLAG_FIELDS.items():
        value = values.get(name, default)
        found[name] = value if isinstance(value, bool) else default
    return dataclasses.replace(TalkDetails(), **found)  # type: ignore[arg-type]


def with_details(head: tuple[str, ...], details: TalkDetails) -> tuple[str, ...]:
    """`head` with the form's values; every line the form does not own unchanged."""
    body = _body(head)
    lines = list(body) if body is not None else []
    wanted = _wanted(details, read_details(head))
    for key, value in wanted.items():
        at = _line_of(lines, key)
        if value is None:  # back to the default: the key goes
            if at is not None:
                del lines[at : _end_of_value(lines, at)]
            continue
        written = f"{key}: {value}"
        if at is None:
            lines.append(written)
        elif lines[at] != written:
            lines[at : _end_of_value(lines, at)] = [written]
    if body is None and not lines:
        return head
    if body is None:
        return (_FENCE, *lines, _FENCE, "")
    return (head[0], *lines, *head[len(body) + 1 :])


def check_details(details: TalkDetails, head: tuple[str, ...]) -> list[Problem]:
    """What `check` would say of the front matter with these details (empty: fine)."""
    written = with_details(head, details)
    body = _body(written)
    report = Reporter(None)
    read_front_matter("\n".join(body) if body is not None else None, True, report)
    return list(report.problems)


# ---------------------------------------------------------------- lines


def _body(head: tuple[str, ...]) -> tuple[str, ...] | None:
    """The YAML lines between the head's `---` lines; None without front matter."""
    if len(head) < 2 or head[0].rstrip() != _FENCE:
        return None
    for index in range(1, len(head)):
        if head[index].rstrip() in (_FENCE, "..."):
            return head[1:index]
    return None


def _line_of(lines: list[str], key: str) -> int | None:
    for index, line in enumerate(lines):
        match = _KEY_LINE.fullmatch(line)
        if match and match.group("key") == key:
            return index
    return None


def _end_of_value(lines: list[str], at: int) -> int:
    """After the key's line and its continued lines (a block value is indented)."""
    end = at + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
        end += 1
    return end


def _wanted(details: TalkDetails, before: TalkDetails) -> dict[str, str | None]:
    """Each key the form changed: its YAML value, or None to leave the default."""
    changes: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        new, old = getattr(details, name).strip(), getattr(before, name)
        if new != old:
            changes[name] = scalar(new) if new else None
    if details.duration != before.duration:
        changes["duration"] = str(details.duration) if details.duration else None
    for name, default in FLAG_FIELDS.items():
        new_flag, old_flag = getattr(details, name), getattr(before, name)
        if new_flag != old_flag:
            changes[name] = None if new_flag == default else str(new_flag).lower()
    return changes
