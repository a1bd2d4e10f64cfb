"""The deck's front matter and Marp's directives.

Our keys are checked strictly (a wrong value is an error). Marp's keys are
accepted so that an existing Marp deck opens as it is; those Impuls does not
use produce a warning, never an error, and so does an unknown key (with the
closest known key as a hint), because Marp itself ignores unknown keys.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from workshop_app.deck import yamlblock
from workshop_app.deck.colors import css_color
from workshop_app.deck.model import THEMES, Aspect, DeckMeta
from workshop_app.deck.reactions import MOST_REACTIONS, reaction_set
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.i18n import Lang

TEXT_KEYS = ("title", "subtitle", "author", "event", "date", "header", "footer")
OUR_KEYS = frozenset(
    {
        *TEXT_KEYS,
        "lang",
        "theme",
        "duration",
        "aspect",
        "paginate",
        "class",
        "questions",
        "follow",
        "pdf",
        "quiz_speed",
        "reactions",
    }
)
# `marp: true` only switches Marp on in editors; it means nothing else.
# `math: katex|mathjax` picks Marp's math engine; we typeset either way.
MARP_SILENT = frozenset({"marp", "size", "math"})
MARP_UNUSED = frozenset(
    {
        "description", "image", "url", "transition",
        "backgroundPosition", "backgroundRepeat", "backgroundSize",
    }
)  # fmt: skip
# Marp directives Impuls applies from the front matter as each slide's defaults.
SLIDE_DEFAULTS = frozenset({"class", "backgroundColor", "backgroundImage", "color"})
KNOWN_KEYS = OUR_KEYS | MARP_SILENT | MARP_UNUSED | SLIDE_DEFAULTS | {"headingDivider", "style"}

MAX_DURATION_MINUTES = 24 * 60
MARP_FALLBACK_THEME = "default"  # what Marp shows for a theme it does not know

# Marp directives that may appear in HTML comments: local ones apply to this and
# the following slides, their `_` spot forms to this slide only.
USED_LOCAL_DIRECTIVES = frozenset(
    {"class", "paginate", "header", "footer", "backgroundColor", "backgroundImage", "color"}
)
UNUSED_LOCAL_DIRECTIVES = frozenset({"backgroundPosition", "backgroundRepeat", "backgroundSize"})
GLOBAL_DIRECTIVES = frozenset(
    {"theme", "style", "headingDivider", "size", "math", "lang", "marp", "title", "author",
     "description", "image", "url", "transition"}
)  # fmt: skip
LOCAL_DIRECTIVES = USED_LOCAL_DIRECTIVES | UNUSED_LOCAL_DIRECTIVES
# Keys whose plain values Marp reads as text (its "loose YAML", see yamlblock.loosen).
LOOSE_KEYS = (LOCAL_DIRECTIVES | GLOBAL_DIRECTIVES | frozenset(TEXT_KEYS)) - {
    "paginate", "headingDivider", "marp", "math",
}  # fmt: skip


@dataclass
class FrontMatter:
    meta: DeckMeta
    directives: dict[str, object] = field(default_factory=dict)  # Marp defaults for slides
    spot: dict[str, object] = field(default_factory=dict)  # `_class: lead`: the first slide
    heading_divider: frozenset[int] = frozenset()
    pdf: tuple[str, int] | None = None  # `pdf: vortrag.pdf`: the file and its line
    aspect_given: bool = False  # `aspect`/`size` set: a PDF's pages do not choose it
    style: tuple[str, int] | None = None  # Marp's `style:` CSS and the line it starts on


def read_front_matter(text: str | None, closed: bool, report: Reporter) -> FrontMatter:
    """Validate the YAML between the leading `---` lines (line 1 opens it)."""
    if text is None:
        return FrontMatter(DeckMeta())
    if not closed:
        report.error(1, "frontmatter.unclosed")
        return FrontMatter(DeckMeta())
    try:
        loaded = yamlblock.load_mapping(yamlblock.loosen(text, LOOSE_KEYS))
    except yamlblock.YamlError as problem:
        # Marp (marpit's directives/parse.js) reads front matter it cannot parse as
        # no front matter at all and shows the slides: so does Impuls, saying why.
        _warn_unreadable(text, problem, report)
        if _MARP_ON.search(text):  # a deck written for Marp looks as Marp shows it
            return FrontMatter(DeckMeta(theme=MARP_FALLBACK_THEME, marp=True))
        return FrontMatter(DeckMeta())
    if loaded is None:
        return FrontMatter(DeckMeta())
    if not isinstance(loaded, yamlblock.Mapping):
        report.warning(2, "frontmatter.not_mapping")  # Marp ignores it too
        return FrontMatter(DeckMeta())
    return _Reader(loaded, report, text.split("\n")).read()


_MARP_ON = re.compile(r"^marp[ \t]*:[ \t]*true[ \t]*(?:#.*)?$", re.MULTILINE)
_BLOCK_SCALAR = re.compile(r"^([A-Za-z_$][\w$-]*)[ \t]*:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _warn_unreadable(text: str, problem: yamlblock.YamlError, report: Reporter) -> None:
    """The warning for front matter that is not YAML, on the line to mend."""
    lines = text.split("\n")
    for number, line in enumerate(lines[: problem.line + 1]):
        opened = _BLOCK_SCALAR.match(line)
        if opened is None:
            continue
        following = next((n for n in range(number + 1, len(lines)) if lines[n].strip()), None)
        if following is not None and following <= problem.line and lines[following][0] not in " \t":
            # `style: |` and then CSS at the left edge: the commonest mistake in Marp decks.
            report.warning(2 + following, "frontmatter.ignored_block", key=opened.group(1))
            return
    if "detail" in problem.params:  # yaml.syntax and the mistakes it explains
        report.warning(2 + problem.line, "frontmatter.ignored_syntax", **problem.params)
    elif problem.message_id == "yaml.bad_char":
        report.warning(2 + problem.line, "frontmatter.ignored_char", **problem.params)
    else:
        report.warning(2 + problem.line, "frontmatter.ignored_deep")


class _Reader:
    def __init__(self, mapping: yamlblock.Mapping, report: Reporter, lines: list[str]) -> None:
        self.report = report
        self.source_lines = lines
        self.values: dict[str, object] = {}
        self.lines: dict[str, int] = {}
        self.spot: dict[str, object] = {}
        self.spot_lines: dict[str, int] = {}
        for dup in mapping.duplicates:
            report.error(2 + dup.line, "yaml.duplicate_key", key=str(dup.key))
        for entry in mapping.entries:
            key, line = str(entry.key), 2 + entry.line
            if key.startswith("_") and key[1:] in LOCAL_DIRECTIVES:
                # Marp's spot directives may stand in the front matter too.
                if key[1:] in UNUSED_LOCAL_DIRECTIVES:
                    report.warning(line, "directive.unused", key=key[1:])
                else:
                    self.spot[key[1:]] = entry.value
                    self.spot_lines[key[1:]] = line
            elif key in MARP_UNUSED:
                report.warning(line, "frontmatter.marp_unused", key=key)
            elif key not in KNOWN_KEYS:
                message_id, params = unknown_key("frontmatter", key, KNOWN_KEYS)
                report.warning(line, message_id, **params)
            else:
                self.values[key] = entry.value
                self.lines[key] = line

    def read(self) -> FrontMatter:
        texts: dict[str, Any] = {key: self._text(key) for key in TEXT_KEYS}
        paginate = self._paginate()
        meta = DeckMeta(
            **texts,
            lang=self._lang(),
            theme=self._theme(),
            duration_minutes=self._duration(),
            aspect=self._aspect(),
            paginate=paginate is True,
            questions=self._flag("questions", default=True),
            follow=self._flag("follow", default=True),
            quiz_speed=self._flag("quiz_speed", default=False),
            reactions=self._reactions(),
            marp=self.values.get("marp") is True,
        )
        directives: dict[str, object] = {}
        for key in SLIDE_DEFAULTS:
            # Marp joins a list of classes with spaces (`class: [lead, invert]`).
            value = class_names(self.values.get(key)) if key == "class" else self._text(key)
            if value:
                directives[key] = value
        if isinstance(paginate, str):  # Marp's `hold` or `skip`, for every slide
            directives["paginate"] = paginate
        if "backgroundImage" in directives:
            check_background(
                directives["backgroundImage"], self.lines["backgroundImage"], self.report
            )
        if "backgroundImage" in self.spot:
            check_background(
                self.spot["backgroundImage"], self.spot_lines["backgroundImage"], self.report
            )
        pdf = self._text("pdf")
        return FrontMatter(
            meta,
            directives,
            self.spot,
            self._heading_divider(),
            (pdf, self.lines["pdf"]) if pdf else None,
            "aspect" in self.values or "size" in self.values,
            self._style(),
        )

    def _style(self) -> tuple[str, int] | None:
        """The `style:` CSS and its first line: below the key for `style: |`."""
        value = self.values.get("style")
        if value is None:
            return None
        line = self.lines["style"]
        if not isinstance(value, str):
            self.report.warning(line, "frontmatter.marp_unused", key="style")
            return None
        block = _BLOCK_SCALAR.match(self.source_lines[line - 2]) is not None
        css = value.lstrip("\n")
        return css, line + block + value.count("\n", 0, len(value) - len(css))

    def _heading_divider(self) -> frozenset[int]:
        return heading_levels(self.values.get("headingDivider"))

    def _text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return ", ".join(str(v).strip() for v in value)  # `author: [Ann, Bob]`
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._error(key, "frontmatter.expected_text", key=key)
            return ""
        return str(value).strip()

    def _paginate(self) -> bool | str:
        """True, False, or Marp's `hold` (numbered, not counted) or `skip` (neither)."""
        value = self.values.get("paginate")
        if isinstance(value, str) and value.strip().lower() in ("hold", "skip"):
            return value.strip().lower()
        return self._flag("paginate")

    def _flag(self, key: str, default: bool = False) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            self._error(key, "frontmatter.expected_flag", key=key)
            return default
        return value

    def _reactions(self) -> tuple[str, ...]:
        chosen, left_out = reaction_set(self.values.get("reactions"))
        for entry in left_out:
            self.report.warning(self.lines["reactions"], "frontmatter.bad_reaction",
                                entry=entry, most=MOST_REACTIONS)  # fmt: skip
        return chosen

    def _lang(self) -> Lang:
        value = self._text("lang")
        if not value:
            return Lang.DE
        short = value.lower().split("-")[0].split("_")[0]
        try:
            return Lang(short)
        except ValueError:
            # Marp accepts any language tag; we present in German or English.
            self.report.warning(self.lines["lang"], "frontmatter.lang_unsupported", lang=value)
            return Lang.DE

    def _theme(self) -> str:
        if not self._text("theme") and self.values.get("marp") is True:
            return MARP_FALLBACK_THEME  # a deck written for Marp looks as Marp shows it
        return resolve_theme(self._text("theme"), self.lines.get("theme", 1), self.report)

    def _duration(self) -> int | None:
        value = self.values.get("duration")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._error("duration", "frontmatter.bad_duration", most=MAX_DURATION_MINUTES)
            return None
        if not 1 <= value <= MAX_DURATION_MINUTES:
            self._error("duration", "frontmatter.bad_duration", most=MAX_DURATION_MINUTES)
            return None
        return value

    def _aspect(self) -> Aspect:
        key = "aspect" if "aspect" in self.values else "size"
        value = self._text(key)
        if not value:
            return Aspect.WIDE
        try:
            return Aspect(value.replace(" ", "").upper())
        except ValueError:
            if key == "size":  # Marp themes may define sizes of their own
                self.report.warning(self.lines[key], "frontmatter.size_unsupported", value=value)
            else:
                self._error(key, "frontmatter.bad_aspect", key=key, value=value)
            return Aspect.WIDE

    def _error(self, key: str, message_id: str, /, **params: object) -> None:
        self.report.error(self.lines.get(key, 1), message_id, **params)


def class_names(value: object) -> str:
    """A `class` directive's classes, space-separated, as Marp joins a YAML list."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return " ".join(str(item).strip() for item in value if item is not None)
    return str(value).strip()


_CSS_URL = re.compile(r"""^\s*url\(\s*['"]?([^'")]+)['"]?\s*\)\s*$""")
_GRADIENT = re.compile(
    r"^\s*(?:repeating-)?(?:linear|radial|conic)-gradient\((.*)\)\s*$", re.IGNORECASE | re.DOTALL
)


def gradient_color(value: object) -> str | None:
    """The mean of a CSS gradient's colours as `#rrggbb`, or None when `value` is none.

    Impuls draws no gradients; a slide whose `backgroundImage` is one gets this
    colour, so that text written for a dark gradient stays readable on it."""
    found = _GRADIENT.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    colors = []
    for argument in _top_level_parts(found.group(1)):
        words = argument.split()
        # A stop is a colour and up to two positions: `#fff`, `red 20%`, `rgb(0 0 0) 10% 30%`.
        for end in range(len(words), max(len(words) - 3, 0), -1):
            color = css_color(" ".join(words[:end]))
            if color is not None:
                colors.append(color)
                break
    if not colors:
        return None
    channels = [
        round(sum(int(color[i : i + 2], 16) for color in colors) / len(colors)) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _top_level_parts(text: str) -> list[str]:
    """`text` split at the commas outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        depth += (char == "(") - (char == ")")
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def check_background(value: object, line: int, report: Reporter) -> None:
    """Warn, on its line, about a `backgroundImage` Impuls cannot draw as Marp does."""
    text = str(value).strip() if isinstance(value, str | int | float) else ""
    found = _CSS_URL.match(text)
    if found is not None:
        if "://" in found.group(1) or found.group(1).startswith("//"):
            report.warning(line, "image.remote", src=found.group(1))
        return
    color = gradient_color(text)
    if color is not None:
        report.warning(line, "directive.background_gradient", color=color)
    else:
        report.warning(line, "directive.background_unsupported", value=text or str(value))


def heading_levels(value: object) -> frozenset[int]:
    """Marp's `headingDivider`: `2` means levels 1–2, `[2, 3]` exactly those."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return frozenset(range(1, min(value, 6) + 1))
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, int) and 1 <= v <= 6)
    return frozenset()


def resolve_theme(value: str, line: int, report: Reporter) -> str:
    """The theme a deck names (ours or Marp's); an unknown one is Marp's default, as in Marp.

    A deck without a theme gets ours (`light`); one that names a custom Marp theme
    we do not have looks as Marp shows it without that theme's CSS.
    """
    value = value.strip()
    if not value:
        return THEMES[0]
    if value in THEMES:
        return value
    report.warning(line, "frontmatter.unknown_theme", theme=value, themes=", ".join(THEMES))
    return MARP_FALLBACK_THEME
